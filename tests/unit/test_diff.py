"""orgdocs.analyse.diff: two variants of an org compared as data: which positions were added, removed, moved or
changed, how positions are matched (id, then title under the same manager, then a unique title), the order a
chart keeps, and the comparison view's marks built from it."""

from __future__ import annotations

import copy

import pytest

from orgdocs.analyse.diff import change_lines, counts, diff, match
from orgdocs.commands import steps
from orgdocs.views.comparison import marks_for

BASE = {
    "org": {"name": "Widget Support", "variant": "Base", "currency": "USD"},
    "levels": {"l1": {"name": "Associate", "rank": 1}, "l2": {"name": "Senior", "rank": 2}},
    "roles": {"head": {"title": "Head of Support"}, "agent": {"title": "Support Agent", "level": "l1"},
              "senior": {"title": "Senior Agent", "level": "l2"}},
    "positions": [
        {"id": "head", "role": "head"},
        {"id": "lead-a", "title": "Tier 1 Lead", "reports_to": "head"},
        {"id": "lead-b", "title": "Tier 2 Lead", "reports_to": "head"},
        {"id": "agents-a", "role": "agent", "title": "Tier 1 Agents", "count": 4, "reports_to": "lead-a"},
        {"id": "agents-b", "role": "agent", "title": "Tier 2 Agents", "count": 2, "reports_to": "lead-b"},
        {"id": "writer", "title": "Docs Writer", "reports_to": "lead-b"},
        {"id": "tester", "title": "Manual Tester", "reports_to": "lead-a"},
    ],
}


def variant(**edits) -> dict:
    """BASE with positions replaced, added (id not in BASE) or removed (value None)."""
    data = copy.deepcopy(BASE)
    data["org"]["variant"] = "Reorg"
    by_id = {p["id"]: p for p in data["positions"]}
    for pid, value in edits.items():
        if value is None:
            data["positions"].remove(by_id[pid])
        elif pid in by_id:
            by_id[pid].update(value)
        else:
            data["positions"].append({"id": pid, **value})
    return data


@pytest.fixture
def pair(load_org):
    def make(**edits):
        return load_org(BASE, "base.yaml").analysis, load_org(variant(**edits), "reorg.yaml").analysis

    return make


def test_identical_variants_have_no_differences(pair):
    a, b = pair()
    d = diff(a, b)
    assert (d.added, d.removed, d.moved, d.changed) == ([], [], [], [])
    assert d.matched == {p["id"]: p["id"] for p in BASE["positions"]}
    assert change_lines(a, b, d) == []


def test_added_removed_moved_and_changed_as_data(pair):
    a, b = pair(tester=None,
                coach={"title": "Agent Coach", "reports_to": "head"},
                writer={"reports_to": "lead-a"},
                **{"agents-b": {"count": 5, "role": "senior"}})
    d = diff(a, b)
    assert d.added == ["coach"]
    assert d.removed == ["tester"]
    assert d.moved == [("writer", "writer", "Tier 2 Lead", "Tier 1 Lead")]
    assert d.changed == [("agents-b", "agents-b", {"count": ("2", "5"), "role": ("Support Agent", "Senior Agent"),
                                                   "level": ("Associate", "Senior")})]
    assert counts(d) == {"added": 1, "removed": 1, "moved": 1, "changed": 1}
    assert change_lines(a, b, d) == [
        "added Agent Coach under Head of Support",
        "removed Manual Tester (was under Tier 1 Lead)",
        "moved Docs Writer from under Tier 2 Lead to under Tier 1 Lead",
        "changed Tier 2 Agents: count 2 → 5; role Support Agent → Senior Agent; level Associate → Senior",
    ]


def test_a_renamed_id_is_matched_by_its_title_under_the_same_manager(pair):
    a, b = pair(tester=None, qa={"title": "Manual Tester", "reports_to": "lead-a"})
    assert match(a, b)["tester"] == "qa"
    d = diff(a, b)
    assert (d.added, d.removed, d.moved, d.changed) == ([], [], [], [])


def test_a_renamed_and_moved_position_is_matched_by_its_unique_title(pair):
    a, b = pair(tester=None, qa={"title": "Manual Tester", "reports_to": "lead-b"})
    d = diff(a, b)
    assert d.matched["tester"] == "qa"
    assert d.moved == [("tester", "qa", "Tier 1 Lead", "Tier 2 Lead")]


def test_chart_order_keeps_the_base_order_and_new_positions_follow_their_neighbour(pair):
    a, b = pair(coach={"title": "Agent Coach", "reports_to": "head"})
    d = diff(a, b)
    base_place = {p["id"]: float(i) for i, p in enumerate(BASE["positions"])}
    assert {k: v for k, v in d.order.items() if k != "coach"} == base_place
    assert base_place["tester"] < d.order["coach"] < base_place["tester"] + 1


def test_comparison_marks_for_the_second_variants_chart(pair, tmp_path):
    a, b = pair(tester=None, coach={"title": "Agent Coach", "reports_to": "head"}, writer={"reports_to": "lead-a"},
                **{"agents-b": {"count": 5}})
    items = steps.load([str(tmp_path / "base.yaml"), str(tmp_path / "reorg.yaml")])
    c = steps.comparison(items)
    assert [v.label for v in c.variants] == ["Base", "Reorg"]
    assert marks_for(c, 0) is None
    marks = marks_for(c, 1)
    assert marks.state == {"coach": "added", "writer": "moved", "agents-b": "changed"}
    assert marks.notes == {"coach": "new", "writer": "was under Tier 2 Lead", "agents-b": "count 2 → 5"}
    assert marks.ghosts == [("tester", "Manual Tester", "lead-a", 1, 6.0)]
    rows = {r["label"]: r["values"] for r in c.rows}
    assert rows["Headcount"] == [11, 14]  # 1 + 2 leads + 4 + 2 + writer + tester → coach, 5 agents, no tester
