"""Issue 8, findings 5 and 6: every number orgdocs computes is finite or a located error, every JSON it writes is
strict, and amounts in another currency are converted (with a rate the org gives) wherever they are added or
compared. Ends with a seeded fuzz run over mutated example orgs."""

from __future__ import annotations

import importlib.util
import json
import random
import re
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, invoke_cli

from orgdocs.analyse.summary import analyse
from orgdocs.model import Org
from orgdocs.render.strict_json import NotFiniteError, dumps
from orgdocs.views.bands import bands as band_data


def strict_loads(text: str):
    """json.loads that refuses NaN and Infinity, as strict parsers (JavaScript's JSON.parse, jq) do."""
    def refuse(name: str):
        raise AssertionError(f"non-standard JSON constant {name}")

    return json.loads(text, parse_constant=refuse)


def problems(result) -> list[str]:
    """The located problem lines of a failed load (file:line:col: error: ... [code])."""
    return [line for line in result.output.splitlines() if ": error: " in line]


def at(path: Path, line: int, col: int) -> str:
    return f"{path}:{line}:{col}: error: "


CAPACITY = """\
org: {name: Cap}
roles:
  csm: {title: CSM}
positions:
  - id: csms
    role: csm
    count: 2
policies:
  formulas:
    load:
      name: Load
      expression: customers * hours / capacity
      inputs:
        customers: {label: Customers}
        hours: {label: Hours, default: 5}
        capacity: {label: Capacity, default: 140}
  capacity:
    - name: CSMs needed
      formula: load
      inputs: {customers: 1-50}
      compare_to: {roles: [csm]}
"""


# --- finding 5: fuzz crashes ------------------------------------------------------------------------------------

def test_capacity_formula_given_as_a_list_is_a_located_error(write_org):
    path = write_org(CAPACITY.replace("formula: load", "formula: [1, 2]"))
    for cmd in (["check"], ["stats", "--json"]):
        result = invoke_cli(*cmd, path)
        assert result.exit_code == 2, result.output
        assert problems(result) == [f"{at(path, 19, 16)}formula: expected text, got a list [wrong-type]"], \
            result.output


def test_formula_default_of_1e308_is_a_located_error(write_org):
    path = write_org(CAPACITY.replace("default: 5}", "default: 1e308}"))
    result = invoke_cli("stats", "--json", path)
    assert result.exit_code == 2, result.output
    (line,) = problems(result)
    assert line.startswith(at(path, 15, 40)), line
    assert "1e+308 is beyond the largest number orgdocs accepts (±1,000,000,000,000)" in line


def test_formula_that_overflows_within_the_limits_is_a_check_error_and_stats_stay_strict(write_org):
    text = CAPACITY.replace("customers * hours / capacity",
                            "customers * customers * customers * customers * customers * customers * hours"
                            " * customers * customers * customers * customers * customers * customers * customers"
                            " * customers * customers * customers * customers * customers * customers * customers"
                            " * customers * customers * customers * customers * customers * customers")
    path = write_org(text.replace("customers: 1-50", "customers: 1e12"))
    result = invoke_cli("check", "--json", path)
    assert result.exit_code == 1, result.output
    (report,) = strict_loads(result.output)
    (finding,) = report["findings"]
    assert (finding["code"], finding["severity"], finding["line"], finding["column"]) == \
        ("capacity-formula", "error", 18, 7)
    assert finding["message"].startswith("CSMs needed: the result of customers * customers")
    assert finding["message"].endswith("is too large to compute")

    result = invoke_cli("stats", "--json", path)
    assert result.exit_code == 0, result.output
    (numbers,) = strict_loads(result.output)
    (cap,) = numbers["capacity"]
    assert "required" not in cap and cap["error"].endswith("is too large to compute")


def test_division_by_a_range_through_zero_is_a_check_error(write_org):
    path = write_org(CAPACITY.replace("default: 140}", "default: 0-140}"))
    result = invoke_cli("check", path)
    assert result.exit_code == 1
    assert f"{path}:18:7: error: CSMs needed: division by zero (a divisor can be 0) [capacity-formula]" \
        in result.output


@pytest.mark.parametrize("expression, message", [
    ("-" * 260 + "customers", "nested deeper than 200 operations, the limit"),
    ("customers * 1e400", "the number 1e309 is too large"),
    ("customers * " + "9" * 400, "the number 9999999999999999999999999999999999999... is too large"),
])
def test_formulas_that_cannot_be_computed_are_rejected_when_read(write_org, expression, message):
    text = CAPACITY.replace("customers * hours / capacity", expression).replace(
        "        hours: {label: Hours, default: 5}\n        capacity: {label: Capacity, default: 140}\n", "")
    path = write_org(text)
    result = invoke_cli("check", path)
    assert result.exit_code == 2, result.output
    (line,) = problems(result)
    assert message in line, line


BANDED = """\
org: {{name: Big, currency: USD}}
levels:
  l1: {{name: L1, rank: 1}}
roles:
  agent: {{title: Agent, level: l1}}
positions:
  - id: agents
    role: agent
    count: {count}
compensation:
  bands:
    b1: {{level: l1, min: {lo}, max: {hi}}}
"""


def test_count_near_10_12_with_a_band_of_1e300_are_located_errors_and_nothing_is_written(write_org, tmp_path):
    path = write_org(BANDED.format(count=999_999_999_999, lo=1, hi="1e300"))
    out = tmp_path / "out"
    for cmd in (["check"], ["stats", "--json"], ["build", "--out-dir", out]):
        result = invoke_cli(*cmd, path)
        assert result.exit_code == 2, result.output
        assert problems(result) == [
            f"{at(path, 9, 12)}count: must be at most 1,000,000, got 999999999999 [invalid-value]",
            f"{at(path, 12, 34)}max: must be at most 1,000,000,000,000, got 1e+300 [invalid-value]",
        ], result.output
    assert not out.exists()


def test_largest_count_and_amount_give_exact_finite_payroll(write_org):
    path = write_org(BANDED.format(count=1_000_000, lo="1000000000000", hi="1000000000000"))
    result = invoke_cli("stats", "--json", "--audience", "hr", path)
    assert result.exit_code == 0, result.output
    (numbers,) = strict_loads(result.output)
    assert numbers["headcount"] == 1_000_000
    assert numbers["payroll"]["base"] == 10**18 and numbers["payroll"]["total"] == 10**18


@pytest.mark.parametrize("yaml_line, message", [
    ("org: {name: X, declared: {headcount: 1000001}}", "headcount: must be at most 1,000,000, got 1000001"),
    ("org: {name: X, declared: {fte: 2000000}}", "fte: must be at most 1,000,000, got 2000000"),
    ("org: {name: X, declared: {budget: 2T}}", "not an amount: '2T'"),
    ("org: {name: X, declared: {budget: 1000001M}}",
     "budget: must be at most 1,000,000,000,000, got '1000001M'"),
    ("org: {name: X, declared: {customers: 1e13}}", "beyond the largest number orgdocs accepts"),
    ("org: {name: X}\ncompensation: {zones: {z: {name: Z, factor: 1000}}}", "factor: must be at most 100"),
    ("org: {name: X}\nroles: {a: {title: A}}\n"
     "compensation: {pay_mix: [{role: a, base_pct: 0-100, variable_pct: 0-100}]}", "must be more than 0%"),
    ("org: {name: X}\nroles: {a: {title: A}}\n"
     "compensation: {pay_mix: [{role: a, base_pct: 150, variable_pct: -50}]}", "not a share between 0% and 100%"),
])
def test_documented_limits_are_located_errors(write_org, yaml_line, message):
    path = write_org(yaml_line + "\n")
    result = invoke_cli("check", path)
    assert result.exit_code == 2, result.output
    assert any(message in line for line in problems(result)), result.output


def test_strict_json_names_the_number_that_is_not_finite():
    assert dumps({"a": [1, 2.5]}) == '{\n  "a": [\n    1,\n    2.5\n  ]\n}\n'
    with pytest.raises(NotFiniteError) as exc:
        dumps({"payroll": {"by_unit": [{"total": 1.0}, {"total": float("inf")}]}}, "stats")
    assert str(exc.value) == "a computed number is not finite (stats.payroll.by_unit[1].total is inf); " \
                             "nothing was written"
    assert exc.value.exit_code == 2


def test_no_module_writes_json_except_through_strict_json():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "orgdocs").rglob("*.py")
                 if re.search(r"(?<!strict_)json\.dump", p.read_text(encoding="utf-8"))
                 and p.name != "strict_json.py"]
    assert offenders == []


# --- finding 6: currencies --------------------------------------------------------------------------------------

MIXED = """\
org: {name: Global, currency: USD}
levels:
  l1: {name: L1, rank: 1}
  l2: {name: L2, rank: 2}
roles:
  agent: {title: Agent, level: l1}
  senior: {title: Senior Agent, level: l2}
units:
  us: {name: US}
  jp: {name: Japan}
positions:
  - id: agents
    role: agent
    unit: us
    count: 3
  - id: seniors
    role: senior
    unit: jp
    count: 2
    holders:
      - {name: Aiko, salary: 9000000}
compensation:
  bands:
    b1: {level: l1, min: 50K, max: 70K}
    b2: {level: l2, min: ¥9M, max: ¥11M, currency: JPY}
"""
RATES = "currencies:\n  JPY: {rate: 0.0067, as_of: 2024-06-28, source: test rate}\n"


def test_band_in_another_currency_without_a_rate_is_a_located_error(write_org):
    path = write_org(MIXED)
    for cmd in (["check"], ["stats", "--json"]):
        result = invoke_cli(*cmd, path)
        assert result.exit_code == 2, result.output
        assert problems(result) == [
            f"{at(path, 25, 52)}band 'b2' is in JPY but the org's currency is USD and no rate converts it: "
            "add `currencies: {JPY: <USD per JPY>}` at the top level [no-rate]"], result.output


def test_band_in_another_currency_is_converted_into_the_payroll(write_org):
    path = write_org(MIXED + RATES)
    result = invoke_cli("stats", "--json", "--audience", "hr", path)
    assert result.exit_code == 0, result.output
    (numbers,) = strict_loads(result.output)
    pay = numbers["payroll"]
    # by hand: 3 agents × $60,000 midpoint = $180,000; 2 seniors × ¥10,000,000 midpoint × 0.0067 = $134,000
    assert pay["currency"] == "USD"
    assert pay["base"] == 180_000 + 134_000 == 314_000
    assert pay["rates"] == {"JPY": 0.0067}
    by_unit = {u["key"]: u["base"] for u in pay["by_unit"]}
    assert by_unit == {"us": 180_000, "jp": 134_000}


def test_plain_number_rate_and_a_different_rate_change_the_total(write_org):
    path = write_org(MIXED + "currencies: {JPY: 0.01}\n")
    (numbers,) = strict_loads(invoke_cli("stats", "--json", "--audience", "hr", path).output)
    assert numbers["payroll"]["base"] == 180_000 + 2 * 10_000_000 * 0.01 == 380_000


def test_band_checks_compare_in_the_org_currency(write_org):
    path = write_org(MIXED + RATES)
    result = invoke_cli("check", "--json", "--audience", "hr", path)
    (report,) = strict_loads(result.output)
    band_findings = [(f["code"], f["message"]) for f in report["findings"] if f["code"].startswith("band-")]
    # ¥10M is $67,000: the L1 band's $70,000 maximum reaches past it (read as dollars it would be a gap)
    assert band_findings == [
        ("band-overlap", "L1 → L2 (next level): L1 band reaches 70,000 USD, past the L2 midpoint 67,000 USD")]


def test_band_document_shows_own_currency_and_the_converted_midpoint(write_org):
    data = _model(MIXED + RATES)
    a = analyse(data)
    rows = {r["id"]: r for r in band_data(a)["rows"]}
    assert (rows["b2"]["min_text"], rows["b2"]["mid_text"], rows["b2"]["max_text"]) == \
        ("¥9,000,000", "¥10,000,000", "¥11,000,000")
    assert rows["b2"]["converted_text"] == "≈ $67,000"
    assert rows["b1"]["converted_text"] == ""
    assert rows["b2"]["mid"] == pytest.approx(67_000)  # the chart's axis is in dollars
    assert rows["b1"]["overlap_next"] == pytest.approx((70_000 - 60_300) / (73_700 - 60_300))
    (pay,) = rows["b2"]["pay"]
    assert pay["salary_text"] == "9,000,000 JPY"
    assert pay["compa_ratio"] == pytest.approx(0.9)  # yen against yen: no rate involved


def _model(text: str) -> Org:
    from ruamel.yaml import YAML

    return Org.model_validate(YAML(typ="safe").load(text))


@pytest.mark.parametrize("change, message, code", [
    (("min: 50K", "min: ¥50K"), "'¥50K' is written in JPY (¥) but this amount is in USD", "currency-mismatch"),
    (("max: ¥11M", "max: 11M EUR"), "'11M EUR' is written in EUR but this amount is in JPY", "currency-mismatch"),
    (("salary: 9000000", "salary: $60K"), "'$60K' is written in USD ($) but this amount is in JPY",
     "currency-mismatch"),
    (("source: test rate}", "source: test rate}\n  USD: 2"), "USD is the org's currency: its rate can only be 1",
     "invalid-value"),
    (("JPY: {rate: 0.0067,", "JPY: {rate: 0,"), "rate: must be at least 1e-09", "invalid-value"),
    (("JPY: {rate: 0.0067,", "jpy: {rate: 0.0067,"), "'jpy'", "invalid-value"),
])
def test_currency_mistakes_are_located_errors(write_org, change, message, code):
    text = (MIXED + RATES).replace(*change)
    assert text != MIXED + RATES
    path = write_org(text)
    result = invoke_cli("check", path)
    assert result.exit_code == 2, result.output
    assert any(message in line and line.endswith(f"[{code}]") for line in problems(result)), result.output


def test_matching_signs_and_codes_are_accepted(write_org):
    text = (MIXED + RATES).replace("min: 50K", "min: USD 50K").replace("max: 70K", "max: 70K USD")
    result = invoke_cli("check", write_org(text))
    assert result.exit_code == 0, result.output


def test_example_orgs_stay_valid_and_their_stats_strict():
    result = invoke_cli("stats", "--json", "--audience", "hr", ROOT / "orgs")
    assert result.exit_code == 0, result.output
    for numbers in strict_loads(result.output):
        assert numbers["payroll"]["rates"] == {}


# --- fuzz -------------------------------------------------------------------------------------------------------

def _fuzz_module():
    spec = importlib.util.spec_from_file_location("orgdocs_fuzz", ROOT / "bench" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


FUZZ_CASES = 300
FUZZ_SEED = 8


def test_fuzzed_example_orgs_exit_0_1_or_2_without_a_traceback(tmp_path, monkeypatch):
    fuzz = _fuzz_module()
    codes: dict[int, int] = {}
    rng = random.Random(FUZZ_SEED)
    for n in range(FUZZ_CASES):
        case = fuzz.make_case(rng, tmp_path, n)
        commands = [["check"], ["stats", "--json"]]
        if n % 20 == 0:
            commands.append(["chart", "-f", "svg", "--out-dir", case.folder / "out"])
        for cmd in commands:
            start = time.perf_counter()
            result = invoke_cli(*cmd, case.target)  # fails the test on a traceback
            took = time.perf_counter() - start
            what = f"case {n} ({' '.join(map(str, cmd))}): " + "; ".join(case.what)
            assert result.exit_code in (0, 1, 2), what + "\n" + result.output
            assert took < 20, what
            codes[result.exit_code] = codes.get(result.exit_code, 0) + 1
            if cmd[0] == "stats" and result.exit_code == 0:
                strict_loads(result.output)
    # the mutations reach past validation too, so the numbers code is exercised, not only the schema
    assert codes.get(0, 0) > FUZZ_CASES // 10 and codes.get(2, 0) > FUZZ_CASES // 10, codes


def test_comparison_converts_within_each_variant_and_never_mixes_currencies(write_org):
    usd = write_org(MIXED + RATES, "usd.yaml")
    cheaper = write_org((MIXED + RATES).replace("count: 3", "count: 2"), "cheaper.yaml")
    euro = write_org((MIXED + RATES).replace("currency: USD", "currency: EUR"), "eur.yaml")
    result = invoke_cli("compare", usd, cheaper, "-f", "json", "--audience", "hr")
    assert result.exit_code == 0, result.output
    rows = {r["label"]: r["values"] for r in strict_loads(result.output)["deltas"]}
    assert rows["Payroll estimate"] == [314_000, 254_000]  # one agent fewer: −$60,000; the yen converted in both
    result = invoke_cli("compare", usd, euro, "-f", "json", "--audience", "hr")
    assert result.exit_code == 0, result.output
    labels = [r["label"] for r in strict_loads(result.output)["deltas"]]
    assert "Payroll estimate" not in labels and "Headcount" in labels  # dollars minus euros means nothing
