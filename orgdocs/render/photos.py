"""People's pictures for chart boxes: a holder's photo cropped to a square at the centre, resized, and masked round;
or their initials on a disc. The same PNG bytes go into every format (SVG as a data: URI, PDF and PNG through
Graphviz, a PPTX picture), so every drawing of a box shows the same picture.

`avatar_png` is the one function a writer calls. Output is deterministic: the same photo and size give the same
bytes (no metadata, no timestamps, a fixed compression level).
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from orgdocs.paths import inside
from orgdocs.render import font_metrics

SCALE = 2  # pixels per point: sharp on screens and in print at the size a box draws it
DISC = (0x4a, 0x5a, 0x70)  # initials: white letters on a slate disc, readable on every unit colour
_FORMATS = ["PNG", "JPEG", "WEBP"]


def avatar_png(size_pt: float, shape: str, *, photo: bytes | None = None, initials: str = "") -> bytes:
    """A picture `size_pt` points across (SCALE pixels a point), round or square: the photo when given, else the
    initials on a disc. Raises ValueError when the photo cannot be decoded."""
    px = max(8, round(size_pt * SCALE))
    image = _cropped(photo, px) if photo is not None else _initials(initials, px)
    if shape == "round":
        from PIL import ImageChops

        image.putalpha(ImageChops.multiply(_disc(px), image.getchannel("A")))
    if photo is None:  # two colours and their blends: 16 colours keep it exact at a third of the bytes
        from PIL import Image

        image = image.quantize(colors=16, method=Image.Quantize.FASTOCTREE)
    return _png(image)


def read_photo(folder: Path, name: str, max_bytes: int) -> bytes | None:
    """A photo's bytes, only from inside `folder` (validation checked the file; this refuses anything that
    changed since to point elsewhere), or None."""
    path = folder / name
    if not name or Path(name).is_absolute() or not inside(folder, path):
        return None
    try:
        if not path.is_file() or path.stat().st_size > max_bytes:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _cropped(data: bytes, px: int):
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data), formats=_FORMATS) as img:
            img.draft("RGB", (px * 2, px * 2))  # a large JPEG decoded at a fraction of its size: far faster
            img = ImageOps.exif_transpose(img)  # a phone photo stands the way it was taken
            img = _eight_bit(img).convert("RGBA")
    except Exception as exc:  # Pillow raises many kinds for a damaged file
        raise ValueError(f"not a readable image ({exc})") from None
    w, h = img.size
    side = min(w, h)
    left, top = (w - side) // 2, (h - side) // 2
    return img.crop((left, top, left + side, top + side)).resize((px, px), Image.Resampling.LANCZOS,
                                                                 reducing_gap=3.0)


def _eight_bit(img):
    """16-bit greyscale scaled to 8 bits: Pillow's own convert clips every value above 255 to white."""
    if img.mode.startswith("I;16") or img.mode == "I":
        return img.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    return img


def _initials(text: str, px: int):
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (px, px), (*DISC, 255))
    if text:
        draw = ImageDraw.Draw(img)
        font = _font(round(px * (0.42 if len(text) < 2 else 0.38)))
        draw.text((px / 2, px / 2), text, fill=(255, 255, 255, 255), font=font, anchor="mm")
    return img


@functools.lru_cache(maxsize=16)
def _font(size: int):
    from PIL import ImageFont

    path = font_metrics.face_file(bold=True)
    if path:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    return ImageFont.load_default(size)


@functools.lru_cache(maxsize=8)
def _disc(px: int):
    """A disc with a soft edge, as a mask: drawn four times larger and scaled down, so the edge is not
    stair-stepped; made once a size."""
    from PIL import Image, ImageDraw

    big = Image.new("L", (px * 4, px * 4), 0)
    ImageDraw.Draw(big).ellipse((0, 0, px * 4 - 1, px * 4 - 1), fill=255)
    return big.resize((px, px), Image.Resampling.LANCZOS)


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=6)
    return out.getvalue()
