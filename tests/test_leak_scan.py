"""The leak scan: outputs meant for everyone are searched for the org's confidential values before anything is
written; a hit exits 5, names the output and where the value is written, and leaves the output folder as it was."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from orgdocs.commands import steps
from orgdocs.render.pdf import html_to_pdf
from orgdocs.scan import confidential, find_leaks
from orgdocs.scan.numbers import amounts_in
from orgdocs.scan.search import text_of
from tests.conftest import invoke_cli

ORG = {
    "org": {"name": "Acme Success", "currency": "USD"},
    "levels": {"l1": {"name": "Associate", "rank": 1}, "l2": {"name": "Lead", "rank": 2}},
    "units": {"cs": {"name": "Customer Success", "lead": "head"}},
    "roles": {
        "head": {"title": "Head of Success", "level": "l2", "summary": "Runs customer success."},
        "csm": {"title": "Customer Success Manager", "level": "l1", "summary": "Keeps customers."},
    },
    "positions": [
        {"id": "head", "role": "head", "holders": [{"name": "Greta Lindqvist", "salary": 142500}], "unit": "cs"},
        {"id": "csms", "role": "csm", "reports_to": "head", "unit": "cs",
         "holders": ["Ann Okafor", "Bo Reyes"], "count": 3},
    ],
    "compensation": {
        "zones": {"uk": {"name": "United Kingdom", "factor": 0.9}},
        "bands": {"l1": {"level": "l1", "min": "61K", "max": "79K"},
                  "l2": {"level": "l2", "min": "118K", "max": "152K"}},
    },
    "sections": [
        {"title": "Team", "text": "We help customers succeed."},
        {"title": "Retention plan", "audience": "hr",
         "text": "Counter-offers for flight-risk managers are pre-approved."},
    ],
}


def org_with(change=None) -> dict:
    data = copy.deepcopy(ORG)
    if change:
        change(data)
    return data


def write(tmp_path, data: dict):
    path = tmp_path / "acme.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def summary(role: str, text: str):
    def change(data: dict) -> None:
        data["roles"][role]["summary"] = text
    return change


def files_of(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- what the scan reads ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("$79,000", 79_000), ("1 117,500", 117_500), ("1 117,500", 1_117_500), ("79000", 79_000),
    ("79 000 USD", 79_000), ("79K", 79_000), ("$79k a year", 79_000),
    ('"max": 79000.0', 79_000), ("€1.2M", 1_200_000), ("79\u202f000", 79_000), ("79,000.50", 79_000),
])
def test_amounts_are_read_in_the_ways_documents_write_them(text, value):
    assert value in amounts_in(text)


@pytest.mark.parametrize("text", ["179,000", "79,0001", "1.79000", "v79000x2", "id-79000b", "as of 2025-09-01"])
def test_part_of_another_number_is_not_the_amount(text):
    assert 79_000 not in amounts_in(text)


def test_pdf_html_json_and_png_text_are_read():
    pdf = html_to_pdf("<html><body><p>Band maximum: <b>$79,000</b></p></body></html>", base=Path("."),
                      allowed=[], when=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    assert 79_000 in amounts_in(text_of("x.pdf", pdf))
    assert "ann okafor" in text_of("x.html", b"<p><b>Ann</b> Okafor</p>").lower().replace("  ", " ")
    assert "Zoë" in text_of("x.json", json.dumps({"n": "Zoë"}).encode())  # \u escapes read as letters
    png = (b"\x89PNG\r\n\x1a\n" + (13).to_bytes(4, "big") + b"IHDR" + bytes(13) + bytes(4)
           + (20).to_bytes(4, "big") + b"tEXtComment\0salary 79000" + bytes(4))
    assert 79_000 in amounts_in(text_of("x.png", png))


def test_confidential_values_of_an_org(tmp_path):
    item = steps.load([str(write(tmp_path, org_with()))])[0]
    secrets = confidential(item)
    whats = {value: sorted(s.what for s in found) for value, found in secrets.amounts.items()}
    assert whats[79_000] == ["the maximum of pay band l1"]
    assert whats[70_000] == ["the midpoint of pay band l1"]
    assert whats[round(152_000 * 0.9)] == ["the maximum of pay band l2 in zone uk"]
    assert whats[142_500] == ["the salary of Greta Lindqvist (head)"]
    band_max = secrets.amounts[79_000][0].location
    assert (band_max.file.endswith("acme.yaml"), band_max.line) == (True, 1)  # JSON on one line: located
    assert [s.what for s in secrets.texts] == ["text of the hr-only section 'Retention plan'"]
    assert not [s for s in secrets.texts if s.words]  # names are secret only for a chart that hides them
    names = {s.text for s in confidential(item, hide_names=True).texts if s.words}
    assert names == {"greta lindqvist", "ann okafor", "bo reyes"}


def test_an_amount_the_org_publishes_itself_is_not_a_secret(tmp_path):
    def budget(data: dict) -> None:
        data["budgets"] = {"training": {"name": "Training budget", "amount": "79K"}}
    item = steps.load([str(write(tmp_path, org_with(budget)))])[0]
    assert 79_000 not in confidential(item).amounts and 61_000 in confidential(item).amounts


def test_a_band_in_another_currency_is_also_secret_converted(tmp_path):
    def euro(data: dict) -> None:
        data["currencies"] = {"EUR": 1.1}
        data["compensation"]["bands"]["l1"]["currency"] = "EUR"
    item = steps.load([str(write(tmp_path, org_with(euro)))])[0]
    assert {s.what for s in confidential(item).amounts[round(79_000 * 1.1)]} == \
        {"the maximum of pay band l1 in USD"}


def test_a_secret_found_in_a_file_names_file_and_source(tmp_path):
    item = steps.load([str(write(tmp_path, org_with()))])[0]
    leaks = find_leaks([("roles/csm.html", b"<p>Pays up to $79,000.</p>"), ("ok.html", b"<p>Pays well.</p>"),
                        ("notes.md", b"counter-offers for flight-risk managers\n are pre-approved.")],
                       confidential(item))
    assert [(leak.file, leak.secret.what) for leak in leaks] == [
        ("roles/csm.html", "the maximum of pay band l1"),
        ("notes.md", "text of the hr-only section 'Retention plan'")]
    assert leaks[0].line().startswith("roles/csm.html: shows the maximum of pay band l1, written at ")


# -- commands -------------------------------------------------------------------------------------------------

def test_pay_written_in_a_role_summary_stops_all_hands_roles_with_exit_5(tmp_path):
    org = write(tmp_path, org_with(summary("csm", "Paid 61K-79K plus a bonus.")))
    out = tmp_path / "out"
    result = invoke_cli("roles", org, "--audience", "all-hands", "--out-dir", out, "--no-handbook")
    assert result.exit_code == 5, result.output
    assert "roles/csm.html: shows the minimum of pay band l1, written at " in result.stderr
    assert "roles/csm.pdf: shows the maximum of pay band l1" in result.stderr
    assert "the org's own text also gives it at " in result.stderr and "acme.yaml:1:" in result.stderr
    assert result.stderr.rstrip().endswith(
        "4 confidential values shown in 2 outputs meant for all-hands; nothing was written.")
    assert not re.search(r"61|79", re.sub(r"\S*acme\.yaml\S*", "", result.stderr))  # values never repeated
    assert "Traceback" not in result.output
    assert not out.exists()
    # for hr, pay is what the document is for
    assert invoke_cli("roles", org, "--audience", "hr", "--out-dir", out, "--no-handbook").exit_code == 0


def test_a_salary_in_a_public_section_stops_build_and_keeps_the_previous_build(tmp_path):
    org = write(tmp_path, org_with())
    out = tmp_path / "out"
    assert invoke_cli("build", org, "--out-dir", out).exit_code == 0
    before = files_of(out)

    def leak(data: dict) -> None:
        data["sections"][0]["text"] = "Greta joined at 142,500 a year."
    write(tmp_path, org_with(leak))
    result = invoke_cli("build", org, "--out-dir", out)
    assert result.exit_code == 5, result.output
    assert "acme/index.html: shows the salary of Greta Lindqvist (head)" in result.stderr
    assert "acme/role-handbook.pdf: shows the salary of Greta Lindqvist (head)" in result.stderr
    assert "acme/hr/" not in result.stderr  # hr documents may carry it
    assert files_of(out) == before


def test_an_hr_section_copied_into_a_public_one_is_found(tmp_path):
    def copy_text(data: dict) -> None:
        data["sections"][0]["text"] = "Counter-offers for flight-risk managers are pre-approved."
    result = invoke_cli("build", write(tmp_path, org_with(copy_text)), "--out-dir", tmp_path / "out")
    assert result.exit_code == 5
    assert "acme/index.html: shows text of the hr-only section 'Retention plan'" in result.stderr


def test_build_keeps_payroll_and_pay_findings_in_the_hr_tree(tmp_path):
    def gap(data: dict) -> None:
        data["compensation"]["bands"]["l2"]["min"] = "95K"  # a gap after 79K: band-gap quotes both amounts
    out = tmp_path / "out"
    result = invoke_cli("build", write(tmp_path, org_with(gap)), "--out-dir", out, "--audience", "all")
    assert result.exit_code == 0, result.output
    pub, hr = out / "all-hands" / "acme", out / "hr" / "acme"
    public, whole = json.loads((pub / "stats.json").read_text()), json.loads((hr / "stats.json").read_text())
    assert "payroll" not in public and whole["payroll"]["base"] > 0
    assert {k: v for k, v in whole.items() if k != "payroll"} == public
    public_codes = {f["code"] for f in json.loads((pub / "check.json").read_text())["findings"]}
    hr_codes = {f["code"] for f in json.loads((hr / "check.json").read_text())["findings"]}
    assert "band-gap" in hr_codes and "band-gap" not in public_codes
    assert hr_codes - public_codes == {"band-gap"}
    assert "Payroll estimate" not in (pub / "stats.txt").read_text()
    assert "Payroll estimate" in (hr / "stats.txt").read_text()
    assert "payroll_total" not in (pub / "stats.csv").read_text()
    assert "payroll_total" in (hr / "stats.csv").read_text()
    assert "gap of" not in (pub / "index.html").read_text() and "gap of" in (hr / "index.html").read_text()


def test_the_example_orgs_build_without_leaks_and_the_hr_tree_carries_pay(tmp_path):
    out = tmp_path / "out"
    result = invoke_cli("build", "orgs/cs-enhanced-team", "--out-dir", out, "--audience", "all")
    assert result.exit_code == 0, result.output
    item = steps.load(["orgs/cs-enhanced-team"])[0]
    files = [(name, data) for name, data in files_of(out).items() if not name.startswith(".")]
    leaks = find_leaks(files, confidential(item, hide_names=True))
    assert "pay" in {leak.secret.kind for leak in leaks if leak.file.startswith("hr/")}
    # names are for all-hands to see; pay for nobody but hr; neither for public
    assert {leak.secret.kind for leak in leaks if leak.file.startswith("all-hands/")} <= {"names"}
    assert [leak for leak in leaks if leak.file.startswith("public/")] == []


def test_a_chart_with_hidden_names_shows_no_name(tmp_path):
    def named_unit(data: dict) -> None:
        data["units"]["cs"]["name"] = "Greta Lindqvist's team"
    org = write(tmp_path, org_with(named_unit))
    result = invoke_cli("chart", org, "--hide-names", "-f", "svg", "--out-dir", tmp_path / "out")
    assert result.exit_code == 5
    assert "chart.svg: shows the name of a holder of head" in result.stderr
    assert "ann okafor" not in result.stderr.lower()
    assert invoke_cli("chart", write(tmp_path, org_with()), "--hide-names", "-f", "svg", "--out-dir",
                      tmp_path / "out").exit_code == 0
    # with names shown, names are no secret
    assert invoke_cli("chart", org, "-f", "svg", "--out-dir", tmp_path / "out").exit_code == 0


def test_ladder_and_hr_chart(tmp_path):
    def ladder(data: dict) -> None:
        data["ladders"] = {"cs": {"name": "CS path", "steps": [{"role": "csm"}, {"role": "head"}],
                                  "requirements": ["Reach 118K in renewals"]}}
    org = write(tmp_path, org_with(ladder))
    result = invoke_cli("ladder", org, "--out-dir", tmp_path / "out")
    assert result.exit_code == 5 and "ladder.html: shows the minimum of pay band l2" in result.stderr
    assert invoke_cli("chart", org, "--audience", "hr", "-f", "svg", "--out-dir", tmp_path / "o").exit_code == 0


# -- stats and check: all-hands by default, pay with --audience hr --------------------------------------------

def test_stats_for_all_hands_shows_headcount_not_payroll(tmp_path):
    org = write(tmp_path, org_with())
    public = invoke_cli("stats", org, "-f", "json")
    hr = invoke_cli("stats", org, "-f", "json", "--audience", "hr")
    assert public.exit_code == hr.exit_code == 0, public.output + hr.output
    [p], [h] = json.loads(public.stdout), json.loads(hr.stdout)
    assert "payroll" not in p and h["payroll"]["base"] > 0 and p["headcount"] == h["headcount"] == 4
    assert {k: v for k, v in h.items() if k != "payroll"} == p
    assert "Payroll estimate" not in invoke_cli("stats", org).stdout
    assert "Payroll estimate" in invoke_cli("stats", org, "--audience", "hr").stdout
    assert "payroll_total" not in invoke_cli("stats", org, "-f", "csv").stdout
    assert "payroll_total" in invoke_cli("stats", org, "-f", "csv", "--audience", "hr").stdout


def test_check_for_all_hands_leaves_pay_findings_out_and_counts_them(tmp_path):
    def gap(data: dict) -> None:
        data["compensation"]["bands"]["l2"]["min"] = "95K"
    org = write(tmp_path, org_with(gap))
    public = invoke_cli("check", org, "-f", "json", "--strict")
    hr = invoke_cli("check", org, "-f", "json", "--strict", "--audience", "hr")
    assert "band-gap" not in {f["code"] for f in json.loads(public.stdout)[0]["findings"]}
    assert "band-gap" in {f["code"] for f in json.loads(hr.stdout)[0]["findings"]}
    assert "1 finding about pay left out for all-hands; --audience hr shows it" in public.stderr
    assert "--audience hr" not in hr.stderr
    assert public.exit_code == hr.exit_code == 1  # the org's problems count whoever reads about them
    text = invoke_cli("check", org)
    assert "gap of" not in text.stdout and "79,000" not in text.stdout


def test_the_payroll_estimate_is_secret_and_found(tmp_path):
    """Derived pay: the payroll total and its cost by unit, worked out here from the bands, are secrets too."""
    item = steps.load([str(write(tmp_path, org_with()))])[0]
    numbers = steps.org_stats(item)
    pay = numbers.payroll
    secrets = confidential(item)
    assert pay.total >= 1000 and "the payroll estimate (total)" in {s.what for s in secrets.amounts[round(pay.total)]}
    for unit in pay.by_unit:
        if unit.total >= 1000:
            assert any(s.what.startswith("the payroll estimate") for s in secrets.amounts[round(unit.total)])
    leaks = find_leaks([("stats.txt", f"Payroll estimate  USD {pay.total:,.0f}".encode())], secrets)
    assert leaks and {leak.file for leak in leaks} == {"stats.txt"}


def test_an_incentive_target_as_an_amount_is_secret(tmp_path):
    org = org_with()
    org["compensation"]["incentive_plans"] = {"bonus": {"name": "Bonus", "target_pct": 15, "levels": ["l1"]}}
    item = steps.load([str(write(tmp_path, org))])[0]
    # band l1 runs 61,000-79,000: midpoint 70,000, so a 15 % target is 10,500
    assert "the incentive target of role" in " ".join(s.what for s in confidential(item).amounts[10_500])
