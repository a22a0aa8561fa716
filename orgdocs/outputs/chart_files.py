"""A chart's files, named by the output plan: apart from build.py so that `orgdocs chart` loads none of what
documents, the site and comparisons need (start-up, issue 13)."""

from __future__ import annotations

from orgdocs.analyse.loaded import LoadedOrg
from orgdocs.chart.options import ChartOptions
from orgdocs.outputs.plan import chart_file
from orgdocs.render.chart import ChartPage, Tiled, draw, render_drawn
from orgdocs.write import OutputFile


def chart_pages(item: LoadedOrg, options: ChartOptions, formats: list[str], stem: str,
                notes: list[str] | None, drawn=None) -> list[tuple[str, str, ChartPage]]:
    """(format, file name, page) for each page of the chart in each format, laid out once for all formats."""
    folder = item.source.folder
    drawn = drawn or draw(item.analysis, options, folder)
    if notes is not None:
        notes += frames_note(drawn[0].scene)
    out = []
    for fmt in formats:
        tiled: list[Tiled] = []
        out += [(fmt, chart_file(fmt, page.name, stem), page)
                for page in render_drawn(item.analysis, drawn, fmt, folder, notes=tiled)]
        if notes is not None:
            notes += [tiled_note(t, stem, fmt) for t in tiled]
            if fmt == "pptx":
                notes += slides_note(drawn, stem)
    return out


def frames_note(scene) -> list[str]:
    """--unit-frames that cannot frame a unit says which and why, rather than drawing less in silence."""
    if not scene.unframed:
        return []
    reasons: dict[str, list[str]] = {}
    for name, why in scene.unframed:
        reasons.setdefault(why, []).append(name)
    n = len(scene.unframed)
    said = "; ".join(f"{', '.join(names[:5])}{' …' if len(names) > 5 else ''}: {why}" for why, names in reasons.items())
    return [f"--unit-frames: {n} unit{'s' * (n > 1)} not framed ({said}); a frame goes round one subtree "
            f"that holds no other unit's boxes"]


def slides_note(drawn: list, stem: str) -> list[str]:
    """A deck whose slides shrink the chart below the readable scale says so (a slide is not tiled)."""
    from orgdocs.render.chart_pptx import shrunk
    from orgdocs.render.chart_tiles import SMALLEST_READABLE_SCALE

    small = shrunk([(d.scene, d.layout, d.page.options) for d in drawn], SMALLEST_READABLE_SCALE)
    if not small:
        return []
    which = ", ".join(f"{n} ({fit:.0%})" for n, fit in small[:5]) + (" …" if len(small) > 5 else "")
    advice = "; --split gives a slide per unit" if not drawn[0].page.options.split and len(drawn) == 1 else ""
    return [f"{chart_file('pptx', stem=stem)}: slide{'s' * (len(small) > 1)} {which} shrunk below the readable "
            f"{SMALLEST_READABLE_SCALE:.0%} to fit{advice}"]


def chart_files(item: LoadedOrg, options: ChartOptions, formats: list[str], stem: str = "chart",
                notes: list[str] | None = None) -> list[OutputFile]:
    """Chart files named stem.ext; split pages of SVG and PNG are stem-<unit>.ext, tiles stem[-<unit>]-<n>.ext.
    A line for each page drawn as tiles is added to `notes`."""
    return [OutputFile(name, page.data) for _, name, page in chart_pages(item, options, formats, stem, notes)]


def tiled_note(t: Tiled, stem: str, fmt: str) -> str:
    if not t.tiles:  # a page drawn whole, at less than asked (a PNG's --dpi)
        return f"{chart_file(fmt, t.page, stem)}: {t.message}"
    if fmt == "pdf":
        return f"{chart_file('pdf', stem=stem)}: {t.message}: pages {t.first_page}–{t.first_page + len(t.tiles) - 1}"
    return (f"{chart_file(fmt, t.page, stem)}: {t.message}: "
            f"{chart_file(fmt, t.tiles[0], stem)} … {chart_file(fmt, t.tiles[-1], stem)}")
