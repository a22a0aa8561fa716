"""Cross-references between parts of an org: every id named must exist, ids are unique, no reporting cycles.

Runs on the raw data (defensively: wrong types are the schema's to report) so that reference problems are
reported together with schema problems, not after they are fixed.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from orgdocs.model.check_codes import CHECKS
from orgdocs.problems import Problem
from orgdocs.source.located import Located

_SELECTORS = (
    ("policies", "ratios", "*", "numerator"),
    ("policies", "ratios", "*", "denominator"),
    ("policies", "coverage", "*", "positions"),
    ("policies", "capacity", "*", "compare_to"),
    ("positions", "*", "declared", "counting"),
)

# (where the reference is written, what it may name)
_REFERENCES: list[tuple[tuple, tuple[str, ...]]] = [
    (("positions", "*", "reports_to"), ("position", "external")),
    (("positions", "*", "dotted_lines", "*", "to"), ("position", "external")),
    (("positions", "*", "dotted_lines", "*", "from"), ("position", "external")),
    (("externals", "*", "dotted_lines", "*", "to"), ("position",)),
    (("positions", "*", "unit"), ("unit",)),
    (("positions", "*", "role"), ("role",)),
    (("positions", "*", "zone"), ("zone",)),
    (("positions", "*", "holders", "*", "zone"), ("zone",)),
    (("positions", "*", "levels", "<key>"), ("level",)),
    (("units", "*", "lead"), ("position",)),
    (("units", "*", "parent"), ("unit",)),
    (("levels", "*", "track"), ("track",)),
    (("roles", "*", "level"), ("level",)),
    (("roles", "*", "track"), ("track",)),
    (("roles", "*", "band"), ("band",)),
    (("roles", "*", "incentive"), ("incentive plan",)),
    (("roles", "*", "kpis", "*"), ("metric",)),
    (("compensation", "bands", "*", "level"), ("level",)),
    (("compensation", "bands", "*", "role"), ("role",)),
    (("compensation", "bands", "*", "zones", "<key>"), ("zone",)),
    (("compensation", "incentive_plans", "*", "roles", "*"), ("role",)),
    (("compensation", "incentive_plans", "*", "levels", "*"), ("level",)),
    (("compensation", "pay_mix", "*", "level"), ("level",)),
    (("compensation", "pay_mix", "*", "role"), ("role",)),
    (("ladders", "*", "track"), ("track",)),
    (("ladders", "*", "steps", "*", "role"), ("role",)),
    (("ladders", "*", "steps", "*", "level"), ("level",)),
    (("ladders", "*", "transitions", "*", "from"), ("role", "level")),
    (("ladders", "*", "transitions", "*", "to"), ("role", "level")),
    (("ladders", "*", "competencies", "*", "expectations", "<key>"), ("role", "level")),
    (("ladders", "*", "competencies", "*"), ("competency",)),
    (("competencies", "*", "expectations", "<key>"), ("role", "level")),
    (("metrics", "*", "owner"), ("position", "role")),
    (("budgets", "*", "owner"), ("position", "role")),
    (("policies", "capacity", "*", "formula"), ("formula",)),
]
for _sel in _SELECTORS:
    _REFERENCES += [
        (_sel + ("roles", "*"), ("role",)),
        (_sel + ("levels", "*"), ("level",)),
        (_sel + ("units", "*"), ("unit",)),
    ]


def _children(node: object) -> Iterator[tuple[object, object]]:
    if isinstance(node, dict):
        yield from node.items()
    elif isinstance(node, list):
        yield from enumerate(node)


def find(data: object, pattern: tuple, path: tuple = ()) -> list[tuple[tuple, object, bool]]:
    """(path, value, is_key) for every place matching pattern; '*' is any key or index, '<key>' a mapping key.
    A list built by plain loops: nested generators cost a call per level per item (3 million at 100k positions)."""
    out: list[tuple[tuple, object, bool]] = []
    _find(data, pattern, 0, path, out)
    return out


def _find(data: object, pattern: tuple, at: int, path: tuple, out: list) -> None:
    while at < len(pattern):
        head = pattern[at]
        if head == "<key>":
            if isinstance(data, dict):
                out += [(path + (key,), key, True) for key in data]
            return
        if head == "*":
            if at + 1 == len(pattern):
                out += [(path + (key,), child, False) for key, child in _children(data)]
            elif at + 2 == len(pattern) and pattern[at + 1] not in ("*", "<key>"):  # ("positions", "*", "role")
                name = pattern[at + 1]
                out += [(path + (key, name), child[name], False) for key, child in _children(data)
                        if isinstance(child, dict) and name in child]
            else:
                for key, child in _children(data):
                    _find(child, pattern, at + 1, path + (key,), out)
            return
        if not (isinstance(data, dict) and head in data):
            return
        data, path, at = data[head], path + (head,), at + 1
    out.append((path, data, False))


def _ids(data: dict) -> dict[str, set[str]]:
    def keys(*path: str) -> set[str]:
        node: object = data
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        return {k for k in node} if isinstance(node, dict) else set()

    positions = data.get("positions")
    position_ids = set()
    if isinstance(positions, list):
        position_ids = {p["id"] for p in positions if isinstance(p, dict) and isinstance(p.get("id"), str)}
    return {
        "position": position_ids,
        "external": keys("externals"),
        "unit": keys("units"),
        "role": keys("roles"),
        "level": keys("levels"),
        "track": keys("tracks"),
        "band": keys("compensation", "bands"),
        "zone": keys("compensation", "zones"),
        "incentive plan": keys("compensation", "incentive_plans"),
        "metric": keys("metrics"),
        "formula": keys("policies", "formulas"),
        "competency": keys("competencies"),
    }


def _suggest(name: str, candidates: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(candidates), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def cycles(edges: dict[str, str]) -> list[list[str]]:
    """Every cycle in a graph where each node has at most one outgoing edge, each once, from its first node."""
    state: dict[str, int] = {}  # 1 on the current walk, 2 finished
    found = []
    for start in edges:
        walk = []
        node = start
        while node in edges and state.get(node) is None:
            state[node] = 1
            walk.append(node)
            node = edges[node]
        if state.get(node) == 1 and node in walk:
            found.append(walk[walk.index(node):])
        for n in walk:
            state[n] = 2
    return found


def check_references(located: Located) -> list[Problem]:
    data = located.data
    if not isinstance(data, dict):
        return []
    ids = _ids(data)
    problems: list[Problem] = []

    for pattern, kinds in _REFERENCES:
        for path, value, is_key in find(data, pattern):
            if not isinstance(value, str):
                continue
            if any(value in ids[k] for k in kinds):
                continue
            candidates = set().union(*(ids[k] for k in kinds))
            what = " or ".join(kinds)
            problems.append(
                Problem(f"unknown {what} {value!r}{_suggest(value, candidates)}", located.where(path, key=is_key),
                        code="unknown-reference")
            )

    positions = data.get("positions") if isinstance(data.get("positions"), list) else []
    first: dict[str, tuple] = {}
    for i, pos in enumerate(positions):
        pid = pos.get("id") if isinstance(pos, dict) else None
        if not isinstance(pid, str):
            continue
        if pid in first:
            problems.append(
                Problem(f"duplicate position id {pid!r}", located.where(("positions", i, "id")),
                        code="duplicate-id", related=(located.where(first[pid]),))
            )
        else:
            first[pid] = ("positions", i, "id")
        if pid in ids["external"]:
            problems.append(
                Problem(f"{pid!r} is both a position and an external; rename one",
                        located.where(("positions", i, "id")), code="duplicate-id",
                        related=(located.where(("externals", pid), key=True),))
            )

    reports = {}
    for i, pos in enumerate(positions):
        if isinstance(pos, dict) and isinstance(pos.get("id"), str) and isinstance(pos.get("reports_to"), str):
            reports.setdefault(pos["id"], (pos["reports_to"], i))
    for cycle in cycles({k: v[0] for k, v in reports.items()}):
        edges = [located.where(("positions", reports[p][1], "reports_to")) for p in cycle]
        named = " → ".join(cycle + [cycle[0]])
        problems.append(Problem(f"reporting lines form a cycle: {named}", edges[0], code="reporting-cycle",
                                related=tuple(edges[1:])))

    checks = data.get("policies", {}).get("checks") if isinstance(data.get("policies"), dict) else None
    if isinstance(checks, dict):
        for code in checks:
            if code not in CHECKS:
                problems.append(
                    Problem(f"unknown check {code!r}{_suggest(str(code), set(CHECKS))}",
                            located.where(("policies", "checks", code), key=True), code="unknown-reference")
                )

    policies = data.get("policies") if isinstance(data.get("policies"), dict) else {}
    for path, code, _ in find(policies, ("accept", "*", "check")):
        if isinstance(code, str) and code not in CHECKS:
            problems.append(Problem(f"unknown check {code!r}{_suggest(code, set(CHECKS))}",
                                    located.where(("policies",) + path), code="unknown-reference"))

    problems += _policy_problems(data, located)

    units = data.get("units") if isinstance(data.get("units"), dict) else {}
    parents = {k: v["parent"] for k, v in units.items() if isinstance(v, dict) and isinstance(v.get("parent"), str)}
    for cycle in cycles(parents):
        edges = [located.where(("units", u, "parent")) for u in cycle]
        named = " → ".join(cycle + [cycle[0]])
        problems.append(Problem(f"units are nested in a cycle: {named}", edges[0], code="unit-cycle",
                                related=tuple(edges[1:])))
    return problems


def _policy_problems(data: dict, located: Located) -> list[Problem]:
    """Coverage segments must name a segmentation tier; capacity inputs must be the formula's inputs."""
    problems = []
    policies = data.get("policies") if isinstance(data.get("policies"), dict) else {}
    tiers = set()
    for _, tier, _ in find(policies, ("segmentation", "*", "tiers", "*", "name")):
        if isinstance(tier, str):
            tiers.add(tier)
    for path, segment, _ in find(policies, ("coverage", "*", "segment")):
        if isinstance(segment, str) and segment not in tiers:
            problems.append(Problem(f"unknown segmentation tier {segment!r}{_suggest(segment, tiers)}",
                                    located.where(("policies",) + path), code="unknown-reference"))
    formulas = policies.get("formulas") if isinstance(policies.get("formulas"), dict) else {}
    for path, item, _ in find(policies, ("capacity", "*")):
        if not isinstance(item, dict) or not isinstance(item.get("formula"), str):
            continue  # a formula that is not an id is the schema's to report
        if not isinstance(formulas.get(item["formula"]), dict):
            continue
        spec = formulas[item["formula"]].get("inputs")
        if not isinstance(spec, dict):
            continue
        given = item.get("inputs") if isinstance(item.get("inputs"), dict) else {}
        for name in given:
            if name not in spec:
                problems.append(Problem(
                    f"formula {item['formula']!r} has no input {name!r}{_suggest(str(name), set(spec))}",
                    located.where(("policies",) + path + ("inputs", name), key=True), code="unknown-reference"))
        for name, definition in spec.items():
            has_default = isinstance(definition, dict) and definition.get("default") is not None
            if name not in given and not has_default:
                problems.append(Problem(
                    f"no value for input {name!r} of formula {item['formula']!r} (it has no default)",
                    located.where(("policies",) + path), code="missing-key"))
    return problems
