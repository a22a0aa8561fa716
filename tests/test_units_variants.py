"""Units as a tree (own and rolled-up seats, FTE and cost; direct and total reports), move_unit/update_unit,
unit deltas in compare, families compared in `extends:` order, ids that do not depend on sibling files, and
dangling relations after a change.

ENG, worked out by hand (every seat of every role is priced at one band, midpoint 100,000):

    Engineering (eng)            cto                          1 seat
      Infrastructure (infra)     infra-director               1 seat
        Compute (compute)        em-compute 1 + compute-engs 9 (2 open)        = 10 seats, 10 FTE
        Storage (storage)        em-storage 1 + storage-engs 4 (one at 0.5)    =  5 seats, 4.5 FTE, 5 people
      Apps (apps)                apps-lead 1 + apps-engs 3 (unit inherited)    =  4 seats, 4 FTE

Infrastructure: own 1 seat; total 1 + 10 + 5 = 16 seats, 1 + 10 + 4.5 = 15.5 FTE, 2 open.
Engineering: own 1; total 1 + 16 + 4 = 21 seats, 1 + 15.5 + 4 = 20.5 FTE.
infra-director: 2 direct reports (the two EMs), 15 total (10 - 1 + 5 - 1 + 2 EMs = 9 + 4 + 2), 14.5 FTE under it.
Cost = FTE × 100,000: Infrastructure own 100,000, total 1,550,000; Engineering total 2,050,000.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from conftest import invoke_cli

from orgdocs.analyse.summary import numbers
from orgdocs.commands import steps
from orgdocs.problems import OrgInputError
from orgdocs.render import stats_csv, stats_text
from orgdocs.scan import confidential
from orgdocs.source.discover import family_order
from orgdocs.views.audience import numbers_for

ENG = {
    "org": {"name": "Engineering"},
    "levels": {"l1": {"name": "L1", "rank": 1}},
    "roles": {"eng": {"title": "Engineer", "level": "l1"}, "mgr": {"title": "Manager", "level": "l1"}},
    "compensation": {"bands": {"b": {"level": "l1", "min": "80K", "max": "120K"}}},  # midpoint 100,000
    "units": {
        "eng": {"name": "Engineering"},
        "infra": {"name": "Infrastructure", "parent": "eng", "lead": "infra-director"},
        "compute": {"name": "Compute", "parent": "infra"},
        "storage": {"name": "Storage", "parent": "infra"},
        "apps": {"name": "Apps", "parent": "eng"},
    },
    "positions": [
        {"id": "cto", "role": "mgr", "title": "CTO", "unit": "eng"},
        {"id": "infra-director", "role": "mgr", "title": "Director of Infrastructure", "unit": "infra",
         "reports_to": "cto"},
        {"id": "em-compute", "role": "mgr", "title": "EM Compute", "unit": "compute", "reports_to": "infra-director"},
        {"id": "compute-engs", "role": "eng", "count": 9, "open": 2, "reports_to": "em-compute"},
        {"id": "em-storage", "role": "mgr", "title": "EM Storage", "unit": "storage", "reports_to": "infra-director",
         "dotted_lines": [{"to": "em-compute", "label": "on-call"}]},
        {"id": "storage-engs", "role": "eng", "count": 4, "holders": [{"name": "Pat Half", "fte": 0.5}],
         "reports_to": "em-storage"},
        {"id": "apps-lead", "role": "mgr", "title": "Apps Lead", "unit": "apps", "reports_to": "cto"},
        {"id": "apps-engs", "role": "eng", "count": 3, "reports_to": "apps-lead"},
    ],
}


def write(folder: Path, name: str, data: dict | str) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def eng(load_org):
    return load_org(ENG)


def test_units_roll_up_the_unit_tree(eng):
    n = numbers(eng.id, eng.org, eng.analysis)
    rows = {u.key: u for u in n.unit_tree}
    assert [(u.key, u.depth) for u in n.unit_tree] == [
        ("eng", 0), ("infra", 1), ("compute", 2), ("storage", 2), ("apps", 1)]  # the tree, depth-first
    infra = rows["infra"]
    assert (infra.own.headcount, infra.own.fte) == (1, 1.0)  # the director alone
    assert (infra.total.headcount, infra.total.fte, infra.total.open) == (16, 15.5, 2)  # 1 + 10 + 5; 1 + 10 + 4.5
    assert (rows["compute"].own.headcount, rows["compute"].own.filled, rows["compute"].own.fte) == (10, 8, 10.0)
    assert (rows["storage"].own.fte, rows["storage"].own.people) == (4.5, 5)  # 1 + 0.5 + 3
    assert (rows["apps"].own.headcount, rows["apps"].total.headcount) == (4, 4)  # apps-engs inherit the unit
    top = rows["eng"]
    assert (top.own.headcount, top.total.headcount, top.total.fte, top.total.people) == (1, 21, 20.5, 19)
    assert top.total.headcount == n.headcount and top.total.fte == n.fte  # every position is in a unit
    assert "" not in rows  # no "(none)" row when every position has a unit


def test_a_director_has_15_total_reports_while_its_unit_owns_1(eng):
    n = numbers(eng.id, eng.org, eng.analysis)
    reports = {r.id: r for r in n.reports}
    d = reports["infra-director"]
    assert (d.direct_reports, d.total_reports, d.total_fte, d.unit) == (2, 15, 14.5, "infra")  # 10 + 5 seats, 10 + 4.5
    assert (reports["cto"].direct_reports, reports["cto"].total_reports) == (2, 20)
    assert "compute-engs" not in reports  # not a manager
    assert next(u for u in n.unit_tree if u.key == "infra").own.headcount == 1


def test_cost_rolls_up_for_hr_only(eng):
    n = numbers(eng.id, eng.org, eng.analysis)
    cost = {u.key: u for u in n.payroll.unit_tree}
    assert (cost["infra"].own, cost["infra"].total) == (100_000, 1_550_000)  # 1 FTE; 15.5 FTE × 100,000
    assert (cost["eng"].own, cost["eng"].total) == (100_000, 2_050_000) and n.payroll.total == 2_050_000
    for audience in ("all-hands", "public"):
        seen = numbers_for(n, audience, eng.org)
        assert seen.payroll is None
        assert "1550000" not in json.dumps(seen.as_dict()) and "1,550,000" not in stats_text.render(seen)
        assert "payroll" not in stats_csv.render([seen])
    secrets = confidential(eng)  # the leak scan looks for the rolled-up cost too
    assert any("with its sub-units" in s.what for s in secrets.amounts[1_550_000])


def test_stats_text_csv_and_json_show_own_and_total(eng, tmp_path):
    n = numbers(eng.id, eng.org, eng.analysis)
    text = stats_text.render(numbers_for(n, "all-hands"))
    lines = text.splitlines()
    head = lines.index(next(line for line in lines if line.startswith("By unit")))
    assert lines[head].split() == ["By", "unit", "Own", "Total", "Open", "FTE", "own", "FTE", "total"]
    assert lines[head + 3].split() == ["Infrastructure", "1", "16", "2", "1", "15.5"]
    assert lines[head + 3].startswith("  Infrastructure") and lines[head + 4].startswith("    Compute")
    assert "Total reports" in text
    csv_rows = stats_csv.render([n]).splitlines()
    assert f"{eng.id},headcount_total,unit_tree,infra,Infrastructure,16" in csv_rows
    assert f"{eng.id},headcount_own,unit_tree,infra,Infrastructure,1" in csv_rows
    assert f"{eng.id},total_reports,position,infra-director,Director of Infrastructure,15" in csv_rows
    path = write(tmp_path, "cli.yaml", ENG)
    [data] = json.loads(invoke_cli("stats", str(path), "--json").stdout)
    infra = next(u for u in data["unit_tree"] if u["key"] == "infra")
    assert (infra["own"]["headcount"], infra["total"]["headcount"], infra["parent"]) == (1, 16, "eng")
    d = next(r for r in data["reports"] if r["id"] == "infra-director")
    assert (d["direct_reports"], d["total_reports"]) == (2, 15)


# --- move_unit and update_unit ------------------------------------------------------------------------------------

MOVE = """extends: base.yaml
org: {variant: Storage under Apps}
changes:
  - move_unit: {unit: storage, parent: apps}
  - update_unit: {unit: apps, name: Applications, colour: "#336699"}
"""


@pytest.fixture
def family(tmp_path):
    folder = tmp_path / "eng"
    folder.mkdir()
    write(folder, "base.yaml", {**ENG, "org": {"name": "Engineering", "variant": "Today"}})
    write(folder, "move.yaml", MOVE)
    return folder


def test_move_unit_changes_the_rollups_of_the_variant(family):
    base, moved = steps.load([str(family)])
    assert [base.id, moved.id] == ["base", "move"]
    assert moved.org.units["storage"].parent == "apps"
    assert (moved.org.units["apps"].name, moved.org.units["apps"].colour) == ("Applications", "#336699")
    rows = {u.key: u for u in steps.org_stats(moved).unit_tree}
    assert rows["infra"].total.headcount == 11  # 16 - Storage's 5
    assert (rows["apps"].total.headcount, rows["apps"].total.fte) == (9, 8.5)  # 4 + 5; 4 + 4.5
    assert rows["eng"].total.headcount == 21  # the whole org is unchanged
    assert [u.key for u in steps.org_stats(moved).unit_tree] == ["eng", "infra", "compute", "apps", "storage"]


def test_compare_shows_unit_deltas_rolled_up_and_the_move(family):
    hr = json.loads(invoke_cli("compare", str(family), "-f", "json", "--audience", "hr").stdout)
    rows = {(r["group"], r["label"]): r["values"] for r in hr["deltas"]}
    assert rows[("Headcount by unit", "Infrastructure")] == [16, 11]
    assert rows[("Headcount by unit", "Applications")] == [4, 9]  # named as in the last variant
    assert rows[("Headcount by unit", "Engineering")] == [21, 21]
    assert rows[("FTE by unit", "Infrastructure")] == [15.5, 11]  # 15.5 - 4.5
    assert rows[("Cost by unit", "Infrastructure")] == [1_550_000, 1_100_000]
    [step] = hr["steps"]
    assert step["units"] == ["moved unit Storage from under Infrastructure to under Applications",
                             "renamed unit Apps to Applications"]
    assert step["changed"] == []  # positions keep their units: a renamed unit is not a change of each seat
    everyone = json.loads(invoke_cli("compare", str(family), "-f", "json").stdout)
    assert not [r for r in everyone["deltas"] if r["group"] == "Cost by unit"]
    assert {("Headcount by unit", "Infrastructure"), ("FTE by unit", "Infrastructure")} <= {
        (r["group"], r["label"]) for r in everyone["deltas"]}
    text = invoke_cli("compare", str(family)).stdout
    assert "moved unit Storage from under Infrastructure to under Applications" in text
    assert "2 unit changes" in text


BAD_UNIT_CHANGES = """extends: base.yaml
changes:
  - move_unit: {unit: nowhere, parent: eng}
  - move_unit: {unit: infra, parent: compute}
  - move_unit: {unit: apps, parent: gone}
  - update_unit: {unit: ghost, name: Boo}
  - update_unit: {unit: apps, parent: infra}
"""


def test_bad_unit_changes_are_located_all_at_once(family):
    write(family, "move.yaml", BAD_UNIT_CHANGES)
    with pytest.raises(OrgInputError) as exc:
        steps.load([str(family / "move.yaml")])
    got = [(p.location.line, p.location.column, p.message) for p in exc.value.problems]
    assert got == [
        (3, 23, "move_unit: no unit 'nowhere'"),
        (4, 38, "move_unit: 'infra' cannot move under 'compute', which is nested in it (the units would form a "
                "cycle: infra → compute → infra)"),
        (5, 37, "move_unit: no unit 'gone' to move 'apps' under"),
        (6, 25, "update_unit: no unit 'ghost'"),
        (7, 39, "update_unit: change a unit's parent with move_unit, which checks the units form no cycle"),
    ]
    assert {p.code for p in exc.value.problems} == {"invalid-change"}
    assert all(p.location.file.endswith("move.yaml") for p in exc.value.problems)


def test_move_unit_to_the_top(family):
    write(family, "move.yaml", "extends: base.yaml\nchanges:\n  - move_unit: {unit: infra, parent: null}\n")
    moved = steps.load([str(family / "move.yaml")])[0]
    assert moved.org.units["infra"].parent is None
    rows = {u.key: u for u in steps.org_stats(moved).unit_tree}
    assert (rows["eng"].total.headcount, rows["infra"].depth) == (5, 0)  # cto 1 + Apps 4


# --- families ----------------------------------------------------------------------------------------------------

def _variant(of: str, name: str) -> str:
    return f"extends: {of}\norg: {{variant: {name}}}\nchanges:\n  - update: {{position: apps-engs, count: 5}}\n"


def test_a_family_compares_in_extends_order(tmp_path):
    folder = tmp_path / "fam"
    folder.mkdir()
    write(folder, "base.yaml", ENG)
    write(folder, "a-variant.yaml", _variant("base.yaml", "A"))
    write(folder, "0-variant.yaml", _variant("a-variant.yaml", "Zero"))  # first by name, but extends a-variant
    assert [i.id for i in steps.load([str(folder)])] == ["base", "a-variant", "0-variant"]
    data = json.loads(invoke_cli("compare", str(folder), "-f", "json").stdout)
    assert [v["id"] for v in data["variants"]] == ["base", "a-variant", "0-variant"]
    assert [(s["from"], s["to"]) for s in data["steps"]] == [("base", "a-variant"), ("a-variant", "0-variant")]


def test_family_order_ties_by_name_and_chains_after_their_base():
    p = Path("/f")
    members = [("0.yaml", p / "0.yaml", p / "b.yaml"), ("a.yaml", p / "a.yaml", None),
               ("b.yaml", p / "b.yaml", p / "a.yaml"), ("c.yaml", p / "c.yaml", p / "a.yaml"),
               ("_x.yaml", p / "z.yaml", p / "_partial.yaml")]  # extends a partial: a base of its own
    order = [members[i][0] for i in family_order(members)]
    assert order == ["_x.yaml", "a.yaml", "b.yaml", "0.yaml", "c.yaml"]


def test_an_orgs_output_folder_is_the_same_alone_and_with_a_sibling(tmp_path):
    folder = tmp_path / "team"
    folder.mkdir()
    path = write(folder, "acme.yaml", ENG)
    alone = ([i.id for i in steps.load([str(path)])], [i.id for i in steps.load([str(folder)])],
             [i.id for i in steps.load([str(tmp_path)])])
    write(folder, "acme-reorg.yaml", _variant("acme.yaml", "Reorg"))
    write(folder, "_notes.yaml", "sections: []\n")  # a partial beside it too
    family = ([i.id for i in steps.load([str(path)])], [i.id for i in steps.load([str(folder)])],
              [i.id for i in steps.load([str(tmp_path)])])
    assert alone == (["acme"], ["acme"], ["team/acme"])
    assert family == (["acme"], ["acme", "acme-reorg"], ["team/acme", "team/acme-reorg"])
    assert {i.source.family for i in steps.load([str(folder)])} == {"team"}  # still compared as a family


# --- dangling relations ------------------------------------------------------------------------------------------

def test_a_removed_position_leaves_located_warnings_naming_both_ends(family):
    write(family, "move.yaml", "extends: base.yaml\nchanges:\n  - update: {position: cto, title: Head}\n"
                               "  - remove: em-compute\n  - remove: infra-director\n")
    [item] = steps.load([str(family / "move.yaml")])
    storage = next(p for p in item.org.positions if p.id == "em-storage")
    assert not storage.dotted_lines and item.org.units["infra"].lead is None  # dropped, as before
    found = [(p.location.line, p.location.column, p.severity, p.code, p.message)
             for p in steps.check(item) if p.code == "dangling-relation"]
    assert found == [
        (4, 5, "warning", "dangling-relation",
         "dotted line from em-storage to em-compute dropped: em-compute was removed by change 2 (remove)"),
        (5, 5, "warning", "dangling-relation",
         "lead of unit infra (infra-director) dropped: infra-director was removed by change 3 (remove)"),
    ]
    assert all(p.location.file.endswith("move.yaml") for p in steps.check(item) if p.code == "dangling-relation")


def test_dangling_relation_warnings_can_be_turned_off(family):
    data = copy.deepcopy(ENG)
    data["policies"] = {"checks": {"dangling-relation": "off"}}
    write(family, "base.yaml", data)
    write(family, "move.yaml", "extends: base.yaml\nchanges:\n  - remove: em-compute\n")
    [item] = steps.load([str(family / "move.yaml")])
    assert [p for p in steps.check(item) if p.code == "dangling-relation"] == []
