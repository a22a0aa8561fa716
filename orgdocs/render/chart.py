"""An org chart, or a split set of pages, rendered to SVG, PNG or PDF bytes."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from pathlib import Path

from orgdocs.analyse.summary import Analysis
from orgdocs.chart.dot_layout import dot_layout
from orgdocs.chart.layout import AVATAR, Layout, cohead_room, layout
from orgdocs.chart.options import ChartOptions
from orgdocs.chart.scene import CompareMarks, Scene, build_scene
from orgdocs.errors import InputError
from orgdocs.limits import DEFAULT_LIMITS
from orgdocs.render import chart_tiles as tiles
from orgdocs.render import photos
from orgdocs.render.bidi import isolate
from orgdocs.render.chart_dot import dot_parts, fit_scale, page_size, to_dot
from orgdocs.render.chart_svg import svg_document
from orgdocs.render.graphviz import document_time, run, run_many
from orgdocs.render.pdf import finish_pdf
from orgdocs.render.png_finish import finish_png

FORMATS = ("svg", "pdf", "png", "pptx")
# who draws an SVG: orgdocs itself (render/chart_svg), or Graphviz from the pinned DOT (the reference it is
# tested against)
SVG_WRITERS = ("orgdocs", "graphviz")


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
    if not tops:  # no units to split by: the whole chart (tiled when too large)
        return [Page("", "", dataclasses.replace(options, split=False))]
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


def pictures(scene: Scene, folder: Path, lr: bool = False) -> None:
    """Each person's picture as PNG bytes on their box: the photo from the org folder (validated when the org
    was read; one that cannot be read now falls back to the initials), else the initials."""
    if not scene.avatars:
        return
    made: dict[str, bytes] = {}  # initials -> their picture (one shape a chart)

    cropped: dict[str, bytes] = {}  # photo -> its picture, b"" when it cannot be read

    def picture(photo: str, initials: str) -> bytes:
        if photo and photo not in cropped:
            data = photos.read_photo(folder, photo, DEFAULT_LIMITS.max_photo_bytes)
            try:
                cropped[photo] = photos.avatar_png(AVATAR, scene.avatars, photo=data) if data is not None else b""
            except ValueError:
                cropped[photo] = b""
        if photo and cropped[photo]:
            return cropped[photo]
        if not initials:
            return b""
        if initials not in made:
            made[initials] = photos.avatar_png(AVATAR, scene.avatars, initials=initials)
        return made[initials]

    for box in scene.boxes.values():
        if box.photo or box.initials:
            box.avatar = picture(box.photo, box.initials)
        if box.cohead_people and cohead_room(box, lr):
            box.cohead_avatars = [picture(photo, initials) for photo, initials in box.cohead_people]


def place(scene, options: ChartOptions, folder: Path):
    """Box positions from the tidy layout, or from Graphviz dot when asked for."""
    if options.engine == "dot":
        return dot_layout(scene, options,
                          lambda source: run(source, "plain", folder=folder, engine="dot", pinned=False))
    return layout(scene, options)


@dataclass(frozen=True)
class Drawn:
    """One page laid out: what it shows and where everything goes, before any format is rendered."""

    page: Page
    scene: Scene
    layout: Layout


def _drawn(a: Analysis, page: Page, marks: CompareMarks | None, folder: Path) -> Drawn:
    scene = build_scene(a, page.options, marks=marks)
    pictures(scene, folder, page.options.direction == "LR")
    if page.title:
        scene.subtitle = f"{isolate(page.title)} — {scene.subtitle[0].lower()}{scene.subtitle[1:]}"
    return Drawn(page, scene, place(scene, page.options, folder))


def draw(a: Analysis, options: ChartOptions, folder: Path, marks: CompareMarks | None = None) -> list[Drawn]:
    """Every page of the chart laid out once; render it in as many formats as wanted."""
    return [_drawn(a, page, marks, folder) for page in pages(a, options)]


def readable_overview(a: Analysis, options: ChartOptions, folder: Path,
                      marks: CompareMarks | None = None) -> Drawn | None:
    """The top layers of a chart too large for its paper, as many as fit on one sheet at a readable scale (the
    tiles that follow show everything, but no one page of them shows the shape of the org); None when not even
    the top two layers fit, or when the whole chart does."""
    best = None
    layers = max((n.depth for n in a.tree.nodes.values()), default=1)
    for depth in range(2, layers):
        d = _drawn(a, Page("overview", "Overview", dataclasses.replace(options, split=False, depth=depth)), marks,
                   folder)
        if fit_scale(d.scene, d.layout, d.page.options) < tiles.SMALLEST_READABLE_SCALE:
            break
        best = d
    return best


@dataclass(frozen=True)
class Tiled:
    """A page of the chart drawn as tiles (or, without tiles, a PNG drawn at less than its --dpi), for the note
    that tells the user."""

    page: str  # the page's name, as in render()'s result
    tiles: list[str]  # the tiles' names (PNG files; in a PDF they are pages first_page, first_page + 1, ...)
    first_page: int
    message: str


@dataclass(frozen=True)
class ChartPage:
    """A rendered page (or tile) and the size of its drawing, so nothing has to read the size back from bytes."""

    name: str  # "" for the chart itself / the overview, else the unit id (or a tile's name)
    data: bytes
    width: float  # points: the whole sheet, as Graphviz states it (whole points) in an SVG's width
    height: float

    def inline_svg(self) -> str:
        """The SVG element alone, to place inside an HTML page or another SVG (Graphviz puts an XML
        declaration, a doctype and a comment before it)."""
        text = self.data.decode("utf-8")
        text = text[text.index("<svg"):]
        # a page has its own fonts: the subset a standalone file carries (render/font_embed.py) stays out of it
        start = text.find('<defs id="embedded-fonts">')
        if start >= 0:
            text = text[:start] + text[text.index("</defs>\n", start) + len("</defs>\n"):]
        return text


def _points(value: float) -> float:
    """A size as Graphviz writes it into an SVG: the sheet's size in inches to 4 places, rounded to whole points."""
    return float(math.floor(round(value / 72, 4) * 72 + 0.5))


def render_drawn(a: Analysis, drawn: list[Drawn], fmt: str, folder: Path,
                 notes: list[Tiled] | None = None, svg_writer: str = "orgdocs") -> list[ChartPage]:
    """Pages already laid out, in one format: a ChartPage per page or tile; a PDF has all pages in one document
    under the name "".

    A PDF page or PNG image too large for common viewers, or fitted to its paper below a readable scale, is
    drawn as tiles named <page>-1, <page>-2, ... (1, 2, ... for the chart itself); each is added to `notes`."""
    if fmt == "pptx":  # one deck, a slide per page, drawn from the scene (no Graphviz)
        from orgdocs.render.chart_pptx import pptx_document

        info = pdf_info(a)
        info["title"] = info["title"].replace("org chart", "org chart slides")
        deck = pptx_document([(d.scene, d.layout, d.page.options) for d in drawn], **info)
        return [ChartPage("", *deck)]
    out = draw_pages(drawn, fmt, folder, notes, svg_writer)
    size = drawn[0].page.options.scale if drawn else 1.0  # --scale: SVG sizes itself, PDF and PNG here
    if fmt == "pdf":
        joined = finish_pdf([p.data for p in out], scale=size, **pdf_info(a))
        return [ChartPage("", joined, max(p.width for p in out) * size, max(p.height for p in out) * size)]
    if fmt == "png" and size != 1:
        return [dataclasses.replace(p, width=p.width * size, height=p.height * size) for p in out]
    return out


def pdf_info(a: Analysis) -> dict:
    """The chart PDF's title, subject and date (finish_pdf's keywords)."""
    org = a.org.org
    subject = "Org chart" + (f" as of {org.as_of.isoformat()}" if org.as_of else "")
    return {"title": f"{org.name} — org chart", "subject": subject, "when": document_time(org.as_of)}


@dataclass(frozen=True)
class Job:
    """One page or tile for Graphviz to draw (its DOT), and its name and size once drawn."""

    name: str
    source: str
    extra: tuple[str, ...]
    size: tuple[float, float]
    images: dict[str, bytes] | None = None  # the pictures its labels name (render/graphviz writes them)
    png: tuple[float, bool, tuple[int, int] | None] | None = None  # a PNG's dpi, transparency, exact pixels


def draw_pages(drawn: list[Drawn], fmt: str, folder: Path, notes: list[Tiled] | None = None,
               svg_writer: str = "orgdocs") -> list[ChartPage]:
    """Every page and tile as its own ChartPage (a PDF each, not yet joined); the pages Graphviz draws are
    drawn by as few processes as there are resolutions (graphviz.run_many)."""
    return draw_jobs(page_jobs(drawn, fmt, folder, notes, svg_writer), fmt, folder)


def page_jobs(drawn: list[Drawn], fmt: str, folder: Path, notes: list[Tiled] | None = None,
              svg_writer: str = "orgdocs") -> list[ChartPage | Job]:
    """draw_pages' first half: the pages orgdocs writes itself, and the DOT of those Graphviz is to draw
    (draw_jobs), so a caller can have Graphviz draw them while it does other work."""
    if fmt not in FORMATS or fmt == "pptx":  # a deck is one file of all pages: render_drawn makes it
        raise ValueError(f"unknown chart format {fmt!r}")
    if svg_writer not in SVG_WRITERS:
        raise ValueError(f"unknown SVG writer {svg_writer!r}")
    out: list[ChartPage | Job] = []
    names = {d.page.name for d in drawn}
    for page, scene, placed in ((d.page, d.scene, d.layout) for d in drawn):
        if fmt == "svg" and svg_writer == "orgdocs":
            out.append(ChartPage(page.name, *svg_document(scene, placed, page.options)))
            continue
        parts = dot_parts(scene, placed)
        if page.options.transparent and fmt != "pdf":  # an alpha PNG; a PDF stays on white paper
            parts = dataclasses.replace(parts, graph=["bgcolor=transparent" if g == "bgcolor=white" else g
                                                      for g in parts.graph])
        size = _points(parts.width), _points(parts.height)
        if fmt == "svg":
            out.append(Job(page.name, to_dot(scene, placed, page.options, parts), (), size, parts.images))
            continue
        paper = page_size(page.options, parts.width, parts.height)
        fit = fit_scale(scene, placed, page.options)
        wanted = page.options.dpi * page.options.scale  # a PNG's pixels: --dpi at --scale 1
        if fmt == "pdf":
            limits = tiles.pdf_limits(parts.width, parts.height, paper, fit)
        else:
            limits = tiles.png_limits(parts.width, parts.height, paper, fit, wanted)
        drawn_at = round(tiles.page_dpi(parts.width, parts.height, paper, limits, wanted), 2)
        dpi = (f"-Gdpi={drawn_at:.2f}",) if fmt == "png" else ()
        if fmt == "png" and wanted > tiles.PNG_DPI and drawn_at < wanted - 0.5 and notes is not None:
            # a print resolution asked for and not given: say so (the default is lowered quietly, as it always was)
            notes.append(Tiled(page.name, [], 0, lowered_note(page.options.dpi, page.options.scale, drawn_at)))
        # the PNG's own resolution: its pixels over the size it prints at (the sheet times --scale)
        png = (drawn_at / page.options.scale, page.options.transparent,
               (round(paper[0] / 72 * drawn_at), round(paper[1] / 72 * drawn_at)) if paper and not limits else None)
        if limits is None:
            out.append(Job(page.name, to_dot(scene, placed, page.options, parts), dpi, size, parts.images,
                           png if fmt == "png" else None))
            continue
        grid, shown = tiles.plan(parts, limits)
        kind = "pages" if fmt == "pdf" else "images"
        heading = scene.title + (f" — {page.title}" if page.title else "")
        tile_names = [f"{page.name}-{k}" if page.name else str(k) for k in range(1, len(grid) + 1)]
        if clash := names & set(tile_names):
            raise InputError(f"the chart is drawn in tiles named like its pages; rename unit {sorted(clash)[0]!r}")
        what = f"the {page.title} page" if page.title else "the chart"
        scale = f"{wanted:g} dpi" if fmt == "png" and not paper else f"{limits.scale:.0%}"
        done = (f"drawn at {scale} over {len(grid)} {kind} "
                f"({grid[0].rows} row{'s' * (grid[0].rows > 1)} × {grid[0].cols} column{'s' * (grid[0].cols > 1)})")
        if notes is not None:
            notes.append(Tiled(page.name, tile_names, len(out) + 1, f"{what} is too large: {limits.reason}; {done}"))
        for k, (tile, pieces) in enumerate(zip(grid, shown), 1):
            label = tiles.tile_label(heading, tile, k, len(grid))
            if k == 1:
                label = f"{label} · too large for one {kind[:-1]} at a readable size, {done}"
            out.append(Job(tile_names[k - 1], tiles.tile_dot(parts, pieces, tile, limits, label), dpi, size,
                           parts.images, png if fmt == "png" else None))
    return out


def draw_jobs(items: list[ChartPage | Job], fmt: str, folder: Path) -> list[ChartPage]:
    """page_jobs' pages, each Job drawn by Graphviz: one process per resolution."""
    jobs = [item for item in items if isinstance(item, Job)]
    data: dict[int, bytes] = {}
    for extra in dict.fromkeys(job.extra for job in jobs):  # one process per resolution, in order of first use
        batch = [job for job in jobs if job.extra == extra]
        images = {name: data for job in batch for name, data in (job.images or {}).items()}
        for job, drawn in zip(batch, run_many([job.source for job in batch], fmt, folder=folder,
                                              extra=list(extra) or None, images=images or None)):
            data[id(job)] = drawn
    for job in jobs:
        if job.png:
            dpi, transparent, pixels = job.png
            data[id(job)] = finish_png(data[id(job)], dpi, transparent=transparent, pixels=pixels)
    return [ChartPage(item.name, data[id(item)], *item.size) if isinstance(item, Job) else item for item in items]


def lowered_note(dpi: float, scale: float, drawn_at: float) -> str:
    """What a PNG lowered below its --dpi says, in the user's terms: the dpi it has at its printed size (--scale
    times the sheet), not Graphviz's pixels an inch of the sheet."""
    at = f"{drawn_at / scale:.3g} dpi × scale {scale:g}" if scale != 1 else f"{drawn_at:.3g} dpi"
    return (f"drawn at {at}, lowered from {dpi:g} dpi to keep the image within what common image viewers open "
            f"({tiles.PNG_MAX_SIDE:,} px a side, {tiles.PNG_MAX_PIXELS / 1e6:g} megapixels)")


def render(a: Analysis, options: ChartOptions, fmt: str, folder: Path,
           marks: CompareMarks | None = None, notes: list[Tiled] | None = None,
           svg_writer: str = "orgdocs") -> list[tuple[str, bytes]]:
    """(page name, bytes) for each page, as render_drawn makes them."""
    return [(p.name, p.data) for p in render_drawn(a, draw(a, options, folder, marks), fmt, folder, notes,
                                                   svg_writer)]


def dot_source(a: Analysis, options: ChartOptions, folder: Path = Path(".")) -> str:
    d = _drawn(a, pages(a, options)[0], None, folder)
    return to_dot(d.scene, d.layout, d.page.options)
