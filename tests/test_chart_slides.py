"""Issue 15, item 2: charts for print and slides: --dpi, --scale, --transparent, the slide page presets and
--split on a slide. Sizes are read back from the files (PNG header, SVG attributes, PDF media boxes) and compared
with figures worked out by hand from the page sizes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import invoke_cli
from PIL import Image
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "orgs" / "cs-enhanced-team"  # 7 positions, three units, wider than tall
TALL = ROOT / "orgs" / "platform-engineering"  # taller than wide at natural size
SPLIT_ORG = ROOT / "orgs" / "support-operations"  # an overview and three unit pages (tests/test_chart.py)
SVG = "{http://www.w3.org/2000/svg}"


def chart(tmp_path: Path, org: Path, name: str, *args) -> Path:
    out = tmp_path / name
    result = invoke_cli("chart", org, "-o", out, *args)
    assert result.exit_code == 0, result.output
    return out


def svg_size(path: Path) -> tuple[float, float]:
    root = ET.parse(path).getroot()
    return float(root.get("width").removesuffix("pt")), float(root.get("height").removesuffix("pt"))


def pdf_sizes(path: Path) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(path).pages]


def test_png_at_300_dpi_on_a3_is_print_size(tmp_path):
    png = chart(tmp_path, SMALL, "a3.png", "--page", "A3", "--dpi", "300")
    # A3 is 297 × 420 mm = 841.89 × 1190.55 pt; the chart is wide, so landscape. At 300 dpi:
    # 1190.55 × 300 / 72 = 4960.6 px wide, 841.89 × 300 / 72 = 3507.9 px high (Graphviz rounds the page to
    # whole points, 1191 × 842: a pixel or two more)
    w, h = Image.open(png).size
    assert abs(w - 4961) <= 2 and abs(h - 3508) <= 2, (w, h)


def test_a_dpi_beyond_the_pixel_budget_is_lowered_to_fit_and_said(tmp_path, monkeypatch):
    from orgdocs.render import chart_tiles

    monkeypatch.setattr(chart_tiles, "PNG_MAX_PIXELS", 4_000_000)
    out = tmp_path / "a4.png"
    result = invoke_cli("chart", SMALL, "-o", out, "--page", "A4", "--dpi", "600")
    assert result.exit_code == 0, result.output
    # A4 landscape, 841.89 × 595.28 pt; within 4 megapixels: sqrt(4e6 / (841.89 × 595.28)) × 72 = 203.4 dpi,
    # 841.89 × 203.4 / 72 = 2378 px by 595.28 × 203.4 / 72 = 1682 px (Graphviz: whole points, a pixel more)
    w, h = Image.open(out).size
    assert abs(w - 2378) <= 3 and abs(h - 1682) <= 3 and w * h <= 4_000_000 * 1.003, (w, h)
    assert "note: a4.png: drawn at 203 dpi, lowered from 600 dpi" in result.stderr
    quiet = invoke_cli("chart", SMALL, "-o", tmp_path / "b.png", "--page", "A4")  # 192 dpi fits: no note
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_png_defaults_to_192_dpi_and_follows_dpi(tmp_path):
    svg = chart(tmp_path, SMALL, "x.svg")
    width, height = svg_size(svg)
    default = Image.open(chart(tmp_path, SMALL, "x.png")).size
    # 192 dpi is 192 / 72 = 2.667 px per point
    assert abs(default[0] - width * 192 / 72) <= 2 and abs(default[1] - height * 192 / 72) <= 2
    low = Image.open(chart(tmp_path, SMALL, "low.png", "--dpi", "72")).size
    assert abs(low[0] - width) <= 2 and abs(low[1] - height) <= 2  # 72 dpi: a pixel per point


def test_scale_multiplies_the_size_of_svg_pdf_and_png(tmp_path):
    one_svg, two_svg = svg_size(chart(tmp_path, SMALL, "1.svg")), svg_size(chart(tmp_path, SMALL, "2.svg",
                                                                                  "--scale", "2"))
    assert two_svg == (one_svg[0] * 2, one_svg[1] * 2)
    # the drawing inside is unchanged: the viewBox is the same
    boxes = [ET.parse(tmp_path / f).getroot().get("viewBox") for f in ("1.svg", "2.svg")]
    assert boxes[0] == boxes[1]
    [one_pdf], [two_pdf] = pdf_sizes(chart(tmp_path, SMALL, "1.pdf")), pdf_sizes(chart(tmp_path, SMALL, "2.pdf",
                                                                                       "--scale", "2"))
    assert two_pdf == pytest.approx((one_pdf[0] * 2, one_pdf[1] * 2), abs=0.01)
    assert one_pdf == pytest.approx(one_svg, abs=1)
    half = Image.open(chart(tmp_path, SMALL, "half.png", "--scale", "0.5")).size
    # 192 dpi at half size: 96 px per 72 pt
    assert abs(half[0] - one_svg[0] * 96 / 72) <= 2 and abs(half[1] - one_svg[1] * 96 / 72) <= 2


def test_transparent_png_has_an_alpha_channel_and_clear_corners(tmp_path):
    clear = Image.open(chart(tmp_path, SMALL, "t.png", "--transparent"))
    assert clear.mode == "RGBA"
    w, h = clear.size
    for corner in ((0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1)):
        assert clear.getpixel(corner)[3] == 0, corner
    # the chart is still drawn: the boxes are opaque (some pixel fully covered)
    assert clear.getchannel("A").getextrema() == (0, 255)
    white = Image.open(chart(tmp_path, SMALL, "w.png")).convert("RGBA")
    assert white.getpixel((0, 0)) == (255, 255, 255, 255)


def test_transparent_svg_has_no_white_sheet(tmp_path):
    def sheet_fills(path: Path) -> list[str]:
        graph = ET.parse(path).getroot().find(SVG + "g")
        return [p.get("fill") for p in graph.findall(SVG + "polygon")]  # the sheet: a polygon of the graph itself

    assert sheet_fills(chart(tmp_path, SMALL, "w.svg")) == ["white"]
    assert sheet_fills(chart(tmp_path, SMALL, "t.svg", "--transparent")) == []


@pytest.mark.parametrize(("page", "size"), [("slide-16x9", (960, 540)), ("slide-4x3", (720, 540))])
def test_slide_presets_are_landscape_slides_in_svg_and_pdf(tmp_path, page, size):
    # 16:9 is 13.333 × 7.5 in = 960 × 540 pt; 4:3 is 10 × 7.5 in = 720 × 540 pt
    for org in (SMALL, TALL):  # a tall chart too: a slide does not turn
        assert svg_size(chart(tmp_path, org, f"{org.name}.svg", "--page", page)) == size
        # (the tall one shrunk below 45% is tiled over several slides, each of them that size)
        assert set(pdf_sizes(chart(tmp_path, org, f"{org.name}.pdf", "--page", page))) == {size}
    png = Image.open(chart(tmp_path, SMALL, "s.png", "--page", page)).size
    assert abs(png[0] - size[0] * 192 / 72) <= 2 and abs(png[1] - size[1] * 192 / 72) <= 2  # 2560 × 1440 for 16:9
    portrait = chart(tmp_path, SMALL, "p.svg", "--page", page, "--orientation", "portrait")
    assert svg_size(portrait) == (size[1], size[0])  # asked for: turned


def test_split_on_slides_gives_an_overview_and_a_slide_per_unit(tmp_path):
    # support-operations: an overview down to the unit leads, then technical-support, customer-success and
    # support-operations (tests/test_chart.py's SPLIT_UNITS): 1 + 3 = 4 slides
    pdf = chart(tmp_path, SPLIT_ORG, "x.pdf", "--page", "slide-16x9", "--split")
    assert pdf_sizes(pdf) == [(960, 540)] * 4
    texts = [p.extract_text() for p in PdfReader(pdf).pages]
    assert "Overview" in texts[0]
    for unit in ("Technical Support", "Customer Success", "Support Operations"):
        assert any(t.split("\n", 2)[1].startswith(unit) for t in texts[1:]), unit
    svgs = tmp_path / "svgs"
    result = invoke_cli("chart", SPLIT_ORG, "--page", "slide-16x9", "--split", "-f", "svg", "--out-dir", svgs)
    assert result.exit_code == 0, result.output
    files = sorted((svgs / "support-operations").iterdir())
    assert len(files) == 4 and all(svg_size(f) == (960, 540) for f in files)


def test_option_values_out_of_range_are_usage_errors(tmp_path):
    for args, word in ((["--dpi", "0"], "--dpi"), (["--scale", "0"], "--scale"), (["--page", "slide-1x1"], "--page")):
        result = invoke_cli("chart", SMALL, "-o", tmp_path / "x.png", *args)
        assert result.exit_code == 2 and word in result.output, result.output
        assert not (tmp_path / "x.png").exists()


def test_the_help_names_the_slide_pages():
    result = invoke_cli("chart", "--help")
    text = re.sub(r"\s+", " ", result.output)
    assert "slide-16x9" in text and "slide-4x3" in text and "--transparent" in text and "--dpi" in text
