"""Work bounded by the input's size (issue 8, finding 3): alias amplification, deep reporting chains, and the
per-position work of stats, checks, charts and documents.

Each limit exceeded is a located problem naming the limit (exit 2, nothing written); below the limits the
tree algorithms are linear, so a deep chain (with the depth limit raised) finishes in seconds, not hours.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT, invoke_cli

from orgdocs.commands import steps
from orgdocs.limits import DEFAULT_LIMITS
from orgdocs.validate.size import layers

ITEMS = "[" + ", ".join(f"Responsibility number {i} with some words" for i in range(100)) + "]"


def chain_yaml(n: int) -> str:
    """Position i reports to position i - 1: a reporting tree n layers deep."""
    lines = ["org:", f"  name: Chain {n}", "roles:", "  m: {title: Manager}", "positions:", "  - {id: p0, role: m}"]
    lines += [f"  - {{id: p{i}, role: m, reports_to: p{i - 1}}}" for i in range(1, n)]
    return "\n".join(lines) + "\n"


def roles_alias_yaml(copies: int) -> str:
    """One anchored list of 100 responsibilities, repeated into `copies` roles (twice each)."""
    lines = ["org:", "  name: Alias roles", "roles:", f"  r0: {{title: Role 0, responsibilities: &resp {ITEMS}}}"]
    lines += [f"  r{i}: {{title: Role {i}, responsibilities: *resp, skills: *resp}}" for i in range(1, copies + 1)]
    lines += ["positions:"] + [f"  - {{id: p{i}, role: r{i}{', reports_to: p0' if i else ''}}}"
                               for i in range(copies + 1)]
    return "\n".join(lines) + "\n"


def sections_alias_yaml() -> str:
    """Sections nesting aliases of aliases, ten at a time: 1,000,000 items from a 4.6 KB file."""
    lines = ["org:", "  name: Alias sections", "roles:", "  r0: {title: Role 0}", "positions:",
             "  - {id: p0, role: r0}", "sections:", f"  - &s0 {{title: Base, items: {ITEMS}}}"]
    for level in range(1, 5):
        lines.append(f"  - &s{level} {{title: Level {level}, sections: [{', '.join([f'*s{level - 1}'] * 10)}]}}")
    return "\n".join(lines) + "\n"


def error_lines(result) -> list[str]:
    return [line for line in result.output.splitlines() if ": error: " in line]


# --- alias amplification ------------------------------------------------------------------------------------

ALIAS_CASES = [
    pytest.param(sections_alias_yaml, "org.yaml:10:37: error: aliases (*name) repeat more than 2,000 values, "
                 "the limit for this file (the larger of 2,000 and 1× the 145 values the file writes itself) "
                 "[yaml-too-big]", id="sections-aliases-of-aliases"),
    pytest.param(lambda: roles_alias_yaml(45), "org.yaml:14:58: error: aliases (*name) repeat more than 2,000 "
                 "values, the limit for this file (the larger of 2,000 and 1× the 705 values the file writes "
                 "itself) [yaml-too-big]", id="45-roles-share-100-responsibilities"),
]


@pytest.mark.parametrize(("make", "expected"), ALIAS_CASES)
@pytest.mark.parametrize("command", ["check", "stats", "build"])
def test_alias_amplification_is_a_fast_located_error(tmp_path, make, expected, command):
    org = tmp_path / "org.yaml"
    org.write_text(make())
    assert org.stat().st_size < 10_000  # small files: that is the point
    out = tmp_path / "out"
    args = [command, org] + (["--out-dir", out] if command == "build" else [])
    started = time.perf_counter()
    result = invoke_cli(*args)
    elapsed = time.perf_counter() - started
    assert result.exit_code == 2, result.output
    assert [line.replace(str(tmp_path) + "/", "") for line in error_lines(result)] == [expected]
    assert not out.exists()
    assert elapsed < 20, f"{command} took {elapsed:.1f} s"  # it took minutes and gigabytes before


def test_aliases_within_the_allowance_still_work(tmp_path):
    """Nine roles sharing one list of 100 responsibilities: 1,800 repeated values, under the 2,000 floor."""
    org = tmp_path / "org.yaml"
    org.write_text(roles_alias_yaml(9))
    result = invoke_cli("check", org)
    assert result.exit_code == 0, result.output
    [numbers] = json.loads(invoke_cli("stats", org, "--json").output)
    assert numbers["headcount"] == 10
    [item] = steps.load([str(org)])
    assert item.org.roles["r9"].skills[99] == "Responsibility number 99 with some words"


def test_aliased_long_text_counts_its_characters(tmp_path):
    """Few values but much text: a 60,000-character value repeated by aliases; the second one is too many."""
    text = "word " * 12_000
    org = tmp_path / "org.yaml"
    org.write_text(f"org: {{name: X, summary: &long '{text}'}}\nroles:\n"
                   "  a: {title: A, summary: *long}\n  b: {title: B, summary: *long}\n  c: {title: C, summary: *long}\n"
                   "positions:\n  - {id: p0, role: a}\n")
    result = invoke_cli("check", org)
    assert result.exit_code == 2
    [line] = error_lines(result)
    assert line.startswith(f"{org}:4:26: error: aliases (*name) repeat more than 100,000 characters of text")
    assert "the larger of 100,000 and 1× the 60," in line


def test_alias_build_stays_small_in_memory(tmp_path):
    """The 4.6 KB sections file ran `build` out of 4 GB after 200 s; now it is refused in a few MB."""
    org = tmp_path / "org.yaml"
    org.write_text(sections_alias_yaml())
    code, peak_mb, _ = run_measured(["build", str(org), "--out-dir", str(tmp_path / "out")])
    assert code == 2
    assert peak_mb < 300, f"peak {peak_mb:.0f} MB"


# --- reporting depth ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def chain_50k(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("chain") / "chain.yaml"
    path.write_text(chain_yaml(50_000))
    return path


@pytest.mark.parametrize("command", [["check"], ["stats"], ["chart", "-f", "svg"]])
def test_50000_layer_chain_is_a_fast_located_error(chain_50k, tmp_path, command):
    limit = DEFAULT_LIMITS.max_reporting_layers
    out = tmp_path / "chart.svg"
    args = command + [chain_50k] + (["-o", out] if command[0] == "chart" else [])
    started = time.perf_counter()
    result = invoke_cli(*args)
    elapsed = time.perf_counter() - started
    assert result.exit_code == 2, result.output[-2000:]
    # p1000 is the first position below the limit; its line: 6 header lines, then one line per position
    assert error_lines(result) == [
        f"{chain_50k}:{6 + limit}:38: error: position 'p{limit}' is at layer {limit + 1:,} of the reporting tree; "
        f"the limit is {limit:,} layers ({50_000 - limit:,} positions are deeper than that) [too-many-layers]"]
    assert not out.exists()
    assert elapsed < 60, f"{command[0]} took {elapsed:.1f} s"


def test_chain_at_the_limit_completes_check_stats_and_chart(tmp_path):
    limit = DEFAULT_LIMITS.max_reporting_layers
    org = tmp_path / "chain.yaml"
    org.write_text(chain_yaml(limit))
    started = time.perf_counter()
    assert invoke_cli("check", org).exit_code == 0
    [numbers] = json.loads(invoke_cli("stats", org, "--json").output)
    assert numbers["layers"] == limit
    assert [row["headcount"] for row in numbers["span"]["layer_headcount"]] == [1] * limit
    top = numbers["span"]["managers"][0]
    assert (top["id"], top["team"], top["layer"]) == ("p0", limit - 1, 1)
    svg = tmp_path / "chart.svg"
    result = invoke_cli("chart", org, "-f", "svg", "-o", svg)
    assert result.exit_code == 0, result.output
    tops = box_tops(svg.read_bytes())
    assert len(tops) == limit
    assert all(tops[f"pos-p{i}"] < tops[f"pos-p{i + 1}"] for i in range(limit - 1))  # one below the other
    assert time.perf_counter() - started < 60


def test_one_more_layer_than_the_limit_is_refused(tmp_path):
    limit = DEFAULT_LIMITS.max_reporting_layers
    org = tmp_path / "chain.yaml"
    org.write_text(chain_yaml(limit + 1))
    result = invoke_cli("check", org)
    assert result.exit_code == 2
    assert error_lines(result) == [
        f"{org}:{6 + limit}:38: error: position 'p{limit}' is at layer {limit + 1:,} of the reporting tree; the "
        f"limit is {limit:,} layers (1 position is deeper than that) [too-many-layers]"]


def test_deep_chain_is_linear_with_the_limit_raised(tmp_path):
    """With the depth limit out of the way, a 20,000-layer chain: stats took minutes and chart gigabytes
    (both quadratic in the depth) before; now each is seconds and well under a gigabyte."""
    org = tmp_path / "chain.yaml"
    org.write_text(chain_yaml(20_000))
    code, peak_mb, out = run_measured(["stats", "--json", str(org)], max_layers=10**6)
    assert code == 0
    [numbers] = json.loads(out)
    assert numbers["layers"] == 20_000
    assert numbers["span"]["managers"][0]["team"] == 19_999
    assert peak_mb < 600, f"stats peak {peak_mb:.0f} MB"
    svg = tmp_path / "chart.svg"
    code, peak_mb, _ = run_measured(["chart", str(org), "-f", "svg", "-o", str(svg)], max_layers=10**6)
    assert code == 0
    assert len(box_tops(svg.read_bytes())) == 20_000
    assert peak_mb < 1000, f"chart peak {peak_mb:.0f} MB"


def test_layers_are_found_in_one_pass_and_cycles_get_none():
    manager = {"a": None, "b": "a", "c": "b", "x": "y", "y": "x", "z": "x", "w": "z", "q": "c"}
    assert layers(manager) == {"a": 1, "b": 2, "c": 3, "q": 4, "x": 0, "y": 0, "z": 0, "w": 0}


# --- other sizes --------------------------------------------------------------------------------------------

def test_too_many_policy_rules_is_located(tmp_path):
    limit = DEFAULT_LIMITS.max_rules
    rules = "\n".join(f"    - {{name: r{i}, numerator: {{roles: [m]}}, denominator: {{roles: [m]}}, per: 1-10}}"
                      for i in range(limit + 1))
    org = tmp_path / "org.yaml"
    org.write_text(f"org: {{name: X}}\nroles:\n  m: {{title: M}}\npositions:\n  - {{id: p0, role: m}}\n"
                   f"policies:\n  ratios:\n{rules}\n")
    result = invoke_cli("check", org)
    assert result.exit_code == 2, result.output
    assert error_lines(result) == [f"{org}:{8 + limit}:7: error: {limit + 1:,} rules in policies.ratios; the limit "
                                   f"is {limit:,} [too-many-rules]"]


def test_deeply_nested_formula_is_located_not_a_crash(tmp_path):
    expression = "-" * 400 + "seats"  # within the 500-character limit of an expression, 401 levels deep
    org = tmp_path / "org.yaml"
    org.write_text(f"org: {{name: X}}\nroles:\n  m: {{title: M}}\npositions:\n  - {{id: p0, role: m}}\n"
                   f"policies:\n  formulas:\n    f:\n      name: F\n      expression: {expression}\n"
                   f"      inputs: {{seats: {{label: Seats}}}}\n")
    result = invoke_cli("check", org)
    assert result.exit_code == 2, result.output
    assert error_lines(result) == [f"{org}:9:7: error: f: nested deeper than {DEFAULT_LIMITS.max_formula_depth} "
                                   "operations, the limit [invalid-value]"]


def test_one_attribute_name_per_position_is_counted_in_one_pass(tmp_path):
    n = 2_000
    positions = "\n".join(f"  - {{id: p{i}, role: m, attributes: {{a{i}: v}}{', reports_to: p0' if i else ''}}}"
                          for i in range(n))
    org = tmp_path / "org.yaml"
    org.write_text(f"org: {{name: X}}\nroles:\n  m: {{title: M}}\npositions:\n{positions}\n")
    [numbers] = json.loads(invoke_cli("stats", org, "--json").output)
    by_attribute = numbers["by_attribute"]
    assert len(by_attribute) == n
    assert by_attribute["a7"] == [
        {"key": "v", "label": "v", "headcount": 1, "open": 0, "fte": 1.0},
        {"key": "", "label": "(none)", "headcount": n - 1, "open": 0, "fte": n - 1.0}]


# --- helpers ------------------------------------------------------------------------------------------------

def box_tops(svg: bytes) -> dict[str, float]:
    """Top edge of every position box (its first polygon) by SVG id."""
    tops = {}
    for g in ET.fromstring(svg).iter(f"{SVG}g"):
        if (g.get("id") or "").startswith("pos-"):
            shape = next(g.iter(f"{SVG}polygon"))
            ys = [float(p.split(",")[1]) for p in shape.get("points").split()]
            tops[g.get("id")] = min(ys)
    return tops


SVG = "{http://www.w3.org/2000/svg}"
DRIVER = textwrap.dedent("""
    import resource, sys
    import orgdocs.validate.size as size
    from orgdocs.limits import Limits
    if int(sys.argv[1]):
        size.DEFAULT_LIMITS = Limits(max_reporting_layers=int(sys.argv[1]))
    from orgdocs.cli import cli
    try:
        cli.main(sys.argv[2:], prog_name="orgdocs")
    finally:
        # VmHWM: this program's own peak. ru_maxrss would keep the size of the forked test worker (before exec),
        # which grows as a worker runs more tests and made this measure flaky.
        hwm = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:"))
        sys.stderr.write(f"\\nPEAK {hwm}\\n")
""")


def run_measured(args: list[str], max_layers: int = 0) -> tuple[int, float, str]:
    """Exit code, peak memory (MB) and stdout of the CLI run in a fresh process."""
    done = subprocess.run([sys.executable, "-c", DRIVER, str(max_layers), *args], capture_output=True, text=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    peak = int(done.stderr.rsplit("PEAK ", 1)[1].split()[0]) / 1024
    return done.returncode, peak, done.stdout
