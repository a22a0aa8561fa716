"""Structured fuzzing of orgdocs with mutated example orgs: every run must end with exit 0, 1 or 2 and no
traceback, within a few seconds.

    PYTHONPATH=. .venv/bin/python bench/fuzz.py              # 2,000 cases, seed 1
    PYTHONPATH=. .venv/bin/python bench/fuzz.py 20000 7      # cases, seed
    PYTHONPATH=. .venv/bin/python bench/fuzz.py 500 3 --chart  # also `chart -f svg` on every 10th case

Each case copies one example org folder from orgs/, applies one to three random mutations to one of its
YAML files (extreme numbers, wrong shapes, deleted keys, duplicated ids, swapped references, huge or odd
strings) and runs `check` and `stats --json` in this process. A failing case is saved under
/tmp/orgdocs-fuzz/ for replay. The suite runs a few hundred of the same cases (tests/test_hardening_numbers.py).
"""

from __future__ import annotations

import copy
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
ORGS = ROOT / "orgs"

EXTREMES: list = [
    1e308, -1e308, 1e300, -1, 0, 0.0, 1e12, 10**12 + 1, 10**13, 10**30, 999_999_999_999, 1e-300, -0.5,
    "nan", ".nan", ".inf", "-.inf", "1e308", "1e400", "¥5M", "€85K", "85K EUR", "$8.5M", "1,000,000,000,000,000",
    "4-8", "8-4", "0-0", "", " ", "x" * 20_000, "名前 テスト", "Zürich Ünïcödé", "😀" * 50, "<b>bold</b>", "a\\b",
    True, False, None, [1, 2], [], {}, {"min": 1e308, "max": 1e308}, "2024-13-45", "USD", "JPY", "XXX",
]

NUMBERS: list = [
    1e308, 1e300, -1e300, 1e12, 1e13, 10**12 + 1, 10**30, 999_999, 1_000_001, 0, 0.0, -1, 1e-300, 0.5, 1.5, 100, 101,
    "1e308", "0-0", "0-1e12", "-5-5", [1, 2], [0, 0], [1e300, 1e300], {"min": 0, "max": 1e12}, "¥5M", "85K EUR",
    "999,999,999,999,999", "nan", ".inf",
]


def _numeric(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and value[:1] != "" and (value[0].isdigit() or value[0] in "$€£¥")


def _paths(node, path=()) -> list[tuple]:
    """Every path to a node in the tree (the root is ())."""
    out = [path]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, path + (i,))
    return out


def _get(node, path):
    for p in path:
        node = node[p]
    return node


def _set(root, path, value):
    _get(root, path[:-1])[path[-1]] = value


def _strings(root) -> list[tuple]:
    return [p for p in _paths(root) if p and isinstance(_get(root, p), str)]


def mutate(data, rng: random.Random) -> tuple[object, str]:
    """One random structured change to data (a copy is changed and returned) and what it was."""
    data = copy.deepcopy(data)
    paths = [p for p in _paths(data) if p]
    if not paths:
        return rng.choice(EXTREMES), "replaced the document"
    path = rng.choice(paths)
    value = _get(data, path)
    kind = rng.choice(["extreme", "extreme", "shape", "delete", "duplicate", "swap", "number", "number", "number"])
    if kind == "extreme":
        new = copy.deepcopy(rng.choice(EXTREMES))
        _set(data, path, new)
        return data, f"{path}: {value!r:.40} -> {new!r:.40}"
    if kind == "shape":
        if isinstance(value, list):
            new = value[0] if value else 0
        elif isinstance(value, dict):
            new = list(value.values())[:3]
        else:
            new = [value, value]
        _set(data, path, new)
        return data, f"{path}: reshaped"
    if kind == "delete":
        parent = _get(data, path[:-1])
        del parent[path[-1]]
        return data, f"{path}: deleted"
    if kind == "duplicate":
        lists = [p for p in _paths(data) if isinstance(_get(data, p), list) and _get(data, p)]
        if lists:
            target = _get(data, rng.choice(lists))
            target.append(copy.deepcopy(rng.choice(target)))
            return data, "duplicated a list item"
        return data, "nothing to duplicate"
    if kind == "swap":
        strings = _strings(data)
        if len(strings) >= 2:
            a, b = rng.sample(strings, 2)
            va, vb = _get(data, a), _get(data, b)
            _set(data, a, vb)
            _set(data, b, va)
            return data, f"swapped {a} and {b}"
        return data, "nothing to swap"
    # numbers and number-like strings ("85K", "4-8") are where overflow and division by zero hide
    numbers = [p for p in _paths(data) if p and _numeric(_get(data, p))]
    if numbers:
        p = rng.choice(numbers)
        new = copy.deepcopy(rng.choice(NUMBERS))
        _set(data, p, new)
        return data, f"{p}: {_get(data, p)!r:.40}"
    return data, "no numbers"


@dataclass
class Case:
    folder: Path  # the copied org folder
    target: Path  # the org file to run commands on
    what: list[str]


def _yaml() -> YAML:
    y = YAML(typ="safe", pure=True)
    y.default_flow_style = False
    y.allow_unicode = True
    y.width = 4096
    return y


def example_files() -> list[Path]:
    return sorted(ORGS.glob("*/*.yaml"))


def make_case(rng: random.Random, work: Path, n: int) -> Case:
    source = rng.choice(example_files())
    folder = work / f"case{n}"
    shutil.copytree(source.parent, folder)
    mutated = folder / source.name
    data = _yaml().load(mutated.read_text(encoding="utf-8"))
    what = []
    for _ in range(rng.randint(1, 3)):
        data, did = mutate(data, rng)
        what.append(f"{source.parent.name}/{source.name}: {did}")
    with mutated.open("w", encoding="utf-8") as fh:
        _yaml().dump(data, fh)
    target = mutated
    if source.name.startswith("_"):  # a shared catalog: check an org that includes it
        target = sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))[0]
    return Case(folder, target, what)


def run_case(case: Case, commands: list[list[str]]) -> list[tuple[list[str], int, str, float]]:
    """(command, exit code, traceback or '', seconds) per command, run in this process."""
    from click.testing import CliRunner

    from orgdocs.cli import cli

    out = []
    for cmd in commands:
        args = cmd + [str(case.target)]
        start = time.perf_counter()
        result = CliRunner().invoke(cli, args)
        took = time.perf_counter() - start
        tb = ""
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            tb = "".join(traceback.format_exception(result.exception))
        out.append((args, result.exit_code, tb, took))
    return out


def cases(seed: int, count: int, work: Path):
    rng = random.Random(seed)
    for n in range(count):
        yield make_case(rng, work, n)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    count = int(args[0]) if args else 2000
    seed = int(args[1]) if len(args) > 1 else 1
    chart = "--chart" in argv
    keep = Path(tempfile.gettempdir()) / "orgdocs-fuzz"
    codes: Counter = Counter()
    failures = 0
    slowest = (0.0, "")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for n, case in enumerate(cases(seed, count, Path(tmp))):
            commands = [["check"], ["stats", "--json"]]
            if chart and n % 10 == 0:
                commands.append(["chart", "-f", "svg", "--out-dir", str(case.folder / "out")])
            for args, code, tb, took in run_case(case, commands):
                codes[(args[0], code)] += 1
                if took > slowest[0]:
                    slowest = (took, f"case {n}: {' '.join(args[:-1])}")
                if tb or code not in (0, 1, 2) or took > 10:
                    failures += 1
                    saved = keep / f"seed{seed}-case{n}"
                    shutil.rmtree(saved, ignore_errors=True)
                    shutil.copytree(case.folder, saved)
                    print(f"FAIL case {n} ({' '.join(args[:-1])}, exit {code}, {took:.1f} s): saved in {saved}")
                    print("  " + "\n  ".join(case.what))
                    if tb:
                        print("  " + tb.strip().splitlines()[-1])
            shutil.rmtree(case.folder, ignore_errors=True)
            if (n + 1) % 500 == 0:
                print(f"{n + 1} cases, {failures} failures, {time.perf_counter() - start:.0f} s", flush=True)
    print(f"{count} cases in {time.perf_counter() - start:.0f} s; {failures} failures; slowest {slowest[0]:.2f} s "
          f"({slowest[1]})")
    for (cmd, code), n in sorted(codes.items()):
        print(f"  {cmd}: exit {code} × {n}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
