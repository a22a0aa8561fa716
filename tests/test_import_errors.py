"""Bad HRIS exports: every problem at once, each located as file:row:column (Column Name) with its exact message,
exit 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgdocs.commands import import_
from orgdocs.errors import EXIT_BAD_INPUT
from orgdocs.problems import OrgInputError

BAD = """\
Employee ID,Full Name,Job Title,Manager,Work Email,FTE,Hire Date
1,Ana Ruiz,CEO,,ana@acme.com,1,2019-01-15
2,Ben Okafor,CTO,Ana Ruiz,ben@acme.com,1.5,2019-02-30
2,Cid Moss,,Ana Ruiz,BEN@acme.com,0.5,2020-01-01
4,Dee Park,Engineer,Nobody Here,dee@acme.com,1,
5,Eve Lin,Engineer,Eve Lin,eve@acme.com,1,
6,Sam Lee,Engineer,Sam Lee Two,sam@acme.com,1,
7,Sam Lee Two,Engineer,Sam Lee,sam2@acme.com,1,
8,Kim Ho,Engineer,Ana Ruiz,kim@acme.com,1,
9,Kim Ho,Engineer,Ana Ruiz,kim2@acme.com,1,
10,Lou Ma,Engineer,Kim Ho,lou@acme.com,abc,
"""


def problems_of(path: Path, into: Path | None = None, **kw) -> list[str]:
    with pytest.raises(OrgInputError) as info:
        import_.run(import_.Options(file=path, into=into, **kw))
    assert info.value.exit_code == EXIT_BAD_INPUT
    return [p.format() for p in info.value.problems]


def test_every_problem_at_once_located_by_row_and_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD, encoding="utf-8")
    f = str(path)
    assert problems_of(path, tmp_path / "org") == [
        f"{f}:3:6 (FTE): error: FTE '1.5' is not above 0 and at most 1 (write 0.8 or 80%) [bad-fte]",
        f"{f}:3:7 (Hire Date): error: not a date: '2019-02-30' (day is out of range for month) [bad-hire-date]",
        f"{f}:4:1 (Employee ID): error: employee id '2' is also on row 3 [duplicate-employee-id]",
        f"{f}:4:3 (Job Title): error: no title [no-title]",
        f"{f}:4:5 (Work Email): error: email 'BEN@acme.com' is also on row 3 [duplicate-email]",
        f"{f}:5:4 (Manager): error: manager 'Nobody Here': no row has this name [manager-not-found]",
        f"{f}:6:4 (Manager): error: Eve Lin reports to themself ('Eve Lin') [self-report]",
        f"{f}:7:4 (Manager): error: reporting cycle: Sam Lee (row 7) → Sam Lee Two (row 8) → Sam Lee (row 7) "
        "[reporting-cycle]",
        f"{f}:11:4 (Manager): error: manager 'Kim Ho' is ambiguous: 2 rows have this name: row 9 (Kim Ho, "
        "Engineer), row 10 (Kim Ho, Engineer) [ambiguous-manager]",
        f"{f}:11:6 (FTE): error: not a number: 'abc' [bad-fte]",
    ]
    assert not (tmp_path / "org").exists()  # nothing written, not even the folder


def test_several_roots_are_a_warning_each_a_root(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Name,Title,Manager\nAna Ruiz,CEO,\nBen Okafor,CFO,\nCid Moss,Analyst,Ben Okafor\n",
                    encoding="utf-8")
    result = import_.run(import_.Options(file=path, into=tmp_path / "org"))
    assert result.messages == [
        f"{path}:2:3 (Manager): warning: Ana Ruiz (row 2) has no manager in the file: one of 2 roots "
        "[several-roots]",
        f"{path}:3:3 (Manager): warning: Ben Okafor (row 3) has no manager in the file: one of 2 roots "
        "[several-roots]",
    ]
    assert (tmp_path / "org" / "people.yaml").is_file()


def test_a_missing_title_column_and_a_map_to_nowhere(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Name,Boss\nAna Ruiz,\n", encoding="utf-8")
    assert problems_of(path, map=("Chef=manager_name", "Boss=supervisor")) == [
        f"{path}: error: --map Boss=supervisor: no field 'supervisor'; the fields are position_id, employee_id, "
        "employee_number, name, first_name, last_name, preferred_name, email, title, role, manager_id, "
        "manager_email, manager_name, manager_position_id, dotted_line, division, department, team, unit, "
        "unit_parent, location, workforce, fte, weekly_hours, hire_date, level, photo_url, pay_rate, pay_period, "
        "salary, currency, open, kind, seat_level, position_fte, unit_name, manager_external, dotted_line_external, "
        "dn, manager_dn, ignore [bad-map]",
        f"{path}: error: --map Chef=manager_name: the header has no column 'Chef' [bad-map]",
        f"{path}:1:1: error: no column holds job titles (e.g. Job Title); name one with --map COLUMN=title "
        "[missing-column]",
    ]


def test_manager_ids_need_an_id_column(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Name,Title,Manager ID\nAna Ruiz,CEO,\n", encoding="utf-8")
    assert problems_of(path) == [
        f"{path}:1:3 (Manager ID): error: Manager ID names managers by employee id but no column holds them; "
        "name it with --map COLUMN=employee_id [missing-column]"]


def test_names_pay_dotted_lines_and_characters(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(
        "Employee ID,Name,Title,Manager ID,Dotted-line manager,Pay Rate,Pay Period,Currency,Employment Type\n"
        "1,Ana Ruiz,CEO,,,200000,Year,USD,Full-Time\n"
        "2,,CTO,1,,180000,Fortnightly-ish,USD,Full-Time\n"
        "3,Cid\u202eMoss,Engineer,1,99,50000,Year,EUR,Robot\n"
        "4,Dee Park,Engineer,1,4,lots,Year,USD,Full-Time\n", encoding="utf-8")
    assert problems_of(path) == [
        f"{path}:3:2 (Name): error: no name (a row without a name is an open seat only with open: true) [no-name]",
        f"{path}:3:7 (Pay Period): error: not a pay period: 'Fortnightly-ish' (write hour, day, week, month or "
        "year) [bad-pay-period]",
        f"{path}:4:2 (Name): error: bidi control character U+202E (RIGHT-TO-LEFT OVERRIDE) in text [bad-character]",
        f"{path}:4:5 (Dotted-line manager): error: dotted-line manager '99': no row has this name "
        "[manager-not-found]",
        f"{path}:4:8 (Currency): error: pay in EUR but the org's currency is USD; convert it in the HRIS export or "
        "give the org that currency [pay-currency]",
        f"{path}:4:9 (Employment Type): warning: employment type 'Robot' is not one orgdocs knows; taken as "
        "employee (--map the column to ignore, or fix the value) [unknown-workforce]",
        f"{path}:5:5 (Dotted-line manager): error: a dotted line from Dee Park to themself ('4') [self-report]",
        f"{path}:5:6 (Pay Rate): error: not an amount: 'lots' [bad-pay-rate]",
    ]
    # --no-pay drops the pay columns, and with them their problems
    assert [p.rsplit("[", 1)[1] for p in problems_of(path, pay=False)] == [
        "no-name]", "bad-character]", "manager-not-found]", "unknown-workforce]", "self-report]"]


def test_unreadable_tables(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert problems_of(empty) == [f"{empty}: error: the file is empty: no header row [empty-table]"]
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("Name,Title\nAna Ruiz,CEO,extra\n", encoding="utf-8")
    assert problems_of(ragged) == [f"{ragged}:2:3: error: 3 cells but the header has 2 columns [ragged-row]"]
    doc = tmp_path / "x.json"
    doc.write_text('{"users": []}', encoding="utf-8")
    assert problems_of(doc)[0].endswith("[json-shape]")
    broken = tmp_path / "y.json"
    broken.write_text('[{"a": 1},\n {"b": }]', encoding="utf-8")
    assert problems_of(broken) == [f"{broken}:2:8: error: JSON syntax: Expecting value [json-syntax]"]
    other = tmp_path / "x.docx"
    other.write_bytes(b"PK")
    assert problems_of(other)[0].endswith("name a .csv, .tsv, .txt, .xlsx, .json or .ldif file [unknown-format]")


def test_a_hand_written_people_yaml_is_never_overwritten(tmp_path):
    org = tmp_path / "org"
    org.mkdir()
    (org / "org.yaml").write_text("org: {name: Acme}\n", encoding="utf-8")
    (org / "people.yaml").write_text("positions: []\n", encoding="utf-8")
    path = tmp_path / "x.csv"
    path.write_text("Name,Title\nAna Ruiz,CEO\n", encoding="utf-8")
    from orgdocs.errors import UsageError

    with pytest.raises(UsageError, match="was not written by orgdocs import"):
        import_.run(import_.Options(file=path, into=org))
    assert (org / "people.yaml").read_text(encoding="utf-8") == "positions: []\n"


def test_roster_position_ids_must_be_ids(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("position_id,name,title,manager_position_id\nvp,Ana Ruiz,VP,\nteam lead!,Ben Okafor,Lead,vp\n",
                    encoding="utf-8")
    assert problems_of(path) == [
        f"{path}:3:1 (position_id): error: position id 'team lead!' is not an id (letters, digits, '.', '_' or '-', "
        "starting with a letter or digit) [bad-position-id]"]
