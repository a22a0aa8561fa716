"""orgdocs.chart.scene: what a chart shows, as data (boxes, their texts and badges, the tree, staff, externals,
dotted lines, legend, footer), for a small inline org and the options that change it."""

from __future__ import annotations

import pytest
from small_org import SMALL

from orgdocs.chart.options import ChartOptions
from orgdocs.chart.palette import NO_COLOUR
from orgdocs.chart.scene import ChartError, CompareMarks, build_scene


@pytest.fixture
def small(load_org):
    return load_org(SMALL).analysis


def scene(a, **options):
    return build_scene(a, ChartOptions(**options))


def test_one_box_per_position_and_external_with_titles_and_names(small):
    s = scene(small)
    assert set(s.boxes) == {p["id"] for p in SMALL["positions"]} | {"ext-board"}
    assert {k: b.title for k, b in s.boxes.items() if not b.external} == {
        p["id"]: p["title"] for p in SMALL["positions"]}
    assert s.boxes["ceo"].names == ["Ana Chief"]
    assert s.boxes["backend"].names == ["Ada Alpha", "Bo Beta", "Cy Gamma"]
    board = s.boxes["ext-board"]
    assert (board.title, board.status, board.external, board.position_id) == (
        "The Board", "Outside this org", True, None)


def test_badges_statuses_and_classes(small):
    boxes = scene(small).boxes
    assert boxes["backend"].badge == "×3" and "group" in boxes["backend"].classes
    assert boxes["qa"].badge == "" and boxes["qa"].status == ""
    assert (boxes["frontend"].status, boxes["frontend"].vacancy) == ("Open role", True)
    assert "vacancy" in boxes["frontend"].classes
    assert (boxes["support"].status, boxes["support"].badge, boxes["support"].vacancy) == ("1 open", "×4", False)
    assert "partly-open" in boxes["support"].classes
    assert boxes["ceo"].classes[:2] == ["position", "manager"]
    assert boxes["qa"].classes[:2] == ["position", "ic"] and "unit-eng" in boxes["qa"].classes


def test_tree_staff_externals_and_dotted_lines(small):
    s = scene(small)
    assert s.roots == ["ceo"]
    assert s.children["ceo"] == ["cto", "coo"]  # the staff box hangs beside its manager, not below
    assert s.children["cto"] == ["backend", "frontend", "qa"]  # source order
    assert s.children["coo"] == ["support", "analyst"]
    assert s.staff == {"ceo": ["ea"]} and s.boxes["ea"].staff
    assert s.externals == ["ext-board"]
    assert s.external_links == [("ceo", "ext-board")]
    assert s.dotted == [("analyst", "cto", "data requests")]
    assert s.flags == {"dotted", "external", "vacancy", "staff", "group"}


def test_colours_follow_units_and_the_legend_lists_each_once(small):
    s = scene(small)
    assert s.legend_title == "Units"
    assert s.legend == [(NO_COLOUR, "No unit"), ("#2f6db5", "Engineering"), ("#3a9a6a", "Operations")]
    assert {s.boxes[k].colour for k in ("cto", "backend", "frontend", "qa")} == {"#2f6db5"}
    assert {s.boxes[k].colour for k in ("coo", "support", "analyst")} == {"#3a9a6a"}


def test_title_subtitle_and_footer_count_what_is_shown(small):
    s = scene(small)
    assert (s.title, s.subtitle) == ("Small Co", "Reporting structure")
    # 1+1+1+3+1+1+1+4+1 = 14 seats; ceo, cto and coo manage; frontend and one support seat are open, so
    # 12 people fill the other 12 (no seat is shared) and the 2 open roles are counted apart
    assert s.footer == "As of 2025-01-01 · 12 people in 9 positions · 3 managers · 3 layers · 2 open roles"


def test_depth_collapses_managers_and_says_how_many_are_below(small):
    s = scene(small, depth=2)
    assert set(s.boxes) == {"ceo", "ea", "cto", "coo", "ext-board"}
    assert s.boxes["cto"].collapsed and s.boxes["cto"].status == "+5 below"
    assert s.boxes["coo"].status == "+5 below" and "collapsed" in s.boxes["coo"].classes
    assert s.dotted == []  # the analyst is not drawn
    assert s.subtitle == "Reporting structure, 2 layers"
    # the part shown, and the whole org it is part of (12 people in 9 positions: the test above)
    assert s.footer.startswith("As of 2025-01-01 · 4 people in 4 positions shown (the whole org: 12 people in 9 "
                               "positions) · 3 managers · 2 layers")


def test_root_draws_one_subtree_without_the_external(small):
    s = scene(small, root="cto")
    assert s.roots == ["cto"] and set(s.boxes) == {"cto", "backend", "frontend", "qa"}
    assert s.external_links == [] and s.externals == []
    assert s.subtitle == "Reporting structure under Chief Technology Officer"


@pytest.mark.parametrize("options, message", [
    ({"root": "nobody"}, "--root 'nobody' is not a position id"),
    ({"depth": 0}, "--depth must be 1 or more"),
    ({"color_by": "shoe_size"}, "--color-by 'shoe_size': no position has that attribute"),
])
def test_options_naming_what_the_org_lacks_are_errors(small, options, message):
    with pytest.raises(ChartError, match=message.replace("(", r"\(")):
        scene(small, **options)


def test_hide_names_and_expand_groups(small):
    assert all(b.names == [] for b in scene(small, hide_names=True).boxes.values())
    s = scene(small, expand_groups=True)
    assert s.children["cto"] == ["backend--1", "backend--2", "backend--3", "frontend", "qa"]
    assert [s.boxes[f"backend--{i}"].names for i in (1, 2, 3)] == [["Ada Alpha"], ["Bo Beta"], ["Cy Gamma"]]
    assert s.children["coo"] == ["support--1", "support--2", "support--3", "support--rest", "analyst"]
    rest = s.boxes["support--rest"]
    assert (rest.badge, rest.vacancy, rest.position_id) == ("", True, "support")  # one unnamed, open seat


def test_colour_by_level_and_by_attribute(load_org):
    data = {**SMALL, "levels": {"l1": {"name": "Junior", "rank": 1}, "l2": {"name": "Senior", "rank": 2}},
            "roles": {"dev": {"title": "Developer", "level": "l1"}}}
    data["positions"] = [{"id": "boss", "title": "Boss", "attributes": {"site": "Oslo"}},
                         {"id": "dev", "role": "dev", "reports_to": "boss", "attributes": {"site": "Rome"}}]
    del data["units"], data["externals"]
    a = load_org(data).analysis
    s = scene(a, color_by="level")
    assert s.legend_title == "Levels" and [label for _, label in s.legend] == ["No level", "Junior"]
    s = scene(a, color_by="site")
    assert s.legend_title == "Site" and [label for _, label in s.legend] == ["Oslo", "Rome"]
    assert s.boxes["boss"].colour != s.boxes["dev"].colour


def test_compare_marks_add_states_notes_and_ghosts(small):
    marks = CompareMarks(state={"qa": "added", "analyst": "moved"}, notes={"qa": "new", "analyst": "was under CTO"},
                         ghosts=[("tester", "Manual Tester", "cto", 2, 0.5)],
                         order={"backend": 0, "frontend": 1, "qa": 2})
    s = build_scene(small, ChartOptions(), marks=marks)
    assert "added" in s.boxes["qa"].classes and s.boxes["qa"].status == "new"
    assert s.boxes["analyst"].status == "was under CTO"
    ghost = s.boxes["ghost-tester"]
    assert (ghost.title, ghost.status, ghost.badge) == ("Manual Tester", "removed", "×2")
    assert s.children["cto"] == ["backend", "ghost-tester", "frontend", "qa"]  # its old place among its siblings
    assert {"added", "moved", "removed"} <= s.flags
