"""`orgdocs check`: every check code has an org that trips it (exact message, location, severity) and one that
does not; severity overrides in policies.checks, --strict, and the --json structure.

Tripping orgs are small hand-written files in tests/data/checks/<code>.yaml, so locations mean something; each
trips its own code and nothing else. The non-tripping org is the same file with one fix applied, written as JSON
(which is YAML) into tmp_path.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import invoke_cli
from ruamel.yaml import YAML

from orgdocs.checks.base import CHECKS

ROOT = Path(__file__).resolve().parent.parent
DATA = "tests/data/checks"
FINDING_KEYS = {"severity", "code", "message", "file", "line", "column", "related", "subject"}


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch):
    monkeypatch.chdir(ROOT)


invoke = invoke_cli  # fails the test on a crash or a printed traceback


def check_json(*args) -> tuple[int, list[dict]]:
    result = invoke("check", "--json", "--audience", "hr", *args)  # hr: the pay checks too
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def findings(*args) -> list[dict]:
    _, reports = check_json(*args)
    return [f for report in reports for f in report["findings"]]


def load(name: str) -> dict:
    return YAML(typ="safe", pure=True).load(ROOT / DATA / name)


def write(tmp_path: Path, data: dict, name: str = "org.yaml") -> Path:
    for partial in (ROOT / DATA).glob("_*.yaml"):  # what a variant among them extends
        (tmp_path / partial.name).write_bytes(partial.read_bytes())
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def setting(path: tuple, value) -> Callable[[dict], None]:
    def fix(data: dict) -> None:
        node = data
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    return fix


@dataclass(frozen=True)
class Trip:
    message: str
    line: int
    column: int
    fix: Callable[[dict], None]  # turns the tripping org into one that does not trip the code

    def file(self, code: str) -> str:
        return f"{DATA}/{code}.yaml"


def _swap_bands(data: dict) -> None:
    bands = data["compensation"]["bands"]
    for key in ("min", "max"):
        bands["b1"][key], bands["b2"][key] = bands["b2"][key], bands["b1"][key]


def _give_a_role(data: dict) -> None:
    data["roles"] = {"agent": {"title": "Agent"}}
    data["positions"][0]["role"] = "agent"


def _add_ladder_step(data: dict) -> None:
    data["ladders"]["support"]["steps"].append({"role": "ops"})


TRIPS: dict[str, Trip] = {
    "declared-headcount": Trip(
        "declared headcount is 5 but the positions listed have 3 filled seats (-2)", 4, 16,
        setting(("org", "declared", "headcount"), 3)),
    "declared-fte": Trip(
        "declared FTE is 2.5 but the positions listed add up to 1 FTE in filled seats (-1.5)", 4, 10,
        setting(("org", "declared", "fte"), 1)),
    "declared-open-roles": Trip(
        "declared 2 open roles but the positions listed have 1 open seat (-1)", 5, 17,
        setting(("org", "declared", "open_roles"), 1)),
    "declared-breakdown": Trip(
        "declared 3 agents but 2 filled seats have group: agents", 7, 17,
        setting(("org", "declared", "breakdown", "counts", "agents"), 2)),
    "declared-direct-reports": Trip(
        "Boss declares 3 direct reports but has 2 (2 Agent)", 10, 23,
        setting(("positions", 0, "declared", "direct_reports"), "2-3")),
    "declared-team-size": Trip(
        "Boss declares a team of 5 but 3 seats are below it", 11, 18,
        setting(("positions", 0, "declared", "headcount"), 3)),
    "declared-span": Trip(
        "Boss has a span of 2; the org declares 3–5", 9, 9,
        setting(("org", "declared", "span"), "2-5")),
    "declared-layers": Trip(
        "declared 3 layers but the reporting tree has 2", 4, 13,
        setting(("org", "declared", "layers"), 2)),
    "budget-payroll": Trip(
        "annual payroll estimate 200,000 USD exceeds the declared budget of 150,000 a year", 4, 13,
        setting(("org", "declared", "budget"), "200K")),
    "budget-per-head": Trip(
        "Training: 10,000 per head × 4 FTE = 40,000, not the stated 100,000 (that covers 10 FTE)", 13, 15,
        setting(("budgets", "training", "per_head"), "25K")),
    "span-policy": Trip(
        "Boss has a span of 2; policy allows 3–8", 7, 9,
        setting(("policies", "span"), "2-8")),
    "layers-policy": Trip(
        "the reporting tree has 3 layers (down to Agent); policy allows 2", 17, 15,
        setting(("policies", "max_layers"), 3)),
    "ratio": Trip(
        "CS Ops per CSM: 1 for 12 (12.0 each); 1 per 5–8 means 2", 14, 7,
        setting(("positions", 0, "count"), 2)),
    "coverage": Trip(
        "Enterprise coverage: 50 accounts per position (100 over 2); the rule is 10–20: over capacity", 11, 7,
        setting(("policies", "coverage", 0, "accounts"), 30)),
    "capacity": Trip(
        "CSMs needed: 2 FTE staffed but the formula needs 5 (5)", 17, 7,
        setting(("positions", 0, "count"), 5)),
    "capacity-formula": Trip(
        "CSMs needed: division by zero (a divisor can be 0)", 17, 7,
        setting(("policies", "capacity", 0, "inputs", "customers"), "60-100")),
    "band-overlap": Trip(
        "L1 → L2 (next level): L1 band reaches 105,000, past the L2 midpoint 100,000", 9, 9,
        setting(("compensation", "bands", "b1", "max"), "100K")),
    "band-gap": Trip(
        "L1 → L2 (next level): gap of 10,000 between L1 (max 80,000) and L2 (min 90,000): a promotion jumps past pay "
        "no band covers", 9, 9,
        setting(("compensation", "bands", "b2", "min"), "80K")),
    "band-inversion": Trip(
        "L1 → L2 (next level): L2 midpoint 90,000 is not above L1 midpoint 110,000", 9, 9,
        _swap_bands),
    "band-spread": Trip(
        "band Support spreads 5% from min to max: unusually narrow (typical 15%–100%)", 6, 7,
        setting(("compensation", "bands", "b1", "max"), "130K")),
    "role-no-band": Trip(
        "role CS Ops has positions but no pay band", 7, 3,
        setting(("roles", "ops", "level"), "l1")),
    "role-no-ladder": Trip(
        "role CS Ops has positions but is on no career ladder", 5, 3,
        _add_ladder_step),
    "position-no-role": Trip(
        "position 'agent' has no role", 4, 9,
        _give_a_role),
    "kind-mismatch": Trip(
        "Lead is marked ic but has 1 report", 9, 11,
        setting(("positions", 0, "kind"), "manager")),
    "unit-lead": Trip(
        "Sales's lead Boss is not in the unit", 4, 30,
        setting(("positions", 0, "unit"), "sales")),
    "accept-unused": Trip(
        "no role-no-band finding about 'agent' to accept (fixed since, or the subject is not the one `check --json` "
        "gives)", 10, 7,
        setting(("policies", "accept"), [])),
    "dangling-relation": Trip(  # a variant of _dangling-relation-base.yaml; fixed: a change that drops nothing
        "dotted line from agent to coach dropped: coach was removed by change 2 (remove)", 4, 5,
        setting(("changes", 1), {"remove": "agent"})),
}

# what each tripping finding is about: the id `policies.accept` names to accept it
SUBJECTS = {
    "band-gap": "b1->b2", "band-inversion": "b1->b2", "band-overlap": "b1->b2", "band-spread": "b1",
    "budget-payroll": "org", "budget-per-head": "training", "capacity-formula": "CSMs needed",
    "capacity": "CSMs needed", "coverage": "Enterprise coverage", "declared-breakdown": "agents",
    "declared-direct-reports": "boss", "declared-fte": "org", "declared-headcount": "org", "declared-layers": "org",
    "declared-open-roles": "org", "declared-span": "boss", "declared-team-size": "boss", "kind-mismatch": "lead",
    "layers-policy": "org", "position-no-role": "agent", "ratio": "CS Ops per CSM", "role-no-band": "ops",
    "role-no-ladder": "ops", "span-policy": "boss", "unit-lead": "sales", "accept-unused": "agent",
    "dangling-relation": "coach",
}

ALL_CODES = sorted(CHECKS)


def test_every_check_code_has_a_tripping_case_and_no_case_is_stale():
    assert set(TRIPS) == set(CHECKS)


@pytest.mark.parametrize("code", ALL_CODES)
def test_check_trips(code):
    assert code in TRIPS, f"check {code!r} has no tripping org in tests/data/checks/ (add one to TRIPS)"
    trip = TRIPS[code]
    exit_code, reports = check_json(trip.file(code))
    assert exit_code == (1 if CHECKS[code][0] == "error" else 0), "only error findings fail `check`"
    (report,) = reports
    assert report["findings"] == [{
        "severity": CHECKS[code][0],
        "code": code,
        "message": trip.message,
        "file": trip.file(code),
        "line": trip.line,
        "column": trip.column,
        "related": [],
        "subject": SUBJECTS[code],
    }], "the org trips exactly this one finding"
    error = CHECKS[code][0] == "error"
    assert (report["warnings"], report["errors"]) == ((0, 1) if error else (1, 0))


@pytest.mark.parametrize("code", ALL_CODES)
def test_check_does_not_trip_once_fixed(code, tmp_path):
    assert code in TRIPS, f"check {code!r} has no case in TRIPS"
    data = load(f"{code}.yaml")
    fixed = copy.deepcopy(data)
    TRIPS[code].fix(fixed)
    assert fixed != data
    before = [f["code"] for f in findings(write(tmp_path, data, "tripping.yaml"))]
    assert before == [code], "the JSON copy of the hand-written org trips the same way"
    assert findings(write(tmp_path, fixed, "fixed.yaml")) == []


# --- more ways to trip some checks ---------------------------------------------------------------------------------

def _breakdown_org(**declared) -> dict:
    return {
        "org": {"name": "X", "declared": declared},
        "roles": {"agent": {"title": "Agent"}},
        "positions": [
            {"id": "agents", "role": "agent", "count": 3, "attributes": {"group": "agents"}},
            {"id": "leads", "role": "agent", "count": 2},
        ],
    }


EXTRA = [
    pytest.param(_breakdown_org(headcount=5, breakdown={"attribute": "group", "counts": {"agents": 3, "leads": 1}}), [
        ("declared-breakdown", "declared 1 leads but 0 filled seats have group: leads"),
        ("declared-breakdown", "the declared breakdown adds up to 4, not the declared headcount 5"),
        ("declared-breakdown", "2 filled seats have no group attribute"),
    ], id="breakdown-total-and-unassigned"),
    pytest.param({
        "org": {"name": "X"},
        "roles": {"a": {"title": "Assistant"}},
        "externals": {"ceo": {"name": "CEO"}},
        "positions": [{"id": "a", "role": "a", "kind": "staff", "reports_to": "ceo"}],
    }, [("kind-mismatch", "Assistant is staff but supports no manager in the org")], id="staff-at-root"),
    pytest.param({
        "org": {"name": "X"},
        "compensation": {"bands": {"b": {"min": "50K", "max": "150K"}}},
    }, [("band-spread", "band b spreads 200% from min to max: unusually wide (typical 15%–100%)")], id="band-wide"),
    pytest.param({
        "org": {"name": "X"},
        "roles": {"csm": {"title": "CSM"}},
        "positions": [{"id": "csms", "role": "csm", "count": 10}],
        "policies": {"coverage": [{"name": "Cov", "positions": {"roles": ["csm"]}, "accounts": 50,
                                   "accounts_per_position": "10-20"}]},
    }, [("coverage", "Cov: 5 accounts per position (50 over 10); the rule is 10–20: under-loaded")],
        id="coverage-under-loaded"),
    pytest.param({
        "org": {"name": "X"},
        "roles": {"csm": {"title": "CSM"}, "ae": {"title": "AE"}},
        "positions": [{"id": "ae", "role": "ae"}],
        "policies": {
            "segmentation": [{"name": "ARR", "tiers": [{"name": "Enterprise", "accounts": "40-60"}]}],
            "coverage": [{"name": "Cov", "positions": {"roles": ["csm"]}, "segment": "Enterprise",
                          "accounts_per_position": "10-20"}],
        },
    }, [("coverage", "Cov: 40–60 accounts but no positions to cover them")], id="coverage-from-tier-no-positions"),
    pytest.param({
        "org": {"name": "X"},
        "roles": {"ops": {"title": "Ops"}, "csm": {"title": "CSM"}},
        "positions": [{"id": "csms", "role": "csm", "count": 6}],
        "policies": {"ratios": [{"name": "R", "numerator": {"roles": ["ops"]}, "denominator": {"roles": ["csm"]},
                                 "per": "5-8"}]},
    }, [("ratio", "R: 0 for 6 (none to support them); 1 per 5–8 means 1")], id="ratio-none"),
]


@pytest.mark.parametrize(("data", "expected"), EXTRA)
def test_more_tripping_cases(data, expected, tmp_path):
    got = [(f["code"], f["message"]) for f in findings(write(tmp_path, data))]
    assert sorted(got) == sorted(expected)


# --- severity overrides, --strict, exit codes ----------------------------------------------------------------------

@pytest.mark.parametrize("code", ALL_CODES)
def test_policies_checks_can_raise_a_code_to_error(code, tmp_path):
    data = load(f"{code}.yaml")
    data.setdefault("policies", {})["checks"] = {code: "error"}
    result = invoke("check", "--json", "--audience", "hr", write(tmp_path, data))
    assert result.exit_code == 1, result.output
    (report,) = json.loads(result.stdout)
    assert [(f["code"], f["severity"]) for f in report["findings"]] == [(code, "error")]
    assert (report["errors"], report["warnings"]) == (1, 0)


@pytest.mark.parametrize("code", ALL_CODES)
def test_policies_checks_off_silences_a_code(code, tmp_path):
    data = load(f"{code}.yaml")
    data.setdefault("policies", {})["checks"] = {code: "off"}
    result = invoke("check", "--strict", "--json", "--audience", "hr", write(tmp_path, data))
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)
    assert report["findings"] == []
    assert (report["errors"], report["warnings"]) == (0, 0)


def test_override_of_another_code_leaves_this_one_alone(tmp_path):
    data = load("ratio.yaml")
    data["policies"]["checks"] = {"coverage": "off", "span-policy": "error"}
    assert [(f["code"], f["severity"]) for f in findings(write(tmp_path, data))] == [("ratio", "warning")]


def test_strict_exits_1_on_warnings():
    path = f"{DATA}/ratio.yaml"
    assert invoke("check", path).exit_code == 0
    assert invoke("check", path, "--json").exit_code == 0
    assert invoke("check", path, "--strict").exit_code == 1
    assert invoke("check", path, "--strict", "--json").exit_code == 1


def test_strict_passes_a_clean_org(tmp_path):
    data = load("ratio.yaml")
    TRIPS["ratio"].fix(data)
    assert invoke("check", write(tmp_path, data), "--strict").exit_code == 0


def test_text_output_lists_findings_located():
    path = f"{DATA}/ratio.yaml"
    result = invoke("check", path)
    assert result.stdout.splitlines() == [
        "ratio: 0 errors, 1 warning",
        f"  {path}:14:7: warning: CS Ops per CSM: 1 for 12 (12.0 each); 1 per 5–8 means 2 [ratio]",
    ]


# --- --json structure ----------------------------------------------------------------------------------------------

def test_json_structure(tmp_path):
    clean = load("ratio.yaml")
    TRIPS["ratio"].fix(clean)
    clean["org"]["name"] = "Clean org"
    clean_path = write(tmp_path, clean, "clean.yaml")
    exit_code, reports = check_json(f"{DATA}/band-gap.yaml", f"{DATA}/declared-headcount.yaml", clean_path)
    assert exit_code == 0
    assert isinstance(reports, list) and len(reports) == 3
    for report in reports:
        assert set(report) == {"id", "name", "errors", "warnings", "findings", "accepted"}
        assert report["accepted"] == []
        assert isinstance(report["findings"], list)
        assert report["errors"] == sum(f["severity"] == "error" for f in report["findings"])
        assert report["warnings"] == sum(f["severity"] == "warning" for f in report["findings"])
        for finding in report["findings"]:
            assert set(finding) == FINDING_KEYS
            assert finding["severity"] in ("error", "warning")
            assert finding["code"] in CHECKS
            assert isinstance(finding["message"], str) and finding["message"]
            assert isinstance(finding["file"], str)
            assert isinstance(finding["line"], int) and finding["line"] >= 1
            assert isinstance(finding["column"], int) and finding["column"] >= 1
            assert finding["related"] == []
    assert [(r["id"], r["name"], r["errors"], r["warnings"]) for r in reports] == [
        ("band-gap", "X", 0, 1),
        ("declared-headcount", "X", 0, 1),
        ("clean", "Clean org", 0, 0),
    ]
    assert reports[2]["findings"] == []


def test_json_findings_are_sorted_by_location(tmp_path):
    # declared-headcount is found before span-policy, but written below it: output follows the file
    path = tmp_path / "several.yaml"
    path.write_text(
        "positions:\n"
        "  - id: boss\n"
        "    role: boss\n"
        "    kind: manager\n"
        "roles:\n"
        "  boss: {title: Boss}\n"
        "org:\n"
        "  name: X\n"
        "  declared: {headcount: 2}\n"
        "policies:\n"
        "  span: 1-8\n"
    )
    got = [(f["code"], f["line"], f["column"]) for f in findings(path)]
    assert got == [("span-policy", 2, 9), ("declared-headcount", 9, 25)]


# --- bugs ---------------------------------------------------------------------------------------------------------


def test_budget_per_head_of_zero_does_not_crash(tmp_path):
    data = load("budget-per-head.yaml")
    data["budgets"]["training"]["per_head"] = 0
    result = invoke("check", "--json", str(write(tmp_path, data)))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 0:
        assert "budget-per-head" in {f["code"] for r in json.loads(result.stdout) for f in r["findings"]}


def test_ratio_per_zero_is_rejected_not_a_crash(tmp_path):
    path = tmp_path / "ratio-zero.yaml"
    text = (ROOT / DATA / "ratio.yaml").read_text().replace("per: 5-8", "per: 0")
    path.write_text(text)
    result = invoke("check", str(path))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, result.output
    assert any(line.startswith(f"{path}:17:12: error: per: ") for line in result.stderr.splitlines()), result.stderr


def test_budget_payroll_respects_budget_period(tmp_path):
    data = load("budget-payroll.yaml")
    data["org"]["declared"].update(budget="50K", budget_period="monthly")
    data["positions"][0]["count"] = 5  # 5 × 100K midpoint = 500K a year, under 12 × 50K
    assert "budget-payroll" not in {f["code"] for f in findings(write(tmp_path, data))}


def test_band_checks_compare_levels_within_a_track(tmp_path):
    data = {
        "org": {"name": "X"},
        "tracks": {"ic": {"name": "IC"}, "management": {"name": "Management"}},
        "levels": {
            "ic1": {"name": "IC1", "rank": 1, "track": "ic"},
            "ic2": {"name": "IC2", "rank": 2, "track": "ic"},
            "m1": {"name": "M1", "rank": 1, "track": "management"},
            "m2": {"name": "M2", "rank": 2, "track": "management"},
        },
        "compensation": {"bands": {
            "ic1": {"level": "ic1", "min": "60K", "max": "75K"},
            "ic2": {"level": "ic2", "min": "75K", "max": "90K"},
            "m1": {"level": "m1", "min": "100K", "max": "120K"},
            "m2": {"level": "m2", "min": "120K", "max": "145K"},
        }},
    }
    assert findings(write(tmp_path, data)) == []
