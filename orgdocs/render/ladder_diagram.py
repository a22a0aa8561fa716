"""Career ladder diagrams: each ladder a column of steps from junior (bottom) to senior (top), promotion
timelines on the arrows, ladders side by side with steps of the same level rank on the same row, and a dashed
arrow for every transition from the step it leaves to the step it reaches.

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
MOVE_GAP = 140.0  # between columns when transitions draw their labels there
LOOP = 36.0  # how far a transition within one ladder bulges to the right of its column
TOP = 34.0
MUTED = "#5b6270"
ACCENT = "#8a4b00"
MOVE = "#8a4b00"


def rows(ladders: list[dict]) -> list[list[int]]:
    """The row (0 at the bottom) of every step: steps of the same level rank share a row across ladders, each
    ladder climbs one row or more per step, and steps without a rank (or out of rank order) keep ladder order.

    Rows only ever rise until every step is at least one above the step before it and at its rank's row, and
    ranks stay in order; the ranks a ladder uses increase along it, so this settles (a longest-path layering).
    """
    used: list[list[int | None]] = []
    for lad in ladders:
        last, ranks = None, []
        for s in lad["steps"]:
            r = s.get("rank")
            ok = r is not None and (last is None or r > last)
            ranks.append(r if ok else None)
            last = r if ok else last
        used.append(ranks)
    order = sorted({r for ranks in used for r in ranks if r is not None})
    rank_row = {r: i for i, r in enumerate(order)}
    for _ in range(sum(len(r) for r in used) + len(order) + 2):
        changed = False
        out = []
        for ranks in used:
            prev, col = -1, []
            for r in ranks:
                row = prev + 1
                if r is not None:
                    if rank_row[r] < row:
                        rank_row[r], changed = row, True
                    row = rank_row[r]
                col.append(row)
                prev = row
            out.append(col)
        for lo, hi in zip(order, order[1:]):
            if rank_row[hi] <= rank_row[lo]:
                rank_row[hi], changed = rank_row[lo] + 1, True
        if not changed:
            return out
    return out  # not reached: the loop settles within as many rounds as there are steps and ranks


def _transition(shapes: list[str], labels: list[Label], t: dict, start: tuple[float, float],
                end: tuple[float, float], same_column: bool, gap: float) -> None:
    """A dashed arrow from a point on one box's side to a point on another's, its months and note set where the
    curve is not: on the far side of its start from where it heads (below a rising arrow, above the others)."""
    (sx, sy), (ex, ey) = start, end
    title = f"{t['from']} → {t['to']}"
    if same_column:  # within one ladder: a loop out to the right of the column
        d = f"M{sx:.1f},{sy:.1f} C{sx + LOOP:.1f},{sy:.1f} {sx + LOOP:.1f},{ey:.1f} {ex:.1f},{ey:.1f}"
        lx, width, align = sx + LOOP * 0.75 + 4, gap / 2 - 4, "left"
        top = (sy + ey) / 2 - 17
    else:
        k = (ex - sx) / 2
        d = f"M{sx:.1f},{sy:.1f} C{sx + k:.1f},{sy:.1f} {ex - k:.1f},{ey:.1f} {ex:.1f},{ey:.1f}"
        lx, width, align = min(sx, ex) + 6, abs(ex - sx) - 12, "center"
        rising = ey < sy - BOX_H / 2  # to a row above; a move along the row keeps its words above it
        block = (14 if t["months"] else 0) + (22 if t["note"] else 0)
        top = sy + 3 if rising else min(sy, ey) - 3 - block
    shapes.append(svg.path(d, stroke=MOVE, dash="5,3", marker="arrow", cls="transition", title=title))
    if t["months"]:
        labels.append(Label(lx, top, width, 13, t["months"], size=9, fill=ACCENT, bold=True,
                            cls="transition-time", align=align))
        top += 14
    if t["note"]:
        labels.append(Label(lx, top, width, 22, t["note"], size=8, fill=MUTED, cls="transition-note", lines=2,
                            align=align))


def _ports(drawn: list[dict], boxes: dict) -> list[tuple[tuple[float, float], tuple[float, float], bool]]:
    """Where each transition leaves and enters its boxes: on the sides facing each other (the right side for
    a loop within one column), spread over the side when several share it, in the order of their other ends."""
    ends: list[tuple] = []
    for t in drawn:
        (x1, y1, c1), (x2, y2, c2) = boxes[tuple(t["from_at"])], boxes[tuple(t["to_at"])]
        same = c1 == c2
        out_right = same or c2 > c1
        in_right = same or c2 < c1
        ends.append(((x1, y1, out_right), (x2, y2, in_right), same))
    shared: dict[tuple, list[tuple[float, int, int]]] = {}  # (box x, box y, right side) -> (other end y, i, end)
    for i, (a, b, _) in enumerate(ends):
        shared.setdefault(a, []).append((b[1], i, 0))
        shared.setdefault(b, []).append((a[1], i, 1))
    y_of: dict[tuple[int, int], float] = {}
    for (_, y, _), items in shared.items():
        for k, (_, i, which) in enumerate(sorted(items)):
            y_of[(i, which)] = y + BOX_H * (k + 1) / (len(items) + 1)
    out = []
    for i, (a, b, same) in enumerate(ends):
        sx = a[0] + (BOX_W if a[2] else 0)
        ex = b[0] + (BOX_W + 2 if b[2] else -2)
        out.append(((sx, y_of[(i, 0)]), (ex, y_of[(i, 1)]), same))
    return out


def layout(ladders: list[dict]) -> tuple[float, float, list[str], list[Label]]:
    placed = rows(ladders)
    n_rows = max((max(col) + 1 for col in placed if col), default=1)
    drawn = [t for lad in ladders for t in lad["transitions"] if t["from_at"] and t["to_at"]]
    gap = MOVE_GAP if drawn else COL_GAP
    loops = any(t["from_at"][0] == t["to_at"][0] for t in drawn)
    height = TOP + n_rows * BOX_H + (n_rows - 1) * GAP_Y + 20
    width = len(ladders) * BOX_W + (len(ladders) - 1) * gap + 40 + (LOOP + gap / 2 if loops else 0)
    shapes: list[str] = []
    labels: list[Label] = []
    boxes: dict[tuple[int, int], tuple[float, float, float]] = {}  # (column, step) -> (x, y, column)
    for c, lad in enumerate(ladders):
        x0 = 20 + c * (BOX_W + gap)
        labels.append(Label(x0 - gap / 2 + 5, 2, BOX_W + gap - 10, 28, lad["name"], size=11, bold=True,
                            cls="ladder-name", lines=2))
        steps = lad["steps"]
        for i, step in enumerate(steps):
            y = TOP + (n_rows - 1 - placed[c][i]) * (BOX_H + GAP_Y)  # junior at the bottom
            boxes[(c, i)] = (x0, y, c)
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
        for i in range(len(steps) - 1):
            ax = x0 + BOX_W / 2
            y, above = boxes[(c, i)][1], boxes[(c, i + 1)][1] + BOX_H
            shapes.append(svg.line(ax, y - 2, ax, above + 2, marker="arrow", cls="promotion"))
            if steps[i]["months_to_next"]:
                labels.append(Label(ax + 8, y - GAP_Y + 4, BOX_W / 2 - 8, GAP_Y - 8, steps[i]["months_to_next"],
                                    size=9, align="left", fill=ACCENT, cls="timeline"))
    for t, (start, end, same) in zip(drawn, _ports(drawn, boxes)):
        _transition(shapes, labels, t, start, end, same, gap)
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
