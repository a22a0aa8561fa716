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


def _pieces(word: str, limit: float, size: float, bold: bool, measure: Measure = width,
            whole: bool = False) -> list[str]:
    """A word wider than the line, broken after a hyphen where one falls in the line, else between characters:
    a long name wraps instead of being cut. `whole`: never between letters (a narrow column, where a word cut in
    two reads as two names): shortened instead."""
    if measure(word, size, bold) <= limit:
        return [word]
    if whole or any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in word):
        # Arabic letters join and Hebrew reads as a whole: such a word is shortened whole, never split
        head, cut, rest = word.partition("-")
        if cut and rest and not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in word):
            return [*_pieces(head + cut, limit, size, bold, measure, True),
                    *_pieces(rest, limit, size, bold, measure, True)]
        return [shorten(word, limit, size, bold, measure)]
    out: list[str] = []
    current = ""
    for ch in word:
        if current and measure(current + ch, size, bold) > limit:
            cut = current.rfind("-")
            if 0 < cut < len(current) - 1:
                out.append(current[:cut + 1])
                current = current[cut + 1:]
            else:
                out.append(current)
                current = ""
        current += ch
    return out + [current] if current else out


def wrap_all(text: str, limit: float, size: float, bold: bool = False, measure: Measure = width,
             whole: bool = False) -> list[str]:
    """Greedy word wrap with as many lines as it takes; no line wider than `limit`."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        for piece in _pieces(word, limit, size, bold, measure, whole):
            trial = f"{current} {piece}" if current else piece
            if current and measure(trial, size, bold) > limit:
                lines.append(current)
                current = piece
            else:
                current = trial
    if current:
        lines.append(current)
    return lines


def fit_lines(text: str, limit: float, size: float, max_lines: int, bold: bool = False,
              measure: Measure = width, tail: str = "") -> list[str]:
    """wrap_all in at most max_lines: beyond them the last line ends in …. `tail` (a co-head's FTE) ends the
    text whole, never cut or broken: on the last line where it fits beside the text, else on a line of its own;
    only the text before it is shortened."""
    if tail:
        return _fit_with_tail(text, tail, limit, size, max_lines, bold, measure)
    lines = wrap_all(text, limit, size, bold, measure)
    if len(lines) <= max_lines:
        return lines
    return lines[:max_lines - 1] + [shorten(" ".join(lines[max_lines - 1:]) + " …", limit, size, bold, measure)]


def _fit_with_tail(text: str, tail: str, limit: float, size: float, max_lines: int, bold: bool,
                   measure: Measure) -> list[str]:
    lines = wrap_all(text, limit, size, bold, measure, whole=True)
    last = f"{lines[-1]} {tail}" if lines else tail
    if len(lines) <= max_lines and measure(last, size, bold) <= limit:
        return lines[:-1] + [last]
    if len(lines) < max_lines:
        return lines + [tail]
    room = limit - measure(" " + tail, size, bold)
    if room >= measure("M…", size, bold):  # the text's end shortened beside the number
        head = lines[:max_lines - 1]
        return head + [f"{_shorten_words(' '.join(lines[max_lines - 1:]), room, size, bold, measure)} {tail}"]
    if max_lines < 2:
        return [tail]
    head = lines[:max_lines - 1]  # the number on its own line, under as much of the text as fits above it
    if len(lines) > max_lines - 1 and not head[-1].endswith("…"):
        head[-1] = _shorten_words(head[-1], limit, size, bold, measure, more=True)
    return head + [tail]


def _shorten_words(text: str, limit: float, size: float, bold: bool, measure: Measure, more: bool = False) -> str:
    """Text cut after its last whole word that fits with "…" (a word cut inside reads as another name, and an
    Arabic one loses its joining); one word alone too wide is shortened itself. `more`: text follows that is not
    shown, so "…" ends it even where it fits."""
    if not more and measure(text, size, bold) <= limit:
        return text
    if more and measure(text + " …", size, bold) <= limit:
        return text + " …"
    words = text.split()
    if more and len(words) == 1:
        return shorten(text + "…", limit, size, bold, measure)
    while len(words) > 1:
        words.pop()
        if measure(" ".join(words) + "…", size, bold) <= limit:
            return " ".join(words).rstrip("…") + "…"
    return shorten(words[0], limit, size, bold, measure) if words else ""


def names_lines(names: list[str], limit: float, size: float, max_lines: int,
                measure: Measure = width) -> list[str]:
    """Holders' names, comma-separated and wrapped (a long name wraps, it is not cut); when they need more than
    max_lines, the names that do not fit are counted instead: "Ana Ruiz, Bo Li +3"."""
    if not names:
        return []
    text = ", ".join(names)
    if measure(text, size, False) <= limit:  # most boxes: one measure
        return [text]
    lines = wrap_all(text, limit, size, False, measure)
    if len(lines) <= max_lines:
        return lines
    lines = wrap(text, limit, size, max_lines, False, measure)
    shown = ", ".join(lines).count(",") + 1
    if shown < len(names) and lines:
        more = f" +{len(names) - shown + 1}"
        lines[-1] = shorten(lines[-1].rsplit(",", 1)[0] + more, limit, size, False, measure)
    return lines
