"""Which field each column of an HRIS export holds: the preset (given, or detected from the header), the alias
table, then `--map COLUMN=FIELD`; and which column the manager is named by (a position id, an employee id, an
email, a name). What was detected is said in `notes`, so the user can see it and override it."""

from __future__ import annotations

from dataclasses import dataclass, field

from orgdocs.model.hris import ALIASES, FIELDS, PRESETS, normalise
from orgdocs.problems import Location, Problem
from orgdocs.source.table import Table

# the manager column used, most exact first
MANAGER_KEYS = (("manager_position_id", "position id"), ("manager_dn", "DN"), ("manager_id", "employee id"),
                ("manager_email", "email"), ("manager_name", "name"))
_MIN_PRESET_COLUMNS = 3


@dataclass
class Columns:
    fields: dict[str, int] = field(default_factory=dict)  # field -> column index (dotted_line aside)
    more: dict[str, list[int]] = field(default_factory=dict)  # further columns of a field, read where it is empty
    dotted: list[int] = field(default_factory=list)  # columns of dotted-line managers
    preset: str | None = None
    manager: str | None = None  # the field managers are named by (manager_id, manager_email, ...)
    notes: list[str] = field(default_factory=list)

    def has(self, name: str) -> bool:
        return name in self.fields

    def column(self, row: list[str | None], name: str) -> int | None:
        """The column `name` is read from in this row: its first column, else a further one that has a value."""
        first = self.fields.get(name)
        if first is None or row[first] is not None:
            return first
        return next((i for i in self.more.get(name, ()) if row[i] is not None), first)


def detect_preset(columns: list[str]) -> tuple[str | None, int]:
    """The preset whose column names the header has most of (exactly, ignoring case), and how many."""
    have = {c.lower() for c in columns}
    scored = sorted(((sum(c.lower() in have for c in cols), name) for name, cols in PRESETS.items()),
                    key=lambda x: (-x[0], list(PRESETS).index(x[1])))
    best, name = scored[0]
    if best < _MIN_PRESET_COLUMNS or (len(scored) > 1 and scored[1][0] == best):
        return None, best
    return name, best


def map_columns(table: Table, preset: str | None, overrides: dict[str, str]) -> tuple[Columns, list[Problem]]:
    out = Columns()
    problems: list[Problem] = []
    where = Location(table.file)
    if preset is None and table.kind == "ldif":
        preset = "ldif"  # a directory's attributes have one spelling
        out.notes.append("preset: ldif")
    elif preset is None:
        preset, matched = detect_preset(table.columns)
        if preset:
            out.notes.append(f"preset: {preset} (detected: {matched} of its columns in the header)")
        else:
            out.notes.append("preset: none detected; columns read through the alias table")
    else:
        out.notes.append(f"preset: {preset}")
    out.preset = preset
    by_name = {c.lower(): i for i, c in enumerate(table.columns)}
    for column, target in overrides.items():
        if target not in FIELDS:
            problems.append(Problem(f"--map {column}={target}: no field {target!r}; the fields are "
                                    f"{', '.join(FIELDS)}", where, code="bad-map"))
        if column.lower() not in by_name:
            problems.append(Problem(f"--map {column}={target}: the header has no column {column!r}", where,
                                    code="bad-map"))
    own = {c.lower(): f for c, f in PRESETS.get(preset or "", {}).items()}
    mapped = {c.lower(): f for c, f in overrides.items()}
    taken: dict[str, int] = {}
    rank: dict[str, int] = {}  # an explicit mapping wins over the preset, the preset over an alias
    for i, column in enumerate(table.columns):
        if not column:
            continue
        name = column.lower()
        choices = [(0, mapped.get(name)), (1, own.get(name)), (2, ALIASES.get(normalise(column)))]
        level, target = next(((lv, t) for lv, t in choices if t is not None), (3, None))
        if target is None or target == "ignore":
            continue
        if target == "dotted_line":
            out.dotted.append(i)
        elif target not in taken or level < rank[target]:
            taken[target], rank[target] = i, level
            out.more.pop(target, None)
        elif level == rank[target]:  # Graph's manager.id and managerId: whichever a record has
            out.more.setdefault(target, []).append(i)
    out.fields = taken
    described = ", ".join(f"{table.columns[i]} → {f}" for f, i in sorted(taken.items(), key=lambda x: x[1]))
    out.notes.append(f"columns: {described}" + "".join(f", {table.columns[i]} → dotted_line" for i in out.dotted))
    ignored = [c for i, c in enumerate(table.columns) if c and i not in taken.values() and i not in out.dotted]
    if ignored:
        out.notes.append(f"columns left out: {', '.join(ignored)}")
    for name, words in MANAGER_KEYS:
        if name in taken:
            out.manager = name
            out.notes.append(f"manager key: {words} (column {table.columns[taken[name]]})")
            break
    else:
        out.notes.append("manager key: none (no manager column; every person is a root)")
    problems += _required(out, table)
    return out, problems


def _required(out: Columns, table: Table) -> list[Problem]:
    where = Location(table.file, 1, 1)
    problems = []
    if not (out.has("title") or out.has("role")):
        problems.append(Problem("no column holds job titles (e.g. Job Title); name one with --map COLUMN=title",
                                where, code="missing-column"))
    if not (out.has("name") or out.has("first_name") or out.has("last_name") or out.has("email")):
        problems.append(Problem("no column holds names (e.g. Full Name, or First Name and Last Name); name one "
                                "with --map COLUMN=name", where, code="missing-column"))
    needs = {"manager_id": "employee_id", "manager_position_id": "position_id", "manager_email": "email",
             "manager_dn": "dn"}
    if out.manager in needs and not out.has(needs[out.manager]):
        column = table.columns[out.fields[out.manager]]
        problems.append(Problem(f"{column} names managers by {needs[out.manager].replace('_', ' ')} but no column "
                                f"holds them; name it with --map COLUMN={needs[out.manager]}",
                                table.header(out.fields[out.manager]), code="missing-column"))
    return problems
