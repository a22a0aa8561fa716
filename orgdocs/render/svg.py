"""Small SVG documents written directly: every text is escaped, ids and classes are generated."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from orgdocs.render.han import has_han

FONT = "'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans Arabic', 'Noto Sans Devanagari', 'DejaVu Sans', sans-serif"


def text(x: float, y: float, content: str, *, size: float = 10, anchor: str = "start", weight: str = "normal",
         fill: str = "#1f2430", cls: str = "") -> str:
    c = f" class={quoteattr(cls)}" if cls else ""
    # Han text in Chinese glyph forms (font fallback would pick the Japanese ones)
    han = ' font-family="\'Noto Sans CJK SC\', sans-serif" xml:lang="zh-Hans"' if has_han(content) else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}" font-weight="{weight}" '
            f'fill="{fill}"{c}{han}>{escape(content)}</text>')


def rect(x: float, y: float, w: float, h: float, *, fill: str, stroke: str = "none", rx: float = 0,
         cls: str = "", dash: str = "", title: str = "") -> str:
    c = f" class={quoteattr(cls)}" if cls else ""
    d = f' stroke-dasharray="{dash}"' if dash else ""
    t = f"<title>{escape(title)}</title>" if title else ""
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{rx:g}" fill="{fill}" '
            f'stroke="{stroke}"{d}{c}>{t}</rect>')


def line(x1: float, y1: float, x2: float, y2: float, *, stroke: str = "#6b7380", width: float = 1.2,
         dash: str = "", cls: str = "", marker: str = "") -> str:
    d = f' stroke-dasharray="{dash}"' if dash else ""
    c = f" class={quoteattr(cls)}" if cls else ""
    m = f' marker-end="url(#{marker})"' if marker else ""
    return (f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}" '
            f'stroke-width="{width:g}"{d}{c}{m}/>')


def path(d: str, *, stroke: str = "#6b7380", width: float = 1.2, dash: str = "", cls: str = "",
         marker: str = "", title: str = "") -> str:
    """An unfilled path (`d` is made of numbers by the caller) with an optional arrowhead and hover title."""
    da = f' stroke-dasharray="{dash}"' if dash else ""
    c = f" class={quoteattr(cls)}" if cls else ""
    m = f' marker-end="url(#{marker})"' if marker else ""
    t = f"<title>{escape(title)}</title>" if title else ""
    return f'<path d={quoteattr(d)} fill="none" stroke="{stroke}" stroke-width="{width:g}"{da}{c}{m}>{t}</path>'


MARKERS = ('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6b7380"/></marker></defs>')


def document(width: float, height: float, body: list[str], *, title: str, cls: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class={quoteattr(cls)} viewBox="0 0 {width:.0f} {height:.0f}" '
            f'width="{width:.0f}" height="{height:.0f}" font-family="{FONT}" role="img">'
            f"<title>{escape(title)}</title>" + MARKERS + "".join(body) + "</svg>")
