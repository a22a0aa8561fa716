"""The dashboard (issue 14): the key numbers and every plot of a seed org checked by hand, the plots' bars against
those numbers, the page's accessible names and data tables, the one-page A4 landscape PDF, and no pay in any form
on the all-hands and public dashboards."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from orgdocs.analyse.summary import numbers
from orgdocs.checks import run_checks
from orgdocs.commands import steps
from orgdocs.outputs import plan
from orgdocs.outputs.build import build_loaded, documents
from orgdocs.outputs.build import org_plan as make_plan
from orgdocs.outputs.dashboard import dashboard_files, dashboard_html
from orgdocs.outputs.documents import DocOptions
from orgdocs.outputs.public import secrets_for
from orgdocs.render.plots import plot_svg
from orgdocs.scan import find_leaks
from orgdocs.views.audience import audience_rules, findings_for, numbers_for
from orgdocs.views.check import portable
from orgdocs.views.dashboard import dashboard

SVG = "{http://www.w3.org/2000/svg}"

# Nine seats in five positions, units nested two deep, a span policy one manager breaks, pay bands whose figures
# appear nowhere else (so any of them in an all-hands file is a leak), and a holder's actual salary.
SEED = """\
org:
  name: Seed & Co <Board>
  as_of: 2026-01-15
  currency: USD
  declared: {headcount: 10, fte: 9, open_roles: 3, layers: 3}
tracks:
  ic: {name: Individual contributor, kind: ic}
  mgmt: {name: Management, kind: management}
levels:
  p2: {name: Professional, rank: 2, track: ic}
  m1: {name: Manager, rank: 4, track: mgmt}
  m3: {name: Executive, rank: 6, track: mgmt}
compensation:
  bands:
    p2: {level: p2, min: 81234, max: 97531}
    m1: {level: m1, min: 123457, max: 154321}
    m3: {level: m3, min: 212345, max: 287654}
roles:
  ceo: {title: Chief Executive, level: m3, responsibilities: [Sets the company strategy]}
  cto: {title: Chief Technology Officer, level: m1, responsibilities: [Leads engineering hiring]}
  se: {title: Software Engineer, level: p2, responsibilities: [Builds the web product]}
  ops-lead: {title: Operations Lead, level: m1}
  agent: {title: Support Agent, level: p2, responsibilities: [Answers customer tickets]}
units:
  hq: {name: Head Office}
  eng: {name: Engineering, parent: hq}
  web: {name: Web Team, parent: eng}
  ops: {name: Operations, parent: hq}
policies:
  span: 2-3
positions:
  - {id: ceo, role: ceo, holders: [{name: Zoë Ångström, salary: 251357}], unit: hq}
  - {id: cto, role: cto, holders: [Bob Stone], reports_to: ceo, unit: eng}
  - {id: devs, role: se, count: 4, holders: [Ana Ruiz, Chen Wei, Ola Berg], open: 1, reports_to: cto, unit: web}
  - {id: ops-lead, role: ops-lead, holders: [Dee Park], reports_to: ceo, unit: ops}
  - {id: agents, role: agent, count: 2, open: 2, reports_to: ops-lead, unit: ops}
"""
# every pay figure of the seed, as a document would print it: band ends, the salary, midpoints, payroll
PAY_FIGURES = ["81,234", "97,531", "123,457", "154,321", "212,345", "287,654", "251,357", "89,382", "138,889",
               "249,999", "250,000", "1,064,072", "496,419", "317,654", "357,530", "268,148", "1.1M", "496K", "318K"]


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed") / "seed"
    folder.mkdir()
    (folder / "org.yaml").write_text(SEED, encoding="utf-8")
    [item] = steps.load([str(folder)])
    return item


def seen(item, audience: str):
    rules = audience_rules(item.org, audience)
    found = portable(run_checks(item.analysis, item.located), item)
    return rules, numbers_for(numbers(item.id, item.org, item.analysis), rules), findings_for(found, rules), found


def test_key_numbers_by_hand(seed):
    _, counted, shown, _ = seen(seed, "all-hands")
    got = {k.label: (k.value, k.declared) for k in dashboard(seed.org, counted, shown).numbers}
    # seats: ceo 1 + cto 1 + devs 4 + ops-lead 1 + agents 2 = 9; open: devs 1 + agents 2 = 3; filled 9 - 3 = 6.
    # The org declares on the default basis, filled seats: its 10 stands beside the 6 filled, its FTE 9 beside
    # the 6 FTE in filled seats (every seat is 1 FTE), and the total FTE 9 stands alone.
    assert got["Headcount"] == ("9", "")
    assert got["Filled seats"] == ("6", "10")
    assert got["FTE"] == ("9", "")
    assert got["FTE in filled seats"] == ("6", "9")
    assert got["Positions"] == ("5", "")
    assert got["Open seats"] == ("3", "3")
    # managers: ceo, cto, ops-lead = 3 seats; ICs 9 - 3 = 6; layers ceo / cto, ops-lead / devs, agents = 3
    assert got["Managers"] == ("3", "")
    assert got["Individual contributors"] == ("6", "")
    assert got["Layers"] == ("3", "3")
    # spans: ceo 2 (cto, ops-lead), cto 4 (devs), ops-lead 2 (agents): median of 2, 2, 4 = 2; mean 8 / 3 = 2.67
    assert got["Median span"] == ("2", "")
    assert got["Mean span"] == ("2.67", "")
    assert not any("Payroll" in label for label in got)  # all-hands: no pay in any form


def test_plots_by_hand(seed):
    _, counted, shown, _ = seen(seed, "all-hands")
    plots = {p.id: p for p in dashboard(seed.org, counted, shown).plots}
    assert set(plots) == {"units", "spans", "layers", "mix", "findings"}  # no payroll plot without pay
    units = plots["units"]
    # rolled up: Head Office 1 + Engineering (1 + Web Team 4) + Operations 3 = 9, open 1 + 2 = 3; Engineering 5,
    # open 1; Operations 3, open 2. The plot shows two levels; Web Team (4, open 1) is in the table.
    assert [(b.label, b.value, b.part) for b in units.bars] == \
        [("Head Office", 9, 3), ("Engineering", 5, 1), ("Operations", 3, 2)]
    assert [row[:3] for row in units.rows] == [["Head Office", "9", "3"], ["\u2003Engineering", "5", "1"],
                                               ["\u2003\u2003Web Team", "4", "1"], ["\u2003Operations", "3", "2"]]
    spans = plots["spans"]
    # manager seats by span: 2 → ceo and ops-lead (2), 4 → cto (1); bins 0..4; policy 2-3 marks bins 2 and 3
    assert [(b.label, b.value, b.marked) for b in spans.bars] == \
        [("0", 0, False), ("1", 0, False), ("2", 2, True), ("3", 0, True), ("4", 1, False)]
    assert spans.band == (2, 3)
    assert [(b.label, b.value) for b in plots["layers"].bars] == [("Layer 1", 1), ("Layer 2", 2), ("Layer 3", 6)]
    assert [(b.label, b.value) for b in plots["mix"].bars] == [("Managers", 3), ("Individual contributors", 6)]
    assert plots["mix"].note == "2 ICs per manager."  # 6 / 3
    # declared headcount and FTE differ from the filled seats, and the cto's span of 4 is outside 2-3: three
    # warnings; the pay finding hr sees is not counted for all-hands
    assert [(b.label, b.value) for b in plots["findings"].bars] == [("Error", 0), ("Warning", 3), ("Accepted", 0)]


def bars_of(svg_text: str) -> list[tuple[str, str, float, float, float]]:
    root = ET.fromstring(svg_text)
    return [(r.get("class"), r.get("data-label"), float(r.get("data-value")), float(r.get("width")),
             float(r.get("height"))) for r in root.iter(f"{SVG}rect") if r.get("class") in ("bar", "part")]


def test_bar_lengths_are_proportional_to_the_numbers(seed):
    _, counted, shown, _ = seen(seed, "all-hands")
    plots = {p.id: p for p in dashboard(seed.org, counted, shown).plots}
    units = bars_of(plot_svg(plots["units"]))
    widths = {(cls, label): (value, w) for cls, label, value, w, _ in units}
    hq = widths[("bar", "Head Office")][1]
    # Engineering 5 of Head Office's 9; Operations 3 of 9; Head Office's open part 3 of its 9
    assert widths[("bar", "Engineering")][1] / hq == pytest.approx(5 / 9, abs=1e-3)
    assert widths[("bar", "Operations")][1] / hq == pytest.approx(3 / 9, abs=1e-3)
    assert widths[("part", "Head Office")][1] / hq == pytest.approx(3 / 9, abs=1e-3)
    assert [v for cls, _, v, _, _ in units if cls == "bar"] == [9, 5, 3]
    columns = bars_of(plot_svg(plots["spans"]))
    heights = {label: h for _, label, _, _, h in columns}
    assert heights["2"] == pytest.approx(2 * heights["4"], abs=0.01)  # 2 manager seats against 1
    assert heights["0"] == heights["1"] == heights["3"] == 0
    layers = {label: w for _, label, _, w, _ in bars_of(plot_svg(plots["layers"]))}
    assert layers["Layer 3"] == pytest.approx(6 * layers["Layer 1"], abs=0.06)  # 6 people against 1 (widths to 0.01)
    svg = ET.fromstring(plot_svg(plots["spans"]))
    policy = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "policy"]
    assert len(policy) == 1  # one band behind bins 2 and 3: as wide as two bins
    step = float(policy[0].get("width")) / 2
    xs = sorted(float(r.get("x")) for r in svg.iter(f"{SVG}rect") if r.get("class") == "bar")
    assert xs[1] - xs[0] == pytest.approx(step, abs=0.01)


def test_every_plot_is_a_named_image(seed):
    _, counted, shown, _ = seen(seed, "all-hands")
    for p in dashboard(seed.org, counted, shown).plots:
        svg = ET.fromstring(plot_svg(p))
        assert svg.get("role") == "img"
        title = svg.find(f"{SVG}title")
        assert title is not None and title.text == p.title
        assert svg.get("aria-labelledby") == f"{p.id}-title {p.id}-desc"
        assert svg.find(f"{SVG}desc").text  # the numbers in words


class Page(HTMLParser):
    """The text of the page, its links, the ids, and each data table's rows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.tables: list[list[list[str]]] = []
        self.in_cell = False
        self.details = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a":
            self.links.append(a.get("href", ""))
        if tag == "details":
            self.details += 1
        if tag == "table":
            self.tables.append([])
        if tag == "tr":
            self.tables[-1].append([])
        if tag in ("td", "th"):
            self.in_cell = True
            self.tables[-1][-1].append("")

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.in_cell = False

    def handle_data(self, data):
        self.text.append(data)
        if self.in_cell:
            self.tables[-1][-1][-1] += data


def page_of(html: str) -> Page:
    p = Page()
    p.feed(html)
    return p


def test_the_page_has_tables_for_every_plot_and_escapes_the_org(seed):
    rules, counted, shown, found = seen(seed, "all-hands")
    docs = documents(seed, DocOptions(audience="all-hands"), found)
    html = dashboard_html(docs, make_plan(seed, rules), counted, shown)
    assert "Seed &amp; Co &lt;Board&gt; at a glance" in html  # the org's name as written, never as markup
    page = page_of(html)
    assert page.details == 5  # one data table per plot
    assert page.tables[0][0] == ["Unit", "Headcount", "Open seats", "FTE", "Own headcount"]
    assert len(page.ids) == len(set(page.ids))  # the plots' ids do not collide
    assert "<main>" in html and html.count("<h1>") == 1
    assert set(page.links) == {"index.html", "dashboard.pdf"}


def test_hr_adds_payroll_by_unit_and_the_band_chart(seed):
    rules, counted, shown, found = seen(seed, "hr")
    plots = {p.id: p for p in dashboard(seed.org, counted, shown).plots}
    # priced at band midpoints: p2 (81,234 + 97,531) / 2 = 89,382.5, m1 138,889, m3 249,999.5;
    # Engineering = cto 138,889 + 4 devs × 89,382.5 = 496,419; Operations = 138,889 + 2 × 89,382.5 = 317,654;
    # Head Office = 249,999.5 + 496,419 + 317,654 = 1,064,072.5
    assert [(b.label, b.value) for b in plots["payroll"].bars] == \
        [("Head Office", 1064072.5), ("Engineering", 496419.0), ("Operations", 317654.0)]
    assert plots["payroll"].rows[0] == ["Head Office", "1,064,072", "249,999"] or \
        plots["payroll"].rows[0] == ["Head Office", "1,064,072", "250,000"]
    docs = documents(seed, DocOptions(audience="hr"), found)
    html = dashboard_html(docs, make_plan(seed, rules), counted, shown)
    assert 'class="band-chart"' in html and "Payroll estimate (USD)" in html


def pdf_text(data: bytes) -> tuple[int, str, tuple[float, float]]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages), (float(box.width),
                                                                                   float(box.height))


@pytest.mark.parametrize("audience", ["all-hands", "public"])
def test_no_pay_on_the_dashboard_of_an_audience_without_pay(seed, audience):
    rules, counted, shown, found = seen(seed, audience)
    docs = documents(seed, DocOptions(audience=audience), found)
    files = dashboard_files(docs, make_plan(seed, rules), counted, shown)
    html = files[0].data.decode()
    pages, text, _ = pdf_text(files[1].data)
    for figure in PAY_FIGURES:
        assert figure not in html and figure not in text, figure
    assert "Payroll" not in html and "Pay band" not in html and "Payroll" not in text
    assert find_leaks([(f.name, f.data) for f in files], secrets_for(seed, rules)) == []
    if audience == "public":
        assert "Zo" not in html and "Bob Stone" not in html  # no names either


def test_the_pdf_is_one_a4_landscape_page_with_the_numbers(seed):
    rules, counted, shown, found = seen(seed, "hr")
    docs = documents(seed, DocOptions(audience="hr"), found)
    [_, pdf] = dashboard_files(docs, make_plan(seed, rules), counted, shown)
    pages, text, (w, h) = pdf_text(pdf.data)
    assert pages == 1
    assert (round(w), round(h)) == (842, 595)  # A4 landscape in points: 297 × 210 mm
    words = re.sub(r"\s+", " ", text)
    for phrase in ("Seed & Co <Board> at a glance", "Headcount", "Span of control", "Payroll estimate by unit"):
        assert phrase in words, phrase


def test_build_writes_a_dashboard_per_org_in_every_tree_and_links_it(seed, tmp_path):
    out = tmp_path / "out"
    build_loaded([seed], out, audiences=plan.BUILD_AUDIENCES)
    for audience in plan.BUILD_AUDIENCES:
        folder = out / audience / seed.id
        assert (folder / plan.dashboard_file("html")).is_file()
        assert pdf_text((folder / plan.dashboard_file("pdf")).read_bytes())[0] == 1
        index = page_of((folder / plan.INDEX).read_text(encoding="utf-8"))
        assert plan.dashboard_file() in index.links
        assert "../" + plan.SEARCH_PAGE in index.links
    html = (out / "all-hands" / seed.id / plan.dashboard_file()).read_text(encoding="utf-8")
    assert not any(figure in html for figure in PAY_FIGURES)
    assert Path(out / "hr" / seed.id / plan.dashboard_file()).read_text(encoding="utf-8").count("Payroll") >= 2


def test_an_org_without_bands_shows_no_payroll_of_zero(load_org):
    item = load_org({"org": {"name": "Unpriced"}, "roles": {"a": {"title": "Agent"}},
                     "positions": [{"id": "a", "role": "a", "holders": ["Ann Lee"]}]})
    _, counted, shown, _ = seen(item, "hr")
    dash = dashboard(item.org, counted, shown)
    assert counted.payroll is not None and counted.payroll.priced_headcount == 0  # hr sees pay; none is priced
    assert not any("Payroll" in k.label for k in dash.numbers)
    assert "payroll" not in {p.id for p in dash.plots}


def test_plot_text_reads_back_as_written():
    from orgdocs.views.dashboard import Bar, Plot

    label = 'R&D <script>alert("x")</script>'
    svg = ET.fromstring(plot_svg(Plot("units", "Units & <teams>", "bars", [Bar(label, 4, 1)], "Headcount",
                                      "Open seats")))
    assert svg.find(f"{SVG}title").text == "Units & <teams>"
    [bar] = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "bar"]
    assert bar.get("data-label") == label and bar.find(f"{SVG}title").text == f"{label}: 4 headcount"
    assert not list(svg.iter(f"{SVG}script"))


# -- in a browser at 400 px ------------------------------------------------------------------------------------

# `browser`: the session's one Chromium (tests/browser.py). A second sync_playwright of the module's own failed
# ("Sync API inside the asyncio loop") in a worker where the session's was already running.


@pytest.mark.browser
def test_readable_at_400_px(seed, tmp_path, browser):
    rules, counted, shown, found = seen(seed, "hr")  # the widest: payroll and the band chart too
    docs = documents(seed, DocOptions(audience="hr"), found)
    page_file = tmp_path / plan.dashboard_file()
    page_file.write_text(dashboard_html(docs, make_plan(seed, rules), counted, shown), encoding="utf-8")
    page = browser.new_page(viewport={"width": 400, "height": 800})
    page.goto(page_file.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 400  # no page scrolls sideways
    widths = page.eval_on_selector_all(".plot-box svg", "els => els.map(e => e.getBoundingClientRect().width)")
    assert len(widths) == 7 and all(0 < w <= 400 for w in widths)  # 6 plots and the band chart, scaled to fit
    page.click("details summary")  # the first table opens inside its box
    assert page.evaluate("document.documentElement.scrollWidth") <= 400
    page.close()
