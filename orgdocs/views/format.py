"""Formatting shared by every document: money, ranges, months, metric targets."""

from __future__ import annotations

from orgdocs.model import Metric, Range


def money(value: float | None, currency: str) -> str:
    if value is None:
        return "–"
    symbol = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}.get(currency)
    text = f"{value:,.0f}"
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


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
    elif unit in ("USD", "EUR", "GBP", "JPY"):
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
    elif m.unit in ("USD", "EUR", "GBP", "JPY"):
        value = money(m.current, m.unit)
    elif m.unit:
        value += f" {m.unit}"
    return value
