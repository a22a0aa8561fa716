"""Unit pages as data (issue 14): a unit's lead, its positions, the units nested in it and its numbers rolled up
the unit tree (analyse/units.py); its cost only in numbers that carry the payroll estimate (the audience sees
pay: views.audience.numbers_for leaves it out otherwise)."""

from __future__ import annotations

from orgdocs.analyse.money import money
from orgdocs.analyse.summary import Analysis, Numbers
from orgdocs.views.positions import unit_trail


def _tally(t) -> dict:
    return {"headcount": t.headcount, "filled": t.filled, "open": t.open, "people": t.people, "fte": f"{t.fte:g}"}


def units(a: Analysis, shown: Numbers) -> list[dict]:
    """Every unit, depth-first (each unit followed by those nested in it), as `shown` counts it."""
    org, tree, cat = a.org, a.tree, a.catalog
    rollups = {r.key: r for r in shown.unit_tree if r.key}
    costs = {c.key: c for c in shown.payroll.unit_tree} if shown.payroll else {}
    members: dict[str, list[dict]] = {}
    for node in tree.walk():
        if node.unit:
            members.setdefault(node.unit, []).append({"id": node.id, "title": cat.title(node.position),
                                                      "seats": node.seats})
    children: dict[str, list[dict]] = {}
    for uid, unit in org.units.items():
        if unit.parent in org.units:
            children.setdefault(unit.parent, []).append({"id": uid, "name": unit.name})
    out = []
    for uid in rollups:
        unit, r = org.units[uid], rollups[uid]
        lead = tree.nodes.get(unit.lead) if unit.lead else None
        cost = costs.get(uid)
        out.append({
            "id": uid,
            "name": unit.name,
            "description": unit.description or "",
            "focus_areas": list(unit.focus_areas),
            "lead": {"id": lead.id, "title": cat.title(lead.position)} if lead else None,
            "parent": {"id": unit.parent, "name": org.units[unit.parent].name} if unit.parent in org.units else None,
            "trail": unit_trail(a, uid),
            "positions": members.get(uid, []),
            "units": children.get(uid, []),
            "own": _tally(r.own),
            "total": _tally(r.total),
            "cost": {"own": money(cost.own, shown.payroll.currency), "total": money(cost.total, shown.payroll.currency)}
            if cost is not None and shown.payroll else None,
        })
    return out
