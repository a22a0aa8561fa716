"""Role descriptions as data: what the role is, where it sits, what it pays (HR only), where it leads."""

from __future__ import annotations

from collections import Counter

from orgdocs.analyse.summary import Analysis
from orgdocs.model import Metric
from orgdocs.views.format import incentive, metric_current, metric_target, money
from orgdocs.views.ladders import path_for_role


def _kpi(metric: Metric, mid: str | None = None) -> dict:
    return {"id": mid or "", "name": metric.name, "target": metric_target(metric),
            "current": metric_current(metric), "category": metric.category or "",
            "description": metric.description or ""}


def placement(a: Analysis, role_id: str) -> dict:
    """Positions holding the role, whom they report to, who reports to them, and in which units."""
    tree, cat, org = a.tree, a.catalog, a.org
    nodes = tree.by_role.get(role_id, [])
    managers: Counter = Counter()
    reports: Counter = Counter()
    units: dict[str, None] = {}  # in order of first appearance
    holders: list[str] = []
    vendors: list = []
    for n in nodes:
        if n.parent:
            managers[cat.title(tree.nodes[n.parent].position)] += 1
        elif n.external_parent and n.external_parent in org.externals:
            managers[org.externals[n.external_parent].name + " (outside the org)"] += 1
        for c in n.children:
            if tree.nodes[c].position.workforce == "vendor":  # a relationship, not reports: listed with the lines
                vendors.append(tree.nodes[c])
                continue
            reports[cat.title(tree.nodes[c].position)] += tree.nodes[c].seats / n.seats  # per seat of the role
        if n.unit:
            units.setdefault(org.units[n.unit].name)
        holders += n.position.holder_names()
    dotted = []
    for n in nodes:
        for line in n.position.dotted_lines:
            other = (cat.title(tree.nodes[line.other].position) if line.other in tree.nodes
                     else org.externals[line.other].name)
            target = other if line.outgoing else f"from {other}"
            dotted.append(target + (f" — {line.label}" if line.label else ""))
    named = {line.other for n in nodes for line in n.position.dotted_lines}
    dotted += [f"{cat.title(v.position)}: vendor team of {v.seats}" for v in vendors if v.id not in named]
    return {
        "positions": [{"id": n.id, "title": cat.title(n.position), "seats": n.seats,
                       "open": n.position.open_seats} for n in nodes],
        "headcount": sum(n.seats for n in nodes),
        "open": sum(n.position.open_seats for n in nodes),
        "reports_to": list(managers),
        "direct_reports": [{"title": t, "seats": round(s, 1) if s % 1 else int(s)} for t, s in reports.items()],
        "dotted_lines": dotted,
        "units": list(units),
        "holders": holders,
        "diagram": {
            "manager": next(iter(managers), ""),
            "role": org.roles[role_id].title,
            "reports": [f"{t} ×{s:g}" if s > 1 else t for t, s in reports.items()],
        },
    }


def pay(a: Analysis, role_id: str) -> dict | None:
    bid = a.catalog.band_id_for_role(role_id)
    org = a.org
    cur = org.currency()
    band = org.compensation.bands.get(bid) if bid else None
    plan = a.catalog.incentive(role_id)
    mix = a.catalog.pay_mix(role_id)
    if band is None and plan is None and mix is None:
        return None
    return {
        "band": {"name": bid, "min": money(band.min, band.currency or cur),
                 "mid": money(band.midpoint, band.currency or cur), "max": money(band.max, band.currency or cur),
                 "zones": [{"zone": org.compensation.zones[z].name if z in org.compensation.zones else z,
                            "min": money(v.min, band.currency or cur), "max": money(v.max, band.currency or cur)}
                           for z, v in band.zones.items()]}
        if band else None,
        "incentive": incentive(plan, of="base salary") if plan else None,
        "mix": {"base": f"{mix.base_pct}%", "variable": f"{mix.variable_pct}%", "tied_to": list(mix.tied_to)}
        if mix else None,
    }


def metrics_by_owner(a: Analysis) -> dict[str, list[tuple[int, str]]]:
    """(place in the catalog, metric id) per owner (a role or position id)."""
    out: dict[str, list[tuple[int, str]]] = {}
    for i, (mid, metric) in enumerate(a.org.metrics.items()):
        if metric.owner:
            out.setdefault(metric.owner, []).append((i, mid))
    return out


def role_data(a: Analysis, role_id: str, *, include_pay: bool, include_names: bool = True,
              owned: dict[str, list[tuple[int, str]]] | None = None) -> dict:
    org = a.org
    role = org.roles[role_id]
    level = org.levels.get(role.level) if role.level else None
    track_id = role.track or (level.track if level else None)
    kpis = []
    for k in role.kpis:
        kpis.append(_kpi(org.metrics[k], k) if isinstance(k, str) else _kpi(k))
    placed = a.tree.by_role.get(role_id, [])
    holders = {n.id for n in placed}
    listed = {k for k in role.kpis if isinstance(k, str)}
    owned = metrics_by_owner(a) if owned is None else owned
    mine = sorted({item for owner in [role_id, *holders] for item in owned.get(owner, [])})  # catalog order
    for _, mid in mine:
        if mid not in listed:
            kpis.append(_kpi(org.metrics[mid], mid))
    # position-level text (the seeds list responsibilities on positions too) joins the role's own
    own_resp, own_focus = set(role.responsibilities), set(role.focus_areas)
    extra_resp, extra_focus = [], []
    for node in placed:
        extra_resp += [r for r in node.position.responsibilities if r not in own_resp]
        extra_focus += [f for f in node.position.focus_areas if f not in own_focus]
    where = placement(a, role_id)
    if not include_names:
        where["holders"] = []
    return {
        "id": role_id,
        "title": role.title,
        "family": role.family or "",
        "level": level.name if level else "",
        "level_code": level.code if level and level.code else "",
        "track": org.tracks[track_id].name if track_id in org.tracks else "",
        "summary": role.summary or "",
        "responsibilities": list(role.responsibilities) + list(dict.fromkeys(extra_resp)),
        "focus_areas": list(role.focus_areas) + list(dict.fromkeys(extra_focus)),
        "requirements": list(role.requirements),
        "skills": list(role.skills),
        "kpis": kpis,
        "placement": where,
        "pay": pay(a, role_id) if include_pay else None,
        "pay_shown": include_pay,
        "career": path_for_role(a, role_id),
    }


def roles(a: Analysis, *, include_pay: bool, include_names: bool = True) -> list[dict]:
    """Every role in the catalog, in catalog order; without its holders' names when include_names is false."""
    owned = metrics_by_owner(a)
    return [role_data(a, rid, include_pay=include_pay, include_names=include_names, owned=owned)
            for rid in a.org.roles]
