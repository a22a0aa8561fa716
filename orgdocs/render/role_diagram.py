"""The small reporting-line diagram on a role description: manager above, the role, its reports below."""

from __future__ import annotations

from orgdocs.chart.text import shorten
from orgdocs.render import svg

W = 170.0
H = 30.0
GAP = 22.0


def role_diagram(diagram: dict, title: str) -> str:
    reports = diagram["reports"][:4]
    more = len(diagram["reports"]) - len(reports)
    if more:
        reports.append(f"+{more} more")
    cols = max(1, len(reports))
    width = max(W + 40, cols * (W * 0.8 + 10) + 30)
    y = 6.0
    body = []
    cx = width / 2
    if diagram["manager"]:
        body.append(svg.rect(cx - W / 2, y, W, H, fill="#f1f2f4", stroke="#9aa3ad", rx=4, cls="manager"))
        body.append(svg.text(cx, y + H / 2 + 4, shorten(diagram["manager"], W - 12, 9), size=9, anchor="middle"))
        body.append(svg.line(cx, y + H, cx, y + H + GAP))
        y += H + GAP
    body.append(svg.rect(cx - W / 2, y, W, H, fill="#dbe7f3", stroke="#4e79a7", rx=4, cls="this-role"))
    body.append(svg.text(cx, y + H / 2 + 4, shorten(diagram["role"], W - 12, 10), size=10, anchor="middle",
                         weight="bold"))
    if reports:
        bus = y + H + GAP / 2
        body.append(svg.line(cx, y + H, cx, bus))
        w = W * 0.8
        start = cx - (cols * (w + 10) - 10) / 2
        centres = [start + i * (w + 10) + w / 2 for i in range(cols)]
        body.append(svg.line(centres[0], bus, centres[-1], bus))
        for c, name in zip(centres, reports):
            body.append(svg.line(c, bus, c, y + H + GAP))
            body.append(svg.rect(c - w / 2, y + H + GAP, w, H, fill="#ffffff", stroke="#9aa3ad", rx=4, cls="report"))
            body.append(svg.text(c, y + H + GAP + H / 2 + 4, shorten(name, w - 10, 8.5), size=8.5, anchor="middle"))
        y += H + GAP
    return svg.document(width, y + H + 6, body, title=title, cls="role-diagram")
