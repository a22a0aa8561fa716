"""Variants: an org that `extends:` another and lists its `changes:`, so a reorg scenario is a small file.

The variant's own sections replace the base's entries key by key (a role, a unit, a band defined again is
replaced); its positions are added. Then each change is applied in order:

  - add: {id: ..., role: ..., reports_to: ...}    a new position
  - remove: POSITION                              its reports move up to its manager
  - move: {position: POSITION, to: MANAGER}       a new reports-to
  - update: {position: POSITION, count: 5, ...}   any position fields (count, role, unit, holders, title ...)
  - update_role: {role: ROLE, level: ..., ...}    catalog changes, such as a role's level
  - update_band: {band: BAND, min: ..., max: ...} pay band changes
  - move_unit: {unit: UNIT, parent: UNIT}         nests a unit under another (parent: null: a top unit)
  - update_unit: {unit: UNIT, name: ..., ...}     any unit fields (name, lead, colour, description ...)

A relation a change leaves pointing at nothing (a dotted line or a unit's lead naming a removed position) is
dropped, and noted in `Located.dropped` with the change's location: `check` reports it as a warning.
"""

from __future__ import annotations

import copy

from orgdocs.problems import Location, Problem
from orgdocs.source.located import Located, Positions

OPS = ("add", "remove", "move", "update", "update_role", "update_band", "move_unit", "update_unit")


def _positions(data: dict) -> list:
    positions = data.get("positions")
    if not isinstance(positions, list):
        positions = []
        data["positions"] = positions
    return positions


def _find(positions: list, pid: object) -> int | None:
    for i, p in enumerate(positions):
        if isinstance(p, dict) and p.get("id") == pid:
            return i
    return None


def _copy(positions):
    return positions.copy() if isinstance(positions, Positions) else Positions(positions)


def overlay(base: Located, variant: Located) -> Located:
    """The variant's sections over the base's: mapping entries replace by key, lists are extended."""
    data = copy.deepcopy(base.data)
    out = Located(data=data, values=_copy(base.values), keys=_copy(base.keys), dropped=list(base.dropped))
    for top, value in variant.data.items():
        if top in ("extends", "changes", "include"):
            continue
        if top in data and isinstance(data[top], dict) and isinstance(value, dict):
            for key, sub in value.items():
                if isinstance(data[top].get(key), dict) and isinstance(sub, dict) and top in ("org", "policies",
                                                                                              "compensation"):
                    data[top][key] = {**data[top][key], **sub}
                else:
                    data[top][key] = sub
                _copy_locations(out, variant, (top, key))
        elif top in data and isinstance(data[top], list) and isinstance(value, list):
            offset = len(data[top])
            data[top] = data[top] + value
            for path, loc in variant.values.items():
                if path[:1] == (top,) and len(path) > 1 and isinstance(path[1], int):
                    out.values[(top, path[1] + offset) + path[2:]] = loc
            for path, loc in variant.keys.items():
                if path[:1] == (top,) and len(path) > 1 and isinstance(path[1], int):
                    out.keys[(top, path[1] + offset) + path[2:]] = loc
        else:
            data[top] = value
            _copy_locations(out, variant, (top,))
    return out


def _copy_locations(out: Located, src: Located, prefix: tuple) -> None:
    n = len(prefix)
    for table in ("values", "keys"):
        dst = getattr(out, table)
        for path in [p for p in dst if p[:n] == prefix]:
            del dst[path]
        for path, loc in getattr(src, table).items():
            if path[:n] == prefix:
                dst[path] = loc


class _Failed(Exception):
    def __init__(self, message: str, *sub: object):
        super().__init__(message)
        self.sub = sub


class _Change:
    """One change being applied: where it was written, and the org it changes."""

    def __init__(self, located: Located, variant: Located, index: int, op: str):
        self.located = located
        self.variant = variant
        self.data = located.data
        self.src = ("changes", index, op)
        self.op = op
        self.index = index

    def dropped(self, what: str, why: str, subject: str) -> None:
        """A relation this change left pointing at nothing, dropped: noted for `check` to warn about."""
        where = self.variant.values.get(("changes", self.index), Location(""))
        self.located.dropped.append((f"{what} dropped: {why} by change {self.index + 1} ({self.op})", where,
                                     subject))

    @property
    def positions(self) -> list:
        return _positions(self.data)

    def position(self, pid: object, *sub: object) -> int:
        at = _find(self.positions, pid)
        if at is None:
            raise _Failed(f"{self.op}: no position {pid!r}", *sub)
        return at

    def locate(self, key: str, dst: tuple) -> None:
        _locate(self.located, self.variant, self.src + (key,), dst)


def _add(c: _Change, arg: object) -> None:
    if not isinstance(arg, dict) or not isinstance(arg.get("id"), str):
        raise _Failed("add: needs a position with an id")
    if _find(c.positions, arg["id"]) is not None:
        raise _Failed(f"add: position {arg['id']!r} already exists", "id")
    c.positions.append(copy.deepcopy(arg))
    _locate_item(c.located, c.variant, c.src, ("positions", len(c.positions) - 1))


def _remove(c: _Change, arg: object) -> None:
    at = c.position(arg)
    removed = c.positions.pop(at)
    _drop_item(c.located, at)
    for p in c.positions:
        if not isinstance(p, dict):
            continue
        if p.get("reports_to") == arg:  # its reports move up to its manager
            if removed.get("reports_to") is None:
                p.pop("reports_to")
            else:
                p["reports_to"] = removed["reports_to"]
        if isinstance(p.get("dotted_lines"), list):
            kept = []
            for d in p["dotted_lines"]:
                if isinstance(d, dict) and arg in (d.get("to"), d.get("from")):
                    ends = (p.get("id"), arg) if d.get("to") == arg else (arg, p.get("id"))
                    c.dropped(f"dotted line from {ends[0]} to {ends[1]}", f"{arg} was removed", arg)
                else:
                    kept.append(d)
            p["dotted_lines"] = kept
    units = c.data.get("units")
    for uid, unit in (units.items() if isinstance(units, dict) else ()):
        if isinstance(unit, dict) and unit.get("lead") == arg:
            unit.pop("lead")
            c.dropped(f"lead of unit {uid} ({arg})", f"{arg} was removed", arg)
    externals = c.data.get("externals")
    for eid, ext in (externals.items() if isinstance(externals, dict) else ()):
        if isinstance(ext, dict) and isinstance(ext.get("dotted_lines"), list):
            kept = [d for d in ext["dotted_lines"] if not (isinstance(d, dict) and d.get("to") == arg)]
            if len(kept) < len(ext["dotted_lines"]):
                c.dropped(f"dotted line from {eid} to {arg}", f"{arg} was removed", arg)
            ext["dotted_lines"] = kept


def _move(c: _Change, arg: object) -> None:
    if not isinstance(arg, dict) or set(arg) != {"position", "to"}:
        raise _Failed("move: needs {position: ..., to: ...}")
    at = c.position(arg["position"], "position")
    c.positions[at] = {**c.positions[at], "reports_to": arg["to"]}
    c.locate("to", ("positions", at, "reports_to"))


def _update(c: _Change, arg: object) -> None:
    if not isinstance(arg, dict) or "position" not in arg:
        raise _Failed("update: needs {position: ..., and the fields to change}")
    at = c.position(arg["position"], "position")
    fields = {k: v for k, v in arg.items() if k != "position"}
    if "id" in fields:
        raise _Failed("update: cannot change a position's id (remove it and add another)", "id")
    c.positions[at] = {**c.positions[at], **copy.deepcopy(fields)}
    for key in fields:
        c.locate(key, ("positions", at, key))


def _update_entry(key_name: str, path: tuple[str, ...]):
    """update_role and update_band: change fields of one entry of a catalog mapping."""

    def apply(c: _Change, arg: object) -> None:
        if not isinstance(arg, dict) or key_name not in arg:
            raise _Failed(f"{c.op}: needs {{{key_name}: ..., and the fields to change}}")
        table = c.data
        for part in path:
            table = table.get(part) if isinstance(table, dict) else None
        name = arg[key_name]
        if not isinstance(table, dict) or name not in table:
            raise _Failed(f"{c.op}: no {key_name} {name!r}", key_name)
        fields = {k: v for k, v in arg.items() if k != key_name}
        table[name] = {**table[name], **copy.deepcopy(fields)}
        for key in fields:
            c.locate(key, path + (name, key))

    return apply


def _unit(c: _Change, arg: object, usage: str) -> dict:
    """The units table and the unit a change names (a copy of it is replaced in the table, never edited)."""
    if not isinstance(arg, dict) or "unit" not in arg:
        raise _Failed(f"{c.op}: needs {usage}")
    units = c.data.get("units")
    if not isinstance(units, dict) or arg["unit"] not in units or not isinstance(units[arg["unit"]], dict):
        raise _Failed(f"{c.op}: no unit {arg['unit']!r}", "unit")
    return units


def _move_unit(c: _Change, arg: object) -> None:
    units = _unit(c, arg, "{unit: ..., parent: ...}")
    if set(arg) != {"unit", "parent"}:
        raise _Failed("move_unit: needs {unit: ..., parent: ...} (parent: null makes it a top unit)")
    uid, parent = arg["unit"], arg["parent"]
    if parent is not None and parent not in units:
        raise _Failed(f"move_unit: no unit {parent!r} to move {uid!r} under", "parent")
    up, seen = parent, []
    while up is not None and up not in seen:  # the new parent must not be nested in the unit itself
        seen.append(up)
        if up == uid:
            chain = " → ".join([uid] + seen)
            raise _Failed(f"move_unit: {uid!r} cannot move under {parent!r}, which is nested in it "
                          f"(the units would form a cycle: {chain})", "parent")
        up = units[up].get("parent") if isinstance(units.get(up), dict) else None
    units[uid] = {k: v for k, v in units[uid].items() if k != "parent"}
    if parent is not None:
        units[uid]["parent"] = parent
        c.locate("parent", ("units", uid, "parent"))


def _update_unit(c: _Change, arg: object) -> None:
    units = _unit(c, arg, "{unit: ..., and the fields to change}")
    fields = {k: v for k, v in arg.items() if k != "unit"}
    if "parent" in fields:
        raise _Failed("update_unit: change a unit's parent with move_unit, which checks the units form no cycle",
                      "parent")
    uid = arg["unit"]
    units[uid] = {**units[uid], **copy.deepcopy(fields)}
    for key in fields:
        c.locate(key, ("units", uid, key))


_APPLY = {
    "add": _add,
    "remove": _remove,
    "move": _move,
    "update": _update,
    "update_role": _update_entry("role", ("roles",)),
    "update_band": _update_entry("band", ("compensation", "bands")),
    "move_unit": _move_unit,
    "update_unit": _update_unit,
}


def apply_changes(located: Located, variant: Located) -> list[Problem]:
    changes = variant.data.get("changes")
    if changes is None:
        return []
    where = variant.values.get(("changes",), Location(""))
    if not isinstance(changes, list):
        return [Problem("changes must be a list of changes (add, remove, move, update ...)", where,
                        code="wrong-type")]
    problems: list[Problem] = []
    for i, change in enumerate(changes):
        here = variant.values.get(("changes", i), where)
        if not isinstance(change, dict) or len(change) != 1 or next(iter(change)) not in OPS:
            problems.append(Problem(f"each change is one of {', '.join(OPS)}, e.g. `- remove: position-id`", here,
                                    code="invalid-change"))
            continue
        op, arg = next(iter(change.items()))
        try:
            _APPLY[op](_Change(located, variant, i, op), arg)
        except _Failed as failed:
            loc = variant.values.get(("changes", i, op, *failed.sub), here)
            problems.append(Problem(str(failed), loc, code="invalid-change"))
    return problems


def _locate(located: Located, variant: Located, src: tuple, dst: tuple) -> None:
    if src in variant.values:
        located.values[dst] = variant.values[src]
    if src in variant.keys:
        located.keys[dst] = variant.keys[src]


def _locate_item(located: Located, variant: Located, src: tuple, dst: tuple) -> None:
    n = len(src)
    for table in ("values", "keys"):
        target = getattr(located, table)
        for path, loc in getattr(variant, table).items():
            if path[:n] == src:
                target[dst + path[n:]] = loc


def _drop_item(located: Located, index: int) -> None:
    """Positions after a removed one move up by one; so do their locations."""
    for table in ("values", "keys"):
        old = getattr(located, table)
        new = {}
        for path, loc in old.items():
            if len(path) > 1 and path[0] == "positions" and isinstance(path[1], int):
                if path[1] == index:
                    continue
                if path[1] > index:
                    path = ("positions", path[1] - 1) + path[2:]
            new[path] = loc
        setattr(located, table, new)
