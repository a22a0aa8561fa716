"""Pay structure across tracks: band checks along every promotion path a ladder defines (transitions cross
tracks), findings accepted with a reason (`policies.accept`, listed, not hidden; an unused one is a warning),
the bands document's notes, level codes and roles without a band, and a group with seats at several levels.

Every figure is worked by hand in a comment. Bands (USD, midpoint = (min + max) / 2 as none is stated):
  IC2  90K–120K  mid 105K      M1  160K–220K  mid 190K
  IC3 120K–150K  mid 135K      M2  200K–260K  mid 230K
  IC4 140K–200K  mid 170K
On the IC track and on the management track no band reaches past the next one's midpoint (IC3 max 150K <
IC4 mid 170K; M1 max 220K < M2 mid 230K), and none leaves a gap. Only the transition Staff Engineer (IC4) →
Engineering Manager (M1), across tracks, overlaps: IC4 max 200K > M1 mid 190K.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import invoke_cli
from pypdf import PdfReader

ORG = """\
org:
  name: Eng
tracks:
  ic: {name: Engineering, kind: ic}
  mgmt: {name: Management, kind: management}
levels:
  ic2: {name: Engineer, rank: 2, track: ic, code: IC2}
  ic3: {name: Senior, rank: 3, track: ic, code: IC3}
  ic4: {name: Staff, rank: 4, track: ic, code: IC4}
  m1: {name: Manager, rank: 4, track: mgmt, code: M1}
  m2: {name: Director, rank: 5, track: mgmt, code: M2}
roles:
  swe: {title: Software Engineer, level: ic2}
  senior: {title: Senior Engineer, level: ic3}
  staff: {title: Staff Engineer, level: ic4}
  em: {title: Engineering Manager, level: m1}
  dir: {title: Director of Engineering, level: m2}
  designer: {title: Product Designer}
compensation:
  bands:
    ic2: {level: ic2, min: 90K, max: 120K, note: Entry band reviewed every spring}
    ic3: {level: ic3, min: 120K, max: 150K}
    ic4: {level: ic4, min: 140K, max: 200K}
    m1: {level: m1, min: 160K, max: 220K}
    m2: {level: m2, min: 200K, max: 260K}
ladders:
  eng:
    name: Engineering
    track: ic
    steps: [{role: swe}, {role: senior}, {role: staff}]
    transitions:
      - {from: staff, to: em}
  mgmt:
    name: Management
    track: mgmt
    steps: [{role: em}, {role: dir}]
positions:
  - {id: dir, role: dir}
  - {id: em, role: em, reports_to: dir}
  - {id: team, role: swe, count: 6, levels: {ic2: 2, ic3: 3, ic4: 1}, reports_to: em}
"""

ACCEPT = """\
policies:
  accept:
    - check: band-overlap
      subject: ic4->m1
      reason: Staff engineers may out-earn new managers
"""

OVERLAP = ("IC4 Staff Engineer → M1 Engineering Manager (transition): Staff Engineer band reaches 200,000, past the "
           "Engineering Manager midpoint 190,000")
REASON = "Staff engineers may out-earn new managers"


def line_of(text: str, needle: str, nth: int = 0) -> int:
    """1-based line of the nth line that contains needle."""
    return [i for i, line in enumerate(text.splitlines(), 1) if needle in line][nth]


def check(path: Path, *args: str) -> tuple[int, dict]:
    result = invoke_cli("check", "--json", *args, path)
    assert result.exit_code in (0, 1), result.output
    (report,) = json.loads(result.stdout)
    return result.exit_code, report


# --- 1. promotion paths across tracks ------------------------------------------------------------------------------

def test_a_transition_across_tracks_is_checked_and_the_message_names_both_roles_and_the_path(write_org):
    path = write_org(ORG)
    code, report = check(path, "--audience", "hr")
    assert code == 0  # a warning
    assert [(f["code"], f["message"], f["subject"]) for f in report["findings"]] == [
        ("band-overlap", OVERLAP, "ic4->m1")]
    (finding,) = report["findings"]
    # located at the upper band (the M1 band line), with the transition that makes it a promotion related
    assert (finding["line"], finding["column"]) == (line_of(ORG, "m1: {level: m1"), 9)
    assert finding["related"] == [f"{path}:{line_of(ORG, '{from: staff, to: em}')}:9"]
    assert report["warnings"] == 1 and report["accepted"] == []


def test_without_the_transition_the_tracks_are_not_compared(write_org):
    # IC4 and M1 are on different tracks: only the ladder's transition makes them one promotion path
    path = write_org(ORG.replace("      - {from: staff, to: em}\n", "").replace("    transitions:\n", ""))
    _, report = check(path, "--audience", "hr")
    assert report["findings"] == []


def test_a_pair_on_a_ladder_and_next_on_its_track_is_reported_once_named_by_the_ladder(write_org):
    # IC3 max raised to 180K: past the IC4 midpoint 170K. Senior → Staff is both a ladder step and the next
    # level on the IC track; one finding, named by the ladder's roles
    path = write_org(ORG.replace("ic3: {level: ic3, min: 120K, max: 150K}", "ic3: {level: ic3, min: 120K, max: 180K}"))
    _, report = check(path, "--audience", "hr")
    overlaps = [(f["subject"], f["message"]) for f in report["findings"] if f["code"] == "band-overlap"]
    assert overlaps == [
        ("ic3->ic4", "IC3 Senior Engineer → IC4 Staff Engineer (ladder Engineering): Senior Engineer band reaches "
                     "180,000, past the Staff Engineer midpoint 170,000"),
        ("ic4->m1", OVERLAP)]


def test_a_transition_to_a_lower_band_is_an_inversion_and_a_gap_is_found_across_tracks(write_org):
    # M1 moved to 205K–240K (mid 222.5K): IC4 max 200K < M1 min 205K is a gap of 5,000. M2 moved to 220K–300K
    # (mid 260K) so that M1 → M2 stays clean (M1 max 240K is between M2 min 220K and M2 mid 260K)
    gap = write_org(ORG.replace("m1: {level: m1, min: 160K, max: 220K}", "m1: {level: m1, min: 205K, max: 240K}")
                    .replace("m2: {level: m2, min: 200K, max: 260K}", "m2: {level: m2, min: 220K, max: 300K}"),
                    "gap.yaml")
    _, report = check(gap, "--audience", "hr")
    assert [(f["code"], f["message"]) for f in report["findings"]] == [(
        "band-gap", "IC4 Staff Engineer → M1 Engineering Manager (transition): gap of 5,000 between Staff Engineer "
                    "(max 200,000) and Engineering Manager (min 205,000): a promotion jumps past pay no band covers")]
    # M1 at 140K–180K (mid 160K): its midpoint is not above IC4's 170K, an inversion on the transition; and on
    # the management track M1 max 180K < M2 min 200K is a gap of 20,000
    low = write_org(ORG.replace("m1: {level: m1, min: 160K, max: 220K}", "m1: {level: m1, min: 140K, max: 180K}"),
                    "low.yaml")
    _, report = check(low, "--audience", "hr")
    assert sorted((f["code"], f["subject"], f["message"]) for f in report["findings"]) == [
        ("band-gap", "m1->m2", "M1 Engineering Manager → M2 Director of Engineering (ladder Management): gap of "
                               "20,000 between Engineering Manager (max 180,000) and Director of Engineering (min "
                               "200,000): a promotion jumps past pay no band covers"),
        ("band-inversion", "ic4->m1", "IC4 Staff Engineer → M1 Engineering Manager (transition): Engineering "
                                      "Manager midpoint 160,000 is not above Staff Engineer midpoint 170,000"),
    ]


# --- 2. accepted findings ------------------------------------------------------------------------------------------

def test_an_accepted_finding_is_listed_with_its_reason_and_counts_as_no_warning(write_org):
    path = write_org(ORG + ACCEPT)
    accept_at = f"{path}:{line_of(ORG + ACCEPT, '- check: band-overlap')}:7"
    code, report = check(path, "--audience", "hr", "--strict")
    assert code == 0  # --strict fails on warnings; an accepted finding is none
    assert report["findings"] == [] and report["warnings"] == 0 and report["errors"] == 0
    (accepted,) = report["accepted"]
    assert (accepted["code"], accepted["message"], accepted["subject"]) == ("band-overlap", OVERLAP, "ic4->m1")
    assert (accepted["severity"], accepted["reason"], accepted["accepted_at"]) == ("accepted", REASON, accept_at)

    text = invoke_cli("check", "--audience", "hr", "--strict", path)
    assert text.exit_code == 0
    lines = text.stdout.splitlines()
    assert lines[0] == f"{report['id']}: 0 errors, 0 warnings, 1 accepted"
    assert lines[1] == "  Accepted:"
    assert lines[2] == f"    {path}:{line_of(ORG, 'm1: {level: m1')}:9: accepted: {OVERLAP} [band-overlap]"
    assert lines[-1] == f"      reason: {REASON} (accepted at {accept_at})"


def test_without_the_acceptance_strict_fails_on_the_same_finding(write_org):
    code, report = check(write_org(ORG), "--audience", "hr", "--strict")
    assert code == 1 and report["warnings"] == 1


def test_an_accepted_pay_finding_stays_out_of_all_hands(write_org):
    path = write_org(ORG + ACCEPT)
    _, report = check(path)  # all-hands, the default
    assert report["findings"] == [] and report["accepted"] == []
    text = invoke_cli("check", path)
    assert REASON not in text.output and "ic4->m1" not in text.output


def test_an_accept_that_matches_nothing_is_a_warning_at_its_entry(write_org):
    data = ORG + ACCEPT.replace("subject: ic4->m1", "subject: ic3->ic4")
    path = write_org(data)
    _, report = check(path, "--audience", "hr")
    unused = [f for f in report["findings"] if f["code"] == "accept-unused"]
    assert [(f["line"], f["column"], f["severity"]) for f in unused] == [(line_of(data, "- check: band-overlap"), 7,
                                                                          "warning")]
    assert "band-overlap finding about 'ic3->ic4'" in unused[0]["message"]
    # the overlap it does not accept is still a warning
    assert [f["code"] for f in report["findings"]] == ["band-overlap", "accept-unused"]


def test_an_unknown_check_code_in_accept_is_a_located_input_error(write_org):
    data = ORG + ACCEPT.replace("check: band-overlap", "check: band-overlaps")
    path = write_org(data)
    result = invoke_cli("check", path)
    assert result.exit_code == 2
    line = line_of(data, "- check: band-overlaps")
    assert f"{path}:{line}:14: error: unknown check 'band-overlaps'; did you mean 'band-overlap'?" in result.output


def test_a_non_pay_finding_accepted_is_listed_for_all_hands_too(write_org):
    # Product Designer gets a position: it has no band (role-no-band) and is on no ladder (role-no-ladder)
    data = ORG + "  - {id: design, role: designer, reports_to: dir}\n" + """\
policies:
  accept:
    - {check: role-no-band, subject: designer, reason: Designers are contractors paid by the day}
"""
    code, report = check(write_org(data))
    assert code == 0
    assert [f["code"] for f in report["findings"]] == ["role-no-ladder"]
    assert [(f["code"], f["subject"], f["reason"]) for f in report["accepted"]] == [
        ("role-no-band", "designer", "Designers are contractors paid by the day")]


# --- 3. bands and ladder documents ---------------------------------------------------------------------------------

class _Cells(HTMLParser):
    """Text of every <td> of the bands table, the items of the roles-without-band list, and each .code span."""

    def __init__(self):
        super().__init__()
        self.cells: list[str] = []
        self.without: list[str] = []
        self.codes: list[str] = []
        self._where: list[str] = []
        self._in_without = False

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        if tag == "ul" and "without-band" in cls:
            self._in_without = True
        if tag in ("td", "li", "span"):
            self._where.append(tag + ("code" if "code" in cls.split() else ""))
            if tag == "td":
                self.cells.append("")
            if tag == "li" and self._in_without:
                self.without.append("")
            if "code" in cls.split():
                self.codes.append("")

    def handle_endtag(self, tag):
        if tag == "ul":
            self._in_without = False
        if tag in ("td", "li", "span") and self._where:
            self._where.pop()

    def handle_data(self, data):
        if "td" in self._where:
            self.cells[-1] += data
        if "li" in self._where and self._in_without:
            self.without[-1] += data
        if "spancode" in self._where:
            self.codes[-1] += data


@pytest.fixture
def bands_built(write_org, tmp_path):
    path = write_org(ORG + ACCEPT)
    out = tmp_path / "out"
    result = invoke_cli("bands", path, "--audience", "hr", "--out-dir", out)
    assert result.exit_code == 0, result.output
    [html] = list(out.rglob("bands.html"))
    return html


def test_bands_html_shows_the_note_codes_roles_without_a_band_and_the_accepted_finding(bands_built):
    page = bands_built.read_text(encoding="utf-8")
    cells = _Cells()
    cells.feed(page)
    first = next(c for c in cells.cells if c.startswith("Engineer"))
    assert "IC2" in first and "Entry band reviewed every spring" in first
    assert cells.codes[:5] == ["IC2", "IC3", "IC4", "M1", "M2"]
    # Product Designer has no level, no band and no position
    assert [re.sub(r"\s+", " ", w).strip() for w in cells.without] == [
        "Product Designer: in the catalog, no positions"]
    assert f"{OVERLAP} — accepted: {REASON}" in re.sub(r"\s+", " ", page.replace("&gt;", ">"))


def test_bands_pdf_text_has_the_note_and_the_roles_without_a_band(bands_built):
    [pdf] = list(bands_built.parent.glob("bands.pdf"))
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    text = re.sub(r"\s+", " ", text)
    assert "Entry band reviewed every spring" in text
    assert "Roles without a band" in text and "Product Designer" in text
    assert "IC4" in text and "M1" in text


def test_a_role_with_seats_and_no_band_is_listed_with_its_seats(write_org, tmp_path):
    data = ORG + "  - {id: design, role: designer, count: 2, reports_to: dir}\n"
    out = tmp_path / "out"
    assert invoke_cli("bands", write_org(data), "--audience", "hr", "--out-dir", out).exit_code == 0
    cells = _Cells()
    cells.feed(next(out.rglob("bands.html")).read_text(encoding="utf-8"))
    assert [re.sub(r"\s+", " ", w).strip() for w in cells.without] == ["Product Designer: 2 seats"]


def test_ladder_html_shows_level_codes(write_org, tmp_path):
    out = tmp_path / "out"
    result = invoke_cli("ladder", write_org(ORG), "--out-dir", out)
    assert result.exit_code == 0, result.output
    cells = _Cells()
    cells.feed(next(out.rglob("ladder.html")).read_text(encoding="utf-8"))
    # the steps' level cells: code, then level name
    assert [re.sub(r"\s+", " ", c).strip() for c in cells.cells if re.match(r"\s*(IC|M)\d ", c)] == [
        "IC2 Engineer", "IC3 Senior", "IC4 Staff", "M1 Manager", "M2 Director"]


# --- 4. a group at several levels ----------------------------------------------------------------------------------

def payroll(path: Path) -> dict:
    result = invoke_cli("stats", "--json", "--audience", "hr", path)
    assert result.exit_code == 0, result.output
    (numbers,) = json.loads(result.stdout)
    return numbers["payroll"]


def test_a_group_at_three_levels_is_priced_at_each_levels_band(write_org):
    pay = payroll(write_org(ORG))
    # the group: 2 × 105K (IC2) + 3 × 135K (IC3) + 1 × 170K (IC4) = 210K + 405K + 170K = 785K
    # the director 230K (M2), the manager 190K (M1): 785K + 230K + 190K = 1,205K
    assert pay["base"] == 1_205_000
    assert pay["priced_headcount"] == 8 and pay["unpriced_headcount"] == 0


def test_fte_zone_and_open_seats_of_a_group_at_several_levels(write_org):
    data = ORG.replace("compensation:\n", "compensation:\n  zones:\n    uk: {name: UK, factor: 1.2}\n").replace(
        "levels: {ic2: 2, ic3: 3, ic4: 1}, reports_to: em}",
        "levels: {ic2: 2, ic3: 3, ic4: 1}, fte: 0.5, zone: uk, open: 3, reports_to: em}")
    pay = payroll(write_org(data))
    # the group: 785K × 0.5 FTE × 1.2 zone = 471,000; plus 230K + 190K = 891,000
    assert pay["base"] == 891_000
    # 3 of the 6 seats are open, spread over the levels as the seats are: 471,000 × 3/6 = 235,500
    assert pay["open_seats_cost"] == 235_500


def test_a_level_without_a_band_leaves_the_group_unpriced(write_org):
    data = ORG.replace("    ic4: {level: ic4, min: 140K, max: 200K}\n", "").replace(
        "steps: [{role: swe}, {role: senior}, {role: staff}]", "steps: [{role: swe}, {role: senior}]").replace(
        "      - {from: staff, to: em}\n", "").replace("    transitions:\n", "")
    pay = payroll(write_org(data))
    assert pay["unpriced_positions"] == ["team"] and pay["base"] == 230_000 + 190_000


def test_seats_per_level_must_add_up_to_the_seats(write_org):
    data = ORG.replace("levels: {ic2: 2, ic3: 3, ic4: 1}", "levels: {ic2: 2, ic3: 3, ic4: 2}")
    path = write_org(data)
    result = invoke_cli("check", path)
    assert result.exit_code == 2
    assert "seats per level add up to 2 + 3 + 2 = 7, not the position's 6 seats" in result.output
    assert f"{path}:{line_of(data, 'id: team')}:" in result.output


def test_an_unknown_level_in_levels_is_a_located_error(write_org):
    data = ORG.replace("levels: {ic2: 2, ic3: 3, ic4: 1}", "levels: {ic2: 2, ic3: 3, ic9: 1}")
    path = write_org(data)
    result = invoke_cli("check", path)
    assert result.exit_code == 2
    line = line_of(data, "id: team")
    column = data.splitlines()[line - 1].index("ic9") + 1
    assert f"{path}:{line}:{column}: error: unknown level 'ic9'" in result.output


def test_the_chart_box_of_a_group_at_several_levels_names_the_range(load_org):
    from ruamel.yaml import YAML

    from orgdocs.chart.options import ChartOptions
    from orgdocs.chart.scene import build_scene

    item = load_org(YAML(typ="safe", pure=True).load(ORG))
    boxes = build_scene(item.analysis, ChartOptions()).boxes
    assert boxes["team"].title == "Software Engineer (IC2–IC4)" and boxes["team"].badge == "×6"
    assert boxes["em"].title == "Engineering Manager"


def test_the_chart_svg_shows_the_range(write_org, tmp_path):
    import xml.etree.ElementTree as ET

    out = tmp_path / "chart.svg"
    assert invoke_cli("chart", write_org(ORG), "-o", out).exit_code == 0
    texts = " ".join(t.strip() for el in ET.parse(out).iter() if el.tag.endswith("text")
                     for t in el.itertext() if t.strip())
    assert "(IC2–IC4)" in texts and "Software Engineer" in texts


# --- the leak scan passes on every audience's tree, and only hr holds the accepted pay finding ---------------------

def test_build_all_audiences_passes_the_leak_scan_and_keeps_the_acceptance_to_hr(write_org, tmp_path):
    out = tmp_path / "site"
    result = invoke_cli("build", write_org(ORG + ACCEPT), "--audience", "all", "--out-dir", out)
    assert result.exit_code == 0, result.output
    for audience in ("all-hands", "public"):
        for f in (out / audience).rglob("*"):
            if f.suffix in (".html", ".json", ".txt", ".csv", ".svg"):
                body = f.read_text(encoding="utf-8")
                assert REASON not in body and "ic4->m1" not in body, f
    hr = json.loads(next((out / "hr").rglob("check.json")).read_text(encoding="utf-8"))
    assert [a["reason"] for a in hr["accepted"]] == [REASON]


def test_headcount_by_level_counts_a_group_at_each_of_its_levels(write_org):
    data = ORG.replace("levels: {ic2: 2, ic3: 3, ic4: 1}, reports_to: em}",
                       "levels: {ic2: 2, ic3: 3, ic4: 1}, open: 3, fte: 0.5, reports_to: em}")
    result = invoke_cli("stats", "--json", write_org(data))
    (numbers,) = json.loads(result.stdout)
    rows = {r["key"]: (r["headcount"], r["open"], r["fte"]) for r in numbers["by_level"]}
    # seats as written; the 3 open seats shared as the seats are: 3 × 2/6 = 1, 3 × 3/6 = 1.5, 3 × 1/6 = 0.5;
    # 1 + 1 + 0 = 2 whole; the one left goes to the largest remainder, IC3 (0.5, written before IC4's 0.5): 1, 2, 0;
    # FTE 0.5 a seat: 1, 1.5, 0.5
    assert rows == {"m2": (1, 0, 1), "m1": (1, 0, 1), "ic4": (1, 0, 0.5), "ic3": (3, 2, 1.5), "ic2": (2, 1, 1)}
    assert sum(r[0] for r in rows.values()) == numbers["headcount"] == 8
