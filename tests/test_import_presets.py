"""`orgdocs import` reads each HRIS's export in its own column style: the resulting org's positions, managers,
units, workforce types and dotted lines match the rows exactly (the org read back from the written files)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from orgdocs.commands import import_, steps

# (employee id, first, last, title, manager's employee id, department, employment type, dotted-line manager id)
PEOPLE = [
    ("101", "Ana", "Ruiz", "CEO", None, "Executive", "Full-Time", None),
    ("102", "Ben", "Okafor", "CTO", "101", "Engineering", "Full-Time", None),
    ("103", "Zoë", "Brandt", "Software Engineer", "102", "Engineering", "Full-Time", None),
    ("104", "Carl", "Diaz", "Software Engineer", "102", "Engineering", "Contractor", "101"),
]
BY_ID = {p[0]: p for p in PEOPLE}


def name(pid: str | None) -> str:
    return f"{BY_ID[pid][1]} {BY_ID[pid][2]}" if pid else ""


def email(pid: str | None) -> str:
    return f"{BY_ID[pid][1].lower().replace('ë', 'e')}@acme.com" if pid else ""


def write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def bamboohr(tmp: Path) -> Path:  # manager by name, employment status words
    return write_csv(tmp / "bamboo.csv",
                     ["Employee #", "First Name", "Last Name", "Job Title", "Reporting to", "Department",
                      "Work Email", "Employment Status", "Hire Date"],
                     [[i, f, la, t, name(m), d, email(i), e, "2020-01-06"] for i, f, la, t, m, d, e, _ in PEOPLE])


def hibob(tmp: Path) -> Path:  # manager by email, semicolon-separated
    return write_csv(tmp / "hibob.csv",
                     ["Employee ID", "Display name", "Email", "Job title", "Department", "Site", "Reports to email",
                      "Employment type"],
                     [[i, f"{f} {la}", email(i), t, d, "London", email(m), e] for i, f, la, t, m, d, e, _ in PEOPLE],
                     delimiter=";")


def rippling(tmp: Path) -> Path:  # manager by name, preferred first name
    return write_csv(tmp / "rippling.csv",
                     ["Employee ID", "Legal first name", "Legal last name", "Work email", "Title", "Department",
                      "Manager", "Employment type"],
                     [[i, f, la, email(i), t, d, name(m), "Salaried, full-time" if e == "Full-Time" else "Contractor"]
                      for i, f, la, t, m, d, e, _ in PEOPLE])


def personio(tmp: Path) -> Path:  # supervisor by name, an additional supervisor as a dotted line, tab-separated
    return write_csv(tmp / "personio.tsv",
                     ["ID", "First name", "Last name", "Email", "Position", "Department", "Supervisor",
                      "Additional supervisor 1", "Employment type", "Weekly working hours"],
                     [[i, f, la, email(i), t, d, name(m), name(dl), "internal" if e == "Full-Time" else "external",
                       "40"] for i, f, la, t, m, d, e, dl in PEOPLE], delimiter="\t")


def workday(tmp: Path) -> Path:  # manager by employee id, pipe-separated
    return write_csv(tmp / "workday.csv",
                     ["Employee ID", "Legal Name", "Business Title", "Supervisory Organization",
                      "Manager Employee ID", "Worker Type", "FTE", "Primary Work Email"],
                     [[i, f"{f} {la}", t, d, m or "", "Employee" if e == "Full-Time" else "Contingent Worker", "1",
                       email(i)] for i, f, la, t, m, d, e, _ in PEOPLE], delimiter="|")


def gusto(tmp: Path) -> Path:  # no employee id: ids from the email
    return write_csv(tmp / "gusto.csv",
                     ["First name", "Last name", "Work email", "Job title", "Department", "Manager",
                      "Employment type"],
                     [[f, la, email(i), t, d, name(m), "Salary/No overtime" if e == "Full-Time" else "Contractor"]
                      for i, f, la, t, m, d, e, _ in PEOPLE])


ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"


def scim(tmp: Path) -> Path:
    users = [{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE], "id": i, "userName": email(i),
              "name": {"givenName": f, "familyName": la}, "displayName": f"{f} {la}", "title": t,
              "userType": "Employee" if e == "Full-Time" else "Contractor",
              "emails": [{"value": f"home-{i}@example.org", "type": "home"},
                         {"value": email(i), "type": "work", "primary": True}],
              ENTERPRISE: {"department": d, **({"manager": {"value": m, "displayName": name(m)}} if m else {})}}
             for i, f, la, t, m, d, e, _ in PEOPLE]
    path = tmp / "scim.json"
    path.write_text(json.dumps({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
                                "totalResults": len(users), "Resources": users}), encoding="utf-8")
    return path


def graph(tmp: Path) -> Path:  # manager expanded for some, managerId for others
    users = []
    for n, (i, f, la, t, m, d, e, _) in enumerate(PEOPLE):
        user = {"id": i, "displayName": f"{f} {la}", "givenName": f, "surname": la, "mail": email(i),
                "jobTitle": t, "department": d, "employeeType": "Employee" if e == "Full-Time" else "Contractor"}
        if m and n % 2:
            user["manager"] = {"id": m, "displayName": name(m)}
        elif m:
            user["managerId"] = m
        users.append(user)
    path = tmp / "graph.json"
    path.write_text(json.dumps({"@odata.context": "https://graph/$metadata#users", "value": users}), encoding="utf-8")
    return path


PRESETS = {"bamboohr": bamboohr, "hibob": hibob, "rippling": rippling, "personio": personio, "workday": workday,
           "gusto": gusto, "scim": scim, "graph": graph}
DOTTED = {"personio"}  # the exports above that carry a dotted-line manager


def run_import(file: Path, into: Path, **kw) -> import_.Options:
    options = import_.Options(file=file, into=into, **kw)
    return import_.run(options)


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_each_preset_gives_the_rows_positions_managers_units(tmp_path, preset):
    export = PRESETS[preset](tmp_path)
    result = run_import(export, tmp_path / "org")
    assert f"preset: {preset} (detected" in "\n".join(result.info)
    org = steps.load_one(str(tmp_path / "org")).org
    by_holder = {p.holder_names()[0]: p for p in org.positions}
    assert sorted(by_holder) == sorted(name(i) for i in BY_ID)
    ids = {name(i): by_holder[name(i)].id for i in BY_ID}
    for _i, f, la, t, m, d, e, dl in PEOPLE:
        pos = by_holder[f"{f} {la}"]
        assert pos.reports_to == (ids[name(m)] if m else None), (preset, f)
        assert org.units[pos.unit].name == d
        assert org.roles[pos.role].title == t and pos.title is None
        assert pos.workforce == ("employee" if e == "Full-Time" else "contractor"), (preset, f, pos.workforce)
        want = [ids[name(dl)]] if dl and preset in DOTTED else []
        assert [x.other for x in pos.dotted_lines] == want
    # the lead of each unit: its one member whose manager is outside it
    leads = {u.name: u.lead for u in org.units.values()}
    assert leads == {"Executive": ids["Ana Ruiz"], "Engineering": ids["Ben Okafor"]}
    assert len(org.positions) == 4 and len(org.roles) == 3  # CEO, CTO, Software Engineer stubs


def test_ids_come_from_the_employee_id_else_the_email(tmp_path):
    run_import(bamboohr(tmp_path), tmp_path / "a")
    run_import(gusto(tmp_path), tmp_path / "b")
    assert [p.id for p in steps.load_one(str(tmp_path / "a")).org.positions] == ["101", "102", "103", "104"]
    assert [p.id for p in steps.load_one(str(tmp_path / "b")).org.positions] == ["ana", "ben", "zoe", "carl"]


def test_the_manager_key_is_detected_and_reported(tmp_path):
    said = {p: "\n".join(run_import(PRESETS[p](tmp_path), None).info) for p in ("bamboohr", "hibob", "workday")}
    assert "manager key: name (column Reporting to)" in said["bamboohr"]
    assert "manager key: email (column Reports to email)" in said["hibob"]
    assert "manager key: employee id (column Manager Employee ID)" in said["workday"]
    assert all("nothing written" in s for s in said.values())


def test_orgdocs_roster_columns_read_groups_open_seats_and_dotted_lines(tmp_path):
    """The columns `orgdocs export -f csv` writes: a group of N seats is N rows with one position_id."""
    header = ["position_id", "employee_id", "name", "email", "title", "role", "manager_position_id",
              "dotted_line_position_ids", "unit", "unit_parent", "location", "workforce", "fte", "open",
              "hire_date"]
    rows = [
        ["vp", "E1", "Ana Ruiz", "ana@acme.com", "VP Engineering", "", "", "", "Engineering", "", "Lisbon",
         "employee", "1", "false", "2019-01-15"],
        ["em", "E2", "Ben Okafor", "ben@acme.com", "Engineering Manager", "", "vp", "", "Platform", "Engineering",
         "Lisbon", "employee", "1", "false", "2020-02-01"],
        ["swe", "E3", "Zoë Brandt", "", "Software Engineer", "", "em", "vp", "Platform", "Engineering", "Berlin",
         "employee", "1", "false", ""],
        ["swe", "E4", "Carl Diaz", "", "Software Engineer", "", "em", "vp", "Platform", "Engineering", "Berlin",
         "employee", "1", "false", ""],
        ["swe", "", "", "", "Software Engineer", "", "em", "vp", "Platform", "Engineering", "Berlin", "employee",
         "1", "true", ""],
        ["sre", "", "", "", "Site Reliability Engineer", "", "em", "", "Platform", "Engineering", "", "contractor",
         "0.5", "true", ""],
    ]
    result = run_import(write_csv(tmp_path / "roster.csv", header, rows), tmp_path / "org")
    assert "preset: orgdocs (detected" in "\n".join(result.info)
    org = steps.load_one(str(tmp_path / "org")).org
    pos = {p.id: p for p in org.positions}
    assert list(pos) == ["vp", "em", "swe", "sre"]
    assert pos["swe"].holder_names() == ["Zoë Brandt", "Carl Diaz"]
    # 2 holders + 1 open row = 3 seats, 1 open
    assert (pos["swe"].seats, pos["swe"].open_seats) == (3, 1)
    assert [d.other for d in pos["swe"].dotted_lines] == ["vp"]
    assert (pos["sre"].open, pos["sre"].workforce, pos["sre"].fte) == (True, "contractor", 0.5)
    assert pos["em"].reports_to == "vp" and pos["swe"].reports_to == "em"
    assert org.units[pos["swe"].unit].name == "Platform"
    assert org.units[org.units[pos["swe"].unit].parent].name == "Engineering"
    # a person's details are the holder's (issue 12): each holder of a group carries their own
    assert pos["vp"].holders[0].hire_date == dt.date(2019, 1, 15) and "hire_date" not in pos["vp"].attributes
    assert [(h.employee_id, h.email) for h in pos["swe"].holders] == [("E3", None), ("E4", None)]
    assert "email" not in pos["swe"].attributes


def test_map_overrides_a_column(tmp_path):
    path = write_csv(tmp_path / "x.csv", ["Name", "Role title", "Boss"],
                     [["Ana Ruiz", "CEO", ""], ["Ben Okafor", "CTO", "Ana Ruiz"]])
    result = run_import(path, tmp_path / "org", map=("Role title=title", "Boss=manager_name"))
    assert "manager key: name (column Boss)" in "\n".join(result.info)
    org = steps.load_one(str(tmp_path / "org")).org
    assert [(p.holder_names(), p.reports_to) for p in org.positions] == [
        (["Ana Ruiz"], None), (["Ben Okafor"], "ana-ruiz")]
    people = (tmp_path / "org" / "people.yaml").read_text(encoding="utf-8")
    assert "hris:\n  map: {Role title: title, Boss: manager_name}\n" in people
