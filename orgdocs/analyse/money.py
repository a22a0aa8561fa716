"""How amounts of money read, in every output: one place, so a document, a chart tooltip, the stats report and a
comparison never disagree on the same figure."""

from __future__ import annotations

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def amount(value: float) -> str:
    """85000.4 -> '85,000': whole units with thousands separators."""
    return f"{value:,.0f}"


def money(value: float | None, currency: str) -> str:
    """'$85,000', '€85,000', '85,000 CHF' (a currency without a symbol follows the amount); '–' for none."""
    if value is None:
        return "–"
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{amount(value)}" if symbol else f"{amount(value)} {currency}"


def money_code(value: float, currency: str) -> str:
    """'USD 85,000': the code first, for columns of figures in plain text."""
    return f"{currency} {amount(value)}"


def short_money(value: float) -> str:
    """'85K', '1.5M', '2M': for axis ticks."""
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M".replace(".0M", "M")
    if value >= 1_000:
        return f"{value / 1_000:.0f}K"
    return f"{value:.0f}"


def pay_range(low: float, high: float, currency: str = "") -> str:
    """'70,000–90,000 USD' (or without the code): a band's minimum to maximum."""
    return f"{amount(low)}–{amount(high)}" + (f" {currency}" if currency else "")
