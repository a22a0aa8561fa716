"""Dotted lines on a large chart: what routing them around boxes costs, and how many boxes they cross.

    PYTHONPATH=. .venv/bin/python bench/dotted_routing.py                # 10,000 positions, 300 dotted lines
    PYTHONPATH=/path/to/older/checkout .venv/bin/python bench/dotted_routing.py 10000 300   # the same, before

Runs in one process (the layout is pure Python): CPU seconds (process time) of the layout with the dotted lines
and without them (the difference is what the lines cost), and of the SVG writer, medians over the repetitions;
then how many (line, box) crossings the drawn lines have, found by sampling every line (straight legs and bezier
curves alike) against a bucket grid of the boxes. Works with the layout before and after routing (a dotted
line was (from, to, label, bezier points); now it is a Relation with an orthogonal polyline).
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import synth_yaml  # noqa: E402


def with_dotted(n: int, lines: int, seed: int = 3) -> str:
    """synth_yaml(n) with `lines` dotted lines between random positions (far apart, mostly), a few labelled."""
    rng = random.Random(seed)
    text = synth_yaml(n)
    wanted: dict[int, list[str]] = {}
    for i in range(lines):
        a, b = rng.sample(range(n), 2)
        label = f", label: Relation {i}" if i % 2 else ""
        wanted.setdefault(a, []).append(f"{{to: p{b}{label}}}")
    out = []
    for line in text.splitlines():
        out.append(line)
        if line.startswith("    holders: [Person "):
            pid = int(line.removeprefix("    holders: [Person ").rstrip("]"))
            if pid in wanted:
                out.append(f"    dotted_lines: [{', '.join(wanted[pid])}]")
    return "\n".join(out) + "\n"


def _paths(layout) -> list[list[tuple[float, float]]]:
    out = []
    for line in layout.dotted_lines:
        if isinstance(line, tuple):  # before: bezier control points
            pts = line[3]
            samples = [pts[0]]
            for i in range(1, len(pts) - 2, 3):
                p0, p1, p2, p3 = pts[i - 1:i + 3]
                for s in range(1, 41):
                    t = s / 40
                    samples.append(tuple((1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t ** 2 * c
                                         + t ** 3 * d for a, b, c, d in zip(p0, p1, p2, p3)))
            out.append(samples)
        else:
            samples = []
            for (ax, ay), (bx, by) in zip(line.points, line.points[1:]):
                steps = max(1, int(max(abs(bx - ax), abs(by - ay)) // 2))
                samples += [(ax + (bx - ax) * k / steps, ay + (by - ay) * k / steps) for k in range(steps + 1)]
            out.append(samples)
    return out


def crossings(layout) -> int:
    """(line, box) pairs where a sample of the line lies inside the box shrunk by 1 pt."""
    cell = 256.0
    grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
    for p in layout.boxes.values():
        r = (p.x - p.w / 2 + 1, p.y + 1, p.x + p.w / 2 - 1, p.y + p.h - 1)
        for cx in range(int(r[0] // cell), int(r[2] // cell) + 1):
            for cy in range(int(r[1] // cell), int(r[3] // cell) + 1):
                grid.setdefault((cx, cy), []).append(r)
    total = 0
    for samples in _paths(layout):
        hit = set()
        for x, y in samples:
            for r in grid.get((int(x // cell), int(y // cell)), ()):
                if r[0] < x < r[2] and r[1] < y < r[3]:
                    hit.add(r)
        total += len(hit)
    return total


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("positions", nargs="?", type=int, default=10_000)
    parser.add_argument("lines", nargs="?", type=int, default=300)
    parser.add_argument("-r", "--reps", type=int, default=3)
    args = parser.parse_args(argv)

    from orgdocs.chart.layout import layout
    from orgdocs.chart.options import ChartOptions
    from orgdocs.chart.scene import build_scene
    from orgdocs.commands import steps
    from orgdocs.render.chart_svg import svg_document

    with tempfile.TemporaryDirectory() as tmp:
        org = Path(tmp) / "org.yaml"
        org.write_text(with_dotted(args.positions, args.lines))
        [item] = steps.load([str(org)])
    options = ChartOptions()
    scene = build_scene(item.analysis, options)
    bare = copy.copy(scene)
    bare.dotted = []
    timings: dict[str, list[float]] = {"layout without dotted lines": [], "layout with dotted lines": [],
                                       "SVG writer": []}
    for _ in range(args.reps):
        t = time.process_time()
        layout(bare, options)
        timings["layout without dotted lines"].append(time.process_time() - t)
        t = time.process_time()
        laid = layout(scene, options)
        timings["layout with dotted lines"].append(time.process_time() - t)
        t = time.process_time()
        svg_document(scene, laid, options)
        timings["SVG writer"].append(time.process_time() - t)
    load = os.getloadavg()
    print(f"{args.positions} positions, {len(scene.dotted)} relations drawn as {len(laid.dotted_lines)} lines; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    for name, values in timings.items():
        print(f"  {name:<30} {statistics.median(values):7.3f} s CPU (median of {len(values)})")
    lines = timings["layout with dotted lines"]
    cost = statistics.median(lines) - statistics.median(timings["layout without dotted lines"])
    print(f"  {'dotted lines cost':<30} {cost:7.3f} s, {1000 * cost / max(1, len(laid.dotted_lines)):.2f} ms a line")
    print(f"  {'(line, box) crossings':<30} {crossings(laid):7d}")


if __name__ == "__main__":
    main()
