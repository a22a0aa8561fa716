"""Right-to-left text (Hebrew, Arabic, Syriac, Thaana, N'Ko ...): found one way for every format, and isolated
where it sits among other text.

A label written right to left and joined to others ("الأساس → إعادة التنظيم") is one right-to-left run to the
bidi algorithm, which then shows the labels, and the arrow between them, in the opposite order to a reader of
the sentence around them. Each value is isolated: in HTML with dir="auto" (a browser's own rule), and with the
Unicode isolates FSI…PDI inside, which WeasyPrint (it has no `unicode-bidi: isolate`) and Graphviz (Pango) honour
too. Values with no right-to-left letter are left as they are; Markdown, CSV and JSON carry the text literally.
"""

from __future__ import annotations

import re
import unicodedata

# Hebrew to Arabic Extended-A (with Syriac, Thaana, N'Ko, Samaritan, Mandaic), Hebrew and Arabic presentation
# forms, and the right-to-left blocks of the supplementary planes
RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")
FSI, PDI = "\u2068", "\u2069"  # first strong isolate (its direction from its own first letter), pop


def has_rtl(text: str) -> bool:
    return RTL.search(text) is not None


def isolate(text: str) -> str:
    """The text between FSI and PDI when it has a right-to-left letter, else as it is."""
    return f"{FSI}{text}{PDI}" if has_rtl(text) else text


def direction(text: str) -> str:
    """The text's own direction, by its first strong character (what dir="auto" does in a browser, done here
    because WeasyPrint does not implement dir="auto")."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"
