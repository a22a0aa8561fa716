"""The frame every document shares: its kind and title, the org, the page size and the brand."""

from __future__ import annotations

from markupsafe import Markup

DEFAULT_COLOUR = "#2f6db5"
DEFAULT_ACCENT = "#8a4b00"
# Emoji are left to fontconfig's fallback: naming the emoji font here makes Pango draw digits with it.
FONT_STACK = ("'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans Arabic', 'Noto Sans Devanagari', 'Noto Sans Thai', "
              "'DejaVu Sans', sans-serif")


def page_context(doc_kind: str, doc_title: str, *, name: str, as_of=None, org_id: str = "", department: str = "",
                 brand=None, logo_url: str = "", page: str = "A4", when=None) -> dict:
    """What base.html.j2 needs: the document's kind and title, the org, the page, the brand."""
    return {
        "lang": "en",
        "doc_kind": doc_kind,
        "doc_title": doc_title,
        "created": when.strftime("%Y-%m-%dT%H:%M:%SZ") if when else "",
        "page": {"size": page},
        "org": {"id": org_id, "name": name, "department": department,
                "as_of_text": as_of.isoformat() if as_of else ""},
        "brand": {
            "colour": (brand.colour if brand and brand.colour else DEFAULT_COLOUR),
            "accent": (brand.accent if brand and brand.accent else DEFAULT_ACCENT),
            # validated font names only (see model Brand.font), so the stack is safe inside CSS
            "font_stack": Markup((f"'{brand.font}', " if brand and brand.font else "") + FONT_STACK),
            "logo_url": logo_url,
        },
    }
