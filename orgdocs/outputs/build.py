"""Everything `build` writes for a set of orgs: charts, documents, numbers, checks, comparisons and index pages,
rendered into one all-or-nothing output tree. File names and links come from orgdocs.outputs.plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from orgdocs.analyse.loaded import LoadedOrg
from orgdocs.analyse.summary import Numbers, numbers
from orgdocs.analyse.units import unit_order
from orgdocs.chart.options import DEFAULT_SLIDE, ChartOptions
from orgdocs.checks import run_checks
from orgdocs.outputs import pages, site, viewer
from orgdocs.outputs.cache import INDEX as CACHE_INDEX
from orgdocs.outputs.cache import NO_CACHE, BuildCache, Scope, digest, environment
from orgdocs.outputs.chart_files import chart_files as chart_files  # re-exported for callers of build
from orgdocs.outputs.chart_files import chart_pages as _chart_pages
from orgdocs.outputs.dashboard import dashboard_files, dashboard_key
from orgdocs.outputs.documents import DocOptions, Documents, has_band_document, has_ladders
from orgdocs.outputs.manifest import manifest
from orgdocs.outputs.plan import (
    COMPARE_FORMATS,
    MANIFEST,
    SITE_RESULT,
    ComparisonPlan,
    OrgPlan,
    SitePlan,
    chart_file,
    check_file,
    compare_file,
    comparison_nav,
    handbook_file,
    org_file,
    position_pages,
    role_file,
    site_names,
    stats_file,
    tree_file,
)
from orgdocs.outputs.public import AUDIENCE, secrets_for
from orgdocs.outputs.search import search_data, search_page
from orgdocs.problems import Problem
from orgdocs.render import comparison as compare
from orgdocs.render import stats_csv, stats_text, strict_json
from orgdocs.render.chart import ChartPage, Drawn, draw
from orgdocs.render.chart_dot import fit_scale
from orgdocs.render.chart_tiles import SMALLEST_READABLE_SCALE
from orgdocs.scan import Confidential, Leak, LeakFound, find_leaks
from orgdocs.views.audience import AudienceRules, audience_rules, findings_for, numbers_for
from orgdocs.views.bands import bands as band_data
from orgdocs.views.check import check_report, portable
from orgdocs.views.comparison import Comparison, build_comparison
from orgdocs.views.ladders import ladders as ladder_data
from orgdocs.write import OutputFile, OutputTree, clear_leftovers


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


def org_plan(item: LoadedOrg, rules: AudienceRules | None = None, family: str = "") -> OrgPlan:
    """family: the family whose comparison `build` writes, when the org is one of its variants."""
    pay = rules is None or rules.pay
    return OrgPlan(item.id, tuple(item.org.roles), has_ladders(item.analysis),
                   pay and has_band_document(item.analysis),
                   units=tuple(uid for uid, _ in unit_order(item.org)), family=family,
                   name=site.org_label(item))


@dataclass
class Charts:
    """An org's chart files, and what its index page shows of them."""

    files: list[OutputFile] = field(default_factory=list)
    svg: str = ""  # the chart at natural size, to inline in the index page
    pngs: list[str] = field(default_factory=list)  # its PNG files (several when drawn as tiles)


def build_charts(item: LoadedOrg, plan: OrgPlan, rules: AudienceRules, notes: list[str] | None = None,
                 scope: Scope = NO_CACHE, assets: str = "", pdf: bool = True) -> Charts:
    """SVG and PNG at natural size; a PDF for printing on A3 (unless `pdf` is off), split by unit when one sheet
    would be too small (and tiled where even a unit's page would be). Names and pay only where the audience sees
    them. Reused from the cache when the laid-out pages (what they show and where) are those of the previous
    build."""
    shown = {"hide_names": not rules.names, "audience": "hr" if rules.pay else "all-hands"}
    folder = item.source.folder
    # boxes open their position's page; chart.svg carries its fonts, the pages that inline it do not (issue 15)
    natural = ChartOptions(position_links=plan.position_link, embed_fonts=True, **shown)
    natural_drawn = draw(item.analysis, natural, folder)
    printed, drawn = None, []
    if pdf:
        printed = ChartOptions(page=PRINT_PAGE, **shown)
        drawn = draw(item.analysis, printed, folder)
        if fit_scale(drawn[0].scene, drawn[0].layout, printed) < SMALLEST_READABLE_SCALE:
            printed = ChartOptions(page=PRINT_PAGE, split=True, **shown)
            drawn = draw(item.analysis, printed, folder)
    # the deck is a download like the PDF: serve's preview (pdf off) makes neither
    slides, slides_drawn = _slides(item, shown, len(natural_drawn[0].scene.boxes), notes) if pdf else (None, [])

    def make() -> tuple[list[OutputFile], dict]:
        made: list[str] = []
        pages = _chart_pages(item, natural, ["svg", "png"], "chart", made, natural_drawn)
        if printed is not None:
            pages += _chart_pages(item, printed, ["pdf"], "chart", made, drawn)
        if slides is not None:
            pages += _chart_pages(item, slides, ["pptx"], "chart", made, slides_drawn)
        return ([OutputFile(name, page.data) for _, name, page in pages],
                {"notes": made, "svg": next(name for fmt, name, _ in pages if fmt == "svg"),  # natural: one page
                 "pngs": [name for fmt, name, _ in pages if fmt == "png"]})

    # the org's own section too: the PDF's title and date come from it
    files, meta = scope.get_with_meta("chart", (natural, _drawn_key(natural_drawn), printed, _drawn_key(drawn),
                                                slides, _drawn_key(slides_drawn), item.org.org, assets), make)
    if notes is not None:
        notes += meta["notes"]
    svg = next(f.data for f in files if f.name == meta["svg"])
    return Charts(files=files, svg=ChartPage(meta["svg"], svg, 0, 0).inline_svg(), pngs=list(meta["pngs"]))


# --- chart.pptx (issue 15): the all-hands deck ---
SLIDE_BOXES = 2_000  # most boxes build puts in chart.pptx: python-pptx takes ~7 ms a box (1,000 boxes: 7 s)


def _slides(item: LoadedOrg, shown: dict, boxes: int, notes: list[str] | None) -> tuple[ChartOptions, list[Drawn]]:
    """chart.pptx: the chart on 16:9 slides, split by unit when one slide would shrink it below the readable
    scale; an org of more than SLIDE_BOXES boxes gets its top two layers (`chart -f pptx --split` draws all)."""
    folder = item.source.folder
    if boxes > SLIDE_BOXES:
        options = ChartOptions(page=DEFAULT_SLIDE, depth=2, **shown)
        if notes is not None:
            notes.append(f"{chart_file('pptx')}: {boxes:,} boxes, more than {SLIDE_BOXES:,} for one deck: "
                         f"the top two layers (orgdocs chart --split -f pptx draws them all)")
        return options, draw(item.analysis, options, folder)
    options = ChartOptions(page=DEFAULT_SLIDE, **shown)
    drawn = draw(item.analysis, options, folder)
    if fit_scale(drawn[0].scene, drawn[0].layout, options) < SMALLEST_READABLE_SCALE:
        options = ChartOptions(page=DEFAULT_SLIDE, split=True, **shown)
        drawn = draw(item.analysis, options, folder)
    return options, drawn
# --- end of chart.pptx ---


def _drawn_key(drawn: list[Drawn]) -> list:
    return [(d.page, d.scene, d.layout) for d in drawn]


def documents(item: LoadedOrg, options: DocOptions, findings: list[Problem] | None = None) -> Documents:
    return Documents(item.id, item.analysis, item.source.folder, options, findings)


def build_documents(item: LoadedOrg, findings: list[Problem], rules: AudienceRules, templates: Path | None,
                    workers: int, scope: Scope = NO_CACHE, assets: str = "", plan: OrgPlan | None = None,
                    pdf: bool = True) -> list[OutputFile]:
    """Role descriptions, the handbook and ladders as the audience may see them; the pay bands if it sees pay.
    Each role's page and PDF, the handbook, the bands and the ladders are keyed by the data they show (and the
    page around it: org name, date, brand, logo) and reused when it is what the previous build showed. Without
    `pdf`: the pages alone, no handbook."""
    docs = documents(item, DocOptions(audience=rules.name, templates=templates, site=plan, pdf=pdf), findings)
    page = (rules, docs.context("", ""), docs.options, assets)
    roles = docs.roles()
    keys = {r["id"]: scope.key(f"roles/{r['id']}", (page, r)) for r in roles}
    handbook_key = scope.key("handbook", (page, roles, docs.about(), rules.pay))
    files: list[OutputFile] = []
    missing = set()
    for r in roles:
        found = scope.lookup(f"roles/{r['id']}", keys[r["id"]])
        if found is None:
            missing.add(r["id"])
        else:
            files += found[0]
    handbook = scope.lookup("handbook", handbook_key) if pdf else ([], {})  # no PDF, no handbook
    if missing or handbook is None:
        made = {f.name: f for f in docs.role_files(workers=workers, roles=roles, only=missing,
                                                   handbook=handbook is None)}
        for rid in sorted(missing):
            mine = [made[role_file(rid, "html")]] + ([made[role_file(rid, "pdf")]] if pdf else [])
            scope.put(f"roles/{rid}", keys[rid], mine)
            files += mine
        if handbook is None:
            scope.put("handbook", handbook_key, [made[handbook_file()]])
            files.append(made[handbook_file()])
    if handbook is not None:
        files += handbook[0]
    if rules.pay and has_band_document(item.analysis):
        files += scope.get("bands", (page, band_data(item.analysis, docs.findings)), docs.band_files)
    if has_ladders(item.analysis):
        files += scope.get("ladders", (page, ladder_data(item.analysis, assessments=rules.assessments)),
                           docs.ladder_files)
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
                  templates: Path | None = None, workers: int = 1, notes: list[str] | None = None,
                  scope: Scope = NO_CACHE, base: str = "", family: str = "", pdf: bool = True) -> list[OutputFile]:
    """Everything `build` writes for one org into one audience's tree, as bytes, before anything touches the disk:
    each made from data filtered for that audience (views.audience). `scope`: the cache, in the org's folder;
    `base`: the key of the org's merged model and assets (org_key); `pdf` off: no PDF (serve's pages first)."""
    plan = org_plan(item, rules, family)
    assets = asset_key(item)
    charts = build_charts(item, plan, rules, notes, scope, assets, pdf)
    shown_findings, shown_numbers = findings_for(findings, rules), numbers_for(counted, rules)
    docs = documents(item, DocOptions(audience=rules.name, templates=templates, site=plan, pdf=pdf))
    index = scope.get("index", (base, plan, rules, shown_numbers, shown_findings, charts.svg, charts.pngs),
                      lambda: [site.org_index(docs, plan, shown_numbers, shown_findings, charts.svg, charts.pngs)])
    frame = (rules, docs.context("", ""), docs.options, assets)
    index += pages.position_pages(docs, rules, frame, scope) + pages.unit_pages(docs, shown_numbers, frame, scope) \
        + pages.checks_page(docs, plan, shown_findings, frame, scope)
    # chart.html (issue 14): keyed on what it shows, the chart and the org's own section (name, date, brand)
    chart_page = scope.get("chart-page", (plan, rules, charts.svg, item.org.org, assets, shown_numbers.positions),
                           lambda: [viewer.chart_page(docs, charts.svg, shown_numbers.positions)])
    numbers_made = scope.get("numbers", (item.id, source_key(item), item.org.org, shown_numbers, shown_findings),
                             lambda: number_files(item, shown_findings, shown_numbers))
    # the org at a glance (issue 14)
    dash = scope.get("dashboard", dashboard_key(item, plan, rules, shown_numbers, shown_findings, assets),
                     lambda: dashboard_files(documents(item, DocOptions(audience=rules.name, templates=templates,
                                                                        site=plan, pdf=pdf), findings),
                                             plan, shown_numbers, shown_findings))
    return charts.files + build_documents(item, findings, rules, templates, workers, scope, assets, plan, pdf) \
        + index \
        + numbers_made + dash + chart_page


def asset_key(item: LoadedOrg) -> str:
    """The bytes of the files an org names (its logo), which documents and charts may show."""
    brand = item.org.org.brand
    if not (brand and brand.logo):
        return ""
    try:
        return digest(brand.logo, (item.source.folder / brand.logo).read_bytes())
    except OSError:
        return digest(brand.logo, "unreadable")


def source_key(item: LoadedOrg) -> tuple:
    """Where an org was read from, as its outputs name it (from the folder above the org's, like the findings):
    the same org built from another checkout can reuse the files."""
    src = item.source
    files = [p.relative_to(src.folder.parent).as_posix() if p.is_absolute() and p.is_relative_to(src.folder.parent)
             else str(p) for p in src.files]
    return item.id, src.family, files, src.revision[1], src.named is not None, src.given


def org_key(item: LoadedOrg) -> str:
    """An org as built: its id, family, the files it was read from, its merged model (includes and extends
    applied) and its assets."""
    return digest(item.id, source_key(item), item.org, asset_key(item))


def build_tree(orgs: list[LoadedOrg], audience: str, findings: dict[str, list[Problem]],
               counted: dict[str, Numbers], *, templates: Path | None = None, workers: int = 1,
               progress=None, notes: dict[str, list[str]] | None = None, cache: BuildCache | None = None,
               env: str = "", bases: dict[str, str] | None = None, sink=None,
               pdf: bool = True) -> tuple[list[OutputFile], list[Leak]]:
    """One audience's tree (names relative to it): every org's folder, the comparisons, the site index and the
    redaction manifest; and every leak the scan found in it, for that audience's rules. With `cache`, groups of
    files whose key is unchanged are read back from the previous build (and scanned again like the rest).
    `sink(files)`: given, each org's files (then each comparison's, ...) are handed to it once made and scanned,
    and not kept (the list returned is empty): memory holds one org's files at a time. `pdf` off: no PDF."""
    scope = Scope(cache, tree_file(audience, ""), env)
    bases = bases if bases is not None else {item.id: org_key(item) for item in orgs}
    groups = families(orgs)
    plan = SitePlan(tuple(item.id for item in orgs), tuple(groups))
    files: list[OutputFile] = []
    names: list[str] = []  # every file of the tree, for the manifest

    def emit(made: list[OutputFile]) -> None:
        names.extend(f.name for f in made)
        (sink or files.extend)(made)

    secrets: dict[str, Confidential] = {}
    leaked: list[Leak] = []
    rules = {item.id: audience_rules(item.org, audience) for item in orgs}
    for item in orgs:
        made = build_outputs(item, findings[item.id], counted[item.id], rules[item.id], templates, workers,
                             notes.get(item.id) if notes is not None else None,
                             scope.within(org_file(item.id, "")), bases[item.id],
                             item.source.family if item.source.family in groups else "", pdf)
        secrets[item.id] = secrets_for(item, rules[item.id])
        named = [OutputFile(org_file(item.id, f.name), f.data) for f in made]
        leaked += find_leaks([(tree_file(audience, f.name), f.data)
                              for f in scope.to_scan(named, secrets[item.id])], secrets[item.id])
        emit(named)
        if progress:
            progress(tree_file(audience, item.id))
    for name, group in groups.items():
        pages = position_pages(names, [i.id for i in group])  # compare.html links those

        def compared(group=group, name=name, pages=pages) -> list[OutputFile]:
            c = build_comparison(group, [counted[i.id] for i in group], [findings[i.id] for i in group], audience)
            nav = comparison_nav(name, [(site.org_label(i).rsplit(" — ", 1)[-1], i.id) for i in group])
            made = compare.documents(c, compare_formats(pdf), templates, nav, links=ComparisonPlan(name, pages))
            return [OutputFile(compare_file(fmt, name), data) for fmt, data in made.items()]
        made = scope.get(f"compare/{name}", (audience, [(bases[i.id], counted[i.id], findings[i.id])
                                                        for i in group], sorted(pages)), compared)
        merged = _merged(secrets, group)
        leaked += find_leaks([(tree_file(audience, f.name), f.data) for f in scope.to_scan(made, merged)], merged)
        emit(made)
        if progress:
            progress(tree_file(audience, f"compare {name}"))
    shown = ({i.id: numbers_for(counted[i.id], rules[i.id]) for i in orgs},
             {i.id: findings_for(findings[i.id], rules[i.id]) for i in orgs})
    index = scope.get("index", ([bases[i.id] for i in orgs], plan, shown),
                      lambda: [site.site_index(orgs, plan, *shown, templates)])
    merged = _merged(secrets, orgs)
    leaked += find_leaks([(tree_file(audience, f.name), f.data) for f in scope.to_scan(index, merged)], merged)
    emit(index)
    # the site search (issue 14): one index of every org's pages this audience sees
    found = scope.get("search", (), lambda: search_page(templates)) \
        + scope.get("search-index", ([bases[i.id] for i in orgs], rules), lambda: search_data(orgs, rules))
    leaked += find_leaks([(tree_file(audience, f.name), f.data) for f in scope.to_scan(found, merged)], merged)
    emit(found)
    made_script = viewer.viewer_script()  # the chart viewer's script (issue 14), scanned like every file
    script = scope.get(made_script.name, (made_script.data,), lambda: [made_script])
    leaked += find_leaks([(tree_file(audience, f.name), f.data) for f in scope.to_scan(script, merged)], merged)
    emit(script)
    made = manifest(audience, [item.id for item in orgs], names, leaked, {item.id: rules[item.id] for item in orgs})
    emit(scope.get(MANIFEST, (made.data,), lambda: [made]))  # made from the files: reused when it says the same
    return files, leaked


def _merged(secrets: dict[str, Confidential], items: list[LoadedOrg]) -> Confidential:
    out = Confidential()
    for item in items:
        out = out.merge(secrets[item.id])
    return out


@dataclass
class Counts:
    """What a build did with its files: made again, read back from the previous build, actually written."""

    rendered: int = 0
    reused: int = 0
    written: int = 0


def build_key(orgs: list[LoadedOrg], audiences: tuple[str, ...], env: str, bases: dict[str, str],
              findings: dict[str, list[Problem]], counted: dict[str, Numbers]) -> str:
    """Everything a whole build is made from: when it equals the previous build's and every file is in place,
    the previous tree is this build's tree."""
    return digest(env, audiences, PRINT_PAGE,
                  [(item.id, bases[item.id], findings[item.id], counted[item.id]) for item in orgs])


def compare_formats(pdf: bool) -> tuple[str, ...]:
    return COMPARE_FORMATS if pdf else tuple(f for f in COMPARE_FORMATS if f != "pdf")


def build_loaded(orgs: list[LoadedOrg], output: Path, *, audiences: tuple[str, ...] = (AUDIENCE,),
                 templates: Path | None = None, workers: int = 1, progress=None, warn=None,
                 counts: Counts | None = None, cache: bool = True, pdf: bool = True) -> list[BuildResult]:
    """Render every org into one tree per audience (OUTPUT/<audience>/) in a staging folder, scan each tree with
    its audience's rules, then swap everything into `output` at once: a leak (exit 5) or any failure (a render,
    a full disk) leaves `output` exactly as the previous build left it, cache included. Files the previous build
    made from the same inputs are reused (outputs.cache), and files whose bytes are unchanged are not rewritten.
    `counts` is filled in with how many files were rendered, reused and written. `pdf` off (serve and watch
    without --pdf): every page, no PDF; its cache keys are apart from those of a build with PDFs."""
    counts = counts if counts is not None else Counts()
    findings = {item.id: portable(run_checks(item.analysis, item.located), item) for item in orgs}
    counted = {item.id: numbers(item.id, item.org, item.analysis) for item in orgs}
    notes: dict[str, list[str]] = {item.id: [] for item in orgs}
    env = environment(templates) if pdf else digest(environment(templates), "no PDF")
    bases = {item.id: org_key(item) for item in orgs}
    key = build_key(orgs, audiences, env, bases, findings, counted)
    store = BuildCache(output, warn) if cache else None
    if store is not None and store.fresh(key):
        # every file is the one the previous build made from these same inputs, and was scanned then
        clear_leftovers(output)
        counts.reused = len(store.reused)
        names = {audience: [n[len(tree_file(audience, "")):] for n in store.reused
                            if n.startswith(tree_file(audience, ""))] for audience in audiences}
        if progress:
            for audience in audiences:
                for item in orgs:
                    progress(tree_file(audience, item.id))
        return _results(orgs, output, audiences, names, findings,
                        {item.id: store.old_notes.get(item.id, []) for item in orgs})
    written: dict[str, list[str]] = {}
    leaked: list[Leak] = []
    with OutputTree(output, prune=True, warn=warn, keep_unchanged=True) as tree:
        for k, audience in enumerate(audiences):
            names: list[str] = written.setdefault(audience, [])

            def stage(made: list[OutputFile], audience=audience, names=names) -> None:
                # into the staging folder as each org is done: nothing is swapped in before every tree is scanned
                for f in made:
                    tree.add(tree_file(audience, f.name), f.data)
                    names.append(f.name)
            _, found = build_tree(orgs, audience, findings, counted, templates=templates, workers=workers,
                                  progress=progress, notes=notes if k == 0 else None,  # one note per chart
                                  cache=store, env=env, bases=bases, sink=stage, pdf=pdf)
            leaked += found
        if leaked:
            raise LeakFound(leaked, " and ".join(a for a in audiences if any(
                leak.file.startswith(tree_file(a, "")) for leak in leaked)))  # leaving the output folder as it was
        if store is not None:
            tree.add(CACHE_INDEX, store.index(key, notes).data)
        tree.commit()
    if store is not None:
        counts.rendered, counts.reused = len(store.rendered), len(store.reused)
    else:
        counts.rendered = sum(len(names) for names in written.values())
    counts.written = sum(1 for n in tree.names if n not in tree.unchanged and n != CACHE_INDEX)
    return _results(orgs, output, audiences, written, findings, notes)


def _results(orgs: list[LoadedOrg], output: Path, audiences: tuple[str, ...], written: dict[str, list[str]],
             findings: dict[str, list[Problem]], notes: dict[str, list[str]]) -> list[BuildResult]:
    results = []
    for audience in audiences:
        names = written[audience]
        for item in orgs:
            mine = [output / tree_file(audience, n) for n in names if n.startswith(org_file(item.id, ""))]
            results.append(BuildResult(item.id, mine, findings[item.id], output / tree_file(audience, item.id),
                                       notes[item.id] if audience == audiences[0] else []))
        for name in families(orgs):
            results.append(BuildResult(f"{name} (comparison)",
                                       [output / tree_file(audience, compare_file(fmt, name))
                                        for fmt in COMPARE_FORMATS if compare_file(fmt, name) in names], [],
                                       output / tree_file(audience, name)))
        own = [output / tree_file(audience, n) for n in site_names() if n in names]
        if own:
            results.append(BuildResult(SITE_RESULT, own, [], output / tree_file(audience, "")))
    return results
