"""The `orgdocs` command line: declares the options, builds each command's options object from them, runs the
command (orgdocs/commands/) and prints its result. Every error ends in one place, `_Group.invoke`.

Kept light: `orgdocs --help` imports no pipeline module; a command imports its own when it runs.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from orgdocs import __version__
from orgdocs.chart.options import DEFAULT_DPI, PAGES
from orgdocs.commands import vocabulary as vocab
from orgdocs.errors import EXIT_INTERRUPTED, OrgdocsError, UsageError

_ALIASES = "orgdocs.format_aliases"


def _error_lines(exc: OrgdocsError) -> list[str]:
    lines = exc.lines()
    if "nothing was written" not in lines[-1] and not getattr(exc, "final", False):
        lines[-1] = lines[-1].rstrip(".") + "; nothing was written."
    return lines


class _Group(click.Group):
    """Every orgdocs error ends here: its lines on stderr, its exit code, no traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OrgdocsError as exc:
            for line in _error_lines(exc):
                click.echo(line, err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted; nothing was written.", err=True)
            ctx.exit(EXIT_INTERRUPTED)


class _Bar:
    """build's progress bar, on stderr."""

    bar = None

    def start(self, total: int) -> None:
        self.bar = click.progressbar(length=total, label="Building", file=sys.stderr,
                                     item_show_func=lambda x: x or "")
        self.bar.__enter__()

    def step(self, item: str) -> None:
        self.bar.update(1, item)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _run(name: str, params: dict, progress: _Bar | None = None) -> None:
    """Run orgdocs.commands.<name> with the options click parsed (the options object has the same fields)."""
    ctx = click.get_current_context()
    aliases = ctx.meta.get(_ALIASES, [])
    if aliases:
        chosen = sorted(set(aliases) | ({params["format"]} if params.get("format") else set()))
        if len(chosen) > 1:
            raise click.UsageError(f"choose one format, not {' and '.join(chosen)}", ctx)
        params["format"] = chosen[0]
    quiet = params.get("quiet", False)
    module = importlib.import_module(f"orgdocs.commands.{name}")
    try:
        options = module.Options(**params)
        result = module.run(options, progress=progress) if progress else module.run(options)
    except UsageError as exc:
        raise click.UsageError(str(exc), ctx) from None
    finally:
        if progress:
            progress.close()
    if result.stdout:
        click.echo(result.stdout, nl=False)
    for line in [] if quiet else result.info:
        click.echo(line)
    for line in result.messages + ([] if quiet else result.notes):
        click.echo(line, err=True)
    if result.error is not None:
        for line in _error_lines(result.error):
            click.echo(line, err=True)
    ctx.exit(result.exit_code)


# --- the vocabulary: one declaration per option, used by every command that has it ---------------------------

ORG = click.argument("org", metavar="ORG")
ORGS = click.argument("orgs", nargs=-1, required=True, metavar="ORG...")
OUTPUT = click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
                      help="Write to this file, in the format its suffix names (it must agree with -f); "
                           "- writes a text format to standard output.")
OUT_DIR = click.option("--out-dir", type=click.Path(path_type=Path), metavar="DIR",
                       help=f"Folder to write into; each org's files go to DIR/<org>/ (default: "
                            f"{vocab.DEFAULT_OUT_DIR}/).")
_AUDIENCE_HELP = ("Who it is for: all-hands (names, no pay, no budgets), hr (everything), public (no names, no "
                  "pay); an org's `audiences:` can change what each sees.")
AUDIENCE = click.option("--audience", type=click.Choice(vocab.AUDIENCES), default=vocab.DEFAULT_AUDIENCE,
                        show_default=True, help=_AUDIENCE_HELP)
# build's --audience means the same and also takes `all` (one tree per audience); the test of the vocabulary
# allows this one difference
BUILD_AUDIENCE = click.option("--audience", type=click.Choice(vocab.BUILD_AUDIENCES),
                              default=vocab.DEFAULT_AUDIENCE, show_default=True,
                              help=_AUDIENCE_HELP + " build: `all` writes every audience's tree.")
TEMPLATES = click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
                         help="Folder of templates that override the built-in ones (same names; a template can "
                              "{% extends \"builtin/<name>\" %} and replace a block).")
JOBS = click.option("-j", "--jobs", type=click.IntRange(min=1), default=2, show_default=True,
                    help="Processes making PDFs in parallel.")
QUIET = click.option("-q", "--quiet", is_flag=True, help="No progress and no lines about what was written; "
                                                          "errors and warnings still go to stderr.")
STRICT = click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")


def FORMAT(choices: tuple[str, ...], default: str | None = None, multiple: bool = False):  # noqa: N802
    """-f: the choices differ by command, the wording does not."""
    text = f"Output format: {', '.join(choices)}."
    if multiple:
        text += " Repeat for several; without -f, all of them."
    elif default:
        text += f" Without -f or -o: {default}."
    return click.option("-f", "--format", type=click.Choice(choices), multiple=multiple, help=text)


def ALIAS(flag: str, fmt: str):  # noqa: N802
    """A deprecated flag kept working as -f FMT (hidden from --help)."""

    def remember(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value:
            ctx.meta.setdefault(_ALIASES, []).append(fmt)

    return click.option(flag, is_flag=True, hidden=True, expose_value=False, callback=remember,
                        help=f"Same as -f {fmt}.")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="orgdocs")
def cli() -> None:
    """Org charts, role descriptions, pay bands and career ladders from one checked YAML org definition.

    An ORG is a YAML file, a folder with an org.yaml (all its YAML files are merged), a folder of orgs, or -
    for one org's YAML on standard input (what it includes is looked up in the current folder).

    \b
    An option means the same in every command that takes it (`orgdocs COMMAND --help` lists a command's own):
    -o FILE (- for standard output), --out-dir DIR (bands, build, chart, ladder, roles, serve, watch), -f FORMAT,
    --audience all-hands|hr|public (all-hands by default: pay only when asked for), --templates DIR, -j N, -q.

    \b
    Example:
      orgdocs check orgs/cs-enhanced-team
      orgdocs build orgs/
    """


@cli.command()
@ORGS
@OUTPUT
@FORMAT(vocab.CHECK_FORMATS, default="text")
@STRICT
@AUDIENCE
@ALIAS("--json", "json")
def check(**params) -> None:
    """Check orgs for problems: declared vs listed figures, policies, bands, catalog gaps.

    Input that cannot be read (bad YAML, unknown keys, broken references) exits 2 with every problem located
    (with -f json, also as JSON on standard output); findings exit 1 when there are errors (or warnings, with
    --strict), else 0. Findings that quote pay (band and payroll checks) are shown with --audience hr; for
    all-hands a note counts them, and they still count for the exit code.

    \b
    Example:
      orgdocs check orgs/cs-enhanced-team --strict
      orgdocs check orgs/ -f json | jq '.[].warnings'
      cat org.yaml | orgdocs check -
    """
    _run("check", params)


@cli.command()
@ORGS
@OUTPUT
@FORMAT(vocab.STATS_FORMATS, default="text")
@AUDIENCE
@ALIAS("--json", "json")
@ALIAS("--csv", "csv")
def stats(**params) -> None:
    """Report an org's numbers: headcount, FTE, vacancies, managers and ICs, span, layers, capacity, and
    with --audience hr the payroll estimate (all-hands numbers show headcount, not payroll).

    JSON is a list, one entry per org; CSV has one row per number: org,measure,dimension,key,label,value.

    \b
    Example:
      orgdocs stats orgs/support-operations
      orgdocs stats orgs/support-operations --audience hr
      orgdocs stats orgs/ -o numbers.csv
      orgdocs stats orgs/ -f json | jq '.[].headcount'
    """
    _run("stats", params)


@cli.command()
@ORGS
@OUT_DIR
@BUILD_AUDIENCE
@STRICT
@TEMPLATES
@JOBS
@QUIET
def build(**params) -> None:
    """Check every org and write everything for it, one tree per audience: OUT_DIR/<audience>/<org>/.

    \b
    --audience all-hands (the default), hr, public, or all for the three trees. Each tree has its own
    index.html, search.html (works from disk) and redaction-manifest.json, and for each org:
    chart.svg/.png/.pdf/.pptx, dashboard.html/.pdf, stats and check results, roles/<role>.html and .pdf,
    role-handbook.pdf, ladder.* when it has career ladders, and bands.* in a tree whose audience sees pay (hr).
    Each is made from the org as its audience may see it; no page links out of its tree. Every tree is
    scanned for what its audience may not see (pay, names, hr-only text): a hit exits 5.
    Nothing is written unless every org loads, renders and passes; each file is written whole or not at all.

    \b
    Example:
      orgdocs build orgs/
      orgdocs build orgs/ --audience all --out-dir site
      orgdocs build orgs/cs-enhanced-team --out-dir /tmp/out --templates my-templates/
    """
    bar = None if params["quiet"] else _Bar()
    _run("build", params, progress=bar)


@cli.command()
@ORG
@OUTPUT
@OUT_DIR
@FORMAT(vocab.CHART_FORMATS, multiple=True)
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
@AUDIENCE
@click.option("--page", type=click.Choice(list(PAGES)),
              help="Fit the chart on this paper or slide size (PDF, SVG, PNG, PPTX); PDF and PNG are tiled over "
                   "several sheets rather than shrunk below 45%. slide-16x9 (960 × 540 pt) and slide-4x3 are "
                   "landscape.")
@click.option("--orientation", type=click.Choice(["auto", "portrait", "landscape"]), default="auto",
              show_default=True, help="Paper orientation with --page; auto turns the paper to fit wide charts.")
@click.option("--split", is_flag=True, help="An overview page plus one page per unit, for orgs too big for a sheet.")
@click.option("--engine", type=click.Choice(["tidy", "dot"]), default="tidy", show_default=True,
              help="tidy: orgdocs' linear-time layout (any size); dot: Graphviz dot places the boxes (small orgs).")
# --- print and slides (issue 15) ---
@click.option("--dpi", type=click.FloatRange(min=36, max=1200), default=DEFAULT_DPI, show_default=True,
              help="PNG resolution (A3 at 300 dpi: 3508 × 4961 px); lowered only to keep an image within what "
                   "viewers open.")
@click.option("--scale", type=click.FloatRange(min=0.1, max=10), default=1.0, show_default=True,
              help="Make the SVG, PDF or PNG this many times larger (the page too, with --page).")
@click.option("--transparent", is_flag=True, help="No white sheet behind the chart: SVG without one, PNG with an "
                                                   "alpha channel (PDF stays on white).")
@click.option("--embed-fonts/--no-embed-fonts", default=True, show_default=True,
              help="Carry the letters the SVG uses (a font subset) so it looks the same without Noto Sans.")
# --- end of print and slides ---
@click.option("--unit-frames", is_flag=True, help="A frame around each unit's boxes, its name on the frame.")
@click.option("--photos", type=click.Choice(["round", "square", "none"]), default="round", show_default=True,
              help="Holders' photos in their boxes, cropped round or square; none: no photos.")
@click.option("--initials/--no-initials", default=None,
              help="Initials in a circle where a one-person box has no photo [default: only when the chart shows "
                   "a photo]. Names hidden: no photos, no initials.")
@click.option("--counts", is_flag=True, help="Direct reports and all seats below on managers' boxes: '6 direct · "
                                             "42 total'.")
@QUIET
def chart(**params) -> None:
    """Draw an org chart: boxes for positions and groups, reporting and dotted lines, legend and totals.

    With -o, one file (pages of --split and tiles are named after it); without, OUT_DIR/<org>/chart.<format>
    for each format. Charts never show pay; --audience hr adds pay bands to box tooltips. An all-hands chart
    showing pay, or a --hide-names chart showing a holder's name, exits 5 and nothing is written.

    \b
    Example:
      orgdocs chart orgs/support-operations
      orgdocs chart orgs/cs-lifecycle-org -o chart.pdf --page A4 --depth 2
      orgdocs chart orgs/support-operations --root director-technical-support -f svg -o - > team.svg
    """
    _run("chart", params)


@cli.command()
@ORG
@OUT_DIR
@AUDIENCE
@TEMPLATES
@click.option("--no-handbook", is_flag=True, help="Only the per-role pages, no role-handbook.pdf.")
@JOBS
@QUIET
def roles(**params) -> None:
    """Write role descriptions: one HTML page and one PDF per role, and a role handbook PDF.

    Each covers the role's responsibilities, KPIs with targets, where it sits (reports to, direct reports,
    headcount, units, a reporting-line diagram), its career path and, with --audience hr, its pay band and
    incentive. Files go to OUT_DIR/<org>/roles/ (all-hands) or OUT_DIR/<org>/hr/roles/ (hr). An all-hands
    page that shows pay (a band amount written in a summary, a salary) exits 5 and nothing is written.

    \b
    Example:
      orgdocs roles orgs/cs-enhanced-team
      orgdocs roles orgs/cs-enhanced-team --audience hr --templates my-templates/
    """
    _run("roles", params)


@cli.command()
@ORG
@OUT_DIR
@AUDIENCE
@TEMPLATES
@QUIET
def bands(**params) -> None:
    """Write the pay band document (HTML, PDF) and range chart (SVG) into OUT_DIR/<org>/hr/.

    Pay bands are for HR: the command asks for --audience hr. The table gives min/mid/max, range spread,
    midpoint progression, overlap with the next level, variable pay and base/variable mix, and location zones;
    the chart draws each band with its midpoint, and actual salaries with compa-ratios where positions carry
    them. The band warnings of `orgdocs check` are shown.

    \b
    Example:
      orgdocs bands orgs/cs-enhanced-team --audience hr
    """
    _run("bands", params)


@cli.command()
@ORG
@OUT_DIR
@TEMPLATES
@QUIET
def ladder(**params) -> None:
    """Write the career ladder document (HTML, PDF) and diagram (SVG) into OUT_DIR/<org>/.

    The diagram shows each ladder's steps with promotion timelines, tracks side by side and the moves
    between them; the document adds the competency matrix and development requirements. Ladders are for
    everyone: one that shows pay exits 5 and nothing is written.

    \b
    Example:
      orgdocs ladder orgs/cs-enhanced-team
    """
    _run("ladder", params)


@cli.command()
@click.argument("orgs", nargs=-1, required=True, metavar="A B [C ...]")
@OUTPUT
@FORMAT(vocab.COMPARE_FORMATS, default="text")
@AUDIENCE
@TEMPLATES
@QUIET
def compare(**params) -> None:
    """Compare structure variants: what changes from each to the next, and how the numbers move.

    A and B can be any orgs: variants of one another (a file that `extends:` another), a folder of
    variants (compared in file order), or an org at a git revision (path@REV). Positions are matched by
    id, then by title under the same manager. Formats: a text summary, md, json, svg (the charts), html and
    pdf (charts side by side, changes, numbers); pdf needs -o FILE. For all-hands (the default) and public it
    leaves out the payroll rows, band changes and pay findings (public: holders' names too); --audience hr
    shows them.

    \b
    Example:
      orgdocs compare orgs/customer-value-adoption
      orgdocs compare orgs/cs-by-stage -o growth.pdf
      orgdocs compare orgs/cs-enhanced-team@HEAD~1 orgs/cs-enhanced-team -f md
    """
    _run("compare", params)


@cli.command()
@click.argument("tree", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="TREE")
@ORGS
def verify(**params) -> None:
    """Scan a tree `build` already wrote again: every file its redaction manifest lists, for what its audience
    may not see, using the orgs' sources (give the same ORG... as to build).

    Exit 0 when the tree is clean; 5 with a line per hit (file, class of value, where the org writes it);
    2 when the tree has no manifest, or a file it lists is missing, or an org of the manifest was not given.

    \b
    Example:
      orgdocs verify output/all-hands orgs/
    """
    _run("verify", params)


# the name of an org a command creates (init DIR, import --into a new folder): one option, one meaning
NEW_ORG_NAME = click.option("--name", metavar="NAME",
                            help="The name of the org when the command creates it (default: the folder's name).")


# --- export and init (issue 12) --------------------------------------------------------------------------------

@cli.command()
@ORG
@OUTPUT
@FORMAT(vocab.EXPORT_FORMATS, default="csv")
@AUDIENCE
@click.option("--per", type=click.Choice(["person", "seat"]), default="person", show_default=True,
              help="Roster rows: one per person (the halves of a job share are two rows) plus one per open or "
                   "unnamed seat, or one per seat (a shared seat's holders in one row).")
@click.option("--base", metavar="IRI", help="JSON-LD: the IRI the org's resources are named under, e.g. "
                                            "https://example.org/org/ (default: urn:orgdocs:<org id>:).")
@QUIET
def export(**params) -> None:
    """Export an org: the roster as CSV, XLSX or JSON (one row per person or seat: position_id, employee_id,
    name, email, title, role, manager_position_id, dotted_line_position_ids, unit, unit_parent, location,
    workforce, fte, open, hire_date, kind, level, position_fte, unit_name, manager_external,
    dotted_line_external_ids; salary and pay_period only with --audience hr), which `orgdocs import` reads back
    into the same positions (import into a folder with the org's catalog: its levels and externals); or the
    structure in the W3C Organization Ontology as JSON-LD (-f jsonld: posts, units, roles, holders, and a
    variant's changes as an org:ChangeEvent). Public exports have no names.

    CSV is RFC 4180 UTF-8; a text starting with = + - @ gets a leading ' so a spreadsheet shows it as text
    (import drops it again).
    Text formats go to standard output without -o; XLSX needs -o FILE.

    \b
    Example:
      orgdocs export orgs/platform-engineering > roster.csv
      orgdocs export orgs/platform-engineering -o roster.xlsx --audience hr
      orgdocs export orgs/customer-value-adoption/segment-first.yaml -f jsonld --base https://example.org/cs/
    """
    _run("export", params)


@cli.command()
@click.argument("dir", type=click.Path(file_okay=True, path_type=Path), metavar="DIR")
@click.option("--stage", type=click.Choice(["seed", "series-a", "series-b", "series-c"]), default="seed",
              show_default=True, help="The company stage whose structure and policies the starter org has.")
@NEW_ORG_NAME
@QUIET
def init(**params) -> None:
    """Start a new org in DIR: org.yaml with a starter catalog (tracks, levels, roles, ladders), the structure
    and policies of the stage (span, layers, ratios, as in orgs/cs-by-stage), pay bands as a commented example;
    README.md on what to edit next; org.schema.json, which org.yaml's first line names for your editor.

    DIR must not exist or be empty: anything else exits 3 and nothing is written. `orgdocs check DIR` on the
    result is clean.

    \b
    Example:
      orgdocs init my-team --stage series-a --name "Customer Success"
      orgdocs check my-team
    """
    _run("init", params)


# --- import (issue 12) ------------------------------------------------------------------------------------------

@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="FILE")
@click.option("--into", type=click.Path(path_type=Path), metavar="ORG",
              help="Org folder to write the generated people.yaml into (created with a starter org.yaml when new); "
                   "without it the export is only checked.")
@click.option("--map", "map", multiple=True, metavar="COLUMN=FIELD",
              help="Read a column as a field (repeat for several), e.g. --map 'Boss=manager_name', or =ignore.")
@click.option("--preset", type=click.Choice(["bamboohr", "hibob", "rippling", "personio", "workday", "gusto",
                                             "scim", "graph", "orgdocs"]),
              help="The export's column style; detected from the header when not given.")
@click.option("--encoding", metavar="NAME", help="Encoding of a CSV or JSON file (default: detected from a "
                                                 "byte-order mark, else UTF-8, else Windows-1252).")
@click.option("--sheet", metavar="NAME", help="Sheet of an .xlsx file (default: the first).")
@click.option("--group-identical/--no-group-identical", "group_identical", default=None,
              help="Fold seats with the same title, manager, unit and attributes into one group with a count.")
@click.option("--pay/--no-pay", "pay", default=None,
              help="Import pay columns into holders' salaries (HR only; the default), or drop them.")
@NEW_ORG_NAME
@click.option("--dry-run", is_flag=True, help="Check and show what would change; write nothing.")
@click.option("--download-photos", is_flag=True,
              help="Fetch the export's photo URLs (https only, 2 MB, PNG/JPEG/WebP) into photos/ in the org "
                   "folder and give each holder theirs; without it photo URLs are not used.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.md|FILE.pdf",
              help="Also write what was read and what changed since the last import, for review.")
@QUIET
def import_command(**params) -> None:
    """Import people from an HRIS export (CSV, XLSX, JSON: SCIM or Microsoft Graph users; LDAP LDIF with
    managers as DNs) into an org folder.

    Columns are recognised by name (BambooHR, HiBob, Rippling, Personio, Workday, Gusto, SCIM, Graph, LDIF and
    the roster of `orgdocs export` have presets); what was detected, and the column managers are named by, is
    printed. Every problem (duplicate ids, a manager not found or ambiguous, a cycle, a row without a title) is
    listed at once as file:row:column (Column) and exits 2 with nothing written. Import writes only the
    generated people.yaml; the role catalog, ladders, bands and policies you write stay as they are, and titles
    map onto your roles by title or `hris.role_map`. Importing again keeps position ids and prints the joiners,
    leavers, moves and title and unit changes.

    \b
    Example:
      orgdocs import export.csv --into org/
      orgdocs check org/
      orgdocs chart org/
      orgdocs import new-export.csv --into org/ --dry-run --report changes.md
    """
    _run("import_", params)


@cli.command()
@FORMAT(("json", "md"), default="json")
def schema(**params) -> None:
    """Print the JSON Schema of the org format (for editor completion and validation), or with -f md the
    readable reference of every section, key and check code (docs/format.md).

    \b
    Example:
      orgdocs schema > org.schema.json
      orgdocs schema -f md > docs/format.md
    """
    _run("schema", params)


# --- serve and watch (issue 14) ---------------------------------------------------------------------------------

DEBOUNCE = click.option("--debounce", type=click.IntRange(min=10), default=300, show_default=True, metavar="MS",
                        help="Wait this many milliseconds after the last change before rebuilding (a save is often "
                             "several writes).")
PDF = click.option("--pdf/--no-pdf", "pdf", default=False, show_default=True,
                   help="Make the PDFs too (role descriptions, handbook, chart, dashboard, bands, ladders, "
                        "comparisons) and the chart's PowerPoint deck, as build does. Without it each rebuild makes "
                        "the pages alone, which is what a browser shows: a saved change shows several times sooner. "
                        "`orgdocs build` makes everything.")


@cli.command()
@ORGS
@OUT_DIR
@AUDIENCE
@TEMPLATES
@JOBS
@QUIET
@click.option("--port", type=click.IntRange(min=0, max=65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (the only address served); 0 picks any free port. The URL is printed.")
@click.option("--open/--no-open", "open", default=False, show_default=True,
              help="Open the site in the default browser once it is built.")
@DEBOUNCE
@PDF
def serve(**params) -> None:
    """Preview an audience's site while editing: build it into a temporary folder (or --out-dir), serve it on
    http://127.0.0.1:PORT/, rebuild what changed when an org file, a file it includes or extends, or a template
    is saved, and reload the open pages.

    A file that cannot be read (bad YAML, an unknown key, a broken reference) shows its located problems
    (file:line:col) on the page and on the terminal; the server keeps running and the site is back once the file
    is fixed. Pages on disk are never changed: the reload script is added only to the pages served. Ctrl-C stops
    (exit 130) and removes the temporary folder.

    The preview is the pages: no PDF is made unless --pdf is given (a link to one says so), so a saved change
    shows in a moment; `orgdocs build` makes the PDFs.

    \b
    Example:
      orgdocs serve orgs/cs-enhanced-team
      orgdocs serve orgs/ --audience hr --port 0 --open
      orgdocs serve orgs/cs-enhanced-team --pdf
    """
    _run("serve", params)


@cli.command()
@ORGS
@OUT_DIR
@BUILD_AUDIENCE
@TEMPLATES
@JOBS
@QUIET
@DEBOUNCE
@PDF
def watch(**params) -> None:
    """Build like `build` (OUT_DIR/<audience>/<org>/), then build again on every save of an org file, a file it
    includes or extends, or a template, until Ctrl-C (exit 130).

    Each rebuild is incremental (only what a change touches is rendered again) and prints one line, e.g.
    "rebuilt in 0.4 s: 3 rendered, 350 reused, 3 written". Bad input prints its located problems and the
    watch goes on; the folder keeps the last good build.

    Like serve, it makes the pages alone unless --pdf is given (a build's PDFs in OUT_DIR are then removed, as
    any file the last build did not make); `orgdocs build` or `watch --pdf` makes them.

    \b
    Example:
      orgdocs watch orgs/cs-enhanced-team
      orgdocs watch orgs/ --audience all --out-dir site
    """
    _run("watch", params)


def main() -> None:
    cli(prog_name="orgdocs")
