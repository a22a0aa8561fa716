"""Everything `build` writes for a set of orgs: charts, documents, numbers, checks, comparisons and index pages,
rendered into one all-or-nothing output tree. File names and links come from orgdocs.outputs.plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from orgdocs.analyse.loaded import LoadedOrg
from orgdocs.analyse.summary import Numbers, numbers
from orgdocs.chart.options import ChartOptions
from orgdocs.checks import run_checks
from orgdocs.outputs import site
from orgdocs.outputs.documents import DocOptions, Documents, has_band_document, has_ladders
from orgdocs.outputs.plan import (
    COMPARE_FORMATS,
    HR,
    OrgPlan,
    SitePlan,
    chart_file,
    check_file,
    compare_file,
    org_file,
    stats_file,
)
from orgdocs.outputs.public import AUDIENCE, leaks
from orgdocs.problems import Problem
from orgdocs.render import comparison as compare
from orgdocs.render import stats_csv, stats_text, strict_json
from orgdocs.render.chart import ChartPage, Tiled, draw, render_drawn
from orgdocs.render.chart_dot import fit_scale
from orgdocs.render.chart_tiles import SMALLEST_READABLE_SCALE
from orgdocs.scan import Confidential, LeakFound, confidential, find_leaks
from orgdocs.views.audience import findings_for, numbers_for
from orgdocs.views.check import check_report
from orgdocs.views.comparison import Comparison, build_comparison
from orgdocs.write import OutputFile, OutputTree


def comparison_bytes(c: Comparison, fmt: str, templates: Path | None = None) -> bytes:
    return compare.documents(c, [fmt], templates)[fmt]


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


def org_plan(item: LoadedOrg) -> OrgPlan:
    return OrgPlan(item.id, tuple(item.org.roles), has_ladders(item.analysis), has_band_document(item.analysis))


def _chart_pages(item: LoadedOrg, options: ChartOptions, formats: list[str], stem: str,
                 notes: list[str] | None, drawn=None) -> list[tuple[str, str, ChartPage]]:
    """(format, file name, page) for each page of the chart in each format, laid out once for all formats."""
    folder = item.source.folder
    drawn = drawn or draw(item.analysis, options, folder)
    out = []
    for fmt in formats:
        tiled: list[Tiled] = []
        out += [(fmt, chart_file(fmt, page.name, stem), page)
                for page in render_drawn(item.analysis, drawn, fmt, folder, notes=tiled)]
        if notes is not None:
            notes += [_tiled_note(t, stem, fmt) for t in tiled]
    return out


def chart_files(item: LoadedOrg, options: ChartOptions, formats: list[str], stem: str = "chart",
                notes: list[str] | None = None) -> list[OutputFile]:
    """Chart files named stem.ext; split pages of SVG and PNG are stem-<unit>.ext, tiles stem[-<unit>]-<n>.ext.
    A line for each page drawn as tiles is added to `notes`."""
    return [OutputFile(name, page.data) for _, name, page in _chart_pages(item, options, formats, stem, notes)]


def _tiled_note(t: Tiled, stem: str, fmt: str) -> str:
    if fmt == "pdf":
        return f"{chart_file('pdf', stem=stem)}: {t.message}: pages {t.first_page}–{t.first_page + len(t.tiles) - 1}"
    return (f"{chart_file(fmt, t.page, stem)}: {t.message}: "
            f"{chart_file(fmt, t.tiles[0], stem)} … {chart_file(fmt, t.tiles[-1], stem)}")


@dataclass
class Charts:
    """An org's chart files, and what its index page shows of them."""

    files: list[OutputFile] = field(default_factory=list)
    svg: str = ""  # the chart at natural size, to inline in the index page
    pngs: list[str] = field(default_factory=list)  # its PNG files (several when drawn as tiles)


def build_charts(item: LoadedOrg, plan: OrgPlan, notes: list[str] | None = None) -> Charts:
    """SVG and PNG at natural size; a PDF for printing on A3, split by unit when one sheet would be too small
    (and tiled where even a unit's page would be)."""
    natural = ChartOptions(role_links=plan.role_link)  # written beside roles/, so boxes can open their role
    pages = _chart_pages(item, natural, ["svg", "png"], "chart", notes)
    printed = ChartOptions(page=PRINT_PAGE)
    drawn = draw(item.analysis, printed, item.source.folder)
    if fit_scale(drawn[0].scene, drawn[0].layout, printed) < SMALLEST_READABLE_SCALE:
        printed, drawn = ChartOptions(page=PRINT_PAGE, split=True), None
    pages += _chart_pages(item, printed, ["pdf"], "chart", notes, drawn)
    return Charts(files=[OutputFile(name, page.data) for _, name, page in pages],
                  svg=next(page.inline_svg() for fmt, _, page in pages if fmt == "svg"),  # natural size: one page
                  pngs=[name for fmt, name, _ in pages if fmt == "png"])


def documents(item: LoadedOrg, options: DocOptions, findings: list[Problem] | None = None) -> Documents:
    return Documents(item.id, item.analysis, item.source.folder, options, findings)


def build_documents(item: LoadedOrg, findings: list[Problem], templates: Path | None, workers: int) -> list[OutputFile]:
    """Role descriptions and ladders without pay at the top; everything with pay under hr/."""
    public = documents(item, DocOptions(audience="all-hands", templates=templates), findings)
    hr = documents(item, DocOptions(audience="hr", templates=templates), findings)
    files = public.role_files(workers=workers) + hr.role_files(per_role=False, prefix=HR)
    if has_band_document(item.analysis):
        files += hr.band_files(prefix=HR)
    if has_ladders(item.analysis):
        files += public.ladder_files()
    return files


def number_files(item: LoadedOrg, findings: list[Problem], counted: Numbers, prefix: str = "") -> list[OutputFile]:
    """stats.json/.csv/.txt and check.json, as given (the caller picks what the audience may see)."""
    return [
        OutputFile(stats_file("json", prefix), strict_json.dumps(counted, "stats").encode()),
        OutputFile(stats_file("csv", prefix), stats_csv.render([counted]).encode()),
        OutputFile(stats_file("txt", prefix), stats_text.render(counted).encode()),
        OutputFile(check_file(prefix), strict_json.dumps(check_report(item, findings), "check").encode()),
    ]


def build_outputs(item: LoadedOrg, findings: list[Problem], counted: Numbers, templates: Path | None = None,
                  workers: int = 1, notes: list[str] | None = None) -> list[OutputFile]:
    """Everything `build` writes for one org, as bytes, before anything touches the disk. Numbers and findings
    at the top leave out pay (the payroll estimate, the pay checks); hr/ has them whole."""
    plan = org_plan(item)
    charts = build_charts(item, plan, notes)
    public_findings, public_numbers = findings_for(findings, AUDIENCE), numbers_for(counted, AUDIENCE)
    return charts.files + build_documents(item, findings, templates, workers) + [
        site.org_index(documents(item, DocOptions(audience="all-hands", templates=templates)), plan,
                       public_numbers, public_findings, charts.svg, charts.pngs),
    ] + number_files(item, public_findings, public_numbers) + number_files(item, findings, counted, HR)


def build_loaded(orgs: list[LoadedOrg], output: Path, *, templates: Path | None = None, workers: int = 1,
                 progress=None, warn=None) -> list[BuildResult]:
    """Render every org into a staging folder as it goes, then swap the whole tree into `output` at once: a
    failure anywhere (a render, a full disk) leaves `output` exactly as the previous build left it."""
    findings = {item.id: run_checks(item.analysis, item.located) for item in orgs}
    counted = {item.id: numbers(item.id, item.org, item.analysis) for item in orgs}
    groups = families(orgs)
    plan = SitePlan(tuple(item.id for item in orgs), tuple(groups))
    written: dict[str, list[str]] = {}
    notes: dict[str, list[str]] = {item.id: [] for item in orgs}
    secrets = Confidential()
    leaked = []
    with OutputTree(output, prune=True, warn=warn) as tree:
        for item in orgs:
            files = build_outputs(item, findings[item.id], counted[item.id], templates, workers, notes[item.id])
            mine = confidential(item)
            leaked += leaks(item, files, org_file(item.id, ""), mine)
            secrets = secrets.merge(mine)
            for f in files:
                tree.add(org_file(item.id, f.name), f.data)
            written[item.id] = [f.name for f in files]
            if progress:
                progress(item.id)
        for name, group in groups.items():
            c = build_comparison(group, [counted[i.id] for i in group], [findings[i.id] for i in group])
            for fmt, data in compare.documents(c, COMPARE_FORMATS, templates).items():
                tree.add(compare_file(fmt, name), data)
            if progress:
                progress(f"compare {name}")
        index = site.site_index(orgs, plan, {i: numbers_for(n, AUDIENCE) for i, n in counted.items()},
                                {i: findings_for(f, AUDIENCE) for i, f in findings.items()}, templates)
        leaked += find_leaks([(index.name, index.data)], secrets)
        if leaked:
            raise LeakFound(leaked, AUDIENCE)  # leaving the output folder as it was
        tree.add(index.name, index.data)
        tree.commit()
    results = [BuildResult(item.id, [output / org_file(item.id, n) for n in written[item.id]], findings[item.id],
                           output / item.id, notes[item.id]) for item in orgs]
    results += [BuildResult(f"{name} (comparison)", [output / compare_file(fmt, name) for fmt in COMPARE_FORMATS],
                            [], output / name) for name in groups]
    return results
