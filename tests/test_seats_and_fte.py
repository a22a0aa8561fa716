"""Seats, people and FTE (orgdocs/analyse/seats.py) on a small engineering org whose numbers are worked out by hand:
a VP job share (co-heads at 0.5 FTE each), a group of 3 directors, a part-time analyst, a partly open group in a
dearer pay zone; and declared figures stated on a basis (filled seats, or filled and open)."""

from __future__ import annotations

import copy

import pytest

from orgdocs.analyse.diff import change_lines, diff
from orgdocs.analyse.seats import count
from orgdocs.analyse.summary import numbers
from orgdocs.chart.options import ChartOptions
from orgdocs.chart.scene import build_scene
from orgdocs.commands import steps
from orgdocs.model import Position
from orgdocs.render.stats_text import render
from orgdocs.views.roles import placement

ENG = {
    "org": {"name": "Engineering", "currency": "USD"},
    "levels": {"vp": {"name": "VP", "rank": 3}, "dir": {"name": "Director", "rank": 2},
               "eng": {"name": "Engineer", "rank": 1}},
    "roles": {"vp": {"title": "VP Engineering", "level": "vp"}, "dir": {"title": "Director", "level": "dir"},
              "eng": {"title": "Engineer", "level": "eng"}},
    "compensation": {
        "zones": {"sf": {"name": "San Francisco", "factor": 1.2}},
        "bands": {"b-vp": {"level": "vp", "min": "180K", "max": "250K"},     # midpoint 215,000
                  "b-dir": {"level": "dir", "min": "150K", "max": "190K"},   # midpoint 170,000
                  "b-eng": {"level": "eng", "min": "100K", "max": "140K"}},  # midpoint 120,000
        "incentive_plans": {"exec": {"name": "Exec bonus", "target_pct": 20, "levels": ["vp"]}},
    },
    "positions": [
        {"id": "vp", "role": "vp", "kind": "co-head",
         "holders": [{"name": "Ana Share", "fte": 0.5}, {"name": "Ben Share", "fte": 0.5}]},
        {"id": "directors", "role": "dir", "count": 3, "reports_to": "vp"},
        {"id": "analyst", "role": "eng", "title": "Analyst", "fte": 0.6, "holders": ["Cy Part"], "reports_to": "vp"},
        {"id": "engineers", "role": "eng", "count": 6, "open": 1, "zone": "sf", "reports_to": "directors"},
    ],
    "policies": {"span": "3-8"},
}


@pytest.fixture
def eng(load_org):
    return load_org(ENG)


def test_a_job_share_is_one_seat_two_people_one_fte():
    c = count(Position.model_validate(ENG["positions"][0]))
    assert (c.seats, c.filled, c.open, c.people, c.filled_fte, c.open_fte) == (1, 1, 0, 2, 1.0, 0)


def test_seats_people_and_fte_of_the_org(eng):
    n = numbers(eng.id, eng.org, eng.analysis)
    assert n.headcount == 1 + 3 + 1 + 6  # seats: the job share is one
    assert (n.filled, n.vacancies) == (10, 1)
    assert n.people == 2 + 3 + 1 + 5  # both VPs, three directors, the analyst, five engineers
    assert n.filled_fte == 1 + 3 + 0.6 + 5 and n.open_fte == 1 and n.fte == 10.6
    assert n.managers == 1 + 3  # the VP seat once, and three director seats
    assert n.ics == 11 - 4 and n.layers == 3


def test_a_job_share_has_its_full_span_and_a_group_divides_its_reports(eng):
    span = {m.id: m for m in numbers(eng.id, eng.org, eng.analysis).span.managers}
    assert (span["vp"].seats, span["vp"].direct_reports, span["vp"].span) == (1, 4, 4)  # 3 directors + analyst
    assert span["vp"].team == 3 + 1 + 6
    assert (span["directors"].seats, span["directors"].direct_reports, span["directors"].span) == (3, 6, 2)


def test_span_policy_is_not_tripped_by_a_job_share(eng):
    found = [(p.code, p.message) for p in steps.check(eng) if p.code == "span-policy"]
    # the VP's span is 4, within 3-8 (halved to 2 by its two holders, it would trip); the directors' 2 is real
    assert found == [("span-policy", "Director has a span of 2; policy allows 3–8")]


def test_payroll_weighs_by_fte_and_keeps_open_seats_apart(eng):
    pay = numbers(eng.id, eng.org, eng.analysis).payroll
    vp = 215_000 * (0.5 + 0.5)        # one seat's cost, not two
    directors = 170_000 * 3
    analyst = 120_000 * 0.6           # part-time: 72,000
    engineers = 120_000 * 1.2 * 6     # 5 filled + 1 open, at the San Francisco factor
    assert pay.base == vp + directors + analyst + engineers == 1_661_000
    assert pay.variable == 0.20 * vp == 43_000  # the exec plan covers the VP level only
    assert pay.total == 1_704_000
    assert pay.open_seats_cost == 120_000 * 1.2 == 144_000
    assert (pay.priced_headcount, pay.unpriced_headcount) == (11, 0)


def test_stats_text_shows_people_open_fte_and_the_open_seats_cost(eng):
    lines = [line.split() for line in render(numbers(eng.id, eng.org, eng.analysis)).splitlines()]
    assert ["People", "11"] in lines and ["open", "1"] in lines and ["filled", "9.6"] in lines
    [payroll] = [line for line in lines if line[:2] == ["Payroll", "estimate"]]
    assert payroll[-5:] == ["open", "seats", "144,000", "of", "it"]


def test_each_holder_is_priced_at_their_own_fte_and_zone(load_org):
    data = copy.deepcopy(ENG)
    data["positions"][0]["holders"][1]["zone"] = "sf"
    data["positions"][0]["holders"][0]["fte"] = 0.6  # a job share may overlap: 1.1 FTE in one seat
    item = load_org(data)
    n = numbers(item.id, item.org, item.analysis)
    vp = 215_000 * 0.6 + 215_000 * 1.2 * 0.5  # 129,000 + 129,000
    assert n.payroll.base == vp + 170_000 * 3 + 72_000 + 864_000
    assert n.payroll.variable == pytest.approx(0.2 * vp)
    assert (n.headcount, n.managers, n.filled_fte) == (11, 4, pytest.approx(1.1 + 3 + 0.6 + 5))


def test_chart_footer_and_role_page_count_the_job_share_once(eng):
    scene = build_scene(eng.analysis, ChartOptions())
    assert scene.footer == "11 people in 4 positions · 4 managers · 3 layers · 1 open role"
    # each holder with their FTE (issue 15), and no seat badge
    assert scene.boxes["vp"].coheads == ["Ana Share 0.5", "Ben Share 0.5"] and scene.boxes["vp"].badge == ""
    vp = placement(eng.analysis, "vp")
    assert (vp["headcount"], vp["holders"]) == (1, ["Ana Share", "Ben Share"])
    shown = [{k: r[k] for k in ("title", "seats", "note")} for r in vp["direct_reports"]]
    assert shown == [{"title": "Director", "seats": 3, "note": ""},
                                    {"title": "Analyst", "seats": 1, "note": ""}]


def test_compare_shows_a_change_of_fte_but_not_a_change_of_count(load_org):
    a = load_org(ENG, "a.yaml")
    data = copy.deepcopy(ENG)
    data["positions"][2]["fte"] = 1
    data["positions"][3]["count"] = 8
    b = load_org(data, "b.yaml")
    lines = change_lines(a.analysis, b.analysis, diff(a.analysis, b.analysis))
    assert sorted(lines) == ["changed Analyst: fte per seat 0.6 → 1", "changed Engineer: count 6 → 8"]


@pytest.mark.parametrize("bad, message", [
    ({"count": 2}, "a co-head position is one shared seat, so count must be 1, not 2"),
    ({"open": 1}, "a co-head position is one shared seat: it cannot have 1 open seat and holders"),
])
def test_a_co_head_seat_is_one_seat(bad, message):
    with pytest.raises(ValueError, match=message):
        Position.model_validate({**ENG["positions"][0], **bad})


# --- declared figures, on their basis -------------------------------------------------------------------------------

def _declared(**declared) -> dict:
    """'38 FTE plus 2 open roles' as a document states it, against a VP job share over 38 engineer seats, 1 open:
    filled FTE 0.5 + 0.5 + 37 = 38, one open seat."""
    return {
        "org": {"name": "X", "declared": declared},
        "roles": {"vp": {"title": "VP"}, "eng": {"title": "Engineer"}},
        "positions": [
            {"id": "vp", "role": "vp", "kind": "co-head", "holders": [{"name": "Ana", "fte": 0.5},
                                                                      {"name": "Ben", "fte": 0.5}]},
            {"id": "engineers", "role": "eng", "count": 38, "open": 1, "reports_to": "vp"},
        ],
    }


def _findings(load_org, **declared) -> list[tuple[str, str]]:
    return [(p.code, p.message) for p in steps.check(load_org(_declared(**declared)))]


def test_declared_fte_plus_open_roles_reports_exactly_the_open_roles_difference(load_org):
    assert _findings(load_org, fte=38, open_roles=2, basis="filled") == [
        ("declared-open-roles", "declared 2 open roles but the positions listed have 1 open seat (-1)")]
    assert _findings(load_org, fte=38, open_roles=1) == []  # filled is the default basis
    assert _findings(load_org, headcount=38, fte=38, open_roles=1) == []  # 38 filled seats: the VP seat once


def test_declared_figures_including_open_seats_say_so(load_org):
    assert _findings(load_org, headcount=39, fte=39, basis="including-open") == []
    assert _findings(load_org, headcount=38, fte=38, basis="including-open") == [
        ("declared-headcount", "declared headcount is 38 but the positions listed have 39 filled and open seats (+1)"),
        ("declared-fte", "declared FTE is 38 but the positions listed add up to 39 FTE in filled and open seats (+1)"),
    ]
    assert _findings(load_org, fte=39) == [
        ("declared-fte", "declared FTE is 39 but the positions listed add up to 38 FTE in filled seats (-1)")]
