"""`orgdocs serve` in a real browser (issue 14): an open page reloads by itself after a save, shows the located
problem of a broken file, and comes back when it is fixed. Marked `browser` (Chromium through Playwright)."""

from __future__ import annotations

import pytest
from serve_helpers import PATIENCE, TINY, Running


@pytest.fixture
def browser_page(browser):
    """A page of the session's Chromium (tests/browser.py), closed with its context after the test."""
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    yield context.new_page()
    context.close()


def test_an_open_page_reloads_after_a_save_and_shows_a_broken_file_located(tmp_path, browser_page):
    page = browser_page
    org = tmp_path / "tiny.yaml"
    org.write_text(TINY, encoding="utf-8")
    running = Running("serve", str(org), "--port", "0", "--debounce", "50", "-j", "1", cwd=tmp_path)
    try:
        base = running.line(r"serving (http://127\.0\.0\.1:\d+/)").group(1)
        page.goto(base + "tiny/index.html")
        assert "Ann Lee" in page.inner_text("body")
        page.evaluate("window.notReloaded = true")  # gone once the page has reloaded

        org.write_text(TINY.replace("Ann Lee", "Zoë Quint"), encoding="utf-8")
        page.wait_for_function("document.body && document.body.innerText.includes('Zoë Quint')",
                               timeout=PATIENCE * 1000)
        assert page.evaluate("window.notReloaded") is None
        assert "Ann Lee" not in page.inner_text("body")

        page.evaluate("window.notReloaded = true")
        org.write_text(TINY.replace("positions:", "positions: [oops"), encoding="utf-8")
        page.wait_for_selector("ol.problems li", timeout=PATIENCE * 1000)
        assert page.evaluate("window.notReloaded") is None
        assert page.inner_text("h1") == "The org could not be built"
        where = page.inner_text("ol.problems li .where")
        message = page.inner_text("ol.problems li .message")
        # "positions: [oops" opens a flow sequence on line 8; the parser stops at the ':' of "  - id: head" on
        # line 9, column 7 (two spaces, "-", a space, "id" take columns 1-6), where it wanted ',' or ']'
        assert (where, message.split(":")[0]) == (f"{org}:9:7", "YAML syntax"), (where, message)
        assert page.inner_text("p.closing") == "1 problem in the input; the last good build is kept."
        page.screenshot(path=str(tmp_path / "problems.png"), full_page=True)

        org.write_text(TINY, encoding="utf-8")
        page.wait_for_function("document.body && document.body.innerText.includes('Ann Lee')",
                               timeout=PATIENCE * 1000)
        assert page.query_selector("ol.problems") is None
    finally:
        running.stop()
