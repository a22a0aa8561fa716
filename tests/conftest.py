"""Shared test machinery: the one CLI runner, the markers every test carries, golden files.

Markers (registered in pyproject.toml) say what a test needs, so `make unit` can leave out the slow ones:
  graphviz    runs Graphviz (dot, neato);
  weasyprint  makes PDFs with WeasyPrint;
  e2e         runs the CLI end to end (in process through `invoke_cli`, or as a subprocess);
  browser     drives Chromium through Playwright (tests/browser.py: the browser, the built site, axe).
Tests under tests/unit/ carry none; every other module gets its marks from MODULE_MARKS. The marks are kept
honest at run time: a test without `graphviz` that runs Graphviz, without `weasyprint` that starts WeasyPrint,
or without `e2e` that runs the CLI, fails and says which mark it needs.
"""

from __future__ import annotations

import json
import subprocess
import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgdocs.cli import cli

ROOT = Path(__file__).resolve().parent.parent
ORGS = ROOT / "orgs"
GOLDEN = ROOT / "tests" / "golden"

MARKS = ("graphviz", "weasyprint", "e2e")
ALL = MARKS
BROWSER = ("browser", *ALL)  # a browser test opens pages of a built site (issue 14)
pytest_plugins = ("browser",)  # its fixtures, one Chromium and one build for the whole session
MODULE_MARKS: dict[str, tuple[str, ...]] = {
    "test_analysis.py": (),
    "test_architecture.py": (),
    "test_chart.py": ALL,
    "test_chart_svg.py": ("graphviz",),  # the chart SVG orgdocs writes, against Graphviz's (issue 13)
    "test_dotted_routing.py": ("graphviz",),  # dotted lines routed around boxes, labelled, merged (issue 15)
    "test_bidi.py": ALL,  # right-to-left names and labels in chart.pdf, compare.pdf, HTML, SVG (issue 15)
    "test_unit_frames.py": ("graphviz", "e2e"),  # chart --unit-frames: nested frames that cross nothing (issue 15)
    "test_chart_viewer.py": BROWSER,  # chart.html: pan, zoom, fit, find, collapse (issue 14)
    "test_chart_slides.py": ("e2e", "graphviz"),  # --dpi, --scale, --transparent, slide pages (issue 15)
    "test_chart_pptx.py": ALL,  # -f pptx: the deck read back with python-pptx; build's chart.pptx (issue 15)
    "test_chart_fonts.py": ("e2e",),  # the portable SVG: font stack, embedded subset (issue 15)
    "test_chart_tester_fixes.py": ("graphviz", "e2e"),  # a tester's defects in issue 15's charts (FIX-B)
    "test_checks.py": ("e2e",),
    "test_cli.py": ALL,
    "test_compare.py": ALL,
    "test_compare_pdf.py": ALL,  # the comparison PDF: text part + Graphviz chart pages (issue 13)
    "test_compare_scale.py": ALL,  # comparisons at scale: one Graphviz run per chart, overview, long lists
    "test_startup.py": ("e2e",),  # issue 13: models built on first use, what `chart` loads
    "test_compare_page.py": ("e2e", "graphviz"),  # compare.html: charts at full size, links, labels (issue 14)
    "test_compare_page_browser.py": BROWSER,  # compare.html in Chromium: sizes, scrolling, axe (issue 14)
    "test_documents.py": ALL,
    "test_example_engineering.py": ALL,
    "test_export.py": ("e2e",),
    "test_format_reference.py": ("e2e",),
    "test_hardening_bigcharts.py": ALL,
    "test_hardening_budget.py": ("e2e", "graphviz"),
    "test_hardening_numbers.py": ALL,
    "test_hardening_output.py": ALL,
    "test_hardening_paths.py": ALL,
    "test_hardening_scripts.py": ALL,
    "test_hardening_text_formats.py": ALL,
    "test_issue11_review.py": ("e2e",),
    "test_init.py": ("e2e",),
    "test_lean.py": ("e2e", "graphviz"),  # issue 13: imports per command, the paused collector
    "test_incremental.py": ALL,  # incremental builds (issue 13)
    "test_handbook_chunks.py": ("weasyprint",),  # the handbook in chunks, joined (issue 13)
    "test_build_streaming.py": ("graphviz",),  # build stages each org as it is done (issue 13)
    "test_import_errors.py": (),  # orgdocs import (issue 12)
    "test_import_formats.py": (),
    "test_import_presets.py": (),
    "test_import_resync.py": ("e2e",),
    "test_import_ldif.py": (),  # LDAP LDIF as an import source (issue 12)
    "test_import_reread.py": (),  # re-import reads its own output fast (issue 12)
    "test_import_personal.py": ("e2e",),  # a person's details are the holder's, never shown (issue 12)
    "test_roundtrip.py": ("e2e",),  # export → import gives the same positions (issue 12)
    "test_ladders_paths.py": ("e2e", "weasyprint"),
    "test_load_errors.py": ALL,
    "test_pay_structure.py": ALL,
    "test_schema.py": ("e2e",),
    "test_seats_and_fte.py": (),
    "test_serve.py": ALL,  # orgdocs serve: the site over HTTP, rebuilt on save (issue 14)
    "test_serve_browser.py": BROWSER,  # serve: an open page reloads (Chromium)
    "test_watch.py": ALL,  # orgdocs watch: rebuilt on save (issue 14)
    "test_seed_lifecycle_and_support.py": ("e2e",),
    "test_site_links.py": ALL,  # every link of `build orgs/ --audience all` resolves in its tree (issue 14)
    "test_site_nav.py": ("graphviz", "weasyprint"),  # the site's header, position/unit/checks pages, links (issue 14)
    "test_seed_value_and_stages.py": ("e2e",),
    "test_units_variants.py": ("e2e",),
    "test_wheel.py": ALL,
    "test_workforce.py": ("graphviz",),
    # issue 14, search and dashboard
    "test_dashboard.py": ALL,  # the dashboard: numbers by hand, plots, PDF, no pay without pay
    "test_search.py": ALL,  # the site search: index per audience, escaping, search.js in Chromium (`browser`)
    # issue 14, the end-to-end journey
    "test_site_journey.py": BROWSER,  # index → chart → box → position → role → next step, search, 400 px, axe
    # issue 14, the last parts (SITE)
    "test_html_valid.py": ALL,  # every page of every audience's site through the Nu Html Checker (vnu.jar, Java)
    "test_compare_plots.py": ("graphviz",),  # compare.html: the variants' plots side by side, one scale per kind
    "test_compare_plots_browser.py": BROWSER,  # the plots in Chromium: side by side, stacked at 400 px, axe
    "test_serve_pdf.py": ALL,  # serve and watch: the pages first, PDFs with --pdf; build unchanged
    "test_chart_fit_browser.py": BROWSER,  # chart.html's Fit on a very wide org: its top at a readable scale
    # issue 15, people in boxes
    "test_chart_photos.py": ALL,  # photos and initials in SVG, PDF, PNG and position pages; none without names
    "test_chart_counts.py": ("graphviz",),  # --counts as stats counts, on collapsed boxes too (FIX-A)
    "test_unit_frames_note.py": (),  # --unit-frames says which units it could not frame (FIX-A)
    "test_frame_labels.py": (),  # dotted-line labels clear of unit frames' edges (FIX-A)
    "test_chart_boxes.py": ("graphviz",),  # job shares' FTE, counts by hand, names that wrap, externals that fit
    "test_holder_fields.py": ALL,  # photo, email and url on holders: validated, located, all at once
    "test_import_photos.py": (),  # import --download-photos through a fetch seam: https only, checked, all or nothing
}
GRAPHVIZ_TOOLS = {"dot", "neato", "fdp", "sfdp", "twopi", "circo", "osage", "patchwork"}


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files in tests/golden/ from what the code produces now")


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(item.path)
        if path.parent.name == "unit":
            continue
        # a module nobody classified is assumed to need everything: it stays out of the fast selection
        for name in MODULE_MARKS.get(path.name, ALL):
            item.add_marker(name)


# --------------------------------------------------------------------------------------------------------------
# Marks kept honest
# --------------------------------------------------------------------------------------------------------------

_current: dict[str, set[str]] = {"marks": set(MARKS)}


def _need(mark: str, what: str) -> None:
    if mark not in _current["marks"]:
        pytest.fail(f"this test {what} but is not marked {mark!r}: add it to MODULE_MARKS in tests/conftest.py, "
                    f"or mark the test @pytest.mark.{mark}", pytrace=False)


@pytest.fixture(autouse=True)
def _marks_are_honest(request, monkeypatch):
    _current["marks"] = {m.name for m in request.node.iter_markers()}
    if "graphviz" not in _current["marks"]:
        real_run = subprocess.run

        def run(args, *rest, **kw):
            first = args[0] if isinstance(args, (list, tuple)) else str(args).split()[0]
            if Path(str(first)).name in GRAPHVIZ_TOOLS:
                _need("graphviz", "runs Graphviz")
            return real_run(args, *rest, **kw)

        monkeypatch.setattr(subprocess, "run", run)
    if "weasyprint" not in _current["marks"]:
        from orgdocs.render import pdf

        def weasyprint():
            _need("weasyprint", "starts WeasyPrint")

        monkeypatch.setattr(pdf, "_weasyprint", weasyprint)
    yield
    _current["marks"] = set(MARKS)


# --------------------------------------------------------------------------------------------------------------
# The CLI
# --------------------------------------------------------------------------------------------------------------


def invoke_cli(*args, catch: bool = True):
    """Run the CLI in the current folder and return click's Result. A crash inside it (any exception but the
    exit the CLI chose) fails the test with the traceback, and so does a traceback in what it printed.
    `catch` is accepted for the older local helpers; a crash always fails the test."""
    del catch
    _need("e2e", "runs the CLI")
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        tb = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"orgdocs {' '.join(map(str, args))} crashed:\n{tb}")
    assert "Traceback" not in result.output, result.output
    return result


@pytest.fixture
def run(monkeypatch):
    """invoke_cli from the repository root."""
    monkeypatch.chdir(ROOT)
    return invoke_cli


@pytest.fixture
def write_org(tmp_path):
    """Write an org (a dict, dumped as JSON, which is YAML) or YAML text into tmp_path; return its path."""

    def write(content: dict | str, name: str = "org.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
        return path

    return write


# --------------------------------------------------------------------------------------------------------------
# Orgs as data (unit tests; one conftest only: a second file named conftest.py would shadow this one's imports)
# --------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def examples():
    """Every example org in orgs/, loaded once, by id (variants of a family as family/variant)."""
    from orgdocs.commands import steps

    return {item.id: item for item in steps.load([str(ORGS)])}  # ids as `build orgs/` names them


@pytest.fixture
def load_org(tmp_path):
    """load_org(data, name="org.yaml"): write an org (a dict, as JSON, which is YAML) into tmp_path and load it."""
    from orgdocs.commands import steps

    def load(data: dict, name: str = "org.yaml"):
        path = tmp_path / name
        path.write_text(json.dumps(data), encoding="utf-8")
        [item] = steps.load([str(path)])
        return item

    return load


# --------------------------------------------------------------------------------------------------------------
# Golden files
# --------------------------------------------------------------------------------------------------------------


@pytest.fixture
def golden(request):
    """golden(name, data, tolerance=0): data must equal tests/golden/<name> as JSON, numbers within `tolerance`;
    with --update-golden the file is rewritten instead."""
    from golden_files import check_golden

    update = request.config.getoption("--update-golden")

    def check(name: str, data, tolerance: float = 0.0) -> None:
        check_golden(GOLDEN / name, data, update=update, tolerance=tolerance)

    return check
