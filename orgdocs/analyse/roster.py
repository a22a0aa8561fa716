"""People of an HRIS export as org data: positions with holders, units with their leads, roles mapped onto the
catalog (or stubs for titles it does not know). Plain data in, plain data out (the generated partial), no I/O.

Position ids are stable across imports: the id a person had in the previous import is kept (looked up by the
same key: employee id, else email, else name); a new person's id is a slug of that key."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from orgdocs.model.common import ID_PATTERN
from orgdocs.model.positions import PERSONAL_KEYS
from orgdocs.validate.roster import Person, Roster

_ID = re.compile(ID_PATTERN)


def slug(text: str) -> str:
    """'Zoë O'Brien' → zoe-o-brien: ASCII letters, digits, '.', '_' and '-', starting with a letter or digit."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9._]+", "-", ascii_text.lower()).strip("-._")
    return s[:60].rstrip("-._")


def _hashed(base: str, key: str) -> str:
    return f"{base or 'p'}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"


@dataclass
class Catalog:
    """What the hand-written files already define, as plain data: what import maps onto and never redefines."""

    roles: dict[str, str] = field(default_factory=dict)  # role id -> title
    units: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # unit id -> (name, parent)
    positions: set[str] = field(default_factory=set)  # ids of hand-written positions
    previous: dict[str, str] = field(default_factory=dict)  # person key -> position id in the last import


@dataclass
class Settings:
    role_map: dict[str, str] = field(default_factory=dict)
    group_identical: bool = False


@dataclass
class Imported:
    """The generated partial's sections and what was decided on the way."""

    positions: list[dict]
    units: dict[str, dict]
    roles: dict[str, dict]
    ids: dict[int, str]  # row -> position id
    mapped_titles: dict[str, str]  # title -> role id of the catalog
    groups: int = 0


class _Ids:
    def __init__(self, catalog: Catalog):
        self.taken: set[str] = set(catalog.positions)
        self.previous = catalog.previous

    def reserve(self, people: list[Person]) -> None:
        """The ids of the previous import first, so a newcomer whose slug collides never takes one."""
        for p in people:
            old = self.previous.get(p.key)
            if old and old not in self.taken:
                self.taken.add(old)

    def new(self, key: str, base: str) -> str:
        base = base if base and _ID.match(base) else ""
        if base and base not in self.taken:
            self.taken.add(base)
            return base
        made = _hashed(base, key)
        while made in self.taken:
            made = _hashed(made, key)
        self.taken.add(made)
        return made

    def for_person(self, p: Person) -> str:
        old = self.previous.get(p.key)
        if old:
            return old
        if p.employee_id:
            base = slug(p.employee_id)
        elif p.email:
            base = slug(p.email.split("@")[0])
        else:
            base = slug(p.name or "open")
        return self.new(p.key, base)


def _role_ids(roster: Roster, catalog: Catalog, settings: Settings) -> tuple[dict[int, tuple[str, str | None]],
                                                                             dict[str, dict], dict[str, str]]:
    """Each row's (role id, title to show when it is not the role's); the stub roles; titles mapped."""
    by_title = {}
    for rid, title in catalog.roles.items():
        by_title.setdefault(title.casefold(), rid)
    role_map = {t.casefold(): r for t, r in settings.role_map.items()}
    stubs: dict[str, dict] = {}
    stub_of: dict[str, str] = {}
    mapped: dict[str, str] = {}
    taken = set(catalog.roles)
    out: dict[int, tuple[str, str | None]] = {}
    for p in roster.people:
        if p.role and p.role not in catalog.roles and p.role not in stubs and _ID.match(p.role):
            # a role id the catalog does not have (a roster exported from another org): a stub of that id
            stubs[p.role] = {"title": p.title or p.role}
            taken.add(p.role)
        if p.role and not p.title:
            out[p.row] = (p.role, None)
            continue
        title = p.title or ""
        key = title.casefold()
        rid = p.role or role_map.get(key) or by_title.get(key)
        if rid is not None:
            mapped.setdefault(title, rid)
            shown = catalog.roles.get(rid) or (stubs[rid]["title"] if rid in stubs else None)
            out[p.row] = (rid, None if shown == title else title)
            continue
        if key not in stub_of:
            base = slug(title) or "role"
            rid = base
            n = 2
            while rid in taken:
                rid, n = f"{base}-{n}", n + 1
            taken.add(rid)
            stub_of[key] = rid
            stubs[rid] = {"title": title}
        rid = stub_of[key]
        out[p.row] = (rid, None if stubs[rid]["title"] == title else title)
    return out, stubs, mapped


def _units(roster: Roster, catalog: Catalog) -> tuple[dict[int, str], dict[str, dict]]:
    """Each row's unit id (its innermost unit) and the units to generate, with their parents."""
    by_name = {(name.casefold(), parent): uid for uid, (name, parent) in catalog.units.items()}
    by_id = set(catalog.units)
    made: dict[tuple, str] = {}  # unit path (names, outermost first) -> id
    units: dict[str, dict] = {}
    taken = set(catalog.units)
    out: dict[int, str] = {}
    by_own_id = _unit_ids(roster, by_id, units, taken)
    for p in roster.people:
        path = tuple(p.units)
        if not path:
            continue
        if p.row in by_own_id:
            out[p.row] = by_own_id[p.row]
            continue
        parent: str | None = None
        if p.unit_parent:
            parent = p.unit_parent if p.unit_parent in by_id or p.unit_parent in units else \
                _unit(made, units, taken, by_name, (p.unit_parent,), None)
        for depth in range(len(path)):
            parent = _unit(made, units, taken, by_name, path[: depth + 1], parent)
        out[p.row] = parent  # type: ignore[assignment]
    return out, units


def _unit_ids(roster: Roster, by_id: set[str], units: dict[str, dict], taken: set[str]) -> dict[int, str]:
    """The orgdocs roster export names units by id (with unit_name and unit_parent beside it): each row's unit
    as that id, and the units the catalog does not define made from those columns. A parent only ever named
    as a parent gets its id as its name."""
    if roster.columns.preset != "orgdocs":
        return {}
    out: dict[int, str] = {}
    named: set[str] = set()
    for p in roster.people:
        if len(p.units) != 1 or not _ID.match(p.units[0]):
            continue
        uid = out[p.row] = p.units[0]
        if uid in by_id:
            continue
        if uid not in named:
            named.add(uid)
            units[uid] = {"name": p.unit_name or uid} | ({"parent": p.unit_parent} if p.unit_parent else {})
            taken.add(uid)
        parent = p.unit_parent
        if parent and _ID.match(parent) and parent not in by_id and parent not in units:
            units[parent] = {"name": parent}
            taken.add(parent)
    return out


def _unit(made, units, taken, by_name, path: tuple, parent: str | None) -> str:
    if path in made:
        return made[path]
    name = path[-1]
    existing = by_name.get((name.casefold(), parent)) or (by_name.get((name.casefold(), None)) if parent is None
                                                            else None)
    if existing:
        made[path] = existing
        return existing
    base = slug(name) or "unit"
    uid = base if base not in taken else (f"{parent}-{base}" if parent else base)
    n = 2
    while uid in taken:
        uid, n = f"{base}-{n}", n + 1
    taken.add(uid)
    made[path] = uid
    units[uid] = {"name": name} | ({"parent": parent} if parent else {})
    return uid


def _leads(units: dict[str, dict], unit_of: dict[str, str], manager_of: dict[str, str | None],
           parents: dict[str, str | None]) -> None:
    """A unit's lead: the one position in it whose manager is outside it (and the units within it); a unit whose
    members all sit in units within it has none (`check` wants a lead in the unit itself)."""
    within: dict[str, set[str]] = {}  # unit -> the units in it, itself included
    for uid in set(unit_of.values()):
        u: str | None = uid
        seen: set[str] = set()
        while u is not None and u not in seen:
            seen.add(u)
            within.setdefault(u, set()).add(uid)
            u = parents.get(u)
    members: dict[str, set[str]] = {}
    for pid, uid in unit_of.items():
        members.setdefault(uid, set()).add(pid)
    for uid, unit in units.items():
        inside = set().union(*(members.get(u, set()) for u in within.get(uid, ())))
        tops = [pid for pid in sorted(members.get(uid, ())) if manager_of.get(pid) not in inside]
        if len(tops) == 1:
            unit["lead"] = tops[0]


def build_positions(roster: Roster, catalog: Catalog, settings: Settings) -> Imported:
    ids = _Ids(catalog)
    ids.reserve(roster.people)
    people = roster.people
    row_id: dict[int, str] = {}
    for p in people:
        if p.position_id:
            row_id[p.row] = p.position_id  # the roster export's: a group's rows share it
        else:
            row_id[p.row] = ids.for_person(p)
    roles, stubs, mapped = _role_ids(roster, catalog, settings)
    unit_rows, units = _units(roster, catalog)
    positions: dict[str, dict] = {}
    holders: dict[str, list] = {}
    open_seats: dict[str, int] = {}
    unnamed: dict[str, int] = {}  # filled seats the export names no one in (the org did not, or the audience)
    levels: dict[str, dict[str, int]] = {}
    for p in people:
        pid = row_id[p.row]
        if pid not in positions:
            positions[pid] = _position(p, pid, roles[p.row], unit_rows.get(p.row), row_id)
            holders[pid], open_seats[pid], unnamed[pid], levels[pid] = [], 0, 0, {}
        if p.seat_level:
            levels[pid][p.seat_level] = levels[pid].get(p.seat_level, 0) + 1
        if p.open:
            open_seats[pid] += 1
        elif not p.name:
            unnamed[pid] += 1
        else:
            holders[pid].append(_holder(p, positions[pid].get("fte", 1)))
    for pid, pos in positions.items():
        held, vacant = len(holders[pid]), open_seats[pid]
        seats = 1 if pos.get("kind") == "co-head" else held + unnamed[pid] + vacant
        if held:
            pos["holders"] = holders[pid]
        if vacant:  # on a job share with holders, open: true is the half they leave
            pos["open"] = True if vacant == seats or pos.get("kind") == "co-head" else vacant
        if seats != max(1, held) and pos.get("kind") != "co-head":
            pos["count"] = seats
        if levels[pid]:
            pos["levels"] = levels[pid]
    out = list(positions.values())
    groups = 0
    if settings.group_identical:
        out, groups = _group(out, ids)
    manager_of = {pos["id"]: pos.get("reports_to") for pos in out}
    unit_of = {pos["id"]: pos["unit"] for pos in out if pos.get("unit")}
    parents = {uid: parent for uid, (_, parent) in catalog.units.items()} | \
              {uid: u.get("parent") for uid, u in units.items()}
    _leads(units, unit_of, manager_of, parents)
    for pos in out:
        _order(pos)
    return Imported(out, units, stubs, row_id, mapped, groups)


_KEYS = ("id", "role", "title", "kind", "holders", "open", "count", "levels", "reports_to", "dotted_lines", "unit",
         "workforce", "fte", "attributes")


def _order(pos: dict) -> None:
    items = sorted(pos.items(), key=lambda kv: _KEYS.index(kv[0]))
    pos.clear()
    pos.update(items)


def _position(p: Person, pid: str, role: tuple[str, str | None], unit: str | None, row_id: dict[int, str]) -> dict:
    pos: dict = {"id": pid, "role": role[0]}
    if role[1]:
        pos["title"] = role[1]
    if p.kind:
        pos["kind"] = p.kind
    if p.manager is not None:
        pos["reports_to"] = row_id[p.manager]
    elif p.manager_external:
        pos["reports_to"] = p.manager_external
    if p.dotted or p.dotted_external:
        pos["dotted_lines"] = [{"to": row_id[d]} for d in p.dotted] + [{"to": e} for e in p.dotted_external]
    if unit:
        pos["unit"] = unit
    if p.workforce != "employee":
        pos["workforce"] = p.workforce
    fte = p.position_fte if p.position_fte is not None else p.fte
    if fte is not None and fte != 1:
        pos["fte"] = fte
    attributes = {k: v for k, v in p.attributes.items() if k not in _PERSONAL}
    if attributes:
        pos["attributes"] = attributes
    return pos


def _holder(p: Person, seat_fte: float) -> str | dict:
    """A name, or the name with what is the person's own: email, employee id, hire date, FTE (when the export
    says the seat's differs) and salary."""
    own: dict = {}
    for key in ("email", "employee_id", "hire_date"):
        value = p.attributes.get(key)
        if key == "employee_id" and value is None:  # SCIM's employeeNumber when there is no other id
            value = p.attributes.get("employee_number")
        if value is not None:
            own[key] = value
    if p.position_fte is not None and p.fte is not None and p.fte != seat_fte:
        own["fte"] = p.fte
    if p.salary is not None:
        own["salary"] = int(p.salary) if float(p.salary).is_integer() else p.salary
    if p.attributes.get("photo_url"):  # not a field: import downloads it when asked, or drops it (PHOTO_URL)
        own[PHOTO_URL] = p.attributes["photo_url"]
    return {"name": p.name, **own} if own else p.name  # type: ignore[return-value]


PHOTO_URL = "photo_url"  # on a holder dict only until import has downloaded it (photo) or dropped it


# a person's, not the seat's: never a position attribute (attributes group seats in stats and reach every
# audience). email, employee id and hire date go on the holder; a photo URL is downloaded into the holder's
# photo by import --download-photos, else dropped (issue 15)
_PERSONAL = PERSONAL_KEYS


def _group(positions: list[dict], ids: _Ids) -> tuple[list[dict], int]:
    """Seats with the same title, role, manager, unit, workforce type, FTE and shared attributes fold into one
    group: a count and its holders. Managers, positions with dotted lines and open seats stay as they are."""
    managers = {pos.get("reports_to") for pos in positions}
    managers |= {d["to"] for pos in positions for d in pos.get("dotted_lines", [])}
    folds: dict[tuple, list[dict]] = {}
    for pos in positions:
        if pos["id"] in managers or pos.get("dotted_lines") or pos.get("open") or pos.get("count") or \
                pos.get("kind") or pos.get("levels"):
            continue
        shared = {k: v for k, v in pos.get("attributes", {}).items() if k not in _PERSONAL}
        key = (pos["role"], pos.get("title"), pos.get("reports_to"), pos.get("unit"), pos.get("workforce"),
               pos.get("fte"), tuple(sorted(shared.items())))
        folds.setdefault(key, []).append(pos)
    merged: dict[str, dict] = {}  # id of the first member -> the group
    dropped: set[str] = set()
    groups = 0
    for key, members in folds.items():
        if len(members) < 2:
            continue
        groups += 1
        first = members[0]
        title = first.get("title") or first["role"]
        gid = ids.new("group:" + "|".join(str(k) for k in key),
                      slug(f"{title}-{first.get('reports_to') or 'top'}"))
        group = {k: v for k, v in first.items() if k not in ("holders", "attributes")}
        group["id"] = gid
        group["holders"] = [h for m in members for h in m.get("holders", [])]
        group["count"] = len(members)
        shared = dict(key[-1])
        if shared:
            group["attributes"] = shared
        merged[first["id"]] = group
        dropped.update(m["id"] for m in members[1:])
    return [merged.get(pos["id"], pos) for pos in positions if pos["id"] not in dropped], groups
