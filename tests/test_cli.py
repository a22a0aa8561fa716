"""The command line: exact output, exit codes, and what build writes."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from orgdocs.cli import cli

COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert f"orgdocs {command}" in result.stdout


def test_stats_json_for_seed_001(run):
    result = run("stats", "orgs/cs-enhanced-team", "--json", "--audience", "hr")
    assert result.exit_code == 0, result.output
    [s] = json.loads(result.stdout)
    # Director 1 + 3 CSM team leads + 12 CSMs + TSM 1 + 4 SEs + CEM 1 + 2 training specialists = 24
    assert s["headcount"] == 24
    assert s["declared"]["headcount"] == 45
    assert s["declared"]["budget"] == 4_200_000
    assert s["managers"] == 6 and s["ics"] == 18
    assert s["layers"] == 3
    assert [(u["label"], u["headcount"]) for u in s["by_unit"]] == [
        ("Customer Success Management", 16), ("Technical Solutions", 5), ("Customer Education", 3)]
    spans = {m["id"]: m["span"] for m in s["span"]["managers"]}
    assert spans == {"director-cs": 5, "csm-managers": 4, "technical-solutions-manager": 4,
                     "customer-education-manager": 2}
    # bands: director 180K, 5 managers 117.5K, 12 CSMs 75K; 15% incentive on all
    assert s["payroll"]["base"] == 180_000 + 5 * 117_500 + 12 * 75_000
    assert s["payroll"]["variable"] == pytest.approx(0.15 * s["payroll"]["base"])
    assert s["payroll"]["unpriced_headcount"] == 6


def test_stats_text_is_a_readable_table(run):
    result = run("stats", "orgs/cs-enhanced-team")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Customer Success (cs-enhanced-team), as of 2025-09-01"
    assert any(line.split() == ["Headcount", "24"] for line in lines)
    # the document's "45 FTE" counts filled seats (declared.basis), so the note sits beside the filled figure
    assert sum(line.split() == ["filled", "24", "declared", "45", "(−21)"] for line in lines) == 2  # seats, FTE
    assert "Technical Solutions Manager" in result.stdout


def test_stats_csv_is_tidy(run):
    result = run("stats", "orgs/cs-enhanced-team", "--csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["org", "measure", "dimension", "key", "label", "value"]
    by = {(r["measure"], r["dimension"], r["key"]): r["value"] for r in rows}
    assert by[("headcount", "total", "")] == "24"
    assert by[("declared_headcount", "total", "")] == "45"
    assert by[("headcount", "unit", "technical-solutions")] == "5"


def test_check_reports_declared_vs_listed(run):
    result = run("check", "orgs/cs-enhanced-team", "--json")
    assert result.exit_code == 0  # warnings only
    [report] = json.loads(result.stdout)
    codes = [f["code"] for f in report["findings"]]
    assert "declared-headcount" in codes
    headcount = next(f for f in report["findings"] if f["code"] == "declared-headcount")
    assert headcount["message"] == "declared headcount is 45 but the positions listed have 24 filled seats (-21)"
    assert (headcount["file"], headcount["line"]) == ("orgs/cs-enhanced-team/org.yaml", 11)
    assert run("check", "orgs/cs-enhanced-team", "--strict").exit_code == 1


def test_build_writes_numbers_and_is_deterministic(run, tmp_path):
    out = tmp_path / "out"
    first = run("build", "orgs/cs-enhanced-team", "--out-dir", str(out))
    assert first.exit_code == 0, first.output
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    tree = "all-hands"  # the default: what is safe to publish
    assert f"{tree}/index.html" in files and "cs-enhanced-team/index.html" in (out / tree / "index.html").read_text()
    files.remove(f"{tree}/index.html")
    org = f"{tree}/cs-enhanced-team"
    expected = {f"{org}/{name}" for name in (
        "chart.pdf", "chart.png", "chart.pptx", "chart.svg", "check.json", "stats.csv", "stats.json", "stats.txt",
        "index.html", "role-handbook.pdf", "ladder.html", "ladder.pdf", "ladder.svg",
        "dashboard.html", "dashboard.pdf",
        "chart.html")}  # no bands: they are pay; chart.html: the chart on a screen (issue 14); pptx: issue 15
    roles = ["director-cs", "csm-manager", "csm", "senior-csm", "technical-solutions-manager", "solutions-engineer",
             "customer-education-manager", "training-specialist"]
    expected |= {f"{org}/roles/{r}.{ext}" for r in roles for ext in ("html", "pdf")}
    # the site's own pages (issue 14): checks.html, a page per position and per unit
    expected |= {f"{org}/checks.html"} | {f for f in files if f.startswith((f"{org}/positions/", f"{org}/units/"))}
    assert any(f.startswith(f"{org}/positions/") for f in files)
    own = {".orgdocs-files", ".orgdocs-cache/index.json"}  # what was written, and the incremental build's keys
    search = {f"{tree}/{name}" for name in ("search.html", "search-index.js", "assets/search.js")}  # issue 14
    viewer = {f"{tree}/assets/chart-viewer.js"}  # issue 14
    assert set(files) == expected | own | search | viewer | {f"{tree}/redaction-manifest.json"}
    assert not any(f.startswith(".") or "/." in f for f in files if f not in own)  # no temporary files
    before = {f: (out / f).read_bytes() for f in files}
    assert run("build", "orgs/cs-enhanced-team", "--out-dir", str(out)).exit_code == 0
    assert {f: (out / f).read_bytes() for f in files} == before
    assert json.loads(before[f"{org}/stats.json"])["headcount"] == 24
    manifest = json.loads(before[f"{tree}/redaction-manifest.json"])
    assert [e["file"] for e in manifest["files"]] == sorted([f.removeprefix(f"{tree}/") for f in files
                                                             if f.startswith(tree) and "manifest" not in f]
                                                            + ["index.html"])
    assert {e["audience"] for e in manifest["files"]} == {tree} and manifest["scan"] == "clean"
    assert all(e["withheld"] == ["pay", "budgets", "hr-text"] and e["scan"] == "clean" for e in manifest["files"])
    # in build, chart boxes open their position's page, which sits beside the chart (issue 14)
    links = re.findall(r'xlink:href="([^"]+)"', before[f"{org}/chart.svg"].decode())
    assert links and all(re.fullmatch(r"positions/[a-z-]+\.html", link) for link in links)
    assert all((out / org / link).is_file() for link in links)


def test_missing_path_is_bad_input(run):
    result = run("check", "orgs/does-not-exist")
    assert result.exit_code == 2
    assert "orgs/does-not-exist: no such file or folder" in result.stderr
    assert "Traceback" not in result.output


def test_json_and_csv_together_is_a_usage_error(run):
    assert run("stats", "orgs/cs-enhanced-team", "--json", "--csv").exit_code == 2


def test_build_removes_what_it_wrote_before_and_nothing_else(run, tmp_path, write_org):
    org = {"org": {"name": "P"}, "roles": {"a": {"title": "A"}, "b": {"title": "B"}},
           "positions": [{"id": "a", "role": "a"}, {"id": "b", "role": "b", "reports_to": "a"}]}
    path = write_org(org, "p.yaml")
    out = tmp_path / "out"
    assert run("build", str(path), "--out-dir", str(out)).exit_code == 0
    assert (out / "all-hands" / "p" / "roles" / "b.pdf").is_file()
    (out / "all-hands" / "p" / "mine.txt").write_text("not orgdocs'")
    del org["roles"]["b"]
    org["positions"] = org["positions"][:1]
    write_org(org, "p.yaml")
    assert run("build", str(path), "--out-dir", str(out)).exit_code == 0
    roles = out / "all-hands" / "p" / "roles"
    assert not (roles / "b.pdf").exists() and not (roles / "b.html").exists()
    assert (out / "all-hands" / "p" / "roles" / "a.pdf").is_file()
    assert (out / "all-hands" / "p" / "mine.txt").read_text() == "not orgdocs'"
