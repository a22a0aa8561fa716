"""A rough look at a chart deck without LibreOffice: each slide's shapes drawn with Pillow (rectangles, line
shapes, text runs with their size, weight and colour; no dashes, rounded corners or arrowheads), one PNG a slide.

    .venv/bin/python scripts/pptx-preview.py chart.pptx /tmp/slide      # /tmp/slide-1.png, /tmp/slide-2.png ...
    .venv/bin/python scripts/pptx-preview.py chart.pptx /tmp/slide 3    # 3 px a point

For a true rendering: `soffice --headless --convert-to pdf chart.pptx` where LibreOffice is installed.
"""

from __future__ import annotations

import sys

from lxml import etree
from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = {"a": A, "p": P}
FACES = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic", (True, True): "BoldItalic"}


def font(size: float, bold: bool, italic: bool, zoom: float):
    px = max(1, round(size * zoom))
    for name in (f"/usr/share/fonts/truetype/noto/NotoSans-{FACES[bold, italic]}.ttf",
                 "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(name, px)
        except OSError:
            continue
    return ImageFont.load_default()


def emu(v: int, zoom: float) -> float:
    return v / 12700 * zoom


def draw_text(d: ImageDraw.ImageDraw, shape, x: float, y: float, w: float, zoom: float) -> None:
    frame = shape.text_frame
    top = y + emu(frame.margin_top or 0, zoom)
    left = x + emu(frame.margin_left or 0, zoom)
    right = x + w - emu(frame.margin_right or 0, zoom)
    for para in frame.paragraphs:
        runs = list(para.runs)
        tallest = max([r.font.size.pt for r in runs if r.font.size] or [9])
        if para.space_before is not None:
            top += para.space_before.pt * zoom
        ppr = para._p.find(f"{{{A}}}pPr")
        centred = ppr is not None and ppr.get("algn") == "ctr"
        cx, index = left, 0
        for child in para._p:
            tag = etree.QName(child).localname
            if tag == "br":
                top += tallest * 1.15 * zoom
                cx = left
                continue
            if tag != "r":
                continue
            run = runs[index]
            index += 1
            size = run.font.size.pt if run.font.size else 9
            face = font(size, bool(run.font.bold), bool(run.font.italic), zoom)
            colour = f"#{run.font.color.rgb}" if run.font.color and run.font.color.type else "#000000"
            if run.text == "\t" and index < len(runs):  # a right tab stop: the next run at the right edge
                after = runs[index]
                cx = right - d.textlength(after.text, font=font(after.font.size.pt, True, False, zoom))
                continue
            if centred:
                cx = x + (w - d.textlength(run.text, font=face)) / 2
            d.text((cx, top), run.text, font=face, fill=colour)
            cx += d.textlength(run.text, font=face)
        top += tallest * 1.15 * zoom


def main() -> None:
    deck, stem = sys.argv[1], sys.argv[2]
    zoom = float(sys.argv[3]) if len(sys.argv) > 3 else 2.0
    prs = Presentation(deck)
    width, height = emu(prs.slide_width, zoom), emu(prs.slide_height, zoom)
    for number, slide in enumerate(prs.slides, 1):
        image = Image.new("RGB", (round(width), round(height)), "white")
        d = ImageDraw.Draw(image)
        for shape in slide.shapes:
            x, y, w, h = (emu(v, zoom) for v in (shape.left, shape.top, shape.width, shape.height))
            el = shape._element
            fill = el.find("p:spPr/a:solidFill/a:srgbClr", NS)
            line = el.find("p:spPr/a:ln/a:solidFill/a:srgbClr", NS)
            path = el.find(".//a:custGeom//a:path", NS)
            if path is not None:
                pw, ph = max(1.0, float(path.get("w"))), max(1.0, float(path.get("h")))
                points = [(x + float(p.get("x")) / pw * w, y + float(p.get("y")) / ph * h)
                          for p in path.iter(f"{{{A}}}pt")]
                if len(points) > 1:
                    d.line(points, fill=f"#{line.get('val')}" if line is not None else "#888888",
                           width=max(1, round(zoom / 2)))
                continue
            if fill is not None or line is not None:
                d.rectangle([x, y, x + w, y + h], fill=f"#{fill.get('val')}" if fill is not None else None,
                            outline=f"#{line.get('val')}" if line is not None else None)
            if shape.has_text_frame:
                draw_text(d, shape, x, y, w, zoom)
        image.save(f"{stem}-{number}.png")
        print(f"{stem}-{number}.png")


if __name__ == "__main__":
    main()
