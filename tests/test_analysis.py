"""Analysis on small orgs whose numbers are worked out by hand."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from orgdocs.analyse.summary import stats
from orgdocs.model import Org

SMALL = {
    "org": {"name": "Small", "currency": "EUR"},
    "units": {"u1": {"name": "One"}, "u2": {"name": "Two"}},
    "levels": {"l1": {"name": "Junior", "rank": 1, "track": "ic"}, "l2": {"name": "Lead", "rank": 2,
                                                                           "track": "mgmt"}},
    "tracks": {"ic": {"name": "IC"}, "mgmt": {"name": "Management"}},
    "roles": {
        "head": {"title": "Head", "level": "l2"},
        "lead": {"title": "Team lead", "level": "l2"},
        "ic": {"title": "Engineer", "level": "l1"},
    },
    "compensation": {
        "zones": {"high": {"name": "High cost", "factor": 1.2}},
        "bands": {"b1": {"level": "l1", "min": 40, "max": 60}, "b2": {"level": "l2", "min": 80, "max": 120}},
        "incentive_plans": {"p": {"name": "Plan", "target_pct": 10, "levels": ["l2"]}},
    },
    "positions": [
        {"id": "head", "role": "head", "unit": "u1", "holders": ["Ada"]},
        {"id": "leads", "role": "lead", "count": 2, "reports_to": "head"},
        {"id": "ics", "role": "ic", "count": 8, "reports_to": "leads", "open": 2},
        {"id": "other", "role": "ic", "count": 3, "reports_to": "head", "unit": "u2", "fte": 0.5,
         "zone": "high"},
        {"id": "norole", "reports_to": "head", "kind": "staff"},
    ],
}


def test_small_org_numbers():
    s = stats("small", Org.model_validate(SMALL))
    assert s["headcount"] == 1 + 2 + 8 + 3 + 1
    assert s["vacancies"] == 2
    assert s["filled"] == 13
    assert s["fte"] == 1 + 2 + 8 + 1.5 + 1
    assert s["filled_fte"] == 1 + 2 + 6 + 1.5 + 1 and s["open_fte"] == 2  # the 2 open ICs are full-time
    assert s["people"] == 13  # one person per filled seat: no seat here is shared
    assert s["managers"] == 3  # head + two leads
    assert s["ics"] == 12
    assert s["layers"] == 3
    spans = {m["id"]: m for m in s["span"]["managers"]}
    assert spans["head"]["direct_reports"] == 2 + 3  # the staff position beside the head is not a report
    assert spans["leads"]["span"] == 4  # 8 ICs over 2 leads
    assert spans["head"]["team"] == 14  # ... but it is in the head's team
    # median over manager seats: head 5, lead 4, lead 4
    assert s["span"]["median"] == 4 and s["span"]["max"] == 5
    units = {u["key"]: u["headcount"] for u in s["by_unit"]}
    assert units == {"u1": 12, "u2": 3}  # reports inherit their manager's unit
    levels = [(r["key"], r["headcount"]) for r in s["by_level"]]
    assert levels == [("l2", 3), ("l1", 11), ("", 1)]
    pay = s["payroll"]
    # l2 mid 100 × 3 seats + 10% variable; l1 mid 50 × 8, and 50 × 1.2 × 3 seats × 0.5 FTE in the high zone
    assert pay["base"] == 300 + 400 + 90
    assert pay["variable"] == 30
    assert pay["unpriced_headcount"] == 1 and pay["unpriced_positions"] == ["norole"]
    assert pay["open_seats_cost"] == 100  # 2 of 8 seats of 400


def test_capacity_formula_with_ranges():
    org = Org.model_validate({
        "org": {"name": "C"},
        "roles": {"csm": {"title": "CSM"}},
        "positions": [{"id": "csms", "role": "csm", "count": 3}],
        "policies": {
            "formulas": {"f": {"name": "Required CSMs", "expression": "customers * hours / available",
                               "inputs": {"customers": {"label": "Customers"},
                                          "hours": {"label": "Hours", "default": 5},
                                          "available": {"label": "Available", "default": 140}}}},
            "capacity": [{"name": "Now", "formula": "f", "inputs": {"customers": "50-200"},
                          "compare_to": {"roles": ["csm"]}}],
        },
    })
    [c] = stats("c", org)["capacity"]
    assert c["required"] == {"min": round(50 * 5 / 140, 2), "max": round(200 * 5 / 140, 2)}
    assert c["required_seats"] == {"min": 2, "max": 8}
    assert c["staffed"] == 3


@st.composite
def random_orgs(draw):
    n = draw(st.integers(min_value=1, max_value=40))
    positions = []
    for i in range(n):
        parent = draw(st.one_of(st.none(), st.integers(0, i - 1))) if i else None
        positions.append({
            "id": f"p{i}",
            "count": draw(st.integers(1, 12)),
            "open": draw(st.integers(0, 1)),
            "reports_to": f"p{parent}" if parent is not None else None,
            "unit": draw(st.sampled_from([None, "a", "b"])),
        })
    return {"org": {"name": "R"}, "units": {"a": {"name": "A"}, "b": {"name": "B"}}, "positions": positions}


@settings(max_examples=60, deadline=None)
@given(random_orgs())
def test_breakdowns_add_up(data):
    s = stats("r", Org.model_validate(data))
    total = sum(p["count"] for p in data["positions"])
    assert s["headcount"] == total
    for dim in ("by_unit", "by_level", "by_role", "by_track"):
        assert sum(r["headcount"] for r in s[dim]) == total
    assert s["managers"] + s["ics"] == total
    assert sum(layer["headcount"] for layer in s["span"]["layer_headcount"]) == total
    assert sum(m["direct_reports"] for m in s["span"]["managers"]) == total - sum(
        p["count"] for p in data["positions"] if p["reports_to"] is None)
