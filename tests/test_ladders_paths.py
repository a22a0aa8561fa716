"""Issue 11, ladders: open-ended ranges ('48+', {min: 48}), transitions drawn as arrows between tracks, tracks
aligned by level rank, previous/next steps from steps and transitions, and competencies defined once for the org.

The engineering org below has an IC track (IC1-IC5, ranks 1-5) and a management track starting at M1 with rank
4, the rank of IC4; Senior Engineer (IC3) and Staff Engineer (IC4) can both move to Engineering Manager (M1)."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import invoke_cli
from pypdf import PdfReader

from orgdocs.commands import steps
from orgdocs.model import Range
from orgdocs.render.ladder_diagram import BOX_H, BOX_W, rows
from orgdocs.views import ladders as ladder_views
from orgdocs.views import roles as role_views

SVG = "{http://www.w3.org/2000/svg}"

ENG = {
    "org": {"name": "Engineering", "declared": {"customers": "500+", "span": {"min": 4}}},
    "tracks": {"ic": {"name": "Individual contributor", "kind": "ic"},
               "mgmt": {"name": "Management", "kind": "management"}},
    "levels": {
        "ic1": {"name": "Engineer I", "code": "IC1", "rank": 1, "track": "ic"},
        "ic2": {"name": "Engineer II", "code": "IC2", "rank": 2, "track": "ic"},
        "ic3": {"name": "Senior", "code": "IC3", "rank": 3, "track": "ic"},
        "ic4": {"name": "Staff", "code": "IC4", "rank": 4, "track": "ic"},
        "ic5": {"name": "Principal", "code": "IC5", "rank": 5, "track": "ic"},
        "m1": {"name": "Manager", "code": "M1", "rank": 4, "track": "mgmt"},
        "m2": {"name": "Senior Manager", "code": "M2", "rank": 5, "track": "mgmt"},
    },
    "roles": {
        "eng1": {"title": "Engineer", "level": "ic1"},
        "eng2": {"title": "Engineer II", "level": "ic2"},
        "senior": {"title": "Senior Engineer", "level": "ic3"},
        "staff": {"title": "Staff Engineer", "level": "ic4"},
        "principal": {"title": "Principal Engineer", "level": "ic5"},
        "em": {"title": "Engineering Manager", "level": "m1"},
        "sem": {"title": "Senior Engineering Manager", "level": "m2"},
    },
    "competencies": {
        "delivery": {"name": "Delivery", "description": "Ships what was agreed, predictably.",
                     "expectations": {"ic1": "Delivers small tasks with help", "senior": "Leads a project",
                                      "m1": "Makes the team deliver"}},
        "communication": {"name": "Communication", "description": "Writes and speaks clearly.",
                          "expectations": {"ic4": "Aligns several teams", "sem": "Speaks for engineering"}},
    },
    "positions": [
        {"id": "sem", "role": "sem"},
        {"id": "em", "role": "em", "reports_to": "sem", "count": 2},
        {"id": "staff", "role": "staff", "reports_to": "sem"},
        {"id": "seniors", "role": "senior", "reports_to": "em", "count": 4},
        {"id": "engs", "role": "eng2", "reports_to": "em", "count": 3},
    ],
    "ladders": {
        "ic": {
            "name": "Engineering (IC)", "track": "ic",
            "steps": [{"role": "eng1", "months_to_next": "12-18"}, {"role": "eng2", "months_to_next": "18-24"},
                      {"role": "senior", "months_to_next": "24-36"}, {"role": "staff", "months_to_next": "48+"},
                      {"role": "principal"}],
            "competencies": ["delivery", "communication"],
            "transitions": [
                {"from": "senior", "to": "em", "months": "24 +", "note": "After a management course"},
                {"from": "ic4", "to": "m1"},  # by level: Staff Engineer's level to Engineering Manager's
            ],
        },
        "mgmt": {
            "name": "Engineering management", "track": "mgmt",
            "steps": [{"role": "em", "months_to_next": {"min": 36}}, {"role": "sem"}],
            "competencies": ["delivery", "communication",
                             {"name": "People leadership", "expectations": {"m1": "Grows engineers"}}],
        },
    },
}


def _write(folder: Path, data: dict | str, name: str = "org.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _pdf(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "") for p in PdfReader(path).pages).split())


def _ok(*args) -> None:
    result = invoke_cli(*args)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def eng_dir(tmp_path_factory) -> Path:
    return _write(tmp_path_factory.mktemp("eng") / "eng", ENG).parent


@pytest.fixture(scope="module")
def eng_ladder(eng_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ladder-out")
    _ok("ladder", eng_dir, "--out-dir", out)
    return out / "eng"


@pytest.fixture(scope="module")
def eng_item(eng_dir):
    [item] = steps.load([str(eng_dir)])
    return item


def _boxes(root: ET.Element) -> dict[str, ET.Element]:
    return {r.find(SVG + "title").text: r for r in root.iter(SVG + "rect") if r.get("class") == "ladder-step"}


# --- open-ended ranges ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["48+", "48 +", " 48+ ", {"min": 48}, {"min": 48, "max": None}])
def test_an_open_range_has_no_upper_end_and_reads_48_plus(written):
    r = Range.model_validate(written)
    assert (r.min, r.max, r.is_open, str(r)) == (48, None, True, "48+")
    assert r.plain() == {"min": 48, "max": None}
    assert r.contains(48) and r.contains(10**9) and not r.contains(47.9)


def test_closed_ranges_are_unchanged():
    assert (str(Range.model_validate("4-8")), Range.model_validate([4, 8]).plain()) == ("4–8", {"min": 4, "max": 8})
    assert str(Range.model_validate(3)) == "3" and not Range.model_validate(3).is_open


def test_open_months_render_in_the_ladder_document_and_diagram(eng_ladder):
    pdf = _pdf(eng_ladder / "ladder.pdf")
    assert "Staff Engineer IC4 Staff 48+ months" in pdf  # the IC table row: step, level, time to next step
    assert "Engineering Manager M1 Manager 36+ months" in pdf  # {min: 36}
    assert ("Senior Engineer (IC3) → Engineering Manager (M1), typically after 24+ months — After a management "
            "course") in pdf
    root = ET.parse(eng_ladder / "ladder.svg").getroot()
    timelines = [t.text for t in root.iter(SVG + "text") if t.get("class") == "timeline"]
    assert timelines == ["12–18 months", "18–24 months", "24–36 months", "48+ months", "36+ months"]
    assert [t.text for t in root.iter(SVG + "text") if t.get("class") == "transition-time"] == ["24+ months"]


def test_open_declared_figures_in_stats(eng_dir):
    result = invoke_cli("stats", eng_dir, "--json")
    assert result.exit_code == 0, result.output
    [numbers] = json.loads(result.output)
    declared = numbers["declared"]
    assert declared["customers"] == {"min": 500, "max": None}
    assert declared["span"] == {"min": 4, "max": None}
    text = invoke_cli("stats", eng_dir).output
    assert "declared 4+" in text
    assert [line.split() for line in text.splitlines() if line.startswith("Customers (declared)")] == [
        ["Customers", "(declared)", "500+"]]


def test_the_series_c_seed_declares_500_plus_customers(tmp_path):
    result = invoke_cli("stats", Path(__file__).parent.parent / "orgs" / "cs-by-stage", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    stats = {o["id"]: o for o in (data if isinstance(data, list) else data["orgs"])}
    assert stats["series-c"]["declared"]["customers"] == {"min": 500, "max": None}


BOUNDED = """\
org: {name: Bounded}
levels: {eng: {name: Engineer, rank: 1}}
roles: {eng: {title: Engineer, level: eng}}
compensation:
  pay_mix:
    - level: eng
      base_pct: 70+
      variable_pct: 20-30
positions:
  - {id: e, role: eng}
policies:
  ratios:
    - name: Ops
      numerator: {roles: [eng]}
      denominator: {roles: [eng]}
      per: {min: 5}
  formulas:
    f:
      name: F
      expression: a * 2
      inputs: {a: {label: A, default: 3+}}
"""


def test_fields_that_need_both_ends_reject_an_open_range_with_its_place(tmp_path):
    path = _write(tmp_path, BOUNDED)
    result = invoke_cli("check", path)
    assert result.exit_code == 2
    lines = BOUNDED.splitlines()

    def at(text: str, value: str) -> str:
        row = next(i for i, line in enumerate(lines) if text in line)
        return f"{path}:{row + 1}:{lines[row].index(value) + 1}"

    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert errors == [
        f"{at('base_pct: 70+', '70+')}: error: base_pct: 70+ has no upper end; this value needs both ends, "
        "such as 4-8 [invalid-value]",
        f"{at('per: {min: 5}', '{min')}: error: per: 5+ has no upper end; this value needs both ends, "
        "such as 4-8 [invalid-value]",
        f"{at('default: 3+', '3+')}: error: default: 3+ has no upper end; this value needs both ends, "
        "such as 4-8 [invalid-value]",
    ]
    assert "nothing was written" in result.output


def test_the_shipped_schema_accepts_open_ranges_where_the_model_does():
    schema = json.loads((Path(__file__).parent.parent / "orgdocs" / "schema" / "org.schema.json").read_text())
    jsonschema = pytest.importorskip("jsonschema")
    ok = copy.deepcopy(ENG)
    jsonschema.validate(ok, schema)
    bad = copy.deepcopy(ENG)
    bad["compensation"] = {"pay_mix": [{"level": "ic1", "base_pct": "70+", "variable_pct": "20-30"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_coverage_with_open_accounts(load_org):
    data = {
        "org": {"name": "Cover"},
        "roles": {"csm": {"title": "CSM"}},
        "positions": [{"id": "csms", "role": "csm", "count": 10}],
        "policies": {
            "segmentation": [{"name": "Size", "tiers": [{"name": "All", "accounts": "500+"}]}],
            "coverage": [{"name": "CSM load", "positions": {"roles": ["csm"]}, "segment": "All",
                          "accounts_per_position": "10-20"},
                         {"name": "Floor only", "positions": {"roles": ["csm"]}, "accounts": "100-150",
                          "accounts_per_position": "20+"}],
        },
    }
    item = load_org(data)
    found = [p.message for p in steps.check(item) if p.code == "coverage"]
    # 500+ accounts over 10 seats: at least 50 each, above the rule's 20 at most: over capacity.
    # 100-150 over 10: 10-15 each, below the floor of 20 (no ceiling): under-loaded.
    assert found == ["CSM load: 50+ accounts per position (500+ over 10); the rule is 10–20: over capacity",
                     "Floor only: 10–15 accounts per position (100–150 over 10); the rule is 20+: under-loaded"]


# --- the diagram ------------------------------------------------------------------------------------------------


def test_every_transition_is_an_arrow_from_its_step_to_its_step(eng_ladder):
    root = ET.parse(eng_ladder / "ladder.svg").getroot()
    arrows = [p for p in root.iter(SVG + "path") if p.get("class") == "transition"]
    assert len(arrows) == 2  # the ladders have two transitions between them
    assert all(a.get("marker-end") == "url(#arrow)" and a.get("stroke-dasharray") for a in arrows)
    assert [a.find(SVG + "title").text for a in arrows] == [
        "Senior Engineer (IC3) → Engineering Manager (M1)", "Staff Engineer (IC4) → Engineering Manager (M1)"]
    boxes = _boxes(root)
    for arrow, source in zip(arrows, ("Senior Engineer", "Staff Engineer")):
        d = arrow.get("d").replace("M", "").replace("C", " ").split()
        (sx, sy), (ex, ey) = map(float, d[0].split(",")), map(float, d[-1].split(","))
        src, dst = boxes[source], boxes["Engineering Manager"]
        # leaves the right side of its step, ends at the left side of the manager step, within their heights
        assert sx == pytest.approx(float(src.get("x")) + BOX_W, abs=0.1)
        assert float(src.get("y")) < sy < float(src.get("y")) + BOX_H
        assert ex == pytest.approx(float(dst.get("x")) - 2, abs=0.1)
        assert float(dst.get("y")) < ey < float(dst.get("y")) + BOX_H


def test_tracks_are_aligned_by_level_rank(eng_ladder):
    boxes = _boxes(ET.parse(eng_ladder / "ladder.svg").getroot())
    y = {title: float(box.get("y")) for title, box in boxes.items()}
    assert y["Engineering Manager"] == y["Staff Engineer"]  # M1 and IC4: rank 4
    assert y["Senior Engineering Manager"] == y["Principal Engineer"]  # M2 and IC5: rank 5
    assert y["Senior Engineer"] > y["Staff Engineer"]  # lower on the page: more junior
    assert float(boxes["Engineering Manager"].get("x")) > float(boxes["Staff Engineer"].get("x"))


def test_the_ladder_pdf_draws_the_transitions_too(eng_ladder):
    html = (eng_ladder / "ladder.html").read_text()
    assert html.count('class="transition"') == 2


def test_rows_keep_ladder_order_without_ranks_and_survive_ranks_out_of_order():
    def lad(*ranks):
        return {"steps": [{"rank": r} for r in ranks], "transitions": []}

    assert rows([lad(None, None, None)]) == [[0, 1, 2]]
    # the second ladder starts at rank 3, the row of the first ladder's rank-3 step
    assert rows([lad(1, 2, 3, 4), lad(3, 4)]) == [[0, 1, 2, 3], [2, 3]]
    # a step whose rank goes down keeps its place in the ladder, one above the step before
    assert rows([lad(1, 3, 2)]) == [[0, 1, 2]]
    # an unranked step between ranks pushes the next rank up, for every ladder at that rank
    assert rows([lad(1, None, 2), lad(1, 2)]) == [[0, 1, 2], [0, 2]]


# --- role pages ---------------------------------------------------------------------------------------------------


def test_the_first_manager_level_lists_both_previous_steps(eng_item):
    [em] = role_views.role_data(eng_item.analysis, "em", include_pay=False)["career"]
    assert [(p["title"], p["code"], p["months"]) for p in em["previous"]] == [
        ("Senior Engineer", "IC3", "24+ months"), ("Staff Engineer", "IC4", "")]
    assert [(n["title"], n["months"]) for n in em["next"]] == [("Senior Engineering Manager", "36+ months")]
    [senior] = role_views.role_data(eng_item.analysis, "senior", include_pay=False)["career"]
    assert [(n["title"], n["months"], n["note"]) for n in senior["next"]] == [
        ("Staff Engineer", "24–36 months", ""), ("Engineering Manager", "24+ months", "After a management course")]


def test_role_pages_say_previous_steps_not_entry_level(eng_dir, tmp_path):
    _ok("roles", eng_dir, "--out-dir", tmp_path)
    em = _pdf(tmp_path / "eng" / "roles" / "em.pdf")
    assert "Previous steps: Senior Engineer (IC3; typically 24+ months there), Staff Engineer (IC4)" in em
    assert "entry level" not in em
    senior = _pdf(tmp_path / "eng" / "roles" / "senior.pdf")
    assert ("Next steps: Staff Engineer (IC4), typically after 24–36 months; Engineering Manager (M1), typically "
            "after 24+ months — After a management course") in senior
    assert "Previous step: entry level" in _pdf(tmp_path / "eng" / "roles" / "eng1.pdf")


def test_a_role_only_a_transition_reaches_is_on_a_career_path(load_org):
    data = copy.deepcopy(ENG)
    data["ladders"]["mgmt"]["steps"] = [{"role": "sem"}]  # Engineering Manager is on no ladder step now
    item = load_org(data)
    [em] = role_views.role_data(item.analysis, "em", include_pay=False)["career"]
    assert (em["ladder"], [p["title"] for p in em["previous"]]) == ("", ["Senior Engineer", "Staff Engineer"])


# --- org competencies ---------------------------------------------------------------------------------------------


def test_org_competencies_render_in_both_ladders(eng_item, eng_ladder):
    ic, mgmt = ladder_views.ladders(eng_item.analysis)
    assert [c["name"] for c in ic["competencies"]] == ["Delivery", "Communication"]
    assert [c["name"] for c in mgmt["competencies"]] == ["Delivery", "Communication", "People leadership"]
    # keyed by level (ic1, m1, ic4) or role (senior, sem): each step finds its own
    assert ic["competencies"][0]["expectations"] == ["Delivers small tasks with help", "", "Leads a project", "", ""]
    assert ic["competencies"][1]["expectations"] == ["", "", "", "Aligns several teams", ""]
    assert mgmt["competencies"][0]["expectations"] == ["Makes the team deliver", ""]
    assert mgmt["competencies"][1]["expectations"] == ["", "Speaks for engineering"]
    pdf = _pdf(eng_ladder / "ladder.pdf")
    assert pdf.count("Ships what was agreed, predictably.") == 2  # the description, once per ladder
    assert "Makes the team deliver" in pdf and "Aligns several teams" in pdf


def test_unknown_competency_and_missing_description_are_located(tmp_path):
    data = copy.deepcopy(ENG)
    data["ladders"]["ic"]["competencies"] = ["delivery", "comunication"]
    del data["competencies"]["delivery"]["description"]
    text = json.dumps(data, indent=1)
    path = _write(tmp_path, text)
    result = invoke_cli("check", path)
    assert result.exit_code == 2
    lines = text.splitlines()
    ref = next(i for i, line in enumerate(lines) if '"comunication"' in line) + 1
    assert (f"{path}:{ref}:{lines[ref - 1].index('comunication')}: error: unknown competency 'comunication'; "
            "did you mean 'communication'?") in result.output
    assert "description" in result.output and "required" in result.output.lower()


def test_a_family_shares_competencies_from_its_included_catalog(tmp_path):
    shared = {k: ENG[k] for k in ("tracks", "levels", "roles", "competencies")}
    _write(tmp_path / "fam", shared, "_catalog.yaml")
    for variant in ("small", "large"):
        data = {"include": ["_catalog.yaml"], "org": {"name": variant},
                "positions": ENG["positions"], "ladders": ENG["ladders"]}
        _write(tmp_path / "fam", data, f"{variant}.yaml")
    items = steps.load([str(tmp_path / "fam")])
    assert len(items) == 2
    for item in items:
        [ic, _] = ladder_views.ladders(item.analysis)
        assert [c["description"] for c in ic["competencies"]] == ["Ships what was agreed, predictably.",
                                                                   "Writes and speaks clearly."]


def test_a_role_only_a_transition_reaches_is_not_reported_as_off_the_ladders(load_org):
    data = copy.deepcopy(ENG)
    data["ladders"]["mgmt"]["steps"] = [{"role": "sem"}]
    off = [p.message for p in steps.check(load_org(data)) if p.code == "role-no-ladder"]
    assert off == []
    data["ladders"]["ic"]["transitions"] = []
    off = [p.message for p in steps.check(load_org(data)) if p.code == "role-no-ladder"]
    assert off == ["role Engineering Manager has positions but is on no career ladder"]
