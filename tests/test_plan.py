"""The output plan: every file name and link comes from orgdocs.outputs.plan, and every link `build` writes leads to
a file it wrote."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from orgdocs.commands import steps
from orgdocs.outputs import build as building
from orgdocs.outputs import plan
from orgdocs.render import comparison as compare

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "orgdocs" / "templates"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.links += [v for k, v in attrs if k in ("href", "src", "xlink:href") and v]


def links_of(path: Path) -> list[str]:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.links


def test_names_and_links():
    assert plan.chart_file("svg") == "chart.svg"
    assert plan.chart_file("png", "support", "allhands") == "allhands-support.png"
    assert plan.role_file("csm", "pdf", plan.HR) == "hr/roles/csm.pdf"
    assert plan.handbook_file(plan.HR) == "hr/role-handbook.pdf"
    assert plan.bands_file("html") == "hr/bands.html"
    assert plan.compare_file("md", "cs-by-stage") == "cs-by-stage/compare.md"
    assert plan.href("index.html", "roles/a b.html") == "roles/a%20b.html"
    assert plan.href("roles/a.html", "chart.svg") == "../chart.svg"
    org = plan.OrgPlan("x", ("csm",), ladders=False, bands=True)
    links = org.index_links(["chart-1.png", "chart-2.png"])
    assert (links["chart_png"], links["chart_png_count"], links["ladder"], links["bands"]) == \
        ("chart-1.png", 2, "", "bands.html")  # in the same tree: a tree that has bands sees pay
    assert plan.OrgPlan("x", ("csm",), ladders=False, bands=False).index_links([])["bands"] == ""
    assert plan.tree_file("public", "x/index.html") == "public/x/index.html"
    assert plan.build_audiences("all") == ("all-hands", "hr", "public")
    assert plan.build_audiences("hr") == ("hr",)
    assert org.role_link("csm") == "roles/csm.html"
    site = plan.SitePlan(("fam/a",), ("fam",))
    assert site.org_link("fam/a") == "fam/a/index.html"
    assert site.comparison_links("fam")["pdf"] == "fam/compare.pdf"


def test_no_template_spells_a_file_name():
    """Links reach templates as values from the plan; a literal one would drift from what is written."""
    for path in TEMPLATES.glob("*.j2"):
        literal = re.findall(r'(?:href|src)="(?!\{\{|#)([^"]*)"', path.read_text(encoding="utf-8"))
        assert literal == [], f"{path.name}: {literal}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """`build orgs/` as the command does it, but with WeasyPrint's PDFs stubbed out: they carry no links and
    take most of the time. Charts, pages and comparisons are made for real."""
    out = tmp_path_factory.mktemp("site") / "out"
    patch = pytest.MonkeyPatch()
    stub = lambda *a, **k: b"%PDF-1.7 stub"  # noqa: E731
    patch.setattr("orgdocs.outputs.documents.html_to_pdf", stub)
    patch.setattr("orgdocs.render.comparison.pdf", stub)
    try:
        results = building.build_loaded(steps.load([str(ROOT / "orgs")]), out, audiences=plan.BUILD_AUDIENCES)
    finally:
        patch.undo()
    return out, results


def test_every_link_of_every_built_page_leads_to_a_built_file_of_its_own_tree(built):
    """Every href/src of every HTML and SVG page of every audience's tree resolves to a file `build` wrote in
    that same tree: no page of one audience links into another's."""
    out, results = built
    files = {p for r in results for p in r.files}
    assert files, "nothing was built"
    files |= {out / plan.tree_file(a, plan.INDEX) for a in plan.BUILD_AUDIENCES}  # every page's header links it
    resolved = {f.resolve() for f in files}
    checked: dict[str, int] = {}
    broken = []
    for page in sorted(p for p in out.rglob("*") if p.suffix in (".html", ".svg")):
        for link in links_of(page):
            parts = urlsplit(link)
            if parts.scheme or not parts.path:  # within the page (#...), or the org's own logo (file:)
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            audience, kind = page.relative_to(out).as_posix().split("/", 1)
            checked[kind] = checked.get(kind, 0) + 1
            if not target.is_file() or target not in resolved:
                broken.append(f"{audience}/{kind}: {link}")
            elif not target.is_relative_to((out / audience).resolve()):
                broken.append(f"{audience}/{kind}: {link} leads out of the {audience} tree")
    assert not broken, "\n".join(broken)
    assert {p.relative_to(out).parts[0] for p in files} == set(plan.BUILD_AUDIENCES)
    # the pages that link are all there and did link: the site index, each org's index and chart
    assert checked["index.html"] >= len(results) + 3 * 2  # each org, and each comparison in 4 formats, per tree
    for org in ("cs-enhanced-team", "support-operations", "cs-by-stage/seed"):
        assert checked[f"{org}/index.html"] >= 8, org
        assert checked[f"{org}/chart.svg"] >= 1, org
        assert checked[f"{org}/chart.html"] >= 3, org  # its script, the overview and the boxes (issue 14)


def test_the_site_index_links_every_org_and_comparison(built):
    out, results = built
    links = set(links_of(out / "public" / plan.INDEX))
    assert plan.SEARCH_PAGE in links
    for r in results:
        if r.org_id == plan.SITE_RESULT:  # the tree's own pages: the index itself and its search, linked above
            continue
        if r.org_id.endswith(" (comparison)"):
            family = r.org_id.removesuffix(" (comparison)")
            assert {plan.compare_file(fmt, family) for fmt in plan.COMPARE_FORMATS} <= links
        else:
            assert plan.org_file(r.org_id, plan.INDEX) in links


def test_chart_boxes_open_their_position_pages(built):
    """Since issue 14 a box opens its position's page (which links the role), every box, with a role or not."""
    out, _ = built
    links = links_of(out / "all-hands" / "cs-enhanced-team" / plan.chart_file("svg"))
    assert plan.position_file("csms") in links  # the CSMs group of cs-enhanced-team
    assert links and all(link.startswith("positions/") for link in links)


def test_a_comparison_is_drawn_once_for_all_its_formats(monkeypatch):
    """The SVG charts are drawn once for the SVG and the HTML; the PDF is made once, from its own text part
    without inline charts and Graphviz chart pages (what it holds: tests/test_compare_pdf.py)."""
    items = steps.load([str(ROOT / "orgs" / "cs-by-stage")])
    c = steps.comparison(items)
    calls, pdfs = [], []
    real = compare.charts
    monkeypatch.setattr(compare, "charts", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setattr(compare, "pdf", lambda c, templates=None: pdfs.append(c) or b"%PDF-1.7 stub")
    made = compare.documents(c, ["pdf", "html", "svg", "md", "json"])
    assert len(calls) == 1 and len(pdfs) == 1
    assert made["pdf"] == b"%PDF-1.7 stub"
    assert made["html"].count(b"<svg") >= len(items) and b"follows this report" not in made["html"]
    text_part = compare.html(c, None)
    assert "<svg" not in text_part and "follows this report" in text_part
    assert list(made) == ["pdf", "html", "svg", "md", "json"]
    widths = [float(w) for w in re.findall(r'<svg x="[\d.]+" y="0" width="(\d+)pt"', made["svg"].decode())]
    assert len(widths) == len(items) and all(w > 100 for w in widths)
