"""The small reporting-line diagram on a role description: manager above, the role, its reports below.

Drawn as HTML boxes with CSS connector lines, so its text is shaped and laid out like the rest of the page (any
script, right-to-left included) and long titles wrap inside their boxes; it only ever appears in pages.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from orgdocs.render.diagram_html import clip, direction
from orgdocs.render.html import han_text

MAX_REPORTS = 4  # report boxes shown; the rest are counted in one more box


def _box(text: str, cls: str) -> str:
    text = clip(text)
    return f'<div class="rd-box {cls}"><span dir="{direction(text)}">{han_text(text)}</span></div>'


def role_diagram(diagram: dict, title: str) -> Markup:
    reports = list(diagram["reports"][:MAX_REPORTS])
    more = len(diagram["reports"]) - len(reports)
    if more:
        reports.append(f"+{more} more")
    parts = []
    if diagram["manager"]:
        parts.append(f'<div class="rd-row">{_box(diagram["manager"], "manager")}</div><div class="rd-stem"></div>')
    parts.append(f'<div class="rd-row">{_box(diagram["role"], "this-role")}</div>')
    if reports:
        # the bus runs from the centre of the first report column to the centre of the last
        inset = 50 / len(reports)
        parts.append(f'<div class="rd-stem"></div><div class="rd-bus" style="margin:0 {inset:.3f}%"></div>'
                     '<div class="rd-reports">'
                     + "".join(f'<div class="rd-col"><div class="rd-stem"></div>{_box(r, "report")}</div>'
                               for r in reports)
                     + "</div>")
    return Markup(f'<div class="role-diagram" role="img" aria-label="{escape(title)}">' + "".join(parts) + "</div>")
