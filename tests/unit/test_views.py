"""orgdocs.views: what the role descriptions, pay bands and career ladders say, as the data the templates get
(the documents themselves are tested in tests/test_documents.py). Expected values come from the org files."""

from __future__ import annotations

import pytest

from orgdocs.commands import steps
from orgdocs.views import bands, ladders, roles


@pytest.fixture(scope="module")
def cs(examples):
    return examples["cs-enhanced-team"]


def by_id(rows: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in rows}


def test_roles_in_catalog_order_with_their_placement(cs):
    view = by_id(roles.roles(cs.analysis, include_pay=True))
    assert list(view) == list(cs.org.roles)
    # Director 1 + 3 team leads + 12 CSMs + TSM 1 + 4 SEs + CEM 1 + 2 training specialists = 24
    assert sum(r["placement"]["headcount"] for r in view.values()) == 24
    csm = view["csm"]["placement"]
    assert (csm["headcount"], csm["reports_to"]) == (12, ["Customer Success Manager (team lead)"])
    director = view["director-cs"]["placement"]
    assert director["reports_to"] == ["VP Customer Operations (outside the org)"]
    shown = [{k: r[k] for k in ("title", "seats", "note")} for r in director["direct_reports"]]
    assert shown == [{"title": "Customer Success Manager (team lead)", "seats": 3, "note": ""},
                                          {"title": "Technical Solutions Manager", "seats": 1, "note": ""},
                                          {"title": "Customer Education Manager", "seats": 1, "note": ""}]
    assert view["senior-csm"]["placement"]["headcount"] == 0  # on the ladder, not staffed


def test_pay_is_shown_only_to_hr(cs):
    hr = by_id(roles.roles(cs.analysis, include_pay=True))
    assert hr["director-cs"]["pay"]["band"] == {"name": "director", "min": "$160,000", "mid": "$180,000",
                                                 "max": "$200,000", "zones": []}
    assert hr["director-cs"]["pay"]["incentive"]["target"] == "15% of base salary"
    public = roles.roles(cs.analysis, include_pay=False)
    assert all(r["pay"] is None and r["pay_shown"] is False for r in public)


def test_career_path_of_a_role_names_its_neighbours_and_months(cs):
    [path] = by_id(roles.roles(cs.analysis, include_pay=False))["csm"]["career"]
    assert (path["position"], path["steps"], path["previous"]) == (1, 4, [])
    shown = [{k: v for k, v in h.items() if k != "role"} for h in path["next"]]
    assert shown == [{"title": "Senior Customer Success Manager", "code": "", "months": "18–24 months",
                             "note": ""}]


def test_ladder_steps_in_order_with_months_and_seats(cs):
    [ladder] = ladders.ladders(cs.analysis)
    assert ladder["name"] == "Customer Success career path"
    assert [(s["title"], s["months_to_next"], s["seats"]) for s in ladder["steps"]] == [
        ("Customer Success Manager", "18–24 months", 12),
        ("Senior Customer Success Manager", "24–36 months", 0),
        ("Manager", "36–48 months", 5),  # the three manager roles sit at this level: 3 + 1 + 1
        ("Director, Customer Success", "", 1),
    ]
    assert ladder["has_assessment"] and not ladder["has_expectations"]


def test_bands_by_track_then_rank_with_progression_and_gaps(cs):
    view = bands.bands(cs.analysis, steps.check(cs))
    assert view["currency"] == "USD"
    rows = [(r["id"], r["min"], r["mid"], r["max"], r["track"]) for r in view["rows"]]
    assert rows == [("csm", 65000, 75000, 85000, "Individual contributor"),
                    ("senior-csm", 85000, 95000, 105000, "Individual contributor"),
                    ("manager", 105000, 117500, 130000, "Management"),
                    ("director", 160000, 180000, 200000, "Management")]
    row = by_id(view["rows"])
    assert row["csm"]["spread"] == pytest.approx((85000 - 65000) / 65000)
    assert row["senior-csm"]["progression"] == pytest.approx(95000 / 75000 - 1)
    assert row["manager"]["gap_next"] == 30000 and row["manager"]["roles"] == [
        "Customer Success Manager (team lead)", "Technical Solutions Manager", "Customer Education Manager"]
    assert row["director"]["progression"] == pytest.approx(180000 / 117500 - 1)
    # the ladder's step names the director role, so the promotion is named by it
    assert view["warnings"] == ["Manager → Director, Customer Success (ladder Customer Success career path): gap of "
                                "30,000 between Manager (max 130,000) and Director, Customer Success (min 160,000): "
                                "a promotion jumps past pay no band covers"]


def test_overlapping_bands_and_actual_pay(load_org):
    item = load_org({
        "org": {"name": "Pay", "currency": "EUR"},
        "levels": {"l1": {"name": "Junior", "rank": 1}, "l2": {"name": "Senior", "rank": 2}},
        "roles": {"jr": {"title": "Junior Dev", "level": "l1"}, "sr": {"title": "Senior Dev", "level": "l2"}},
        "compensation": {"bands": {"b1": {"level": "l1", "min": "40K", "max": "60K"},
                                   "b2": {"level": "l2", "min": "55K", "max": "75K"}}},
        "positions": [{"id": "sr", "role": "sr", "holders": [{"name": "Sam Senior", "salary": "65K"}]},
                      {"id": "jr", "role": "jr", "reports_to": "sr"}],
    })
    view = bands.bands(item.analysis, steps.check(item))
    first, second = view["rows"]
    assert (first["id"], first["min_text"], first["max_text"]) == ("b1", "€40,000", "€60,000")
    assert first["overlap_next"] == pytest.approx(5000 / 20000)  # 55K-60K of the next band's 55K-75K
    assert first["pay"] == [] and len(second["pay"]) == 1 and view["has_pay"]


def test_an_org_without_compensation_has_no_band_document(examples):
    assert not bands.has_band_document(examples["cs-lifecycle-org"].analysis)
    assert ladders.ladders(examples["cs-lifecycle-org"].analysis) == []
