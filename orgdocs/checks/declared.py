"""Declared figures against what the positions add up to."""

from __future__ import annotations

from collections import Counter

from orgdocs.analyse.pay import payroll
from orgdocs.analyse.spans import span_of
from orgdocs.analyse.summary import Analysis
from orgdocs.checks.base import Reporter, plural

PER_YEAR = {"annual": 1, "quarterly": 4, "monthly": 12}


def _reports(a: Analysis, pid: str, selector) -> tuple[float, str]:
    """Direct reports per seat of pid (only those the selector picks), and who they are."""
    counts: Counter = Counter()
    for node in a.tree.direct_reports(pid):  # as spans count them: no vendor teams, no staff
        if selector is None or a.catalog.matches(selector, node):
            counts[a.catalog.title(node.position)] += node.seats
    listed = ", ".join(f"{n} {title}" for title, n in counts.items()) or "none"
    return sum(counts.values()) / a.tree.nodes[pid].seats, listed


def _what(a: Analysis, selector) -> str:
    if selector is None:
        return "direct reports"
    names = [a.org.levels[x].name for x in selector.levels] + [a.org.roles[x].title for x in selector.roles]
    names += [a.org.units[x].name for x in selector.units] + [f"{k} {v}" for k, v in selector.attributes.items()]
    return "direct reports (" + " or ".join(names) + ")"


BASIS = {"filled": "filled seats", "including-open": "filled and open seats"}


def _counted(node, basis: str) -> tuple[int, float]:
    """Seats and FTE of a position as the declared figures count them (their basis)."""
    c = node.count
    return (c.filled, c.filled_fte) if basis == "filled" else (c.seats, c.fte)


def run(a: Analysis, r: Reporter) -> None:
    org = a.org
    d = org.org.declared
    # Like with like: the declared headcount, FTE and breakdown count filled seats, or filled and open ones, as
    # the document says (`declared.basis`), of the workforce types in headcount (`org.headcount_includes`);
    # open roles are compared with the open seats on their own.
    nodes = a.tree.in_headcount()
    basis = BASIS[d.basis]
    if list(org.org.headcount_includes) != ["employee"]:
        basis += " (" + ", ".join(t + "s" for t in org.org.headcount_includes) + ")"
    fte_in_headcount = round(sum(n.count.fte for n in nodes), 3)
    counted = sum(_counted(n, d.basis)[0] for n in nodes)
    if d.headcount is not None and d.headcount != counted:
        r.add("declared-headcount",
              f"declared headcount is {d.headcount} but the positions listed have {counted} {basis} "
              f"({counted - d.headcount:+d})", ("org", "declared", "headcount"), subject="org")
    fte = round(sum(_counted(n, d.basis)[1] for n in nodes), 3)
    if d.fte is not None and abs(d.fte - fte) > 1e-6:
        r.add("declared-fte", f"declared FTE is {d.fte:g} but the positions listed add up to {fte:g} FTE in "
              f"{basis} ({fte - d.fte:+g})", ("org", "declared", "fte"), subject="org")
    vacancies = sum(n.count.open for n in nodes)
    if d.open_roles is not None and d.open_roles != vacancies:
        r.add("declared-open-roles",
              f"declared {plural(d.open_roles, 'open role')} but the positions listed have "
              f"{plural(vacancies, 'open seat')} ({vacancies - d.open_roles:+d})", ("org", "declared", "open_roles"),
              subject="org")
    if d.layers is not None and d.layers != a.tree.layers:
        r.add("declared-layers", f"declared {plural(d.layers, 'layer')} but the reporting tree has {a.tree.layers}",
              ("org", "declared", "layers"), subject="org")
    if d.breakdown is not None:
        attr = d.breakdown.attribute
        listed: Counter = Counter()
        for n in nodes:
            value = n.position.attributes.get(attr)
            if value is not None:
                listed[str(value)] += _counted(n, d.basis)[0]
        for group, declared_n in d.breakdown.counts.items():
            if listed[group] != declared_n:
                r.add("declared-breakdown",
                      f"declared {declared_n} {group} but {listed[group]} {basis} have {attr}: {group}",
                      ("org", "declared", "breakdown", "counts", group), subject=group)
        total = sum(d.breakdown.counts.values())
        if d.headcount is not None and total != d.headcount:
            r.add("declared-breakdown",
                  f"the declared breakdown adds up to {total}, not the declared headcount {d.headcount}",
                  ("org", "declared", "breakdown"), subject="org")
        unassigned = sum(_counted(n, d.basis)[0] for n in nodes if attr not in n.position.attributes)
        if unassigned:
            r.add("declared-breakdown",
                  f"{unassigned} {basis if unassigned != 1 else basis[:-1]} "
                  f"{'has' if unassigned == 1 else 'have'} no {attr} attribute",
                  ("org", "declared", "breakdown", "attribute"), subject="org")

    for node in a.tree.nodes.values():
        pd = node.position.declared
        if pd.direct_reports is not None:
            span, listed = _reports(a, node.id, pd.counting)
            if not pd.direct_reports.contains(span):
                each = " each" if node.seats > 1 else ""
                r.add("declared-direct-reports",
                      f"{a.catalog.title(node.position)} declares {pd.direct_reports} {_what(a, pd.counting)}{each} "
                      f"but has {span:g} ({listed})",
                      r.position_path(node.id, "declared", "direct_reports"), subject=node.id)
        if pd.headcount is not None:
            team = a.tree.team_seats(node.id)
            if team != pd.headcount:
                r.add("declared-team-size",
                      f"{a.catalog.title(node.position)} declares a team of {pd.headcount} but {team} seats "
                      "are below it",
                      r.position_path(node.id, "declared", "headcount"), subject=node.id)
        if d.span is not None and node.is_manager and node.position.declared.direct_reports is None:
            span = span_of(a.tree, node.id)
            if not d.span.contains(span):
                r.add("declared-span",
                      f"{a.catalog.title(node.position)} has a span of {span:g}; the org declares {d.span}",
                      r.position_path(node.id, "id"), subject=node.id)

    if d.budget is not None:
        pay = payroll(org, a.tree, a.catalog)
        annual = d.budget * PER_YEAR[d.budget_period]
        if pay["total"] > annual:
            period = "" if d.budget_period == "annual" else f" ({d.budget:,.0f} {d.budget_period})"
            r.add("budget-payroll",
                  f"annual payroll estimate {pay['total']:,.0f} {pay['currency']} exceeds the declared budget "
                  f"of {annual:,.0f} a year{period}", ("org", "declared", "budget"), subject="org")
    for bid, budget in org.budgets.items():
        # per head means per FTE in headcount: two half-time seats are one head's budget
        if budget.per_head is not None and fte_in_headcount:
            implied = budget.per_head * fte_in_headcount
            if abs(implied - budget.amount) > 0.05 * budget.amount:
                covers = f" (that covers {budget.amount / budget.per_head:g} FTE)" if budget.per_head else ""
                r.add("budget-per-head",
                      f"{budget.name}: {budget.per_head:,.0f} per head × {fte_in_headcount:g} FTE = {implied:,.0f}, "
                      f"not the stated {budget.amount:,.0f}{covers}", ("budgets", bid, "per_head"), subject=bid)
