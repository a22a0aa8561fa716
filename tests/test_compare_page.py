"""compare.html as a page people read (issue 14, item 5 and the comparison's part of item 7): each variant's chart
inline at its natural size in a box of its own, ids unique across the inline SVGs, the changes list linking each
position to its page on both sides, variant labels wherever two variants could be confused, ordered headings, one
`main`, a numbers table that scrolls inside its box, no pay on the all-hands page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, invoke_cli

from orgdocs.commands import steps
from orgdocs.outputs import build as building
from orgdocs.outputs import plan
from orgdocs.render import comparison as compare
from orgdocs.render import comparison_page
from orgdocs.scan.confidential import confidential
from orgdocs.scan.search import find_leaks
from orgdocs.views.comparison import family_title, org_title, variant_title

CVA = ROOT / "orgs" / "customer-value-adoption"
FAMILY = ROOT / "tests" / "data" / "compare" / "family"
REGION = "Customer Value and Adoption (Region-first CSM teams)"
SEGMENT = "Customer Value and Adoption (Segment-first CSM teams)"
VOID = {"meta", "link", "br", "hr", "img", "input", "col", "area", "base", "wbr", "source", "track", "embed"}


# --- a small DOM from html.parser ---------------------------------------------------------------------------

class Node:
    def __init__(self, tag: str, attrs: dict, parent: Node | None):
        self.tag, self.attrs, self.parent, self.children, self.texts = tag, attrs, parent, [], []

    def iter(self, tag: str | None = None):
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            yield from child.iter(tag)

    def text(self) -> str:
        parts = []

        def walk(n: Node):
            for piece in n.texts:
                if isinstance(piece, Node):
                    walk(piece)
                else:
                    parts.append(piece)
        walk(self)
        return " ".join("".join(parts).split())

    def has_class(self, name: str) -> bool:
        return name in (self.attrs.get("class") or "").split()

    def ancestors(self):
        n = self.parent
        while n is not None:
            yield n
            n = n.parent


class Tree(HTMLParser):
    """Elements with their attributes (all of them, SVG's included: xlink:href keeps its name) and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.at = Node("#document", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.at)
        self.at.children.append(node)
        self.at.texts.append(node)
        if tag not in VOID:
            self.at = node

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.at)
        self.at.children.append(node)
        self.at.texts.append(node)

    def handle_endtag(self, tag):
        n = self.at
        while n is not None and n.tag != tag:
            n = n.parent
        assert n is not None, f"</{tag}> closes nothing"
        self.at = n.parent

    def handle_data(self, data):
        self.at.texts.append(data)


def parse(html: str) -> Node:
    tree = Tree()
    tree.feed(html)
    tree.close()
    return tree.root


def ids_and_references(root: Node) -> tuple[list[str], list[str]]:
    """Every id, and every reference to one inside the page: href/xlink:href="#..", url(#..), aria id lists."""
    ids, refs = [], []
    for n in root.iter():
        for name, value in n.attrs.items():
            value = value or ""
            if name == "id":
                ids.append(value)
            if name in ("href", "xlink:href") and value.startswith("#"):
                refs.append(value[1:])
            if name in ("aria-labelledby", "aria-describedby"):
                refs += value.split()
            refs += re.findall(r"url\(\s*#([^)\s]+)\s*\)", value)
    return ids, refs


# --- the pages ----------------------------------------------------------------------------------------------

def build_family(out: Path, pages: bool) -> dict[str, Path]:
    """`build` of the CVA family for every audience, with the role documents and PDFs stubbed (they are not about
    the comparison page); without `pages`, the site's position pages are left out."""
    patch = pytest.MonkeyPatch()
    patch.setattr(building, "build_documents", lambda *a, **k: [])
    patch.setattr("orgdocs.outputs.documents.html_to_pdf", lambda *a, **k: b"%PDF-1.7 stub")
    patch.setattr("orgdocs.render.comparison.pdf", lambda *a, **k: b"%PDF-1.7 stub")
    if not pages:
        patch.setattr(building.pages, "position_pages", lambda *a, **k: [])
    try:
        building.build_loaded(steps.load([str(CVA)]), out, audiences=plan.BUILD_AUDIENCES)
    finally:
        patch.undo()
    return {a: out / a / plan.compare_file("html", "customer-value-adoption") for a in plan.BUILD_AUDIENCES}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    return build_family(tmp_path_factory.mktemp("cmp") / "out", pages=True)


@pytest.fixture(scope="module")
def hr(built) -> Node:
    return parse(built["hr"].read_text(encoding="utf-8"))


def compare_html(path: Path, *args: str) -> str:
    result = invoke_cli("compare", str(path), "-f", "html", "-o", "-", *args)
    assert result.exit_code == 0, result.output
    return result.stdout


# --- ids ------------------------------------------------------------------------------------------------------

def test_unique_ids_prefixes_every_id_and_every_reference_to_one():
    svg = ('<svg id="s" xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/></defs>'
           '<g id="n1" aria-labelledby="t1 t2"><title id="t1">id="n1" stays text</title>'
           '<rect fill="url(#g)" style="fill: url( #g)"/><use href="#n1"/><a xlink:href="#n1" target="_top">x</a>'
           '<a xlink:href="positions/n1.html">y</a></g></svg>')
    out = comparison_page.unique_ids(svg, "v2-")
    assert out == ('<svg id="v2-s" xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="v2-g"/></defs>'
                   '<g id="v2-n1" aria-labelledby="v2-t1 v2-t2"><title id="v2-t1">id="n1" stays text</title>'
                   '<rect fill="url(#v2-g)" style="fill: url(#v2-g)"/><use href="#v2-n1"/>'
                   '<a xlink:href="#v2-n1" target="_top">x</a><a xlink:href="positions/n1.html">y</a></g></svg>')


@pytest.mark.parametrize("audience", plan.BUILD_AUDIENCES)
def test_no_id_repeats_and_every_internal_reference_resolves(built, audience):
    root = parse(built[audience].read_text(encoding="utf-8"))
    ids, refs = ids_and_references(root)
    assert sum(1 for s in root.iter("svg") if not s.has_class("plot")) == 2  # both charts inline (and plots)
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    assert repeated == [], repeated
    assert len(ids) > 150  # the two charts' boxes, lines and anchors are all there, each under its own prefix
    assert refs and set(refs) <= set(ids), sorted(set(refs) - set(ids))


def test_the_page_of_compare_o_has_unique_ids_too():
    root = parse(compare_html(CVA, "--audience", "hr"))
    ids, refs = ids_and_references(root)
    assert len(ids) == len(set(ids)) > 150
    assert set(refs) <= set(ids)


# --- charts at their natural size -----------------------------------------------------------------------------

def test_each_variant_chart_is_inline_at_its_natural_size(hr):
    items = steps.load([str(CVA)])
    natural = compare.charts(steps.comparison(items, "hr"))  # each chart as drawn on its own
    sections = [n for n in hr.iter("section") if n.has_class("chart")]
    assert [s.attrs["id"] for s in sections] == ["variant-1", "variant-2"]
    for section, page, title in zip(sections, natural, (REGION, SEGMENT)):
        [box] = [n for n in section.iter("div") if n.has_class("chart-scroll")]
        [svg] = list(box.iter("svg"))
        assert svg.attrs["width"] == f"{page.width:g}pt" and svg.attrs["height"] == f"{page.height:g}pt"
        assert svg.attrs["viewbox"] == f"0.00 0.00 {page.width:.2f} {page.height:.2f}"
        assert "style" not in svg.attrs  # nothing scales it down
        assert section.iter("h3").__next__().text() == title
        # a box that scrolls and can be reached from the keyboard, named by its heading
        assert box.attrs["tabindex"] == "0" and box.attrs["role"] == "region"
        assert box.attrs["aria-labelledby"] == section.attrs["id"] + "-title"
        # the chart has an accessible name saying which variant it is; not an image, as its boxes link (an <svg>'s
        # own role, a graphics document: the validator refuses role="group" on it)
        assert "role" not in svg.attrs and svg.attrs["aria-label"].startswith(f"Chart of {title}")
    assert natural[1].width == 1914  # the chart the issue found drawn 386 px wide
    style = " ".join(n.text() for n in hr.iter("style"))
    assert re.search(r"\.chart-scroll \{ overflow: auto;", style)
    assert re.search(r"\.chart-scroll svg \{ display: block; max-width: none; \}", style)


def test_a_chart_without_links_is_an_image_with_a_name():
    root = parse(compare_html(CVA))
    svgs = [s for s in root.iter("svg") if not s.has_class("plot")]  # the charts (the plots: test_compare_plots)
    assert [s.attrs["role"] for s in svgs] == ["img", "img"]
    assert svgs[0].attrs["aria-label"] == f"Chart of {REGION}"
    assert svgs[1].attrs["aria-label"] == f"Chart of {SEGMENT}, marked with what changed from {REGION}"


# --- links from the changes list and the charts -----------------------------------------------------------

def change_row(root: Node, starts: str) -> Node:
    [li] = [li for li in root.iter("li") if li.text().startswith(starts)]
    return li


def hrefs(node: Node) -> list[str]:
    return [a.attrs.get("href") or a.attrs.get("xlink:href") for a in node.iter("a")]


def test_a_moved_position_links_to_its_page_on_both_sides(hr, built):
    # by hand (segment-first.yaml): strategic-csms-emea-enterprise moves from under
    # strategic-cs-manager-emea-enterprise (region-first) to strategic-cs-manager-enterprise (segment-first);
    # compare.html is hr/customer-value-adoption/compare.html, the variants hr/region-first/ and hr/segment-first/
    li = change_row(hr, "moved CSMs, EMEA Enterprise from")
    assert li.text() == ("moved CSMs, EMEA Enterprise from under Strategic CS Manager (EMEA Enterprise team) to under "
                         "Strategic CS Manager (Enterprise, EMEA + NA) (before · after)")
    assert hrefs(li) == [
        "../segment-first/positions/strategic-csms-emea-enterprise.html",  # the position, as it is after
        "../region-first/positions/strategic-cs-manager-emea-enterprise.html",  # its old manager
        "../segment-first/positions/strategic-cs-manager-enterprise.html",  # its new manager
        "../region-first/positions/strategic-csms-emea-enterprise.html",  # before
        "../segment-first/positions/strategic-csms-emea-enterprise.html",  # after
    ]
    before, after = list(li.iter("a"))[-2:]
    assert before.attrs["aria-label"] == f"CSMs, EMEA Enterprise before, in {REGION}"
    assert after.attrs["aria-label"] == f"CSMs, EMEA Enterprise after, in {SEGMENT}"
    for link in hrefs(li):
        assert (built["hr"].parent / link).resolve().is_file(), link


def test_added_and_removed_positions_link_to_the_side_they_are_on(hr):
    added = change_row(hr, "added Strategic CS Manager (Enterprise, EMEA + NA)")
    assert hrefs(added) == ["../segment-first/positions/strategic-cs-manager-enterprise.html",
                            "../segment-first/positions/head-of-cs.html"]
    removed = change_row(hr, "removed Strategic CS Manager (EMEA Enterprise team)")
    assert hrefs(removed) == ["../region-first/positions/strategic-cs-manager-emea-enterprise.html",
                              "../region-first/positions/head-of-cs.html"]
    assert removed.text() == "removed Strategic CS Manager (EMEA Enterprise team) (was under Head of Customer Success)"


def test_the_changes_list_says_what_the_text_summary_says(hr):
    items = steps.load([str(CVA)])
    c = steps.comparison(items, "hr")
    [step] = [n for n in hr.iter("section") if n.has_class("step")]
    assert [li.text() for li in step.iter("li")] == [
        line + (" (before · after)" if line.startswith("moved") else "") for line in c.changes[0]]
    assert step.iter("h3").__next__().text() == f"{REGION} → {SEGMENT}"


def test_chart_boxes_open_their_position_pages(hr):
    second = [n for n in hr.iter("section") if n.attrs.get("id") == "variant-2"][0]
    box = [g for g in second.iter("g") if g.attrs.get("id") == "v2-pos-strategic-cs-manager-enterprise"][0]
    assert hrefs(box) == ["../segment-first/positions/strategic-cs-manager-enterprise.html"]
    ghost = [g for g in second.iter("g") if g.attrs.get("id") == "v2-pos-ghost-strategic-cs-manager-na-commercial"][0]
    assert hrefs(ghost) == ["../region-first/positions/strategic-cs-manager-na-commercial.html"]  # where it still is
    # the variant's own pages are linked from the list at the top
    top = next(next(hr.iter("main")).iter("ul"))  # the page's own list, after the site's header
    assert [a for a in hrefs(top) if not a.startswith("#")] == ["../region-first/index.html",
                                                                "../segment-first/index.html"]


def test_no_position_pages_no_position_links(tmp_path):
    """Only pages the tree holds are linked: without position pages, the comparison links none (and every link
    it keeps resolves)."""
    pages = build_family(tmp_path / "out", pages=False)
    for audience, page in pages.items():
        main = next(parse(page.read_text(encoding="utf-8")).iter("main"))  # the site's header links the tree
        links = [h for h in hrefs(main) if h and not h.startswith("#")]
        assert links == ["../region-first/index.html", "../segment-first/index.html"], audience


def test_compare_o_outside_a_build_links_nothing():
    root = parse(compare_html(CVA, "--audience", "hr"))
    assert {h for h in hrefs(root) if h} == {"#variant-1", "#variant-2"}


# --- labels, headings, landmarks ------------------------------------------------------------------------------

def test_variant_titles_name_the_org_and_the_variant():
    assert variant_title("Customer Value and Adoption", "Segment-first CSM teams") == SEGMENT
    assert variant_title("Customer Success at Series A", "Series A") == "Customer Success at Series A"
    items = steps.load([str(CVA)])
    assert [org_title(i) for i in items] == [REGION, SEGMENT]
    assert family_title(items, "customer-value-adoption") == \
        "Customer Value and Adoption: Region-first CSM teams → Segment-first CSM teams"


def test_table_columns_and_sections_carry_the_variant_titles(hr):
    [table] = list(hr.iter("table"))
    assert [th.text() for th in table.iter("thead").__next__().iter("th")] == ["Measure", REGION, SEGMENT]
    h3 = [h.text() for h in hr.iter("h3") if not h.has_class("plot-kind")]  # plots: test_compare_plots.py
    assert h3 == [f"{REGION} → {SEGMENT}", REGION, SEGMENT, REGION, SEGMENT]  # changes, charts, checks


@pytest.mark.parametrize("audience", plan.BUILD_AUDIENCES)
def test_headings_are_in_order_inside_one_main(built, audience):
    root = parse(built[audience].read_text(encoding="utf-8"))
    mains = list(root.iter("main"))
    assert len(mains) == 1
    levels = [int(n.tag[1]) for n in root.iter() if re.fullmatch(r"h[1-6]", n.tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    assert all(mains[0] in list(n.ancestors()) for n in root.iter() if re.fullmatch(r"h[1-6]", n.tag))
    plots = [2, 3, 3, 3, 3]  # Plots and a heading per kind (no payroll: the family prices no seat from a band)
    assert levels == [1, 2, 3, 2, *plots, 2, 3, 3, 2, 3, 3]


def test_the_site_index_tells_the_variants_apart(built):
    root = parse((built["hr"].parent.parent / plan.INDEX).read_text(encoding="utf-8"))
    main = next(root.iter("main"))  # the header's "Site" links the index too
    names = [a.text() for a in main.iter("a") if a.attrs.get("href", "").endswith(plan.INDEX)]
    assert names == [REGION, SEGMENT]
    [comparison] = [a.text() for a in root.iter("a") if a.attrs.get("href") == "customer-value-adoption/compare.html"]
    assert comparison == "Customer Value and Adoption: Region-first CSM teams → Segment-first CSM teams"


# --- numbers ----------------------------------------------------------------------------------------------------

def table_rows(root: Node) -> dict[tuple[str, str], list[str]]:
    """(group, row) -> the variants' cells, as the table shows them: a group's header row, then its rows."""
    [table] = list(root.iter("table"))
    out, group = {}, "Totals"
    for tr in (tr for body in table.iter("tbody") for tr in body.iter("tr")):
        cells = [c for c in tr.children if c.tag in ("th", "td")]
        if len(cells) == 1 and cells[0].attrs.get("scope") == "rowgroup":
            group = cells[0].text()
        else:
            out[group, cells[0].text()] = [c.text() for c in cells[1:]]
    return out


def test_the_numbers_table_shows_each_value_and_its_delta():
    rows = table_rows(parse(compare_html(FAMILY, "--audience", "hr")))
    # base: head 1 + 2 leads + agents 4 + 3 + analyst 1 = 11; reorg: lead-b removed, agents-a 6, qa added:
    # 1 + 1 + 6 + 3 + 1 + 1 = 13, +2
    assert rows["Totals", "Headcount"] == ["11", "13 (+2)"]
    # payroll at band midpoints: base 140K + 2 × 90K + 7 × 60K + 60K = 800K; reorg (band-l3 130–170K, agents at
    # l2): 150K + 90K + 9 × 90K + 2 × 60K = 1,170K, +370K
    assert rows["Totals", "Payroll estimate"] == ["$800,000", "$1,170,000 (+$370,000)"]
    # by unit (matched by id): Tier 2 is lead-b 1 + agents-b 3 (in their manager's unit) = 4 in base; in reorg
    # lead-b is gone, agents-b go up to head (unit Support) and agents-a (6) are put in Tier 2: 6, +2
    assert rows["Headcount by unit", "Tier 2"] == ["4", "6 (+2)"]
    # its cost at band midpoints: base 90K + 3 × 60K = 270K; reorg 6 agents at l2, 6 × 90K = 540K, +270K
    assert rows["Cost by unit", "Tier 2"] == ["$270,000", "$540,000 (+$270,000)"]
    assert rows["Totals", "Vacancies"] == ["0", "0"]  # open seats: none in either


def test_the_all_hands_page_carries_no_pay(built):
    items = steps.load([str(CVA)])
    secrets = [confidential(i) for i in items]
    fam = steps.load([str(FAMILY)])
    fam_secrets = [confidential(i) for i in fam]
    page = compare_html(FAMILY, "--audience", "all-hands")
    assert "Payroll" not in page and "$" not in parse(page).text()
    rows = table_rows(parse(page))
    assert rows["Totals", "Headcount"] == ["11", "13 (+2)"] and not [g for g, _ in rows if g == "Cost by unit"]
    assert not any(find_leaks([("compare.html", page.encode())], s) for s in fam_secrets)
    # the scan can fail: the hr page of the same family shows pay
    assert any(find_leaks([("compare.html", compare_html(FAMILY, "--audience", "hr").encode())], s)
               for s in fam_secrets)
    for audience in ("all-hands", "public"):
        data = built[audience].read_bytes()
        assert not any(find_leaks([("compare.html", data)], s) for s in secrets), audience
