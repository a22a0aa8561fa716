"""The rows of an HRIS export as people, checked all at once before anything is written: every cell read as what
its column holds, duplicate ids and emails, managers found (not missing, not ambiguous, not the person), no
reporting cycle, a title on every row. Each problem names `file:row:column (Column Name)`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orgdocs.model.common import ID_PATTERN, SIGN_FITS
from orgdocs.problems import Location, Problem
from orgdocs.source.guards import SUSPECT, bad_character
from orgdocs.source.table import Table
from orgdocs.validate import cells
from orgdocs.validate.columns import Columns

_SPACES = re.compile(r"\s+")
_ID = re.compile(ID_PATTERN)
_ROOTS_LISTED = 10
KINDS = ("manager", "ic", "staff", "co-head")


@dataclass
class Person:
    """One row: a person in a seat, or an open seat (no name)."""

    row: int  # index into the table's rows
    name: str | None = None
    employee_id: str | None = None
    position_id: str | None = None
    email: str | None = None
    title: str | None = None
    role: str | None = None
    manager: int | None = None  # the row of the manager (the first row of the manager's position)
    dotted: list[int] = field(default_factory=list)  # rows of dotted-line managers
    units: list[str] = field(default_factory=list)  # division, department, team: outermost first
    unit_parent: str | None = None
    workforce: str = "employee"
    fte: float | None = None
    salary: float | None = None
    open: bool = False
    # the orgdocs roster export's round-trip columns (None where the export has none)
    kind: str | None = None
    seat_level: str | None = None
    position_fte: float | None = None
    unit_name: str | None = None
    manager_external: str | None = None
    dotted_external: list[str] = field(default_factory=list)
    dn: str | None = None  # LDIF: the entry's distinguished name
    attributes: dict[str, str] = field(default_factory=dict)  # location, email, hire_date, level, ...
    photo_at: Location | None = None  # the photo URL's cell, for import --download-photos' problems

    @property
    def key(self) -> str:
        """What keeps a person's position id across imports: the employee id, else the email, else the name."""
        if self.employee_id:
            return f"id:{self.employee_id}"
        if self.email:
            return f"email:{self.email.lower()}"
        return f"name:{self.name or ''}"


@dataclass
class Roster:
    table: Table
    columns: Columns
    people: list[Person]
    warnings: list[Problem]

    def label(self, row: int) -> str:
        p = self.people[row]
        return f"{p.name or p.position_id or 'open seat'} (row {self.table.lines[row]})"


def _plain(name: str) -> str:
    return _SPACES.sub(" ", name).strip().casefold()


class _Reader:
    def __init__(self, table: Table, columns: Columns, currency: str, pay: bool, hours_per_week: float):
        self.table, self.columns, self.currency = table, columns, currency
        self.pay, self.hours_per_week = pay, hours_per_week
        self.problems: list[Problem] = []
        # the roster export guards CSV cells against formulas with an apostrophe: read back what was written
        self.unguard = columns.preset == "orgdocs" and table.kind == "csv"

    def cell(self, row: int, name: str) -> str | None:
        i = self.columns.column(self.table.rows[row], name)
        text = None if i is None else self.table.rows[row][i]
        if self.unguard and text is not None and text[0] == "'":
            return cells.unguarded(text)
        return text

    def at(self, row: int, name: str) -> Location:
        i = self.columns.column(self.table.rows[row], name)
        return self.table.at(row, i) if i is not None else Location(self.table.file, self.table.lines[row], 1)

    def error(self, row: int, name: str, message: str, code: str, severity: str = "error") -> None:
        self.problems.append(Problem(message, self.at(row, name), severity=severity, code=code))  # type: ignore

    def value(self, row: int, name: str, parse):
        text = self.cell(row, name)
        if text is None:
            return None
        try:
            return parse(text)
        except ValueError as exc:
            self.error(row, name, str(exc), f"bad-{name.replace('_', '-')}")
            return None

    def person(self, row: int) -> Person:
        c = self.cell
        p = Person(row, employee_id=c(row, "employee_id"), position_id=c(row, "position_id"), email=c(row, "email"),
                   title=c(row, "title"), role=c(row, "role"))
        p.open = bool(self.value(row, "open", cells.yes))
        if p.position_id is not None and (not _ID.match(p.position_id) or len(p.position_id) > 80):
            self.error(row, "position_id", f"position id {p.position_id!r} is not an id (letters, digits, '.', '_' "
                                           "or '-', starting with a letter or digit)", "bad-position-id")
            p.position_id = None
        first = c(row, "preferred_name") or c(row, "first_name")
        p.name = c(row, "name") or " ".join(x for x in (first, c(row, "last_name")) if x) or None
        if p.name is None and not p.open and p.position_id is None:
            name_field = next((f for f in ("name", "first_name", "last_name") if f in self.columns.fields), "name")
            self.error(row, name_field, "no name (a row without a name is an open seat only with open: true)",
                       "no-name")
        if p.title is None and p.role is None:
            self.error(row, "title", "no title", "no-title")
        p.units = [u for u in (c(row, "division"), c(row, "department"), c(row, "team"), c(row, "unit")) if u]
        p.unit_parent = c(row, "unit_parent")
        kind = c(row, "workforce")
        if kind is not None:
            found = cells.workforce(kind)
            if found is None:
                self.error(row, "workforce", f"employment type {kind!r} is not one orgdocs knows; taken as employee "
                                             "(--map the column to ignore, or fix the value)", "unknown-workforce",
                           "warning")
            p.workforce = found or "employee"
        p.fte = self.value(row, "fte", cells.fte)
        if p.fte is None:
            p.fte = self.value(row, "weekly_hours", lambda t: cells.hours(t, self.hours_per_week))
        hired = self.value(row, "hire_date", cells.date)
        for name, value in (("location", c(row, "location")), ("email", p.email),
                            ("hire_date", hired.isoformat() if hired else None), ("level", c(row, "level")),
                            ("photo_url", c(row, "photo_url")), ("employee_id", p.employee_id),
                            ("employee_number", c(row, "employee_number"))):
            if value is not None:
                p.attributes[name] = value
        if "photo_url" in p.attributes:
            p.photo_at = self.at(row, "photo_url")
        if self.pay:
            p.salary = self._salary(row)
        self._round_trip(row, p)
        return p

    def _round_trip(self, row: int, p: Person) -> None:
        """The columns the orgdocs roster export adds so that its positions come back as they were."""
        c = self.cell
        p.dn = c(row, "dn")
        p.kind = c(row, "kind")
        if p.kind is not None and p.kind not in KINDS:
            self.error(row, "kind", f"kind {p.kind!r} is not one of {', '.join(KINDS)}", "bad-kind")
            p.kind = None
        p.position_fte = self.value(row, "position_fte", cells.fte)
        p.unit_name = c(row, "unit_name")
        p.seat_level = self._id(row, "seat_level", "level")
        p.manager_external = self._id(row, "manager_external", "external")
        text = c(row, "dotted_line_external")
        for other in (t.strip() for t in (text or "").split(";")):
            if other and _ID.match(other):
                p.dotted_external.append(other)
            elif other:
                self.error(row, "dotted_line_external", f"external {other!r} is not an id", "bad-external")

    def _id(self, row: int, name: str, what: str) -> str | None:
        text = self.cell(row, name)
        if text is not None and not _ID.match(text):
            self.error(row, name, f"{what} {text!r} is not an id (letters, digits, '.', '_' or '-', starting with "
                                  "a letter or digit)", f"bad-{what}")
            return None
        return text

    def _salary(self, row: int) -> float | None:
        source = "salary" if self.cell(row, "salary") is not None else "pay_rate"
        parsed = self.value(row, source, cells.amount)
        if parsed is None:
            return None
        value, marker, written_period = parsed
        currency = self.cell(row, "currency") or marker
        if currency and currency != self.currency and self.currency not in SIGN_FITS.get(currency, {currency}):
            self.error(row, "currency" if self.cell(row, "currency") else source,
                       f"pay in {currency} but the org's currency is {self.currency}; convert it in the HRIS "
                       "export or give the org that currency", "pay-currency")
            return None
        per = self.cell(row, "pay_period") or written_period
        if per is None or source == "salary" and self.cell(row, "pay_period") is None:
            return round(value, 2)
        try:
            return round(value * cells.period(per), 2)
        except ValueError as exc:
            self.error(row, "pay_period" if self.cell(row, "pay_period") else source, str(exc), "bad-pay-period")
            return None

    def characters(self) -> None:
        for r, row in enumerate(self.table.rows):
            for i, text in enumerate(row):
                if text is None or not SUSPECT.search(text):
                    continue
                what = next((w for w in map(bad_character, text) if w), None)
                if what:
                    self.problems.append(Problem(f"{what} in text", self.table.at(r, i), code="bad-character"))


def read_roster(table: Table, columns: Columns, currency: str = "USD", pay: bool = True,
                hours_per_week: float = 40) -> tuple[Roster, list[Problem]]:
    """Every row as a Person, managers resolved; the problems found (errors and warnings), all of them."""
    reader = _Reader(table, columns, currency, pay, hours_per_week)
    reader.characters()
    people = [reader.person(r) for r in range(len(table.rows))]
    roster = Roster(table, columns, people, [])
    problems = reader.problems + _duplicates(roster, reader) + _managers(roster, reader)
    problems += _cycles(roster, reader) + _roots(roster)
    roster.warnings = [p for p in problems if p.severity == "warning"]
    return roster, problems


def _duplicates(roster: Roster, reader: _Reader) -> list[Problem]:
    problems = []
    for name, norm in (("employee_id", str), ("email", str.lower), ("dn", _dn)):
        seen: dict[str, int] = {}
        for p in roster.people:
            value = reader.cell(p.row, name)
            if value is None:
                continue
            first = seen.setdefault(norm(value), p.row)
            if first != p.row:
                what = {"employee_id": "employee id", "dn": "DN"}.get(name, name)
                problems.append(Problem(f"{what} {value!r} is also on row {roster.table.lines[first]}",
                                        reader.at(p.row, name), code=f"duplicate-{name.replace('_', '-')}"))
    return problems


class _Index:
    """People looked up by position id, employee id, email or name."""

    def __init__(self, roster: Roster):
        self.by: dict[str, dict[str, list[int]]] = {"position id": {}, "employee id": {}, "email": {}, "name": {},
                                                    "DN": {}}
        for p in roster.people:
            for kind, value in (("position id", p.position_id), ("employee id", p.employee_id),
                                ("email", p.email.lower() if p.email else None),
                                ("name", _plain(p.name) if p.name else None), ("DN", _dn(p.dn) if p.dn else None)):
                if value is not None:
                    self.by[kind].setdefault(value, []).append(p.row)

    def find(self, kind: str, value: str) -> list[int]:
        key = value.lower() if kind == "email" else _plain(value) if kind == "name" else \
            _dn(value) if kind == "DN" else value
        return self.by[kind].get(key, [])


def _dn(text: str) -> str:
    """A DN as LDAP compares it, near enough: case and the spaces around ',' '=' and '+' do not count."""
    return re.sub(r"\s*([,=+])\s*", r"\1", text.strip()).casefold()


_KIND = {"manager_position_id": "position id", "manager_id": "employee id", "manager_email": "email",
         "manager_name": "name", "manager_dn": "DN"}


def _managers(roster: Roster, reader: _Reader) -> list[Problem]:
    columns = roster.columns
    index = _Index(roster)
    problems: list[Problem] = []
    if columns.manager is not None:
        kind = _KIND[columns.manager]
        for p in roster.people:
            value = reader.cell(p.row, columns.manager)
            if value is None:
                continue
            found, problem = _resolve(roster, index, kind, value, reader.at(p.row, columns.manager), "manager")
            if problem:
                problems.append(problem)
            elif found is not None:
                if found == p.row or (p.position_id and roster.people[found].position_id == p.position_id):
                    problems.append(Problem(f"{p.name or p.position_id} reports to themself ({value!r})",
                                            reader.at(p.row, columns.manager), code="self-report"))
                else:
                    p.manager = found
    for p in roster.people:
        for col in columns.dotted:
            text = roster.table.rows[p.row][col]
            if text is None:
                continue
            for value in (v.strip() for v in text.split(";")):
                if not value:
                    continue
                where = roster.table.at(p.row, col)
                kinds = ("position id",) if columns.preset == "orgdocs" else ("employee id", "email", "name")
                found, problem = None, None
                for kind in kinds:
                    found, problem = _resolve(roster, index, kind, value, where, "dotted-line manager")
                    if found is not None or (problem and problem.code == "ambiguous-manager"):
                        break
                if problem and found is None:
                    problems.append(problem)
                elif found == p.row:
                    problems.append(Problem(f"a dotted line from {p.name} to themself ({value!r})", where,
                                            code="self-report"))
                elif found is not None and found not in p.dotted:
                    p.dotted.append(found)
    return problems


def _resolve(roster: Roster, index: _Index, kind: str, value: str, where: Location,
             what: str) -> tuple[int | None, Problem | None]:
    rows = index.find(kind, value)
    if kind == "position id":
        rows = rows[:1]  # a group's rows share its position id
    if len(rows) == 1:
        return rows[0], None
    if not rows:
        return None, Problem(f"{what} {value!r}: no row has this {kind}", where, code="manager-not-found")
    listed = ", ".join(f"row {roster.table.lines[r]} ("
                       + ", ".join(x for x in (roster.people[r].name, roster.people[r].title) if x) + ")"
                       for r in rows)
    return None, Problem(f"{what} {value!r} is ambiguous: {len(rows)} rows have this {kind}: {listed}", where,
                         code="ambiguous-manager")


def _cycles(roster: Roster, reader: _Reader) -> list[Problem]:
    """Each reporting cycle once, located at the manager cell of its first row."""
    state: dict[int, int] = {}  # 1: on the current path, 2: done
    problems = []
    for start in range(len(roster.people)):
        path: list[int] = []
        node: int | None = start
        while node is not None and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = roster.people[node].manager
        if node is not None and state.get(node) == 1:
            loop = path[path.index(node):]
            first = min(loop)
            loop = loop[loop.index(first):] + loop[:loop.index(first)]
            chain = " → ".join(roster.label(r) for r in loop + [first])
            problems.append(Problem(f"reporting cycle: {chain}", reader.at(first, roster.columns.manager or "name"),
                                    code="reporting-cycle"))
        for n in path:
            state[n] = 2
    return problems


def _roots(roster: Roster) -> list[Problem]:
    """People nobody in the file manages: each is a root of the chart; several is a warning."""
    if roster.columns.manager is None:
        return [Problem(f"no manager column: each of the {len(roster.people)} people is a root (name the column "
                        "with --map COLUMN=manager_name, manager_email or manager_id)", Location(roster.table.file),
                        severity="warning", code="several-roots")] if len(roster.people) > 1 else []
    seen: set[str] = set()
    roots = []
    column = roster.columns.manager
    for p in roster.people:
        named = roster.columns.column(roster.table.rows[p.row], column)
        unnamed = named is None or roster.table.rows[p.row][named] is None  # else an error says why it has none
        if p.manager is None and unnamed and not (p.position_id and p.position_id in seen):
            roots.append(p.row)
        if p.position_id:
            seen.add(p.position_id)
    if len(roots) < 2:
        return []
    problems = [Problem(f"{roster.label(r)} has no manager in the file: one of {len(roots)} roots",
                        roster.table.at(r, roster.columns.fields[roster.columns.manager]), severity="warning",
                        code="several-roots") for r in roots[:_ROOTS_LISTED]]
    if len(roots) > _ROOTS_LISTED:
        problems.append(Problem(f"and {len(roots) - _ROOTS_LISTED} more people without a manager in the file",
                                Location(roster.table.file), severity="warning", code="several-roots"))
    return problems
