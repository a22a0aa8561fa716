"""Input that cannot be loaded: every class of bad input exits 2 with located, exact problems and no traceback.

Each case is a small file under tests/data/bad/. Problem lines are compared whole
(file:line:column: severity: message [code]); paths are relative to the repository root, where the CLI runs.
"""

from __future__ import annotations

import json
import re
import time
import tracemalloc
from pathlib import Path

import pytest
from conftest import invoke_cli

from orgdocs.source.guards import DEFAULT_LIMITS

ROOT = Path(__file__).resolve().parent.parent
BAD = "tests/data/bad"
PROBLEM_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): .* \[[a-z0-9-]+\]$"
)


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch):
    monkeypatch.chdir(ROOT)


invoke = invoke_cli


def bad_input(*args: str) -> list[str]:
    """Run a command that must reject its input; return the lines it printed."""
    result = invoke(*args)
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    assert result.stdout == "", "problems go to stderr; nothing on stdout"
    return result.stderr.splitlines()


def summary(n: int) -> str:
    return f"{n} problem{'s' if n != 1 else ''} in the input; nothing was written."


def assert_reported(lines: list[str], expected: list[str | re.Pattern], count: int | None) -> None:
    for want in expected:
        if isinstance(want, re.Pattern):
            assert any(want.fullmatch(line) for line in lines), (
                f"no line matches {want.pattern!r} in:\n" + "\n".join(lines)
            )
        else:
            assert want in lines, f"missing {want!r} in:\n" + "\n".join(lines)
    if count is not None:
        assert lines[-1] == summary(count), "\n".join(lines)
        problems = [line for line in lines[:-1] if not line.startswith("    see ")]
        assert len(problems) == count, "\n".join(lines)


def f(name: str) -> str:
    return f"{BAD}/{name}"



# (file under tests/data/bad, exact lines or patterns expected, number of problems or None when not pinned)
CASES = [
    # --- YAML syntax, keys and types ---
    pytest.param("yaml_syntax.yaml", [
        f"{f('yaml_syntax.yaml')}:3:13: error: YAML syntax: mapping values are not allowed in this context "
        "[yaml-syntax]",
    ], 1, id="yaml-syntax"),
    pytest.param("unknown_key.yaml", [
        f"{f('unknown_key.yaml')}:3:3: error: unknown key 'currncy'; did you mean 'currency'? [unknown-key]",
    ], 1, id="unknown-key-did-you-mean"),
    pytest.param("unknown_key_no_match.yaml", [
        f"{f('unknown_key_no_match.yaml')}:3:3: error: unknown key 'zzzzqqq' (allowed here: name, as_of, currency, "
        "department, stage, variant, summary, description, declared, brand, headcount_includes) [unknown-key]",
    ], 1, id="unknown-key-allowed-list"),
    pytest.param("wrong_type_count.yaml", [
        f"{f('wrong_type_count.yaml')}:6:12: error: count: expected a whole number, got 'three' [wrong-type]",
    ], 1, id="wrong-type-count"),
    pytest.param("wrong_type_name.yaml", [
        f"{f('wrong_type_name.yaml')}:2:9: error: name: expected text, got a list [wrong-type]",
    ], 1, id="wrong-type-name"),
    pytest.param("wrong_type_date.yaml", [
        f"{f('wrong_type_date.yaml')}:3:10: error: as_of: expected a date (YYYY-MM-DD), got 'not a date' [wrong-type]",
    ], 1, id="wrong-type-date"),
    pytest.param("invalid_calendar_date.yaml", [
        re.compile(re.escape(f("invalid_calendar_date.yaml")) + r":3:10: error: as_of: .*2025-13-45.* \[[a-z-]+\]"),
    ], 1, id="invalid-calendar-date"),
    # --- references of every kind ---
    pytest.param("unknown_role.yaml", [
        f"{f('unknown_role.yaml')}:7:11: error: unknown role 'cms'; did you mean 'csm'? [unknown-reference]",
    ], 1, id="unknown-role"),
    pytest.param("unknown_level.yaml", [
        f"{f('unknown_level.yaml')}:8:12: error: unknown level 'senoir'; did you mean 'senior'? [unknown-reference]",
    ], 1, id="unknown-level"),
    pytest.param("unknown_band.yaml", [
        f"{f('unknown_band.yaml')}:6:11: error: unknown band 'csm-band'; did you mean 'cs-band'? [unknown-reference]",
    ], 1, id="unknown-band"),
    pytest.param("unknown_reports_to.yaml", [
        f"{f('unknown_reports_to.yaml')}:8:17: error: unknown position or external 'ceo'; did you mean 'cco'? "
        "[unknown-reference]",
    ], 1, id="unknown-reports-to"),
    pytest.param("unknown_unit.yaml", [
        f"{f('unknown_unit.yaml')}:8:11: error: unknown unit 'suport'; did you mean 'support'? [unknown-reference]",
    ], 1, id="unknown-unit"),
    pytest.param("unknown_dotted_line.yaml", [
        f"{f('unknown_dotted_line.yaml')}:9:13: error: unknown position or external 'leed'; did you mean 'lead'? "
        "[unknown-reference]",
    ], 1, id="unknown-dotted-line"),
    pytest.param("unknown_track.yaml", [
        f"{f('unknown_track.yaml')}:8:12: error: unknown track 'management' [unknown-reference]",
    ], 1, id="unknown-track"),
    pytest.param("unknown_kpi_metric.yaml", [
        f"{f('unknown_kpi_metric.yaml')}:8:17: error: unknown metric 'nps' [unknown-reference]",
    ], 1, id="unknown-kpi-metric"),
    pytest.param("unknown_incentive_plan.yaml", [
        f"{f('unknown_incentive_plan.yaml')}:6:16: error: unknown incentive plan 'sales-plan'; did you mean 'sales'? "
        "[unknown-reference]",
    ], 1, id="unknown-incentive-plan"),
    pytest.param("unknown_zone.yaml", [
        f"{f('unknown_zone.yaml')}:9:11: error: unknown zone 'uk' [unknown-reference]",
    ], 1, id="unknown-zone"),
    pytest.param("unknown_capacity_formula.yaml", [
        f"{f('unknown_capacity_formula.yaml')}:12:16: error: unknown formula 'csm-loads'; did you mean 'csm-load'? "
        "[unknown-reference]",
    ], 1, id="unknown-capacity-formula"),
    pytest.param("unknown_ladder_role.yaml", [
        f"{f('unknown_ladder_role.yaml')}:10:15: error: unknown role 'senior-csm' [unknown-reference]",
    ], 1, id="unknown-ladder-step-role"),
    pytest.param("unknown_ratio_role.yaml", [
        f"{f('unknown_ratio_role.yaml')}:10:34: error: unknown role 'cms'; did you mean 'csm'? [unknown-reference]",
    ], 1, id="unknown-ratio-selector-role"),
    pytest.param("unknown_check_code.yaml", [
        f"{f('unknown_check_code.yaml')}:5:5: error: unknown check 'role-no-bnd'; did you mean 'role-no-band'? "
        "[unknown-reference]",
    ], 1, id="unknown-check-code"),
    pytest.param("unknown_coverage_segment.yaml", [
        re.compile(re.escape(f("unknown_coverage_segment.yaml"))
                   + r":16:16: error: unknown .*'Enterprize'; did you mean 'Enterprise'\? \[unknown-reference\]"),
    ], 1, id="unknown-coverage-segment"),
    pytest.param("unknown_capacity_input.yaml", [
        f"{f('unknown_capacity_input.yaml')}:15:7: error: no value for input 'customers' of formula 'load' "
        "(it has no default) [missing-key]",
        f"{f('unknown_capacity_input.yaml')}:17:16: error: formula 'load' has no input 'customerz'; did you mean "
        "'customers'? [unknown-reference]",
    ], 2, id="unknown-capacity-input"),
    # --- ids, duplicates, cycles ---
    pytest.param("duplicate_position_id.yaml", [
        f"{f('duplicate_position_id.yaml')}:8:9: error: duplicate position id 'a' [duplicate-id]",
        f"    see {f('duplicate_position_id.yaml')}:4:9",
    ], 1, id="duplicate-position-id"),
    pytest.param("duplicate_key.yaml", [
        f"{f('duplicate_key.yaml')}:7:5: error: duplicate key 'title' (first at line 5) [duplicate-key]",
        f"    see {f('duplicate_key.yaml')}:5:5",
    ], 1, id="duplicate-mapping-key"),
    pytest.param("reporting_cycle.yaml", [
        f"{f('reporting_cycle.yaml')}:6:17: error: reporting lines form a cycle: a → b → c → a [reporting-cycle]",
    ], 1, id="reporting-cycle"),
    pytest.param("self_report.yaml", [
        f"{f('self_report.yaml')}:6:17: error: reporting lines form a cycle: a → a [reporting-cycle]",
    ], 1, id="self-report"),
    pytest.param("invalid_id_key.yaml", [
        re.compile(re.escape(f("invalid_id_key.yaml"))
                   + r":4:3: error: .*'bad id!' is not a valid id \(use letters, digits, '\.', '_' or '-'\) "
                     r"\[invalid-value\]"),
    ], 1, id="invalid-id-as-key"),
    # --- numbers out of range ---
    pytest.param("count_zero.yaml", [
        f"{f('count_zero.yaml')}:6:12: error: count: must be at least 1, got 0 [invalid-value]",
    ], 1, id="count-zero"),
    pytest.param("count_negative.yaml", [
        f"{f('count_negative.yaml')}:6:12: error: count: must be at least 1, got -1 [invalid-value]",
    ], 1, id="count-negative"),
    pytest.param("fte_zero.yaml", [
        f"{f('fte_zero.yaml')}:6:10: error: fte: must be more than 0 and at most 1, got 0 [invalid-value]",
    ], 1, id="fte-zero"),
    pytest.param("fte_over_one.yaml", [
        f"{f('fte_over_one.yaml')}:6:10: error: fte: must be more than 0 and at most 1, got 1.5 [invalid-value]",
    ], 1, id="fte-over-one"),
    pytest.param("band_min_above_max.yaml", [
        f"{f('band_min_above_max.yaml')}:6:7: error: b1: band minimum 90,000 is above its maximum 80,000 "
        "[invalid-value]",
    ], 1, id="band-min-above-max"),
    pytest.param("band_mid_outside.yaml", [
        f"{f('band_mid_outside.yaml')}:6:7: error: b1: band midpoint 120,000 is outside 80,000–100,000 "
        "[invalid-value]",
    ], 1, id="band-mid-outside"),
    pytest.param("open_seats_exceed.yaml", [
        f"{f('open_seats_exceed.yaml')}:4:5: error: position 'a': 2 open seats and 2 holders exceed count 3 "
        "[invalid-value]",
    ], 1, id="open-seats-exceed-count"),
    # --- hostile YAML ---
    pytest.param("tag_python.yaml", [
        f"{f('tag_python.yaml')}:3:12: error: explicit YAML tag 'tag:yaml.org,2002:python/object:os.system' is not "
        "allowed; write plain values [yaml-tag]",
    ], 1, id="tag-python-object"),
    pytest.param("tag_custom.yaml", [
        f"{f('tag_custom.yaml')}:2:9: error: explicit YAML tag '!custom' is not allowed; write plain values [yaml-tag]",
    ], 1, id="tag-custom"),
    pytest.param("tag_str.yaml", [
        f"{f('tag_str.yaml')}:2:9: error: explicit YAML tag 'tag:yaml.org,2002:str' is not allowed; write plain "
        "values [yaml-tag]",
    ], 1, id="tag-str"),
    pytest.param("too_many_aliases.yaml", [
        f"{f('too_many_aliases.yaml')}:107:9: error: more than 100 aliases (*name) [yaml-aliases]",
    ], 1, id="too-many-aliases"),
    pytest.param("deep_nesting.yaml", [
        f"{f('deep_nesting.yaml')}:2:43: error: nesting deeper than 40 levels [yaml-depth]",
    ], 1, id="nesting-50000-brackets"),
    pytest.param("recursive_alias.yaml", [
        re.compile(re.escape(f("recursive_alias.yaml")) + r":3:12: error: .*"),
    ], 1, id="recursive-alias"),
    pytest.param("two_documents.yaml", [
        f"{f('two_documents.yaml')}:3:1: error: only one YAML document per file (remove the second '---') [yaml]",
    ], 1, id="two-documents"),
    # --- bytes and characters ---
    pytest.param("latin1.yaml", [
        f"{f('latin1.yaml')}:3:15: error: byte 0xE9 is not UTF-8; save the file as UTF-8 [not-utf8]",
    ], 1, id="latin1-bytes"),
    pytest.param("control_char_escaped.yaml", [
        f"{f('control_char_escaped.yaml')}:3:12: error: control character U+0001 at character 2 of 'a\\x01b' "
        "[bad-character]",
    ], 1, id="control-char-escaped"),
    pytest.param("control_char_literal.yaml", [
        re.compile(re.escape(f("control_char_literal.yaml")) + r":3:\d+: error: .*U\+0007.*"),
    ], 1, id="control-char-literal"),
    pytest.param("bidi_literal.yaml", [
        f"{f('bidi_literal.yaml')}:3:15: error: bidi control character U+202E (RIGHT-TO-LEFT OVERRIDE) in text "
        "[bad-character]",
    ], 1, id="bidi-literal"),
    pytest.param("bidi_escaped.yaml", [
        f"{f('bidi_escaped.yaml')}:3:12: error: bidi control character U+202E (RIGHT-TO-LEFT OVERRIDE) at character "
        "4 of 'abc\\u202edef' [bad-character]",
    ], 1, id="bidi-escaped"),
    pytest.param("bidi_in_key.yaml", [
        f"{f('bidi_in_key.yaml')}:7:7: error: bidi control character U+202E (RIGHT-TO-LEFT OVERRIDE) at character "
        "7 of 'region\\u202e' [bad-character]",
    ], 1, id="bidi-in-key"),
    # --- formulas and tables ---
    pytest.param("formula_call.yaml", [
        f"{f('formula_call.yaml')}:6:7: error: f: call is not allowed; use + - * / and input names [invalid-value]",
    ], 1, id="formula-function-call"),
    pytest.param("formula_unknown_name.yaml", [
        f"{f('formula_unknown_name.yaml')}:6:7: error: f: the expression uses b, which are not among its inputs "
        "[invalid-value]",
    ], 1, id="formula-unknown-name"),
    pytest.param("table_row.yaml", [
        f"{f('table_row.yaml')}:6:7: error: table: row 2 has 2 cells but the table has 3 columns [invalid-value]",
    ], 1, id="table-row-cells"),
    # --- folder orgs and include ---
    pytest.param("folder_duplicate_role", [
        f"{f('folder_duplicate_role/more_roles.yaml')}:4:3: error: roles.csm is defined in two files [duplicate-key]",
        f"    see {f('folder_duplicate_role/org.yaml')}:4:3",
    ], 1, id="folder-duplicate-role"),
    pytest.param("include_outside", [
        f"{f('include_outside/org.yaml')}:4:5: error: include '../x.yaml' is outside the org's folder "
        f"{f('include_outside')} [include-outside]",
        f"{f('include_outside/org.yaml')}:5:5: error: include '/etc/passwd.yaml' is outside the org's folder "
        f"{f('include_outside')} [include-outside]",
    ], 2, id="include-outside"),
    pytest.param("include_missing", [
        f"{f('include_missing/org.yaml')}:4:5: error: include '_nope.yaml' does not exist in {f('include_missing')} "
        "[include-missing]",
    ], 1, id="include-missing"),
]


@pytest.mark.parametrize(("name", "expected", "count"), CASES)
def test_bad_input_is_reported_located(name, expected, count):
    lines = bad_input("check", f(name))
    assert_reported(lines, expected, count)


def test_alias_bomb_is_rejected_fast_and_small():
    tracemalloc.start()
    started = time.perf_counter()
    try:
        lines = bad_input("check", f("alias_bomb.yaml"))
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_reported(lines, [
        f"{f('alias_bomb.yaml')}:6:11: error: aliases (*name) repeat more than 2,000 values, the limit for this "
        "file (the larger of 2,000 and 1× the 32 values the file writes itself) [yaml-too-big]",
    ], 1)
    assert elapsed < 3, f"took {elapsed:.1f}s"
    assert peak < 50 * 1024 * 1024, f"peak Python memory {peak / 1e6:.0f} MB"


def test_deep_nesting_file_really_is_50000_brackets():
    text = (ROOT / BAD / "deep_nesting.yaml").read_text()
    assert text.count("[") == 50_000


def test_file_over_the_size_cap_is_refused_without_reading_it(tmp_path):
    limit = DEFAULT_LIMITS.max_file_bytes
    assert limit == 20 * 1024 * 1024
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:  # sparse: costs no disk and is never read
        fh.write(b"org: {name: X}\n")
        fh.truncate(limit + 1)
    lines = bad_input("check", path)
    assert_reported(lines, [
        f"{path}: error: file is {limit + 1:,} bytes; the limit is {limit:,} [file-too-large]",
    ], 1)


def test_file_exactly_at_the_size_cap_is_read(tmp_path):
    limit = DEFAULT_LIMITS.max_file_bytes
    path = tmp_path / "big.yaml"
    body = b"org: {name: X}\n"
    path.write_bytes(body + b"#" * (limit - len(body) - 1) + b"\n")
    assert path.stat().st_size == limit
    result = invoke("check", path)
    assert result.exit_code == 0, result.output


def test_many_problems_are_all_reported_sorted_by_line():
    name = f("many_problems.yaml")
    lines = bad_input("check", name)
    expected = [
        f"{name}:3:3: error: unknown key 'currncy'; did you mean 'currency'? [unknown-key]",
        f"{name}:4:12: error: bidi control character U+202E (RIGHT-TO-LEFT OVERRIDE) at character 5 of "
        "'bad \\u202e text' [bad-character]",
        f"{name}:7:12: error: title: expected text, got a list [wrong-type]",
        f"{name}:8:12: error: unknown level 'senior' [unknown-reference]",
        f"{name}:11:11: error: unknown role 'cms'; did you mean 'csm'? [unknown-reference]",
        f"{name}:12:12: error: count: must be at least 1, got 0 [invalid-value]",
        f"{name}:15:10: error: fte: must be more than 0 and at most 1, got 1.5 [invalid-value]",
        f"{name}:16:17: error: unknown position or external 'zed' [unknown-reference]",
        f"{name}:17:9: error: duplicate position id 'a' [duplicate-id]",
        f"    see {name}:10:9",
        f"{name}:21:5: error: unknown check 'span-polcy'; did you mean 'span-policy'? [unknown-reference]",
        summary(10),
    ]
    assert lines == expected
    numbers = [int(PROBLEM_LINE.match(line)["line"]) for line in lines if PROBLEM_LINE.match(line)]
    assert len(numbers) == 10
    assert numbers == sorted(numbers)


def test_problems_from_several_orgs_are_reported_together():
    lines = bad_input("check", f("count_zero.yaml"), f("fte_zero.yaml"))
    assert lines == [
        f"{f('count_zero.yaml')}:6:12: error: count: must be at least 1, got 0 [invalid-value]",
        f"{f('fte_zero.yaml')}:6:10: error: fte: must be more than 0 and at most 1, got 0 [invalid-value]",
        summary(2),
    ]


def test_including_a_sibling_file_of_a_folder_org_merges_it_once():
    result = invoke("check", f("include_not_partial"))
    assert result.exit_code == 0, result.output


# --- nothing is written when any input is bad -------------------------------------------------------------------

def test_build_writes_nothing_for_a_bad_org(tmp_path):
    out = tmp_path / "out"
    lines = bad_input("build", f("count_zero.yaml"), "--out-dir", out)
    assert lines == [
        f"{f('count_zero.yaml')}:6:12: error: count: must be at least 1, got 0 [invalid-value]",
        summary(1),
    ]
    assert not out.exists()


def test_build_writes_nothing_when_one_org_of_a_folder_is_bad(tmp_path):
    out = tmp_path / "out"
    lines = bad_input("build", "tests/data/build_mixed", "--out-dir", out)
    assert lines == [
        "tests/data/build_mixed/bad.yaml:8:12: error: count: must be at least 1, got 0 [invalid-value]",
        summary(1),
    ]
    assert not out.exists()


def test_build_of_the_good_org_alone_does_write(tmp_path):
    """Control for the two tests above: the good org on its own builds, so 'nothing written' means something."""
    out = tmp_path / "out"
    result = invoke("build", "tests/data/build_mixed/good.yaml", "--out-dir", out)
    assert result.exit_code == 0, result.output
    assert (out / "all-hands" / "good" / "check.json").is_file()


# --- text is data --------------------------------------------------------------------------------------------------

def test_hostile_but_valid_text_loads_fine():
    path = "tests/data/good/hostile_text.yaml"
    result = invoke("check", path)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["hostile_text: 0 errors, 0 warnings"]
    numbers = json.loads(invoke("stats", path, "--json").stdout)[0]
    assert numbers["name"] == "O'Brien & \"Partners\" <script>alert(1)</script>"
    assert [r["label"] for r in numbers["by_unit"]] == ["<b>Team</b> & {braces} [brackets]"]
    assert [r["label"] for r in numbers["by_attribute"]["note"]] == ["\\N"]
