"""A chart PNG as Graphviz drew it, made ready for print and slides: the exact pixel size of its paper (Graphviz
truncates, so A4 at 300 dpi came out 2479 × 3507 instead of 2480 × 3508), opaque unless --transparent (Graphviz's
cairo leaves a half-transparent last column at some resolutions), and a pHYs chunk that states its resolution, so
Word and PowerPoint place it at its size instead of at 96 dpi."""

from __future__ import annotations

import io
import struct
import zlib

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def finish_png(data: bytes, dpi: float, *, transparent: bool = False,
               pixels: tuple[int, int] | None = None) -> bytes:
    """`data` at exactly `pixels` (padded with the background or cropped at the right and bottom, where the
    paper's margin is), on white unless `transparent`, declaring `dpi`."""
    if not data.startswith(_SIGNATURE):  # not Graphviz's PNG (a stand-in drawing): nothing of ours to finish
        return data
    import warnings

    from PIL import Image

    # a PNG Graphviz drew for us, within the chart's pixel budget (render/chart_tiles): not a decompression bomb
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        img = Image.open(io.BytesIO(data), formats=["PNG"])
        img.load()
    size = pixels or img.size
    if transparent:
        out = Image.new("RGBA", size, (255, 255, 255, 0))
        out.paste(img.convert("RGBA"), (0, 0))
    else:
        out = Image.new("RGB", size, (255, 255, 255))
        rgba = img.convert("RGBA")
        out.paste(rgba, (0, 0), rgba)
    buf = io.BytesIO()
    out.save(buf, format="PNG", optimize=False, compress_level=6)
    return with_phys(buf.getvalue(), dpi)


def with_phys(data: bytes, dpi: float) -> bytes:
    """The PNG with one pHYs chunk (pixels a metre, both ways) right after IHDR, replacing any it had."""
    if not data.startswith(_SIGNATURE):
        raise ValueError("not a PNG")
    per_metre = round(dpi / 0.0254)
    body = struct.pack(">IIB", per_metre, per_metre, 1)
    chunk = struct.pack(">I", len(body)) + b"pHYs" + body + struct.pack(">I", zlib.crc32(b"pHYs" + body))
    out, pos = [_SIGNATURE], len(_SIGNATURE)
    while pos < len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        kind = data[pos + 4:pos + 8]
        end = pos + 12 + length
        if kind != b"pHYs":
            out.append(data[pos:end])
        if kind == b"IHDR":
            out.append(chunk)
        pos = end
    return b"".join(out)
