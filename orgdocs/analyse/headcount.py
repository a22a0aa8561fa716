"""Headcount and FTE: totals, vacancies, managers vs ICs, and breakdowns by unit, level, role, track.

Headcount counts seats (filled and open); `people` counts the people in the filled ones (co-heads sharing one
seat are two people in one seat); FTE is filled plus open (see analyse/seats.py). All of them, and every
breakdown, count the workforce types in the org's headcount (employees unless `headcount_includes` widens it);
`by_workforce` counts each type apart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from orgdocs.analyse.catalog import Catalog
from orgdocs.analyse.seats import ON_PAYROLL, WORKFORCE_LABELS, level_shares
from orgdocs.analyse.tree import Node, Tree
from orgdocs.model import Org
from orgdocs.model.positions import PERSONAL_KEYS

NONE_LABEL = "(none)"


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    seats: int
    open: int
    fte: float

    def plain(self) -> dict:
        return {"key": self.key, "label": self.label, "headcount": self.seats, "open": self.open,
                "fte": round(self.fte, 3)}


def group_by(nodes: list[Node], key: Callable[[Node], str | None], label: Callable[[str], str]) -> list[Count]:
    """Counts per key, in order of first appearance in the file; positions without a key come last."""
    order: list[str | None] = []
    acc: dict[str | None, list[float]] = {}
    for node in nodes:
        k = key(node)
        if k not in acc:
            acc[k] = [0, 0, 0.0]
            order.append(k)
        acc[k][0] += node.seats
        acc[k][1] += node.count.open
        acc[k][2] += node.count.fte
    order.sort(key=lambda k: k is None)
    return [
        Count(k if k is not None else "", label(k) if k is not None else NONE_LABEL, int(acc[k][0]), int(acc[k][1]),
              acc[k][2])
        for k in order
    ]


def _split_open(node: Node) -> dict[str, int]:
    """Open seats of a group at several levels, per level: which levels are open is not written, so they are
    shared in proportion to the seats (largest remainder; on a tie, the level written first), adding up exactly."""
    shares = level_shares(node.position)
    exact = {lv: node.count.open * share for lv, share in shares.items()}
    out = {lv: int(x) for lv, x in exact.items()}
    left = node.count.open - sum(out.values())
    for lv in sorted(exact, key=lambda lv: -(exact[lv] - out[lv]))[:left]:
        out[lv] += 1
    return out


def by_level(nodes: list[Node], catalog: Catalog) -> list[Count]:
    """group_by level, where a group at several levels (`levels`) counts its seats at each of them."""
    org = catalog.org
    split = "\0levels"  # the key of groups at several levels, counted below level by level
    plain = group_by(nodes, lambda n: split if n.position.levels else catalog.level_id(n.position),
                     lambda k: org.levels[k].name if k in org.levels else k)
    acc = {c.key: [c.seats, c.open, c.fte, c.label] for c in plain if c.key != split}
    for node in nodes:
        if not node.position.levels:
            continue
        opened = _split_open(node)
        for lv, share in level_shares(node.position).items():
            row = acc.setdefault(lv, [0, 0, 0.0, org.levels[lv].name])
            row[0] += node.position.levels[lv]
            row[1] += opened[lv]
            row[2] += node.count.fte * share
    return [Count(k, v[3], int(v[0]), int(v[1]), v[2]) for k, v in acc.items()]


def _attribute_key(value) -> str | None:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or None
    return str(value) if value is not None else None


def group_by_attributes(nodes: list[Node]) -> dict[str, list[Count]]:
    """group_by for every attribute name at once: one pass over the positions, not one per name (an org
    may use as many names as it has positions). Positions without a value are counted as the rest."""
    acc: dict[str, dict[str | None, list[float]]] = {}
    total = [0, 0, 0.0]
    for node in nodes:
        seats, open_seats, fte = node.seats, node.count.open, node.count.fte
        total[0] += seats
        total[1] += open_seats
        total[2] += fte
        for name, value in node.position.attributes.items():
            if name in PERSONAL_KEYS:  # a person's detail an old import wrote here: a table of one seat per row
                continue
            k = _attribute_key(value)
            groups = acc.setdefault(name, {})
            if k is None:
                continue
            row = groups.setdefault(k, [0, 0, 0.0])
            row[0] += seats
            row[1] += open_seats
            row[2] += fte
    out = {}
    for name in sorted(acc):
        counts = [Count(k, k, int(v[0]), int(v[1]), v[2]) for k, v in acc[name].items()]
        rest = [total[i] - sum(v[i] for v in acc[name].values()) for i in range(3)]
        if rest[0]:  # every position has at least one seat
            counts.append(Count("", NONE_LABEL, int(rest[0]), int(rest[1]), rest[2]))
        out[name] = counts
    return out


def by_workforce(tree: Tree) -> list[dict]:
    """Seats, people, FTE and open seats of each workforce type present, in a fixed order; whether the type is in
    headcount and on payroll."""
    acc: dict[str, list[float]] = {}
    for node in tree.nodes.values():
        c = node.count
        row = acc.setdefault(node.position.workforce, [0, 0, 0, 0.0, 0.0])
        for i, v in enumerate((c.seats, c.open, c.people, c.filled_fte, c.open_fte)):
            row[i] += v
    return [
        {"key": k, "label": label, "seats": int(v[0]), "open": int(v[1]), "people": int(v[2]),
         "fte": round(v[3] + v[4], 3), "open_fte": round(v[4], 3), "in_headcount": k in tree.headcount_includes,
         "on_payroll": k in ON_PAYROLL}
        for k, label in WORKFORCE_LABELS.items() if (v := acc.get(k)) is not None
    ]


def headcount(org: Org, tree: Tree, catalog: Catalog) -> dict:
    nodes = tree.in_headcount()
    seats = sum(n.seats for n in nodes)
    vacancies = sum(n.count.open for n in nodes)
    managers = sum(n.seats for n in nodes if n.is_manager)  # seats: co-heads sharing one seat are one manager
    filled_fte = sum(n.count.filled_fte for n in nodes)
    open_fte = sum(n.count.open_fte for n in nodes)
    ics = seats - managers

    by_unit = group_by(nodes, lambda n: n.unit, lambda k: org.units[k].name)
    levels = by_level(nodes, catalog)
    levels.sort(key=lambda c: (c.key == "", -(org.levels[c.key].rank if c.key in org.levels else 0)))
    by_role = group_by(nodes, lambda n: n.position.role, lambda k: org.roles[k].title)
    by_track = group_by(nodes, lambda n: catalog.track_id(n.position),
                        lambda k: org.tracks[k].name if k in org.tracks else k)
    by_attribute = {name: [c.plain() for c in counts] for name, counts in group_by_attributes(nodes).items()}
    return {
        "headcount": seats,
        "filled": seats - vacancies,
        "vacancies": vacancies,
        "people": sum(n.count.people for n in nodes),
        "fte": round(filled_fte + open_fte, 3),
        "filled_fte": round(filled_fte, 3),
        "open_fte": round(open_fte, 3),
        "positions": len(tree.nodes),  # boxes, of every workforce type
        "managers": managers,
        "ics": ics,
        "ics_per_manager": round(ics / managers, 2) if managers else None,
        "by_unit": [c.plain() for c in by_unit],
        "by_level": [c.plain() for c in levels],
        "by_role": [c.plain() for c in by_role],
        "by_track": [c.plain() for c in by_track],
        "by_attribute": by_attribute,
        "headcount_includes": [k for k in WORKFORCE_LABELS if k in tree.headcount_includes],
        "by_workforce": by_workforce(tree),
    }
