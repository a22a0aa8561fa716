"""An org chart, or a split set of pages, rendered to SVG, PNG or PDF bytes."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from orgdocs.analyse.summary import Analysis
from orgdocs.chart.dot_layout import dot_layout
from orgdocs.chart.layout import layout
from orgdocs.chart.options import ChartOptions
from orgdocs.chart.scene import CompareMarks, build_scene
from orgdocs.render.chart_dot import fit_scale, to_dot
from orgdocs.render.graphviz_run import document_time, run
from orgdocs.render.pdf import finish_pdf

FORMATS = ("svg", "pdf", "png")
MAX_PNG_PIXELS = 12_000  # longest side; larger charts are drawn at a lower resolution


@dataclass(frozen=True)
class Page:
    name: str  # "" for the chart itself / the overview, else the unit id
    title: str
    options: ChartOptions


def pages(a: Analysis, options: ChartOptions) -> list[Page]:
    """The chart, or with --split an overview down to the unit leads and one page per unit."""
    if not options.split:
        return [Page("", "", options)]
    tree, org = a.tree, a.org
    tops: dict[str, str] = {}  # unit -> its top position
    for node in tree.walk(options.root):
        if node.unit and node.unit not in tops:
            lead = org.units[node.unit].lead
            tops[node.unit] = lead if lead in tree.nodes and tree.nodes[lead].unit == node.unit else node.id
    stops = frozenset(tops.values())
    depth = max((tree.nodes[p].depth for p in stops), default=1)
    base = tree.nodes[options.root].depth - 1 if options.root else 0
    overview = dataclasses.replace(options, split=False, depth=max(1, depth - base))
    out = [Page("", "Overview", overview)]
    for unit, top in tops.items():
        if tree.nodes[top].depth - base >= overview.depth and not tree.nodes[top].children:
            continue  # the overview already shows all of it
        shown_above = tree.nodes[top].depth - base < overview.depth
        if shown_above and all(c in stops for c in tree.nodes[top].children):
            continue  # nothing of its own below the overview
        out.append(Page(unit, org.units[unit].name,
                        dataclasses.replace(options, split=False, root=top, stop_at=stops)))
    return out


def place(scene, options: ChartOptions, folder: Path):
    """Box positions from the tidy layout, or from Graphviz dot when asked for."""
    if options.engine == "dot":
        return dot_layout(scene, options,
                          lambda source: run(source, "plain", folder=folder, engine="dot", pinned=False))
    return layout(scene, options)


def _dot_for(a: Analysis, page: Page, marks: CompareMarks | None = None, folder: Path = Path(".")) -> str:
    scene = build_scene(a, page.options, marks=marks)
    if page.title:
        scene.subtitle = f"{page.title} — {scene.subtitle[0].lower()}{scene.subtitle[1:]}"
    return to_dot(scene, place(scene, page.options, folder), page.options)


def scale_on_page(a: Analysis, options: ChartOptions, folder: Path = Path(".")) -> float:
    """How far the whole chart must shrink to fit options.page (1 when it fits or has no page)."""
    scene = build_scene(a, options)
    return fit_scale(scene, place(scene, options, folder), options)


def png_dpi(dot_source: str) -> float:
    """Graphviz draws PNG at 96 dpi; shrink very large charts so the image stays openable."""
    import re

    m = re.search(r'sheet \[style=invis, label="", pos="[^"]*", width=([\d.]+), height=([\d.]+)\]', dot_source)
    if not m:
        return 96.0
    longest = max(float(m.group(1)), float(m.group(2)))
    return max(8.0, min(96.0, MAX_PNG_PIXELS / longest))


def render(a: Analysis, options: ChartOptions, fmt: str, folder: Path,
           marks: CompareMarks | None = None) -> list[tuple[str, bytes]]:
    """(page name, bytes) for each page; a PDF has all pages in one document under the name ""."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}")
    out = []
    for page in pages(a, options):
        source = _dot_for(a, page, marks, folder)
        extra = [f"-Gdpi={png_dpi(source):.2f}"] if fmt == "png" else None
        out.append((page.name, run(source, fmt, folder=folder, extra=extra)))
    if fmt == "pdf":
        org = a.org.org
        subject = "Org chart" + (f" as of {org.as_of.isoformat()}" if org.as_of else "")
        return [("", finish_pdf([data for _, data in out], title=f"{org.name} — org chart", subject=subject,
                                when=document_time(org.as_of)))]
    return out


def dot_source(a: Analysis, options: ChartOptions, folder: Path = Path(".")) -> str:
    return _dot_for(a, pages(a, options)[0], folder=folder)
