"""The whole flow, without any command-line concerns: find → load → validate → analyse → check → render → write.

The CLI only turns options into calls to these functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from orgdocs import compare, site, strict_json
from orgdocs.analyse.summary import Analysis, analyse, stats
from orgdocs.chart.options import ChartOptions
from orgdocs.checks import run_checks
from orgdocs.compare import Comparison, build_comparison
from orgdocs.documents import DocOptions, Documents, has_band_document, has_ladders
from orgdocs.model import Org
from orgdocs.problems import OrgInputError, Problem
from orgdocs.render import stats_csv, stats_text
from orgdocs.render.chart import Tiled, scale_on_page
from orgdocs.render.chart import render as render_chart
from orgdocs.render.chart_tiles import SMALLEST_READABLE_SCALE
from orgdocs.source.assemble import assemble
from orgdocs.source.discover import DiscoveryError, OrgSource, find_orgs
from orgdocs.source.git import GitError, checkout, split_revision, temporary_folder
from orgdocs.source.located import Located
from orgdocs.validate import validate
from orgdocs.write import OutputFile, OutputTree


@dataclass
class LoadedOrg:
    source: OrgSource
    org: Org
    located: Located
    analysis: Analysis

    @property
    def id(self) -> str:
        return self.source.id


_CHECKOUTS: list = []  # temporary folders of git revisions, removed when the process ends


def _sources(paths: list[str]) -> list[OrgSource]:
    """Paths as orgs; `path@rev` reads the path as it was at a git revision."""
    import dataclasses

    sources: list[OrgSource] = []
    for raw in paths:
        split = split_revision(raw)
        if split is None:
            sources += find_orgs([raw])
            continue
        path, rev = split
        tmp = temporary_folder()
        _CHECKOUTS.append(tmp)
        try:
            local = checkout(path, rev, Path(tmp.name))
        except GitError as exc:
            raise DiscoveryError(f"{raw}: {exc}") from None
        top = str(local)[: len(str(local)) - len(path.rstrip("/"))] if str(local).endswith(path.rstrip("/")) \
            else str(Path(tmp.name))
        for source in find_orgs([str(local)]):
            # named=None: at a revision even the named file must lie in its folder, whatever a committed link says
            sources.append(dataclasses.replace(source, id=f"{source.id}@{rev}", family="", revision=(top, rev),
                                               named=None))
    ids = [s.id for s in sources]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise DiscoveryError(f"the same org is named twice: {', '.join(dupes)}")
    return sources


def load(paths: list[str]) -> list[LoadedOrg]:
    """Every org the paths name, validated. Raises OrgInputError with every problem in every org."""
    try:
        sources = _sources(paths)
    except DiscoveryError as exc:
        raise OrgInputError([Problem(str(exc), None, code="not-found")]) from None
    loaded, problems = [], []
    for source in sources:
        located, found = assemble(source)
        problems += found
        if located is None:
            continue
        org, found = validate(located, source.folder)
        problems += found
        if org is not None and not found:
            loaded.append(LoadedOrg(source, org, located, analyse(org)))
    if problems:
        raise OrgInputError(problems)
    return loaded


def check(item: LoadedOrg) -> list[Problem]:
    return run_checks(item.analysis, item.located)


def org_stats(item: LoadedOrg) -> dict:
    return stats(item.id, item.org, item.analysis)


def check_report(item: LoadedOrg, findings: list[Problem]) -> dict:
    return {
        "id": item.id,
        "name": item.org.org.name,
        "errors": sum(p.severity == "error" for p in findings),
        "warnings": sum(p.severity == "warning" for p in findings),
        "findings": [p.as_dict() for p in findings],
    }


def comparison(items: list[LoadedOrg]) -> Comparison:
    return build_comparison(items, [org_stats(i) for i in items], [check(i) for i in items])


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
    findings = {item.id: check(item) for item in orgs}
    numbers = {item.id: org_stats(item) for item in orgs}
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
