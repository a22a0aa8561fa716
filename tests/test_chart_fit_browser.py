"""chart.html's Fit on a very wide org (issue 14): fitted whole, a head with 40 leads of two each is a strip
under 0.3 × its size, every text hidden; Fit shows the top of the chart at a readable scale instead (0.8, 10 pt
texts 8 px high: the top two layers are the whole width here), centred on the head, texts shown. A chart that
fits at 0.3 or more is fitted whole as before (test_chart_viewer.py)."""

from __future__ import annotations

import json

import pytest
from conftest import invoke_cli
from test_chart_viewer import FRAME, RECT, inside, ready, scale

LEADS = 40  # each with two reports: the second layer is 40 boxes side by side
WIDE = {"org": {"name": "Wide"},
        "roles": {"head": {"title": "Head"}, "lead": {"title": "Team Lead"}, "ic": {"title": "Specialist"}},
        "positions": [{"id": "head", "role": "head"}]
        + [{"id": f"lead-{k:02d}", "role": "lead", "reports_to": "head"} for k in range(LEADS)]
        + [{"id": f"ic-{k:02d}-{j}", "role": "ic", "reports_to": f"lead-{k:02d}"} for k in range(LEADS)
           for j in range(2)]}


@pytest.fixture(scope="module")
def wide_page(tmp_path_factory):
    root = tmp_path_factory.mktemp("wide")
    (root / "wide.yaml").write_text(json.dumps(WIDE), encoding="utf-8")
    result = invoke_cli("build", root / "wide.yaml", "--out-dir", root / "out", "-q")
    assert result.exit_code in (0, 1), result.output
    return root / "out" / "all-hands" / "wide" / "chart.html"


def test_fit_shows_the_top_of_a_very_wide_chart_readably(open_page, wide_page):
    page = ready(open_page(wide_page, 1280, 800))
    box = page.evaluate("() => { const b = document.querySelector('#chart-stage svg g#orgchart').getBBox();"
                        " return [b.width, b.height]; }")
    stage = page.evaluate(RECT, "#chart-stage")
    inner = page.evaluate("() => { const s = document.getElementById('chart-stage');"
                          " return [s.clientWidth, s.clientHeight]; }")
    whole = min((inner[0] - 32) / box[0], (inner[1] - 32) / box[1])
    assert whole < 0.3  # fitted whole, its texts would be hidden (3 px high or less)
    assert scale(page) == pytest.approx(0.8, rel=1e-4)  # the top layers span the width: the readable floor
    assert page.evaluate("() => document.querySelector('#chart-stage svg').classList.contains('viewer-far')") \
        is False  # texts drawn
    head = page.evaluate(RECT, "#pos-head")
    assert inside(head, stage)  # the head shows, near the top and the middle
    # 16 px below the stage's 1 px border, in the middle of the top two layers, which is the head's middle
    assert head[1] - stage[1] == pytest.approx(17, abs=1)
    assert (head[0] + head[2]) / 2 == pytest.approx((stage[0] + stage[2]) / 2, abs=2)
    assert not inside(page.evaluate(RECT, "g#orgchart"), stage)  # the rest is a pan away
    # zoomed out and fitted again: the same view
    for _ in range(3):
        page.click("button[aria-label='Zoom out']")
    page.click("button[aria-label='Fit the chart to the window']")
    page.evaluate(FRAME)
    assert scale(page) == pytest.approx(0.8, rel=1e-4)
