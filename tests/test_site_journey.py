"""The site as a person uses it (issue 14, "Done when"): in Chromium, from file:// pages of `build orgs/
--audience all` (the session's `site`, tests/browser.py), clicking from the site index to an org, its chart, a box,
its position page, its role, the next step on the ladder and back; finding a holder by name from the header's
search field; and, on every kind of page of the all-hands and hr trees, no sideways scrolling at 400 px and no
serious or critical axe-core violation. (One main, one h1 and heading order are parsed on every page by
test_site_links.py and test_site_nav.py; zoom is tested whole in test_chart_viewer.py, checked once here.)

The org is orgs/platform-engineering: the box "Software Engineer" (pos-compute-engineers, 6 seats under the
Engineering Manager, Compute) holds the role software-engineer, step 2 of 4 of the Engineering (IC) ladder, whose
next step is Senior Engineer (the role senior-engineer, titled "Senior Software Engineer"). Tomás Rivera holds the
Director, Infrastructure.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from browser import axe

ORG = "platform-engineering"
BOX = "pos-compute-engineers"
NARROW = 400


def h1(page) -> str:
    return page.inner_text("h1").strip()


def path_of(page) -> str:
    """The page's file, relative to nothing: enough to compare its tail."""
    return unquote(page.url.removeprefix("file://")).split("?")[0]


def follow(page, selector: str) -> None:
    """Click a visible link and wait for the page it opens."""
    with page.expect_navigation():
        page.click(selector)


@pytest.fixture(scope="module")
def journey_page(browser, site):
    """One page for the clicking tests, at a desktop width, kept for the module (the journeys run in order)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((site / "all-hands" / "index.html").as_uri())
    yield page, errors
    context.close()


def test_from_the_site_index_to_a_next_step_on_the_ladder_and_back(journey_page):
    page, errors = journey_page
    assert h1(page) == "Org documents"
    follow(page, f"main a[href='{ORG}/index.html']")
    assert h1(page) == "Platform Engineering" and path_of(page).endswith(f"/all-hands/{ORG}/index.html")

    follow(page, ".site-nav a[href='chart.html']")
    assert h1(page) == "Platform Engineering: chart"
    page.wait_for_selector("#chart-stage[data-ready=true]")
    fitted = float(page.get_attribute("#chart-stage", "data-scale"))
    page.click("button[aria-label='Zoom in']")  # × 1.25 (test_chart_viewer.py tests every way to zoom)
    page.wait_for_function(f"+document.getElementById('chart-stage').dataset.scale > {fitted}")
    assert float(page.get_attribute("#chart-stage", "data-scale")) == pytest.approx(fitted * 1.25, rel=1e-4)

    follow(page, f"#{BOX}")  # the box, clicked where it is on the screen
    assert path_of(page).endswith(f"/{ORG}/positions/compute-engineers.html")
    assert h1(page) == "Software Engineer"
    assert "6 seats" in page.inner_text("main .meta")

    follow(page, "main a[href='../roles/software-engineer.html']")
    assert h1(page) == "Software Engineer" and path_of(page).endswith("/roles/software-engineer.html")
    assert "step 2 of 4" in page.inner_text("main")

    follow(page, "main a[href='senior-engineer.html']")  # "Next step: Senior Engineer (IC3)"
    assert h1(page) == "Senior Software Engineer" and path_of(page).endswith("/roles/senior-engineer.html")

    page.go_back()
    assert path_of(page).endswith("/roles/software-engineer.html")
    page.go_back()
    assert path_of(page).endswith("/positions/compute-engineers.html") and h1(page) == "Software Engineer"

    # the breadcrumbs: Site › Platform Engineering › Platform Engineering › Infrastructure › Compute › (here)
    crumbs = page.locator(".crumbs li").all_inner_texts()
    assert crumbs == ["Site", "Platform Engineering", "Platform Engineering", "Infrastructure", "Compute",
                      "Software Engineer"]
    follow(page, ".crumbs a[href='../units/compute.html']")
    assert h1(page) == "Compute" and path_of(page).endswith("/units/compute.html")
    assert page.locator("main a[href='../positions/compute-engineers.html']").count() >= 1  # it lists the box

    follow(page, ".site-nav a[href='../../index.html']")  # the header's "Site"
    assert h1(page) == "Org documents" and path_of(page).endswith("/all-hands/index.html")
    assert errors == []


def test_a_holder_found_from_the_header_search_opens_their_position(journey_page, site):
    page, errors = journey_page
    page.goto((site / "all-hands" / ORG / "positions" / "compute-engineers.html").as_uri())
    page.fill("#site-q", "tomas rivera")  # no accent, lower case: "Tomás Rivera"
    with page.expect_navigation():
        page.press("#site-q", "Enter")
    assert path_of(page).endswith("/all-hands/search.html") and h1(page) == "Search"
    page.wait_for_selector("#search-results li a")
    first = page.locator("#search-results li").first
    assert first.locator("a").inner_text().strip() == "Tomás Rivera"
    assert first.locator(".kind").inner_text().strip() == "Person"
    with page.expect_navigation():
        first.locator("a").click()
    assert path_of(page).endswith(f"/all-hands/{ORG}/positions/director-infrastructure.html")
    assert h1(page) == "Director, Infrastructure"
    assert "Tomás Rivera" in page.inner_text("main .holders")
    assert errors == []


def page_kinds(site: Path, audience: str) -> dict[str, Path]:
    """One page of every kind the site has (bands only where pay is shown: hr)."""
    tree = site / audience
    org = tree / ORG
    kinds = {
        "site index": tree / "index.html", "search": tree / "search.html", "org index": org / "index.html",
        "chart": org / "chart.html", "dashboard": org / "dashboard.html", "checks": org / "checks.html",
        "role": org / "roles" / "software-engineer.html",
        "position": org / "positions" / "director-infrastructure.html", "unit": org / "units" / "compute.html",
        "ladder": org / "ladder.html", "compare": tree / "customer-value-adoption" / "compare.html",
    }
    if audience == "hr":
        kinds["bands"] = org / "bands.html"
    return kinds


@pytest.mark.parametrize("audience", ["all-hands", "hr"])
def test_no_page_kind_scrolls_sideways_at_400_px_or_has_a_serious_axe_violation(browser, site, audience):
    kinds = page_kinds(site, audience)
    assert ("bands" in kinds) == (audience == "hr")
    assert all(f.is_file() for f in kinds.values()), [k for k, f in kinds.items() if not f.is_file()]
    context = browser.new_context(viewport={"width": NARROW, "height": 800})
    try:
        page = context.new_page()
        wide = {}
        for kind, f in kinds.items():
            page.goto(f.as_uri())
            scroll, client = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert client <= NARROW  # the window, less any vertical scroll bar
            if scroll > client + 1:
                wide[kind] = (scroll, client)
            try:
                axe(page)
            except AssertionError as e:
                raise AssertionError(f"{audience} {kind} ({f.name}): {e}") from None
        assert wide == {}
    finally:
        context.close()
