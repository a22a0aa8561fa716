"""Import reads XLSX (a workbook built here with openpyxl), CSV in UTF-16 and Windows-1252, and renders text
literally: names with quotes, '#', ': ', YAML words and newlines come back exactly from the generated YAML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from orgdocs.commands import import_, steps
from orgdocs.problems import OrgInputError
from orgdocs.render.yaml_text import dump
from orgdocs.source.reader import read_yaml

ROWS = [("1", "Zoë Ruiz", "CEO", ""), ("2", "Ben Okafor", "CTO", "1"), ("3", "Carl Diaz", "Engineer", "2")]


def imported(path: Path, tmp_path: Path, **kw):
    import_.run(import_.Options(file=path, into=tmp_path / "org", **kw))
    return steps.load_one(str(tmp_path / "org")).org


def test_xlsx_first_sheet_or_the_one_named(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["not the roster"])
    sheet = book.create_sheet("People")
    sheet.append(["Employee ID", "Name", "Job Title", "Manager ID", "Hire Date", "FTE"])
    for i, name, title, manager in ROWS:
        sheet.append([int(i), name, title, int(manager) if manager else None, dt.datetime(2021, 3, int(i)), 0.8])
    path = tmp_path / "people.xlsx"
    book.save(path)
    org = imported(path, tmp_path, sheet="People")
    assert [(p.id, p.holder_names(), p.reports_to, p.fte) for p in org.positions] == [
        ("1", ["Zoë Ruiz"], None, 0.8), ("2", ["Ben Okafor"], "1", 0.8), ("3", ["Carl Diaz"], "2", 0.8)]
    # a whole number read as 1.0 by Excel is the id 1; a date cell is an ISO date
    holder = org.positions[2].holders[0]  # a person's details are the holder's (issue 12)
    assert (holder.hire_date.isoformat(), holder.employee_id, org.positions[2].attributes) == ("2021-03-03", "3", {})
    with pytest.raises(OrgInputError, match="no column holds job titles"):
        import_.run(import_.Options(file=path))  # the first sheet has no roster
    with pytest.raises(OrgInputError, match="no sheet 'Staff'; the sheets are Notes, People"):
        import_.run(import_.Options(file=path, sheet="Staff"))


def _csv(rows=ROWS) -> str:
    return "Employee ID;Name;Job Title;Manager ID\r\n" + "".join(f"{';'.join(r)}\r\n" for r in rows)


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                           ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")])
def test_encodings_are_detected(tmp_path, encoding, bom):
    path = tmp_path / "x.csv"
    path.write_bytes(bom + _csv().encode(encoding))
    result = import_.run(import_.Options(file=path))
    assert result.info[0] == "read as CSV: " + {"utf-16-le": "utf-16", "utf-16-be": "utf-16", "utf-8": "utf-8-sig",
                                                 "cp1252": "cp1252"}[encoding] + ", semicolon-separated"
    assert imported(path, tmp_path).positions[0].holder_names() == ["Zoë Ruiz"]


def test_an_encoding_given_wins(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(_csv().encode("latin-1"))
    org = imported(path, tmp_path, encoding="latin-1")
    assert org.positions[0].holder_names() == ["Zoë Ruiz"]
    # the header line is 39 bytes (37 characters and CR LF), then "1;Zo": the ë is byte 39 + 4 + 1 = 44
    with pytest.raises(OrgInputError, match="byte 44 is not utf-8"):
        import_.run(import_.Options(file=path, encoding="utf-8"))


NASTY = ['Ana "The Boss" Ruiz', "Ben #1 Okafor", "Cid: the Second", "yes", "null", "2021-03-01", "- Dee",
         "Eve\nLin", "  Fay  Wu", "[Gus]", "{Hal}", "Ivo 'O'Neil", "@Jo", "100", "Kai & Lu *bold*"]


def test_text_round_trips_literally_through_the_generated_yaml(tmp_path):
    path = tmp_path / "x.csv"
    lines = ["Employee ID,Name,Job Title,Manager ID,Location"]
    for n, name in enumerate(NASTY, start=1):
        quoted = '"' + name.replace('"', '""') + '"'
        lines.append(f"{n},{quoted},{quoted} title,{'' if n == 1 else 1},{quoted}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    org = imported(path, tmp_path)
    stripped = [n.strip() for n in NASTY]  # cells are stripped; everything inside stays as written
    assert [p.holder_names()[0] for p in org.positions] == stripped
    assert [org.roles[p.role].title for p in org.positions] == [f"{n} title" for n in stripped]
    assert [p.attributes["location"] for p in org.positions] == stripped


def test_the_yaml_writer_reads_back_exactly():
    values = NASTY + ["Zoë", "李雷", "a\tb", "x\u2028y", "1e3", "0o17", "~", "on", "12:30", "", "ok  two", "trailing "]
    data = {"positions": [{"id": f"p{i}", "holders": [v, {"name": v, "salary": 85000.5}],
                           "attributes": {v or "k": v}} for i, v in enumerate(values)]}
    located, problems = read_yaml(dump(data, ["a comment"]), "x.yaml")
    assert problems == [] and located is not None and located.data == data
