"""orgdocs.checks as findings (Problem objects and the check report), without the CLI: each file in
tests/data/checks/ is named after the check it trips (tests/test_checks.py runs the same files end to end)."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgdocs.checks.base import CHECKS
from orgdocs.commands import steps

CHECK_DATA = Path(__file__).resolve().parents[1] / "data" / "checks"
CASES = sorted(p.stem for p in CHECK_DATA.glob("*.yaml") if not p.name.startswith("_"))  # _: what a case extends


def findings(path: Path):
    [item] = steps.load([str(path)])
    return item, steps.check(item)


@pytest.mark.parametrize("code", CASES)
def test_each_case_trips_its_own_check_at_a_line_in_its_file(code):
    path = CHECK_DATA / f"{code}.yaml"
    _, found = findings(path)
    mine = [p for p in found if p.code == code]
    assert mine, [p.format() for p in found]
    lines = path.read_text(encoding="utf-8").count("\n") + 1
    for p in mine:
        assert p.location is not None and p.location.file == str(path)
        assert 1 <= p.location.line <= lines and p.location.column >= 1
        assert p.severity in ("error", "warning") and p.message


def test_every_check_with_a_case_is_a_registered_check():
    assert set(CASES) - {"capacity-formula"} <= set(CHECKS)  # a formula that cannot run is the capacity check's


def test_findings_are_sorted_and_the_same_each_time():
    item, first = findings(CHECK_DATA / "band-overlap.yaml")
    assert [p.format() for p in first] == [p.format() for p in steps.check(item)]
    assert first == sorted(first, key=lambda p: p.sort_key())


def test_check_report_counts_errors_and_warnings():
    item, found = findings(CHECK_DATA / "capacity-formula.yaml")
    report = steps.check_report(item, found)
    assert report["id"] == item.id and report["name"] == item.org.org.name
    assert report["errors"] == sum(p.severity == "error" for p in found) >= 1
    assert report["warnings"] == sum(p.severity == "warning" for p in found)
    assert [f["code"] for f in report["findings"]] == [p.code for p in found]
    assert {"severity", "code", "message", "file", "line", "column", "related"} <= set(report["findings"][0])


def test_a_tidy_org_has_no_findings(load_org):
    item = load_org({"org": {"name": "Tidy"}, "roles": {"boss": {"title": "Boss"}},
                     "positions": [{"id": "boss", "role": "boss"}]})
    assert steps.check(item) == []
