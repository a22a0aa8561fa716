"""Capacity formulas worked out with this org's inputs, and the FTE that provide the capacity."""

from __future__ import annotations

import math

from orgdocs.analyse.catalog import Catalog
from orgdocs.analyse.tree import Tree
from orgdocs.model import Capacity, Org
from orgdocs.model.formula import FormulaError, Interval, evaluate


def seats_matching(tree: Tree, catalog: Catalog, selector) -> int:
    return sum(n.seats for n in tree.nodes.values() if catalog.matches(selector, n))


def fte_matching(tree: Tree, catalog: Catalog, selector) -> float:
    """The FTE the matching positions supply (filled and open): two 0.5-FTE seats supply one."""
    return round(sum(n.count.fte for n in tree.nodes.values() if catalog.matches(selector, n)), 3)


def work_out(org: Org, tree: Tree, catalog: Catalog, item: Capacity) -> dict:
    formula = org.policies.formulas[item.formula]
    inputs: dict[str, Interval] = {}
    shown = {}
    missing = []
    for name, spec in formula.inputs.items():
        value = item.inputs.get(name, spec.default)
        if value is None:
            missing.append(name)
            continue
        inputs[name] = Interval(value.min, value.max)
        shown[name] = {"label": spec.label, "unit": spec.unit, **value.plain()}
    result: dict = {
        "name": item.name,
        "formula": formula.name,
        "expression": formula.expression,
        "inputs": shown,
        "unit": formula.unit,
    }
    if missing:
        result["error"] = f"no value for {', '.join(missing)}"
        return result
    try:
        value = evaluate(formula.expression, inputs)
    except FormulaError as exc:
        result["error"] = str(exc)
        return result
    result["required"] = {"min": round(value.lo, 2), "max": round(value.hi, 2)}
    result["required_seats"] = {"min": math.ceil(value.lo - 1e-9), "max": math.ceil(value.hi - 1e-9)}
    if item.compare_to is not None:
        result["staffed"] = fte_matching(tree, catalog, item.compare_to)  # FTE, not seats
    return result


def capacity(org: Org, tree: Tree, catalog: Catalog) -> list[dict]:
    return [work_out(org, tree, catalog, item) for item in org.policies.capacity]
