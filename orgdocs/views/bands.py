"""Pay bands as data: the band table (spread, midpoint progression, overlap, variable pay, zones) and
actual pay against the bands (compa-ratios) where positions carry salaries.

A band is shown in its own currency; progression, overlap, gaps and the chart's axis use the org's currency,
so a yen band sits where its converted amounts belong."""

from __future__ import annotations

from orgdocs.analyse.money import amount
from orgdocs.analyse.pay import variable_share
from orgdocs.analyse.promotions import level_code
from orgdocs.analyse.seats import on_payroll
from orgdocs.analyse.summary import Analysis
from orgdocs.model import Band, Position
from orgdocs.views.format import incentive, money, span


def _ordered_bands(a: Analysis) -> list[tuple[str, Band]]:
    """Level bands by track then rank, then role bands by their role's level rank."""
    org = a.org

    def key(item: tuple[str, Band]):
        bid, band = item
        level = band.level or (org.roles[band.role].level if band.role and org.roles[band.role].level else None)
        lv = org.levels.get(level) if level else None
        track = (lv.track if lv else None) or ""
        return (track, lv.rank if lv else 0, band.role is not None, band.min * a.catalog.rate(band))

    return sorted(org.compensation.bands.items(), key=key)


def band_label(a: Analysis, bid: str, band: Band) -> str:
    if band.title:
        return band.title
    if band.role:
        return a.org.roles[band.role].title
    if band.level:
        return a.org.levels[band.level].name
    return bid


def bands(a: Analysis, findings: list | None = None) -> dict:
    org = a.org
    currency = org.currency()
    rows = []
    roles_on: dict[str, list[str]] = {}  # band -> role ids, in catalog order: one pass, not one per band
    for rid in org.roles:
        roles_on.setdefault(a.catalog.band_id_for_role(rid) or "", []).append(rid)
    salaried = _salaried_by_band(a)
    ordered = _ordered_bands(a)
    for i, (bid, band) in enumerate(ordered):
        prev = ordered[i - 1][1] if i > 0 else None
        nxt = ordered[i + 1][1] if i + 1 < len(ordered) else None
        track = _track(a, band)

        def same_track(other: Band | None, track: str | None = track) -> bool:
            return other is not None and _track(a, other) == track

        role_ids = roles_on.get(bid, [])
        share, source = variable_share(a.catalog, role_ids[0] if role_ids else None)
        plan = a.catalog.incentive(role_ids[0]) if role_ids else None
        mix = a.catalog.pay_mix(role_ids[0]) if role_ids else None
        if mix is None and band.level:
            mix = next((m for m in org.compensation.pay_mix if m.level == band.level), None)
        own = band.currency or currency
        rate = a.catalog.rate(band)
        lo, mid, hi = band.min * rate, band.midpoint * rate, band.max * rate
        overlap = gap = progression = None
        if same_track(nxt):
            n_rate = a.catalog.rate(nxt)
            n_lo, n_hi = nxt.min * n_rate, nxt.max * n_rate
            if hi > n_lo:
                overlap = (hi - n_lo) / (n_hi - n_lo) if n_hi > n_lo else 1.0
            elif n_lo > hi:
                gap = n_lo - hi
        if same_track(prev) and prev.midpoint:
            progression = mid / (prev.midpoint * a.catalog.rate(prev)) - 1
        rows.append({
            "id": bid,
            "label": band_label(a, bid, band),
            "level": org.levels[band.level].name if band.level else "",
            "code": level_code(org, band.level or (org.roles[band.role].level if band.role else None)),
            "track": org.tracks[_track(a, band)].name if _track(a, band) in org.tracks else "",
            "roles": [org.roles[rid].title for rid in role_ids],
            "role_refs": [{"title": org.roles[rid].title, "role": rid} for rid in role_ids],
            "min": lo, "mid": mid, "max": hi,  # in the org's currency
            "currency": own,
            "mid_stated": band.mid is not None,
            "min_text": money(band.min, own),
            "mid_text": money(band.midpoint, own),
            "max_text": money(band.max, own),
            "converted_text": f"≈ {money(mid, currency)}" if own != currency else "",
            "spread": (band.max - band.min) / band.min if band.min else None,
            "progression": progression,
            "overlap_next": overlap,
            "gap_next": gap,
            "variable": f"{plan.target_pct:g}% of base" if plan else (f"{mix.variable_pct}% of pay" if mix else ""),
            "variable_share": share,
            "mix": {"base": f"{mix.base_pct}%", "variable": f"{mix.variable_pct}%", "tied_to": list(mix.tied_to)}
            if mix else None,
            "zones": [
                {"zone": org.compensation.zones[z].name if z in org.compensation.zones else z,
                 "min": money(amounts.min, own), "mid": money(amounts.midpoint, own),
                 "max": money(amounts.max, own)}
                for z, amounts in band.zones.items()
            ] + [
                {"zone": zone.name, "min": money(band.min * zone.factor, own),
                 "mid": money(band.midpoint * zone.factor, own), "max": money(band.max * zone.factor, own),
                 "factor": zone.factor}
                for zid, zone in org.compensation.zones.items() if zid not in band.zones
            ],
            "note": band.note or "",
            "pay": _actual_pay(a, band, salaried.get(bid, [])),
        })
    comp = org.compensation
    return {
        "currency": currency,
        "rows": rows,
        "zones": [{"id": z, "name": zone.name, "factor": zone.factor, "description": zone.description or ""}
                  for z, zone in comp.zones.items()],
        "incentive_plans": [
            {**incentive(p), "metrics": list(p.metrics), "description": p.description or "",
             "applies_to": [org.roles[r].title for r in p.roles] + [org.levels[lv].name for lv in p.levels]}
            for p in comp.incentive_plans.values()
        ],
        "pay_mix": [
            {"who": org.levels[m.level].name if m.level else org.roles[m.role].title,
             "base": f"{m.base_pct}%", "variable": f"{m.variable_pct}%", "tied_to": list(m.tied_to)}
            for m in comp.pay_mix
        ],
        "variable_components": [{"name": v.name, "description": v.description or ""}
                                for v in comp.variable_components],
        "notes": list(comp.notes),
        # an accepted finding is listed with its reason, not hidden
        "warnings": [f.message + (f" — accepted: {f.reason}" if f.severity == "accepted" else "")
                     for f in (findings or []) if f.code.startswith("band-")],
        "without_band": without_band(a),
        "has_pay": any(r["pay"] for r in rows),
    }


def without_band(a: Analysis) -> list[dict]:
    """Roles in the catalog that no band prices, with the seats they have (0: in the catalog only). Roles held only
    by contractors or vendor teams are left out: they are paid by contract, not from bands."""
    org = a.org
    if not org.compensation.bands:
        return []  # the document says no bands are defined at all
    out = []
    for rid, role in org.roles.items():
        nodes = a.tree.by_role.get(rid, [])
        if a.catalog.band_id_for_role(rid) is not None or (nodes and not any(on_payroll(n.position) for n in nodes)):
            continue
        out.append({"title": role.title, "code": level_code(org, role.level),
                    "level": org.levels[role.level].name if role.level else "",
                    "seats": sum(n.seats for n in nodes if on_payroll(n.position))})
    return out


def _track(a: Analysis, band: Band) -> str | None:
    level = band.level or (a.org.roles[band.role].level if band.role else None)
    return a.org.levels[level].track if level and level in a.org.levels else None


def _salaried_by_band(a: Analysis) -> dict[str, list[Position]]:
    """Positions on each band that have a holder with a salary, in walk order."""
    out: dict[str, list[Position]] = {}
    for node in a.tree.walk():
        pos = node.position
        bid = a.catalog.band_id_for_role(pos.role) if pos.role else None
        if bid and any(not isinstance(h, str) and h.salary is not None for h in pos.holders):
            out.setdefault(bid, []).append(pos)
    return out


def _actual_pay(a: Analysis, band: Band, positions: list[Position]) -> list[dict]:
    """Holders with a salary on this band: pay and compa-ratio (pay / the midpoint of their zone)."""
    out = []
    for pos in positions:
        for holder in pos.holders:
            if isinstance(holder, str) or holder.salary is None:
                continue
            zone = holder.zone or pos.zone
            mid = a.catalog.zone_midpoint(band, zone)
            # a salary is in its band's currency, so the compa-ratio needs no rate
            out.append({"name": holder.name, "position": a.catalog.title(pos), "salary": holder.salary,
                        "salary_text": amount(holder.salary) + (
                            f" {band.currency}" if band.currency and band.currency != a.org.currency() else ""),
                        "salary_org": holder.salary * a.catalog.rate(band),
                        "compa_ratio": holder.salary / mid if mid else None, "zone": zone or ""})
    return out


def has_band_document(a: Analysis) -> bool:
    comp = a.org.compensation
    return bool(comp.bands or comp.pay_mix or comp.incentive_plans)


__all__ = ["bands", "band_label", "has_band_document", "span"]
