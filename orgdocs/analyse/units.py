"""Units as a tree, and managers' subtrees: seats, people and FTE counted once per position (analyse/seats.py)
and added up the unit tree (`Unit.parent`) and down the reporting tree.

A position belongs to its effective unit (its own `unit`, else its nearest manager's: analyse/tree.py), the same
unit `stats` has always counted it in. A unit's `own` figures are its positions'; its `total` adds every unit
nested under it, so a director alone in 'Infrastructure' whose 14 reports sit in two sub-units shows own 1 and
total 15. Validation has already refused units nested in a cycle, so walking up the parents ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from orgdocs.analyse.seats import SeatCount
from orgdocs.analyse.tree import Tree
from orgdocs.model import Org

NONE_LABEL = "(none)"


@dataclass(frozen=True)
class Tally:
    """Seats, people and FTE of some positions (sums of analyse/seats.py counts)."""

    headcount: int = 0
    filled: int = 0
    open: int = 0
    people: int = 0
    fte: float = 0.0
    filled_fte: float = 0.0
    open_fte: float = 0.0

    def plus(self, other: Tally | SeatCount) -> Tally:
        seats = other.seats if isinstance(other, SeatCount) else other.headcount
        return Tally(self.headcount + seats, self.filled + other.filled, self.open + other.open,
                     self.people + other.people, self.fte + other.fte, self.filled_fte + other.filled_fte,
                     self.open_fte + other.open_fte)

    def rounded(self) -> Tally:
        return Tally(self.headcount, self.filled, self.open, self.people, round(self.fte, 3),
                     round(self.filled_fte, 3), round(self.open_fte, 3))


@dataclass(frozen=True)
class UnitRollup:
    key: str  # "" for the positions in no unit
    label: str
    parent: str | None
    depth: int  # 0 for a top unit (and for the positions in no unit)
    own: Tally  # positions whose effective unit is this one
    total: Tally  # own plus every unit nested under it


@dataclass(frozen=True)
class ManagerReports:
    id: str
    title: str
    unit: str | None
    direct_reports: int  # seats reporting to it directly
    total_reports: int  # seats in its subtree, all the way down (not counting its own), every workforce type but
    # vendor teams: everyone who reports up to it, so never fewer than its direct reports
    total_people: int
    total_fte: float  # filled and open


def unit_order(org: Org) -> list[tuple[str, int]]:
    """Every unit with its depth, depth-first: each unit followed by the units nested in it, in file order."""
    children: dict[str | None, list[str]] = {}
    for uid, unit in org.units.items():
        parent = unit.parent if unit.parent in org.units else None
        children.setdefault(parent, []).append(uid)
    out: list[tuple[str, int]] = []
    stack = [(uid, 0) for uid in reversed(children.get(None, []))]
    while stack:
        uid, depth = stack.pop()
        out.append((uid, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(uid, [])))
    return out


def ancestors(org: Org, uid: str) -> Iterable[str]:
    """The unit and each unit it is nested in, up to the top."""
    seen: set[str] = set()
    while uid in org.units and uid not in seen:  # seen: a guard only; validation refuses unit cycles
        seen.add(uid)
        yield uid
        uid = org.units[uid].parent


def roll_up(org: Org, own: dict[str | None, float]) -> dict[str, float]:
    """Each unit's value plus those of the units nested in it (`own` keyed by unit; None: in no unit)."""
    total = {uid: 0.0 for uid in org.units}
    for uid, value in own.items():
        for up in ancestors(org, uid) if uid is not None else ():
            total[up] += value
    return total


def unit_rollups(org: Org, tree: Tree) -> list[UnitRollup]:
    own: dict[str | None, Tally] = {}
    for node in tree.in_headcount():  # the headcount's basis (`headcount_includes`): totals add up to it
        own[node.unit] = own.get(node.unit, Tally()).plus(node.count)
    total: dict[str, Tally] = {uid: Tally() for uid in org.units}
    for uid, tally in own.items():
        for up in ancestors(org, uid) if uid is not None else ():
            total[up] = total[up].plus(tally)
    rows = [UnitRollup(uid, org.units[uid].name, org.units[uid].parent, depth,
                       own.get(uid, Tally()).rounded(), total[uid].rounded())
            for uid, depth in unit_order(org)]
    if None in own:
        rows.append(UnitRollup("", NONE_LABEL, None, 0, own[None].rounded(), own[None].rounded()))
    return rows


def manager_reports(tree: Tree, title) -> list[ManagerReports]:
    """Direct and total reports of every manager, in walk order. `title`: a position's title (the catalog's)."""
    below: dict[str, Tally] = {}
    order = list(tree.walk())
    for node in reversed(order):  # reports before their managers: one pass, whatever the depth
        sub = Tally()
        for child in node.children:
            if tree.nodes[child].position.workforce == "vendor":  # a relationship, not reports
                continue
            sub = sub.plus(below[child]).plus(tree.nodes[child].count)
        below[node.id] = sub
    return [ManagerReports(n.id, title(n.position), n.unit, tree.direct_report_seats(n.id),
                           below[n.id].headcount, below[n.id].people, round(below[n.id].fte, 3))
            for n in order if n.is_manager]
