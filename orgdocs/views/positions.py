"""Position pages as data (issue 14): one per position or group: who holds it (names only where the audience sees
them), its seats, its manager, reports, staff and vendor teams, dotted lines both ways, its unit and its role.
Other positions, units and roles are given by id, so the site can link them."""

from __future__ import annotations

from orgdocs.analyse.summary import Analysis
from orgdocs.analyse.units import ancestors
from orgdocs.views.roles import relations

WORKFORCE_WORDS = {"employee": "Employee", "contractor": "Contractor", "vendor": "Vendor team", "intern": "Intern"}


def _ref(a: Analysis, pid: str) -> dict:
    """Another position (linked) or an external (named only)."""
    if pid in a.tree.nodes:
        node = a.tree.nodes[pid]
        return {"id": pid, "title": a.catalog.title(node.position), "seats": node.seats}
    ext = a.org.externals.get(pid)
    return {"id": "", "title": (ext.name if ext else pid) + " (outside the org)", "seats": 0}


def _fte(value: float) -> str:
    return f"{value:g}"


def unit_trail(a: Analysis, uid: str | None) -> list[dict]:
    """The unit and the units it is nested in, top first: {id, name}."""
    if not uid:
        return []
    return [{"id": u, "name": a.org.units[u].name} for u in reversed(list(ancestors(a.org, uid)))]


def position_data(a: Analysis, pid: str, *, include_names: bool, include_personal: bool = False,
                  lines: list[tuple[str, str, str]] | None = None) -> dict:
    """include_names: holders' names, links and photos (the names class); include_personal: their emails too
    (hr alone, views.audience.AudienceRules.personal)."""
    tree, cat, org = a.tree, a.catalog, a.org
    node = tree.nodes[pid]
    pos = node.position
    seats = node.count
    holders = []
    if include_names:
        for h in pos.holders:
            name = h if isinstance(h, str) else h.name
            fte = pos.fte if isinstance(h, str) or h.fte is None else h.fte
            person = {} if isinstance(h, str) else {"url": h.url or "", "photo": h.photo or "",
                                                    "email": (h.email or "") if include_personal else ""}
            holders.append({"name": name, "fte": _fte(fte), "url": "", "photo": "", "email": "", **person})
    reports, staff, vendors = [], [], []
    for c in node.children:
        child = tree.nodes[c].position
        (vendors if child.workforce == "vendor" else staff if child.kind == "staff" else reports).append(_ref(a, c))
    dotted_to, dotted_from = [], []
    for src, dst, label in relations(a) if lines is None else lines:
        if src == pid:
            dotted_to.append({**_ref(a, dst), "label": label})
        if dst == pid:
            dotted_from.append({**_ref(a, src), "label": label})
    manager = _ref(a, node.parent) if node.parent else (_ref(a, node.external_parent)
                                                       if node.external_parent else None)
    role = org.roles.get(pos.role) if pos.role else None
    unit = org.units.get(node.unit) if node.unit else None
    return {
        "id": pid,
        "title": cat.title(pos),
        "role": {"id": pos.role, "title": role.title} if role else None,
        "kind": "co-head" if pos.shared else ("manager" if node.is_manager else (pos.kind or "ic")),
        "job_share": pos.shared and len(pos.holders) > 1,
        "workforce": WORKFORCE_WORDS[pos.workforce],
        "seats": seats.seats,
        "filled": seats.filled,
        "open": seats.open,
        "fte": _fte(round(seats.fte, 3)),
        "open_fte": _fte(round(seats.open_fte, 3)),
        "holders": holders,
        "unnamed": 0 if not include_names else max(0, seats.people - len(holders)),
        "manager": manager,
        "reports": reports,
        "staff": staff,
        "vendor_teams": vendors,
        "dotted_to": dotted_to,
        "dotted_from": dotted_from,
        "unit": {"id": node.unit, "name": unit.name, "own": pos.unit == node.unit} if unit else None,
        "units": unit_trail(a, node.unit),
        "layer": node.depth,
        "team": node.team,
    }


def positions(a: Analysis, *, include_names: bool, include_personal: bool = False) -> list[dict]:
    """Every position's page, in the order of the source file."""
    lines = relations(a)
    return [position_data(a, pid, include_names=include_names, include_personal=include_personal, lines=lines)
            for pid in a.tree.nodes]
