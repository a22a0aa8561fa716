"""Han (Chinese) characters in text: found one way for every format, so HTML, SVG and chart labels agree on
which text is drawn with Chinese glyph forms (font fallback would pick the Japanese ones)."""

from __future__ import annotations

import re

# radicals and strokes, unified ideographs (extension A, the main block, B and later), compatibility ideographs
HAN = re.compile(r"[\u2e80-\u2fdf\u31c0-\u31ef\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                 r"\U00020000-\U0002fa1f\U00030000-\U0003134f]+")


def has_han(text: str) -> bool:
    return HAN.search(text) is not None
