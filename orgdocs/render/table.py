"""Plain-text tables that line up in a terminal (East Asian wide characters counted as two columns)."""

from __future__ import annotations

import unicodedata

from orgdocs.render.escape import plain_text


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, size: int, right: bool) -> str:
    gap = " " * max(0, size - width(text))
    return gap + text if right else text + gap


def table(headers: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    """Cells are plain text shown as written: one line each, control characters made visible."""
    headers = [plain_text(h) for h in headers]
    rows = [[plain_text(c) for c in row] for row in rows]
    sizes = [width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            sizes[i] = max(sizes[i], width(cell))
    lines = ["  ".join(_pad(h, sizes[i], i in right) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * s for s in sizes))
    for row in rows:
        lines.append("  ".join(_pad(c, sizes[i], i in right) for i, c in enumerate(row)).rstrip())
    return "\n".join(lines)


def num(value: float | int | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.{max(digits, 1)}f}".rstrip("0").rstrip(".") if digits else f"{value:,.1f}"
    return f"{int(value):,}"
