"""Importing again into the same org: position ids stay, exactly the joiners, leavers and moves made are
reported (also with --dry-run and in --report), hand-written files stay byte-identical, the role catalog is
used by title and `hris.role_map`, and pay reaches holders' salaries only (converted to annual)."""

from __future__ import annotations

from pathlib import Path

from orgdocs.commands import steps
from tests.conftest import invoke_cli

HEADER = "Employee #,First Name,Last Name,Job Title,Reporting to,Department,Work Email,Pay rate,Pay per\n"
FIRST = HEADER + """\
1001,Ana,Ruiz,CEO,,Executive,ana@acme.com,"200,000.00",Year
1002,Ben,Okafor,CTO,Ana Ruiz,Engineering,ben@acme.com,180000,Year
1003,Zoë,Brandt,Software Engineer,Ben Okafor,Engineering,zoe@acme.com,60,Hour
1004,Carl,Diaz,Sr. Engineer,Ben Okafor,Engineering,carl@acme.com,9000,Month
"""
# Carl leaves, Dee joins under Ben, Zoë moves to Ana (and into Executive), Ben's title changes
SECOND = HEADER + """\
1001,Ana,Ruiz,CEO,,Executive,ana@acme.com,"200,000.00",Year
1002,Ben,Okafor,VP Engineering,Ana Ruiz,Engineering,ben@acme.com,180000,Year
1003,Zoë,Brandt,Software Engineer,Ana Ruiz,Executive,zoe@acme.com,60,Hour
1005,Dee,Park,Software Engineer,Ben Okafor,Engineering,dee@acme.com,70000,Year
"""
CATALOG = """\
org:
  name: Acme
roles:
  swe: {title: software engineer}
  senior: {title: Senior Software Engineer}
  vpe: {title: VP Engineering}
hris:
  role_map: {Sr. Engineer: senior}
"""
POLICIES = "policies:\n  span: 1-8\n"


def org_folder(tmp_path: Path) -> Path:
    org = tmp_path / "org"
    org.mkdir()
    (org / "org.yaml").write_text(CATALOG, encoding="utf-8")
    (org / "policies.yaml").write_text(POLICIES, encoding="utf-8")
    return org


def test_reimport_reports_exactly_the_joiners_leavers_and_moves(tmp_path):
    org = org_folder(tmp_path)
    hand = {p.name: p.read_bytes() for p in org.iterdir()}
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    r = invoke_cli("import", first, "--into", org)
    assert r.exit_code == 0, r.stderr
    before = steps.load_one(str(org)).org
    assert [p.id for p in before.positions] == ["1001", "1002", "1003", "1004"]
    pos = {p.id: p for p in before.positions}
    # roles: by title (case-insensitive) and by hris.role_map (hand-written); stubs for the rest
    assert (pos["1003"].role, pos["1003"].title) == ("swe", "Software Engineer")
    assert (pos["1004"].role, pos["1004"].title) == ("senior", "Sr. Engineer")
    assert (pos["1001"].role, pos["1002"].role) == ("ceo", "cto")
    # pay: annual, 60/hour × 2,080 hours = 124,800; 9,000/month × 12 = 108,000
    salaries = {p.id: p.holders[0].salary for p in before.positions}
    assert salaries == {"1001": 200_000, "1002": 180_000, "1003": 124_800, "1004": 108_000}

    dry = invoke_cli("import", second, "--into", org, "--dry-run", "--report", tmp_path / "changes.md")
    assert dry.exit_code == 0, dry.stderr
    after_dry = steps.load_one(str(org)).org
    assert after_dry == before  # a dry run writes nothing
    expected = [
        "changes since the last import: joiners 1, leavers 1, moves 1, title changes 1, unit changes 1",
        "Joiners (1):",
        "  Dee Park (Software Engineer), under Ben Okafor (VP Engineering)",
        "Leavers (1):",
        "  Carl Diaz (Sr. Engineer), was under Ben Okafor (CTO)",
        "Moves (1):",
        "  Zoë Brandt (Software Engineer): from under Ben Okafor (CTO) to under Ana Ruiz (CEO)",
        "Title changes (1):",
        "  Ben Okafor (VP Engineering): CTO → VP Engineering",
        "Unit changes (1):",
        "  Zoë Brandt (Software Engineer): Engineering → Executive",
    ]
    lines = dry.stdout.splitlines()
    start = lines.index(expected[0])
    assert lines[start:start + len(expected)] == expected
    report = (tmp_path / "changes.md").read_text(encoding="utf-8")
    assert "## Joiners (1)\n\n- Dee Park (Software Engineer), under Ben Okafor (VP Engineering)\n" in report
    assert "## Leavers (1)\n\n- Carl Diaz (Sr. Engineer), was under Ben Okafor (CTO)\n" in report

    r = invoke_cli("import", second, "--into", org)
    assert r.exit_code == 0 and "Joiners (1):" in r.stdout
    after = steps.load_one(str(org)).org
    # ids kept by employee id; the newcomer gets its own; Ben's new title is a catalog role
    assert [p.id for p in after.positions] == ["1001", "1002", "1003", "1005"]
    assert {p.id: p.reports_to for p in after.positions} == {"1001": None, "1002": "1001", "1003": "1001",
                                                             "1005": "1002"}
    assert {p.id: p.role for p in after.positions}["1002"] == "vpe"
    # the hand-written files are byte-identical, and nothing else appeared but the generated file
    assert {p.name: p.read_bytes() for p in org.iterdir() if p.name in hand} == hand
    assert sorted(p.name for p in org.iterdir()) == [".orgdocs-files", "org.yaml", "people.yaml", "policies.yaml"]
    again = invoke_cli("import", second, "--into", org)
    assert "changes since the last import: no changes" in again.stdout


def test_the_generated_file_is_marked_deterministic_and_keeps_the_settings(tmp_path):
    org = org_folder(tmp_path)
    first = tmp_path / "first.csv"
    first.write_text(FIRST, encoding="utf-8")
    invoke_cli("import", first, "--into", org, "--no-pay", "-q")
    text = (org / "people.yaml").read_text(encoding="utf-8")
    assert text.startswith("# generated by orgdocs import from first.csv: do not edit; run orgdocs import again.\n")
    # role_map is hand-written, so it is read from org.yaml and not repeated here
    assert "hris: {pay: false, preset: bamboohr}\n" in text
    assert "salary" not in text
    invoke_cli("import", first, "--into", org, "-q")  # pay: false is kept from the last run
    assert (org / "people.yaml").read_text(encoding="utf-8") == text


def test_a_new_folder_gets_a_starter_org_and_a_chart_reads_it(tmp_path):
    first = tmp_path / "first.csv"
    first.write_text(FIRST, encoding="utf-8")
    r = invoke_cli("import", first, "--into", tmp_path / "acme", "--name", "Acme Inc")
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "acme" / "org.yaml").read_text(encoding="utf-8").endswith("org: {name: Acme Inc}\n")
    check = invoke_cli("check", tmp_path / "acme")
    assert check.exit_code == 0 and "0 errors" in check.stdout
    stats = invoke_cli("stats", tmp_path / "acme", "-f", "json")
    import json

    numbers = json.loads(stats.stdout)[0]
    assert (numbers["headcount"], numbers["managers"], numbers["layers"]) == (4, 2, 3)


def test_group_identical_folds_seats_with_the_same_title_and_manager(tmp_path):
    rows = HEADER + "".join(
        f"{2000 + i},P{i},Agent,Support Agent,Ana Ruiz,Support,p{i}@acme.com,,\n" for i in range(5))
    path = tmp_path / "agents.csv"
    path.write_text(HEADER.splitlines()[0] + "\n" + FIRST.splitlines()[1] + "\n" + rows.split("\n", 1)[1],
                    encoding="utf-8")
    invoke_cli("import", path, "--into", tmp_path / "org", "--group-identical", "-q")
    org = steps.load_one(str(tmp_path / "org")).org
    assert len(org.positions) == 2
    group = org.positions[1]
    assert (group.id, group.count, group.reports_to) == ("support-agent-1001", 5, "1001")
    assert group.holder_names() == [f"P{i} Agent" for i in range(5)]
