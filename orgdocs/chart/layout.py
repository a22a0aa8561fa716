"""Where every box and line goes: a tidy tree layout in linear time for ordinary org shapes.

Subtrees are packed side by side as closely as their contours (the extent of each row) allow; a parent is
centred over its children. Contours are shared, not copied: a parent takes over its tallest child's and
merges the others' rows into it, so a deep chain costs linear time and memory, not quadratic. A manager's
leaf reports are stacked in columns (classic org-chart style) so charts stay printable; staff sit beside
their manager; externals sit in a row above the org.
Coordinates are points with y growing downwards; the renderer flips them for Graphviz.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

from orgdocs.chart import routing
from orgdocs.chart import text as metrics
from orgdocs.chart.options import ChartOptions
from orgdocs.chart.routing import Relation
from orgdocs.chart.scene import Box, Scene, UnitFrame

BOX_W = 168.0
BOX_H_BASE = 42.0  # colour band and up to two lines of title
NAME_LINES_H = 24.0
STATUS_H = 12.0
BOX_H_NO_NAMES = 46.0
HGAP = 14.0
VGAP = 38.0
LR_GAP = 48.0
STACK_GAP = 10.0
INDENT = 14.0
AVATAR = 28.0  # a person's photo or initials, left of the names
AVATAR_GAP = 6.0  # between the picture and the names
MIN_NAME_WIDTH = 60.0  # pictures beside co-heads' names only where this much is left for each name
COHEAD_PICTURE_ROW = 42.0  # the co-heads' row with pictures (Graphviz: 18 pt taller than one line of names)
COHEAD_EXTRA = 0.62  # each further co-head widens the box by this share of a box
FRAME_PAD = 8.0  # a unit frame's room around its boxes; each frame nested inside adds FRAME_STEP
FRAME_STEP = 6.0
FRAME_LABEL = 9.0  # points: a unit's name on its frame
TEXT_PAD = 5.0  # between a box's border and its text
LINE = 10.0  # names are set 10 pt apart; a line of small type (status, counts) takes SMALL_H
SMALL_H = 12.0
MAX_NAME_LINES = 4  # boxes grow to show this many lines of names; beyond them the rest are counted ("+3")
COHEAD_LINES = MAX_NAME_LINES  # lines for each co-head's name (and FTE): LR columns are narrow; boxes grow as for names
EXTERNAL_MAX_W = 2 * BOX_W  # an external box widens to fit its name up to this, then wraps
EXTERNAL_LINE = 12.0  # a second line of an external's name


@dataclass
class Placed:
    x: float  # centre
    y: float  # top
    w: float
    h: float


@dataclass
class Layout:
    boxes: dict[str, Placed]
    tree_lines: list[tuple[str, str, list[tuple[float, float]]]]  # (manager, report, polyline)
    external_lines: list[tuple[str, str, list[tuple[float, float]]]]  # (root, external, polyline)
    dotted_lines: list[Relation]  # routed around boxes, labelled
    frame: tuple[float, float, float, float] | None  # x0, y0, x1, y1 around the org's own boxes
    width: float
    height: float
    direction: str
    # (frame, its rectangle, its name's rectangle): --unit-frames, outer frames first
    unit_frames: list[tuple[UnitFrame, tuple[float, float, float, float], tuple[float, float, float, float]]] = \
        field(default_factory=list)


@dataclass
class _Unit:
    """A subtree, or a stacked column of leaves, while it is being packed."""

    keys: list[str]  # one key for a subtree; the column's keys for a stack
    # Per row, bottom row first so a parent adds its rows by appending; a row's extent relative to the
    # unit's anchor is the stored value plus `off`, so moving a contour is one addition.
    left: list[float]
    right: list[float]
    off: float = 0.0
    stack: bool = False
    offsets: list[tuple["_Unit", float]] = field(default_factory=list)  # children and their x offsets

    def top_down(self) -> tuple[list[float], list[float]]:
        return [v + self.off for v in reversed(self.left)], [v + self.off for v in reversed(self.right)]


def smalls(box: Box) -> int:
    """Lines of small type under the names: the status, and the counts."""
    return bool(box.status) + bool(box.counts)


def text_limit(box: Box, width: float) -> float:
    """How wide a box's names, status and counts may run: inside its padding, beside its picture."""
    return width - 2 - 2 * TEXT_PAD - (AVATAR + AVATAR_GAP if box.avatar else 0)


def cohead_column(box: Box, width: float) -> float:
    """How wide each co-head's column is, inside its padding (picture and text)."""
    return (width - 2 - 2 * TEXT_PAD) / len(box.coheads) - 2 * TEXT_PAD


def cohead_room(box: Box, lr: bool) -> bool:
    """Whether the co-heads' columns have room for pictures and still a readable name beside each (TB: the box
    widens per co-head; LR boxes keep one width, and their columns are too narrow)."""
    width = BOX_W if lr or len(box.coheads) < 2 else BOX_W + (len(box.coheads) - 1) * BOX_W * COHEAD_EXTRA
    return cohead_column(box, width) - AVATAR - AVATAR_GAP >= MIN_NAME_WIDTH


def cohead_pictures(box: Box) -> bool:
    """The co-heads' columns start with a picture (or its empty space, so their names line up)."""
    return any(box.cohead_avatars)


def cohead_limit(box: Box, width: float) -> float:
    """How wide each co-head's column of text may run."""
    return cohead_column(box, width) - (AVATAR + AVATAR_GAP if cohead_pictures(box) else 0)


def cohead_lines(box: Box, width: float) -> list[list[str]]:
    """Each co-head's name in lines: beside a picture, three (the row grows a line past the picture)."""
    most = 3 if cohead_pictures(box) else COHEAD_LINES
    ftes = box.cohead_ftes if len(box.cohead_ftes) == len(box.coheads) else [""] * len(box.coheads)
    return [metrics.fit_lines(text.removesuffix(f" {fte}") if fte else text, cohead_limit(box, width), 9, most,
                              tail=fte) for text, fte in zip(box.coheads, ftes, strict=True)]


def name_lines_allowed(box: Box, height: float) -> int:
    """Lines of names a box of this height has room for, under a title of two lines, above its small type."""
    return max(1, int((height - BOX_H_BASE - 4 - SMALL_H * smalls(box)) // LINE))


def _needs(box: Box, width: float) -> float:
    """The height under the title that this box's own text needs."""
    if box.coheads:
        most = max(len(lines) for lines in cohead_lines(box, width))
        row = NAME_LINES_H + LINE * (most - 1)
        need = max(row, COHEAD_PICTURE_ROW) if cohead_pictures(box) else row
        return need + SMALL_H * smalls(box)
    elif box.names:
        text, limit = ", ".join(box.names), text_limit(box, width)
        # most names fit on one line: no character is wider than 1 em, so short ones need no measuring at all
        # (this runs for every box of a 100,000-box chart)
        lines = 1 if len(text) * 9 <= limit or metrics.width(text, 9) <= limit else \
            min(MAX_NAME_LINES, len(metrics.wrap_all(text, limit, 9)))
        need = LINE * lines + 4 + SMALL_H * smalls(box)
    else:
        need = SMALL_H * smalls(box)
    return max(need, AVATAR + 8) if box.avatar else need


def box_height(scene: Scene, lr: bool = False) -> float:
    """One height for every box in a chart, just tall enough for the most any box has to say: names wrap, and
    every box grows with the box that needs most lines (up to MAX_NAME_LINES)."""
    boxes = [b for b in scene.boxes.values() if not b.external]
    rest = 0.0
    if any(b.names or b.coheads for b in boxes):
        rest += NAME_LINES_H
    if any(b.status for b in boxes):
        rest += STATUS_H
    if any(b.counts for b in boxes):
        rest += STATUS_H
    short = (BOX_W - 2 - 2 * TEXT_PAD) / 9  # characters that fit in one line at 9 pt whatever they are
    for b in boxes:
        if not (b.coheads or b.avatar) and len(", ".join(b.names)) <= short:
            continue  # one line of names and the small type under it: within the room counted above
        width = BOX_W if lr else box_breadth(scene, b.key, False, 0.0)
        rest = max(rest, _needs(b, width))
    return BOX_H_BASE + rest


def external_width(scene: Scene, key: str) -> float:
    """An external box as wide as its name in one line, between BOX_W and EXTERNAL_MAX_W (then it wraps)."""
    return min(EXTERNAL_MAX_W, max(BOX_W, metrics.width(scene.boxes[key].title, 10, True) + 2 * TEXT_PAD + 2))


def external_title(box: Box, width: float) -> list[str]:
    """An external's name in the lines its box shows: one, or two when even the widest box is too narrow."""
    return metrics.fit_lines(box.title, width - 2 * TEXT_PAD, 10, 2, True)


def external_height(scene: Scene, key: str) -> float:
    return BOX_H_NO_NAMES + EXTERNAL_LINE * (len(external_title(scene.boxes[key], external_width(scene, key))) - 1)


def box_breadth(scene: Scene, key: str, lr: bool, h: float) -> float:
    if lr:
        return h
    n = len(scene.boxes[key].coheads)
    return BOX_W + (n - 1) * BOX_W * COHEAD_EXTRA if n > 1 else BOX_W


def stack_columns(scene: Scene, key: str, options: ChartOptions) -> list[list[str]]:
    """The columns a manager's leaf reports are stacked in (none when they are not stacked): leaves are reports
    with no reports or staff of their own and not collapsed; columns at most options.stack_column tall, as
    even as can be. Both layout engines stack by this rule."""
    if not options.stack or options.direction == "LR":
        return []
    leaves = [k for k in scene.children.get(key, []) if not scene.children.get(k) and not scene.staff.get(k)
              and not scene.boxes[k].collapsed]
    if len(leaves) < 2:
        return []
    ncols = math.ceil(len(leaves) / options.stack_column)
    per = math.ceil(len(leaves) / ncols)
    return [leaves[i:i + per] for i in range(0, len(leaves), per)]


def frame_pads(scene: Scene) -> dict[str, float]:
    """Each framed unit's room around its boxes (by unit id): more for a frame with frames nested inside."""
    height: dict[str, int] = {}
    for f in reversed(scene.frames):  # inner frames come after their outer ones
        height[f.unit] = max(height.get(f.unit, 1), 1)
        if f.parent is not None:
            height[f.parent] = max(height.get(f.parent, 1), height[f.unit] + 1)
    return {u: FRAME_PAD + FRAME_STEP * (h - 1) for u, h in height.items()}


def layout(scene: Scene, options: ChartOptions) -> Layout:
    lr = options.direction == "LR"
    h = box_height(scene, lr)
    depth_size = BOX_W if lr else h  # a box's size along the depth axis
    pitch = depth_size + (LR_GAP if lr else VGAP)
    gap = HGAP if not lr else 10.0

    breadth = {k: box_breadth(scene, k, lr, h) for k in scene.boxes}
    pads = frame_pads(scene)
    framed = {f.lead: pads[f.unit] for f in scene.frames}
    units: dict[str, _Unit] = {}
    rows_of: dict[str, int] = {}  # row at which a node's children start, relative to it
    stacks: dict[str, list[list[str]]] = {}

    # post-order without recursion: org trees can be deep
    order: list[str] = []
    todo = list(reversed(scene.roots))
    while todo:
        key = todo.pop()
        order.append(key)
        todo.extend(reversed(scene.children.get(key, [])))

    for key in reversed(order):
        kids = scene.children.get(key, [])
        staff = scene.staff.get(key, [])
        bw = breadth[key]
        left = [-bw / 2]
        right = [bw / 2]
        first_row = 1
        if staff:
            first_row = 2
            reach_r = reach_l = 0.0
            for i, s in enumerate(staff):
                if i % 2 == 0:
                    reach_r += gap + breadth[s]
                else:
                    reach_l += gap + breadth[s]
            left.append(-max(reach_l, 0.5))
            right.append(max(reach_r, 0.5))
        rows_of[key] = first_row

        parts: list[_Unit] = []
        columns = stack_columns(scene, key, options)
        if columns:
            stacks[key] = columns
        leaf_set = {k for col in columns for k in col}
        placed_stack = False
        for k in kids:
            if columns and k in leaf_set:
                if not placed_stack:
                    for col in columns:
                        parts.append(_stack_unit(col, breadth, h, pitch))
                    placed_stack = True
                continue
            parts.append(units.pop(k))

        if parts:
            xs, acc_left, acc_right, acc_off = _pack(parts, gap)
            centre = (xs[0] + xs[-1]) / 2
            acc_off -= centre
            acc_left.extend(v - acc_off for v in reversed(left))
            acc_right.extend(v - acc_off for v in reversed(right))
            unit = _Unit([key], acc_left, acc_right, acc_off)
            unit.offsets = [(part, x - centre) for part, x in zip(parts, xs)]
        else:
            unit = _Unit([key], left[::-1], right[::-1])
        if key in framed:  # a frame is a rectangle: every row it spans as wide as its widest, and room around
            pad = framed[key]
            lo, hi = min(unit.left) - pad, max(unit.right) + pad
            unit.left[:] = [lo] * len(unit.left)
            unit.right[:] = [hi] * len(unit.right)
        units[key] = unit

    # top-down: absolute positions
    placed: dict[str, Placed] = {}
    tree_lines: list[tuple[str, str, list[tuple[float, float]]]] = []
    root_units = [units.pop(r) for r in scene.roots]
    root_x: list[float] = []
    acc_right: list[float] = []
    for unit in root_units:
        unit_left, unit_right = unit.top_down()
        shift = 0.0 if not root_x else max(
            (acc_right[r] - unit_left[r] + gap * 2 for r in range(min(len(acc_right), len(unit_left)))), default=0.0)
        root_x.append(shift)
        for r in range(len(unit_right)):
            v = unit_right[r] + shift
            if r < len(acc_right):
                acc_right[r] = max(acc_right[r], v)
            else:
                acc_right.append(v)

    work = [(u, x, 0) for u, x in zip(root_units, root_x)]
    while work:
        unit, x, row = work.pop()
        key = unit.keys[0]
        top = row * pitch
        placed[key] = Placed(x, top, breadth[key], depth_size)
        bottom = top + depth_size
        first_row = rows_of.get(key, 1)
        bus = first_row * pitch + row * pitch - (pitch - depth_size) / 2
        for i, s in enumerate(scene.staff.get(key, [])):
            side = 1 if i % 2 == 0 else -1
            n_same = i // 2
            offset = gap + breadth[s] / 2  # staff hang beside the trunk line, between manager and reports
            sx = x + side * (offset + n_same * (gap + breadth[s]))
            sy = (row + 1) * pitch
            placed[s] = Placed(sx, sy, breadth[s], depth_size)
            mid = sy + depth_size / 2
            tree_lines.append((key, s, [(x, bottom), (x, mid), (sx - side * breadth[s] / 2, mid)]))
        for child, dx in unit.offsets:
            cx = x + dx
            if child.stack:
                col = child
                left = cx - max(breadth[k] for k in col.keys) / 2  # boxes line up on their left edges
                trunk = left - INDENT / 2
                for j, leaf in enumerate(col.keys):
                    ly = (row + first_row) * pitch + j * (depth_size + STACK_GAP)
                    placed[leaf] = Placed(left + breadth[leaf] / 2, ly, breadth[leaf], depth_size)
                    mid = ly + depth_size / 2
                    tree_lines.append((key, leaf, [(x, bottom), (x, bus), (trunk, bus), (trunk, mid), (left, mid)]))
            else:
                crow = row + first_row
                tree_lines.append((key, child.keys[0], [(x, bottom), (x, bus), (cx, bus), (cx, crow * pitch)]))
                work.append((child, cx, crow))

    return _finish(scene, placed, tree_lines, lr, depth_size, pitch, gap)


def _pack(parts: list[_Unit], gap: float) -> tuple[list[float], list[float], list[float], float]:
    """Place parts left to right as close as their contours allow: each part's x, and the merged contour
    (bottom row first, plus its offset). Merging costs the rows two parts share, never the taller one's
    height: the taller contour is kept and the shorter one's rows folded into it."""
    first = parts[0]
    left, right, off = first.left, first.right, first.off
    xs = [0.0]
    for part in parts[1:]:
        shared = min(len(left), len(part.left))
        shift = max(right[-1 - r] + off - (part.left[-1 - r] + part.off) + gap for r in range(shared))
        xs.append(shift)
        part_off = part.off + shift
        if len(part.left) > len(left):  # keep the part's taller contour; fold ours into it
            left, part.left = part.left, left
            right, part.right = part.right, right
            off, part_off = part_off, off
        for r in range(1, shared + 1):
            left[-r] = min(left[-r], part.left[-r] + part_off - off)
            right[-r] = max(right[-r], part.right[-r] + part_off - off)
    return xs, left, right, off


def _stack_unit(keys: list[str], breadth: dict[str, float], h: float, pitch: float) -> _Unit:
    bw = max(breadth[k] for k in keys)
    total = len(keys) * h + (len(keys) - 1) * STACK_GAP
    rows = max(1, math.ceil((total + (pitch - h)) / pitch))
    left = [-bw / 2 - INDENT] * rows
    right = [bw / 2] * rows
    return _Unit(list(keys), left, right, stack=True)


def _finish(scene: Scene, placed: dict[str, Placed], tree_lines, lr: bool, depth_size: float, pitch: float,
            gap: float) -> Layout:
    # externals: a row above the org, each near the boxes it connects to
    external_lines: list[tuple[str, str, list[tuple[float, float]]]] = []
    frame = None
    if placed:
        x0 = min(p.x - p.w / 2 for p in placed.values())
        x1 = max(p.x + p.w / 2 for p in placed.values())
        y1 = max(p.y + p.h for p in placed.values())
        margin = max([16.0] + [pad + 8.0 for pad in frame_pads(scene).values()])  # outside every unit frame
        frame = (x0 - margin, -margin, x1 + margin, y1 + margin)
    if scene.externals:
        want: dict[str, list[float]] = {e: [] for e in scene.externals}
        for root, ext in scene.external_links:
            want[ext].append(placed[root].x)
        for src, dst, _ in scene.dotted:  # either end may be the external
            if dst in want and src in placed:
                want[dst].append(placed[src].x)
            elif src in want and dst in placed:
                want[src].append(placed[dst].x)
        order = sorted(scene.externals, key=lambda e: (sum(want[e]) / len(want[e]) if want[e] else 0.0))
        last_right = -math.inf
        for e in order:
            long, tall = external_width(scene, e), external_height(scene, e)
            w, h = (tall, long) if lr else (long, tall)  # breadth, depth
            y = -h - (LR_GAP if lr else VGAP) - 24.0
            x = sum(want[e]) / len(want[e]) if want[e] else 0.0
            x = max(x, last_right + gap + w / 2)
            placed[e] = Placed(x, y, w, h)
            last_right = x + w / 2
        for root, ext in scene.external_links:
            r, e = placed[root], placed[ext]
            mid = (e.y + e.h + r.y) / 2
            external_lines.append((root, ext, [(r.x, r.y), (r.x, mid), (e.x, mid), (e.x, e.y + e.h)]))

    # routed while depth still runs down (lanes are rows of free space); labels placed where they end up
    routed = routing.route_all({k: (p.x - p.w / 2, p.y, p.x + p.w / 2, p.y + p.h) for k, p in placed.items()},
                               scene.dotted)
    pads = frame_pads(scene)
    frames = []
    for f in scene.frames:
        inside = [placed[k] for k in f.members if k in placed]
        pad = pads[f.unit]
        # round its lines as well as its boxes (a stack's trunk runs left of its boxes): no line along an edge
        lines = [pt for a, b, line in tree_lines if a in f.members and b in f.members for pt in line]
        frames.append((f, (min([p.x - p.w / 2 for p in inside] + [x for x, _ in lines]) - pad,
                           min(p.y for p in inside) - pad,
                           max([p.x + p.w / 2 for p in inside] + [x for x, _ in lines]) + pad,
                           max(p.y + p.h for p in inside) + pad)))
    if lr:  # laid out with breadth across and depth down; turn a quarter so depth runs left to right
        placed = {k: Placed(p.y + p.h / 2, p.x - p.w / 2, p.h, p.w) for k, p in placed.items()}
        tree_lines = [(a, b, [(y, x) for x, y in line]) for a, b, line in tree_lines]
        external_lines = [(a, b, [(y, x) for x, y in line]) for a, b, line in external_lines]
        routed = [(a, b, label, both, [(y, x) for x, y in pts] if pts else None) for a, b, label, both, pts in routed]
        if frame:
            frame = (frame[1], frame[0], frame[3], frame[2])
        frames = [(f, (r[1], r[0], r[3], r[2])) for f, r in frames]

    framed = _framed(placed, frames)
    # labels keep off frames' names and edges too: an edge through a label reads as a strike-through
    edges = [e for r in [r for _, r, _ in framed] + ([frame] if frame else [])
             for e in routing.leg_guards([r[:2], (r[2], r[1]), r[2:], (r[0], r[3]), r[:2]])]
    dotted = _labelled(placed, routed, [label for *_, label in framed], edges)
    bows = [pt for d in dotted for pt in d.points] + \
        [pt for d in dotted if d.label_box for pt in (d.label_box[:2], d.label_box[2:])] + \
        [pt for _, r, label in framed for pt in (r[:2], r[2:], label[:2], label[2:])]
    xs0 = min([p.x - p.w / 2 for p in placed.values()] + ([frame[0]] if frame else [0]) + [x for x, _ in bows])
    ys0 = min([p.y for p in placed.values()] + ([frame[1]] if frame else [0]) + [y for _, y in bows])
    xs1 = max([p.x + p.w / 2 for p in placed.values()] + ([frame[2]] if frame else [0]) + [x for x, _ in bows])
    ys1 = max([p.y + p.h for p in placed.values()] + ([frame[3]] if frame else [0]) + [y for _, y in bows])
    dx, dy = -xs0, -ys0
    placed = {k: Placed(p.x + dx, p.y + dy, p.w, p.h) for k, p in placed.items()}
    tree_lines = [(a, b, [(x + dx, y + dy) for x, y in line]) for a, b, line in tree_lines]
    external_lines = [(a, b, [(x + dx, y + dy) for x, y in line]) for a, b, line in external_lines]
    if frame:
        frame = (frame[0] + dx, frame[1] + dy, frame[2] + dx, frame[3] + dy)
    for d in dotted:
        d.points = [(x + dx, y + dy) for x, y in d.points]
        if d.label_box:
            x0, y0, x1, y1 = d.label_box
            d.label_box = (x0 + dx, y0 + dy, x1 + dx, y1 + dy)
    framed = [(f, (r[0] + dx, r[1] + dy, r[2] + dx, r[3] + dy), (t[0] + dx, t[1] + dy, t[2] + dx, t[3] + dy))
              for f, r, t in framed]
    return Layout(placed, tree_lines, external_lines, dotted, frame, xs1 - xs0, ys1 - ys0, "LR" if lr else "TB",
                  framed)


def _framed(placed: dict[str, Placed], frames: list) -> list:
    """Unit frames with their names' places, keeping only those that cut through no box outside them and no
    other frame (the tidy layout made room for them; Graphviz's placement did not). A name sits on the frame's
    top edge near its left corner, on white."""
    if not frames:
        return []
    index = routing.Index([(p.x - p.w / 2, p.y, p.x + p.w / 2, p.y + p.h) for p in placed.values()])
    keys = list(placed)
    kept: list = []
    for f, r in frames:
        foreign = [keys[i] for i in index.hits(*r) if keys[i] not in f.members]
        crossed = [o for _, o, _ in kept if _crosses(r, o)]
        name = metrics.shorten(f.name, max(20.0, r[2] - r[0] - 28), FRAME_LABEL, True)
        w = metrics.width(name, FRAME_LABEL, True) + 8
        label = (r[0] + 10, r[1] - 6, r[0] + 10 + w, r[1] + 6)
        covered = index.hits(*label)
        if foreign or crossed or covered:
            continue
        kept.append((dataclasses.replace(f, name=name), r, label))
    return kept


def _crosses(a, b) -> bool:
    """Two rectangles' borders cross: they overlap and neither holds the other."""
    overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    holds = (a[0] <= b[0] and a[1] <= b[1] and b[2] <= a[2] and b[3] <= a[3]) or \
        (b[0] <= a[0] and b[1] <= a[1] and a[2] <= b[2] and a[3] <= b[3])
    return overlap and not holds


def _labelled(placed: dict[str, Placed], routed, taken: list | None = None, soft: list | None = None) -> list[Relation]:
    """Routed lines with their labels placed clear of every box, of unit frames' names and of the labels placed
    before them; clear of the frames' edges too (`soft`) where a place beside the line allows it, since a label
    away from its line is worse than a frame's edge behind it."""
    boxes = [(p.x - p.w / 2 - 1, p.y - 1, p.x + p.w / 2 + 1, p.y + p.h + 1) for p in placed.values()]
    index = routing.Index(boxes + list(taken or []))
    strict = routing.Index(boxes + list(taken or []) + list(soft or []))
    out = []
    drawn = [pts if pts is not None else _straight(placed[a], placed[b]) for a, b, _, _, pts in routed]
    for pts in drawn:  # every line stays in sight: no label, its own included, may lie on one
        for guard in routing.leg_guards(pts):
            index.append(guard)
            strict.append(guard)
    for (a, b, label, both, _), pts in zip(routed, drawn):
        # no way found around the boxes (should not happen): drawn straight across rather than nothing
        lines, box = routing.place_label(strict, label, pts, beside_only=True)
        if box is None:
            lines, box = routing.place_label(index, label, pts)
        if box:
            index.append(box)
            strict.append(box)
        out.append(Relation(a, b, label, pts, both, lines, box))
    return out


def _straight(a: Placed, b: Placed) -> list[tuple[float, float]]:
    sign = 1 if b.x >= a.x else -1
    return [(a.x + sign * a.w / 2, a.y + a.h / 2), (b.x - sign * b.w / 2, b.y + b.h / 2)]
