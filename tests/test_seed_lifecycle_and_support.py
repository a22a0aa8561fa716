"""Seeds 000 and 003 as modelled in orgs/: the counts their own listings add up to, and the declared figures kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgdocs.analyse.summary import stats
from orgdocs.source.assemble import assemble
from orgdocs.source.discover import find_orgs
from orgdocs.validate import validate

ORGS = Path(__file__).parent.parent / "orgs"


def load(name: str):
    (source,) = find_orgs([str(ORGS / name)])
    located, problems = assemble(source)
    assert located is not None, [p.format() for p in problems]
    org, more = validate(located)
    assert not problems and not more, [p.format() for p in problems + more]
    return source, org, stats(source.id, org)


@pytest.fixture(scope="module")
def lifecycle():
    return load("cs-lifecycle-org")


@pytest.fixture(scope="module")
def support():
    return load("support-operations")


def _by(st: dict, key: str) -> dict:
    return {row["label"]: row["headcount"] for row in st[key]}


def _manager(st: dict, pid: str) -> dict:
    return next(m for m in st["span"]["managers"] if m["id"] == pid)


# --- Seed 000: Customer Success Organization Structure ---------------------------------------------------------


def test_lifecycle_headcount_adds_up_to_51_not_the_declared_42(lifecycle):
    _, org, st = lifecycle
    # VP 1 + directors 4
    # + CSM team 4 senior + 8 CSM + 6 associate = 18
    # + Customer Operations manager 1 + analysts 2 = 3
    # + Customer Experience UX researcher 1 + CX specialists 3 = 4
    # + Technical Support 4 senior + 8 engineers + 6 associates = 18
    # + Support Functions 3 managers
    # = 1 + 4 + 18 + 3 + 4 + 18 + 3 = 51
    assert st["headcount"] == 51
    assert st["positions"] == 18  # 1 VP + 4 directors + 3 + 2 + 2 + 3 groups/boxes + 3 support functions
    assert st["declared"]["headcount"] == 42
    assert st["declared"]["budget"] == 8_500_000
    assert st["declared"]["budget_period"] == "annual"
    assert st["declared"]["span"] == {"min": 4, "max": 8}
    assert "Team Size: 42 employees" in org.org.declared.notes
    assert org.org.as_of is None  # the seed gives no date


def test_lifecycle_four_directors_although_three_declared(lifecycle):
    _, org, st = lifecycle
    directors = [p for p in org.positions if p.role and org.roles[p.role].level == "director"]
    assert len(directors) == 4
    assert _by(st, "by_level")["Director"] == 4
    vp = _manager(st, "vp-customer-success")
    # 4 directors + 3 Support Functions managers report to the VP
    assert vp["direct_reports"] == 7
    assert vp["team"] == 50  # 51 - the VP
    by_id = {p.id: p for p in org.positions}
    assert str(by_id["vp-customer-success"].declared.direct_reports) == "3"
    for d in directors:
        assert str(d.declared.direct_reports) == "4–8"


def test_lifecycle_units(lifecycle):
    _, _, st = lifecycle
    assert _by(st, "by_unit") == {
        "Leadership Team": 1,  # VP
        "Customer Success Management": 19,  # director 1 + 4 + 8 + 6
        "Customer Operations": 4,  # director 1 + manager 1 + analysts 2
        "Customer Experience": 5,  # director 1 + UX researcher 1 + specialists 3
        "Technical Support": 19,  # director 1 + 4 + 8 + 6
        "Support Functions": 3,  # 3 managers reporting to the VP
    }


def test_lifecycle_managers_layers_and_spans(lifecycle):
    _, _, st = lifecycle
    # people managers: the VP and the 4 directors (nobody is listed under any "... Manager" title)
    assert st["managers"] == 5
    assert st["ics"] == 46  # 51 - 5
    assert st["layers"] == 3  # VP, directors, teams
    assert _manager(st, "director-cs-management")["direct_reports"] == 18  # 4 + 8 + 6
    assert _manager(st, "director-customer-operations")["direct_reports"] == 3  # 1 + 2
    assert _manager(st, "director-customer-experience")["direct_reports"] == 4  # 1 + 3
    assert _manager(st, "director-technical-support")["direct_reports"] == 18  # 4 + 8 + 6


def test_lifecycle_levels(lifecycle):
    _, org, st = lifecycle
    assert all(r.level for r in org.roles.values())
    assert _by(st, "by_level") == {
        "Vice President": 1,
        "Director": 4,
        "Manager": 4,  # Customer Operations Manager + 3 Support Functions managers
        "Senior": 8,  # 4 Senior CSMs + 4 Senior Support Engineers
        "Professional": 22,  # 8 CSMs + 2 analysts + 1 UX researcher + 3 CX specialists + 8 Support Engineers
        "Associate": 12,  # 6 Associate CSMs + 6 Support Associates
    }
    assert not org.compensation.bands  # the seed has no pay


def test_lifecycle_externals_and_dotted_lines(lifecycle):
    _, org, _ = lifecycle
    assert set(org.externals) == {"chief-customer-officer", "engineering"}
    dotted = {p.id: [d.to for d in p.dotted_lines] for p in org.positions if p.dotted_lines}
    assert dotted == {
        "vp-customer-success": ["chief-customer-officer"],
        "director-technical-support": ["engineering"],
    }
    vp = next(p for p in org.positions if p.id == "vp-customer-success")
    assert vp.reports_to is None  # the seed names no solid-line manager for the VP


def test_lifecycle_metrics_and_segments(lifecycle):
    _, org, st = lifecycle
    m = org.metrics
    assert (m["csat"].target, m["csat"].scale) == (4.5, 5)
    assert (m["nrr"].target, m["nrr"].unit) == (110, "%")
    assert (m["clv"].target, m["clv"].unit) == (500_000, "USD")
    assert (m["time-to-value"].target, m["time-to-value"].unit, m["time-to-value"].comparator) == (30, "days", "<")
    segment = {row["label"]: row["headcount"] for row in st["by_attribute"]["segment"]}
    assert segment == {"Enterprise, Mid-market": 4, "Mid-market, SMB": 8, "SMB": 6, "(none)": 33}  # 51 - 18
    assert "Enterprise accounts ($500K+ ARR)" in org.roles["senior-csm"].focus_areas


# --- Seed 003: Customer Support Operations Team Structure ------------------------------------------------------


def test_support_headcount_adds_up_to_101_not_the_declared_85(support):
    _, org, st = support
    # Support Team Structure: Tier 1 45 + Tier 2 15 + Tier 3 8 = 68
    # Specialized Functions: CSMs 12 + QA 5 + Knowledge Management 3 = 20
    # Leadership: VP 1 + directors 3 + managers (4 + 3 + 2) 9 = 13
    # 68 + 20 + 13 = 101
    assert st["headcount"] == 101
    assert st["declared"]["headcount"] == 85
    assert st["declared"]["fte"] == 85
    assert st["declared"]["budget"] == 12_500_000
    assert st["declared"]["breakdown"] == {
        "attribute": "staff_group",
        "counts": {"support agents": 60, "specialists": 15, "leadership": 10},
    }
    assert str(org.org.as_of) == "2024-09-30"


def test_support_staff_groups_against_the_declared_breakdown(support):
    _, org, st = support
    assert all("staff_group" in p.attributes for p in org.positions)
    groups = {row["label"]: row["headcount"] for row in st["by_attribute"]["staff_group"]}
    assert groups == {"support agents": 68, "specialists": 20, "leadership": 13}  # declared 60 / 15 / 10
    tiers = {row["label"]: row["headcount"] for row in st["by_attribute"]["support_tier"]}
    assert tiers == {"Tier 1": 45, "Tier 2": 15, "Tier 3": 8, "(none)": 33}  # 101 - 68


def test_support_units(support):
    _, _, st = support
    assert _by(st, "by_unit") == {
        "Customer Success & Support": 1,  # VP
        "Technical Support": 73,  # director 1 + managers 2 + 1 + 1 + agents 45 + 15 + 8
        "Customer Success": 16,  # director 1 + team leads 3 + CSMs 12
        "Support Operations": 11,  # director 1 + managers 2 + QA 5 + KM 3
    }


def test_support_reporting_lines(support):
    _, org, st = support
    assert st["managers"] == 13  # VP 1 + directors 3 + managers 9
    assert st["ics"] == 88  # 101 - 13
    assert st["layers"] == 4  # VP, directors, managers, teams
    by_id = {p.id: p for p in org.positions}
    assert by_id["vp-customer-success"].reports_to == "chief-customer-officer"
    assert set(org.externals) == {"chief-customer-officer"}
    assert org.externals["chief-customer-officer"].kind == "executive"
    declared = {pid: str(by_id[pid].declared.direct_reports) for pid in (
        "vp-customer-success", "director-technical-support", "director-customer-success",
        "director-support-operations")}
    assert declared == {
        "vp-customer-success": "3",
        "director-technical-support": "4",
        "director-customer-success": "3",
        "director-support-operations": "2",
    }
    # the listing matches every declared direct-report count
    assert _manager(st, "vp-customer-success")["direct_reports"] == 3
    assert _manager(st, "director-technical-support")["direct_reports"] == 4  # 2 + 1 + 1
    assert _manager(st, "director-customer-success")["direct_reports"] == 3
    assert _manager(st, "director-support-operations")["direct_reports"] == 2
    assert by_id["tier-1-support"].reports_to == "support-team-managers"
    assert by_id["tier-2-support"].reports_to == "technical-support-manager"
    assert by_id["tier-3-support"].reports_to == "senior-technical-manager"
    assert by_id["customer-success-managers"].reports_to == "cs-team-managers"
    assert by_id["quality-assurance-team"].reports_to == "support-operations-manager"
    assert by_id["knowledge-management-team"].reports_to == "support-operations-manager"
    assert _manager(st, "support-operations-manager")["direct_reports"] == 8  # QA 5 + KM 3
    assert _manager(st, "support-team-managers")["span"] == 22.5  # 45 agents / 2 managers
    assert all(p.kind == "manager" for p in org.positions if p.attributes["staff_group"] == "leadership")
    assert not any(p.dotted_lines for p in org.positions)


def test_support_metrics_and_sections(support):
    _, org, _ = support
    m = org.metrics
    assert len(m) == 12  # 4 service quality + 4 operational efficiency + 4 business impact
    assert {x.category for x in m.values()} == {
        "Service Quality Metrics", "Operational Efficiency Metrics", "Business Impact Metrics"}
    assert (m["csat"].target, m["csat"].scale, m["csat"].comparator, m["csat"].current) == (4.5, 5, ">", 4.6)
    assert (m["average-handle-time"].target, m["average-handle-time"].unit) == (8, "minutes")
    assert (m["case-resolution-time"].target, m["case-resolution-time"].unit) == (24, "hours")
    assert m["expansion-revenue"].target == 5_000_000
    assert (m["customer-lifetime-value"].target, m["customer-lifetime-value"].comparator) == (50_000, ">")
    titles = [s.title for s in org.sections]
    assert titles == ["Support Channels and Tools", "Recent Achievements", "Future Initiatives"]
    channels, stack = org.sections[0].sections
    assert [i.label for i in channels.items] == [
        "Phone Support", "Email/Chat Support", "Social Media", "Portal/Knowledge Base"]
    assert len(stack.items) == 5
    assert len(org.sections[1].items) == len(org.sections[2].items) == 4
