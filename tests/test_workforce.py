"""Workforce types (employee, contractor, vendor, intern), dotted lines written from either end, and item-1
leftovers (staff out of span, FTE-based capacity and budget per head, a half-vacant job share), on a small
engineering org whose numbers are worked out by hand:

  employees (10 seats): CTO, VP, EM Compute, the EM's assistant (staff), 5 engineers, a 0.5-FTE designer
  contractors: a group of 2 under the EM; vendor: the build-farm team of 4 (reports to Acme, an external);
  intern: 1 under the EM. The EM has a dotted line `from: vendor` ("Runs the build farm").
Bands (midpoints): exec 250K, manager 170K, engineer 120K, junior 40K.
"""

from __future__ import annotations

import copy
import csv
import io
import xml.etree.ElementTree as ET

import pytest

from orgdocs.analyse.seats import count
from orgdocs.analyse.summary import numbers
from orgdocs.chart.options import ChartOptions
from orgdocs.chart.scene import build_scene
from orgdocs.commands import steps
from orgdocs.model import Position
from orgdocs.problems import OrgInputError
from orgdocs.render import chart as chart_render
from orgdocs.render import stats_csv, stats_text
from orgdocs.views.roles import placement

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

ORG = {
    "org": {"name": "Compute", "currency": "USD"},
    "externals": {"acme": {"name": "Acme Build Ltd", "kind": "company"}},
    "levels": {"exec": {"name": "Exec", "rank": 4}, "mgr": {"name": "Manager", "rank": 3},
               "eng": {"name": "Engineer", "rank": 2}, "jr": {"name": "Junior", "rank": 1}},
    "roles": {
        "cto": {"title": "CTO", "level": "exec"},
        "em": {"title": "EM Compute", "level": "mgr"},
        "ea": {"title": "Executive Assistant", "level": "eng"},
        "eng": {"title": "Engineer", "level": "eng"},
        "designer": {"title": "Designer", "level": "eng"},
        "contractor": {"title": "Contract Engineer", "level": "eng"},
        "vendor": {"title": "Build farm team"},
        "intern": {"title": "Engineering Intern", "level": "jr"},
    },
    "compensation": {"bands": {
        "b-exec": {"level": "exec", "min": "200K", "max": "300K"},  # midpoint 250,000
        "b-mgr": {"level": "mgr", "min": "150K", "max": "190K"},    # midpoint 170,000
        "b-eng": {"level": "eng", "min": "100K", "max": "140K"},    # midpoint 120,000
        "b-jr": {"level": "jr", "min": "30K", "max": "50K"},        # midpoint 40,000
    }},
    "positions": [
        {"id": "cto", "role": "cto", "holders": ["Cleo"]},
        {"id": "vp", "role": "em", "title": "VP Engineering", "reports_to": "cto", "holders": ["Vic"]},
        {"id": "em", "role": "em", "reports_to": "vp", "holders": ["Emma"],
         "dotted_lines": [{"from": "vendor", "label": "Runs the build farm"}]},
        {"id": "ea", "role": "ea", "kind": "staff", "reports_to": "em", "holders": ["Eve"]},
        {"id": "engineers", "role": "eng", "count": 5, "reports_to": "em"},
        {"id": "designer", "role": "designer", "fte": 0.5, "reports_to": "vp", "holders": ["Dee"]},
        {"id": "contractors", "role": "contractor", "workforce": "contractor", "count": 2, "reports_to": "em"},
        {"id": "vendor", "role": "vendor", "workforce": "vendor", "count": 4, "reports_to": "acme"},
        {"id": "intern", "role": "intern", "workforce": "intern", "reports_to": "em", "holders": ["Ian"]},
    ],
}


def _with(**changes) -> dict:
    """ORG with some positions' fields replaced: _with(vendor={"reports_to": "em"})."""
    data = copy.deepcopy(ORG)
    for pos in data["positions"]:
        pos.update(changes.get(pos["id"], {}))
    return data


@pytest.fixture
def org(load_org):
    return load_org(ORG)


def _numbers(item):
    return numbers(item.id, item.org, item.analysis)


# --- headcount, FTE and each type apart -----------------------------------------------------------------------------

def test_employee_headcount_fte_and_people_count_employees_only(org):
    n = _numbers(org)
    assert n.headcount == 1 + 1 + 1 + 1 + 5 + 1 == 10  # CTO, VP, EM, assistant, 5 engineers, designer
    assert n.fte == 9 + 0.5 == 9.5  # the designer is half time
    assert n.people == 10 and (n.filled, n.vacancies) == (10, 0)
    assert n.headcount_includes == ["employee"]
    assert n.managers == 3 and n.ics == 10 - 3  # CTO, VP, EM
    assert sum(g.headcount for g in n.by_level) == 10  # breakdowns add up to the same headcount
    assert n.positions == 9  # boxes, of every type


def test_each_type_is_counted_apart(org):
    rows = {w.key: (w.seats, w.open, w.people, w.fte, w.in_headcount, w.on_payroll) for w in _numbers(org).by_workforce}
    assert rows == {
        "employee": (10, 0, 10, 9.5, True, True),
        "contractor": (2, 0, 2, 2.0, False, False),
        "vendor": (4, 0, 4, 4.0, False, False),  # the vendor team of 4: outside headcount, counted with its size
        "intern": (1, 0, 1, 1.0, False, True),
    }
    assert [w.key for w in _numbers(org).by_workforce] == ["employee", "contractor", "vendor", "intern"]


def test_the_org_may_widen_headcount(load_org):
    data = copy.deepcopy(ORG)
    data["org"]["headcount_includes"] = ["employee", "intern"]
    n = _numbers(load_org(data))
    assert (n.headcount, n.fte, n.people) == (10 + 1, 9.5 + 1, 11)
    assert {w.key: w.in_headcount for w in n.by_workforce} == {
        "employee": True, "contractor": False, "vendor": False, "intern": True}
    em = {m.id: m for m in n.span.managers}["em"]
    assert em.team == 1 + 5 + 1  # assistant, engineers and now the intern


def test_payroll_prices_employees_and_interns_only(org):
    pay = _numbers(org).payroll
    employees = 250_000 + 170_000 + 170_000 + 120_000 + 5 * 120_000 + 0.5 * 120_000  # = 1,370,000
    intern = 40_000
    assert pay.base == employees + intern == 1_410_000  # no contractor (2 × 120,000) and no vendor seat priced
    assert (pay.priced_headcount, pay.unpriced_headcount, pay.unpriced_positions) == (10 + 1, 0, [])


def test_stats_say_what_is_not_payroll_and_show_each_type(org):
    text = stats_text.render(_numbers(org))
    [line] = [x for x in text.splitlines() if x.startswith("Payroll estimate")]
    assert line.endswith("contractors and vendor teams are not payroll")
    rows = {x.split()[0]: x.split()[1:] for x in text.splitlines() if x.strip()}
    assert rows["Contractors"] == ["2", "0", "2", "2", "no", "no"]
    assert rows["Vendor"] == ["teams", "4", "0", "4", "4", "no", "no"]
    assert rows["Interns"] == ["1", "0", "1", "1", "no", "yes"]
    table = list(csv.reader(io.StringIO(stats_csv.render([_numbers(org)]))))
    assert [org.id, "seats", "workforce", "vendor", "Vendor teams", "4"] in table
    assert [org.id, "fte", "workforce", "employee", "Employees", "9.5"] in table


# --- span of control and layers -------------------------------------------------------------------------------------

def test_span_leaves_out_the_assistant_and_the_vendor_team(org, load_org):
    em = {m.id: m for m in _numbers(org).span.managers}["em"]
    assert em.direct_reports == 5 + 2 + 1 == 8  # engineers, contractors, intern; not the assistant beside it
    assert em.team == 1 + 5  # seats below it in headcount: the assistant and the engineers
    # the vendor team reporting to the EM itself is a relationship, not reports: span still 8
    moved = _numbers(load_org(_with(vendor={"reports_to": "em"}), "moved.yaml"))
    assert {m.id: m for m in moved.span.managers}["em"].direct_reports == 8
    # nor is it a layer, nor does it make its contact a manager: under the intern (layer 4) it stays out
    under = load_org(_with(vendor={"reports_to": "intern"}), "under.yaml")
    n = _numbers(under)
    assert n.layers == 4 and n.managers == 3 and not under.analysis.tree.nodes["intern"].is_manager


def test_the_assistant_stays_in_headcount_and_declared_direct_reports_count_like_spans(load_org):
    data = _with(em={"declared": {"direct_reports": 8}})
    item = load_org(data)
    assert {g.label: g.headcount for g in _numbers(item).by_role}["Executive Assistant"] == 1  # in headcount
    assert [p for p in steps.check(item) if p.code == "declared-direct-reports"] == []


def test_declared_headcount_is_checked_on_the_same_basis(load_org):
    data = copy.deepcopy(ORG)
    data["org"]["declared"] = {"headcount": 10, "fte": 9.5}
    assert [p.code for p in steps.check(load_org(data)) if p.code.startswith("declared")] == []
    data["org"]["declared"] = {"headcount": 17, "fte": 16.5}  # 10 + 2 + 4 + 1 seats: every type
    found = {p.code: p.message for p in steps.check(load_org(data, "all.yaml"))}
    assert found["declared-headcount"] == ("declared headcount is 17 but the positions listed have 10 filled seats "
                                           "(-7)")
    data["org"]["headcount_includes"] = ["employee", "contractor", "vendor", "intern"]
    assert [p.code for p in steps.check(load_org(data, "wide.yaml")) if p.code.startswith("declared")] == []


# --- FTE, not seats, for capacity and budget per head ---------------------------------------------------------------

def _capacity(load_org, fte: float, per_head: int) -> list[tuple[str, str]]:
    data = {
        "org": {"name": "C"},
        "roles": {"csm": {"title": "CSM"}},
        "positions": [{"id": "csms", "role": "csm", "count": 4, "fte": fte}],
        "policies": {
            "formulas": {"f": {"name": "CSMs", "expression": "n", "inputs": {"n": {"label": "needed"}}}},
            "capacity": [{"name": "CSMs needed", "formula": "f", "inputs": {"n": 3},
                          "compare_to": {"roles": ["csm"]}}],
        },
        "budgets": {"t": {"name": "Training", "amount": 8000, "per_head": 2000}},
    }
    data["budgets"]["t"]["per_head"] = per_head
    item = load_org(data, f"c{fte}-{per_head}.yaml")
    return [(p.code, p.message) for p in steps.check(item) if p.code in ("capacity", "budget-per-head")]


def test_capacity_and_budget_per_head_count_fte(load_org):
    # 4 full-time seats supply 4 FTE >= 3 needed; 2,000 × 4 FTE = 8,000 as stated
    assert _capacity(load_org, 1, 2000) == []
    # 4 half-time seats supply 2 FTE < 3 needed; a budget of 8,000 at 4,000 a head covers the same 2 FTE
    assert _capacity(load_org, 0.5, 4000) == [
        ("capacity", "CSMs needed: 2 FTE staffed but the formula needs 3 (3)")]
    assert _capacity(load_org, 0.5, 2000) == [
        ("capacity", "CSMs needed: 2 FTE staffed but the formula needs 3 (3)"),
        ("budget-per-head", "Training: 2,000 per head × 2 FTE = 4,000, not the stated 8,000 (that covers 4 FTE)"),
    ]


# --- a job share with one half vacant -------------------------------------------------------------------------------

SHARE = {
    "org": {"name": "Share"},
    "levels": {"l": {"name": "Lead", "rank": 1}},
    "roles": {"lead": {"title": "Team Lead", "level": "l"}},
    "compensation": {"bands": {"b": {"level": "l", "min": "90K", "max": "110K"}}},  # midpoint 100,000
    "positions": [{"id": "lead", "role": "lead", "kind": "co-head", "holders": [{"name": "Ana", "fte": 0.5}],
                   "open": True}],
}


def test_a_half_vacant_job_share_is_one_filled_seat_with_half_its_fte_open(load_org):
    c = count(Position.model_validate(SHARE["positions"][0]))
    assert (c.seats, c.filled, c.open, c.people, c.filled_fte, c.open_fte) == (1, 1, 0, 1, 0.5, 0.5)
    item = load_org(SHARE)
    n = _numbers(item)
    assert (n.headcount, n.filled, n.vacancies, n.fte, n.filled_fte, n.open_fte) == (1, 1, 0, 1, 0.5, 0.5)
    assert n.payroll.base == 0.5 * 100_000 + 0.5 * 100_000  # Ana's half, and the open half costed apart
    assert n.payroll.open_seats_cost == 50_000
    assert build_scene(item.analysis, ChartOptions()).boxes["lead"].status == "0.5 FTE open"


def _located(load_org, tmp_path, text: str) -> list[str]:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OrgInputError) as caught:
        steps.load([str(path)])
    return sorted(f"{p.location.line}:{p.location.column} {p.message}" for p in caught.value.problems)


def test_a_half_vacant_job_share_needs_holders_that_leave_part_of_the_seat(load_org, tmp_path):
    found = _located(load_org, tmp_path, """\
org: {name: X}
positions:
  - id: lead
    kind: co-head
    holders: [Ana]
    open: true
""")
    assert len(found) == 1 and found[0].startswith("3:5 ")
    assert "open: true beside holders leaves part of the shared seat open, but the holders already fill its 1 FTE" \
        in found[0]


# --- dotted lines from either end -----------------------------------------------------------------------------------

def test_dotted_lines_from_either_end_and_bad_references_are_located(load_org, tmp_path):
    found = _located(load_org, tmp_path, """\
org: {name: X}
externals:
  guild: {name: SRE guild, dotted_lines: [{to: nobody}]}
positions:
  - id: em
    dotted_lines:
      - {from: vendr, label: Runs the build farm}
      - {to: em, from: em}
      - {label: neither end}
  - {id: vendor, workforce: vendor, count: 4}
""")
    assert found == [
        "3:48 unknown position 'nobody'",
        "7:16 unknown position or external 'vendr'; did you mean 'vendor'?",
        "8:9 dotted_line 2: a dotted line names exactly one other end: `to` or `from`",
        "9:9 dotted_line 3: a dotted line names exactly one other end: `to` or `from`",
    ]


def test_the_role_page_says_where_a_dotted_line_comes_from(org):
    assert placement(org.analysis, "em")["dotted_lines"] == ["from Build farm team — Runs the build farm"]


# --- the chart ------------------------------------------------------------------------------------------------------

def _svg(item, tmp_path, **options) -> ET.Element:
    [(_, data)] = chart_render.render(item.analysis, ChartOptions(**options), "svg", tmp_path)
    return ET.fromstring(data)


def _points(shape: ET.Element) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in (p.split(",") for p in shape.get("points").split())]


def _bbox(shape: ET.Element) -> tuple[float, float, float, float]:
    xs, ys = zip(*_points(shape))
    return min(xs), min(ys), max(xs), max(ys)


def _texts(group: ET.Element) -> list[str]:
    return [t.text for t in group.iter(f"{SVG}text") if t.text]


def test_chart_draws_the_from_line_vendor_to_em_with_its_label(org, tmp_path):
    root = _svg(org, tmp_path)
    names = {g.find(f"{SVG}title").text: g.get("id") for g in root.iter(f"{SVG}g") if g.get("class", "")
             .startswith("node")}
    [edge] = [g for g in root.iter(f"{SVG}g") if g.get("class") == "edge dotted-line"]
    tail, head = edge.find(f"{SVG}title").text.split("->")
    assert (names[tail], names[head]) == ("pos-vendor", "pos-em")  # written on the EM as `from: vendor`
    assert "Runs the build farm" in [a.get(f"{XLINK}title") for a in edge.iter(f"{SVG}a")]
    # one arrowhead, its tip on the EM box's edge; the label is drawn on the line too, on white (issue 15)
    [arrow] = [p for p in edge.iter(f"{SVG}polygon") if p.get("fill") != "white"]
    assert " ".join(_texts(edge)) == "Runs the build farm"
    em = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "pos-em")
    x0, y0, x1, y1 = _bbox(next(em.iter(f"{SVG}polygon")))
    tip = [(x, y) for x, y in _points(arrow) if x0 - 1 <= x <= x1 + 1 and y0 - 1 <= y <= y1 + 1]
    assert tip and all(min(abs(x - x0), abs(x - x1), abs(y - y0), abs(y - y1)) < 1 for x, y in tip)


def test_chart_shows_each_type_and_the_vendor_team_size(org, tmp_path):
    root = _svg(org, tmp_path)
    boxes = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id", "").startswith("pos-")}
    assert "Vendor · 4" in _texts(boxes["pos-vendor"])
    assert "workforce-vendor" in boxes["pos-vendor"].get("class")
    assert "Contractor ×2" in _texts(boxes["pos-contractors"])
    assert next(boxes["pos-contractors"].iter(f"{SVG}polygon")).get("stroke-dasharray")  # a dashed border
    assert next(boxes["pos-engineers"].iter(f"{SVG}polygon")).get("stroke-dasharray") is None
    assert "Intern" in _texts(boxes["pos-intern"])
    assert "×5" in _texts(boxes["pos-engineers"]) and "workforce" not in boxes["pos-engineers"].get("class")
    legend = " ".join(_texts(next(g for g in root.iter(f"{SVG}g") if g.get("id") == "legend")))
    for entry in ("contractor (dashed border)", "vendor or partner team", "intern"):
        assert entry in legend
    footer = " ".join(_texts(next(g for g in root.iter(f"{SVG}g") if g.get("id") == "footer")))
    assert footer == "10 people in 9 positions · 2 contractors · 1 intern · 1 vendor team of 4 · 3 managers · 4 layers"


def test_an_external_can_have_a_dotted_line_to_a_position(load_org, tmp_path):
    data = copy.deepcopy(ORG)
    data["externals"]["sre"] = {"name": "SRE guild", "dotted_lines": [{"to": "em", "label": "On-call rota"}]}
    scene = build_scene(load_org(data).analysis, ChartOptions())
    assert ("ext-sre", "em", "On-call rota") in scene.dotted
    assert ("vendor", "em", "Runs the build farm") in scene.dotted


def test_compare_shows_a_change_of_workforce_type(load_org):
    from orgdocs.analyse.diff import change_lines, diff

    a = load_org(ORG, "a.yaml")
    b = load_org(_with(contractors={"workforce": "employee"}), "b.yaml")
    assert change_lines(a.analysis, b.analysis, diff(a.analysis, b.analysis)) == [
        "changed Contract Engineer: workforce contractor → employee"]
    assert _numbers(b).headcount == _numbers(a).headcount + 2  # the two contractors, now employees
