"""The site search (issue 14): what each audience's index holds (public: no names), that it is a script whose data
reads back as written whatever the text, that every result leads to a page of the same tree, and search.js
itself in Chromium from file:// (marked `browser`)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest

from orgdocs.commands import steps
from orgdocs.outputs import plan
from orgdocs.outputs.build import build_loaded
from orgdocs.outputs.search import search_files
from orgdocs.render.escape import script_json
from orgdocs.render.search_index import GLOBAL
from orgdocs.views.audience import audience_rules
from orgdocs.views.search import search_index

HOSTILE = "</script><script>window.pwned=1</script> & <b>bold</b>\u2028next"
SEED = {
    "org": {"name": "Search & Co", "as_of": "2026-01-15"},
    "roles": {
        "ceo": {"title": "Chief Executive", "responsibilities": ["Sets the company strategy"]},
        "se": {"title": "Software Engineer", "family": "Engineering",
               "responsibilities": ["Builds the web product", HOSTILE]},
        "agent": {"title": "Support Agent"},
    },
    "units": {"hq": {"name": "Head Office"}, "web": {"name": "Web Team", "parent": "hq"}},
    "positions": [
        {"id": "ceo", "role": "ceo", "holders": ["Zoë Ångström"], "unit": "hq"},
        {"id": "devs", "role": "se", "count": 3, "holders": ["Ana Ruiz", "Chen Wei"], "open": 1,
         "reports_to": "ceo", "unit": "web"},
        {"id": "agent", "role": "agent", "holders": ["Zoe Smith"], "reports_to": "ceo"},
    ],
}
NAMES = ["Zoë Ångström", "Ana Ruiz", "Chen Wei", "Zoe Smith"]


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("search") / "search-co"
    folder.mkdir()
    (folder / "org.yaml").write_text(json.dumps(SEED, ensure_ascii=False), encoding="utf-8")
    [item] = steps.load([str(folder)])
    return item


def index_for(item, audience: str):
    rules = audience_rules(item.org, audience)
    return search_index([(item, rules)], lambda org_id: lambda kind, ident, role: plan.search_target(
        org_id, kind, ident, role))


def read_script(text: str) -> dict:
    prefix = f"window.{GLOBAL} = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix):-2])


def test_what_each_audience_finds(seed):
    target = lambda kind, ident, role=None: plan.search_target(seed.id, kind, ident, role)  # noqa: E731
    for audience in ("all-hands", "hr"):
        entries = {(e.kind, e.label): e for e in index_for(seed, audience).entries}
        assert {label for kind, label in entries if kind == "person"} == set(NAMES)
        # a holder leads to their position's page (their role's until positions/<id>.html is built)
        assert entries[("person", "Zoë Ångström")].href == target("position", "ceo", "ceo")
        assert entries[("person", "Zoë Ångström")].detail == "Chief Executive · Head Office"
        assert entries[("position", "Software Engineer (3)")].href == target("position", "devs", "se")
        assert entries[("role", "Software Engineer")].href == target("role", "se") == \
            plan.org_file(seed.id, plan.role_file("se"))
        assert entries[("unit", "Web Team")].href == target("unit", "web")
        assert entries[("org", "Search & Co")].href == plan.org_file(seed.id, plan.INDEX)
        assert entries[("responsibility", "Builds the web product")].detail == "Software Engineer"
    public = index_for(seed, "public")
    assert not [e for e in public.entries if e.kind == "person"]
    text = json.dumps([e.__dict__ for e in public.entries], ensure_ascii=False)
    assert not any(name in text for name in NAMES)  # nor in any detail
    assert {e.kind for e in public.entries} == {"org", "position", "role", "unit", "responsibility"}
    assert public.orgs == ["Search & Co"]


def test_the_script_reads_back_as_written_and_cannot_break_out():
    data = {"a": HOSTILE, "b": "<!-- x -->", "c": "\u2029"}
    text = script_json(data)
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == data


def test_the_files_of_a_tree(seed, tmp_path):
    rules = {seed.id: audience_rules(seed.org, "all-hands")}
    files = {f.name: f.data for f in search_files([seed], rules, None)}
    assert set(files) == set(plan.search_names())
    data = read_script(files[plan.SEARCH_INDEX].decode())
    assert HOSTILE in [e[1] for e in data["entries"]]  # the hostile text, as written, in the data
    assert "</script>" not in files[plan.SEARCH_INDEX].decode()
    page = files[plan.SEARCH_PAGE].decode()
    assert f'<script src="{plan.SEARCH_INDEX}"></script>' in page
    assert f'<script src="{plan.asset_file(plan.SEARCH_SCRIPT)}"></script>' in page
    assert "http" not in files[plan.asset_file(plan.SEARCH_SCRIPT)].decode().replace("http://www.w3.org", "")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.links += [v for k, v in attrs if k in ("href", "src") and v]


def test_every_result_of_every_tree_leads_into_its_own_tree(seed, tmp_path, monkeypatch):
    stub = lambda *a, **k: b"%PDF-1.7 stub"  # noqa: E731 -- PDFs carry no links; the pages are real
    monkeypatch.setattr("orgdocs.outputs.documents.html_to_pdf", stub)
    out = tmp_path / "out"
    results = build_loaded([seed], out, audiences=plan.BUILD_AUDIENCES)
    assert {r.org_id for r in results} >= {plan.SITE_RESULT}
    for audience in plan.BUILD_AUDIENCES:
        tree = out / audience
        data = read_script((tree / plan.SEARCH_INDEX).read_text(encoding="utf-8"))
        assert data["entries"]
        for entry in data["entries"]:
            target = (tree / unquote(entry[4])).resolve()
            assert target.is_file() and target.is_relative_to(tree.resolve()), (audience, entry)
        names = [e[1] for e in data["entries"] if e[0] == "person"]
        assert sorted(names) == ([] if audience == "public" else sorted(NAMES))
        parser = _Links()
        parser.feed((tree / plan.SEARCH_PAGE).read_text(encoding="utf-8"))
        assert parser.links and all((tree / unquote(link)).is_file() for link in parser.links)


# -- search.js in a real browser -------------------------------------------------------------------------------

# `browser`: the session's one Chromium (tests/browser.py). A second sync_playwright of the module's own failed
# ("Sync API inside the asyncio loop") in a worker where the session's was already running.


@pytest.fixture(scope="module")
def trees(seed, tmp_path_factory):
    """The search files of the all-hands and public trees, written as build writes them."""
    root = tmp_path_factory.mktemp("trees")
    for audience in ("all-hands", "public"):
        for f in search_files([seed], {seed.id: audience_rules(seed.org, audience)}, None):
            path = root / audience / f.name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(f.data)
    return root


def results(page) -> list[dict]:
    return page.eval_on_selector_all("#search-results li", """items => items.map(li => ({
        label: li.querySelector('a').textContent, href: li.querySelector('a').getAttribute('href'),
        url: li.querySelector('a').href, kind: li.querySelector('.kind').textContent}))""")


def open_search(browser, trees, audience: str, query: str = ""):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    url = (trees / audience / plan.SEARCH_PAGE).as_uri() + (f"?q={query}" if query else "")
    page.goto(url)
    return page, requests


@pytest.mark.browser
def test_typing_a_holders_name_finds_their_position(browser, trees, seed):
    page, requests = open_search(browser, trees, "all-hands")
    page.fill("#search-q", "zoe angstrom")  # no accents, lower case
    found = results(page)
    assert found[0]["label"] == "Zoë Ångström" and found[0]["kind"] == "Person"
    expected = plan.href(plan.SEARCH_PAGE, plan.search_target(seed.id, "position", "ceo", "ceo"))
    assert found[0]["href"] == expected
    assert found[0]["url"] == (trees / "all-hands" / expected).as_uri()
    assert "1 result" in page.text_content("#search-status")
    assert all(u.startswith("file://") for u in requests)  # nothing from the network
    page.close()


@pytest.mark.browser
def test_exact_and_prefix_matches_come_first(browser, trees):
    page, _ = open_search(browser, trees, "all-hands", "Zoe")
    labels = [r["label"] for r in results(page)]
    # "Zoe Smith" and "Zoë Ångström" both start with zoe once folded: people first, in source order
    assert labels[:2] == ["Zoë Ångström", "Zoe Smith"]
    page.fill("#search-q", "SOFTWARE ENGINEER")
    found = results(page)
    # the role is the query exactly (rank 0), the position "Software Engineer (3)" starts with it (rank 1)
    assert [(r["label"], r["kind"]) for r in found[:2]] == [("Software Engineer", "Role"),
                                                            ("Software Engineer (3)", "Position")]
    page.close()


@pytest.mark.browser
def test_text_shows_literally(browser, trees):
    page, _ = open_search(browser, trees, "all-hands", "pwned")
    found = results(page)
    assert [r["label"] for r in found] == [HOSTILE]
    assert page.evaluate("window.pwned") is None
    assert page.eval_on_selector_all("#search-results script, #search-results b", "els => els.length") == 0
    page.close()


@pytest.mark.browser
def test_public_search_finds_no_names(browser, trees):
    page, _ = open_search(browser, trees, "public", "Zo%C3%AB")
    assert results(page) == []
    assert "No results" in page.text_content("#search-status")
    page.fill("#search-q", "web team")
    # the unit is the query exactly; the position sitting in it matches by its detail, after it
    assert [(r["label"], r["kind"]) for r in results(page)] == [("Web Team", "Unit"),
                                                                ("Software Engineer (3)", "Position")]
    page.close()
