"""Formatting shared by every document: money, ranges, months, metric targets."""

from __future__ import annotations

from orgdocs.analyse.money import SYMBOLS, money
from orgdocs.model import Metric, Range

__all__ = ["money", "span", "metric_target", "metric_current", "incentive"]


def span(r: Range | None, unit: str = "") -> str:
    if r is None:
        return ""
    text = str(r)
    return f"{text} {unit}".strip()


def metric_target(m: Metric) -> str:
    """'≥ 97%', '≤ 10 days', '4.5 / 5' — how the target reads in a document."""
    if m.target is None:
        return ""
    value = f"{m.target:g}"
    if m.scale:
        value = f"{value} / {m.scale:g}"
    unit = m.unit or ""
    if unit == "%":
        value += "%"
    elif unit in SYMBOLS:
        value = money(m.target, unit)
    elif unit:
        value += f" {unit}"
    symbol = {">=": "≥ ", "<=": "≤ ", ">": "> ", "<": "< ", "=": ""}.get(m.comparator or "", "")
    return symbol + value


def metric_current(m: Metric) -> str:
    if m.current is None:
        return ""
    value = f"{m.current:g}"
    if m.scale:
        value += f" / {m.scale:g}"
    if m.unit == "%":
        value += "%"
    elif m.unit in SYMBOLS:
        value = money(m.current, m.unit)
    elif m.unit:
        value += f" {m.unit}"
    return value


def _multiplier(r: Range) -> str:
    if r.max is None:
        return f"{r.min:g}× or more"
    return f"{r.min:g}×–{r.max:g}×"


def incentive(plan, *, of: str = "base") -> dict:
    """An incentive plan's terms as documents state them: '12% of base', '0×–2×', '200% of target'."""
    return {"name": plan.name, "target": f"{plan.target_pct:g}% of {of}",
            "multiplier": _multiplier(plan.multiplier) if plan.multiplier else "",
            "basis": plan.multiplier_basis or "", "cap": f"{plan.cap_pct:g}% of target" if plan.cap_pct else ""}
