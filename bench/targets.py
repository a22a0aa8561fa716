"""Issue 13's targets in one run, each against its peer: `make bench` (not part of `make test`).

    .venv/bin/python bench/targets.py                      # 1k, 10k, 100k, 250k positions: ~9 min CPU, 2 cores
    .venv/bin/python bench/targets.py --quick              # 1k and 10k, one repetition: ~1 min
    .venv/bin/python bench/targets.py --sizes 1000,10000 --reps 5
    make bench SIZES=1000,10000,100000

Every figure is the CPU time (user + system, child processes included: dot, neato) of a separate process, taken
with os.wait4, with the commands of one row run in turn (interleaved repetitions), so the other load on a shared
machine falls on both sides of a ratio alike; medians. Peak memory is the largest resident set of the process or
of any process it waited for (never below this runner's own size, which a child starts with). Start-up targets
are wall time, as the issue states them. The load average is printed beside the table: compare ratios, not
absolute times.

The rows of features built elsewhere come from their own bench modules when those exist: `incremental.rows(args)`
(bench/incremental.py) returns a list of `Row`; until then they print "not measured yet".
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chart_svg import same_tree_dot  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED_ORG = ROOT / "orgs" / "platform-engineering"
# the collector running as it did before (orgdocs.collector's pause replaced by nothing), for the (b) comparison
COLLECTOR_ON = ("import contextlib, runpy, sys, orgdocs.collector as c; c.collector_paused = contextlib.nullcontext; "
                "sys.argv[0] = 'orgdocs'; runpy.run_module('orgdocs', run_name='__main__')")


@dataclass
class Sample:
    cpu: float  # seconds
    wall: float
    peak_mb: float


@dataclass
class Row:
    what: str
    target: str
    measured: str
    peak: str = ""
    met: str = ""  # "yes", "no" or "" (nothing to judge)


def measure(cmd: list[str], stdin: bytes | None = None) -> Sample:
    """One run of a command in its own process: its CPU time and peak memory alone (os.wait4 reports them for
    that child and the children it waited for, unlike RUSAGE_CHILDREN, which accumulates over the run)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    if stdin is not None:
        proc.stdin.write(stdin)
        proc.stdin.close()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):  # 1: check found errors, still a full run
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.decode(errors='replace')[-2000:]}")
    return Sample(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def interleaved(cmds: dict[str, tuple[list[str], bytes | None]], reps: int, warm: bool = True
                ) -> dict[str, list[Sample]]:
    """Each command once per repetition, in turn; one warm-up round first (file cache, fonts) when reps > 1 and
    `warm` (long runs need none: the warm-up is a small part of them)."""
    out: dict[str, list[Sample]] = {name: [] for name in cmds}
    warm_up = warm and reps > 1
    for rep in range(reps + warm_up):
        for name, (cmd, stdin) in cmds.items():
            sample = measure(cmd, stdin)
            if rep or not warm_up:
                out[name].append(sample)
    return out


def cpu(samples: list[Sample]) -> float:
    return statistics.median(s.cpu for s in samples)


def wall(samples: list[Sample]) -> float:
    return statistics.median(s.wall for s in samples)


def peak(samples: list[Sample]) -> float:
    return max(s.peak_mb for s in samples)


def orgdocs(*args: str) -> list[str]:
    return [sys.executable, "-m", "orgdocs", *args]


def verdict(ok: bool) -> str:
    return "yes" if ok else "no"


def chart_rows(sizes: list[int], reps: int, work: Path) -> list[Row]:
    rows = []
    dot_cmd = ["dot", "-Tsvg"]
    default_10k: float | None = None
    for n in sizes:
        org = work / f"synth{n}.yaml"
        with org.open("wb") as out:  # written by a child: a child's peak starts at this process's size
            subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), str(n)], stdout=out, check=True)
        svg = str(work / f"chart{n}.svg")
        cmds: dict[str, tuple[list[str], bytes | None]] = {"orgdocs": (orgdocs("chart", str(org), "-o", svg), None)}
        if n <= 10_000:
            cmds["dot"] = (dot_cmd, same_tree_dot(n, False).encode())
        if n == 10_000:
            cmds["newrank"] = (dot_cmd, same_tree_dot(n, True).encode())
        runs = interleaved(cmds, reps if n <= 100_000 else 1, warm=n <= 10_000)
        ours = cpu(runs["orgdocs"])
        if n == 10_000:
            default_10k = cpu(runs["dot"])
            r1, r2 = ours / default_10k, ours / cpu(runs["newrank"])
            rows.append(Row("10,000-position chart, YAML → SVG", "≤ 0.15× dot, ≤ 0.4× dot newrank=true",
                            f"{r1:.2f}× dot, {r2:.2f}× newrank ({ours:.2f} s, dot {default_10k:.2f} s)",
                            f"{peak(runs['orgdocs']):.0f} MB", verdict(r1 <= 0.15 and r2 <= 0.4)))
        elif n == 1_000:
            r = ours / cpu(runs["dot"])
            rows.append(Row("1,000-position chart", "≤ 2× dot (start-up included)",
                            f"{r:.2f}× dot ({ours:.2f} s, dot {cpu(runs['dot']):.2f} s)",
                            f"{peak(runs['orgdocs']):.0f} MB", verdict(r <= 2)))
        elif n == 100_000:
            if default_10k is None:
                default_10k = cpu(interleaved({"dot": (dot_cmd, same_tree_dot(10_000, False).encode())}, reps)["dot"])
            r, mb = ours / default_10k, peak(runs["orgdocs"])
            rows.append(Row("100,000-position chart", "≤ 1.0× dot at 10,000, peak < 1 GB",
                            f"{r:.2f}× dot at 10k ({ours:.1f} s)", f"{mb:.0f} MB", verdict(r <= 1.0 and mb < 1024)))
        elif n == 250_000:
            numbers = interleaved({"check": (orgdocs("check", str(org)), None),
                                   "stats": (orgdocs("stats", str(org), "-o", str(work / "s.json")), None)}, 1)
            both = cpu(numbers["check"]) + cpu(numbers["stats"])
            mb = max(peak(numbers["check"]), peak(numbers["stats"]), peak(runs["orgdocs"]))
            rows.append(Row("250,000 positions", "check + stats ≤ 15 s, chart SVG ≤ 30 s, peak < 2 GB",
                            f"check + stats {both:.1f} s, chart {ours:.1f} s", f"{mb:.0f} MB",
                            verdict(both <= 15 and ours <= 30 and mb < 2048)))
        else:
            rows.append(Row(f"{n:,}-position chart", "(no target)", f"{ours:.2f} s", f"{peak(runs['orgdocs']):.0f} MB"))
    return rows


def startup_rows(reps: int) -> list[Row]:
    runs = interleaved({"python": ([sys.executable, "-c", "pass"], None),
                        "help": (orgdocs("--help"), None),
                        "check": (orgdocs("check", str(SEED_ORG)), None)}, max(reps, 5))
    h, c, py = wall(runs["help"]), wall(runs["check"]), wall(runs["python"])
    return [Row("`orgdocs --help` / `check` on a seed org", "≤ 0.1 s / ≤ 0.2 s wall",
                f"{h:.3f} s / {c:.3f} s (python -c pass {py:.3f} s; CPU {cpu(runs['help']):.3f} / "
                f"{cpu(runs['check']):.3f} s)", f"{peak(runs['check']):.0f} MB", verdict(h <= 0.1 and c <= 0.2))]


def collector_rows(sizes: list[int], reps: int, work: Path) -> list[Row]:
    """Item 2's paused collector against the collector running, on the same orgs (not a target of the table)."""
    rows = []
    for n in [s for s in sizes if s in (10_000, 100_000)]:
        org, svg = work / f"synth{n}.yaml", str(work / f"gc{n}.svg")
        args = ("chart", str(org), "-o", svg)
        runs = interleaved({"paused": (orgdocs(*args), None),
                            "running": ([sys.executable, "-c", COLLECTOR_ON, *args], None)}, reps, warm=n <= 10_000)
        rows.append(Row(f"collector paused, chart {n:,}", "(item 2: identical output, faster)",
                        f"{cpu(runs['paused']) / cpu(runs['running']):.2f}× collector running "
                        f"({cpu(runs['paused']):.2f} s against {cpu(runs['running']):.2f} s)",
                        f"{peak(runs['paused']):.0f} / {peak(runs['running']):.0f} MB"))
    return rows


def elsewhere(module: str, what: list[tuple[str, str]], args: argparse.Namespace) -> list[Row]:
    """Rows whose feature is built in another branch: that branch's bench module measures them."""
    try:
        bench = importlib.import_module(module)
    except ModuleNotFoundError:
        return [Row(w, t, "not measured yet") for w, t in what]
    return bench.rows(args)


INCREMENTAL = [("`build orgs/` with nothing changed", "≤ 0.02× a cold build, no file rewritten"),
               ("`build` after one role's text changes", "≤ 0.1× a cold build; only that role's outputs")]
VIEWER = [("10,000-position chart.html in Chromium", "stays responsive (issue 14: measured)")]
COMPARE = [("`compare -o x.pdf`, two 10,000-position variants", "≤ 10 s, < 1 GB")]  # bench/compare_pdf.py


def table(rows: list[Row]) -> str:
    head = Row("what", "target", "measured", "peak", "met")
    widths = [max(len(getattr(r, f)) for r in [head, *rows]) for f in ("what", "target", "measured", "peak")]
    out = []
    for r in [head, *rows]:
        cells = [getattr(r, f).ljust(w) for f, w in zip(("what", "target", "measured", "peak"), widths)]
        out.append(" | ".join([*cells, r.met]))
    return "\n".join(out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", help="positions, comma-separated (default 1000,10000,100000,250000)")
    parser.add_argument("--reps", type=int, help="interleaved repetitions per row (default 3, --quick 1)")
    parser.add_argument("--quick", action="store_true",
                        help="1k and 10k positions, one repetition, a small handbook, no 1,000-role build")
    parser.add_argument("--roles", type=int, default=120,
                        help="roles in the handbook row (0: skip it; --quick: 30, one repetition)")
    parser.add_argument("--build-roles", type=int, default=1000,
                        help="roles in the `build` row (0: skip it; not with --quick: it takes minutes)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else (
        [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000, 250_000])
    args.reps = args.reps or (1 if args.quick else 3)
    print(f"load before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} "
          f"(1, 5, 15 min), {os.cpu_count()} cores; sizes {sizes}, {args.reps} repetition(s)", flush=True)
    rows: list[Row] = []

    def add(more: list[Row]) -> None:  # progress on stderr: the table comes at the end
        rows.extend(more)
        for r in more:
            print(f"  {r.what}: {r.measured} {r.peak}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        add(chart_rows(sorted(sizes), args.reps, work))
        add(startup_rows(args.reps))
        add(elsewhere("incremental", INCREMENTAL, args))
        add(elsewhere("chart_viewer", VIEWER, args))  # issue 14: the 10k chart page in Chromium
        import documents  # bench/documents.py: the handbook and the 1,000-role build

        add(documents.rows(args))
        add(elsewhere("compare_pdf", COMPARE, args))
        add(collector_rows(sizes, args.reps, work))
    print(table(rows))
    print(f"load after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
