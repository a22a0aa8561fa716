"""Text width estimates for box labels, so text is wrapped and shortened to fit boxes of a fixed size.

Widths are in em for Noto Sans / DejaVu Sans; they err on the wide side so text never overflows a box.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable

_NARROW = set("il.,:;!|'`ıfjrtI()[]{}-")
_WIDE = set("mwMW@%")


@functools.lru_cache(maxsize=4096)
def char_em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if unicodedata.combining(ch):
        return 0.0
    if ch in _NARROW:
        return 0.32
    if ch in _WIDE:
        return 0.9
    if ch == " ":
        return 0.3
    if ch.isupper() or ch.isdigit():
        return 0.68
    return 0.58


def width(text: str, size: float, bold: bool = False) -> float:
    """Estimated width in points of text set at `size` points."""
    return sum(map(char_em, text)) * size * (1.07 if bold else 1.0)


Measure = Callable[[str, float, bool], float]  # (text, size, bold) -> points


def shorten(text: str, limit: float, size: float, bold: bool = False, measure: Measure = width) -> str:
    if measure(text, size, bold) <= limit:
        return text
    out = ""
    for ch in text:
        if measure(out + ch + "…", size, bold) > limit:
            break
        out += ch
    return out.rstrip() + "…"


def wrap(text: str, limit: float, size: float, max_lines: int, bold: bool = False,
         measure: Measure = width) -> list[str]:
    """Greedy word wrap into at most max_lines; the last line ends in … when text is cut. `measure`: text widths
    (this table's estimate unless the renderer has the font's own, render/text_fit.py)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and measure(trial, size, bold) > limit:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [" ".join(lines[max_lines - 1:])]
        lines[-1] = shorten(lines[-1] + " …", limit, size, bold, measure) \
            if measure(lines[-1], size, bold) <= limit else lines[-1]
    return [shorten(line, limit, size, bold, measure) for line in lines]
