"""Everything `build` writes for a set of orgs: charts, documents, numbers, checks, comparisons and index pages,
rendered into one all-or-nothing output tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from orgdocs.analyse.loaded import LoadedOrg
from orgdocs.analyse.summary import stats
from orgdocs.chart.options import ChartOptions
from orgdocs.checks import run_checks
from orgdocs.outputs import site
from orgdocs.outputs.documents import DocOptions, Documents, has_band_document, has_ladders
from orgdocs.problems import Problem
from orgdocs.render import comparison as compare
from orgdocs.render import stats_csv, stats_text, strict_json
from orgdocs.render.chart import Tiled, scale_on_page
from orgdocs.render.chart import render as render_chart
from orgdocs.render.chart_tiles import SMALLEST_READABLE_SCALE
from orgdocs.views.check import check_report
from orgdocs.views.comparison import Comparison, build_comparison
from orgdocs.write import OutputFile, OutputTree


def comparison_bytes(c: Comparison, fmt: str, templates: Path | None = None) -> bytes:
    if fmt == "md":
        return compare.markdown(c).encode()
    if fmt == "json":
        return compare.as_json(c).encode()
    charts = compare.chart_svgs(c)
    if fmt == "svg":
        return compare.composite_svg(c, charts).encode()
    page = compare.html(c, charts, templates)
    return page.encode() if fmt == "html" else compare.pdf(c, page)


def families(items: list[LoadedOrg]) -> dict[str, list[LoadedOrg]]:
    """Orgs in one family folder (variants, stages), in file order: the comparisons `build` writes."""
    groups: dict[str, list[LoadedOrg]] = {}
    for item in items:
        if item.source.family:
            groups.setdefault(item.source.family, []).append(item)
    return {name: sorted(group, key=lambda i: i.source.files[0].name) for name, group in groups.items()
            if len(group) > 1}


@dataclass
class BuildResult:
    org_id: str
    files: list[Path]
    findings: list[Problem]
    folder: Path
    notes: list[str] = field(default_factory=list)  # what was done to outputs too large for their viewers


PRINT_PAGE = "A3"


def chart_files(item: LoadedOrg, options: ChartOptions, formats: list[str], stem: str = "chart",
                notes: list[str] | None = None) -> list[OutputFile]:
    """Chart files named stem.ext; split pages of SVG and PNG are stem-<unit>.ext, tiles stem[-<unit>]-<n>.ext.
    A line for each page drawn as tiles is added to `notes`."""
    files = []
    for fmt in formats:
        tiled: list[Tiled] = []
        for page, data in render_chart(item.analysis, options, fmt, item.source.folder, notes=tiled):
            files.append(OutputFile(f"{stem}{'-' + page if page else ''}.{fmt}", data))
        if notes is not None:
            notes += [_tiled_note(t, stem, fmt) for t in tiled]
    return files


def _tiled_note(t: Tiled, stem: str, fmt: str) -> str:
    def name(page: str) -> str:
        return f"{stem}{'-' + page if page else ''}.{fmt}"

    if fmt == "pdf":
        return f"{stem}.pdf: {t.message}: pages {t.first_page}–{t.first_page + len(t.tiles) - 1}"
    return f"{name(t.page)}: {t.message}: {name(t.tiles[0])} … {name(t.tiles[-1])}"


def build_charts(item: LoadedOrg, notes: list[str] | None = None) -> list[OutputFile]:
    """SVG and PNG at natural size; a PDF for printing on A3, split by unit when one sheet would be too small
    (and tiled where even a unit's page would be)."""
    natural = ChartOptions(link_roles=True)  # written beside roles/, so boxes can open their role
    printed = ChartOptions(page=PRINT_PAGE)
    if scale_on_page(item.analysis, printed) < SMALLEST_READABLE_SCALE:
        printed = ChartOptions(page=PRINT_PAGE, split=True)
    return chart_files(item, natural, ["svg", "png"], notes=notes) + chart_files(item, printed, ["pdf"], notes=notes)


def documents(item: LoadedOrg, options: DocOptions, findings: list[Problem] | None = None) -> Documents:
    return Documents(item.id, item.analysis, item.source.folder, options, findings)


def build_documents(item: LoadedOrg, findings: list[Problem], templates: Path | None, workers: int) -> list[OutputFile]:
    """Role descriptions and ladders without pay at the top; everything with pay under hr/."""
    public = documents(item, DocOptions(audience="all-hands", templates=templates), findings)
    hr = documents(item, DocOptions(audience="hr", templates=templates), findings)
    files = public.role_files(workers=workers) + hr.role_files(per_role=False, prefix="hr/")
    if has_band_document(item.analysis):
        files += hr.band_files(prefix="hr/")
    if has_ladders(item.analysis):
        files += public.ladder_files()
    return files


def build_outputs(item: LoadedOrg, findings: list[Problem], numbers: dict, templates: Path | None = None,
                  workers: int = 1, notes: list[str] | None = None) -> list[OutputFile]:
    """Everything `build` writes for one org, as bytes, before anything touches the disk."""
    charts = build_charts(item, notes)
    svg = next((f.data for f in charts if f.name == "chart.svg"), b"")
    return charts + build_documents(item, findings, templates, workers) + [
        site.org_index(documents(item, DocOptions(audience="all-hands", templates=templates)), numbers, findings,
                       svg, [f.name for f in charts if f.name.endswith(".png")]),
        OutputFile("stats.json", strict_json.dumps(numbers, "stats").encode()),
        OutputFile("stats.csv", stats_csv.render([numbers]).encode()),
        OutputFile("stats.txt", stats_text.render(numbers).encode()),
        OutputFile("check.json",
                   strict_json.dumps(check_report(item, findings), "check").encode()),
    ]


def build_loaded(orgs: list[LoadedOrg], output: Path, *, templates: Path | None = None, workers: int = 1,
                 progress=None, warn=None) -> list[BuildResult]:
    """Render every org into a staging folder as it goes, then swap the whole tree into `output` at once: a
    failure anywhere (a render, a full disk) leaves `output` exactly as the previous build left it."""
    findings = {item.id: run_checks(item.analysis, item.located) for item in orgs}
    numbers = {item.id: stats(item.id, item.org, item.analysis) for item in orgs}
    written: dict[str, list[str]] = {}
    notes: dict[str, list[str]] = {item.id: [] for item in orgs}
    with OutputTree(output, prune=True, warn=warn) as tree:
        for item in orgs:
            files = build_outputs(item, findings[item.id], numbers[item.id], templates, workers, notes[item.id])
            for f in files:
                tree.add(f"{item.id}/{f.name}", f.data)
            written[item.id] = [f.name for f in files]
            if progress:
                progress(item.id)
        compared = []
        for name, group in families(orgs).items():
            c = build_comparison(group, [numbers[i.id] for i in group], [findings[i.id] for i in group])
            for fmt in ("pdf", "html", "md", "json"):
                tree.add(f"{name}/compare.{fmt}", comparison_bytes(c, fmt, templates))
            compared.append(name)
            if progress:
                progress(f"compare {name}")
        index = site.site_index(orgs, numbers, findings, compared, templates)
        tree.add(index.name, index.data)
        tree.commit()
    root = output
    results = [BuildResult(item.id, [root / item.id / n for n in written[item.id]], findings[item.id],
                           root / item.id, notes[item.id]) for item in orgs]
    results += [BuildResult(f"{name} (comparison)", [root / name / f"compare.{fmt}" for fmt in
                                                     ("pdf", "html", "md", "json")], [], root / name)
                for name in compared]
    return results
