"""Browser tests' machinery (issue 14): one Chromium for the session (Playwright driving the system's browser,
never a downloaded one), the example orgs built once with every audience, pages opened from file:// (no
server), and `axe(page)`, which fails a test on any serious or critical accessibility violation.

Test modules that use it are marked `browser` (MODULE_MARKS in tests/conftest.py, with everything a build needs);
`make test` runs them. They skip, saying why, only where no Chromium is installed (`scripts/ensure-system`
installs it; under `make test`, ORGDOCS_REQUIRE_BROWSER=1, they fail instead); ORGDOCS_CHROMIUM names another
binary.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

import pytest
from conftest import ORGS, invoke_cli

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
SERIOUS = ("serious", "critical")


def chromium_path() -> str | None:
    path = os.environ.get("ORGDOCS_CHROMIUM") or CHROMIUM
    found = shutil.which(path)
    return found if found and os.access(found, os.X_OK) else None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None and os.environ.get("ORGDOCS_REQUIRE_BROWSER"):  # `make test`: set-up installed it
        pytest.fail(f"no Chromium at {os.environ.get('ORGDOCS_CHROMIUM') or CHROMIUM}: run `make system`")
    if path is None:
        pytest.skip(f"no Chromium at {os.environ.get('ORGDOCS_CHROMIUM') or CHROMIUM} (scripts/ensure-system "
                    "installs Debian's chromium; ORGDOCS_CHROMIUM names another)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=path, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site(request, tmp_path_factory) -> Path:
    """`orgdocs build orgs/ --audience all`, once: OUT/<audience>/... . Built into pytest's cache folder, so the
    next session's build is incremental (the build's own cache: nothing is rendered when nothing changed); a
    lock keeps parallel workers from building it twice at once."""
    cache = getattr(request.config, "cache", None)  # absent with -p no:cacheprovider: built afresh
    out = cache.mkdir("orgdocs-browser-site") if cache is not None else tmp_path_factory.mktemp("browser-site")
    with open(out.parent / "orgdocs-browser-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = invoke_cli("build", ORGS, "--out-dir", out / "site", "--audience", "all", "-q")
        assert result.exit_code in (0, 1), result.output
    return out / "site"


class Opened:
    """A page and what its console said: errors and uncaught exceptions."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))


@pytest.fixture
def open_page(browser):
    """open_page(path, width=1280, height=800, javascript=True) -> Opened: a fresh page at file://path."""
    contexts = []

    def open_(path: Path, width: int = 1280, height: int = 800, javascript: bool = True) -> Opened:
        context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript)
        contexts.append(context)
        opened = Opened(context.new_page())
        opened.page.goto(Path(path).resolve().as_uri())
        return opened

    yield open_
    for context in contexts:
        context.close()


def axe(page) -> list[dict]:
    """Run axe-core (bundled with axe-playwright-python) on the page; fail on serious or critical violations.
    Returns every violation found, for tests that look at the minor ones too."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    bad = [v for v in violations if v.get("impact") in SERIOUS]
    assert not bad, "axe: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in bad)
    return violations
