"""The browsable site's backbone (issue 14, NAV): a header and breadcrumbs on every page, position and unit pages,
a checks page, links wherever a position, role, unit, step or band is named, chart boxes opening their position's
page, and every relative link resolving inside its own audience's tree. A small org built once (every audience)
is read back and its pages parsed; the expected links and numbers are worked out by hand from NAV below."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from pypdf import PdfReader

from orgdocs.commands import steps
from orgdocs.outputs import cache as cache_mod
from orgdocs.outputs.build import build_loaded
from orgdocs.outputs.plan import OrgPlan, href

NAV = """\
org: {name: "Nav & <Co>", as_of: 2026-01-01}
externals:
  board: {name: The Board, kind: executive}
units:
  company: {name: Company, lead: ceo}
  eng: {name: Engineering, parent: company, lead: cto}
levels:
  l1: {name: Engineer, rank: 1}
  l2: {name: Senior, rank: 2}
roles:
  ceo: {title: Chief Executive}
  assistant: {title: Executive Assistant}
  cto: {title: Chief Technology Officer}
  analyst: {title: Finance Analyst}
  engineer: {title: Software Engineer, level: l1}
  senior: {title: Senior Engineer, level: l2}
ladders:
  eng:
    name: Engineering ladder
    steps:
      - {role: engineer, months_to_next: 18-24}
      - {role: senior}
compensation:
  bands:
    b-eng: {role: engineer, min: 80K, max: 100K}
    b-senior: {role: senior, min: 100K, max: 130K}
positions:
  - {id: ceo, role: ceo, reports_to: board, unit: company, holders: [Ada Lovelace]}
  - {id: pa, role: assistant, reports_to: ceo, kind: staff, holders: [Pat Aide]}
  - {id: cto, role: cto, reports_to: ceo, unit: eng, holders: [Grace Hopper],
     dotted_lines: [{to: finance, label: Budget review}], declared: {direct_reports: 9}}
  - {id: finance, role: analyst, reports_to: ceo, holders: [Alan Turing]}
  - {id: engineers, role: engineer, reports_to: cto, count: 3, open: 1, holders: [Linus Torvalds, Ken Thompson]}
  - {id: seniors, role: senior, reports_to: cto, count: 2, holders: [Barbara Liskov]}
  - {id: qa-vendor, title: Outsourced QA, reports_to: cto, workforce: vendor, count: 4}
"""
NAMES = ("Ada Lovelace", "Pat Aide", "Grace Hopper", "Alan Turing", "Linus Torvalds", "Ken Thompson",
         "Barbara Liskov")

CATALOG = "roles:\n  lead: {title: Team Lead}\n  engineer: {title: Engineer}\n"
SMALL = """\
include: [_catalog.yaml]
org: {name: Same Name, as_of: 2026-01-01}
positions:
  - {id: lead, role: lead, holders: [Mary Jackson]}
  - {id: eng, role: engineer, reports_to: lead}
"""
LARGE = SMALL.replace("reports_to: lead}", "reports_to: lead, count: 2}")
AUDIENCES = ("all-hands", "hr", "public")


def write_sources(folder: Path) -> Path:
    (folder / "fam").mkdir(parents=True)
    (folder / "nav.yaml").write_text(NAV)
    (folder / "fam" / "_catalog.yaml").write_text(CATALOG)
    (folder / "fam" / "small.yaml").write_text(SMALL)
    (folder / "fam" / "large.yaml").write_text(LARGE)
    return folder


def build(src: Path, out: Path) -> None:
    build_loaded(steps.load([str(src)]), out, audiences=AUDIENCES)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("site")
    src = write_sources(base / "src")
    build(src, base / "out")
    return src, base / "out"


# --- reading pages back --------------------------------------------------------------------------------------

class Page(HTMLParser):
    """Links, headings, landmarks and text of one HTML page."""

    def __init__(self, text: str):
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (href, link text)
        self.srcs: list[str] = []
        self.headings: list[int] = []
        self.mains = 0
        self.navs: list[str] = []
        self.current: list[str] = []
        self._a: list | None = None
        self._in_main = 0
        self.main_text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "href" in a:
            self._a = [a["href"], ""]
            if a.get("aria-current") == "page":
                self.current.append(a["href"])
        if a.get("src"):
            self.srcs.append(a["src"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "main":
            self.mains += 1
            self._in_main += 1
        if tag == "nav":
            self.navs.append(a.get("aria-label", ""))

    def handle_endtag(self, tag):
        if tag == "a" and self._a is not None:
            self.links.append((self._a[0], self._a[1].strip()))
            self._a = None
        if tag == "main":
            self._in_main -= 1

    def handle_data(self, data):
        if self._a is not None:
            self._a[1] += data
        if self._in_main:
            self.main_text.append(data)

    def link(self, text: str) -> str:
        """The href of the one link whose text is `text`."""
        found = {h for h, t in self.links if t == text}
        assert len(found) == 1, (text, self.links)
        return found.pop()

    def text(self) -> str:
        return " ".join(" ".join(self.main_text).split())


def page(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def relative_links(path: Path) -> list[str]:
    p = page(path)
    out = [h for h, _ in p.links] + p.srcs
    if path.suffix == ".svg":
        out = [e.get("{http://www.w3.org/1999/xlink}href") or e.get("href") for e in ET.parse(path).iter()
               if e.get("{http://www.w3.org/1999/xlink}href") or e.get("href")]
    return [h for h in out if not urlsplit(h).scheme and not h.startswith("#")]


def check_tree_links(out: Path, audience: str) -> int:
    """Every relative href/src of every HTML page (and chart SVG) of one audience's tree names a file in that
    tree: none is missing, none leads out of it. Returns how many links were followed."""
    tree = (out / audience).resolve()
    followed = 0
    pages = sorted(tree.rglob("*.html")) + sorted(tree.rglob("chart*.svg"))
    assert pages
    for f in pages:
        for link in relative_links(f):
            target = (f.parent / unquote(urlsplit(link).path)).resolve()
            assert target.is_relative_to(tree), f"{f.relative_to(out)} links out of its tree: {link}"
            assert target.is_file(), f"{f.relative_to(out)}: {link} is not a file of the tree"
            followed += 1
    return followed


# --- every link resolves --------------------------------------------------------------------------------------

@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_relative_link_of_every_page_resolves_in_its_own_tree(site, audience):
    _, out = site
    assert check_tree_links(out, audience) > 100


def test_every_page_has_a_header_a_main_landmark_one_h1_and_no_skipped_heading_level(site):
    _, out = site
    for f in sorted(out.rglob("*.html")):
        p = page(f)
        name = f.relative_to(out)
        assert p.mains == 1, name
        assert p.headings.count(1) == 1 and p.headings[0] == 1, (name, p.headings)
        assert "Site" in p.navs, name
        if f.name != "compare.html":  # its headings are the comparison work's (issue 14, COMPARE)
            assert all(b - a <= 1 for a, b in zip(p.headings, p.headings[1:])), (name, p.headings)


# --- position pages, by hand ----------------------------------------------------------------------------------

def test_a_position_page_links_its_manager_reports_staff_vendors_dotted_lines_unit_and_role(site):
    _, out = site
    cto = page(out / "all-hands/nav/positions/cto.html")
    # from positions/cto.html: its manager ceo is a sibling page, its unit and role one folder up
    assert cto.link("Chief Executive") == "ceo.html"
    assert cto.link("Software Engineer") == "engineers.html"
    assert cto.link("Senior Engineer") == "seniors.html"
    assert cto.link("Outsourced QA") == "qa-vendor.html"  # a vendor team: linked, listed apart
    assert cto.link("Finance Analyst") == "finance.html"  # dotted line to finance
    assert "Budget review" in cto.text()
    assert cto.link("Engineering") == "../units/eng.html"
    assert cto.link("Chief Technology Officer") == "../roles/cto.html"
    assert "Grace Hopper" in cto.text()
    finance = page(out / "all-hands/nav/positions/finance.html")
    assert finance.link("Chief Technology Officer") == "cto.html"  # the same dotted line, from its other end
    ceo = page(out / "all-hands/nav/positions/ceo.html")
    assert ceo.link("Executive Assistant") == "pa.html"  # staff
    assert "The Board (outside the org)" in ceo.text()  # an external: named, not linked
    assert not any(t.startswith("The Board") for _, t in ceo.links)


def test_a_position_page_has_breadcrumbs_through_its_units(site):
    _, out = site
    html = (out / "all-hands/nav/positions/engineers.html").read_text()
    crumbs = re.search(r'<nav class="crumbs".*?</nav>', html, re.S).group(0)
    p = Page(crumbs)
    assert [t for _, t in p.links] == ["Site", "Nav & <Co>", "Company", "Engineering"]
    assert [h for h, _ in p.links] == ["../../index.html", "../index.html", "../units/company.html",
                                       "../units/eng.html"]
    assert "Software Engineer" in crumbs  # the page itself, last, not a link


def test_a_group_position_page_counts_its_seats_and_names_its_holders(site):
    _, out = site
    text = page(out / "all-hands/nav/positions/engineers.html").text()
    # 3 seats: 2 named holders, 1 open; FTE 3 × 1
    assert "3 seats, 1 open" in text and "FTE 3" in text
    assert "Linus Torvalds" in text and "Ken Thompson" in text
    assert "1 open seat" in text


def test_public_position_pages_show_no_names(site):
    _, out = site
    pages = sorted((out / "public/nav/positions").glob("*.html"))
    assert len(pages) == 7
    for f in pages:
        text = f.read_text()
        assert not [n for n in NAMES if n in text], f.name
    text = page(out / "public/nav/positions/engineers.html").text()
    assert "2 filled seats" in text  # 3 seats − 1 open, counted without naming anyone
    assert "Linus" not in (out / "public/nav/units/eng.html").read_text()


# --- unit pages, by hand ----------------------------------------------------------------------------------------

def test_a_unit_page_lists_its_lead_positions_sub_units_and_rolled_up_numbers(site):
    _, out = site
    eng = page(out / "hr/nav/units/eng.html")
    assert eng.link("Chief Technology Officer") == "../positions/cto.html"  # the lead, and a position in it
    assert eng.link("Company") == "company.html"
    html = (out / "hr/nav/units/eng.html").read_text()
    # own = total (nothing nested in eng): cto 1 + engineers 3 + seniors 2 = 6 seats (the vendor team of 4 is not
    # headcount); open 1 (engineers); filled 5; people 5
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th><td class="num">([^<]+)</td>', html))
    assert rows["Headcount (seats)"] == "6" and rows["Open"] == "1" and rows["Filled"] == "5"
    company = (out / "hr/nav/units/company.html").read_text()
    totals = dict(re.findall(r'<th scope="row">([^<]+)</th><td class="num">[^<]+</td><td class="num">([^<]+)</td>',
                             company))
    own = dict(re.findall(r'<th scope="row">([^<]+)</th><td class="num">([^<]+)</td>', company))
    # company's own: ceo, pa, finance = 3; with eng nested in it: 3 + 6 = 9
    assert own["Headcount (seats)"] == "3" and totals["Headcount (seats)"] == "9"
    assert page(out / "hr/nav/units/company.html").link("Engineering") == "eng.html"
    # payroll only where the audience sees pay: engineers 2 filled + 1 open at the 90K midpoint, seniors 2 at
    # 115K: 270K + 230K = 500K
    assert "Payroll estimate" in html and "$500,000" in html
    assert "Payroll estimate" not in (out / "all-hands/nav/units/eng.html").read_text()


# --- role, ladder and band pages link what they name ----------------------------------------------------------

def test_role_pages_link_reports_to_direct_reports_units_and_steps(site):
    _, out = site
    eng = page(out / "all-hands/nav/roles/engineer.html")
    assert eng.link("Chief Technology Officer") == "../positions/cto.html"  # reports to: the one cto position
    assert eng.link("Engineering") == "../units/eng.html"
    assert eng.link("Senior Engineer") == "senior.html"  # next step on the ladder
    assert eng.link("Software Engineer") == "../positions/engineers.html"  # the position holding the role
    assert page(out / "all-hands/nav/roles/senior.html").link("Software Engineer") == "engineer.html"  # previous
    cto = page(out / "all-hands/nav/roles/cto.html")
    assert cto.link("Software Engineer") == "../positions/engineers.html"  # a direct report
    assert cto.link("Finance Analyst") == "../positions/finance.html"  # dotted line
    # the header: the Roles entry is current on a role page
    assert cto.current == ["../index.html#roles"]


def test_ladder_steps_and_band_rows_link_their_roles(site):
    _, out = site
    ladder = page(out / "all-hands/nav/ladder.html")
    assert ladder.link("Software Engineer") == "roles/engineer.html"
    assert ladder.link("Senior Engineer") == "roles/senior.html"
    bands = page(out / "hr/nav/bands.html")
    assert {h for h, t in bands.links if t == "Senior Engineer"} == {"roles/senior.html"}
    assert not (out / "all-hands/nav/bands.html").exists()
    assert "Pay bands" in [t for _, t in page(out / "hr/nav/index.html").links]
    assert "Pay bands" not in [t for _, t in page(out / "all-hands/nav/index.html").links]


def test_pdfs_made_from_the_same_templates_carry_no_header_and_no_links(site):
    _, out = site
    html = (out / "all-hands/nav/roles/engineer.html").read_text()
    assert "@media print { .site-header { display: none; } }" in html
    reader = PdfReader(out / "all-hands/nav/roles/engineer.pdf")
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Software Engineer" in text and "Reports to" in text
    assert "Breadcrumb" not in text and "›" not in text and "Overview" not in text
    assert not any("/Annots" in p for p in reader.pages)  # no link annotations: the PDF shows no links


# --- the org index, the chart, the checks page, the site index ------------------------------------------------

def test_the_org_index_links_every_file_of_the_org(site):
    _, out = site
    links = {h for h, _ in page(out / "hr/nav/index.html").links}
    assert {"chart.svg", "chart.pdf", "chart.png", "chart.pptx", "role-handbook.pdf", "ladder.html", "ladder.pdf",
            "ladder.svg", "bands.html", "bands.pdf", "stats.txt", "stats.csv", "stats.json", "check.json",
            "checks.html", "roles/cto.html", "roles/cto.pdf", "../index.html"} <= links


def test_chart_boxes_open_their_position_page(site):
    _, out = site
    svg = ET.parse(out / "public/nav/chart.svg")
    xlink = "{http://www.w3.org/1999/xlink}href"
    links = {e.get(xlink) for e in svg.iter() if e.get(xlink)}
    assert {"positions/ceo.html", "positions/cto.html", "positions/engineers.html", "positions/qa-vendor.html"} \
        <= links
    inline = page(out / "public/nav/index.html")
    assert "positions/cto.html" in (out / "public/nav/index.html").read_text()
    assert inline.mains == 1


def test_the_checks_page_links_each_finding_to_what_it_is_about(site):
    _, out = site
    html = (out / "all-hands/nav/checks.html").read_text()
    p = Page(html)
    # declared-direct-reports is about the cto position: cto declares 9 but has 3 + 2 = 5
    item = re.search(r"<li[^>]*>[^<]*declares 9 direct reports.*?</li>", html).group(0)
    assert Page(item).links == [("positions/cto.html", "Chief Technology Officer")]
    # role-no-band is about the role (a role and a position both named ceo)
    item = re.search(r"<li[^>]*>role Chief Executive has positions but no pay band.*?</li>", html).group(0)
    assert Page(item).links == [("roles/ceo.html", "Chief Executive")]
    assert p.current == ["checks.html"]
    # the pay checks stay out of trees whose audience does not see pay, and so out of their checks page
    assert "role-no-band" in (out / "hr/nav/checks.html").read_text()


def test_the_site_index_tells_variants_of_one_name_apart_and_links_each_org(site):
    _, out = site
    index = page(out / "all-hands/index.html")
    names = [t for _, t in index.links]
    assert "Same Name (fam/small)" in names and "Same Name (fam/large)" in names  # views.comparison.org_title
    assert index.link("Same Name (fam/small)") == "fam/small/index.html"
    assert index.link("Nav & <Co>") == "nav/index.html"
    assert "fam/compare.html" in [h for h, _ in index.links]
    assert "nav/checks.html" in [h for h, _ in index.links]
    # a variant's pages link its family's comparison in their header
    small = page(out / "all-hands/fam/small/roles/lead.html")
    assert small.link("Comparison") == "../../compare.html"


# --- the plan ---------------------------------------------------------------------------------------------------

def test_the_header_is_computed_from_the_plan_with_links_relative_to_the_page():
    plan = OrgPlan("fam/a", ("lead",), ladders=True, bands=False, units=("top", "sub"), family="fam", name="A")
    nav = {e["label"]: (e["href"], e["current"]) for e in plan.nav("units/sub.html")}
    assert nav == {"Site": ("../../../index.html", False), "Search": ("../../../search.html", False),
                   "Overview": ("../index.html", False), "Chart": ("../chart.html", False),
                   "Roles": ("../index.html#roles", False), "Units": ("top.html", True),
                   "Ladders": ("../ladder.html", False), "Numbers": ("../dashboard.html", False),
                   "Checks": ("../checks.html", False), "Comparison": ("../../compare.html", False)}
    assert href("roles/a.html", "index.html#roles") == "../index.html#roles"
    crumbs = plan.crumbs("roles/lead.html", [("Roles", "index.html#roles"), ("Lead", "")])
    assert [(c["label"], c["href"]) for c in crumbs] == [
        ("Site", "../../../index.html"), ("A", "../index.html"), ("Roles", "../index.html#roles"), ("Lead", "")]


# --- the cache ------------------------------------------------------------------------------------------------

def test_a_changed_position_page_is_made_again_and_the_others_are_read_back(site, tmp_path, monkeypatch):
    src, out = site
    shutil.copytree(src, tmp_path / "src")
    shutil.copytree(out, tmp_path / "out", copy_function=shutil.copy2)
    made: list[str] = []
    store = cache_mod.BuildCache.store

    def spy(self, group, key, files, meta=None):
        made.extend(f.name for f in files)
        store(self, group, key, files, meta)
    monkeypatch.setattr(cache_mod.BuildCache, "store", spy)
    nav = tmp_path / "src" / "nav.yaml"
    nav.write_text(nav.read_text().replace("label: Budget review", "label: Spend sign-off"))
    build(tmp_path / "src", tmp_path / "out")
    for audience in AUDIENCES:
        # both ends of the dotted line show its label
        assert f"{audience}/nav/positions/cto.html" in made
        assert f"{audience}/nav/positions/finance.html" in made
        assert f"{audience}/nav/positions/engineers.html" not in made
        assert f"{audience}/nav/units/eng.html" not in made
    text = (tmp_path / "out/all-hands/nav/positions/cto.html").read_text()
    assert "Spend sign-off" in text and "Budget review" not in text
