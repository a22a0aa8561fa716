"""People in boxes (issue 15): what photos cost a chart. The same synthetic org drawn to SVG and PNG three ways: no
photos, a photo of its own on every 10th holder (800 × 600 JPEGs, cropped and embedded; the other boxes get
initials), and the photos with `--photos none`.

    .venv/bin/python bench/chart_photos.py              # 10k positions, 3 interleaved repetitions
    .venv/bin/python bench/chart_photos.py 1000 -r 5

Each run is a child process (the org read, validated, laid out, drawn); figures are its CPU seconds (user +
system, Graphviz included for PNG), medians over interleaved repetitions, and the size of the file. Compare
ratios; the machine's load is printed beside them.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import synth_yaml  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import sys
from pathlib import Path
from orgdocs.chart.options import ChartOptions
from orgdocs.commands import steps
from orgdocs.render.chart import draw, render_drawn
org, out, fmt, photos = sys.argv[1:5]
[item] = steps.load([org])
drawn = draw(item.analysis, ChartOptions(photos=photos), item.source.folder)
Path(out).write_bytes(render_drawn(item.analysis, drawn, fmt, item.source.folder)[0].data)
"""


def orgs(n: int, folder: Path) -> dict[str, Path]:
    from PIL import Image

    plain, pictured = folder / "plain", folder / "photos"
    plain.mkdir()
    (pictured / "photos").mkdir(parents=True)
    text = synth_yaml(n)
    (plain / "org.yaml").write_text(text)
    lines = []
    for line in text.splitlines():
        if line.startswith("    holders: [Person "):
            k = int(line.split()[-1].rstrip("]"))
            if k % 10 == 0:
                Image.new("RGB", (800, 600), (k % 251, 80, 120)).save(pictured / "photos" / f"p{k}.jpg", "JPEG")
                line = f"    holders: [{{name: Person {k}, photo: photos/p{k}.jpg}}]"
        lines.append(line)
    (pictured / "org.yaml").write_text("\n".join(lines) + "\n")
    return {"no photos": plain, "photos": pictured}


def cpu(org: Path, out: Path, fmt: str, photos: str) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", CHILD, str(org), str(out), fmt, photos], check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, nargs="?", default=10_000)
    parser.add_argument("-r", "--reps", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        made = orgs(args.size, Path(tmp))
        cases = [(fmt, name, org, photos) for fmt in ("svg", "png")
                 for name, org, photos in (("no photos", made["no photos"], "round"),
                                           ("photos", made["photos"], "round"),
                                           ("--photos none", made["photos"], "none"))]
        times: dict[tuple, list[float]] = {c[:2]: [] for c in cases}
        sizes: dict[tuple, int] = {}
        for rep in range(args.reps):
            for fmt, name, org, photos in (cases if rep % 2 == 0 else cases[::-1]):
                out = Path(tmp) / f"out.{fmt}"
                times[fmt, name].append(cpu(org, out, fmt, photos))
                sizes[fmt, name] = out.stat().st_size
    print(f"{args.size:,} positions, {args.reps} repetitions, load average {os.getloadavg()[0]:.1f}")
    for (fmt, name), values in times.items():
        print(f"  {fmt:4} {name:14} {statistics.median(values):6.2f} s CPU  {sizes[fmt, name] / 1e6:6.1f} MB")


if __name__ == "__main__":
    main()
