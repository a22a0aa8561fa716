"""Golden files: expected data stored as JSON under tests/golden/, compared as data (never as bytes), and
rewritten by `pytest --update-golden` when a change is deliberate (review the diff of tests/golden/ then)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def dumps(data) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def differences(expected, actual, where: str = "$", tolerance: float = 0.0) -> list[str]:
    """Where two JSON values differ, as 'path: expected → actual' lines (numbers within `tolerance` are equal)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key in sorted(set(expected) | set(actual), key=str):
            if key not in actual:
                out.append(f"{where}.{key}: missing (expected {_short(expected[key])})")
            elif key not in expected:
                out.append(f"{where}.{key}: unexpected {_short(actual[key])}")
            else:
                out += differences(expected[key], actual[key], f"{where}.{key}", tolerance)
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{where}: {len(expected)} items → {len(actual)} items: {_short(expected)} → {_short(actual)}"]
        out = []
        for i, (e, a) in enumerate(zip(expected, actual)):
            out += differences(e, a, f"{where}[{i}]", tolerance)
        return out
    numbers = (int, float)
    if isinstance(expected, numbers) and isinstance(actual, numbers) and not isinstance(expected, bool) \
            and not isinstance(actual, bool):
        return [] if abs(expected - actual) <= tolerance else [f"{where}: {expected!r} → {actual!r}"]
    return [] if expected == actual and type(expected) is type(actual) else [f"{where}: {expected!r} → {actual!r}"]


def _short(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 120 else text[:117] + "..."


def check_golden(path: Path, data, *, update: bool, tolerance: float = 0.0) -> None:
    """Fail when `data` differs from the golden file at `path`; write it instead when updating."""
    data = json.loads(json.dumps(data))  # tuples become lists, keys strings: what the file holds
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or differences(json.loads(path.read_text(encoding="utf-8")), data, tolerance=tolerance):
            path.write_text(dumps(data), encoding="utf-8")
        return
    if not path.is_file():
        pytest.fail(f"no golden file {path}: run `pytest --update-golden` and review it", pytrace=False)
    found = differences(json.loads(path.read_text(encoding="utf-8")), data, tolerance=tolerance)
    if found:
        shown = "\n  ".join(found[:40]) + (f"\n  ... and {len(found) - 40} more" if len(found) > 40 else "")
        raise AssertionError(f"{path.name} differs from what the code produces now "
                             f"(if deliberate: pytest --update-golden):\n  {shown}")
