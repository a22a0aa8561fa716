"""Career ladder diagrams: each ladder a column of steps from junior (bottom) to senior (top), promotion
timelines on the arrows, ladders side by side, and dashed arrows where one ladder leads into another.

One layout, two renderings: ladder.svg (SVG text) and the diagram in ladder.html/.pdf (HTML text, shaped).
"""

from __future__ import annotations

from markupsafe import Markup

from orgdocs.render import svg
from orgdocs.render.diagram_html import Label, html_document, svg_document

BOX_W = 190.0
BOX_H = 54.0
GAP_Y = 40.0
COL_GAP = 90.0
TOP = 34.0
MUTED = "#5b6270"
ACCENT = "#8a4b00"


def layout(ladders: list[dict]) -> tuple[float, float, list[str], list[Label]]:
    tallest = max(len(lad["steps"]) for lad in ladders)
    height = TOP + tallest * BOX_H + (tallest - 1) * GAP_Y + 20
    width = len(ladders) * BOX_W + (len(ladders) - 1) * COL_GAP + 40
    shapes: list[str] = []
    labels: list[Label] = []
    where: dict[str, tuple[float, float]] = {}  # step title -> box centre, for transitions
    for c, lad in enumerate(ladders):
        x0 = 20 + c * (BOX_W + COL_GAP)
        labels.append(Label(x0 - COL_GAP / 2 + 5, 2, BOX_W + COL_GAP - 10, 28, lad["name"], size=11, bold=True,
                            cls="ladder-name", lines=2))
        steps = lad["steps"]
        for i, step in enumerate(steps):
            y = TOP + (tallest - 1 - i) * (BOX_H + GAP_Y)  # junior at the bottom
            shapes.append(svg.rect(x0, y, BOX_W, BOX_H, fill="#eef3f8", stroke="#4e79a7", rx=6, cls="ladder-step",
                                   title=step["title"]))
            labels.append(Label(x0 + 8, y + 5, BOX_W - 16, 30, step["title"], size=10, bold=True,
                                cls="step-title", lines=2))
            note = step["level"] if step["level"] and step["level"] != step["title"] else ""
            if step["seats"]:
                note = (note + " · " if note else "") + f"{step['seats']} in the org"
            if note:
                labels.append(Label(x0 + 8, y + BOX_H - 16, BOX_W - 16, 13, note, size=8, fill=MUTED,
                                    cls="step-note"))
            where.setdefault(step["title"], (x0 + BOX_W / 2, y + BOX_H / 2))
            if i + 1 < len(steps):
                ax = x0 + BOX_W / 2
                shapes.append(svg.line(ax, y - 2, ax, y - GAP_Y + 2, marker="arrow", cls="promotion"))
                if step["months_to_next"]:
                    labels.append(Label(ax + 8, y - GAP_Y + 4, BOX_W / 2 - 8, GAP_Y - 8, step["months_to_next"],
                                        size=9, align="left", fill=ACCENT, cls="timeline"))
    for lad in ladders:
        for t in lad["transitions"]:
            if t["from"] in where and t["to"] in where:
                (x1, y1), (x2, y2) = where[t["from"]], where[t["to"]]
                sx = x1 + (BOX_W / 2 if x2 > x1 else -BOX_W / 2)
                ex = x2 - (BOX_W / 2 if x2 > x1 else -BOX_W / 2)
                shapes.append(svg.line(sx, y1, ex, y2, dash="5,3", marker="arrow", cls="transition"))
                if t["months"]:
                    mx, my = (sx + ex) / 2, (y1 + y2) / 2
                    labels.append(Label(mx - COL_GAP / 2 - 20, my - 20, COL_GAP + 40, 14, t["months"], size=9,
                                        fill=ACCENT, cls="transition-time"))
    return width, height, shapes, labels


def ladder_diagram(ladders: list[dict], title: str) -> str:
    """The standalone ladder.svg."""
    if not ladders:
        return ""
    width, height, shapes, labels = layout(ladders)
    return svg_document(width, height, shapes, labels, title=title, cls="ladder-diagram")


def ladder_diagram_html(ladders: list[dict], title: str) -> Markup:
    """The diagram in the ladder document."""
    if not ladders:
        return Markup("")
    width, height, shapes, labels = layout(ladders)
    return html_document(width, height, shapes, labels, title=title, cls="ladder-diagram")
