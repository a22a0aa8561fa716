"""The engineering example org (orgs/platform-engineering), its numbers worked out by hand from the file: a VP job
share (two co-heads at 0.5 FTE), an executive assistant (staff), a group at three levels, contractors, a vendor team
with a dotted line written from its end, an intern, a part-timer, two open roles, two pay zones, IC and management
tracks joined by two transitions, an open-ended timeline, org competencies and accepted findings."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from conftest import ORGS, invoke_cli
from pypdf import PdfReader

from orgdocs.commands import steps

ORG = ORGS / "platform-engineering"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def item():
    [loaded] = steps.load([str(ORG)])
    return loaded


@pytest.fixture(scope="module")
def n(item):
    return steps.org_stats(item)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("pe")
    result = invoke_cli("build", ORG, "--audience", "all", "--out-dir", out, "-q")
    assert result.exit_code == 0, result.output
    return out


def test_seats_people_and_fte(n):
    # employee seats: VP (1, shared) + assistant 1 + 2 directors + staff engineer 1 + EM compute 1 + compute group 6
    # + EM data (open) 1 + 3 data engineers + EM web 1 + web group 5 + part-timer 1 + EM mobile 1 + mobile 4 = 28
    assert (n.headcount, n.filled, n.vacancies) == (28, 26, 2)
    # people: 2 VPs sharing the seat, and one person in every other filled seat: 26 - 1 + 2 = 27
    assert n.people == 27
    # filled FTE: 0.5 + 0.5 + 0.8 (assistant) + 2 + 1 + 1 + 6 + 3 + 1 + 4 + 0.6 (part-timer) + 1 + 4 = 25.4
    assert (n.filled_fte, n.open_fte) == (25.4, 2)
    # managers: the VP seat once, 2 directors, 4 EMs (the open data EM has reports); layers VP/dir/EM/engineer
    assert (n.managers, n.layers) == (7, 4)


def test_workforce_types_are_counted_apart(n):
    types = {w.key: (w.seats, w.people, w.fte, w.in_headcount, w.on_payroll) for w in n.by_workforce}
    assert types == {
        "employee": (28, 27, 27.4, True, True),
        "contractor": (2, 2, 2, False, False),
        "vendor": (4, 4, 4, False, False),  # the vendor team shown with its size, outside headcount
        "intern": (1, 1, 1, False, True),
    }


def test_payroll_by_fte_zone_and_level(n):
    p = n.payroll
    # midpoints: m3 310,000, m2 260,000, m1 215,000, ic4 207,500, ic3 165,000, ic2 130,000, support 72,500,
    # intern 45,000; zones sf x1.25, lisbon x0.65
    vp = 310_000 * 1.25 * (0.5 + 0.5)             # 387,500: the job share costs one seat
    assistant = 72_500 * 1.25 * 0.8                # 72,500
    directors = 260_000 * 1.25 + 260_000           # 585,000: infrastructure in sf
    staff = 207_500
    compute = 2 * 130_000 + 3 * 165_000 + 207_500  # 962,500: the group priced at each of its levels
    ems = 4 * 215_000                              # 860,000, the open data EM included
    data = 3 * 165_000 * 0.65                      # 321,750 in Lisbon
    web = 5 * 130_000 + 165_000 * 0.6              # 749,000: one of the five open; the part-timer at 0.6
    mobile = 4 * 130_000
    intern = 45_000                                # interns are payroll; contractors and the vendor are not
    base = vp + assistant + directors + staff + compute + ems + data + web + mobile + intern
    assert base == 4_710_750
    assert (p.base, p.variable) == (base, 310_000 * 1.25 * 0.20)  # the VP seat's 20% executive bonus: 77,500
    assert p.total == 4_788_250
    assert p.open_seats_cost == 215_000 + 130_000  # the data EM and one web engineer


def test_spans_leave_out_staff_and_the_vendor_team(n):
    span = {m.id: m.span for m in n.span.managers}
    assert span == {
        "vp-engineering": 2,           # two directors; the assistant is staff
        "director-infrastructure": 3,  # staff engineer, EM compute, EM data
        "em-compute": 8,               # the group of 6 and 2 contractors; the vendor team is a relationship
        "em-data": 3,
        "director-product": 2,
        "em-web": 7,                   # 5 engineers, the part-timer, the intern
        "em-mobile": 4,
    }
    total = {r.id: r.total_reports for r in n.reports}
    assert total["vp-engineering"] == 27 + 2 + 1  # every employee seat below, 2 contractors, the intern
    assert total["em-compute"] == 8


def test_units_roll_up_the_unit_tree(n):
    units = {u.key: (u.own.headcount, u.total.headcount, u.total.fte) for u in n.unit_tree}
    assert units["compute"] == (7, 7, 7)            # EM + 6 (contractors and vendor are not headcount)
    assert units["data"] == (4, 4, 4)               # open EM + 3
    assert units["infrastructure"] == (2, 2 + 7 + 4, 13)
    assert units["web"] == (7, 7, 6.6)              # EM + 5 + the part-timer at 0.6
    assert units["product-engineering"] == (6, 6 + 7, 12.6)
    assert units["platform"] == (2, 28, 27.4)       # the VP seat and the assistant own; everything in total


def test_checks_are_clean_and_the_intended_findings_are_listed_as_accepted(item):
    found = steps.check(item)
    assert [p for p in found if p.severity != "accepted"] == []
    accepted = {(p.code, p.subject): p.reason for p in found if p.severity == "accepted"}
    assert set(accepted) == {("band-overlap", "ic4->m1"), ("role-no-ladder", "executive-assistant"),
                             ("role-no-ladder", "engineering-intern")}
    assert accepted[("band-overlap", "ic4->m1")].startswith("Staff engineers may out-earn new managers")
    # declared "25.4 FTE plus 2 open roles" matches the 25.4 filled FTE and 2 open seats: no finding


def test_the_cross_track_overlap_message(item):
    [overlap] = [p for p in steps.check(item) if p.code == "band-overlap"]
    # IC4 max 240,000 is past the M1 midpoint (180,000 + 250,000) / 2 = 215,000
    assert overlap.message == ("IC4 Staff Engineer → M1 Engineering Manager (transition): Staff Engineer band "
                               "reaches 240,000, past the Engineering Manager midpoint 215,000")


def test_all_hands_never_sees_pay_or_the_pay_finding(built):
    tree = built / "all-hands" / "platform-engineering"
    text = "\n".join(p.read_text(errors="replace") for p in tree.rglob("*") if p.suffix in {".json", ".txt", ".csv",
                                                                                           ".html", ".svg"})
    assert "4,788,250" not in text and "240,000" not in text and "out-earn" not in text
    assert "Amara Okafor" in text
    hr = json.loads((built / "hr" / "platform-engineering" / "check.json").read_text())
    allhands = json.loads((tree / "check.json").read_text())
    assert [p["code"] for p in hr["accepted"]].count("band-overlap") == 1
    assert sorted(p["code"] for p in allhands["accepted"]) == ["role-no-ladder", "role-no-ladder"]


def test_the_chart_shows_the_job_share_the_vendor_team_and_its_dotted_line(built):
    root = ET.parse(built / "all-hands" / "platform-engineering" / "chart.svg").getroot()
    texts = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    assert "Amara Okafor" in texts and "Lena Fischer" in texts
    assert "Vendor · 4" in texts and "Contractor" in texts and "Intern" in texts
    assert "Software Engineer (IC2–IC4)" in texts
    names = {g.find(SVG + "title").text: g.get("id") for g in root.iter(SVG + "g")
             if g.get("class", "").startswith("node")}
    [edge] = [g for g in root.iter(SVG + "g") if g.get("class") == "edge dotted-line"]
    tail, head = edge.find(SVG + "title").text.split("->")
    assert (names[tail], names[head]) == ("pos-build-farm", "pos-em-compute")  # written at the EM as `from:`
    assert "Runs the build farm under contract" in [a.get("{http://www.w3.org/1999/xlink}title")
                                                    for a in edge.iter(SVG + "a")]


def test_the_ladder_draws_both_moves_and_the_open_timeline(built):
    folder = built / "all-hands" / "platform-engineering"
    root = ET.parse(folder / "ladder.svg").getroot()
    moves = [t.text for t in root.iter(SVG + "text") if t.get("class") == "transition-time"]
    assert moves == ["24+ months"]  # IC3 → M1 after 24+ months; IC4 → M1 has no time
    text = " ".join(" ".join((p.extract_text() or "") for p in PdfReader(folder / "ladder.pdf").pages).split())
    # 3 in the group, 3 data engineers, the part-timer; the open-ended timeline reads 48+
    assert "IC3 Senior Engineer 48+ months 7" in text
    assert "Engineer II IC2 Engineer II 18–24 months 11" in text      # 2 in the group, 5 web, 4 mobile
    em = " ".join(" ".join((p.extract_text() or "") for p in
                           PdfReader(folder / "roles" / "engineering-manager.pdf").pages).split())
    assert "Previous steps: Senior Engineer (IC3" in em and "Staff Engineer (IC4)" in em
    assert "Growing people: Coaches every report; hires well" in em  # an org competency's M1 expectation
