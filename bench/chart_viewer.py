"""chart.html of a 10,000-position org in headless Chromium (issue 14): time to first paint (the header, painted
while the SVG is still arriving), until the page is parsed (the chart is all there), until the viewer is ready
(fitted, toggles made, drawn), and the frame time of a zoom, on the system's Chromium (no GPU).

    .venv/bin/python bench/chart_viewer.py              # 10,000 positions, 3 page loads
    .venv/bin/python bench/chart_viewer.py 1000 10000 -r 5

The page is made as `build` makes it (views → chart.html, assets/chart-viewer.js beside it) without the rest of
a build; each load is a fresh browser context. Figures are wall milliseconds, medians: compare them with the load
average printed beside them. `rows(args)` gives bench/targets.py its row.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import synth_yaml  # noqa: E402

CHROMIUM = os.environ.get("ORGDOCS_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
ZOOMS = 20

# each zoom: a click on a zoom button, then two frames: the one that paints the new transform, and the next
FRAMES = """async (n) => {
  const inb = document.querySelector("button[data-act=in]"), outb = document.querySelector("button[data-act=out]");
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    (i % 2 ? outb : inb).click();
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    times.push(performance.now() - t0);
  }
  return times;
}"""


def make_page(n: int, work: Path) -> Path:
    from orgdocs.chart.options import ChartOptions
    from orgdocs.commands import steps
    from orgdocs.outputs.build import documents
    from orgdocs.outputs.documents import DocOptions
    from orgdocs.outputs.plan import org_file
    from orgdocs.outputs.viewer import chart_page, viewer_script
    from orgdocs.render.chart import draw, render_drawn

    org = work / f"synth-{n}.yaml"
    org.write_text(synth_yaml(n))
    [item] = steps.load([str(org)])
    drawn = draw(item.analysis, ChartOptions(), work)
    [svg] = render_drawn(item.analysis, drawn, "svg", work)
    page = chart_page(documents(item, DocOptions(audience="all-hands")), svg.inline_svg(), n)
    out = work / "site"
    for name, data in ((org_file(item.id, page.name), page.data), (viewer_script().name, viewer_script().data)):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    return out / org_file(item.id, page.name)


def measure(page: Path, reps: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    paints, parsed, readies, frames = [], [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for _ in range(reps):
            context = browser.new_context(viewport={"width": 1280, "height": 800})
            tab = context.new_page()
            tab.goto(page.as_uri(), wait_until="load", timeout=300_000)
            tab.wait_for_selector("#chart-stage[data-ready=true]", timeout=300_000)
            paints.append(tab.evaluate("() => performance.getEntriesByName('first-contentful-paint')[0].startTime"))
            parsed.append(tab.evaluate("() => performance.getEntriesByName('viewer-start')[0].startTime"))
            readies.append(tab.evaluate("() => performance.getEntriesByName('viewer-ready')[0].startTime"))
            frames += tab.evaluate(FRAMES, ZOOMS)
            context.close()
        browser.close()
    return {"paint": statistics.median(paints), "parsed": statistics.median(parsed),
            "ready": statistics.median(readies),
            "frame": statistics.median(frames), "frame_max": max(frames)}


def rows(args: argparse.Namespace) -> list:
    from targets import Row

    with tempfile.TemporaryDirectory() as tmp:
        page = make_page(10_000, Path(tmp))
        size = page.stat().st_size / 1e6
        m = measure(page, args.reps or 3)
    return [Row("10,000-position chart.html in Chromium", "stays responsive (issue 14: measured)",
                f"first paint {m['paint']:.0f} ms, parsed {m['parsed']:.0f} ms, ready {m['ready']:.0f} ms, "
                f"zoom frame {m['frame']:.0f} ms "
                f"(max {m['frame_max']:.0f}); page {size:.1f} MB")]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000])
    parser.add_argument("-r", "--reps", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"load: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min), {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            page = make_page(n, Path(tmp))
            m = measure(page, args.reps)
            print(f"{n:>7,} positions, page {page.stat().st_size / 1e6:.1f} MB: first paint {m['paint']:.0f} ms, "
                  f"page parsed {m['parsed']:.0f} ms, viewer ready {m['ready']:.0f} ms, "
                  f"zoom frame median {m['frame']:.1f} ms (max {m['frame_max']:.1f}), "
                  f"{args.reps} loads, {ZOOMS} zooms each", flush=True)
    print(f"load after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
