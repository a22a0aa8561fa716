"""Variants (`extends:` + `changes:`) and `orgdocs compare`: what a variant loads as, what the diff lists, how
the numbers move, how the charts mark changes, the md/json/pdf outputs, git revisions and the seed families.

Data: tests/data/compare/family/ is a family folder: base.yaml, and reorg.yaml, which extends it and uses
every change op once. Error cases and git repositories are written into tmp_path.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import invoke_cli

from orgdocs.commands import steps
from orgdocs.outputs import build as building
from orgdocs.render import comparison as compare_mod

ROOT = Path(__file__).resolve().parent.parent
FAMILY = "tests/data/compare/family"
CVA = "orgs/customer-value-adoption"
STAGES = "orgs/cs-by-stage"
SVG = "{http://www.w3.org/2000/svg}"



invoke = invoke_cli


def ok(*args: str) -> str:
    """A command that succeeds; `compare` for hr unless an audience is given: these tests are about what a
    comparison says with everything in it (payroll rows, band changes). The other audiences: further below."""
    if args and args[0] == "compare" and "--audience" not in args:
        args = (*args, "--audience", "hr")
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def bad(*args: str) -> list[str]:
    """A command that must reject its input (exit 2); the lines it printed on stderr."""
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr.splitlines()


def stats_of(*paths: str) -> dict[str, dict]:
    return {s["id"]: s for s in json.loads(ok("stats", *paths, "--json", "--audience", "hr"))}


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """cwd = tmp_path; write(name, text) writes a file there (YAML text, so problems have lines)."""
    monkeypatch.chdir(tmp_path)

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write


BASE = (ROOT / FAMILY / "base.yaml").read_text(encoding="utf-8")


# --- 1. variants: what a variant loads as ---------------------------------------------------------------------


def test_family_ids_are_paths_inside_the_folder_named(at_root):
    # an id depends on the file's path and the path named, never on the files beside it (tests/test_units_variants.py)
    assert [i.id for i in steps.load([FAMILY])] == ["base", "reorg"]
    assert [i.id for i in steps.load([f"{FAMILY}/reorg.yaml"])] == ["reorg"]
    assert [i.id for i in steps.load(["tests/data/compare"])] == ["family/base", "family/reorg"]
    assert [i.id for i in steps.load([CVA])] == ["region-first", "segment-first"]
    assert {i.source.family for i in steps.load([FAMILY])} == {"family"}


def test_variant_applies_every_change_op(at_root):
    base, reorg = steps.load([FAMILY])
    org = reorg.org
    pos = {p.id: p for p in org.positions}
    # remove drops lead-b; add appends qa at the end
    assert list(pos) == ["head", "lead-a", "agents-a", "agents-b", "analyst", "qa"]
    assert {p: pos[p].reports_to for p in pos} == {
        "head": None, "lead-a": "head", "agents-a": "lead-a",
        "agents-b": "head",    # was under the removed lead-b: moved up to lead-b's manager
        "analyst": "lead-a",   # move
        "qa": "lead-a",        # add
    }
    assert {p: pos[p].seats for p in pos} == {"head": 1, "lead-a": 1, "agents-a": 6, "agents-b": 3, "analyst": 1,
                                              "qa": 1}
    assert pos["agents-a"].unit == "tier2"  # update sets any field
    assert pos["qa"].title == "Quality Analyst" and pos["qa"].role == "analyst"
    # the dotted line to the removed lead-b is gone; the others stay
    assert [(d.to, d.label) for d in pos["analyst"].dotted_lines] == [("lead-a", "quality")]
    assert [(d.to, d.label) for d in pos["agents-b"].dotted_lines] == [("lead-a", "escalations")]
    assert org.units["tier2"].lead is None and org.units["tier1"].lead == "lead-a"
    # update_role, update_band
    assert {r: org.roles[r].level for r in org.roles} == {"head": "l3", "lead": "l2", "agent": "l2", "analyst": "l1"}
    assert {b: (v.min, v.max) for b, v in org.compensation.bands.items()} == {
        "band-l1": (50_000, 70_000), "band-l2": (80_000, 100_000), "band-l3": (130_000, 170_000)}
    # the variant's own sections lay over the base's
    assert org.org.variant == "Reorg" and org.org.name == "Widget Support"

    # ... and the base is untouched
    bpos = {p.id: p for p in base.org.positions}
    assert list(bpos) == ["head", "lead-a", "lead-b", "agents-a", "agents-b", "analyst"]
    assert bpos["agents-a"].seats == 4 and bpos["agents-b"].reports_to == "lead-b"
    assert base.org.roles["agent"].level == "l1"
    assert (base.org.compensation.bands["band-l3"].min, base.org.compensation.bands["band-l3"].max) == (120_000,
                                                                                                         160_000)
    assert len(bpos["analyst"].dotted_lines) == 2


def test_variant_analysis_reflects_the_changes(at_root):
    _, reorg = steps.load([FAMILY])
    a = reorg.analysis
    assert a.tree.roots == ["head"]
    assert a.tree.nodes["head"].children == ["lead-a", "agents-b"]
    assert a.tree.nodes["lead-a"].children == ["agents-a", "analyst", "qa"]
    assert a.catalog.level(a.tree.nodes["agents-b"].position).name == "Senior"
    band = a.catalog.band(a.tree.nodes["head"].position)
    assert (band.min, band.max) == (130_000, 170_000)


def test_remove_of_a_root_lifts_its_reports_to_the_top(in_tmp):
    in_tmp("base.yaml", BASE)
    in_tmp("v.yaml", "extends: base.yaml\nchanges:\n  - remove: head\n")
    [v] = steps.load(["v.yaml"])
    pos = {p.id: p for p in v.org.positions}
    assert "head" not in pos
    assert pos["lead-a"].reports_to is None and pos["lead-b"].reports_to is None
    assert pos["analyst"].reports_to is None
    assert v.org.units["support"].lead is None
    assert sorted(v.analysis.tree.roots) == ["analyst", "lead-a", "lead-b"]


def test_a_chain_of_variants_applies_each_files_changes_in_turn(in_tmp):
    in_tmp("base.yaml", BASE)
    in_tmp("mid.yaml", "extends: base.yaml\nchanges:\n  - add: {id: coach, role: lead, reports_to: head}\n")
    in_tmp("top.yaml", "extends: mid.yaml\nchanges:\n  - move: {position: agents-b, to: coach}\n"
                       "  - update: {position: coach, count: 2}\n")
    items = {i.id: i for i in steps.load(["."])}
    assert list(items) == ["base", "mid", "top"]
    top = {p.id: p for p in items["top"].org.positions}
    assert top["coach"].seats == 2 and top["agents-b"].reports_to == "coach"
    mid = {p.id: p for p in items["mid"].org.positions}
    assert mid["coach"].seats == 1 and mid["agents-b"].reports_to == "lead-b"


# Each case: the variant's changes (YAML lines under `changes:`), and the exact problem line expected.
# Problems are located at the change's value: line 3 is the first change; columns are 1-based.
CHANGE_ERRORS = [
    ("  - remove: nobody",
     "v.yaml:3:13: error: remove: no position 'nobody' [invalid-change]"),
    ("  - move: {position: ghost, to: head}",
     "v.yaml:3:22: error: move: no position 'ghost' [invalid-change]"),
    ("  - update: {position: phantom, count: 2}",
     "v.yaml:3:24: error: update: no position 'phantom' [invalid-change]"),
    ("  - add: {id: head, role: head}",
     "v.yaml:3:15: error: add: position 'head' already exists [invalid-change]"),
    ("  - rename: {position: head, to: boss}",
     "v.yaml:3:5: error: each change is one of add, remove, move, update, update_role, update_band, move_unit, "
     "update_unit, e.g. `- remove: position-id` [invalid-change]"),
    ("  - remove: lead-a\n    move: {position: head, to: lead-b}",
     "v.yaml:3:5: error: each change is one of add, remove, move, update, update_role, update_band, move_unit, "
     "update_unit, e.g. `- remove: position-id` [invalid-change]"),
    ("  - update_role: {role: wizard, level: l1}",
     "v.yaml:3:25: error: update_role: no role 'wizard' [invalid-change]"),
    ("  - update_band: {band: band-l9, min: 1}",
     "v.yaml:3:25: error: update_band: no band 'band-l9' [invalid-change]"),
    ("  - update: {position: head, id: boss}",
     "v.yaml:3:34: error: update: cannot change a position's id (remove it and add another) [invalid-change]"),
    ("  - add: qa",
     "v.yaml:3:10: error: add: needs a position with an id [invalid-change]"),
    ("  - move: {position: head}",
     "v.yaml:3:11: error: move: needs {position: ..., to: ...} [invalid-change]"),
    # problems the changes cause later are located in the variant too
    ("  - move: {position: analyst, to: nobody-here}",
     "v.yaml:3:35: error: unknown position or external 'nobody-here' [unknown-reference]"),
    ("  - update: {position: agents-a, cuont: 5}",
     "v.yaml:3:34: error: unknown key 'cuont'; did you mean 'count'? [unknown-key]"),
    ("  - add:\n      id: newbie\n      role: wizard\n      reports_to: head",
     "v.yaml:5:13: error: unknown role 'wizard' [unknown-reference]"),
    ("  - move: {position: head, to: agents-a}",
     "v.yaml:3:32: error: reporting lines form a cycle: head → agents-a → lead-a → head [reporting-cycle]\n"
     "    see base.yaml:47:17\n    see base.yaml:36:17"),  # every edge: the move, then the base's lines
]


@pytest.mark.parametrize("changes, expected", CHANGE_ERRORS, ids=[c[0].split(":")[0].strip("- ") + f"-{i}"
                                                                  for i, c in enumerate(CHANGE_ERRORS)])
def test_bad_change_is_located_and_exits_2(in_tmp, changes, expected):
    in_tmp("base.yaml", BASE)
    in_tmp("v.yaml", f"extends: base.yaml\nchanges:\n{changes}\n")
    lines = bad("check", "v.yaml")
    assert lines == expected.splitlines() + ["1 problem in the input; nothing was written."]


def test_every_bad_change_is_reported_at_once(in_tmp):
    in_tmp("base.yaml", BASE)
    in_tmp("v.yaml", "extends: base.yaml\nchanges:\n  - remove: nobody\n  - remove: lead-a\n"
                     "  - move: {position: ghost, to: head}\n")
    lines = bad("check", "v.yaml")
    assert lines == ["v.yaml:3:13: error: remove: no position 'nobody' [invalid-change]",
                     "v.yaml:5:22: error: move: no position 'ghost' [invalid-change]",
                     "2 problems in the input; nothing was written."]


def test_changes_without_extends(in_tmp):
    in_tmp("x.yaml", "org: {name: X}\npositions:\n  - id: a\nchanges:\n  - remove: a\n")
    assert bad("check", "x.yaml") == [
        "x.yaml:4:1: error: changes: apply to the org this one extends; add `extends: <file>` [invalid-change]",
        "1 problem in the input; nothing was written."]


def test_extends_outside_the_folder(in_tmp):
    in_tmp("base.yaml", BASE)
    in_tmp("sub/v.yaml", "extends: ../base.yaml\n")
    assert bad("check", "sub/v.yaml") == [
        "sub/v.yaml:1:10: error: extends '../base.yaml' is outside the org's folder sub [include-outside]",
        "1 problem in the input; nothing was written."]


def test_extends_a_missing_file(in_tmp):
    in_tmp("v.yaml", "extends: nothere.yaml\n")
    assert bad("check", "v.yaml") == [
        "v.yaml:1:10: error: extends 'nothere.yaml' is not a .yaml file in . [include-missing]",
        "1 problem in the input; nothing was written."]


def test_extends_cycle(in_tmp):
    in_tmp("a.yaml", "extends: b.yaml\n")
    in_tmp("b.yaml", "extends: a.yaml\norg: {name: B}\n")
    assert bad("check", "a.yaml") == [
        "b.yaml:1:10: error: extends forms a cycle: a.yaml → b.yaml → a.yaml [extends-cycle]",
        "    see a.yaml:1:10",
        "1 problem in the input; nothing was written."]
    in_tmp("self.yaml", "extends: self.yaml\n")
    assert bad("check", "self.yaml")[0] == \
        "self.yaml:1:10: error: extends forms a cycle: self.yaml → self.yaml [extends-cycle]"


def test_locations_after_a_remove_still_point_at_the_right_lines(in_tmp):
    """Positions after a removed one move up by one; so must their locations (check findings use them)."""
    in_tmp("base.yaml", "org: {name: Shift}\npositions:\n  - id: boss\n  - id: a\n    reports_to: boss\n"
                        "  - id: b\n    reports_to: boss\n    declared:\n      direct_reports: 1\n"
                        "  - id: b1\n    reports_to: b\n")
    in_tmp("v.yaml", "extends: base.yaml\nchanges:\n  - remove: a\n  - add: {id: b2, reports_to: b}\n")
    result = invoke("check", "v.yaml")
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.stdout.splitlines()[1:]]
    assert "base.yaml:9:23: warning: b declares 1 direct reports but has 2 (1 b1, 1 b2) " \
           "[declared-direct-reports]" in lines
    assert "base.yaml:10:9: warning: position 'b1' has no role [position-no-role]" in lines
    assert "v.yaml:4:15: warning: position 'b2' has no role [position-no-role]" in lines
    assert not any("'a'" in line for line in lines)


def test_family_is_recognised_whatever_the_yaml_style_of_extends(in_tmp):
    in_tmp("fam/base.yaml", json.dumps({"org": {"name": "A"}, "positions": [{"id": "a"}]}))
    in_tmp("fam/variant.yaml", json.dumps({"extends": "base.yaml", "org": {"name": "B"}}))
    assert [i.id for i in steps.load(["fam"])] == ["base", "variant"]
    assert {i.source.family for i in steps.load(["fam"])} == {"fam"}


# --- 2. the diff ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def family_json() -> dict:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return json.loads(ok("compare", FAMILY, "-f", "json"))


def test_diff_lists_exactly_the_changes(family_json):
    [step] = family_json["steps"]
    assert (step["from"], step["to"]) == ("base", "reorg")
    assert step["added"] == ["qa"]
    assert step["removed"] == ["lead-b"]
    assert step["moved"] == [
        {"position": "agents-b", "from_manager": "Tier 2 Lead", "to_manager": "Head of Support"},
        {"position": "analyst", "from_manager": "Head of Support", "to_manager": "Tier 1 Lead"},
    ]
    changed = {c["position"]: {k: (v["from"], v["to"]) for k, v in c["fields"].items()} for c in step["changed"]}
    assert changed == {
        "head": {"band": ("120,000–160,000", "130,000–170,000")},                      # update_band
        "agents-a": {"count": ("4", "6"),                                               # update
                     "level": ("Associate", "Senior"),                                  # update_role
                     "band": ("50,000–70,000", "80,000–100,000"),                       # ... and so its band
                     "unit": ("Tier 1", "Tier 2")},                                     # update
        "agents-b": {"level": ("Associate", "Senior"), "band": ("50,000–70,000", "80,000–100,000"),
                     "unit": ("Tier 2", "Support")},                                    # its manager was removed
        "analyst": {"unit": ("Support", "Tier 1")},                                     # moved into Tier 1
    }
    assert step["matched"] == {p: p for p in ("agents-a", "agents-b", "analyst", "head", "lead-a")}
    assert step["summary"][:2] == ["added Quality Analyst under Tier 1 Lead",
                                   "removed Tier 2 Lead (was under Head of Support)"]
    assert [v["label"] for v in family_json["variants"]] == ["Base", "Reorg"]


def test_deltas_equal_what_stats_says(family_json, at_root):
    stats = stats_of(f"{FAMILY}/base.yaml", f"{FAMILY}/reorg.yaml")
    s = [stats["base"], stats["reorg"]]
    rows = {(r["group"], r["label"]): r["values"] for r in family_json["deltas"]}
    assert rows[("Totals", "Headcount")] == [x["headcount"] for x in s] == [11, 13]
    assert rows[("Totals", "Managers")] == [x["managers"] for x in s] == [3, 2]
    assert rows[("Totals", "Individual contributors")] == [x["ics"] for x in s] == [8, 11]
    assert rows[("Totals", "Span, median")] == [x["span"]["median"] for x in s] == [3, 6]
    assert rows[("Totals", "Span, max")] == [x["span"]["max"] for x in s] == [4, 8]
    assert rows[("Totals", "Layers")] == [x["layers"] for x in s] == [3, 3]
    assert rows[("Totals", "Vacancies")] == [x["vacancies"] for x in s]
    assert rows[("Totals", "FTE")] == [x["fte"] for x in s]
    # midpoints: 140K + 2 × 90K + 8 × 60K; then 150K + 90K + 9 × 90K + 2 × 60K
    assert rows[("Totals", "Payroll estimate")] == [x["payroll"]["total"] for x in s] == [800_000, 1_170_000]
    for k, x in enumerate(s):
        for u in x["unit_tree"]:  # rolled up the unit tree
            assert rows[("Headcount by unit", u["label"])][k] == u["total"]["headcount"]
        for u in x["payroll"]["unit_tree"]:
            assert rows[("Cost by unit", u["label"])][k] == u["total"]
        for lv in x["by_level"]:
            assert rows[("Headcount by level", lv["label"])][k] == lv["headcount"]
    # Tier 1 and Tier 2 are nested in Support: Support's own 2 and 4 seats, plus theirs
    assert [rows[("Headcount by unit", u)] for u in ("Support", "Tier 1", "Tier 2")] == [[11, 13], [5, 3], [4, 6]]


RENAME_A = {
    "org": {"name": "Rename", "variant": "Before"},
    "roles": {"head": {"title": "Head"}, "lead": {"title": "Team Lead"}, "agent": {"title": "Agent"}},
    "positions": [
        {"id": "head", "role": "head"},
        {"id": "lead-1", "role": "lead", "reports_to": "head"},
        {"id": "agents", "role": "agent", "count": 3, "reports_to": "lead-1"},
        {"id": "helper", "title": "Helper", "reports_to": "head"},
    ],
}


def test_matching_by_title_under_the_same_manager_when_ids_differ(in_tmp):
    b = json.loads(json.dumps(RENAME_A))
    b["org"]["variant"] = "After"
    b["positions"] = [
        {"id": "head", "role": "head"},
        {"id": "team-lead", "role": "lead", "reports_to": "head"},        # renamed; same title, same manager
        {"id": "agent-group", "role": "agent", "count": 3, "reports_to": "team-lead"},  # renamed, manager too
        {"id": "helper-2", "title": "Helper", "reports_to": "head"},      # renamed
    ]
    in_tmp("a.yaml", json.dumps(RENAME_A))
    in_tmp("b.yaml", json.dumps(b))
    [step] = json.loads(ok("compare", "a.yaml", "b.yaml", "-f", "json"))["steps"]
    assert step["matched"] == {"agents": "agent-group", "head": "head", "helper": "helper-2", "lead-1": "team-lead"}
    assert (step["added"], step["removed"], step["moved"], step["changed"]) == ([], [], [], [])
    assert "Before → After: no change" in ok("compare", "a.yaml", "b.yaml")


def test_same_title_under_another_manager_is_still_matched_when_unique(in_tmp):
    b = json.loads(json.dumps(RENAME_A))
    b["positions"][3] = {"id": "helper-2", "title": "Helper", "reports_to": "lead-1"}
    b["org"]["variant"] = "After"
    in_tmp("a.yaml", json.dumps(RENAME_A))
    in_tmp("b.yaml", json.dumps(b))
    [step] = json.loads(ok("compare", "a.yaml", "b.yaml", "-f", "json"))["steps"]
    assert step["matched"]["helper"] == "helper-2"
    assert step["added"] == [] and step["removed"] == []
    assert step["moved"] == [{"position": "helper-2", "from_manager": "Head", "to_manager": "Team Lead"}]


def test_a_different_title_is_added_and_removed_not_matched(in_tmp):
    b = json.loads(json.dumps(RENAME_A))
    b["positions"][3] = {"id": "helper-2", "title": "Assistant", "reports_to": "head"}
    in_tmp("a.yaml", json.dumps(RENAME_A))
    in_tmp("b.yaml", json.dumps(b))
    [step] = json.loads(ok("compare", "a.yaml", "b.yaml", "-f", "json"))["steps"]
    assert (step["added"], step["removed"]) == (["helper-2"], ["helper"])


# --- 3. an org compared with itself ---------------------------------------------------------------------------


def test_an_org_compared_with_itself_has_no_changes(in_tmp):
    in_tmp("one.yaml", BASE)
    in_tmp("two.yaml", BASE)
    data = json.loads(ok("compare", "one.yaml", "two.yaml", "-f", "json"))
    [step] = data["steps"]
    assert (step["added"], step["removed"], step["moved"], step["changed"], step["summary"]) == ([], [], [], [], [])
    assert step["matched"] == {p: p for p in ("agents-a", "agents-b", "analyst", "head", "lead-a", "lead-b")}
    for row in data["deltas"]:
        assert row["values"][0] == row["values"][1], row
    assert [v["label"] for v in data["variants"]] == ["one", "two"]  # one label twice: ids instead
    text = ok("compare", "one.yaml", "two.yaml")
    assert "one → two: no change" in text.splitlines()
    assert not re.search(r"\([+−]", text), "no deltas anywhere"
    md = ok("compare", "one.yaml", "two.yaml", "-f", "md")
    assert "## one → two\n\n- no change\n" in md


def test_the_same_org_loaded_twice_compares_as_no_change(at_root):
    [item] = steps.load([f"{FAMILY}/base.yaml"])
    c = steps.comparison([item, item])
    d = c.diffs[0]
    assert not (d.added or d.removed or d.moved or d.changed)
    assert "no change" in compare_mod.text_summary(c)
    assert all(len(set(r["values"])) == 1 for r in c.rows)


# --- 4. the SVG ------------------------------------------------------------------------------------------------


def parse_charts(svg_text: str) -> list[dict]:
    """Each nested chart of a composite: {'nodes': {svg id: {classes, x, y, text}}, 'edges': {(from, to)}}."""
    root = ET.fromstring(svg_text)
    assert root.tag == SVG + "svg" and root.get("class") == "comparison"
    charts = []
    for chart in root.findall(SVG + "svg"):
        nodes, by_title, edge_titles = {}, {}, []
        for g in chart.iter(SVG + "g"):
            classes = (g.get("class") or "").split()
            title = g.find(SVG + "title")
            if "edge" in classes and title is not None:
                edge_titles.append(title.text)
            if "node" not in classes or not (g.get("id") or "").startswith(("pos-", "ext-")):
                continue
            shape = next(e for e in g.iter() if e.tag in (SVG + "polygon", SVG + "path"))
            coords = shape.get("points") or shape.get("d")
            pts = [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", coords)]
            nodes[g.get("id")] = {
                "classes": set(classes), "x": min(x for x, _ in pts), "y": min(y for _, y in pts),
                "text": " ".join(t.text for t in g.iter(SVG + "text") if t.text),
            }
            by_title[title.text] = g.get("id")
        edges = set()
        for t in edge_titles:
            a, b = t.split("->")
            if a in by_title and b in by_title:
                edges.add((by_title[a], by_title[b]))
        charts.append({"nodes": nodes, "edges": edges})
    return charts


MARKS = {"added", "moved", "changed", "ghost", "removed"}


@pytest.fixture(scope="module")
def family_svg() -> list[dict]:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return parse_charts(ok("compare", FAMILY, "-f", "svg"))


def test_svg_has_one_chart_per_variant(family_svg):
    assert len(family_svg) == 2
    first, second = (c["nodes"] for c in family_svg)
    assert set(first) == {f"pos-{p}" for p in ("head", "lead-a", "lead-b", "agents-a", "agents-b", "analyst")}
    assert {n for n in second if not n.startswith("pos-ghost-")} == \
        {f"pos-{p}" for p in ("head", "lead-a", "agents-a", "agents-b", "analyst", "qa")}


def test_first_chart_has_no_change_marks(family_svg):
    for node in family_svg[0]["nodes"].values():
        assert not node["classes"] & MARKS, node


def test_second_chart_marks_added_moved_changed(family_svg):
    nodes = family_svg[1]["nodes"]
    marked = {i: node["classes"] & MARKS for i, node in nodes.items() if node["classes"] & MARKS}
    assert marked == {
        "pos-qa": {"added"},
        "pos-agents-b": {"moved"},   # moved and changed: shown as moved
        "pos-analyst": {"moved"},
        "pos-head": {"changed"},
        "pos-agents-a": {"changed"},
        "pos-ghost-lead-b": {"ghost", "removed"},
    }
    assert "was under Tier 2 Lead" in nodes["pos-agents-b"]["text"]
    assert "was under Head of Support" in nodes["pos-analyst"]["text"]
    assert "count 4 → 6" in nodes["pos-agents-a"]["text"]
    assert "Tier 2 Lead" in nodes["pos-ghost-lead-b"]["text"]


def test_ghost_sits_under_its_old_manager(family_svg):
    second = family_svg[1]
    assert ("pos-head", "pos-ghost-lead-b") in second["edges"]
    nodes = second["nodes"]
    assert nodes["pos-ghost-lead-b"]["y"] == nodes["pos-lead-a"]["y"], "on the row of head's other reports"


@pytest.fixture(scope="module")
def cva_svg() -> list[dict]:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        return parse_charts(ok("compare", CVA, "-f", "svg"))


def test_seed_variant_svg_marks(cva_svg):
    first, second = (c["nodes"] for c in cva_svg)
    assert not any(n["classes"] & MARKS for n in first.values())
    by_mark = {}
    for i, n in second.items():
        for m in n["classes"] & {"added", "moved", "changed", "ghost"}:
            by_mark.setdefault(m, set()).add(i)
    assert by_mark == {
        "added": {"pos-strategic-cs-manager-enterprise", "pos-strategic-cs-manager-commercial"},
        "moved": {f"pos-strategic-csms-{r}-{s}" for r in ("emea", "na") for s in ("enterprise", "commercial")},
        "ghost": {f"pos-ghost-strategic-cs-manager-{r}-{s}" for r in ("emea", "na")
                  for s in ("enterprise", "commercial")},
    }
    for ghost in by_mark["ghost"]:
        assert ("pos-head-of-cs", ghost) in cva_svg[1]["edges"]
    assert "was under Strategic CS Manager" in second["pos-strategic-csms-na-commercial"]["text"]


def test_stable_layout_keeps_unchanged_positions_in_order(cva_svg, at_root):
    """Among each manager's reports, positions unchanged from A to B keep their left-to-right order."""
    a, b = steps.load([CVA])
    d = steps.comparison([a, b]).diffs[0]
    touched = set(d.added) | {pb for _, pb, _, _ in d.moved} | {pb for _, pb, _ in d.changed}
    unchanged = {pa for pa, pb in d.matched.items() if pa == pb and pb not in touched}
    assert {"community", "knowledge-base", "training", "scaled-cs-manager-1", "scaled-cs-manager-2"} <= unchanged

    def order(chart: dict, tree, manager: str) -> list[str]:
        kids = [k for k in tree.nodes[manager].children if k in unchanged]
        return sorted(kids, key=lambda k: (chart["nodes"][f"pos-{k}"]["x"], chart["nodes"][f"pos-{k}"]["y"]))

    compared = 0
    for manager in unchanged:
        if manager in b.analysis.tree.nodes and b.analysis.tree.nodes[manager].children:
            assert order(cva_svg[0], a.analysis.tree, manager) == order(cva_svg[1], b.analysis.tree, manager)
            compared += 1
    assert compared >= 3
    assert order(cva_svg[1], b.analysis.tree, "head-of-cs") == [
        "community", "knowledge-base", "training", "in-app-engagement", "technical-specialists",
        "product-liaisons", "scaled-cs-manager-1", "scaled-cs-manager-2"]
    # the new managers sit where the teams they took over were: between Product Success and Scaled CS
    x = {k: cva_svg[1]["nodes"][f"pos-{k}"]["x"] for k in ("product-liaisons", "strategic-cs-manager-enterprise",
                                                            "strategic-cs-manager-commercial", "scaled-cs-manager-1")}
    assert x["product-liaisons"] < x["strategic-cs-manager-enterprise"] < x["strategic-cs-manager-commercial"] \
        < x["scaled-cs-manager-1"]


# --- 5. md and json --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("org", [FAMILY, STAGES])
def test_md_and_json_are_stable_and_complete(at_root, org):
    md = ok("compare", org, "-f", "md")
    js = ok("compare", org, "-f", "json")
    assert ok("compare", org, "-f", "md") == md
    assert ok("compare", org, "-f", "json") == js
    data = json.loads(js)
    assert set(data) == {"variants", "steps", "deltas", "checks"}
    assert len(data["steps"]) == len(data["variants"]) - 1 == len(data["checks"]) - 1

    lines = md.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| |"))
    assert lines[header + 1] == "|---|" + "---:|" * len(data["variants"])
    table = []
    for line in lines[header + 2:]:
        if not line.startswith("|"):
            break
        table.append(line)
    assert len(table) == len(data["deltas"])
    for line, row in zip(table, data["deltas"]):
        label = row["label"] if row["group"] == "Totals" else f"{row['group']}: {row['label']}"
        assert line.startswith(f"| {label} |")
        assert line.count(" | ") == len(data["variants"])
    steps = [line for line in lines if line.startswith("## ") and not line.startswith("## Checks")]
    labels = [v["label"] for v in data["variants"]]
    assert steps == [f"## {a} → {b}" for a, b in zip(labels, labels[1:])]


# --- 6. git revisions ------------------------------------------------------------------------------------------

GIT_ORG = "org: {name: Git Org}\npositions:\n  - id: boss\n  - id: team\n    count: %s\n    reports_to: boss\n"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=test@example.com", "-c", "user.name=Test", *args], cwd=cwd,
                   check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A git repo in tmp_path with x/org.yaml committed with count 12, then 14."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q")
    org = tmp_path / "x" / "org.yaml"
    org.parent.mkdir()

    def commit(count: object, message: str) -> None:
        org.write_text(GIT_ORG % count, encoding="utf-8")
        git(tmp_path, "add", "-A")
        git(tmp_path, "commit", "-q", "-m", message)

    commit(12, "twelve")
    commit(14, "fourteen")
    return commit


def test_compare_with_the_previous_revision(repo):
    data = json.loads(ok("compare", "x@HEAD~1", "x", "-f", "json"))
    assert [v["id"] for v in data["variants"]] == ["x@HEAD~1", "x"]
    [step] = data["steps"]
    assert step["changed"] == [{"position": "team", "fields": {"count": {"from": "12", "to": "14"}}}]
    assert (step["added"], step["removed"], step["moved"]) == ([], [], [])
    rows = {r["label"]: r["values"] for r in data["deltas"]}
    assert rows["Headcount"] == [13, 15]
    assert "changed team: count 12 → 14" in ok("compare", "x@HEAD~1", "x")


def test_stats_at_a_revision_gives_the_old_numbers(repo):
    [old] = json.loads(ok("stats", "x@HEAD~1", "--json"))
    [now] = json.loads(ok("stats", "x", "--json"))
    assert (old["id"], old["headcount"], old["ics"]) == ("x@HEAD~1", 13, 12)
    assert (now["id"], now["headcount"], now["ics"]) == ("x", 15, 14)
    assert Path("x/org.yaml").read_text(encoding="utf-8") == GIT_ORG % 14, "the working tree is untouched"


def test_problems_in_an_old_revision_name_the_file_at_that_revision(repo):
    repo(0, "bad")
    repo(15, "fixed")
    assert bad("check", "x@HEAD~1") == [
        "x/org.yaml@HEAD~1:5:12: error: count: must be at least 1, got 0 [invalid-value]",
        "1 problem in the input; nothing was written."]
    assert bad("compare", "x@HEAD~1", "x")[0].startswith("x/org.yaml@HEAD~1:5:12: error: count")
    assert json.loads(ok("stats", "x@HEAD~2", "--json"))[0]["headcount"] == 15


def test_bad_revision_exits_2_with_a_clear_message(repo):
    lines = bad("compare", "x@no-such-rev", "x")
    assert lines[0].startswith("error: x@no-such-rev: no revision 'no-such-rev' in ")
    assert lines[-1] == "1 problem in the input; nothing was written."
    assert bad("stats", "y@HEAD")[0] == "error: y@HEAD: y does not exist at HEAD [not-found]"


@pytest.mark.parametrize("rev", ["HEAD~1^{commit}", "HEAD~1^{}"])
def test_revision_with_braces(repo, rev):
    [old] = json.loads(ok("stats", f"x@{rev}", "--json"))
    assert old["headcount"] == 13


# --- 7. the seeds ----------------------------------------------------------------------------------------------


def test_stages_compare_in_order(at_root):
    text = ok("compare", STAGES)
    lines = text.splitlines()
    assert lines[0] == "Comparing Seed (seed) → Series A (series-a) → Series B (series-b) → Series C+ (series-c)"
    steps = [line.split(":")[0] for line in lines if re.match(r"^\S.* → .*: ", line)]
    assert steps == ["Seed → Series A", "Series A → Series B", "Series B → Series C+"]
    header = next(line for line in lines if line.strip().startswith("Seed") and "Series C+" in line)
    assert header.split() == ["Seed", "Series", "A", "Series", "B", "Series", "C+"]
    headcount = next(line for line in lines if line.startswith("Headcount "))
    assert re.fullmatch(r"Headcount\s+2\s+4 \(\+2\)\s+10 \(\+6\)\s+32 \(\+22\)", headcount)


def test_value_adoption_md(at_root):
    md = ok("compare", CVA, "-f", "md")
    assert "## Region-first CSM teams → Segment-first CSM teams" in md
    bullets = [line for line in md.splitlines() if line.startswith("- ")]
    assert sum(b.startswith("- added ") for b in bullets) == 2
    assert sum(b.startswith("- removed ") for b in bullets) == 4
    assert sum(b.startswith("- moved ") for b in bullets) == 4
    assert not any(b.startswith("- changed ") for b in bullets)
    assert "| Headcount | 30 | 28 (−2) |" in md


def test_value_adoption_pdf(at_root, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "x.pdf"
    assert ok("compare", CVA, "-o", str(out)).strip() == str(out)
    assert out.read_bytes().startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)
    text = " ".join(text.split())
    assert "Region-first CSM teams" in text and "Segment-first CSM teams" in text
    assert "What changes" in text
    assert "2 added, 4 removed, 4 moved" in text


def test_build_writes_the_family_comparison(at_root, tmp_path, monkeypatch):
    # role handbooks, bands and ladders are not about comparing and take most of build's time: skipped here
    monkeypatch.setattr(building, "build_documents", lambda *a, **k: [])
    out = tmp_path / "out"
    result = invoke("build", CVA, "--out-dir", str(out), "--audience", "all")
    assert result.exit_code == 0, result.output
    for audience in ("all-hands", "hr", "public"):
        folder = out / audience / "customer-value-adoption"
        for ext in ("pdf", "html", "md", "json"):
            assert (folder / f"compare.{ext}").stat().st_size > 0, ext
        assert (folder / "compare.pdf").read_bytes().startswith(b"%PDF")
        md = ok("compare", CVA, "-f", "md", "--audience", audience)
        assert (folder / "compare.md").read_text(encoding="utf-8") == md, audience
        js = ok("compare", CVA, "-f", "json", "--audience", audience)
        assert (folder / "compare.json").read_text(encoding="utf-8") == js, audience
    # the folder named holds the orgs: their ids are their paths inside it; the family's comparison is named for it
    assert (out / "all-hands" / "region-first" / "chart.svg").is_file()
    assert (out / "all-hands" / "segment-first" / "chart.svg").is_file()


# --- bugs found on the way -------------------------------------------------------------------------------------


def test_compare_for_all_hands_and_public_leaves_pay_out(at_root):
    """The default audience (all-hands) and public: no payroll rows, no band changes, no pay findings; public
    also no holders' names. hr: all of them."""
    hr = json.loads(ok("compare", FAMILY, "-f", "json", "--audience", "hr"))
    changed = [f for step in hr["steps"] for c in step["changed"] for f in c["fields"]]
    assert "band" in changed and "Payroll estimate" in {r["label"] for r in hr["deltas"]}
    for audience in ("all-hands", "public"):
        data = json.loads(ok("compare", FAMILY, "-f", "json", "--audience", audience))
        assert "Payroll estimate" not in {r["label"] for r in data["deltas"]}, audience
        assert not any(r["kind"] == "money" for r in data["deltas"]), audience  # payroll and cost by unit
        assert "band" not in [f for step in data["steps"] for c in step["changed"] for f in c["fields"]]
    assert invoke("compare", FAMILY, "-f", "json").stdout == \
        ok("compare", FAMILY, "-f", "json", "--audience", "all-hands")


def test_build_names_the_folder_it_wrote_the_comparison_to(at_root, tmp_path, monkeypatch):
    monkeypatch.setattr(building, "build_documents", lambda *a, **k: [])
    monkeypatch.setattr(building, "build_charts", lambda *a, **k: building.Charts())
    monkeypatch.setattr(building.compare, "documents",
                        lambda c, formats, t=None, nav=None, **k: {fmt: b"x" for fmt in formats})
    out = tmp_path / "out"
    result = invoke("build", CVA, "--out-dir", str(out))
    assert result.exit_code == 0, result.output
    for line in result.stdout.splitlines():
        folder = Path(line.rsplit(" → ", 1)[1])
        assert folder.is_dir(), line


def test_text_summary_columns_never_run_together(at_root):
    text = ok("compare", FAMILY)
    row = next(line for line in text.splitlines() if line.startswith("Payroll estimate"))
    assert re.fullmatch(r"Payroll estimate\s+\$800,000\s+\$1,170,000 \(\+\$370,000\)", row), row


def test_only_real_families_are_compared_by_build(in_tmp):
    in_tmp("coll/grp/a.yaml", "org: {name: A}\npositions:\n  - id: a\n")
    in_tmp("coll/grp/b.yaml", "org: {name: B}\npositions:\n  - id: b\n")
    items = steps.load(["coll"])
    assert [i.id for i in items] == ["grp/a", "grp/b"]
    assert building.families(items) == {}


SAME_TITLES = """org: {{name: Same titles}}
roles: {{lead: {{title: Lead}}, ic: {{title: Engineer}}}}
positions:
  - {{id: head, title: Head}}
  - {{id: eng-lead, role: lead, reports_to: head}}
  - {{id: ops-lead, role: lead, reports_to: head}}
  - {{id: solo, title: Designer, reports_to: {designer}}}
  - {{id: eng-ic, role: ic, reports_to: {ic}}}
"""


def test_a_change_names_positions_that_share_a_title_by_their_id_too(tmp_path):
    """Two managers titled "Lead": "moved Engineer from under Lead to under Lead" would say nothing, so a title
    that another position shares carries its id; a title of its own stays bare (Designer, Head)."""
    (tmp_path / "a.yaml").write_text(SAME_TITLES.format(ic="eng-lead", designer="head"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(SAME_TITLES.format(ic="ops-lead", designer="eng-lead"), encoding="utf-8")
    result = invoke_cli("compare", tmp_path / "a.yaml", tmp_path / "b.yaml")
    assert result.exit_code == 0, result.output
    assert "moved Engineer from under Lead (eng-lead) to under Lead (ops-lead)" in result.output
    assert "moved Designer from under Head to under Lead (eng-lead)" in result.output
