"""Dotted lines routed through the free space between boxes, never across one, and their labels placed where
they cover no box.

Routing happens in the layout's own frame (depth running down, before an LR chart is turned), where free space
comes in horizontal *lanes*: a little above every row of box tops and below every row of box bottoms. A line
leaves its box (top, bottom or a side), climbs or drops to a lane, runs along lanes and jumps between
neighbouring lanes through the gaps between boxes (*corridors*), and enters the other box the same way. The
search is A* over (lane, x) states, with only a few corridors tried per step (the one under x, the nearest on
each side, the one nearest the goal), so a line costs a bounded number of steps whatever the chart's size. Boxes
are found through a bucket grid, never by scanning them all; lanes and corridors are worked out once, when a
line first needs them.
"""

from __future__ import annotations

import bisect
import heapq
import math
from dataclasses import dataclass

from orgdocs.chart import text as metrics

CLEAR = 4.0  # a line keeps this far from every box
LANE = 10.0  # lanes run this far above box tops and below box bottoms
CELL = 256.0  # bucket size of the spatial index
BEND = 24.0  # a turn costs as much as this many points of line: fewer, longer legs read better
CROWD = 1.0  # running beside an earlier line in its lane costs this much more per point
CROWD_CAP = 96.0  # at most this much a move: a dearer lane stays a search of bounded length
MAX_STEPS = 4000  # A* pops per line before it gives up (a line then keeps its old curve)
ESCAPE_LANES = 4  # how many lanes a line may pass on its way out of its box
LABEL_SIZE = 8.0  # points
LABEL_PAD = 2.0
LABEL_LINE = 10.0  # line height of a label
LABEL_WIDTHS = (150.0, 96.0, 60.0, 40.0)  # tried in turn until a label fits somewhere along its line
INF = math.inf

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 (y down)
Point = tuple[float, float]


@dataclass
class Relation:
    """One drawn dotted line: every relation between two boxes, merged, in either or both directions."""

    start: str  # the box the line leaves (the first relation's `from`)
    end: str
    label: str  # the labels of the merged relations, joined
    points: list[Point]  # an orthogonal polyline from start's border to end's border
    arrow_start: bool  # an arrowhead at `start` too: the relations run both ways
    label_lines: list[str]  # the label as drawn, wrapped
    label_box: Rect | None  # where it is drawn (white behind it); None: no label


def merge(dotted: list[tuple[str, str, str]]) -> list[tuple[str, str, str, bool]]:
    """Relations between the same two boxes become one (from, to, labels joined, both ways?), in first-seen
    order; each label once."""
    merged: dict[frozenset, list] = {}
    for a, b, label in dotted:
        if a == b:
            continue
        key = frozenset((a, b))
        if key not in merged:
            merged[key] = [a, b, [], False]
        entry = merged[key]
        if (a, b) != (entry[0], entry[1]):
            entry[3] = True
        if label and label not in entry[2]:
            entry[2].append(label)
    return [(a, b, "; ".join(labels), both) for a, b, labels, both in merged.values()]


class Index:
    """Rectangles in a bucket grid: which ones a segment or rectangle touches, looking only at nearby buckets."""

    def __init__(self, rects: list[Rect]):
        self.rects = rects
        self.cells: dict[tuple[int, int], list[int]] = {}
        self.rows: dict[int, list[int]] = {}
        for i, r in enumerate(rects):
            self.add(i, r)

    def add(self, i: int, r: Rect) -> None:
        for cy in range(int(math.floor(r[1] / CELL)), int(math.floor(r[3] / CELL)) + 1):
            self.rows.setdefault(cy, []).append(i)
        for cx in range(int(math.floor(r[0] / CELL)), int(math.floor(r[2] / CELL)) + 1):
            for cy in range(int(math.floor(r[1] / CELL)), int(math.floor(r[3] / CELL)) + 1):
                self.cells.setdefault((cx, cy), []).append(i)

    def append(self, r: Rect) -> None:
        self.rects.append(r)
        self.add(len(self.rects) - 1, r)

    def hits(self, x0: float, y0: float, x1: float, y1: float, skip: frozenset[int] = frozenset()) -> list[int]:
        """Rectangles whose inside meets the closed box (x0, y0)-(x1, y1) (a segment is a box of no width)."""
        found = []
        seen = set()
        for cx in range(int(math.floor(x0 / CELL)), int(math.floor(x1 / CELL)) + 1):
            for cy in range(int(math.floor(y0 / CELL)), int(math.floor(y1 / CELL)) + 1):
                for i in self.cells.get((cx, cy), ()):
                    if i in seen or i in skip:
                        continue
                    seen.add(i)
                    r = self.rects[i]
                    if r[0] < x1 and x0 < r[2] and r[1] < y1 and y0 < r[3] or \
                            (x0 == x1 and r[0] < x0 < r[2] and r[1] < y1 and y0 < r[3]) or \
                            (y0 == y1 and r[1] < y0 < r[3] and r[0] < x1 and x0 < r[2]):
                        found.append(i)
        return found

    def free(self, x0: float, y0: float, x1: float, y1: float, skip: frozenset[int] = frozenset()) -> bool:
        return not self.hits(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1), skip)

    def row(self, y0: float, y1: float) -> list[int]:
        """Every rectangle meeting the band y0..y1, from the band's rows of buckets only."""
        out: set[int] = set()
        for cy in range(int(math.floor(y0 / CELL)), int(math.floor(y1 / CELL)) + 1):
            out.update(self.rows.get(cy, ()))
        return [i for i in out if self.rects[i][1] < y1 and y0 < self.rects[i][3] or
                (y0 == y1 and self.rects[i][1] < y0 < self.rects[i][3])]


def _gaps(rects: list[Rect], ids: list[int]) -> tuple[list[float], list[float]]:
    """The free x-ranges left between rectangles (their x-extents merged), as starts and ends, sorted."""
    starts, ends = [-INF], []
    reach = -INF
    for a, b in sorted((rects[i][0], rects[i][2]) for i in ids):
        if a > reach:
            ends.append(a)
            starts.append(b)
        else:
            starts[-1] = max(starts[-1], b)
        reach = max(reach, b)
    ends.append(INF)
    return starts, ends


class Router:
    def __init__(self, boxes: dict[str, Rect]):
        self.keys = list(boxes)
        self.number = {k: i for i, k in enumerate(self.keys)}
        raw = [boxes[k] for k in self.keys]
        self.index = Index([(x0 - CLEAR, y0 - CLEAR, x1 + CLEAR, y1 + CLEAR) for x0, y0, x1, y1 in raw])
        self.raw = raw
        ys = {round(y0 - LANE, 1) for _, y0, _, _ in raw} | {round(y1 + LANE, 1) for _, _, _, y1 in raw}
        # and halfway across every gap narrower than two lanes (stacked boxes, Graphviz's tight ranks)
        tops = sorted({y0 for _, y0, _, _ in raw})
        for bottom in {y1 for _, _, _, y1 in raw}:
            i = bisect.bisect_right(tops, bottom)
            if i < len(tops) and 2 * CLEAR + 1 < tops[i] - bottom < 2 * LANE + 2 * CLEAR:
                ys.add(round((bottom + tops[i]) / 2, 1))
        if raw:
            ys |= {min(r[1] for r in raw) - 3 * LANE, max(r[3] for r in raw) + 3 * LANE}
        self.lanes = sorted(ys)
        self._lane_gaps: dict[int, tuple[list[float], list[float]]] = {}
        self._band_gaps: dict[int, tuple[list[float], list[float]]] = {}
        self.used: dict[int, list[tuple[float, float]]] = {}  # lane -> stretches earlier lines run along
        self.crowding = True

    def crowd(self, k: int, x0: float, x1: float) -> float:
        """The extra cost of running along lane k from x0 to x1 where earlier lines already run: a lane two lines
        share costs more, so a later line takes another when that is about as short (separate() sets apart the
        lines that still share one)."""
        if not self.crowding:
            return 0.0
        lo, hi = min(x0, x1), max(x0, x1)
        return min(CROWD_CAP, CROWD * sum(max(0.0, min(hi, b) - max(lo, a)) for a, b in self.used.get(k, ())))

    def occupy(self, pts: list[Point]) -> None:
        for (ax, ay), (bx, by) in zip(pts, pts[1:]):
            if abs(ay - by) < 0.01:
                k = bisect.bisect_left(self.lanes, ay - 0.05)
                if k < len(self.lanes) and abs(self.lanes[k] - ay) < 0.05:
                    self.used.setdefault(k, []).append((min(ax, bx), max(ax, bx)))

    def lane_gaps(self, k: int) -> tuple[list[float], list[float]]:
        if k not in self._lane_gaps:
            y = self.lanes[k]
            self._lane_gaps[k] = _gaps(self.index.rects, self.index.row(y, y))
        return self._lane_gaps[k]

    def band_gaps(self, k: int) -> tuple[list[float], list[float]]:
        """Corridors between lane k and lane k + 1: x-ranges where a vertical line meets no box."""
        if k not in self._band_gaps:
            self._band_gaps[k] = _gaps(self.index.rects, self.index.row(self.lanes[k], self.lanes[k + 1]))
        return self._band_gaps[k]

    def interval(self, k: int, x: float) -> tuple[float, float] | None:
        starts, ends = self.lane_gaps(k)
        i = bisect.bisect_right(starts, x) - 1
        if i >= 0 and starts[i] <= x <= ends[i]:
            return starts[i], ends[i]
        return None

    def escapes(self, key: str, toward: Point) -> list[tuple[int, float, float, list[Point]]]:
        """Ways out of a box to the lanes: (lane, x, cost, points from the box's border to the lane)."""
        i = self.number[key]
        x0, y0, x1, y1 = self.raw[i]
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        skip = frozenset((i,))
        side = 1 if toward[0] >= cx else -1
        out = []
        # off the centre, where the reporting lines run, towards the other end
        px = cx + side * (x1 - x0) / 4
        out += self._climb([(px, y0)], -1, skip)
        out += self._climb([(px, y1)], 1, skip)
        for s in (side, -side):
            edge = x1 if s > 0 else x0
            reach = 48.0
            hits = self.index.hits(min(edge, edge + s * reach), cy, max(edge, edge + s * reach), cy, skip)
            room = min((abs((self.index.rects[h][0] if s > 0 else self.index.rects[h][2]) - edge) for h in hits),
                       default=reach + CLEAR)
            if room - 2 * CLEAR < 2:  # no corridor beside the box
                continue
            sx = edge + s * min(16.0, room / 2)
            stub = [(edge, cy), (sx, cy)]
            for dy in (-1, 1):
                out += [(k, x, c + abs(sx - edge) + BEND, pts) for k, x, c, pts in self._climb(stub, dy, skip)]
        return out

    def _climb(self, start: list[Point], dy: int, skip: frozenset[int]) -> list[tuple[int, float, float, list[Point]]]:
        x, y = start[-1]
        k = bisect.bisect_left(self.lanes, y) - 1 if dy < 0 else bisect.bisect_right(self.lanes, y)
        out = []
        last = y
        while 0 <= k < len(self.lanes) and len(out) < ESCAPE_LANES:
            ly = self.lanes[k]
            if not self.index.free(x, last, x, ly, skip):
                break
            if self.interval(k, x) is not None:
                out.append((k, x, abs(ly - y), start + [(x, ly)]))
            last = ly
            k += dy
        return out

    def route(self, a: str, b: str) -> list[Point] | None:
        """The cheapest way from a's border to b's along lanes and corridors; None when none is found within
        MAX_STEPS (or a box has no way out)."""
        ra, rb = self.raw[self.number[a]], self.raw[self.number[b]]
        ca = ((ra[0] + ra[2]) / 2, (ra[1] + ra[3]) / 2)
        cb = ((rb[0] + rb[2]) / 2, (rb[1] + rb[3]) / 2)
        goals: dict[int, list[tuple[float, float, list[Point]]]] = {}
        for k, x, cost, pts in self.escapes(b, ca):
            goals.setdefault(k, []).append((x, cost, pts))
        if not goals:
            return None
        heap: list[tuple[float, int]] = []
        best: dict[tuple[int, float], float] = {}
        # node -> (lane, x, y, parent node, points out of a's box (first node), points into b's box (goal))
        nodes: dict[int, tuple] = {}
        gs: dict[int, float] = {}

        def push(g: float, k: int, x: float, parent: int | None, prefix=None, done=None) -> None:
            if done is None:
                key = (k, round(x, 1))
                if best.get(key, INF) <= g:
                    return
                best[key] = g
            node = len(nodes)
            nodes[node] = (k, x, self.lanes[k], parent, prefix, done)
            gs[node] = g
            h = 0.0 if done is not None else abs(x - cb[0]) + abs(self.lanes[k] - cb[1])
            heapq.heappush(heap, (g + h, node))

        for k, x, cost, pts in self.escapes(a, cb):
            push(cost, k, x, None, prefix=pts)
        steps = 0
        while heap and steps < MAX_STEPS:
            steps += 1
            _, node = heapq.heappop(heap)
            k, x, _, _, _, done = nodes[node]
            if done is not None:
                return _points(nodes, node)
            g = gs[node]
            span = self.interval(k, x)
            if span is None:
                continue
            for gx, cost, pts in goals.get(k, ()):
                if span[0] <= gx <= span[1]:
                    push(g + abs(gx - x) + self.crowd(k, x, gx) + cost + (BEND if gx != x else 0.0), k, gx, node,
                         done=pts)
            for nk in (k - 1, k + 1):
                if not 0 <= nk < len(self.lanes):
                    continue
                starts, ends = self.band_gaps(min(k, nk))
                for cx in self._corridors(starts, ends, span, x, cb[0]):
                    if self.interval(nk, cx) is not None:
                        push(g + abs(cx - x) + self.crowd(k, x, cx) + abs(self.lanes[nk] - self.lanes[k]) +
                             (BEND if cx != x else 0.0), nk, cx, node)
        return None

    @staticmethod
    def _corridors(starts: list[float], ends: list[float], span: tuple[float, float], x: float,
                   goal_x: float) -> set[float]:
        """A few x's to change lanes at: under x, the nearest corridor on each side, the one nearest the goal."""
        out = set()
        for want in (x, goal_x):
            want = min(max(want, span[0]), span[1])
            i = bisect.bisect_right(starts, want) - 1
            for j in (i - 1, i, i + 1):
                if not 0 <= j < len(starts):
                    continue
                lo, hi = max(starts[j], span[0]), min(ends[j], span[1])
                if hi - lo < 2.0:
                    continue
                if lo <= want <= hi:
                    out.add(want)
                else:  # the corridor's near side, inside it a little where it is wide enough
                    inset = min(8.0, (hi - lo) / 2)
                    out.add(lo + inset if want < lo else hi - inset)
        return out


def _points(parents: dict[int, tuple], node: int) -> list[Point]:
    chain = []
    while node is not None:
        chain.append(parents[node])
        node = parents[node][3]
    chain.reverse()
    pts = list(chain[0][4])
    for _, x, y, _, _, done in chain[1:]:
        pts.append((x, pts[-1][1]))  # along the lane
        pts += list(reversed(done)) if done is not None else [(x, y)]
    return simplify(pts)


def simplify(pts: list[Point]) -> list[Point]:
    """Without repeated points and without points in the middle of a straight leg."""
    out: list[Point] = []
    for p in pts:
        if out and abs(p[0] - out[-1][0]) < 0.01 and abs(p[1] - out[-1][1]) < 0.01:
            continue
        if len(out) >= 2:
            (ax, ay), (bx, by) = out[-2], out[-1]
            if (abs(ax - bx) < 0.01 and abs(bx - p[0]) < 0.01) or (abs(ay - by) < 0.01 and abs(by - p[1]) < 0.01):
                out[-1] = p
                continue
        out.append(p)
    return out


def label_size(lines: list[str]) -> tuple[float, float]:
    width = max((metrics.width(line, LABEL_SIZE) for line in lines), default=0.0)
    return math.ceil(width + 2 * LABEL_PAD + 2), len(lines) * LABEL_LINE + 2 * LABEL_PAD


def place_label(index: Index, label: str, points: list[Point], beside_only: bool = False) -> tuple[list[str],
                                                                                                   Rect | None]:
    """The label wrapped and put BESIDE its line, touching it (just above or below a horizontal leg, right or
    left of a vertical one), where it covers no box, no line (`index` holds every line's legs as thin boxes) and
    no label placed before it: along the longest legs first, middles first. Narrower wrappings are tried when the
    wide one fits nowhere; then the nearest free place around the middle of the longest legs."""
    if not label:
        return [], None
    legs = sorted(zip(points, points[1:]), key=lambda leg: -(abs(leg[1][0] - leg[0][0]) + abs(leg[1][1] - leg[0][1])))
    for limit in LABEL_WIDTHS:
        lines = metrics.wrap(label, limit, LABEL_SIZE, 6)
        if " ".join(lines) != " ".join(label.split()) and limit != LABEL_WIDTHS[0]:
            continue  # too narrow for its words: cut short
        w, h = label_size(lines)
        for (ax, ay), (bx, by) in legs:
            for t in (0.5, 0.35, 0.65, 0.2, 0.8):
                cx, cy = ax + (bx - ax) * t, ay + (by - ay) * t
                for spot in _beside(cx, cy, w, h, horizontal=abs(by - ay) < 0.01):
                    x0, y0 = spot[0] - w / 2, spot[1] - h / 2
                    if not index.hits(x0, y0, x0 + w, y0 + h):
                        return lines, (x0, y0, x0 + w, y0 + h)
    if beside_only:
        return [], None
    lines = metrics.wrap(label, LABEL_WIDTHS[1], LABEL_SIZE, 6)
    w, h = label_size(lines)
    for (ax, ay), (bx, by) in legs[:3]:
        mx, my = (ax + bx) / 2, (ay + by) / 2
        for r in (8.0, 16.0, 28.0, 44.0, 64.0, 96.0, 140.0, 200.0, 280.0, 400.0):
            for dx, dy in ((0, -1), (0, 1), (-1, 0), (1, 0), (-1, -1), (1, -1), (-1, 1), (1, 1)):
                x0, y0 = mx + dx * (r + w / 2) - w / 2, my + dy * (r + h / 2) - h / 2
                if not index.hits(x0, y0, x0 + w, y0 + h):
                    return lines, (x0, y0, x0 + w, y0 + h)
    return lines, None


LABEL_GAP = 1.0  # between a label's white box and its line: the 1.2 pt dashes stay whole beside it
LINE_GUARD = 0.7  # a line's leg as a box this far each side of it, that labels may not cover


def _beside(cx: float, cy: float, w: float, h: float, horizontal: bool) -> list[Point]:
    """Centres of a w × h label touching the line at (cx, cy) from either side (above first, then right)."""
    if horizontal:
        return [(cx, cy - h / 2 - LABEL_GAP), (cx, cy + h / 2 + LABEL_GAP)]
    return [(cx + w / 2 + LABEL_GAP, cy), (cx - w / 2 - LABEL_GAP, cy)]


def leg_guards(points: list[Point]) -> list[Rect]:
    """A line's legs as thin boxes, for labels to keep off."""
    return [(min(ax, bx) - LINE_GUARD, min(ay, by) - LINE_GUARD, max(ax, bx) + LINE_GUARD, max(ay, by) + LINE_GUARD)
            for (ax, ay), (bx, by) in zip(points, points[1:])]


def route_all(boxes: dict[str, Rect], dotted: list[tuple[str, str, str]]) -> list[tuple[str, str, str, bool,
                                                                                        list[Point] | None]]:
    """Every relation merged by pair and routed (points None where no route was found)."""
    wanted = [r for r in merge(dotted) if r[0] in boxes and r[1] in boxes]
    if not wanted:
        return []
    router = Router(boxes)
    routes = []
    for a, b, _, _ in wanted:
        routes.append(router.route(a, b))
        if routes[-1] is None:  # the detours crowding invites ran out of steps: the shortest way, shared or not
            router.crowding = False
            routes[-1] = router.route(a, b)
            router.crowding = True
        if routes[-1]:
            router.occupy(routes[-1])
    separate(router, [(a, b) for a, b, _, _ in wanted], routes)
    return [(a, b, label, both, pts) for (a, b, label, both), pts in zip(wanted, routes)]


NEAR = 1.0  # a leg moved aside keeps this far from other boxes
SHARE = 2.5  # two lines in one lane are set at least this far apart, so each can be followed
OFFSETS = tuple(sign * d for d in (2.5, 3.5, 4.5, 5.5, 7.0, 9.0) for sign in (1, -1))  # nearest first


def separate(router: Router, ends: list[tuple[str, str]], routes: list[list[Point] | None]) -> None:
    """Legs of different lines that would run along the same stretch of a lane or corridor are moved a few points
    aside (the legs on either side stretch or shrink to meet them), where that crosses no box and a leg leaving a
    box still leaves it from its side; the first line on a stretch stays where it was routed. Legs are looked up
    by (direction, place): a bounded cost per leg."""
    taken: dict[tuple[bool, int], list[tuple[float, float, float]]] = {}  # (horizontal, place) -> (at, lo, hi)

    def clash(horizontal: bool, at: float, lo: float, hi: float) -> bool:
        for near in (math.floor(at) - 2, math.floor(at) - 1, math.floor(at), math.floor(at) + 1, math.floor(at) + 2):
            for other, olo, ohi in taken.get((horizontal, near), ()):
                if abs(other - at) < SHARE - 0.01 and min(hi, ohi) - max(lo, olo) > SHARE:
                    return True
        return False

    for (a, b), pts in zip(ends, routes):
        if not pts:
            continue
        own = frozenset((router.number[a], router.number[b]))
        for k in range(len(pts) - 1):
            (ax, ay), (bx, by) = pts[k], pts[k + 1]
            horizontal = abs(ay - by) < 0.01
            at, lo, hi = (ay, min(ax, bx), max(ax, bx)) if horizontal else (ax, min(ay, by), max(ay, by))
            if clash(horizontal, at, lo, hi):
                for step in OFFSETS:
                    moved = [(x, y + step) if horizontal else (x + step, y) for x, y in pts[k:k + 2]]
                    if clash(horizontal, at + step, lo, hi) or not _may_move(router, pts, k, moved, own, a, b):
                        continue
                    pts[k:k + 2] = moved
                    at += step
                    break
            taken.setdefault((horizontal, math.floor(at)), []).append((at, lo, hi))


def _may_move(router: Router, pts: list[Point], k: int, moved: list[Point], own: frozenset[int], a: str,
              b: str) -> bool:
    """A leg moved aside, with the legs before and after it stretched to meet it, crosses no box, and its ends on
    a box border stay on that border."""
    new = pts[:k] + moved + pts[k + 2:]
    for i in range(max(0, k - 1), min(len(new) - 1, k + 2)):
        (ax, ay), (bx, by) = new[i], new[i + 1]
        lo_x, lo_y, hi_x, hi_y = min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)
        # a moved leg may come nearer a box than a route does (a narrow corridor has room for two lines only so),
        # never nearer than NEAR; its own boxes it may touch (it leaves and enters them), never enter
        for o in router.index.hits(lo_x, lo_y, hi_x, hi_y):
            x0, y0, x1, y1 = router.raw[o]
            m = 0.0 if o in own else NEAR
            if lo_x < x1 + m and x0 - m < hi_x and lo_y < y1 + m and y0 - m < hi_y:
                return False
    for i, key in ((0, a), (len(new) - 1, b)):
        if i in (k, k + 1):
            x0, y0, x1, y1 = router.raw[router.number[key]]
            x, y = new[i]
            if not (x0 + 2 <= x <= x1 - 2 or y0 + 2 <= y <= y1 - 2):
                return False
    return True
