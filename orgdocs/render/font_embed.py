"""The letters a standalone chart SVG uses, carried inside it: a subset of each font face it names (fontTools),
as @font-face rules with WOFF2 data: URIs in one <style>, so the SVG looks the same on a machine without Noto
Sans (PowerPoint, Keynote, most laptops) instead of spilling out of its boxes.

Each face (family, bold, italic) gets the subset of the characters drawn in it. Characters the face lacks
(Arabic, box-drawing marks) come from the font fontconfig picks for them, declared under the same family with a
unicode-range, as a browser would fall back. A face of more than MAX_FACE_CHARS characters or MAX_FACE_BYTES
(Han text by the hundred) is left out, and its text falls back along the SVG's font stack. Bytes are deterministic:
the font's own timestamps are kept, never the clock's.
"""

from __future__ import annotations

import base64
import functools
import io
import shutil
import subprocess

# Measured (Noto Sans CJK SC, WOFF2, unhinted): 100 Han characters 21 KB and 0.8 s, 400 characters 106 KB and
# 2.9 s; a Latin face of an example org 2-4 KB. Beyond these a face is left to the font stack.
MAX_FACE_CHARS = 300  # characters of one face, checked before the (slow) subsetting
MAX_FACE_BYTES = 160_000  # one face's WOFF2 subset
MAX_FALLBACK_FACES = 4  # other fonts asked for characters a face lacks, per face
Face = tuple[str, bool, bool]  # family, bold, italic


@functools.lru_cache(maxsize=64)
def _match(pattern: str) -> tuple[str, str, int] | None:
    """(family, file, index in the file) fontconfig picks for pattern."""
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        done = subprocess.run([exe, "-f", "%{family}\n%{file}\n%{index}", pattern], capture_output=True,
                              timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    if done.returncode != 0 or len(lines) < 3 or not lines[2].strip().isdigit():
        return None
    return lines[0].split(",")[0], lines[1], int(lines[2])


def _pattern(family: str, bold: bool, italic: bool, char: str | None = None) -> str:
    return (family + (":bold" if bold else "") + (":italic" if italic else "")
            + (f":charset={ord(char):x}" if char else ""))


@functools.lru_cache(maxsize=16)
def _cmap(path: str, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, fontNumber=index, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def _subset(path: str, index: int, chars: frozenset[str]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    if all(ord(c) < 0x300 for c in chars):
        # precomposed letters only: no shaping to keep (the text was measured without kerning, and a
        # subset's GSUB and GPOS cost most of its time and bytes)
        options.layout_features = []
        options.drop_tables += ["GSUB", "GPOS", "GDEF"]
    else:  # combining marks and joining scripts (Arabic) need their shaping
        options.layout_features = ["ccmp", "locl", "mark", "mkmk", "init", "medi", "fina", "isol", "rlig",
                                   "liga", "calt"]
    options.name_IDs = [1, 2]  # family and style names only: no licence text or URLs to carry
    options.hinting = False  # screens and PDFs scale the outlines; hints only add bytes
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: nothing a reader needs (and logged when kept)
    font = TTFont(path, fontNumber=index, recalcTimestamp=False, lazy=True)
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(ord(c) for c in chars))
        subsetter.subset(font)
        out = io.BytesIO()
        font.flavor = "woff2"
        font.save(out, reorderTables=False)
        return out.getvalue()
    finally:
        font.close()


def _range(chars: frozenset[str]) -> str:
    return ",".join(f"U+{ord(c):X}" for c in sorted(chars))


def _rule(family: str, bold: bool, italic: bool, data: bytes, chars: frozenset[str] | None) -> str:
    url = "data:font/woff2;base64," + base64.b64encode(data).decode("ascii")
    css = (f"@font-face{{font-family:'{family}';font-weight:{700 if bold else 400};"
           f"font-style:{'italic' if italic else 'normal'};src:url({url}) format('woff2')")
    return css + (f";unicode-range:{_range(chars)}}}" if chars is not None else "}")


@functools.lru_cache(maxsize=32)
def _face_rules(family: str, bold: bool, italic: bool, text: frozenset[str]) -> tuple[str, ...]:
    """The @font-face rules for one face: its own font's subset, and fallbacks for what it lacks."""
    rules: list[str] = []
    wanted = frozenset(c for c in text if not c.isspace() and ord(c) >= 0x20)
    found = _match(_pattern(family, bold, italic))
    if found is None or found[0] != family:
        return ()
    path, index = found[1], found[2]
    own = frozenset(c for c in wanted if ord(c) in _cmap(path, index))
    missing = wanted - own
    if len(own) > MAX_FACE_CHARS:
        return ()  # Han names by the hundred: too large to carry, the font stack's fallback draws them
    if own:
        data = _subset(path, index, own | frozenset(" "))
        if len(data) <= MAX_FACE_BYTES:
            # the family's own face carries no unicode-range: it is the font for everything it has
            rules.append(_rule(family, bold, italic, data, None))
        else:
            return ()  # too large to carry (Han): the font stack's fallback draws it
    for _ in range(MAX_FALLBACK_FACES):
        if not missing:
            break
        other = _match(_pattern(family, bold, italic, min(missing)))
        if other is None:
            break
        covered = frozenset(c for c in missing if ord(c) in _cmap(other[1], other[2]))
        if not covered:
            break  # fontconfig knows no font with it: the browser's last resort
        missing -= covered
        data = _subset(other[1], other[2], covered)
        if len(covered) <= MAX_FACE_CHARS and len(data) <= MAX_FACE_BYTES:
            rules.append(_rule(family, bold, italic, data, covered))
    return tuple(rules)


def font_style(used: dict[Face, set[str]]) -> str:
    """A <defs> holding one <style> of @font-face rules for the faces and characters used; "" when no font is
    installed to take them from."""
    rules = [rule for face in sorted(used) for rule in _face_rules(*face, frozenset(used[face]))]
    if not rules:
        return ""
    return '<defs id="embedded-fonts"><style type="text/css">' + "".join(rules) + "</style></defs>\n"
