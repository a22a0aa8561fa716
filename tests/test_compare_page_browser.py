"""compare.html in a real browser (Chromium driven by Playwright), at 1280 and 400 px: each chart drawn at its
natural size inside a box that scrolls, the page itself never scrolling sideways, and axe-core finding no serious
or critical accessibility violation. Skipped where Playwright or Chromium is not installed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from orgdocs.commands import steps
from orgdocs.outputs.plan import ComparisonPlan
from orgdocs.render import comparison as compare

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no Chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
CVA = ROOT / "orgs" / "customer-value-adoption"


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> tuple[Path, list]:
    """The hr comparison of the CVA family as `build` makes it (boxes and changes linking to position pages)."""
    c = steps.comparison(steps.load([str(CVA)]), "hr")
    html = compare.documents(c, ["html"], links=ComparisonPlan("customer-value-adoption"))["html"]
    path = tmp_path_factory.mktemp("page") / "compare.html"
    path.write_bytes(html)
    return path, compare.charts(c)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.mark.parametrize("width", [1280, 400])
def test_charts_keep_their_size_and_scroll_in_their_boxes(browser, page_file, width):
    path, charts = page_file
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(path.as_uri())
        # the page itself: nothing wider than the window
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        boxes = page.evaluate("""[...document.querySelectorAll('.chart-scroll')].map(b => ({
            scroll: b.scrollWidth, client: b.clientWidth, overflow: getComputedStyle(b).overflowX,
            svg: b.querySelector('svg').getBoundingClientRect().width}))""")
        assert len(boxes) == len(charts) == 2
        for box, chart in zip(boxes, charts):
            # drawn at the size it states: width in pt at 96 px per inch (1 pt = 4/3 px), e.g. 1914 pt = 2552 px
            assert box["svg"] == pytest.approx(chart.width * 4 / 3, abs=1)
            assert box["overflow"] == "auto" and box["scroll"] > box["client"]  # wider than its box: scrolls
        table = page.evaluate("""(() => { const b = document.querySelector('.scroll');
            return {overflow: getComputedStyle(b).overflowX, right: b.getBoundingClientRect().right}; })()""")
        assert table["overflow"] == "auto" and table["right"] <= width
    finally:
        page.close()


@pytest.mark.parametrize("width", [1280, 400])
def test_axe_finds_no_serious_or_critical_violation(browser, page_file, width):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    path, _ = page_file
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(path.as_uri())
        violations = axe.Axe().run(page).response["violations"]
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in violations
               if v["impact"] in ("serious", "critical")]
        assert bad == []
        assert not [v["id"] for v in violations if v["id"] in ("duplicate-id", "duplicate-id-aria", "landmark-unique",
                                                                "heading-order", "page-has-heading-one")]
    finally:
        page.close()
