"""Graphviz dot as the layout engine for small and mid-size charts: dot places the boxes (ranks, order,
crossing reduction); the lines, externals, frame and everything after are the same as the tidy layout's.

A manager's stacked reports are chained by heavy invisible edges so dot puts them in one column; staff
share their manager's rank. Graphviz only computes positions here (-Tplain); it draws later.
"""

from __future__ import annotations

from orgdocs.chart.layout import (
    BOX_W,
    HGAP,
    INDENT,
    LR_GAP,
    VGAP,
    Layout,
    Placed,
    _finish,
    box_breadth,
    box_height,
    stack_columns,
)
from orgdocs.chart.options import ChartOptions
from orgdocs.chart.scene import Scene


def _stacks(scene: Scene, options: ChartOptions) -> dict[str, list[list[str]]]:
    return {key: cols for key in scene.children if (cols := stack_columns(scene, key, options))}


def dot_source(scene: Scene, options: ChartOptions, h: float, lr: bool) -> tuple[str, dict[str, str]]:
    ids = {key: f"n{i}" for i, key in enumerate(scene.boxes)}
    gap = LR_GAP if lr else VGAP
    lines = ["digraph layout {",
             f'  graph [rankdir=TB, newrank=true, ordering=out, nodesep={HGAP / 72:.3f}, '
             f'ranksep={(gap if not _stacks(scene, options) else 10.0) / 72:.3f}, splines=false];',
             '  node [shape=box, fixedsize=true, label=""];']
    internal = [k for k in scene.boxes if not scene.boxes[k].external]
    for key in internal:
        w, d = box_breadth(scene, key, lr, h), (BOX_W if lr else h)
        lines.append(f"  {ids[key]} [width={w / 72:.4f}, height={d / 72:.4f}];")
    stacks = _stacks(scene, options)
    stacked = {leaf for cols in stacks.values() for col in cols for leaf in col}
    for parent, kids in scene.children.items():
        for child in kids:
            if child in stacked:
                continue
            # two ranks apart when stacks are in play, so an ordinary step is as tall as before
            lines.append(f"  {ids[parent]} -> {ids[child]} [weight=1, minlen={2 if stacks else 1}];")
        for col in stacks.get(parent, []):
            lines.append(f"  {ids[parent]} -> {ids[col[0]]} [weight=1, minlen=2];")
            for a, b in zip(col, col[1:]):
                lines.append(f"  {ids[a]} -> {ids[b]} [weight=100, minlen=1];")
    for manager, staff in scene.staff.items():
        for s in staff:
            lines.append(f"  {{ rank=same; {ids[manager]}; {ids[s]}; }}")
            lines.append(f"  {ids[manager]} -> {ids[s]} [minlen=0];")
    lines.append("}")
    return "\n".join(lines) + "\n", ids


def _parse_plain(text: str, ids: dict[str, str]) -> dict[str, tuple[float, float, float, float]]:
    names = {v: k for k, v in ids.items()}
    out = {}
    height = 0.0
    for line in text.splitlines():
        parts = line.split()
        if parts and parts[0] == "graph":
            height = float(parts[3])
        elif parts and parts[0] == "node" and parts[1] in names:
            x, y, w, h = (float(v) * 72 for v in parts[2:6])
            out[names[parts[1]]] = (x, height * 72 - y, w, h)
    return out


def dot_layout(scene: Scene, options: ChartOptions, run) -> Layout:
    lr = options.direction == "LR"
    h = box_height(scene, lr)
    depth_size = BOX_W if lr else h
    source, ids = dot_source(scene, options, h, lr)
    positions = _parse_plain(run(source).decode(), ids)
    placed = {k: Placed(x, y - d / 2, w, d) for k, (x, y, w, d) in positions.items()}
    if placed:  # the top row at y = 0, as the tidy layout has it
        top = min(p.y for p in placed.values())
        placed = {k: Placed(p.x, p.y - top, p.w, p.h) for k, p in placed.items()}
    stacks = _stacks(scene, options)
    stacked = {leaf: parent for parent, cols in stacks.items() for col in cols for leaf in col}
    lines = []
    for parent, kids in scene.children.items():
        p = placed[parent]
        bottom = p.y + p.h
        tops = [placed[c].y for c in kids if c not in stacked] + \
               [placed[col[0]].y for col in stacks.get(parent, [])]
        bus = bottom + (min(tops) - bottom) / 2 if tops else bottom + VGAP / 2
        for child in kids:
            c = placed[child]
            if child in stacked:
                col = next(col for col in stacks[parent] if child in col)
                left = min(placed[k].x - placed[k].w / 2 for k in col)
                trunk = left - INDENT / 2
                mid = c.y + c.h / 2
                lines.append((parent, child, [(p.x, bottom), (p.x, bus), (trunk, bus), (trunk, mid),
                                              (c.x - c.w / 2, mid)]))
            else:
                lines.append((parent, child, [(p.x, bottom), (p.x, bus), (c.x, bus), (c.x, c.y)]))
    for manager, staff in scene.staff.items():
        m = placed[manager]
        for s in staff:
            c = placed[s]
            side = 1 if c.x > m.x else -1
            y = c.y + c.h / 2
            lines.append((manager, s, [(m.x + side * m.w / 2, y), (c.x - side * c.w / 2, y)]))
    pitch = depth_size + (LR_GAP if lr else VGAP)
    return _finish(scene, placed, lines, lr, depth_size, pitch, HGAP if not lr else 10.0)
