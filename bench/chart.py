"""Chart speed and memory on synthetic orgs (6–8 reports per manager), against plain `dot` on the same tree.

    .venv/bin/python bench/chart.py            # 1k, 10k, 100k positions
    .venv/bin/python bench/chart.py 1000 10000 # chosen sizes

Each figure is one run on this machine: compare ratios, not absolute times. `dot` is skipped where it would
take too long (default settings above 20k boxes, tuned settings above 50k).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import synth_yaml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ORGDOCS = ROOT / ".venv" / "bin" / "orgdocs"


def timed(cmd: list[str], stdin: bytes | None = None, timeout: float = 900) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                   timeout=timeout)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


def plain_dot(n: int, tuned: bool) -> str:
    lines = ["digraph G {", "node [shape=box, label=\"Engineer\\nPerson\"];"]
    if tuned:
        lines.insert(1, "graph [newrank=true, nslimit=0.01, splines=line];")
    frontier, made = [0], 1
    import random

    rng = random.Random(1)
    while made < n:
        parent = frontier.pop(0)
        for _ in range(rng.randint(6, 8)):
            if made >= n:
                break
            lines.append(f"p{parent} -> p{made};")
            frontier.append(made)
            made += 1
    return "\n".join(lines + ["}"])


def main(sizes: list[int]) -> None:
    print(f"{'positions':>9}  {'orgdocs svg':>12}  {'peak MB':>8}  {'orgdocs pdf':>12}  {'dot default':>12}  "
          f"{'dot tuned':>10}  {'vs default':>10}  {'vs tuned':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            org = Path(tmp) / f"synth{n}.yaml"
            org.write_text(synth_yaml(n))
            svg, peak = timed([str(ORGDOCS), "chart", str(org), "-o", str(Path(tmp) / "c.svg")])
            pdf = "-"
            if n <= 10_000:
                pdf_s, _ = timed([str(ORGDOCS), "chart", str(org), "-o", str(Path(tmp) / "c.pdf")])
                pdf = f"{pdf_s:.2f} s"
            default = tuned = None
            if n <= 20_000:
                default, _ = timed(["dot", "-Tsvg"], plain_dot(n, False).encode())
            if n <= 50_000:
                tuned, _ = timed(["dot", "-Tsvg"], plain_dot(n, True).encode())
            def fmt(x: float | None) -> str:
                return f"{x:.2f} s" if x is not None else "-"

            def ratio(x: float | None, ours: float = svg) -> str:
                return f"{ours / x:.2f}×" if x else "-"

            print(f"{n:>9,}  {svg:>10.2f} s  {peak:>8.0f}  {pdf:>12}  {fmt(default):>12}  {fmt(tuned):>10}  "
                  f"{ratio(default):>10}  {ratio(tuned):>9}", flush=True)


if __name__ == "__main__":
    os.chdir(ROOT)
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000])
