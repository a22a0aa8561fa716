"""Payroll estimate: band midpoint (scaled by pay zone) × FTE for every seat, plus the variable pay at target; in
the org's currency (a band in another currency is converted at the rate in `currencies`). Filled seats weigh by
each holder's FTE and zone (else the position's), so a 0.5 + 0.5 job share costs one seat; open seats weigh by
the position's FTE and are also reported apart (`open_seats_cost`). Only payroll is priced: employees and
interns; contractors and vendor teams are left out (analyse/seats.py), neither priced nor unpriced."""

from __future__ import annotations

from orgdocs.analyse.catalog import Catalog
from orgdocs.analyse.seats import level_shares, occupancy, on_payroll
from orgdocs.analyse.tree import Node, Tree
from orgdocs.analyse.units import roll_up, unit_order
from orgdocs.model import Band, Org, Position


def variable_share(catalog: Catalog, role_id: str | None) -> tuple[float, str]:
    """Variable pay as a fraction of base, and where that figure comes from."""
    plan = catalog.incentive(role_id)
    if plan is not None:
        return plan.target_pct / 100, f"incentive plan {plan.name}"
    mix = catalog.pay_mix(role_id)
    if mix is not None:
        return mix.variable_pct.mid / mix.base_pct.mid, "base/variable mix midpoints"
    return 0.0, "none"


def priced_bands(catalog: Catalog, pos: Position) -> list[tuple[Band, float]] | None:
    """The bands a position's seats are priced on, with the share of its seats on each: its role's band, or for
    a group at several levels (`levels`) each level's band; None when a band is missing."""
    shares = level_shares(pos)
    if not shares:
        band = catalog.band(pos)
        return [(band, 1.0)] if band is not None else None
    ids = {lv: catalog.band_id_for_level(lv) for lv in shares}
    if None in ids.values():
        return None
    bands = catalog.org.compensation.bands
    return [(bands[ids[lv]], share) for lv, share in shares.items()]


def position_cost(catalog: Catalog, node: Node) -> dict | None:
    """Base and variable pay of every seat of the position, and the part of them (`open`) for its open seats."""
    pos = node.position
    priced = priced_bands(catalog, pos)
    if priced is None:
        return None
    share, source = variable_share(catalog, pos.role)
    filled = open_base = 0.0
    for band, weight in priced:  # a group at several levels: each level's seats at its own band
        rate = catalog.rate(band) * weight
        filled += sum(o.n * o.fte * catalog.zone_midpoint(band, o.zone) for o in occupancy(pos)) * rate
        open_base += node.count.open_fte * catalog.zone_midpoint(band, pos.zone) * rate
    base = filled + open_base
    return {"base": base, "variable": base * share, "variable_source": source, "open": open_base * (1 + share)}


def payroll(org: Org, tree: Tree, catalog: Catalog) -> dict:
    base = variable = 0.0
    open_cost = 0.0
    priced = unpriced = 0
    by_unit: dict[str | None, list[float]] = {}
    missing: list[str] = []
    rates: dict[str, float] = {}
    for node in tree.walk():
        if not on_payroll(node.position):
            continue
        cost = position_cost(catalog, node)
        if cost is None:
            unpriced += node.seats
            missing.append(node.id)
            continue
        priced += node.seats
        for band, _ in priced_bands(catalog, node.position) or []:
            if band.currency and band.currency != org.currency():
                rates[band.currency] = org.rate(band.currency)
        base += cost["base"]
        variable += cost["variable"]
        open_cost += cost["open"]
        unit = by_unit.setdefault(node.unit, [0.0, 0.0, 0])
        unit[0] += cost["base"]
        unit[1] += cost["variable"]
        unit[2] += node.seats
    return {
        "currency": org.currency(),
        "base": round(base, 2),
        "variable": round(variable, 2),
        "total": round(base + variable, 2),
        "open_seats_cost": round(open_cost, 2),
        "priced_headcount": priced,
        "unpriced_headcount": unpriced,
        "unpriced_positions": missing,
        "rates": dict(sorted(rates.items())),
        "by_unit": [
            {"key": k or "", "label": org.units[k].name if k else "(none)", "headcount": v[2],
             "base": round(v[0], 2), "variable": round(v[1], 2), "total": round(v[0] + v[1], 2)}
            for k, v in sorted(by_unit.items(), key=lambda kv: kv[0] is None)
        ],
        "unit_tree": unit_costs(org, {k: v[0] + v[1] for k, v in by_unit.items()}),
    }


def unit_costs(org: Org, own: dict[str | None, float]) -> list[dict]:
    """Cost (base and variable) of each unit's own positions and of its whole subtree of units, in unit tree
    order."""
    total = roll_up(org, own)
    return [{"key": uid, "label": org.units[uid].name, "depth": depth, "own": round(own.get(uid, 0.0), 2),
             "total": round(total[uid], 2)} for uid, depth in unit_order(org)]
