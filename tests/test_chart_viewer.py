"""chart.html (issue 14): the chart on a screen, driven in Chromium from file:// — pan and zoom by wheel, keys and
buttons, fit, find a person, collapse below a manager, the static SVG without JavaScript, and axe-core.

The org is orgs/platform-engineering (17 positions): the Director, Infrastructure (Tomás Rivera) has 7 positions
below: Staff Engineer, EM Compute (Software Engineers, SRE contractors, build farm vendor team) and EM Data
(Senior Software Engineers) — 1 + (1 + 3) + (1 + 1) = 7.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from browser import axe

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
ORG = "platform-engineering"
DIRECTOR = "pos-director-infrastructure"
BELOW_DIRECTOR = {"pos-staff-engineer-infrastructure", "pos-em-compute", "pos-compute-engineers",
                  "pos-sre-contractors", "pos-build-farm", "pos-em-data", "pos-data-engineers"}

FRAME = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
# where the chart is on the screen: the <svg>'s transform (while it moves) after the <g>'s (where it was drawn)
TRANSFORM = """() => {
  const matrix = s => { const t = getComputedStyle(document.querySelector(s)).transform;
                        return t === 'none' ? new DOMMatrix() : new DOMMatrix(t); };
  const m = matrix('#chart-stage svg').multiply(matrix('g.viewer-view'));
  return [m.a, m.d, m.e, m.f]; }"""
RECT = ("s => { const r = document.querySelector(s).getBoundingClientRect();"
        " return [r.left, r.top, r.right, r.bottom]; }")
SHOWN = "id => { const e = document.getElementById(id); return getComputedStyle(e).display !== 'none'; }"


def chart_page(site: Path, audience: str = "hr") -> Path:
    return site / audience / ORG / "chart.html"


def svg_nodes(site: Path, audience: str = "hr") -> dict[str, ET.Element]:
    root = ET.parse(site / audience / ORG / "chart.svg").getroot()
    return {g.get("id"): g for g in root.find(SVG + "g").findall(SVG + "g")}


def ready(opened):
    page = opened.page
    page.wait_for_selector("#chart-stage[data-ready=true]")
    page.evaluate(FRAME)
    return page


def scale(page) -> float:
    page.evaluate(FRAME)
    a, d, _, _ = page.evaluate(TRANSFORM)
    assert a == pytest.approx(d)  # one scale, both ways
    return a


def approx(x: float):
    """A scale as the computed style gives it back: to 6 significant digits."""
    return pytest.approx(x, rel=1e-5)


def inside(inner, outer, slack=1.0) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack and inner[2] <= outer[2] + slack
            and inner[3] <= outer[3] + slack)


# -- the SVG the viewer reads (no browser) -------------------------------------------------------------------


def test_every_node_names_its_manager_and_every_line_its_ends(site):
    nodes = svg_nodes(site)
    parents = {k: g.get("data-parent") for k, g in nodes.items() if "node" in g.get("class")}
    assert {k for k, p in parents.items() if p == DIRECTOR} == {
        "pos-staff-engineer-infrastructure", "pos-em-compute", "pos-em-data"}
    assert parents["pos-vp-engineering"] is None and parents["ext-cto"] is None  # the top and outside the org
    for k, p in parents.items():
        assert p is None or p in nodes, k
    lines = [g for g in nodes.values() if g.get("class").startswith("edge reports-to")
             and "external" not in g.get("class")]
    assert len(lines) == 16  # 17 positions, one at the top
    for g in lines:  # a reporting line joins a box and its manager
        assert nodes[g.get("data-to")].get("data-parent") == g.get("data-from")
    dotted = nodes["dotted-build-farm-em-compute"]
    assert (dotted.get("data-from"), dotted.get("data-to")) == ("pos-build-farm", "pos-em-compute")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.scripts, self.main = [], [], 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and (a.get("href") or a.get("xlink:href")):
            self.links.append(a.get("href") or a.get("xlink:href"))
        if tag == "script":
            self.scripts.append(a.get("src"))
        self.main += tag == "main"


@pytest.mark.parametrize("audience", ["hr", "all-hands", "public"])
def test_the_page_links_its_script_boxes_and_overview_inside_its_tree(site, audience):
    page = chart_page(site, audience)
    parsed = _Page()
    parsed.feed(page.read_text(encoding="utf-8"))
    assert parsed.main == 1
    assert "../assets/chart-viewer.js" in parsed.scripts
    for src in parsed.scripts:  # shipped in the tree, not fetched: no inline code, no URL
        assert src and "://" not in src and (page.parent / unquote(src)).resolve().is_file(), src
    assert (page.parent / "../assets/chart-viewer.js").resolve() == (site / audience / "assets" / "chart-viewer.js")
    assert len(parsed.links) >= 17  # the overview and every box
    for link in parsed.links:
        assert "://" not in link and not link.startswith("/"), link
        target = (page.parent / unquote(link.partition("#")[0])).resolve()  # the header links index.html#roles
        assert target.is_file() and target.is_relative_to(site / audience), link
    index = (site / audience / ORG / "index.html").read_text(encoding="utf-8")
    assert 'href="chart.html"' in index  # the org's overview links the page


# -- in the browser ------------------------------------------------------------------------------------------


def test_the_page_loads_without_errors_and_fits_the_chart(site, open_page):
    opened = open_page(chart_page(site))
    page = ready(opened)
    assert opened.errors == []
    assert page.title().startswith("Chart — Platform Engineering")
    stage = page.evaluate(RECT, "#chart-stage")
    assert stage[2] - stage[0] == pytest.approx(1280, abs=1)  # the full width of the window
    assert stage[3] == pytest.approx(800, abs=1)  # and down to its bottom
    assert inside(page.evaluate(RECT, "g#orgchart"), stage)  # fitted: the whole chart shows
    # the chart (990 × 1244 pt: boxes 96 pt tall with the job share's pictures, issue 15) is taller than the
    # stage: fit scales it to the stage's inner height (less its
    # 1 px top border) less 2 × 16 px of margin
    height = page.evaluate("() => document.getElementById('chart-stage').clientHeight")
    assert height == pytest.approx(stage[3] - stage[1] - 1, abs=1)  # whole pixels
    assert scale(page) == pytest.approx((height - 32) / 1244, rel=1e-4)


def test_wheel_keys_and_buttons_change_the_scale(site, open_page):
    page = ready(open_page(chart_page(site)))
    fitted = scale(page)
    stage = page.evaluate(RECT, "#chart-stage")
    page.mouse.move((stage[0] + stage[2]) / 2, (stage[1] + stage[3]) / 2)
    page.mouse.wheel(0, -200)  # wheel up: zoom in by e^(200 × 0.0015) = e^0.3 ≈ 1.35 per 200 px
    page.wait_for_function(f"document.getElementById('chart-stage').dataset.scale > {fitted}")
    wheeled = scale(page)
    assert wheeled > fitted * 1.3
    page.click("button[aria-label='Zoom out']")  # ÷ 1.25
    assert scale(page) == approx(wheeled / 1.25)
    page.click("button[aria-label='Zoom in']")  # × 1.25: back
    assert scale(page) == approx(wheeled)
    page.focus("#chart-stage")
    page.keyboard.press("-")
    assert scale(page) == approx(wheeled / 1.25)
    page.keyboard.press("+")
    page.keyboard.press("+")
    assert scale(page) == approx(wheeled * 1.25)
    _, _, x, y = page.evaluate(TRANSFORM)
    page.keyboard.press("ArrowLeft")  # the chart moves 60 px right, as a map does
    page.keyboard.press("ArrowUp")
    page.evaluate(FRAME)
    assert page.evaluate(TRANSFORM)[2:] == pytest.approx([x + 60, y + 60], abs=0.01)
    page.keyboard.press("0")
    assert scale(page) == approx(fitted)


def test_drag_pans_and_does_not_open_a_box(site, open_page):
    page = ready(open_page(chart_page(site)))
    url = page.url
    box = page.evaluate(RECT, f"#{DIRECTOR}")
    _, _, x, y = page.evaluate(TRANSFORM)
    page.mouse.move((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    page.mouse.down()
    page.mouse.move((box[0] + box[2]) / 2 - 100, (box[1] + box[3]) / 2 + 40, steps=5)
    page.mouse.up()
    page.evaluate(FRAME)
    assert page.url == url  # a drag that ends on a box's link stays on the page
    assert page.evaluate(TRANSFORM)[2:] == pytest.approx([x - 100, y + 40], abs=0.01)


def test_fit_shows_the_whole_chart_after_zooming_in(site, open_page):
    page = ready(open_page(chart_page(site), width=900, height=600))
    for _ in range(4):
        page.click("button[aria-label='Zoom in']")
    stage = page.evaluate(RECT, "#chart-stage")
    assert not inside(page.evaluate(RECT, "g#orgchart"), stage)  # zoomed in: it overflows
    page.click("button[aria-label='Fit the chart to the window']")
    page.evaluate(FRAME)
    chart = page.evaluate(RECT, "g#orgchart")
    assert inside(chart, stage)
    # and fills the stage one way: the height less the 16 px margins (the chart is taller than wide)
    assert chart[3] - chart[1] == pytest.approx(stage[3] - stage[1] - 32, abs=2)


def test_find_highlights_a_holder_accent_and_case_insensitive_and_brings_it_into_view(site, open_page):
    page = ready(open_page(chart_page(site), width=900, height=600))
    for _ in range(6):
        page.click("button[aria-label='Zoom in']")
    stage = page.evaluate(RECT, "#chart-stage")
    page.fill("#chart-find", "TOMAS rivera")
    page.press("#chart-find", "Enter")
    page.evaluate(FRAME)
    hits = page.evaluate("() => Array.from(document.querySelectorAll('.viewer-hit'), e => e.id)")
    assert hits == [DIRECTOR]  # "Tomás Rivera" is the Director, Infrastructure
    assert page.text_content("#chart-found") == "1 box"
    assert inside(page.evaluate(RECT, f"#{DIRECTOR}"), stage)
    assert scale(page) >= 1  # readable: at least natural size
    page.fill("#chart-find", "software engineer")  # titles too: 3 boxes of Software Engineers, 2 of Senior ones
    page.press("#chart-find", "Enter")
    hits = page.evaluate("() => Array.from(document.querySelectorAll('.viewer-hit'), e => e.id)")
    assert sorted(hits) == ["pos-compute-engineers", "pos-data-engineers", "pos-mobile-engineers",
                            "pos-web-engineers", "pos-web-senior-part-time"]
    assert page.text_content("#chart-found") == "1 of 5 boxes"
    page.press("#chart-find", "Enter")  # again: the next one
    assert page.text_content("#chart-found") == "2 of 5 boxes"
    page.fill("#chart-find", "nobody here")
    page.press("#chart-find", "Enter")
    assert page.evaluate("() => document.querySelectorAll('.viewer-hit').length") == 0
    assert "No box shows" in page.text_content("#chart-found")


def test_find_reads_only_what_the_page_shows(site, open_page):
    """The public chart shows no names: a holder's name finds nothing, and is nowhere in the page."""
    assert "Tomás" not in chart_page(site, "public").read_text(encoding="utf-8")
    page = ready(open_page(chart_page(site, "public")))
    page.fill("#chart-find", "Tomás")
    page.press("#chart-find", "Enter")
    assert page.evaluate("() => document.querySelectorAll('.viewer-hit').length") == 0
    page.fill("#chart-find", "director, infra")
    page.press("#chart-find", "Enter")
    assert page.evaluate("() => Array.from(document.querySelectorAll('.viewer-hit'), e => e.id)") == [DIRECTOR]


def test_collapse_hides_the_subtree_and_its_lines_and_expand_shows_them(site, open_page):
    page = ready(open_page(chart_page(site)))
    nodes = svg_nodes(site)
    boxes = {k for k, g in nodes.items() if g.get("class").split()[0] == "node" and k.startswith(("pos-", "ext-"))}
    lines = {k: (g.get("data-from"), g.get("data-to")) for k, g in nodes.items() if g.get("data-from")}
    toggle = f".viewer-toggle[data-for='{DIRECTOR}']"
    assert page.get_attribute(toggle, "aria-expanded") == "true"
    assert page.get_attribute(toggle, "aria-label") == "Collapse the 7 positions below Director, Infrastructure"
    page.click(toggle)
    shown = {k for k in boxes if page.evaluate(SHOWN, k)}
    assert shown == boxes - BELOW_DIRECTOR
    hidden_lines = {k for k in lines if not page.evaluate(SHOWN, k)}
    # the 3 lines below the director, 1 below EM Data, 3 below EM Compute, the build farm's dotted line
    assert hidden_lines == {k for k, (a, b) in lines.items() if a in BELOW_DIRECTOR or b in BELOW_DIRECTOR}
    assert len(hidden_lines) == 8
    assert page.get_attribute(toggle, "aria-expanded") == "false"
    assert page.is_hidden(".viewer-toggle[data-for='pos-em-compute']")  # the toggles below go too
    page.focus(toggle)
    page.keyboard.press("Enter")  # a toggle is a button for the keyboard too
    assert {k for k in boxes if page.evaluate(SHOWN, k)} == boxes
    assert all(page.evaluate(SHOWN, k) for k in lines)
    # find opens what hides the box it finds
    page.click(".viewer-toggle[data-for='pos-vp-engineering']")
    assert not page.evaluate(SHOWN, "pos-em-data")
    page.fill("#chart-find", "Rui Costa")
    page.press("#chart-find", "Enter")
    assert page.evaluate(SHOWN, "pos-data-engineers") and page.evaluate(SHOWN, "pos-em-data")


def test_without_javascript_the_svg_shows_at_natural_size_and_scrolls(site, open_page):
    page = open_page(chart_page(site), width=600, height=700, javascript=False).page
    svg = page.evaluate(RECT, "#chart-stage svg")
    # 990 pt wide is 990 × 4/3 = 1320 px
    assert svg[2] - svg[0] == pytest.approx(1320, abs=1)
    assert page.is_hidden(".viewer-tools")  # buttons that would do nothing are not shown
    assert page.evaluate("() => { const s = document.getElementById('chart-stage');"
                         " return s.scrollWidth > s.clientWidth; }")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 600  # the page itself does not scroll
    texts = page.evaluate("() => Array.from(document.querySelectorAll('#pos-director-infrastructure text'),"
                          " t => t.textContent)")
    assert texts == ["Director, Infrastructure", "Tomás Rivera"]


@pytest.mark.parametrize("audience", ["hr", "public"])
def test_axe_finds_nothing_serious(site, open_page, audience):
    page = ready(open_page(chart_page(site, audience)))
    axe(page)
    # the chart and its controls are named for a screen reader
    assert page.get_attribute("#chart-stage svg", "aria-label").startswith("Org chart of Platform Engineering")
    labels = page.evaluate("() => Array.from(document.querySelectorAll('.viewer-tools button'),"
                           " b => b.getAttribute('aria-label') || b.textContent)")
    assert labels == ["Zoom in", "Zoom out", "Fit the chart to the window", "Expand every collapsed box", "Find"]


def test_keyboard_focus_is_visible(site, open_page):
    page = ready(open_page(chart_page(site)))
    page.focus("#chart-find")
    page.keyboard.press("Shift+Tab")  # onto the last button before the field
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    page.focus("#chart-stage")
    page.keyboard.press("Tab")  # into the chart: the first box's link
    width = page.evaluate("() => { const a = document.activeElement; return a.tagName.toLowerCase() === 'a' ?"
                          " getComputedStyle(a.firstElementChild).strokeWidth : 'not a link'; }")
    assert width == "4px"
    assert math.isfinite(scale(page))
    assert re.match(r"^(pos|ext)-", page.evaluate("() => document.activeElement.closest('g.node').id"))


def test_pan_and_zoom_change_only_the_svg_and_one_group(site, open_page):
    """No per-node work while moving: every attribute pan and zoom change is on the <svg> or the <g> around the
    chart (and the stage's data-scale)."""
    page = ready(open_page(chart_page(site)))
    page.evaluate("""() => { window.changed = new Set();
      new MutationObserver(ms => ms.forEach(m => window.changed.add(
          (m.target.id || m.target.getAttribute('class') || m.target.tagName) + ' ' + m.attributeName)))
        .observe(document.body, {attributes: true, subtree: true}); }""")
    page.click("button[aria-label='Zoom in']")
    page.focus("#chart-stage")
    page.keyboard.press("ArrowLeft")
    stage = page.evaluate(RECT, "#chart-stage")
    page.mouse.move((stage[0] + stage[2]) / 2, (stage[1] + stage[3]) / 2)
    page.mouse.wheel(0, 100)
    page.wait_for_timeout(400)  # and the sharp drawing once it stops
    changed = set(page.evaluate("() => Array.from(window.changed)"))
    assert changed <= {"chart-stage data-scale", "chart-stage class", "svg style", "svg class",
                       "viewer-view style"}, changed
    assert {"svg style", "viewer-view style"} <= changed


def test_texts_are_left_out_below_a_readable_scale(site, open_page):
    page = ready(open_page(chart_page(site)))
    fitted = scale(page)  # the stage's height less 32 px over 1244 pt: about 0.5 at 800 px, 10 pt texts 5 px high
    assert fitted >= 0.3 and page.evaluate(SHOWN_TEXT) is True
    outs = 0
    while scale(page) >= 0.3:  # below 0.3, 10 pt is under 3 px
        page.click("button[aria-label='Zoom out']")
        outs += 1
    assert scale(page) == approx(fitted / 1.25 ** outs)
    page.wait_for_function("document.querySelector('#chart-stage svg').classList.contains('viewer-far')")
    assert page.evaluate(SHOWN_TEXT) is False
    page.click("button[aria-label='Zoom in']")  # from at least 0.3 / 1.25 = 0.24 back to at least 0.3: readable
    assert scale(page) >= 0.3
    page.wait_for_function("!document.querySelector('#chart-stage svg').classList.contains('viewer-far')")
    assert page.evaluate(SHOWN_TEXT) is True


SHOWN_TEXT = ("() => getComputedStyle(document.querySelector('#pos-director-infrastructure text')).display"
              " !== 'none'")


def test_a_box_still_opens_its_page_after_a_drag(site, open_page):
    page = ready(open_page(chart_page(site)))
    box = page.evaluate(RECT, f"#{DIRECTOR}")
    page.mouse.move((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    page.mouse.down()
    page.mouse.move((box[0] + box[2]) / 2 + 50, (box[1] + box[3]) / 2, steps=3)
    page.mouse.up()
    page.wait_for_timeout(300)
    box = page.evaluate(RECT, f"#{DIRECTOR}")
    # wherever the box links (a role's page, a position's page), a plain click where the box now is goes there
    target = page.evaluate(f"() => new URL(document.querySelector('#{DIRECTOR} a')"
                           ".getAttributeNS('http://www.w3.org/1999/xlink', 'href'), location.href).href")
    assert "chart.html" not in target
    page.mouse.click((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    page.wait_for_url(target)
    assert Path(unquote(page.url.removeprefix("file://"))).is_file()
