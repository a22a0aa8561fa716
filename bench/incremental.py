"""Incremental `build` against a cold build of the same orgs, as CPU-time ratios from interleaved runs.

    .venv/bin/python bench/incremental.py          # orgs/, 3 rounds
    .venv/bin/python bench/incremental.py 5 path/to/orgs

Each round, on a copy of the orgs: a cold build (empty output folder), the same build again with nothing changed,
and a build after one role's text changed (its summary; the change is undone before the next round). Times are
the CPU seconds (user + system) of each `orgdocs build` process and its children (Graphviz), so other load on the
machine moves them less than wall time; the ratios are taken within a round, then the median. Also checked:
the unchanged build rewrites no file (modification time and inode of every file), and which files the role
change rewrote. Targets (issue 13): unchanged ≤ 0.02× cold, one role ≤ 0.1× cold.

`measure(rounds, orgs)` returns the figures for another runner (`make bench`); `main` prints them.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"unchanged": 0.02, "one role": 0.1}


def cpu_run(args: list[str]) -> tuple[float, str]:
    """CPU seconds of one orgdocs process (and what it printed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-m", "orgdocs", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"orgdocs {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), done.stdout + done.stderr


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
            for p in folder.rglob("*") if p.is_file()}


def role_summary_line(org_file: Path) -> int:
    """The line of the first role's summary (four spaces in, below `roles:`)."""
    lines = org_file.read_text(encoding="utf-8").splitlines()
    start = lines.index("roles:")
    return next(i for i in range(start, len(lines)) if lines[i].startswith("    summary: "))


def counts(output: str) -> str:
    found = re.search(r"\d+ files: (\d+) rendered, (\d+) reused, (\d+) written", output)
    return found.group(0) if found else "?"


def measure(rounds: int = 3, orgs: Path = ROOT / "orgs", role_org: str = "platform-engineering") -> dict:
    ratios: dict[str, list[float]] = {"unchanged": [], "one role": []}
    cold_times, notes = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "orgs", Path(tmp) / "out"
        shutil.copytree(orgs, src)
        org_file = src / role_org / "org.yaml"
        line = role_summary_line(org_file)
        original = org_file.read_text(encoding="utf-8")
        for _ in range(rounds):
            shutil.rmtree(out, ignore_errors=True)
            args = ["build", str(src), "--out-dir", str(out), "-j", "1"]
            cold, _ = cpu_run(args)
            before = snapshot(out)
            same, printed = cpu_run(args)
            after = snapshot(out)
            notes["unchanged"] = (f"{counts(printed)}; files whose time or inode changed: "
                                  f"{sum(before[n] != after.get(n) for n in before)}")
            lines = original.splitlines(keepends=True)
            lines[line] = lines[line].rstrip("\n") + " Edited for the benchmark.\n"
            org_file.write_text("".join(lines), encoding="utf-8")
            one, printed = cpu_run(args)
            changed = sorted(n for n, v in snapshot(out).items() if after.get(n) != v)
            notes["one role"] = f"{counts(printed)}; rewritten: {', '.join(changed)}"
            org_file.write_text(original, encoding="utf-8")
            cold_times.append(cold)
            ratios["unchanged"].append(same / cold)
            ratios["one role"].append(one / cold)
    return {"cold_cpu_s": statistics.median(cold_times),
            "ratios": {k: statistics.median(v) for k, v in ratios.items()},
            "all_ratios": ratios, "notes": notes, "load": os.getloadavg()}


def rows(args) -> list:
    """The two incremental rows of `make bench` (bench/targets.py): one round per repetition asked for."""
    from targets import INCREMENTAL, Row

    found = measure(max(1, min(getattr(args, "reps", 3), 3)))
    out = []
    for (what, target), key in zip(INCREMENTAL, ("unchanged", "one role")):
        ratio = found["ratios"][key]
        out.append(Row(what, target, f"{ratio:.3f}× a cold build ({found['notes'][key]})",
                       met="yes" if ratio <= TARGETS[key] else "no"))
    return out


def main(argv: list[str]) -> None:
    rounds = int(argv[0]) if argv else 3
    orgs = Path(argv[1]) if len(argv) > 1 else ROOT / "orgs"
    load_before = os.getloadavg()
    found = measure(rounds, orgs)
    print(f"incremental build of {orgs} ({rounds} interleaved rounds; load average before "
          f"{load_before[0]:.2f}, after {found['load'][0]:.2f}; 2 cores)")
    print(f"  cold build: {found['cold_cpu_s']:.1f} s CPU (median)")
    for what, ratio in found["ratios"].items():
        each = ", ".join(f"{r:.3f}" for r in found["all_ratios"][what])
        verdict = "met" if ratio <= TARGETS[what] else "NOT met"
        print(f"  {what:<10} {ratio:.3f}× cold (rounds: {each}); target ≤ {TARGETS[what]}×: {verdict}")
        print(f"             {found['notes'][what]}")


if __name__ == "__main__":
    main(sys.argv[1:])
