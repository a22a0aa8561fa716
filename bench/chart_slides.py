"""Issue 15's chart outputs: the PowerPoint deck and the SVG's embedded font subset, by chart size.

    .venv/bin/python bench/chart_slides.py                 # 100, 300 and 1,000 positions, 3 repetitions
    .venv/bin/python bench/chart_slides.py 100 1000 -r 5

For each size, laid out once: the deck (`-f pptx`, the whole chart on one slide, and --split's pages), and the
SVG without and with its fonts embedded (seconds of this process's CPU time, medians; bytes). Machines here are
noisy: compare the ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import synth_yaml  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from orgdocs.chart.options import ChartOptions  # noqa: E402
from orgdocs.commands import steps  # noqa: E402
from orgdocs.render.chart import draw, render_drawn  # noqa: E402


def _cold() -> None:
    """Forget fitted texts and font subsets: each repetition pays what one `orgdocs chart` run pays."""
    from orgdocs.render import font_embed, text_fit

    for cached in (text_fit.shorten, text_fit._wrap, font_embed._face_rules, font_embed._cmap, font_embed._match):
        cached.cache_clear()


def _cpu(item, drawn, fmt: str, folder: Path) -> tuple[float, bytes]:
    _cold()
    start = time.process_time()
    data = render_drawn(item.analysis, drawn, fmt, folder)[0].data
    return time.process_time() - start, data


def measure(sizes: list[int], reps: int = 3) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            org = Path(tmp) / f"synth{n}.yaml"
            org.write_text(synth_yaml(n))
            [item] = steps.load([str(org)])
            folder = org.parent
            cases = {
                "pptx": ChartOptions(page="slide-16x9"),
                "pptx --split": ChartOptions(page="slide-16x9", split=True),
                "svg": ChartOptions(),
                "svg + fonts": ChartOptions(embed_fonts=True),
            }
            row: dict = {"positions": n}
            for name, options in cases.items():
                fmt = name.split()[0]
                drawn = draw(item.analysis, options, folder)
                times, size = [], 0
                for _ in range(reps):
                    took, data = _cpu(item, drawn, fmt, folder)
                    times.append(took)
                    size = len(data)
                row[name] = (statistics.median(times), size, len(drawn))
            rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    load = os.getloadavg()
    names = [k for k in rows[0] if k != "positions"]
    out = [f"chart outputs of issue 15, CPU seconds (median) and bytes; load average {load[0]:.2f} {load[1]:.2f} "
           f"{load[2]:.2f} on {os.cpu_count()} cores",
           f"{'positions':>9}  " + "  ".join(f"{n:>24}" for n in names)]
    for row in rows:
        out.append(f"{row['positions']:>9}  " + "  ".join(
            f"{row[n][0]:6.2f} s {row[n][1]:>9,} B {row[n][2]:>2}p" for n in names))
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 300, 1000])
    parser.add_argument("-r", "--reps", type=int, default=3)
    args = parser.parse_args()
    print(table(measure(args.sizes, args.reps)))


if __name__ == "__main__":
    main()
