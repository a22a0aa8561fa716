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
from orgdocs.outputs.manifest import manifest
from orgdocs.outputs.plan import (
    COMPARE_FORMATS,
    OrgPlan,
    SitePlan,
    chart_file,
    check_file,
    compare_file,
    org_file,
    stats_file,
    tree_file,
)
from orgdocs.outputs.public import AUDIENCE, secrets_for
from orgdocs.problems import Problem
from orgdocs.render import comparison as compare
from orgdocs.render import stats_csv, stats_text, strict_json
from orgdocs.render.chart import ChartPage, Tiled, draw, render_drawn
from orgdocs.render.chart_dot import fit_scale
from orgdocs.render.chart_tiles import SMALLEST_READABLE_SCALE
from orgdocs.scan import Confidential, Leak, LeakFound, find_leaks
from orgdocs.views.audience import AudienceRules, audience_rules, findings_for, numbers_for
from orgdocs.views.check import check_report, portable
from orgdocs.views.comparison import Comparison, build_comparison
from orgdocs.write import OutputFile, OutputTree


def comparison_bytes(c: Comparison, fmt: str, templates: Path | None = None) -> bytes:
    return compare.documents(c, [fmt], templates)[fmt]


def families(items: list[LoadedOrg]) -> dict[str, list[LoadedOrg]]:
    """Orgs in one family folder (variants, stages), in the order loaded (`extends:` order, base first): the
    comparisons `build` writes."""
    groups: dict[str, list[LoadedOrg]] = {}
    for item in items:
        if item.source.family:
            groups.setdefault(item.source.family, []).append(item)
    return {name: group for name, group in groups.items() if len(group) > 1}


@dataclass
class BuildResult:
    org_id: str
    files: list[Path]
    findings: list[Problem]
    folder: Path
    notes: list[str] = field(default_factory=list)  # what was done to outputs too large for their viewers


PRINT_PAGE = "A3"


def org_plan(item: LoadedOrg, rules: AudienceRules | None = None) -> OrgPlan:
    pay = rules is None or rules.pay
    return OrgPlan(item.id, tuple(item.org.roles), has_ladders(item.analysis),
                   pay and has_band_document(item.analysis))


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


def build_charts(item: LoadedOrg, plan: OrgPlan, rules: AudienceRules, notes: list[str] | None = None) -> Charts:
    """SVG and PNG at natural size; a PDF for printing on A3, split by unit when one sheet would be too small
    (and tiled where even a unit's page would be). Names and pay only where the audience sees them."""
    shown = {"hide_names": not rules.names, "audience": "hr" if rules.pay else "all-hands"}
    natural = ChartOptions(role_links=plan.role_link, **shown)  # written beside roles/: boxes open their role
    pages = _chart_pages(item, natural, ["svg", "png"], "chart", notes)
    printed = ChartOptions(page=PRINT_PAGE, **shown)
    drawn = draw(item.analysis, printed, item.source.folder)
    if fit_scale(drawn[0].scene, drawn[0].layout, printed) < SMALLEST_READABLE_SCALE:
        printed, drawn = ChartOptions(page=PRINT_PAGE, split=True, **shown), None
    pages += _chart_pages(item, printed, ["pdf"], "chart", notes, drawn)
    return Charts(files=[OutputFile(name, page.data) for _, name, page in pages],
                  svg=next(page.inline_svg() for fmt, _, page in pages if fmt == "svg"),  # natural size: one page
                  pngs=[name for fmt, name, _ in pages if fmt == "png"])


def documents(item: LoadedOrg, options: DocOptions, findings: list[Problem] | None = None) -> Documents:
    return Documents(item.id, item.analysis, item.source.folder, options, findings)


def build_documents(item: LoadedOrg, findings: list[Problem], rules: AudienceRules, templates: Path | None,
                    workers: int) -> list[OutputFile]:
    """Role descriptions, the handbook and ladders as the audience may see them; the pay bands if it sees pay."""
    docs = documents(item, DocOptions(audience=rules.name, templates=templates), findings)
    files = docs.role_files(workers=workers)
    if rules.pay and has_band_document(item.analysis):
        files += docs.band_files()
    if has_ladders(item.analysis):
        files += docs.ladder_files()
    return files


def number_files(item: LoadedOrg, findings: list[Problem], counted: Numbers, prefix: str = "") -> list[OutputFile]:
    """stats.json/.csv/.txt and check.json, as given (the caller picks what the audience may see)."""
    return [
        OutputFile(stats_file("json", prefix), strict_json.dumps(counted, "stats").encode()),
        OutputFile(stats_file("csv", prefix), stats_csv.render([counted]).encode()),
        OutputFile(stats_file("txt", prefix), stats_text.render(counted).encode()),
        OutputFile(check_file(prefix), strict_json.dumps(check_report(item, findings), "check").encode()),
    ]


def build_outputs(item: LoadedOrg, findings: list[Problem], counted: Numbers, rules: AudienceRules,
                  templates: Path | None = None, workers: int = 1, notes: list[str] | None = None) \
        -> list[OutputFile]:
    """Everything `build` writes for one org into one audience's tree, as bytes, before anything touches the disk:
    each made from data filtered for that audience (views.audience)."""
    plan = org_plan(item, rules)
    charts = build_charts(item, plan, rules, notes)
    shown_findings, shown_numbers = findings_for(findings, rules), numbers_for(counted, rules)
    return charts.files + build_documents(item, findings, rules, templates, workers) + [
        site.org_index(documents(item, DocOptions(audience=rules.name, templates=templates)), plan,
                       shown_numbers, shown_findings, charts.svg, charts.pngs),
    ] + number_files(item, shown_findings, shown_numbers)


def build_tree(orgs: list[LoadedOrg], audience: str, findings: dict[str, list[Problem]],
               counted: dict[str, Numbers], *, templates: Path | None = None, workers: int = 1,
               progress=None, notes: dict[str, list[str]] | None = None) -> tuple[list[OutputFile], list[Leak]]:
    """One audience's tree (names relative to it): every org's folder, the comparisons, the site index and the
    redaction manifest; and every leak the scan found in it, for that audience's rules."""
    groups = families(orgs)
    plan = SitePlan(tuple(item.id for item in orgs), tuple(groups))
    files: list[OutputFile] = []
    secrets: dict[str, Confidential] = {}
    leaked: list[Leak] = []
    rules = {item.id: audience_rules(item.org, audience) for item in orgs}
    for item in orgs:
        made = build_outputs(item, findings[item.id], counted[item.id], rules[item.id], templates, workers,
                             notes.get(item.id) if notes is not None else None)
        secrets[item.id] = secrets_for(item, rules[item.id])
        named = [OutputFile(org_file(item.id, f.name), f.data) for f in made]
        leaked += find_leaks([(tree_file(audience, f.name), f.data) for f in named], secrets[item.id])
        files += named
        if progress:
            progress(tree_file(audience, item.id))
    for name, group in groups.items():
        c = build_comparison(group, [counted[i.id] for i in group], [findings[i.id] for i in group], audience)
        made = [OutputFile(compare_file(fmt, name), data)
                for fmt, data in compare.documents(c, COMPARE_FORMATS, templates).items()]
        leaked += find_leaks([(tree_file(audience, f.name), f.data) for f in made], _merged(secrets, group))
        files += made
        if progress:
            progress(tree_file(audience, f"compare {name}"))
    index = site.site_index(orgs, plan, {i.id: numbers_for(counted[i.id], rules[i.id]) for i in orgs},
                            {i.id: findings_for(findings[i.id], rules[i.id]) for i in orgs}, templates)
    leaked += find_leaks([(tree_file(audience, index.name), index.data)], _merged(secrets, orgs))
    files.append(index)
    files.append(manifest(audience, [item.id for item in orgs], files, leaked,
                          {item.id: rules[item.id] for item in orgs}))
    return files, leaked


def _merged(secrets: dict[str, Confidential], items: list[LoadedOrg]) -> Confidential:
    out = Confidential()
    for item in items:
        out = out.merge(secrets[item.id])
    return out


def build_loaded(orgs: list[LoadedOrg], output: Path, *, audiences: tuple[str, ...] = (AUDIENCE,),
                 templates: Path | None = None, workers: int = 1, progress=None, warn=None) -> list[BuildResult]:
    """Render every org into one tree per audience (OUTPUT/<audience>/) in a staging folder, scan each tree with
    its audience's rules, then swap everything into `output` at once: a leak (exit 5) or any failure (a render,
    a full disk) leaves `output` exactly as the previous build left it."""
    findings = {item.id: portable(run_checks(item.analysis, item.located), item) for item in orgs}
    counted = {item.id: numbers(item.id, item.org, item.analysis) for item in orgs}
    notes: dict[str, list[str]] = {item.id: [] for item in orgs}
    written: dict[str, list[OutputFile]] = {}
    leaked: list[Leak] = []
    with OutputTree(output, prune=True, warn=warn) as tree:
        for k, audience in enumerate(audiences):
            files, found = build_tree(orgs, audience, findings, counted, templates=templates, workers=workers,
                                      progress=progress, notes=notes if k == 0 else None)  # one note per chart
            leaked += found
            written[audience] = files
            for f in files:
                tree.add(tree_file(audience, f.name), f.data)
        if leaked:
            raise LeakFound(leaked, " and ".join(a for a in audiences if any(
                leak.file.startswith(tree_file(a, "")) for leak in leaked)))  # leaving the output folder as it was
        tree.commit()
    results = []
    for audience in audiences:
        names = [f.name for f in written[audience]]
        for item in orgs:
            mine = [output / tree_file(audience, n) for n in names if n.startswith(org_file(item.id, ""))]
            results.append(BuildResult(item.id, mine, findings[item.id], output / tree_file(audience, item.id),
                                       notes[item.id] if audience == audiences[0] else []))
        for name in families(orgs):
            results.append(BuildResult(f"{name} (comparison)",
                                       [output / tree_file(audience, compare_file(fmt, name))
                                        for fmt in COMPARE_FORMATS], [], output / tree_file(audience, name)))
    return results
