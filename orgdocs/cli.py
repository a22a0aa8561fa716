"""The `orgdocs` command: options in, pipeline calls out. Exit codes: 0 fine, 1 check errors, 2 bad input."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from orgdocs import __version__
from orgdocs.chart.options import PAGES, ChartOptions
from orgdocs.commands import steps
from orgdocs.errors import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_INTERRUPTED, OrgdocsError
from orgdocs.outputs import build as building
from orgdocs.outputs.documents import DocOptions
from orgdocs.problems import OrgInputError, Problem
from orgdocs.render import comparison as compare_mod
from orgdocs.render import stats_csv, stats_text, strict_json
from orgdocs.render.chart import FORMATS
from orgdocs.views.comparison import FORMATS as COMPARE_FORMATS
from orgdocs.write import write_all, write_atomic


def _fail_input(exc: OrgInputError) -> None:
    for problem in exc.problems:
        click.echo(problem.format(), err=True)
    n = len(exc.problems)
    click.echo(f"{n} problem{'s' if n != 1 else ''} in the input; nothing was written.", err=True)
    sys.exit(EXIT_BAD_INPUT)


def _load(paths: tuple[str, ...]) -> list[steps.LoadedOrg]:
    try:
        return steps.load(list(paths))
    except OrgInputError as exc:
        _fail_input(exc)
        raise  # unreachable: _fail_input exits


def _load_one(path: str) -> steps.LoadedOrg:
    items = _load((path,))
    if len(items) != 1:
        ids = ", ".join(i.id for i in items)
        click.echo(f"error: {path} holds {len(items)} orgs ({ids}); give one of them", err=True)
        sys.exit(EXIT_BAD_INPUT)
    return items[0]


def _summary_line(findings: list[Problem]) -> str:
    e = sum(p.severity == "error" for p in findings)
    w = sum(p.severity == "warning" for p in findings)
    return f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"


ORGS = click.argument("orgs", nargs=-1, required=True, metavar="ORG...")
TEMPLATES = click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
                         help="Folder of templates that override the built-in ones (same names; a template can "
                              "{% extends \"builtin/<name>\" %} and replace a block).")
AUDIENCE = click.option("--audience", type=click.Choice(["hr", "all-hands"]), default="hr", show_default=True,
                        help="hr includes pay bands and incentives; all-hands never shows pay.")
OUT_DIR = click.option("--out-dir", type=click.Path(path_type=Path), default=Path("output"),
                       show_default=True, help="Write into OUT_DIR/<org>/.")


class _Group(click.Group):
    """Every orgdocs error ends here: its lines on stderr, its exit code, no traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OrgdocsError as exc:
            for line in exc.lines():
                click.echo(line, err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted; nothing was written.", err=True)
            ctx.exit(EXIT_INTERRUPTED)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="orgdocs")
def cli() -> None:
    """Org charts, role descriptions, pay bands and career ladders from one checked YAML org definition.

    An ORG is a YAML file, a folder with an org.yaml (all its YAML files are merged), or a folder of orgs.

    \b
    Example:
      orgdocs check orgs/cs-enhanced-team
      orgdocs build orgs/
    """


@cli.command()
@ORGS
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def check(orgs: tuple[str, ...], strict: bool, as_json: bool) -> None:
    """Check orgs for problems: declared vs listed figures, policies, bands, catalog gaps.

    Input that cannot be read (bad YAML, unknown keys, broken references) exits 2 with every problem located;
    findings exit 1 when there are errors (or warnings, with --strict), else 0.

    \b
    Example:
      orgdocs check orgs/cs-enhanced-team --strict
      orgdocs check orgs/ --json | jq '.[].warnings'
    """
    items = _load(orgs)
    reports = []
    failed = False
    for item in items:
        findings = steps.check(item)
        reports.append(steps.check_report(item, findings))
        failed |= any(p.severity == "error" or (strict and p.severity == "warning") for p in findings)
        if not as_json:
            click.echo(f"{item.id}: {_summary_line(findings)}")
            for p in findings:
                click.echo(f"  {p.format()}")
    if as_json:
        click.echo(strict_json.dumps(reports, "check"), nl=False)
    sys.exit(EXIT_FINDINGS if failed else 0)


@cli.command()
@ORGS
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON (a list, one entry per org).")
@click.option("--csv", "as_csv", is_flag=True,
              help="Print one CSV row per number: org,measure,dimension,key,label,value.")
def stats(orgs: tuple[str, ...], as_json: bool, as_csv: bool) -> None:
    """Report an org's numbers: headcount, FTE, vacancies, managers and ICs, span, layers, payroll, capacity.

    \b
    Example:
      orgdocs stats orgs/support-operations
      orgdocs stats orgs/ --csv > numbers.csv
    """
    if as_json and as_csv:
        raise click.UsageError("choose one of --json and --csv")
    items = _load(orgs)
    numbers = [steps.org_stats(item) for item in items]
    if as_json:
        click.echo(strict_json.dumps(numbers, "stats"), nl=False)
    elif as_csv:
        click.echo(stats_csv.render(numbers), nl=False)
    else:
        click.echo("\n".join(stats_text.render(s) for s in numbers), nl=False)


@cli.command()
@ORGS
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("output"),
              show_default=True, help="Folder to write into; each org gets output/<org id>/.")
@click.option("--strict", is_flag=True, help="Exit 1 on check warnings too.")
@TEMPLATES
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=2, show_default=True,
              help="Processes making PDFs in parallel.")
def build(orgs: tuple[str, ...], output: Path, strict: bool, templates: Path | None, jobs: int) -> None:
    """Check every org and write everything for it into OUTPUT/<org>/.

    \b
    For each org: chart.svg/.png/.pdf, stats and check results, roles/<role>.html and .pdf and
    role-handbook.pdf (no pay), ladder.* when it has career ladders, and under hr/ the documents that
    carry pay: hr/role-handbook.pdf and hr/bands.*.
    Nothing is written unless every org loads and renders; each file is written whole or not at all.

    \b
    Example:
      orgdocs build orgs/
      orgdocs build orgs/cs-enhanced-team -o /tmp/out --templates my-templates/
    """
    items = _load(orgs)
    with click.progressbar(length=len(items), label="Building", file=sys.stderr,
                           item_show_func=lambda x: x or "") as bar:
        def step(org_id: str) -> None:
            bar.update(1, org_id)

        try:
            results = building.build_loaded(items, output, templates=templates, workers=jobs, progress=step,
                                             warn=lambda message: click.echo(message, err=True))
        except OrgdocsError as exc:
            click.echo(f"\nerror: {exc}; nothing was written.", err=True)
            sys.exit(exc.exit_code)
    failed = False
    for result in results:
        click.echo(f"{result.org_id}: {_summary_line(result.findings)}, {len(result.files)} files → "
                   f"{result.folder}")
        for note in result.notes:
            click.echo(f"note: {result.org_id}/{note}", err=True)
        failed |= any(p.severity == "error" or (strict and p.severity == "warning") for p in result.findings)
    sys.exit(EXIT_FINDINGS if failed else 0)


def _chart_options(**kw) -> ChartOptions:
    return ChartOptions(
        root=kw["root"], depth=kw["depth"], expand_groups=kw["expand_groups"], direction=kw["direction"],
        stack=kw["stack"], color_by=kw["color_by"], hide_names=kw["hide_names"], audience=kw["audience"],
        page=kw["page"], orientation=kw["orientation"], split=kw["split"], engine=kw["engine"],
    )


@cli.command()
@click.argument("org", metavar="ORG")
@click.option("-o", "--output", "output_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (format from its suffix unless --format is given).")
@click.option("--out-dir", type=click.Path(path_type=Path), default=Path("output"),
              show_default=True, help="Without -o: write chart.<format> into OUT_DIR/<org>/.")
@click.option("-f", "--format", "formats", type=click.Choice(FORMATS), multiple=True,
              help="svg, pdf or png; repeat for several. Default: from -o's suffix, else all three.")
@click.option("--root", metavar="POSITION", help="Chart only this position and those below it.")
@click.option("--depth", type=click.IntRange(min=1), help="Show this many layers; deeper reports become '+N below'.")
@click.option("--expand-groups", is_flag=True, help="One box per named holder instead of one box per group.")
@click.option("--direction", type=click.Choice(["TB", "LR"]), default="TB", show_default=True,
              help="Top to bottom, or left to right.")
@click.option("--stack/--no-stack", default=True, show_default=True,
              help="Stack a manager's individual contributors in a column (keeps wide orgs printable).")
@click.option("--color-by", default="unit", show_default=True, metavar="unit|level|track|role|ATTRIBUTE",
              help="What box colours show: unit, level, track, role or any position attribute.")
@click.option("--hide-names", is_flag=True, help="Titles only, no holders' names.")
@click.option("--audience", type=click.Choice(["all-hands", "hr"]), default="all-hands", show_default=True,
              help="all-hands never carries pay data; hr adds pay bands to box tooltips.")
@click.option("--page", type=click.Choice(list(PAGES)),
              help="Fit the chart on this paper size (PDF, SVG, PNG); PDF and PNG are tiled over several sheets "
                   "rather than shrunk below 45%.")
@click.option("--orientation", type=click.Choice(["auto", "portrait", "landscape"]), default="auto",
              show_default=True, help="Paper orientation with --page; auto turns the paper to fit wide charts.")
@click.option("--split", is_flag=True, help="An overview page plus one page per unit, for orgs too big for a sheet.")
@click.option("--engine", type=click.Choice(["tidy", "dot"]), default="tidy", show_default=True,
              help="tidy: orgdocs' linear-time layout (any size); dot: Graphviz dot places the boxes (small orgs).")
def chart(org: str, output_file: Path | None, out_dir: Path, formats: tuple[str, ...], **kw) -> None:
    """Draw an org chart: boxes for positions and groups, reporting and dotted lines, legend and totals.

    \b
    Example:
      orgdocs chart orgs/support-operations
      orgdocs chart orgs/cs-lifecycle-org -o chart.pdf --page A4 --depth 2
      orgdocs chart orgs/support-operations --root director-technical-support -f svg
    """
    item = _load_one(org)
    options = _chart_options(**kw)
    if output_file is not None:
        suffix = output_file.suffix.lstrip(".").lower()
        chosen = list(formats) or ([suffix] if suffix in FORMATS else [])
        if len(chosen) != 1:
            raise click.UsageError("with -o, give one format: a .svg, .pdf or .png file name, or one --format")
        folder, stem = output_file.parent, output_file.stem
    else:
        chosen = list(formats) or list(FORMATS)
        folder, stem = out_dir / item.id, "chart"
    notes: list[str] = []  # pages drawn as tiles, too large for viewers
    try:
        files = building.chart_files(item, options, chosen, stem, notes)
    except OrgdocsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    for path in write_all(folder, files):
        click.echo(str(path))
    for note in notes:
        click.echo(f"note: {note}", err=True)


def _write_docs(item, make) -> None:
    try:
        files = make()
    except OrgdocsError as exc:
        click.echo(f"error: {exc}; nothing was written.", err=True)
        sys.exit(exc.exit_code)
    return files


@cli.command()
@click.argument("org", metavar="ORG")
@AUDIENCE
@TEMPLATES
@OUT_DIR
@click.option("--no-handbook", is_flag=True, help="Only the per-role pages, no role-handbook.pdf.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=2, show_default=True,
              help="Processes making PDFs in parallel.")
def roles(org: str, audience: str, templates: Path | None, out_dir: Path, no_handbook: bool, jobs: int) -> None:
    """Write role descriptions: one HTML page and one PDF per role, and a role handbook PDF.

    Each covers the role's responsibilities, KPIs with targets, where it sits (reports to, direct reports,
    headcount, units, a reporting-line diagram), its career path and, for HR, its pay band and incentive.
    Files go to OUT_DIR/<org>/roles/ (all-hands) or OUT_DIR/<org>/hr/roles/ (hr).

    \b
    Example:
      orgdocs roles orgs/cs-enhanced-team
      orgdocs roles orgs/cs-enhanced-team --audience all-hands --templates my-templates/
    """
    item = _load_one(org)
    prefix = "hr/" if audience == "hr" else ""
    docs = building.documents(item, DocOptions(audience=audience, templates=templates))
    files = _write_docs(item, lambda: docs.role_files(handbook=not no_handbook, prefix=prefix, workers=jobs))
    for path in write_all(out_dir / item.id, files):
        click.echo(str(path))


@cli.command()
@click.argument("org", metavar="ORG")
@TEMPLATES
@OUT_DIR
def bands(org: str, templates: Path | None, out_dir: Path) -> None:
    """Write the pay band document (HTML, PDF) and range chart (SVG) into OUT_DIR/<org>/hr/.

    The table gives min/mid/max, range spread, midpoint progression, overlap with the next level, variable
    pay and base/variable mix, and location zones; the chart draws each band with its midpoint, and actual
    salaries with compa-ratios where positions carry them. The band warnings of `orgdocs check` are shown.

    \b
    Example:
      orgdocs bands orgs/cs-enhanced-team
    """
    item = _load_one(org)
    docs = building.documents(item, DocOptions(audience="hr", templates=templates), steps.check(item))
    for path in write_all(out_dir / item.id, _write_docs(item, lambda: docs.band_files(prefix="hr/"))):
        click.echo(str(path))


@cli.command()
@click.argument("org", metavar="ORG")
@TEMPLATES
@OUT_DIR
def ladder(org: str, templates: Path | None, out_dir: Path) -> None:
    """Write the career ladder document (HTML, PDF) and diagram (SVG) into OUT_DIR/<org>/.

    The diagram shows each ladder's steps with promotion timelines, tracks side by side and the moves
    between them; the document adds the competency matrix and development requirements.

    \b
    Example:
      orgdocs ladder orgs/cs-enhanced-team
    """
    item = _load_one(org)
    if not item.org.ladders:
        click.echo(f"error: {item.id} defines no career ladders (add a ladders: section)", err=True)
        sys.exit(EXIT_BAD_INPUT)
    docs = building.documents(item, DocOptions(audience="all-hands", templates=templates))
    for path in write_all(out_dir / item.id, _write_docs(item, docs.ladder_files)):
        click.echo(str(path))


@cli.command()
@click.argument("orgs", nargs=-1, required=True, metavar="A B [C ...]")
@click.option("-o", "--output", "output_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the comparison to this file; format from its suffix unless --format is given.")
@click.option("-f", "--format", "fmt", type=click.Choice(COMPARE_FORMATS),
              help="pdf or html (charts side by side, changes, numbers), svg (charts), md or json.")
@TEMPLATES
def compare(orgs: tuple[str, ...], output_file: Path | None, fmt: str | None, templates: Path | None) -> None:
    """Compare structure variants: what changes from each to the next, and how the numbers move.

    A and B can be any orgs: variants of one another (a file that `extends:` another), a folder of
    variants (compared in file order), or an org at a git revision (path@REV). Positions are matched by
    id, then by title under the same manager. Without -o, a summary is printed.

    \b
    Example:
      orgdocs compare orgs/customer-value-adoption
      orgdocs compare orgs/cs-by-stage -o growth.pdf
      orgdocs compare orgs/cs-enhanced-team@HEAD~1 orgs/cs-enhanced-team -f md
    """
    items = _load(orgs)
    if len(items) < 2:
        raise click.UsageError("compare needs at least two orgs (or a folder of variants)")
    if output_file is not None and fmt is None:
        fmt = output_file.suffix.lstrip(".").lower()
        if fmt not in COMPARE_FORMATS:
            raise click.UsageError(f"cannot tell the format from {output_file.name}; use --format")
    comparison = steps.comparison(items)
    if fmt is None:
        click.echo(compare_mod.text_summary(comparison), nl=False)
        return
    try:
        data = building.comparison_bytes(comparison, fmt, templates)
    except OrgdocsError as exc:
        click.echo(f"error: {exc}; nothing was written.", err=True)
        sys.exit(exc.exit_code)
    if output_file is None:
        click.echo(data.decode("utf-8") if fmt in ("md", "json", "svg", "html") else "", nl=False)
        if fmt == "pdf":
            raise click.UsageError("give -o FILE for PDF output")
        return
    write_atomic(output_file, data)
    click.echo(str(output_file))


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the org format (for editor completion and validation).

    \b
    Example:
      orgdocs schema > org.schema.json
    """
    from orgdocs.schema import schema_text

    click.echo(schema_text(), nl=False)


def main() -> None:
    cli(prog_name="orgdocs")
