"""Amounts as they read in any output: 85000, 85,000, 85 000, $85,000.00, 85K, 8.5M, 85000.0 (JSON)."""

from __future__ import annotations

import re

# a group of digits (optionally in thousands), decimals, and a K/M suffix; never part of a longer number or of a
# word (ids, hashes); a currency code may follow (79000USD)
_FORMAT = r"(?<![\w.,])(\d{1,3}(?:[,%s]\d{3})+|\d+)(?:\.(\d+))?\s?([kKmM](?![a-zA-Z]))?(?![\d_a-z])"
# a plain space groups thousands in "79 000" but also separates columns ("1 117,500"): both readings are taken
_NUMBERS = (re.compile(_FORMAT % "\u00a0\u202f\u2009"), re.compile(_FORMAT % "\u00a0\u202f\u2009 "))
_SUFFIX = {"k": 1_000, "m": 1_000_000}
_AMOUNT_ONLY = re.compile(r"\s*[$€£¥]?\s*[\d.,\u00a0\u202f\u2009 ]+\s?[kKmM]?\s*(?:[A-Z]{3})?\s*")

SMALLEST = 1_000  # smaller confidential amounts are not searched for: such numbers are everywhere in documents


def amounts_in(text: str) -> set[int]:
    """Every amount of at least SMALLEST written in text, as whole units."""
    found = set()
    for m in (m for pattern in _NUMBERS for m in pattern.finditer(text)):
        digits, decimals, suffix = m.group(1), m.group(2), m.group(3)
        value = float(f"{re.sub(r'[^0-9]', '', digits)}.{decimals or 0}") * _SUFFIX.get((suffix or "").lower(), 1)
        if value >= SMALLEST:
            found.add(round(value))
    return found


def is_amount(text: str) -> bool:
    """A value that is only an amount ('180K', '$8.5M', '85000 EUR'), not a sentence that mentions one."""
    return bool(_AMOUNT_ONLY.fullmatch(text)) and bool(amounts_in(text))
