"""How an HRIS export maps onto the org: the `hris:` section (the settings `orgdocs import` used, kept so a
re-import is reproducible) and the alias table of column names, with one preset per HRIS. Data, not code: the
importer reads these tables and nothing else to know what a column means."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from orgdocs.model.common import Id, Name, Strict

# What a column can mean. `dotted_line` may be several columns (Personio's additional supervisors 1-5).
FIELDS: dict[str, str] = {
    "position_id": "the position's id (the orgdocs roster export); several rows may share it (a group)",
    "employee_id": "the person's id in the HRIS, which manager ids refer to (kept on the holder)",
    "employee_number": "a second id, the holder's employee_id when there is no other (SCIM employeeNumber)",
    "name": "full name",
    "first_name": "first (given) name",
    "last_name": "last (family) name",
    "preferred_name": "preferred first name, used instead of the first name",
    "email": "work email (kept on the holder)",
    "title": "job title",
    "role": "role id of the orgdocs catalog",
    "manager_id": "the manager's employee id",
    "manager_email": "the manager's email",
    "manager_name": "the manager's full name",
    "manager_position_id": "the manager's position id (the orgdocs roster export)",
    "dotted_line": "dotted-line managers: ids, emails or names, several separated by ';'",
    "division": "division (the top unit)",
    "department": "department (a unit, inside the division)",
    "team": "team (a unit, inside the department)",
    "unit": "unit name (the orgdocs roster export)",
    "unit_parent": "the unit's parent unit (the orgdocs roster export)",
    "location": "office, site or city",
    "workforce": "employment or worker type: employee, contractor, vendor or intern (words like Full-Time, "
                 "Contingent Worker, Freelance are recognised)",
    "fte": "full-time equivalent, 0-1 (or a percentage: 80%)",
    "weekly_hours": "contracted hours a week, divided by `hris.hours_per_week` for the FTE",
    "hire_date": "hire or start date (kept on the holder)",
    "level": "level or grade, kept as the `level` attribute",
    "photo_url": "photo URL: read, not kept (a person's photo is not an attribute of the seat)",
    "pay_rate": "pay rate, for the period in `pay_period` (annual when there is none)",
    "pay_period": "the pay rate's period: hour, day, week, month, year",
    "salary": "annual base salary",
    "currency": "the pay's currency; must be the org's",
    "open": "true for an open seat (the orgdocs roster export)",
    # the orgdocs roster export's round-trip columns: what its person rows alone cannot say about their position
    "kind": "the position's kind: manager, ic, staff or co-head (the orgdocs roster export)",
    "seat_level": "the seat's level when a group's seats sit at several levels (the orgdocs roster export)",
    "position_fte": "each seat's FTE when a person's own FTE differs (the orgdocs roster export)",
    "unit_name": "the unit's name when the unit column holds its id (the orgdocs roster export)",
    "manager_external": "the external (outside the org) the position reports to (the orgdocs roster export)",
    "dotted_line_external": "externals the position has dotted lines to, ';' between (the orgdocs roster export)",
    "dn": "the entry's distinguished name (LDIF), which manager DNs name",
    "manager_dn": "the manager's distinguished name (LDIF manager:)",
    "ignore": "a column to leave out",
}

FieldName = Literal[
    "position_id", "employee_id", "employee_number", "name", "first_name", "last_name", "preferred_name", "email",
    "title", "role", "manager_id", "manager_email", "manager_name", "manager_position_id", "dotted_line", "division",
    "department", "team", "unit", "unit_parent", "location", "workforce", "fte", "weekly_hours", "hire_date", "level",
    "photo_url", "pay_rate", "pay_period", "salary", "currency", "open", "kind", "seat_level", "position_fte",
    "unit_name", "manager_external", "dotted_line_external", "dn", "manager_dn", "ignore",
]


def normalise(column: str) -> str:
    """A column name as the alias table spells it: SCIM's extension prefix dropped, '#' read as 'number',
    lower case, letters and digits only ("Manager - Work email" → managerworkemail)."""
    if column.lower().startswith("urn:") and ":user." in column.lower():
        column = column[column.lower().rindex(":user.") + 6:]
    return re.sub(r"[^a-z0-9]", "", column.lower().replace("#", "number"))


def _aliases(table: dict[str, str]) -> dict[str, str]:
    return {normalise(alias): f for f, aliases in table.items() for alias in aliases.split("|")}


# Column names by field, across HRIS (compared after `normalise`).
ALIASES: dict[str, str] = _aliases({
    "position_id": "position id|position_id|parent position id",
    "employee_id": "employee id|employee number|employee #|emp id|worker id|person id|staff id|eid|id|"
                   "employee_id|personnel number",
    "employee_number": "employeeNumber",
    "name": "name|full name|employee name|employee|worker|legal name|display name|displayName|name.formatted",
    "first_name": "first name|given name|givenName|legal first name|forename|name.givenName",
    "last_name": "last name|surname|family name|legal last name|familyName|name.familyName",
    "preferred_name": "preferred name|preferred first name|nickname",
    "email": "email|work email|email address|mail|primary work email|business email|emails.value|emails|"
             "work email address",
    "title": "title|job title|business title|position|position title|jobTitle|job",
    "role": "role",
    "manager_id": "manager id|supervisor id|boss id|manager employee id|manager number|supervisor eid|"
                  "supervisorEId|parentId|parent id|reports to id|managerId|manager.id|manager.value|"
                  "line manager id|reports to employee id|manager_id",
    "manager_email": "manager email|manager - work email|manager work email|supervisor email|supervisorEmail|"
                     "reports to email|line manager email|manager.mail|manager email address",
    "manager_name": "manager|manager name|supervisor|supervisor name|reports to|reporting to|line manager|boss|"
                    "manager.displayName|manager full name",
    "manager_position_id": "manager position id|manager_position_id|reports to position",
    "dotted_line": "dotted line|dotted-line manager|dotted line manager|dotted_line_manager|dotted-line managers|"
                   "dotted_line_position_ids|matrix manager|secondary manager|additional supervisor|"
                   "additional supervisor 1|additional supervisor 2|additional supervisor 3|"
                   "additional supervisor 4|additional supervisor 5",
    "division": "division|business unit",
    "department": "department|dept|department name|supervisory organization|organization",
    "team": "team|sub team|squad",
    "unit": "unit|org unit",
    "unit_parent": "unit parent|unit_parent|parent unit",
    "location": "location|office|site|work location|officeLocation|city|work site|addresses.locality",
    "workforce": "employment type|worker type|employee type|employmentType|employment status|contract type|"
                 "userType|workforce|worker category|employeeType",
    "fte": "fte|full time equivalent|fte %",
    "weekly_hours": "weekly hours|hours per week|scheduled weekly hours|weekly working hours|standard hours",
    "hire_date": "hire date|start date|date of hire|original hire date|employeeHireDate|joining date|hire_date|"
                 "join date",
    "level": "level|grade|job level|management level|pay grade",
    "photo_url": "photo url|photo|photos.value|avatar|picture url|profile picture",
    "pay_rate": "pay rate|rate|base pay|compensation|pay|fixed salary|base salary amount",
    "pay_period": "pay per|pay period|rate per|per|salary pay period|pay rate period|compensation period|"
                  "pay_period",
    "salary": "salary|annual salary|base salary|total base pay annualized|annual base salary",
    "currency": "currency|pay currency|salary currency",
    "open": "open",
})

# Each HRIS's own column names (as its exports spell them). A preset is detected from the header when not given:
# the one whose columns the header has most of (at least three).
PRESETS: dict[str, dict[str, str]] = {
    "bamboohr": {
        "Employee #": "employee_id", "First Name": "first_name", "Last Name": "last_name",
        "Preferred Name": "preferred_name", "Job Title": "title", "Reporting to": "manager_name",
        "Department": "department", "Division": "division", "Location": "location", "Work Email": "email",
        "Employment Status": "workforce", "Hire Date": "hire_date", "Pay rate": "pay_rate", "Pay per": "pay_period",
        "Supervisor EID": "manager_id", "Supervisor Email": "manager_email",
    },
    "hibob": {
        "Employee ID": "employee_id", "Display name": "name", "First name": "first_name", "Last name": "last_name",
        "Email": "email", "Job title": "title", "Department": "department", "Division": "division",
        "Site": "location", "Reports to": "manager_name", "Reports to email": "manager_email",
        "Employment type": "workforce", "Start date": "hire_date", "Base salary": "pay_rate",
        "Salary pay period": "pay_period", "Grade": "level",
    },
    "rippling": {
        "Employee ID": "employee_id", "Legal first name": "first_name", "Legal last name": "last_name",
        "Preferred first name": "preferred_name", "Work email": "email", "Title": "title",
        "Department": "department", "Work location": "location", "Manager": "manager_name",
        "Manager email": "manager_email", "Employment type": "workforce", "Start date": "hire_date",
        "Annual salary": "salary", "Level": "level",
    },
    "personio": {
        "ID": "employee_id", "First name": "first_name", "Last name": "last_name", "Email": "email",
        "Position": "title", "Department": "department", "Team": "team", "Office": "location",
        "Supervisor": "manager_name", "Employment type": "workforce", "Weekly working hours": "weekly_hours",
        "Hire date": "hire_date", "Fixed salary": "pay_rate", "Salary interval": "pay_period",
        "Additional supervisor 1": "dotted_line", "Additional supervisor 2": "dotted_line",
        "Additional supervisor 3": "dotted_line", "Additional supervisor 4": "dotted_line",
        "Additional supervisor 5": "dotted_line",
    },
    "workday": {
        "Employee ID": "employee_id", "Legal Name": "name", "Business Title": "title",
        "Supervisory Organization": "department", "Manager Employee ID": "manager_id", "Worker Type": "workforce",
        "Scheduled Weekly Hours": "weekly_hours", "FTE": "fte", "Hire Date": "hire_date",
        "Primary Work Email": "email", "Location": "location", "Management Level": "level",
        "Total Base Pay Annualized": "salary", "Currency": "currency", "Division": "division",
    },
    "gusto": {
        "First name": "first_name", "Last name": "last_name", "Work email": "email", "Job title": "title",
        "Department": "department", "Manager": "manager_name", "Employment type": "workforce",
        "Start date": "hire_date", "Work address": "location", "Rate": "pay_rate", "Per": "pay_period",
    },
    "scim": {
        "id": "employee_id", "userName": "email", "displayName": "name", "name.givenName": "first_name",
        "name.familyName": "last_name", "emails.value": "email", "title": "title", "userType": "workforce",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.employeeNumber": "employee_number",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.department": "department",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.division": "division",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager.value": "manager_id",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager.displayName": "ignore",
        "addresses.locality": "location",
    },
    "graph": {
        "id": "employee_id", "displayName": "name", "givenName": "first_name", "surname": "last_name",
        "mail": "email", "userPrincipalName": "ignore", "jobTitle": "title", "department": "department",
        "officeLocation": "location", "employeeId": "employee_number", "employeeType": "workforce",
        "employeeHireDate": "hire_date", "manager.id": "manager_id", "managerId": "manager_id",
        "manager.displayName": "ignore", "manager.mail": "ignore", "companyName": "ignore",
    },
    "ldif": {  # LDAP inetOrgPerson (RFC 2798) as ldapsearch prints it
        "dn": "dn", "cn": "name", "displayName": "name", "givenName": "first_name", "sn": "last_name",
        "mail": "email", "title": "title", "manager": "manager_dn", "employeeNumber": "employee_id",
        "uid": "employee_number", "departmentNumber": "department", "l": "location",
        "physicalDeliveryOfficeName": "location", "employeeType": "workforce", "secretary": "ignore",
        "ou": "ignore",
    },
    "orgdocs": {
        "position_id": "position_id", "employee_id": "employee_id", "name": "name", "email": "email",
        "title": "title", "role": "role", "manager_position_id": "manager_position_id",
        "dotted_line_position_ids": "dotted_line", "unit": "unit", "unit_parent": "unit_parent",
        "location": "location", "workforce": "workforce", "fte": "fte", "open": "open", "hire_date": "hire_date",
        "salary": "salary", "pay_period": "pay_period", "kind": "kind", "level": "seat_level",
        "position_fte": "position_fte", "unit_name": "unit_name", "manager_external": "manager_external",
        "dotted_line_external_ids": "dotted_line_external",
    },
}

PresetName = Literal["bamboohr", "hibob", "rippling", "personio", "workday", "gusto", "scim", "graph", "ldif",
                     "orgdocs"]


class Hris(Strict):
    """How `orgdocs import` read the HRIS export, so that importing again reads it the same way. Import writes
    it into the generated file; a key written in a hand-written file instead is read from there and never
    rewritten (the place for a hand-kept `role_map`)."""

    preset: PresetName | None = Field(
        default=None, description="Column style of the export: bamboohr, hibob, rippling, personio, workday, "
                                  "gusto, scim, graph, ldif (an LDAP directory's LDIF) or orgdocs (the roster "
                                  "`orgdocs export` writes); detected "
                                  "from the header when absent.")
    map: dict[Name, FieldName] = Field(
        default_factory=dict, description="Column name → field, over the preset and the alias table, e.g. "
                                          "{Boss: manager_name, Cost Center: ignore}.")
    role_map: dict[Name, Id] = Field(
        default_factory=dict, description="Job title → role id of the catalog, for titles that are not a role's "
                                          "title, e.g. {Sr. Engineer: senior-engineer}.")
    group_identical: bool = Field(
        default=False, description="Fold seats with the same title, role, manager, unit, workforce type, FTE and "
                                   "location into one group with a count and its holders.")
    pay: bool = Field(default=True, description="Import pay columns into holders' salaries (annual, HR only); "
                                                "false drops them.")
    hours_per_week: float = Field(default=40, gt=0, le=168,
                                  description="Full-time hours a week: weekly hours ÷ this is the FTE.")
