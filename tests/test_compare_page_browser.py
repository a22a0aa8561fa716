"""compare.html in a real browser (Chromium driven by Playwright), at 1280 and 400 px: each chart drawn at its
natural size inside a box that scrolls, the page itself never scrolling sideways, and axe-core finding no serious
or critical accessibility violation. The session's Chromium and axe come from tests/browser.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import axe
from conftest import ROOT

from orgdocs.commands import steps
from orgdocs.outputs.plan import ComparisonPlan
from orgdocs.render import comparison as compare

CVA = ROOT / "orgs" / "customer-value-adoption"


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> tuple[Path, list]:
    """The hr comparison of the CVA family as `build` makes it (boxes and changes linking to position pages)."""
    c = steps.comparison(steps.load([str(CVA)]), "hr")
    html = compare.documents(c, ["html"], links=ComparisonPlan("customer-value-adoption"))["html"]
    path = tmp_path_factory.mktemp("page") / "compare.html"
    path.write_bytes(html)
    return path, compare.charts(c)


@pytest.mark.parametrize("width", [1280, 400])
def test_charts_keep_their_size_and_scroll_in_their_boxes(open_page, page_file, width):
    path, charts = page_file
    page = open_page(path, width, 900).page  # closed by the fixture
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


@pytest.mark.parametrize("width", [1280, 400])
def test_axe_finds_no_serious_or_critical_violation(open_page, page_file, width):
    path, _ = page_file
    page = open_page(path, width, 900).page  # closed by the fixture
    violations = axe(page)  # fails on any serious or critical violation
    assert not [v["id"] for v in violations if v["id"] in ("duplicate-id", "duplicate-id-aria", "landmark-unique",
                                                            "heading-order", "page-has-heading-one")]
