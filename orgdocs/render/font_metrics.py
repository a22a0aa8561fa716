"""Text widths from the installed font's own advance widths (fontTools), so the chart SVG places right-aligned,
centred and side-by-side text the way a browser will draw it; the estimate table in chart/text.py when the font
is not installed.

The faces are found with fc-match (as Graphviz and WeasyPrint find them); a character the Latin face lacks is
measured in the CJK face, then by the table.
"""

from __future__ import annotations

import array
import functools
import shutil
import subprocess
import sys

from orgdocs.chart import text as estimate

FACES = {(False, False): "Noto Sans", (True, False): "Noto Sans:bold", (False, True): "Noto Sans:italic",
         (True, True): "Noto Sans:bold:italic"}
CJK_FACE = "Noto Sans CJK SC"


def _find(pattern: str, family: str) -> str | None:
    """The font file fontconfig picks for `pattern`, only when it really is that family (fc-match always
    answers with some font)."""
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        done = subprocess.run([exe, "-f", "%{family}\n%{file}", pattern], capture_output=True, timeout=10,
                              check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    if done.returncode != 0 or len(lines) < 2 or family not in lines[0].split(","):
        return None
    return lines[1]


class _Face:
    """Advance widths in em of one font file, read once."""

    def __init__(self, path: str):
        from fontTools.ttLib import TTFont  # only when a chart is drawn

        with TTFont(path, fontNumber=0, lazy=True) as font:
            units = font["head"].unitsPerEm
            count = font["hhea"].numberOfHMetrics
            # the advances straight from the table's bytes: fontTools' own decompile of hmtx takes 0.2 s a face
            raw = array.array("H")
            raw.frombytes(font.reader["hmtx"][:4 * count])
            if sys.byteorder == "little":
                raw.byteswap()
            advances = raw[::2]  # (advance, left side bearing) pairs; glyphs past `count` share the last advance
            ids = font.getReverseGlyphMap()
            self.em = {code: advances[min(ids[glyph], count - 1)] / units
                       for code, glyph in (font.getBestCmap() or {}).items()}


@functools.lru_cache(maxsize=8)
def _face(pattern: str, family: str) -> _Face | None:
    path = _find(pattern, family)
    if path is None:
        return None
    try:
        return _Face(path)
    except Exception:  # an unreadable font file: measure with the table
        return None


@functools.lru_cache(maxsize=1)
def available() -> bool:
    return _face(FACES[False, False], "Noto Sans") is not None


def width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """Width in points of `text` set at `size` points (no kerning: a fraction of a point on a name)."""
    face = _face(FACES[bold, italic], "Noto Sans")
    if face is None:
        return estimate.width(text, size, bold)
    cjk = None
    total = 0.0
    for ch in text:
        em = face.em.get(ord(ch))
        if em is None:
            cjk = cjk or _face(CJK_FACE + (":bold" if bold else ""), CJK_FACE)
            em = cjk.em.get(ord(ch)) if cjk is not None else None
            if em is None:
                em = estimate.char_em(ch) * (1.07 if bold else 1.0)
        total += em
    return total * size


def face_file(bold: bool = False) -> str | None:
    """The Noto Sans file fontconfig picks (for pictures drawn with it, render/photos), or None."""
    return _find(FACES[bold, False], "Noto Sans")
