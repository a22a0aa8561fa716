"""The roster `orgdocs export` writes: one record per person (or per seat), in the columns `orgdocs import` reads
back (its `orgdocs` preset), as the audience may see it. Typed values (numbers, booleans, dates); the renderers
decide how each format spells them.

Per person: one row per holder (the two halves of a job share are two rows of one position), one per filled seat
the org does not name, one per open seat; a group of N seats gives N rows with the same position_id. Per seat: one
row per seat, a shared seat's holders in one row (names joined by "; ").

Person details (employee_id, email, hire_date, location) come from the holder when the model has them there, else
from the position's attributes of those names (for a position of one seat: they describe its one person);
location falls back to the position's attribute for every seat, then to its pay zone's name. A manager or dotted
line that is an external (a CTO outside the org) is not a position: its id goes to manager_external or
dotted_line_external_ids instead.

Round trip (what `orgdocs import` rebuilds from these columns): `fte` is the person's FTE, `position_fte` each
seat's; `kind` the position's kind as written (empty when inferred); `level` the seat's level when the position
lists seats per level (`levels:`; the first seats take the first level); `unit` is the unit's id, `unit_name` its
name. Not carried: a dotted line's label and one drawn from an external to a position, attributes other than
the person details, a unit's parent beyond `unit_parent`, and everything the catalog says (roles, levels, bands).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from orgdocs.analyse.loaded import LoadedOrg
from orgdocs.model import Holder, Position
from orgdocs.views.audience import AudienceRules, audience_rules

COLUMNS = ("position_id", "employee_id", "name", "email", "title", "role", "manager_position_id",
           "dotted_line_position_ids", "unit", "unit_parent", "location", "workforce", "fte", "open", "hire_date",
           # so that import rebuilds the same position tree (issue 12's round trip): what a person row alone
           # cannot say about its position
           "kind", "level", "position_fte", "unit_name", "manager_external", "dotted_line_external_ids")
PAY_COLUMNS = ("salary", "pay_period")  # only for an audience that sees pay (hr)
PERSONAL = ("employee_id", "name", "email", "hire_date")  # blank for an audience that sees no names (public)
PER = ("person", "seat")
LIST_SEPARATOR = ";"  # between the ids of dotted_line_position_ids
PAY_PERIOD = "annual"  # salaries are annual base pay, like the bands


@dataclass(frozen=True)
class Roster:
    columns: tuple[str, ...]
    rows: list[dict[str, object]]  # each has every column; None where there is nothing to say
    rules: AudienceRules

    def as_lists(self) -> list[list[object]]:
        return [[row[c] for c in self.columns] for row in self.rows]


def _person_value(pos: Position, holder: Holder | str | None, key: str) -> object:
    if holder is not None and not isinstance(holder, str) and getattr(holder, key, None) is not None:
        return getattr(holder, key)
    if holder is not None and not isinstance(holder, str) and key in getattr(holder, "attributes", {}):
        return holder.attributes[key]
    if key == "location" or (pos.seats == 1 and len(pos.holders) <= 1):
        return pos.attributes.get(key)
    return None


def _date(value: object) -> object:
    """hire_date as a date when it reads as one (YAML gives a date already; a text 2024-03-01 is one too)."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _dotted(item: LoadedOrg, pos: Position) -> list[str]:
    """The positions this one has a dotted line to, whichever end wrote it (`from: X` on Y is X → Y)."""
    nodes = item.analysis.tree.nodes
    out = [line.other for line in pos.dotted_lines if line.outgoing and line.other in nodes]
    for other in item.org.positions:
        out += [other.id for line in other.dotted_lines if not line.outgoing and line.other == pos.id]
    return list(dict.fromkeys(out))


def roster(item: LoadedOrg, audience: str, per: str = "person") -> Roster:
    if per not in PER:
        raise ValueError(f"unknown roster kind {per!r}")
    rules = audience_rules(item.org, audience)
    columns = COLUMNS + (PAY_COLUMNS if rules.pay else ())
    rows: list[dict[str, object]] = []
    for node in item.analysis.tree.walk():
        pos = node.position
        add = _Rows(item, node, rules, columns, rows)
        add.levels = [lv for lv, n in pos.levels.items() for _ in range(n)]
        if pos.shared and pos.holders:
            if per == "seat":  # one seat, shared: the holders together, the seat's FTE
                add(None, pos.fte, False, pos.holder_names())
            else:
                for h in pos.holders:
                    add(h, pos.fte if isinstance(h, str) or h.fte is None else h.fte, False)
                if pos.part_open:  # a job share with one half vacant: the half as an open row
                    add(None, node.count.open_fte, True)
            continue
        for h in pos.holders:
            add(h, pos.fte if isinstance(h, str) or h.fte is None else h.fte, False)
        for _ in range(node.count.filled - len(pos.holders)):
            add(None, pos.fte, False)
        for _ in range(node.count.open):
            add(None, pos.fte, True)
    return Roster(columns, rows, rules)


class _Rows:
    """Adds the rows of one position: what they share, then each person's or seat's own values."""

    def __init__(self, item: LoadedOrg, node, rules: AudienceRules, columns: tuple[str, ...], rows: list):
        self.pos, self.rules, self.columns, self.rows = node.position, rules, columns, rows
        self.zones = item.org.compensation.zones
        self.levels: list[str] = []  # the level of each next seat, for a group with seats per level
        unit = node.unit
        nodes = item.analysis.tree.nodes
        manager = self.pos.reports_to
        self.common = {
            "position_id": self.pos.id,
            "title": item.analysis.catalog.title(self.pos),
            "role": self.pos.role,
            "manager_position_id": manager if manager in nodes else node.parent,
            "dotted_line_position_ids": LIST_SEPARATOR.join(_dotted(item, self.pos)) or None,
            "unit": unit,
            "unit_parent": item.org.units[unit].parent if unit in item.org.units else None,
            "workforce": self.pos.workforce,
            "kind": self.pos.kind,
            "position_fte": number(self.pos.fte),
            "unit_name": item.org.units[unit].name if unit in item.org.units else None,
            "manager_external": manager if manager is not None and manager not in nodes else None,
            "dotted_line_external_ids": LIST_SEPARATOR.join(
                line.other for line in self.pos.dotted_lines if line.outgoing and line.other not in nodes) or None,
        }

    def __call__(self, holder: Holder | str | None, fte: float, is_open: bool, names: list[str] | None = None):
        pos = self.pos
        zone = pos.zone if holder is None or isinstance(holder, str) or holder.zone is None else holder.zone
        location = _person_value(pos, holder, "location") or (self.zones[zone].name if zone in self.zones else None)
        person = None if is_open else holder
        r = dict(self.common, location=_plain(location), fte=number(fte), open=is_open,
                 name=None if is_open else ("; ".join(names) if names else _name(holder)),
                 employee_id=None if is_open else _plain(_person_value(pos, person, "employee_id")),
                 email=None if is_open else _plain(_person_value(pos, person, "email")),
                 hire_date=None if is_open else _date(_person_value(pos, person, "hire_date")),
                 level=self.levels.pop(0) if self.levels else None)
        if self.rules.pay:
            salary = holder.salary if holder is not None and not isinstance(holder, str) else None
            r.update(salary=None if salary is None else number(salary),
                     pay_period=None if salary is None else PAY_PERIOD)
        if not self.rules.names:
            r.update({k: None for k in PERSONAL})
        elif not self.rules.personal:  # all-hands: the name, not the person's email, id or hire date
            r.update({k: None for k in PERSONAL if k != "name"})
        self.rows.append({c: r.get(c) for c in self.columns})


def number(value: float) -> int | float:
    """A whole number as an int (185000, not 185000.0: a spreadsheet and a reader see the amount as written)."""
    value = round(float(value), 6)
    return int(value) if value.is_integer() else value


def _plain(value: object) -> object:
    """An attribute as one cell: a list's items joined, anything else as it is."""
    return "; ".join(str(v) for v in value) if isinstance(value, list) else value


def _name(holder: Holder | str | None) -> str | None:
    if holder is None:
        return None
    return holder if isinstance(holder, str) else holder.name
