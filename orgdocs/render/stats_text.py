"""`orgdocs stats` as a readable report."""

from __future__ import annotations

from orgdocs.analyse.money import amount, money_code
from orgdocs.analyse.summary import Group, Numbers
from orgdocs.render.escape import plain_text
from orgdocs.render.table import num, table


def _range(r: dict) -> str:
    """A declared range as the org writes it: 4–8, 5, or 500+ (no upper end)."""
    if r["max"] is None:
        return f"{num(r['min'])}+"
    return num(r["min"]) if r["min"] == r["max"] else f"{num(r['min'])}–{num(r['max'])}"


def _declared(actual: float, declared: float | None) -> str:
    if declared is None:
        return ""
    diff = actual - declared
    if abs(diff) < 1e-9:
        return f"declared {num(declared)}"
    return f"declared {num(declared)} ({'+' if diff > 0 else '−'}{num(abs(diff))})"


def units(out: list[str], s: Numbers) -> None:
    """Headcount by unit as the unit tree: each unit's own seats, and with the units nested in it."""
    rows = s.unit_tree
    if not rows or (len(rows) == 1 and rows[0].key == ""):
        return
    out.extend(["", table(
        ["By unit", "Own", "Total", "Open", "FTE own", "FTE total"],
        [["  " * r.depth + r.label, num(r.own.headcount), num(r.total.headcount), num(r.total.open),
          num(r.own.fte, 2), num(r.total.fte, 2)] for r in rows],
        right={1, 2, 3, 4, 5})])


def render(s: Numbers) -> str:
    d = s.declared
    cur = s.currency
    out = [plain_text(f"{s.name} ({s.id})") + (f", as of {s.as_of}" if s.as_of else ""), ""]
    span = s.span
    pay = s.payroll  # None in all-hands numbers: no payroll lines
    # The declared headcount and FTE sit beside the figure they count: filled seats, or all (declared.basis).
    filled = d.basis == "filled"
    summary = [
        ["Headcount", num(s.headcount), "" if filled else _declared(s.headcount, d.headcount)],
        ["  filled", num(s.filled), _declared(s.filled, d.headcount) if filled else ""],
        ["  open (vacancies)", num(s.vacancies), _declared(s.vacancies, d.open_roles)],
        ["People", num(s.people), ""],
        ["FTE", num(s.fte, 2), "" if filled else _declared(s.fte, d.fte)],
        ["  filled", num(s.filled_fte, 2), _declared(s.filled_fte, d.fte) if filled else ""],
        ["  open", num(s.open_fte, 2), ""],
        ["Positions (boxes)", num(s.positions), ""],
        ["Managers", num(s.managers), ""],
        ["ICs", num(s.ics), f"{num(s.ics_per_manager, 2)} per manager" if s.ics_per_manager else ""],
        ["Layers", num(s.layers), _declared(s.layers, d.layers)],
        ["Span (median / max)", f"{num(span.median, 2)} / {num(span.max, 2)}",
         f"declared {_range(d.span)}" if d.span else ""],
    ]
    if d.customers:
        summary.append(["Customers (declared)", _range(d.customers), ""])
    if pay and pay.priced_headcount:
        note = f"base {amount(pay.base)} + variable {amount(pay.variable)}"
        if pay.open_seats_cost:
            note += f"; open seats {amount(pay.open_seats_cost)} of it"
        if pay.unpriced_headcount:
            note += f"; {pay.unpriced_headcount} seats have no band"
        outside = [w.label.lower() for w in s.by_workforce if not w.on_payroll]
        if outside:
            note += f"; {' and '.join(outside)} are not payroll"
        summary.append(["Payroll estimate", money_code(pay.total, cur), note])
    if d.budget is not None:
        summary.append(["Budget (declared)", money_code(d.budget, cur), d.budget_period or ""])
    for b in s.budgets:
        per = f"{money_code(b.per_head, cur)} per head" if b.per_head is not None else ""
        summary.append([b.name, money_code(b.amount, cur), f"{b.period}; {per}".rstrip("; ")])
    out.append(table(["Figure", "Value", "Note"], summary, right={1}))

    def breakdown(title: str, rows: list[Group]) -> None:
        if not rows or (len(rows) == 1 and rows[0].key == ""):
            return
        out.extend(["", table([title, "Headcount", "Open", "FTE"],
                              [[r.label, num(r.headcount), num(r.open), num(r.fte, 2)] for r in rows],
                              right={1, 2, 3})])

    if s.by_workforce and [w.key for w in s.by_workforce] != ["employee"]:
        out.extend(["", table(
            ["By workforce type", "Seats", "Open", "People", "FTE", "In headcount", "Payroll"],
            [[w.label, num(w.seats), num(w.open), num(w.people), num(w.fte, 2), "yes" if w.in_headcount else "no",
              "yes" if w.on_payroll else "no"] for w in s.by_workforce],
            right={1, 2, 3, 4})])
    units(out, s)
    breakdown("By level", s.by_level)
    breakdown("By track", s.by_track)
    breakdown("By role", s.by_role)
    for name, rows in s.by_attribute.items():
        breakdown(f"By {name}", rows)

    if span.managers:
        total = {r.id: r.total_reports for r in s.reports}
        out.extend(["", table(
            ["Manager", "Seats", "Direct reports", "Span each", "Total reports", "Layer"],
            [[m.title, num(m.seats), num(m.direct_reports), num(m.span, 2), num(total.get(m.id, m.team)),
              num(m.layer)] for m in span.managers],
            right={1, 2, 3, 4, 5})])
    if pay and pay.priced_headcount and any(u.depth for u in pay.unit_tree):
        out.extend(["", table(["Cost by unit", f"Own ({cur})", f"With sub-units ({cur})"],
                              [["  " * u.depth + u.label, amount(u.own), amount(u.total)] for u in pay.unit_tree],
                              right={1, 2})])
    elif pay and pay.priced_headcount and len(pay.by_unit) > 1:
        out.extend(["", table(["Cost by unit", "Priced seats", "Base", "Variable", f"Total ({cur})"],
                              [[u.label, num(u.headcount), amount(u.base), amount(u.variable), amount(u.total)]
                               for u in pay.by_unit],
                              right={1, 2, 3, 4})])
    for c in s.capacity:
        out.append("")
        inputs = ", ".join(
            f"{v['label']} {v['min']:g}" + (f"–{v['max']:g}" if v["max"] != v["min"] else "")
            for v in c["inputs"].values()
        )
        out.append(plain_text(f"Capacity: {c['name']} = {c['expression']}"))
        out.append(plain_text(f"  inputs: {inputs}"))
        if "error" in c:
            out.append(plain_text(f"  cannot work out: {c['error']}"))
            continue
        req = c["required"]
        value = f"{req['min']:g}" if req["min"] == req["max"] else f"{req['min']:g}–{req['max']:g}"
        seats = c["required_seats"]
        need = f"{seats['min']}" if seats["min"] == seats["max"] else f"{seats['min']}–{seats['max']}"
        line = f"  required: {value} {c['unit'] or ''}".rstrip() + f" ({need} seats)"
        if "staffed" in c:
            line += f"; staffed: {c['staffed']:g} FTE"
        out.append(plain_text(line))
    return "\n".join(out) + "\n"
