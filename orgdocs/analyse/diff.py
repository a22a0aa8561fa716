"""Differences between org variants: which positions were added, removed, moved or changed, and how the
numbers moved. Positions are matched by id, then by title under the same manager, then by a unique title."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from orgdocs.analyse.money import pay_range
from orgdocs.analyse.summary import Analysis, Numbers


@dataclass
class Diff:
    matched: dict[str, str]  # position id in A -> position id in B
    added: list[str]  # ids in B
    removed: list[str]  # ids in A
    moved: list[tuple[str, str, str, str]]  # (A id, B id, old manager title, new manager title)
    changed: list[tuple[str, str, dict[str, tuple[str, str]]]]  # (A id, B id, {field: (old, new)})
    order: dict[str, float] = field(default_factory=dict)  # B id -> place, keeping A's order where matched
    units: list[str] = field(default_factory=list)  # what became of units (matched by id), in words


def _manager_title(a: Analysis, pid: str) -> str:
    node = a.tree.nodes[pid]
    if node.parent:
        return a.catalog.title(a.tree.nodes[node.parent].position)
    ext = node.external_parent
    return a.org.externals[ext].name if ext and ext in a.org.externals else ""


def match(a: Analysis, b: Analysis, by_title: bool = True) -> dict[str, str]:
    """`by_title=False`: by id alone (import keeps ids stable: a newcomer is never the leaver they replace)."""
    pairs = {pid: pid for pid in a.tree.nodes if pid in b.tree.nodes}
    if not by_title:
        return pairs
    taken = set(pairs.values())
    left = [p for p in a.tree.nodes if p not in pairs]
    right = {p for p in b.tree.nodes if p not in taken}

    def keyed(an: Analysis, ids, with_manager: bool) -> dict:
        out: dict = {}
        for pid in ids:
            key = (an.catalog.title(an.tree.nodes[pid].position),
                   _manager_title(an, pid) if with_manager else "")
            out.setdefault(key, []).append(pid)
        return out

    for with_manager in (True, False):
        ka = keyed(a, left, with_manager)
        kb = keyed(b, sorted(right, key=lambda p: b.tree.nodes[p].index), with_manager)
        for key, ids in ka.items():
            if len(ids) == 1 and len(kb.get(key, [])) == 1:
                pairs[ids[0]] = kb[key][0]
                taken.add(kb[key][0])
        left = [p for p in left if p not in pairs]
        right = {p for p in right if p not in taken}
    return pairs


def _fields(an: Analysis, pid: str) -> dict[str, str]:
    node = an.tree.nodes[pid]
    pos = node.position
    band = an.catalog.band_id_for_role(pos.role) if pos.role else None
    b = an.org.compensation.bands.get(band) if band else None
    level = an.catalog.level(pos)
    return {
        "count": str(pos.seats),
        "open": str(pos.open_seats),
        # per seat, so a change of count alone is not also a change of FTE; a job share's holders add up
        "fte per seat": f"{round(node.count.fte / node.seats, 3):g}",
        "role": an.org.roles[pos.role].title if pos.role else "",
        "title": an.catalog.title(pos),
        "level": level.name if level else "",
        "band": pay_range(b.min, b.max, _foreign(an, b.currency)) if b else "",
        "unit": an.org.units[node.unit].name if node.unit else "",
        "holders": ", ".join(pos.holder_names()),
        "workforce": pos.workforce,  # contractors converted to employees is a change
    }


def _rest(an: Analysis) -> dict:
    """Everything of the org but its positions (roles, levels, units, bands): what `_fields` reads besides."""
    return {k: getattr(an.org, k) for k in type(an.org).model_fields if k != "positions"}


def _foreign(an: Analysis, currency: str | None) -> str:
    """'JPY' for a band in another currency than its org's, so a change of currency shows as a change."""
    return currency if currency and currency != an.org.currency() else ""


def diff(a: Analysis, b: Analysis, by_title: bool = True) -> Diff:
    pairs = match(a, b, by_title)
    back = {v: k for k, v in pairs.items()}
    added = [p for p in b.tree.nodes if p not in back]
    removed = [p for p in a.tree.nodes if p not in pairs]
    moved, changed = [], []
    same_catalog = _rest(a) == _rest(b)
    for pa, pb in pairs.items():
        na, nb = a.tree.nodes[pa], b.tree.nodes[pb]
        was = pairs.get(na.parent) if na.parent else f"ext:{na.external_parent}"
        now = nb.parent if nb.parent else f"ext:{nb.external_parent}"
        if was != now:
            moved.append((pa, pb, _manager_title(a, pa), _manager_title(b, pb)))
        if same_catalog and na.unit == nb.unit and na.position == nb.position:
            continue  # every field below comes from the position, its unit and the catalog: all the same
        fa, fb = _fields(a, pa), _fields(b, pb)
        delta = {k: (fa[k], fb[k]) for k in fa if fa[k] != fb[k] and not (k == "title" and fa["role"] != fb["role"])
                 and not (k == "unit" and na.unit == nb.unit)}  # a renamed unit is one change, not one per seat
        if delta:
            changed.append((pa, pb, delta))
    return Diff(pairs, added, removed, moved, changed, _stable_order(a, b, back), unit_changes(a, b))


def _unit_name(an: Analysis, uid: str | None) -> str:
    return an.org.units[uid].name if uid in an.org.units else ""


def unit_changes(a: Analysis, b: Analysis) -> list[str]:
    """Units added, removed, moved under another unit or renamed, from A to B, in words."""
    ua, ub = a.org.units, b.org.units
    lines = [f"added unit {ub[u].name}" + (f" under {_unit_name(b, ub[u].parent)}" if ub[u].parent else "")
             for u in ub if u not in ua]
    lines += [f"removed unit {ua[u].name}" for u in ua if u not in ub]
    for u in (u for u in ub if u in ua):
        if ua[u].parent != ub[u].parent:
            old, new = _unit_name(a, ua[u].parent), _unit_name(b, ub[u].parent)
            lines.append(f"moved unit {ub[u].name} from {_within(old)} to {_within(new)}")
        if ua[u].name != ub[u].name:
            lines.append(f"renamed unit {ua[u].name} to {ub[u].name}")
    return lines


def _within(unit: str) -> str:
    return f"under {unit}" if unit else "the top"


def _stable_order(a: Analysis, b: Analysis, back: dict[str, str]) -> dict[str, float]:
    """A place for each of B's positions so its chart keeps A's order: matched positions take their place
    in A; a new position takes the place of the first of its reports that was in A (a new manager of moved
    teams sits where those teams were), else the place right after the position before it."""
    order: dict[str, float] = {}
    for pid in b.tree.nodes:
        if pid in back:
            order[pid] = float(a.tree.nodes[back[pid]].index)
    for pid in reversed(list(b.tree.nodes)):  # reports before managers, so a chain of new managers works
        if pid not in order:
            below = [order[c] for c in b.tree.nodes[pid].children if c in order]
            if below:
                order[pid] = min(below) - 0.5
    last = -1.0
    for pid in b.tree.nodes:
        if pid in order:
            last = order[pid]
        else:
            last += 0.001
            order[pid] = last
    return order


def _by(rows: list, key: str = "headcount") -> dict[str, float]:
    return {r.label: getattr(r, key) for r in rows}


def delta_rows(numbers: list[Numbers], findings: list[list]) -> list[dict]:
    """The numbers that decide between variants, one row each, with a value per variant."""

    def row(label: str, values: list, kind: str = "number", group: str = "Totals") -> dict:
        return {"label": label, "values": values, "kind": kind, "group": group}

    rows = [
        row("Headcount", [n.headcount for n in numbers]),
        row("Vacancies", [n.vacancies for n in numbers]),
        row("People", [n.people for n in numbers]),
        row("FTE", [n.fte for n in numbers]),
        row("FTE, open", [n.open_fte for n in numbers]),
        row("Managers", [n.managers for n in numbers]),
        row("Individual contributors", [n.ics for n in numbers]),
        row("ICs per manager", [n.ics_per_manager for n in numbers], "ratio"),
        row("Span, median", [n.span.median for n in numbers], "ratio"),
        row("Span, max", [n.span.max for n in numbers], "ratio"),
        row("Layers", [n.layers for n in numbers]),
    ]
    # each payroll is in its own org's currency; variants in different currencies have no common total
    # (numbers without pay, for all-hands, have no payroll to compare)
    pays = [n.payroll for n in numbers if n.payroll is not None]
    same_currency = len(pays) == len(numbers) and len({p.currency for p in pays}) == 1
    if same_currency and any(p.priced_headcount for p in pays):
        rows.append(row("Payroll estimate", [p.total for p in pays], "money"))
        rows.append(row("Payroll of open seats", [p.open_seats_cost for p in pays], "money"))
        for label, values in _unit_values([{u.key: (u.label, u.total) for u in p.unit_tree} for p in pays]):
            rows.append(row(label, values, "money", "Cost by unit"))
    # by unit: rolled up the unit tree (a unit with the units nested in it), matched by unit id
    seats = [{u.key: (u.label, u.total.headcount) for u in n.unit_tree} for n in numbers]
    fte = [{u.key: (u.label, u.total.fte) for u in n.unit_tree} for n in numbers]
    if any(key for p in seats for key in p):
        for group, per in (("Headcount by unit", seats), ("FTE by unit", fte)):
            if per is fte and fte == seats:  # every seat full-time: the FTE rows would repeat the headcount
                continue
            for label, values in _unit_values(per):
                rows.append(row(label, values, "number", group))
    labels = list(dict.fromkeys(r.label for n in numbers for r in n.by_level))
    if len(labels) > 1 or (labels and labels[0] != "(none)"):
        for label in labels:
            rows.append(row(label, [_by(n.by_level).get(label, 0) for n in numbers], "number", "Headcount by level"))
    rows.append(row("Check errors", [sum(p.severity == "error" for p in f) for f in findings], "number", "Checks"))
    rows.append(row("Check warnings", [sum(p.severity == "warning" for p in f) for f in findings], "number",
                    "Checks"))
    return rows


def _unit_values(per: list[dict[str, tuple[str, float]]]) -> list[tuple[str, list[float]]]:
    """One row per unit id found in any variant (0 where a variant has no such unit), labelled with its name
    in the last variant that has it."""
    keys = list(dict.fromkeys(k for p in per for k in p))
    return [(next(p[k][0] for p in reversed(per) if k in p), [p[k][1] if k in p else 0 for p in per])
            for k in keys]


Part = tuple[str, int | None, str | None]  # text, side (0: A, 1: B; None: plain words), position id on that side


@dataclass(frozen=True)
class Change:
    """One change in words, cut where a position is named (so a page can link it on its side); `before` and
    `after`: the changed position's ids in A and in B (None where it has none)."""

    parts: tuple[Part, ...]
    before: str | None = None
    after: str | None = None

    @property
    def text(self) -> str:
        return "".join(text for text, _, _ in self.parts)


def _named(an: Analysis, side: int, pid: str, shared: frozenset[str] = frozenset()) -> Part:
    """A position by its title; one whose title another position of its side shares (`shared`) also by its id:
    "moved Engineer from under Lead (eng-lead) to under Lead (ops-lead)" rather than from Lead to Lead."""
    title = an.catalog.title(an.tree.nodes[pid].position)
    return (f"{title} ({pid})" if title in shared else title), side, pid


def _shared_titles(an: Analysis) -> frozenset[str]:
    seen: set[str] = set()
    shared: set[str] = set()
    for node in an.tree.nodes.values():
        title = an.catalog.title(node.position)
        (shared if title in seen else seen).add(title)
    return frozenset(shared)


def _under_parts(an: Analysis, side: int, pid: str, shared: frozenset[str] = frozenset()) -> list[Part]:
    """"under <manager>" with the manager named as a position, or "under <external>", or "at the top"."""
    parent = an.tree.nodes[pid].parent
    if parent:
        return [("under ", None, None), _named(an, side, parent, shared)]
    return [(_under(_manager_title(an, pid)), None, None)]


def changes(a: Analysis, b: Analysis, d: Diff) -> list[Change]:
    """What changed, in words (`change_lines`), each position named with its side and id."""
    out = []
    sa, sb = (_shared_titles(a), _shared_titles(b)) if d.added or d.removed or d.moved or d.changed else ((), ())
    for pid in d.added:
        seats = _seats(b.tree.nodes[pid].seats)
        out.append(Change((("added ", None, None), _named(b, 1, pid, sb), (f"{seats} ", None, None),
                           *_under_parts(b, 1, pid, sb)), after=pid))
    for pid in d.removed:
        seats = _seats(a.tree.nodes[pid].seats)
        out.append(Change((("removed ", None, None), _named(a, 0, pid, sa), (f"{seats} (was ", None, None),
                           *_under_parts(a, 0, pid, sa), (")", None, None)), before=pid))
    for pa, pb, _, _ in d.moved:
        out.append(Change((("moved ", None, None), _named(b, 1, pb, sb), (" from ", None, None),
                           *_under_parts(a, 0, pa, sa), (" to ", None, None), *_under_parts(b, 1, pb, sb)),
                          before=pa, after=pb))
    for pa, pb, fields in d.changed:
        what = "; ".join(f"{k} {old or '—'} → {new or '—'}" for k, (old, new) in fields.items())
        out.append(Change((("changed ", None, None), _named(b, 1, pb, sb), (f": {what}", None, None)),
                          before=pa, after=pb))
    return out + [Change(((line, None, None),)) for line in d.units]


def change_lines(a: Analysis, b: Analysis, d: Diff) -> list[str]:
    """What changed, in words, for the terminal and the documents."""
    return [c.text for c in changes(a, b, d)]


def _under(manager: str) -> str:
    return f"under {manager}" if manager else "at the top"


def _seats(n: int) -> str:
    return f" ×{n}" if n > 1 else ""


def counts(d: Diff) -> Counter:
    n = Counter(added=len(d.added), removed=len(d.removed), moved=len(d.moved), changed=len(d.changed))
    if d.units:
        n["unit changes"] = len(d.units)
    return n
