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


WORKFORCE_NOTE = {"contractor": ("contractor", "contractors"), "intern": ("intern", "interns")}


def relations(a: Analysis) -> list[tuple[str, str, str]]:
    """Every dotted line as (from, to, label), whichever end it is written at (a position's `to:` or `from:`, or
    an external's `to:`), so both ends' pages show it."""
    out = []
    for pos in a.org.positions:
        for line in pos.dotted_lines:
            out.append((pos.id, line.other, line.label or "") if line.outgoing
                       else (line.other, pos.id, line.label or ""))
    for eid, ext in a.org.externals.items():
        out += [(eid, line.to, line.label or "") for line in ext.dotted_lines]
    return out


def placement(a: Analysis, role_id: str, lines: list[tuple[str, str, str]] | None = None) -> dict:
    """Positions holding the role, whom they report to, who reports to them, who supports them (staff) and
    which vendor teams they work with, their dotted lines, and their units."""
    tree, cat, org = a.tree, a.catalog, a.org
    nodes = tree.by_role.get(role_id, [])
    managers: Counter = Counter()
    reports: Counter = Counter()  # (title, workforce) -> seats per seat of the role: the reports a span counts
    staff: dict[str, None] = {}
    vendors: Counter = Counter()  # a vendor team is no one's report (analyse/seats.py)
    units: dict[str, None] = {}  # in order of first appearance
    holders: list[str] = []
    # the positions behind each named thing, so a site can link it (views say which; outputs make the links)
    behind: dict[tuple[str, object], list[str]] = {}
    unit_ids: dict[str, str] = {}
    for n in nodes:
        if n.parent:
            managers[cat.title(tree.nodes[n.parent].position)] += 1
            behind.setdefault(("manager", cat.title(tree.nodes[n.parent].position)), []).append(n.parent)
        elif n.external_parent and n.external_parent in org.externals:
            managers[org.externals[n.external_parent].name + " (outside the org)"] += 1
        for c in n.children:
            child = tree.nodes[c].position
            if child.workforce == "vendor":
                vendors[cat.title(child)] += child.seats
                behind.setdefault(("vendor", cat.title(child)), []).append(c)
            elif child.kind == "staff":
                staff.setdefault(cat.title(child))
                behind.setdefault(("staff", cat.title(child)), []).append(c)
            else:
                reports[(cat.title(child), child.workforce)] += child.seats / n.seats  # per seat of the role
                behind.setdefault(("report", (cat.title(child), child.workforce)), []).append(c)
        if n.unit:
            units.setdefault(org.units[n.unit].name)
            unit_ids.setdefault(org.units[n.unit].name, n.unit)
        holders += n.position.holder_names()

    def refs(kind: str, key: object) -> dict:
        """The one position behind a named thing (else none), and the role they all hold (else none)."""
        ids = list(dict.fromkeys(behind.get((kind, key), [])))
        roles = {tree.nodes[i].position.role for i in ids}
        return {"position": ids[0] if len(ids) == 1 else "",
                "role": (next(iter(roles)) or "") if len(roles) == 1 else ""}

    def name(ref: str) -> str:
        return cat.title(tree.nodes[ref].position) if ref in tree.nodes else org.externals[ref].name

    mine = {n.id for n in nodes}
    dotted: dict[str, dict] = {}
    for src, dst, label in relations(a) if lines is None else lines:
        for end, other, word in ((src, dst, "to"), (dst, src, "from")):
            if end in mine and (other in tree.nodes or other in org.externals):
                dotted.setdefault(f"{word} {name(other)}" + (f" — {label}" if label else ""),
                                  {"word": word, "title": name(other), "label": label,
                                   "position": other if other in tree.nodes else "", "role": ""})
    direct = [{"title": t, "seats": round(s, 1) if s % 1 else int(s),
               "note": WORKFORCE_NOTE[w][s > 1] if w in WORKFORCE_NOTE else "", **refs("report", (t, w))}
              for (t, w), s in reports.items()]
    return {
        "positions": [{"id": n.id, "title": cat.title(n.position), "seats": n.seats,
                       "open": n.position.open_seats} for n in nodes],
        "headcount": sum(n.seats for n in nodes),
        "open": sum(n.position.open_seats for n in nodes),
        "reports_to": list(managers),
        "reports_to_refs": [{"title": t, **refs("manager", t)} for t in managers],
        "direct_reports": direct,
        "staff": list(staff),
        "staff_refs": [{"title": t, **refs("staff", t)} for t in staff],
        "vendor_teams": [{"title": t, "seats": s, **refs("vendor", t)} for t, s in vendors.items()],
        "dotted_lines": list(dotted),
        "dotted_refs": list(dotted.values()),
        "units": list(units),
        "unit_refs": [{"title": u, "unit": unit_ids[u]} for u in units],
        "holders": holders,
        "diagram": {
            "manager": next(iter(managers), ""),
            "role": org.roles[role_id].title,
            "reports": [f"{r['title']} ×{r['seats']:g}" if r["seats"] > 1 else r["title"] for r in direct],
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
              owned: dict[str, list[tuple[int, str]]] | None = None,
              lines: list[tuple[str, str, str]] | None = None) -> dict:
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
    where = placement(a, role_id, lines)
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
    owned, lines = metrics_by_owner(a), relations(a)
    return [role_data(a, rid, include_pay=include_pay, include_names=include_names, owned=owned, lines=lines)
            for rid in a.org.roles]
