"""orgdocs.chart.layout: where boxes and lines go, as numbers (points, y downwards): reports below their manager,
no two boxes overlapping, leaf reports stacked in a left-aligned column, staff beside their manager, externals
above the org, managers centred over their reports."""

from __future__ import annotations

import itertools

import pytest
from small_org import SMALL

from orgdocs.chart.layout import STACK_GAP, layout
from orgdocs.chart.options import ChartOptions
from orgdocs.chart.scene import build_scene


@pytest.fixture
def small(load_org):
    return load_org(SMALL).analysis


def laid_out(a, **options):
    opts = ChartOptions(**options)
    s = build_scene(a, opts)
    return s, layout(s, opts)


def overlap(p, q) -> bool:
    return (abs(p.x - q.x) < (p.w + q.w) / 2 - 1e-6) and (p.y < q.y + q.h - 1e-6) and (q.y < p.y + p.h - 1e-6)


def assert_no_overlaps(placed):
    clashes = [(a, b) for (a, p), (b, q) in itertools.combinations(placed.items(), 2) if overlap(p, q)]
    assert clashes == []


def test_every_box_is_placed_once_inside_the_drawing(small):
    s, lay = laid_out(small)
    assert set(lay.boxes) == set(s.boxes)
    for p in lay.boxes.values():
        assert 0 <= p.x - p.w / 2 and p.x + p.w / 2 <= lay.width + 1e-6
        assert 0 <= p.y and p.y + p.h <= lay.height + 1e-6
    assert_no_overlaps(lay.boxes)


def test_reports_sit_below_their_manager_and_managers_are_centred(small):
    s, lay = laid_out(small)
    b = lay.boxes
    for parent, kids in s.children.items():
        for kid in kids:
            assert b[kid].y >= b[parent].y + b[parent].h, (parent, kid)
    assert b["cto"].y == b["coo"].y  # one row per layer
    assert b["ceo"].x == pytest.approx((b["cto"].x + b["coo"].x) / 2)
    assert b["cto"].x < b["coo"].x  # source order, left to right


def test_leaf_reports_are_stacked_in_a_left_aligned_column(small):
    _, lay = laid_out(small)
    column = [lay.boxes[k] for k in ("backend", "frontend", "qa")]
    assert len({round(p.x - p.w / 2, 6) for p in column}) == 1
    assert [q.y - p.y for p, q in zip(column, column[1:])] == [column[0].h + STACK_GAP] * 2
    assert column[0].y > lay.boxes["cto"].y + lay.boxes["cto"].h


def test_a_long_column_splits_and_no_stack_puts_leaves_side_by_side(small):
    _, lay = laid_out(small, stack_column=2)
    lefts = {k: round(lay.boxes[k].x - lay.boxes[k].w / 2, 6) for k in ("backend", "frontend", "qa")}
    assert lefts["backend"] == lefts["frontend"] != lefts["qa"]  # 3 leaves, at most 2 a column: 2 + 1
    assert_no_overlaps(lay.boxes)
    _, flat = laid_out(small, stack=False)
    row = [flat.boxes[k] for k in ("backend", "frontend", "qa")]
    assert len({p.y for p in row}) == 1 and row[0].x < row[1].x < row[2].x
    assert_no_overlaps(flat.boxes)


def test_staff_hang_beside_their_manager_above_the_reports(small):
    _, lay = laid_out(small)
    ceo, ea, cto = lay.boxes["ceo"], lay.boxes["ea"], lay.boxes["cto"]
    assert ceo.y + ceo.h <= ea.y and ea.y + ea.h <= cto.y
    assert ea.x - ea.w / 2 > ceo.x  # to the side of the manager's trunk line
    [(manager, staff, line)] = [t for t in lay.tree_lines if t[1] == "ea"]
    assert (manager, line[0]) == ("ceo", (ceo.x, ceo.y + ceo.h))


def test_externals_sit_above_the_org_outside_its_frame(small):
    _, lay = laid_out(small)
    board, ceo = lay.boxes["ext-board"], lay.boxes["ceo"]
    assert board.y + board.h < ceo.y
    x0, y0, x1, y1 = lay.frame
    assert board.y + board.h <= y0
    for key, p in lay.boxes.items():
        if key != "ext-board":
            assert x0 <= p.x - p.w / 2 and p.x + p.w / 2 <= x1 and y0 <= p.y and p.y + p.h <= y1, key
    [(root, ext, line)] = lay.external_lines
    assert (root, ext) == ("ceo", "ext-board")
    assert line[0] == (ceo.x, ceo.y) and line[-1] == (board.x, board.y + board.h)


def test_lines_join_manager_bottoms_to_their_reports(small):
    s, lay = laid_out(small)
    pairs = {(a, b) for a, b, _ in lay.tree_lines}
    assert pairs == {(m, k) for m, kids in s.children.items() for k in kids} | {("ceo", "ea")}
    for a, b, line in lay.tree_lines:
        top = lay.boxes[a]
        assert line[0] == (top.x, top.y + top.h)
        end = lay.boxes[b]
        assert end.x - end.w / 2 - 1e-6 <= line[-1][0] <= end.x + end.w / 2 + 1e-6
    [rel] = lay.dotted_lines  # a polyline of straight legs from one box's border to the other's
    assert (rel.start, rel.end, rel.label, rel.arrow_start) == ("analyst", "cto", "data requests", False)
    assert all(x0 == x1 or y0 == y1 for (x0, y0), (x1, y1) in zip(rel.points, rel.points[1:]))
    for point, key in ((rel.points[0], "analyst"), (rel.points[-1], "cto")):
        p = lay.boxes[key]
        on_side = abs(abs(point[0] - p.x) - p.w / 2) < 1e-6 and p.y <= point[1] <= p.y + p.h
        on_edge = point[1] in (p.y, p.y + p.h) and abs(point[0] - p.x) <= p.w / 2
        assert on_side or on_edge, (key, point)


def test_left_to_right_puts_reports_to_the_right(small):
    s, lay = laid_out(small, direction="LR")
    assert lay.direction == "LR"
    for parent, kids in s.children.items():
        for kid in kids:
            assert lay.boxes[kid].x - lay.boxes[kid].w / 2 >= lay.boxes[parent].x + lay.boxes[parent].w / 2
    assert_no_overlaps(lay.boxes)


def test_example_orgs_lay_out_without_overlaps(examples):
    for item in examples.values():
        _, lay = laid_out(item.analysis)
        assert_no_overlaps(lay.boxes)
        _, expanded = laid_out(item.analysis, expand_groups=True)
        assert_no_overlaps(expanded.boxes)


def test_layout_is_deterministic(small):
    assert laid_out(small)[1] == laid_out(small)[1]
