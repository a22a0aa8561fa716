"""The example orgs' sites (issue 14): `build orgs/ --audience all` as test_plan builds it (PDFs stubbed; every
link of every page resolving in its own tree is checked there): every page has the site's header, a main
landmark, one h1 and no skipped heading level; every position has its page in every tree; and no public
position page names anyone the hr tree's page names."""

from __future__ import annotations

from test_plan import built  # noqa: F401  (the fixture: orgs/ built into every audience's tree)
from test_site_nav import check_tree_links, page


def test_every_page_of_the_example_orgs_has_the_header_a_main_landmark_and_ordered_headings(built):  # noqa: F811
    out, _ = built
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 300
    for f in pages:
        p = page(f)
        name = f.relative_to(out)
        assert p.mains == 1 and p.headings.count(1) == 1 and p.headings[0] == 1, (name, p.headings)
        assert "Site" in p.navs, name
        if f.name != "compare.html":  # its headings are the comparison work's (issue 14, COMPARE)
            assert all(b - a <= 1 for a, b in zip(p.headings, p.headings[1:])), (name, p.headings)
    for audience in ("all-hands", "hr", "public"):
        assert check_tree_links(out, audience) > 2000  # thousands: position pages link each other


def test_every_position_has_its_page_in_every_tree(built):  # noqa: F811
    out, _ = built
    per_tree = {a: sorted(f.relative_to(out / a) for f in (out / a).rglob("positions/*.html"))
                for a in ("all-hands", "hr", "public")}
    assert per_tree["all-hands"] == per_tree["hr"] == per_tree["public"]
    # support-operations has 16 positions (its stats: "101 people in 16 positions")
    assert len([f for f in per_tree["public"] if f.parts[0] == "support-operations"]) == 16


def test_public_position_pages_of_the_example_orgs_name_no_holder(built):  # noqa: F811
    out, _ = built
    named = 0
    for f in (out / "hr").rglob("positions/*.html"):
        holders = f.read_text().split('<ul class="holders">', 1)
        public = (out / "public" / f.relative_to(out / "hr")).read_text()
        assert '<ul class="holders">' not in public
        if len(holders) > 1:
            names = [n.split(" <span", 1)[0] for n in holders[1].split("</ul>", 1)[0].split("<li>")[1:]]
            named += len(names)
            assert not [n for n in names if n in public], f
    assert named > 10  # the example orgs name people (14 holders on their position pages): it compared something
