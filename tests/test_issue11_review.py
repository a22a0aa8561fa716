"""Review of issue 11 as merged: the seams between its parts, each found by using the tool on a new org.

ORG, worked out by hand (employees are the headcount; contractors, the intern and vendor teams are counted apart):

    Engineering (eng)     head: ONE co-head seat, Ana at 0.5 FTE, the other half open    1 seat, 1 FTE (0.5 open)
                          ea: staff beside head                                            1 seat
                          staff-eng: Staff Engineer under head                             1 seat
      Team (team)         em: Engineering Manager under head                               1 seat
                          swes: 4 Software Engineers under em, 1 open                      4 seats, 1 open
                          cons: 2 contractors under em          (not headcount)
                          intern: 1 intern at 0.5 under em      (not headcount)
                          oncall: vendor team of 3 under em     (not headcount, not a report)
    (no unit)             farm: vendor team of 4 under the external BuildCo (not headcount)

Headcount 1 + 1 + 1 + 1 + 4 = 8 seats (1 open), FTE 1 + 1 + 1 + 1 + 4 = 8.
Team owns em + swes = 5 seats and 5 FTE; Engineering owns head, ea, staff-eng = 3, in all 3 + 5 = 8 = headcount.
head's total reports: ea + staff-eng + em + 4 swes = 7 seats (= 8 - its own); em's: the 4 swes.
em's span (direct reports): 4 swes + 2 contractors + 1 intern = 7 (a vendor team is no one's report).
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
from orgdocs.schema import json_schema
from orgdocs.views import bands as band_views
from orgdocs.views import ladders as ladder_views
from orgdocs.views.audience import numbers_for
from orgdocs.views.roles import placement

ORG = {
    "org": {"name": "Acme Engineering", "as_of": "2024-09-01"},
    "tracks": {"ic": {"name": "IC", "kind": "ic"}, "management": {"name": "Management", "kind": "management"}},
    "levels": {
        "ic2": {"name": "Engineer", "rank": 2, "track": "ic", "code": "IC2"},
        "ic3": {"name": "Senior Engineer", "rank": 3, "track": "ic", "code": "IC3"},
        "ic4": {"name": "Staff Engineer", "rank": 4, "track": "ic", "code": "IC4"},
        "m1": {"name": "Engineering Manager", "rank": 4, "track": "management", "code": "M1"},
        "m2": {"name": "Head", "rank": 5, "track": "management", "code": "M2"},
    },
    "roles": {
        "head": {"title": "Head of Engineering", "level": "m2"},
        "em": {"title": "Engineering Manager", "level": "m1"},
        "swe": {"title": "Software Engineer", "level": "ic2"},
        "senior": {"title": "Senior Engineer", "level": "ic3"},
        "staff": {"title": "Staff Engineer", "level": "ic4"},
        "ea": {"title": "Executive Assistant"},
        "intern": {"title": "Engineering Intern"},
        "contract": {"title": "Contract Engineer"},
        "vendor-ops": {"title": "Vendor Operations"},
    },
    "compensation": {"bands": {
        "ic2": {"level": "ic2", "min": "100K", "max": "140K"},
        "ic3": {"level": "ic3", "min": "130K", "max": "170K"},
        "ic4": {"level": "ic4", "min": "160K", "max": "220K"},
        "m1": {"level": "m1", "min": "150K", "max": "200K"},
        "m2": {"level": "m2", "min": "200K", "max": "260K"},
        "ea": {"role": "ea", "min": "60K", "max": "80K"},
        "intern": {"role": "intern", "min": "40K", "max": "60K"},
    }},
    "ladders": {
        "ic": {"name": "Engineering IC", "track": "ic", "steps": [
            {"role": "swe", "months_to_next": "18-24"}, {"role": "senior", "months_to_next": "24-36"},
            {"role": "staff", "months_to_next": "48+"}],  # the top step's time to a step beyond the ladder
            "transitions": [{"from": "staff", "to": "em", "months": "12-24"}]},
        "management": {"name": "Engineering management", "track": "management",
                       "steps": [{"role": "em"}, {"role": "head"}]},
    },
    "externals": {"buildco": {"name": "BuildCo", "kind": "company",
                              "dotted_lines": [{"to": "staff-eng", "label": "Vendor escalations"}]}},
    "units": {"eng": {"name": "Engineering", "lead": "head"},
              "team": {"name": "Team", "parent": "eng", "lead": "em"}},
    "positions": [
        {"id": "head", "role": "head", "unit": "eng", "kind": "co-head", "holders": [{"name": "Ana", "fte": 0.5}],
         "open": True},
        {"id": "ea", "role": "ea", "kind": "staff", "reports_to": "head", "holders": ["Pat"]},
        {"id": "staff-eng", "role": "staff", "reports_to": "head",
         "dotted_lines": [{"to": "em", "label": "Architecture reviews"}]},
        {"id": "em", "role": "em", "reports_to": "head", "unit": "team",
         "dotted_lines": [{"from": "farm", "label": "Runs the build farm"}]},
        {"id": "swes", "role": "swe", "count": 4, "open": 1, "reports_to": "em"},
        {"id": "cons", "role": "contract", "workforce": "contractor", "count": 2, "reports_to": "em"},
        {"id": "intern", "role": "intern", "workforce": "intern", "fte": 0.5, "reports_to": "em"},
        {"id": "oncall", "role": "vendor-ops", "title": "On-call Vendor", "workforce": "vendor", "count": 3,
         "reports_to": "em"},
        {"id": "farm", "role": "vendor-ops", "title": "Build Farm", "workforce": "vendor", "count": 4,
         "reports_to": "buildco"},
    ],
}


@pytest.fixture
def org(load_org):
    return load_org(ORG)


# --- units and manager subtrees count what headcount counts ------------------------------------------------------

def test_the_unit_tree_counts_headcount_like_every_other_breakdown(org):
    n = numbers(org.id, org.org, org.analysis)
    rows = {u.key: u for u in n.unit_tree}
    assert (rows["team"].own.headcount, rows["team"].own.fte, rows["team"].own.open) == (5, 5.0, 1)  # em + 4 swes
    assert (rows["eng"].own.headcount, rows["eng"].total.headcount, rows["eng"].total.fte) == (3, 8, 8.0)
    assert rows["eng"].total.headcount == n.headcount == 8 and rows["eng"].total.fte == n.fte
    assert "" not in rows  # the vendor team under BuildCo is no one's headcount: no "(none)" row
    by_unit = {g.key: g.headcount for g in n.by_unit}
    assert by_unit == {"eng": 3, "team": 5} == {k: r.own.headcount for k, r in rows.items()}


def test_total_reports_agree_between_json_text_and_csv(org):
    n = numbers(org.id, org.org, org.analysis)
    reports = {r.id: r for r in n.reports}
    # total reports: every seat below but vendor teams (staff, contractors and interns too), so never fewer than
    # the direct reports a span counts
    assert (reports["head"].direct_reports, reports["head"].total_reports) == (2, 10)  # staff-eng, em; ea is staff
    assert (reports["em"].direct_reports, reports["em"].total_reports) == (7, 7)  # 4 swes + 2 contractors + intern
    # FTE 1 + 1 + 1 (ea, staff-eng, em) + 4 swes + 2 contractors + the intern at 0.5; people: one swe seat is open
    assert reports["head"].total_fte == 9.5 and reports["head"].total_people == 9
    text = stats_text.render(numbers_for(n, "all-hands")).splitlines()
    head = text.index(next(line for line in text if line.startswith("Manager ")))
    assert [line.split()[-2] for line in text[head + 2:head + 4]] == ["10", "7"]  # Total reports, as in JSON
    csv_rows = stats_csv.render([n]).splitlines()
    assert f"{org.id},total_reports,position,head,Head of Engineering,10" in csv_rows
    assert f"{org.id},headcount_total,unit_tree,eng,Engineering,8" in csv_rows


def test_compare_rolls_up_headcount_by_unit_the_same_way(tmp_path):
    (tmp_path / "base.yaml").write_text(json.dumps(ORG), encoding="utf-8")
    (tmp_path / "solo.yaml").write_text(json.dumps({
        "extends": "base.yaml", "org": {"variant": "Team on its own"},
        "changes": [{"move_unit": {"unit": "team", "parent": None}}]}), encoding="utf-8")
    result = invoke_cli("compare", str(tmp_path), "-f", "json", "-o", "-")
    data = json.loads(result.stdout)
    rows = {d["label"]: d["values"] for d in data["deltas"] if d["group"] == "Headcount by unit"}
    assert rows == {"Engineering": [8, 3], "Team": [5, 5]}  # 3 + 5 under it, then 3 alone; no "(none)" row


# --- contractors and vendor teams are not payroll: no band, no ladder asked of them ---------------------------------

def test_roles_only_contractors_or_vendors_hold_need_no_band_or_ladder(org):
    found = {(p.code, p.subject) for p in steps.check(org) if p.code.startswith("role-no-")}
    assert found == {("role-no-ladder", "ea"), ("role-no-ladder", "intern")}  # employees and interns only
    assert band_views.without_band(org.analysis) == []  # every payroll role has a band


def test_a_payroll_role_without_a_band_is_still_listed(load_org):
    data = copy.deepcopy(ORG)
    del data["compensation"]["bands"]["ea"]
    item = load_org(data)
    assert band_views.without_band(item.analysis) == [
        {"title": "Executive Assistant", "code": "", "level": "", "seats": 1}]
    assert ("role-no-band", "ea") in {(p.code, p.subject) for p in steps.check(item)}


# --- role pages: staff and vendor teams are not direct reports; dotted lines on both ends' pages -----------------

def test_role_page_lists_staff_and_vendor_teams_apart_from_direct_reports(org):
    head = placement(org.analysis, "head")
    assert [r["title"] for r in head["direct_reports"]] == ["Staff Engineer", "Engineering Manager"]
    assert head["staff"] == ["Executive Assistant"]
    em = placement(org.analysis, "em")
    assert [(r["title"], r["seats"], r["note"]) for r in em["direct_reports"]] == [
        ("Software Engineer", 4, ""), ("Contract Engineer", 2, "contractors"), ("Engineering Intern", 1, "intern")]
    shown = [{k: v[k] for k in ("title", "seats")} for v in em["vendor_teams"]]
    assert shown == [{"title": "On-call Vendor", "seats": 3}]
    assert em["diagram"]["reports"] == ["Software Engineer ×4", "Contract Engineer ×2", "Engineering Intern"]


def test_a_dotted_line_shows_on_the_pages_of_both_its_ends(org):
    a = org.analysis
    assert placement(a, "em")["dotted_lines"] == [
        "from Staff Engineer — Architecture reviews", "from Build Farm — Runs the build farm"]
    assert placement(a, "staff")["dotted_lines"] == [
        "to Engineering Manager — Architecture reviews", "from BuildCo — Vendor escalations"]
    assert placement(a, "vendor-ops")["dotted_lines"] == ["to Engineering Manager — Runs the build farm"]


# --- ladders: an open-ended time on the top step is shown, not dropped ---------------------------------------------

def test_the_top_steps_open_ended_time_is_shown(org):
    ic, mgmt = ladder_views.ladders(org.analysis)
    assert [s["months_to_next"] for s in ic["steps"]] == ["18–24 months", "24–36 months", "48+ months"]
    assert [s["months_to_next"] for s in mgmt["steps"]] == ["", ""]  # nothing written, nothing shown


def test_a_group_at_several_levels_sits_on_each_levels_step(load_org):
    data = copy.deepcopy(ORG)
    data["positions"][4]["levels"] = {"ic2": 2, "ic3": 1, "ic4": 1}  # the 4 Software Engineers (IC2-IC4)
    item = load_org(data)
    ic, mgmt = ladder_views.ladders(item.analysis)
    # IC2: 2 of the group; IC3: its 1 (no Senior Engineer position); IC4: staff-eng + its 1; as stats by level
    assert [s["seats"] for s in ic["steps"]] == [2, 1, 1 + 1]
    by_level = {g.key: g.headcount for g in numbers(item.id, item.org, item.analysis).by_level}
    assert (by_level["ic2"], by_level["ic3"], by_level["ic4"]) == (2, 1, 2)
    assert [s["seats"] for s in mgmt["steps"]] == [1, 1]


# --- a problem in a file several orgs read is reported once -------------------------------------------------------

def test_a_problem_in_a_shared_file_is_listed_once(tmp_path):
    (tmp_path / "_catalog.yaml").write_text("roles:\n  eng: {title: Engineer, summary: Runs 1:1s: weekly}\n")
    (tmp_path / "base.yaml").write_text("include: [_catalog.yaml]\norg: {name: X}\npositions:\n"
                                        "  - {id: a, role: eng, zone: nowhere}\n")
    (tmp_path / "v.yaml").write_text("extends: base.yaml\nchanges:\n  - update: {position: a, count: 2}\n")
    with pytest.raises(OrgInputError) as caught:
        steps.load([str(tmp_path)])
    lines = [p.format() for p in caught.value.problems]
    assert len(lines) == len(set(lines))
    assert sum("_catalog.yaml:2:" in line and "[yaml-syntax]" in line for line in lines) == 1
    assert sum("unknown zone 'nowhere'" in line for line in lines) == 1


# --- the schema spells out move_unit and update_unit ----------------------------------------------------------------

def test_the_schema_checks_move_unit_and_update_unit():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json_schema()
    ok = {"extends": "base.yaml", "changes": [{"move_unit": {"unit": "team", "parent": None}},
                                              {"move_unit": {"unit": "team", "parent": "eng"}},
                                              {"update_unit": {"unit": "team", "name": "Platform", "lead": "em"}}]}
    jsonschema.validate(ok, schema)
    for bad in ({"move_unit": {"unit": "team"}}, {"move_unit": {"unit": "team", "parent": "eng", "name": "X"}},
                {"update_unit": {"unit": "team", "parent": "eng"}}, {"update_unit": {"unit": "team", "colour": 3}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"extends": "base.yaml", "changes": [bad]}, schema)
    text = Path(__file__).parent.parent.joinpath("docs", "format.md").read_text(encoding="utf-8")
    assert "see the README" not in text


# --- compare PDF: tall charts side by side stay on the first page -------------------------------------------------

@pytest.mark.graphviz
@pytest.mark.weasyprint
def test_tall_charts_in_a_comparison_pdf_fit_their_page(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    chain = [{"id": f"l{i}", "role": "lead", "title": f"Layer {i} lead", **({"reports_to": f"l{i - 1}"} if i else {})}
             for i in range(8)]  # eight layers, one box wide: a chart much taller than wide
    base = {"org": {"name": "Deep"}, "roles": {"lead": {"title": "Lead"}}, "positions": chain}
    (tmp_path / "base.yaml").write_text(json.dumps(base), encoding="utf-8")
    (tmp_path / "v.yaml").write_text(json.dumps({"extends": "base.yaml", "org": {"variant": "Wider"},
                                                 "changes": [{"update": {"position": "l7", "count": 2}}]}))
    out = tmp_path / "compare.pdf"
    assert invoke_cli("compare", str(tmp_path), "-f", "pdf", "-o", str(out), "-q").exit_code == 0
    pages = [p.extract_text() for p in pypdf.PdfReader(out).pages]
    # since issue 13 each chart has a page of its own after the report (one page here): each chart, down to its
    # deepest box, on its page; the report's page shows no chart (its list of changes names Layer 7 lead)
    assert len(pages) == 3, pages
    assert "Layer 0 lead" not in pages[0]
    assert [p.count("Layer 0 lead") for p in pages[1:]] == [1, 1], pages
    assert all("Layer 7 lead" in p for p in pages[1:]), pages
