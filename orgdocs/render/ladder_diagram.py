"""Career ladder diagrams: each ladder a column of steps from junior (bottom) to senior (top), promotion
timelines on the arrows, ladders side by side, and dashed arrows where one ladder leads into another."""

from __future__ import annotations

from orgdocs.chart.text import wrap
from orgdocs.render import svg

BOX_W = 190.0
BOX_H = 54.0
GAP_Y = 40.0
COL_GAP = 90.0
TOP = 34.0


def ladder_diagram(ladders: list[dict], title: str) -> str:
    if not ladders:
        return ""
    tallest = max(len(lad["steps"]) for lad in ladders)
    height = TOP + tallest * BOX_H + (tallest - 1) * GAP_Y + 20
    width = len(ladders) * BOX_W + (len(ladders) - 1) * COL_GAP + 40
    body = []
    where: dict[str, tuple[float, float]] = {}  # step title -> box centre, for transitions
    for c, lad in enumerate(ladders):
        x0 = 20 + c * (BOX_W + COL_GAP)
        body.append(svg.text(x0 + BOX_W / 2, 18, lad["name"], size=11, anchor="middle", weight="bold",
                             cls="ladder-name"))
        steps = lad["steps"]
        for i, step in enumerate(steps):
            # junior at the bottom
            y = TOP + (tallest - 1 - i) * (BOX_H + GAP_Y)
            body.append(svg.rect(x0, y, BOX_W, BOX_H, fill="#eef3f8", stroke="#4e79a7", rx=6, cls="ladder-step",
                                 title=step["title"]))
            lines = wrap(step["title"], BOX_W - 16, 10, 2, bold=True)
            first = y + (17 if len(lines) > 1 else 22)
            for j, ln in enumerate(lines):
                body.append(svg.text(x0 + BOX_W / 2, first + j * 12, ln, size=10, anchor="middle",
                                     weight="bold"))
            note = step["level"] if step["level"] and step["level"] != step["title"] else ""
            if step["seats"]:
                note = (note + " · " if note else "") + f"{step['seats']} in the org"
            if note:
                body.append(svg.text(x0 + BOX_W / 2, y + BOX_H - 7, note, size=8, anchor="middle",
                                     fill="#5b6270"))
            where.setdefault(step["title"], (x0 + BOX_W / 2, y + BOX_H / 2))
            if i + 1 < len(steps):
                ax = x0 + BOX_W / 2
                body.append(svg.line(ax, y - 2, ax, y - GAP_Y + 2, marker="arrow", cls="promotion"))
                if step["months_to_next"]:
                    body.append(svg.text(ax + 8, y - GAP_Y / 2 + 4, step["months_to_next"], size=9,
                                         fill="#8a4b00", cls="timeline"))
    for lad in ladders:
        for t in lad["transitions"]:
            if t["from"] in where and t["to"] in where:
                (x1, y1), (x2, y2) = where[t["from"]], where[t["to"]]
                sx = x1 + (BOX_W / 2 if x2 > x1 else -BOX_W / 2)
                ex = x2 - (BOX_W / 2 if x2 > x1 else -BOX_W / 2)
                body.append(svg.line(sx, y1, ex, y2, dash="5,3", marker="arrow", cls="transition"))
                if t["months"]:
                    body.append(svg.text((sx + ex) / 2, (y1 + y2) / 2 - 6, t["months"], size=9, anchor="middle",
                                         fill="#8a4b00"))
    return svg.document(width, height, body, title=title, cls="ladder-diagram")
