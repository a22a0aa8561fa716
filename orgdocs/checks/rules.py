"""Policies: span and layer limits, ratio rules, account coverage, capacity; and kinds that do not fit."""

from __future__ import annotations

import math

from orgdocs.analyse.capacity import seats_matching, work_out
from orgdocs.analyse.spans import span_of
from orgdocs.analyse.summary import Analysis
from orgdocs.checks.base import Reporter, plural


def _span(r: dict) -> str:
    return f"{r['min']:g}" if r["min"] == r["max"] else f"{r['min']:g}–{r['max']:g}"


def run(a: Analysis, r: Reporter) -> None:
    org, tree, cat = a.org, a.tree, a.catalog
    policies = org.policies
    for node in tree.walk():
        if node.is_manager and policies.span is not None:
            span = span_of(tree, node.id)
            if not policies.span.contains(span):
                r.add("span-policy",
                      f"{cat.title(node.position)} has a span of {span:g}; policy allows {policies.span}",
                      r.position_path(node.id, "id"), subject=node.id)
        kind = node.position.kind
        if kind in ("ic", "staff") and node.children:
            r.add("kind-mismatch",
                  f"{cat.title(node.position)} is marked {kind} but has {plural(len(node.children), 'report')}",
                  r.position_path(node.id, "kind"), subject=node.id)
        if kind == "staff" and node.parent is None:
            r.add("kind-mismatch", f"{cat.title(node.position)} is staff but supports no manager in the org",
                  r.position_path(node.id, "kind"), subject=node.id)
    if policies.max_layers is not None and tree.layers > policies.max_layers:
        deepest = max(tree.nodes.values(), key=lambda n: n.depth)
        r.add("layers-policy",
              f"the reporting tree has {tree.layers} layers (down to {cat.title(deepest.position)}); "
              f"policy allows {policies.max_layers}", ("policies", "max_layers"), subject="org")

    for uid, unit in org.units.items():
        if unit.lead and unit.lead in tree.nodes and tree.nodes[unit.lead].unit != uid:
            r.add("unit-lead", f"{unit.name}'s lead {cat.title(tree.nodes[unit.lead].position)} is not in the unit",
                  ("units", uid, "lead"), subject=uid)

    for i, rule in enumerate(policies.ratios):
        num = seats_matching(tree, cat, rule.numerator)
        den = seats_matching(tree, cat, rule.denominator)
        if den < rule.per.min:
            continue  # too few to need even one
        lo, hi = math.ceil(den / rule.per.max), math.floor(den / rule.per.min)
        if not (lo <= num <= max(lo, hi)):
            per = f"{den / num:.1f} each" if num else "none to support them"
            want = f"{lo}" if lo >= hi else f"{lo}–{hi}"
            r.add("ratio",
                  f"{rule.name}: {num} for {den} ({per}); 1 per {rule.per} means {want}",
                  ("policies", "ratios", i), subject=rule.name, severity=rule.severity)

    tiers = {t.name: t for seg in policies.segmentation for t in seg.tiers}
    for i, rule in enumerate(policies.coverage):
        accounts = rule.accounts or (tiers[rule.segment].accounts if rule.segment in tiers else None)
        if accounts is None:
            continue
        seats = seats_matching(tree, cat, rule.positions)
        if seats == 0:
            if accounts.upper > 0:
                r.add("coverage", f"{rule.name}: {accounts} accounts but no positions to cover them",
                      ("policies", "coverage", i), subject=rule.name, severity=rule.severity)
            continue
        # open ends ('500+' accounts, '10+' per position) are unbounded: infinity never breaks the other side
        per = rule.accounts_per_position
        lo, hi = accounts.min / seats, accounts.upper / seats
        if lo > per.upper or hi < per.min:
            load = f"{lo:.0f}" if lo == hi else (f"{lo:.0f}+" if accounts.is_open else f"{lo:.0f}–{hi:.0f}")
            state = "over capacity" if lo > per.upper else "under-loaded"
            r.add("coverage",
                  f"{rule.name}: {load} accounts per position ({accounts} over {seats}); "
                  f"the rule is {per}: {state}", ("policies", "coverage", i), subject=rule.name,
                  severity=rule.severity)

    for i, item in enumerate(policies.capacity):
        result = work_out(org, tree, cat, item)
        if "error" in result:
            r.add("capacity-formula", f"{item.name}: {result['error']}", ("policies", "capacity", i), subject=item.name)
            continue
        if item.compare_to is None:
            continue
        need = result["required_seats"]
        have = result["staffed"]
        if have < need["min"]:
            needed = f"{need['min']}" if need["min"] == need["max"] else f"{need['min']}–{need['max']}"
            r.add("capacity",
                  f"{item.name}: {have:g} FTE staffed but the formula needs {needed} "
                  f"({_span(result['required'])})",
                  ("policies", "capacity", i), subject=item.name, severity=item.severity)
