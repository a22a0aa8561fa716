"""YAML → chart SVG: orgdocs' own SVG writer against the old path (pinned DOT drawn by `neato -n2`) and against
Graphviz `dot -Tsvg` laying out and drawing the same tree (default settings, and `newrank=true`).

    .venv/bin/python bench/chart_svg.py                 # 1k, 10k, 100k positions, 3 interleaved repetitions
    .venv/bin/python bench/chart_svg.py 1000 10000 -r 5

Every contender runs as a child process, one after the other within each repetition (the order rotates), so
load on the machine falls on all of them alike; figures are CPU seconds (user + system, the child and what it
ran, e.g. neato) and peak resident memory, medians over the repetitions. Compare the ratios, not the seconds.
`dot` is skipped where it takes minutes (default settings above 20k boxes, newrank above 20k).

`measure(sizes, reps)` returns the rows and `table(rows)` prints them, for a runner that calls several benches.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import synth_yaml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DOT_LIMIT = 20_000

# One chart, YAML to an SVG file, as `orgdocs chart ORG -f svg -o OUT` does it, with the SVG writer chosen.
CHILD = """
import sys
from pathlib import Path
from orgdocs.chart.options import ChartOptions
from orgdocs.commands import steps
from orgdocs.render.chart import draw, render_drawn
org, out, writer = sys.argv[1:4]
[item] = steps.load([org])
drawn = draw(item.analysis, ChartOptions(), Path(org).parent)
[page] = render_drawn(item.analysis, drawn, "svg", Path(org).parent, svg_writer=writer)
Path(out).write_bytes(page.data)
"""


def same_tree_dot(n: int, newrank: bool, seed: int = 1) -> str:
    """The tree synth_yaml(n) describes, as plain DOT with the same two-line labels, for dot to lay out."""
    rng = random.Random(seed)
    lines = ["digraph G {", "node [shape=box];", 'p0 [label="Manager\\nPerson 0"];']
    if newrank:
        lines.insert(1, "graph [newrank=true];")
    frontier, made = [0], 1
    while made < n:
        parent = frontier.pop(0)
        for _ in range(rng.randint(6, 8)):
            if made >= n:
                break
            lines.append(f'p{made} [label="Engineer\\nPerson {made}"]; p{parent} -> p{made};')
            frontier.append(made)
            made += 1
    return "\n".join(lines + ["}"]) + "\n"


@dataclass
class Row:
    positions: int
    cpu: dict[str, list[float]] = field(default_factory=dict)  # contender -> CPU seconds per repetition
    peak: dict[str, list[float]] = field(default_factory=dict)  # contender -> MB per repetition

    def median(self, who: str) -> float | None:
        return statistics.median(self.cpu[who]) if self.cpu.get(who) else None


CONTENDERS = ("orgdocs svg", "old: neato -n2", "dot default", "dot newrank")


def measure(sizes: list[int], reps: int = 3) -> list[Row]:
    from targets import measure as measure_one  # here: targets imports this module

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            org = Path(tmp) / f"synth{n}.yaml"
            org.write_text(synth_yaml(n))
            out = str(Path(tmp) / "c.svg")
            jobs = {
                "orgdocs svg": ([PYTHON, "-c", CHILD, str(org), out, "orgdocs"], None),
                "old: neato -n2": ([PYTHON, "-c", CHILD, str(org), out, "graphviz"], None),
            }
            if n <= DOT_LIMIT:
                jobs["dot default"] = (["dot", "-Tsvg"], same_tree_dot(n, False).encode())
                jobs["dot newrank"] = (["dot", "-Tsvg"], same_tree_dot(n, True).encode())
            row = Row(n)
            names = list(jobs)
            for rep in range(reps):
                for who in names[rep % len(names):] + names[:rep % len(names)]:  # rotate who goes first
                    cmd, stdin = jobs[who]
                    sample = measure_one(cmd, stdin)
                    row.cpu.setdefault(who, []).append(sample.cpu)
                    row.peak.setdefault(who, []).append(sample.peak_mb)
            rows.append(row)
    return rows


def table(rows: list[Row]) -> str:
    load = os.getloadavg()
    out = [f"YAML → chart SVG, CPU seconds (median of interleaved runs) and peak MB; load average "
           f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores",
           f"{'positions':>9}  " + "  ".join(f"{c:>16}" for c in CONTENDERS)
           + f"  {'÷ old':>7}  {'÷ dot':>7}  {'÷ newrank':>9}"]
    for row in rows:
        cells = []
        for who in CONTENDERS:
            m = row.median(who)
            cells.append(f"{m:7.2f} s {statistics.median(row.peak[who]):5.0f} MB" if m is not None else f"{'-':>16}")
        ours = row.median("orgdocs svg")
        ratios = [f"{ours / m:.2f}×" if (m := row.median(who)) else "-"
                  for who in ("old: neato -n2", "dot default", "dot newrank")]
        out.append(f"{row.positions:>9,}  " + "  ".join(cells)
                   + f"  {ratios[0]:>7}  {ratios[1]:>7}  {ratios[2]:>9}")
    small = {r.positions: r for r in rows}
    if 100_000 in small and 10_000 in small and small[10_000].median("dot default"):
        out.append(f"100,000 positions (orgdocs svg) ÷ 10,000 positions (dot default): "
                   f"{small[100_000].median('orgdocs svg') / small[10_000].median('dot default'):.2f}×")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000, 100_000])
    parser.add_argument("-r", "--reps", type=int, default=3)
    args = parser.parse_args(argv)
    print(table(measure(args.sizes, args.reps)), flush=True)


if __name__ == "__main__":
    main()
