"""compare.html's plots in Chromium (issue 14 item 5): side by side at 1280 px (a column per variant, equal
widths, so that one scale draws equal numbers equally long), stacked below ~700 px with the page never scrolling
sideways; no serious or critical axe violation."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import axe
from test_compare_plots import FAMILY

from orgdocs.commands import steps
from orgdocs.outputs.plan import ComparisonPlan
from orgdocs.render import comparison as compare

CELLS = """[...document.querySelectorAll('.plot-cell')].map(f => {
    const r = f.querySelector('svg').getBoundingClientRect();
    return {kind: f.querySelector('svg').id.replace(/^v\\d+-/, ''), x: r.left, y: r.top, w: r.width};
})"""


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    c = steps.comparison(steps.load([str(FAMILY)]), "hr")
    path = tmp_path_factory.mktemp("plots") / "compare.html"
    path.write_bytes(compare.documents(c, ["html"], links=ComparisonPlan("family"))["html"])
    return path


def test_side_by_side_on_a_wide_window(open_page, page_file):
    page = open_page(page_file, 1280, 900).page
    cells = page.evaluate(CELLS)
    assert len(cells) == 10  # 5 kinds × 2 variants
    for base, reorg in zip(cells[::2], cells[1::2]):
        assert base["kind"] == reorg["kind"]
        assert base["y"] == pytest.approx(reorg["y"], abs=1)  # one row
        assert reorg["x"] > base["x"] + base["w"]  # the second variant to the right of the first
        # equal widths; at least 380 px, where the plot's 13-unit text (of 480) is 13 × 380 / 480 = 10.3 px
        assert base["w"] == pytest.approx(reorg["w"], abs=0.5) and base["w"] >= 380
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    axe(page)


def test_stacked_on_a_narrow_window(open_page, page_file):
    page = open_page(page_file, 400, 900).page
    cells = page.evaluate(CELLS)
    xs = {round(c["x"]) for c in cells}
    assert len(xs) == 1  # one column
    assert all(b["y"] > a["y"] for a, b in zip(cells, cells[1:]))  # kind by kind, variant after variant
    assert page.evaluate("document.documentElement.scrollWidth") <= 400  # no sideways scroll
    assert all(c["x"] + c["w"] <= 400 for c in cells)
    axe(page)
