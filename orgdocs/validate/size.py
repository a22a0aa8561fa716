"""The org's size against the work budget (orgdocs.limits): how many positions, how deep the reporting tree.

Runs on the raw data, before the model is built, so an org past a limit costs one linear pass and is
reported with every other problem.
"""

from __future__ import annotations

from orgdocs.limits import DEFAULT_LIMITS, Limits
from orgdocs.problems import Problem
from orgdocs.source.located import Located


def layers(manager: dict[str, str | None]) -> dict[str, int]:
    """Layer of every position (1 at a root, whose manager is None) in one pass: each chain is walked up only
    until it meets a position already placed. On or below a reporting cycle the layer is 0 (cycles are
    reported elsewhere)."""
    layer: dict[str, int] = {}
    for start in manager:
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in layer and node not in on_path:
            path.append(node)
            on_path.add(node)
            node = manager[node]
        if node is None:
            base = 0
        elif node in on_path or layer[node] == 0:
            for n in path:
                layer[n] = 0
            continue
        else:
            base = layer[node]
        for n in reversed(path):
            base += 1
            layer[n] = base
    return layer


def check_size(located: Located, limits: Limits | None = None) -> list[Problem]:
    limits = limits or DEFAULT_LIMITS
    data = located.data
    if not isinstance(data, dict):
        return []
    problems = _rule_problems(data, located, limits)
    positions = data.get("positions")
    if not isinstance(positions, list):
        return problems
    if len(positions) > limits.max_positions:
        return problems + [Problem(f"{len(positions):,} positions; the limit is {limits.max_positions:,}",
                                   located.where(("positions", limits.max_positions)), code="too-many-positions")]
    index: dict[str, int] = {}
    reports_to: dict[str, str | None] = {}
    for i, pos in enumerate(positions):
        pid = pos.get("id") if isinstance(pos, dict) else None
        if isinstance(pid, str) and pid not in index:
            index[pid] = i
            target = pos.get("reports_to")
            reports_to[pid] = target if isinstance(target, str) else None
    layer = layers({p: t if t in index else None for p, t in reports_to.items()})
    too_deep = [p for p in index if layer.get(p, 0) == limits.max_reporting_layers + 1]
    if not too_deep:
        return problems
    first = too_deep[0]
    below = sum(1 for v in layer.values() if v > limits.max_reporting_layers)
    limit = limits.max_reporting_layers
    message = (f"position {first!r} is at layer {limit + 1:,} of the reporting tree; the limit is {limit:,} layers "
               f"({below:,} position{'s are' if below != 1 else ' is'} deeper than that)")
    return problems + [Problem(message, located.where(("positions", index[first], "reports_to")),
                               code="too-many-layers")]


def _rule_problems(data: dict, located: Located, limits: Limits) -> list[Problem]:
    policies = data.get("policies")
    if not isinstance(policies, dict):
        return []
    problems = []
    for name in ("ratios", "coverage", "capacity"):
        rules = policies.get(name)
        if isinstance(rules, list) and len(rules) > limits.max_rules:
            problems.append(Problem(f"{len(rules):,} rules in policies.{name}; the limit is {limits.max_rules:,}",
                                    located.where(("policies", name, limits.max_rules)), code="too-many-rules"))
    return problems
