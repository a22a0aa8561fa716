"""The search of one audience's tree: search.html, search-index.js and assets/search.js at its top; every org
of the tree indexed with that audience's rules, every result a link into the same tree."""

from __future__ import annotations

from pathlib import Path

from orgdocs.analyse.loaded import LoadedOrg
from orgdocs.outputs.plan import (
    INDEX,
    SEARCH_INDEX,
    SEARCH_PAGE,
    SEARCH_SCRIPT,
    asset_file,
    href,
    search_target,
    site_nav,
)
from orgdocs.render.html import environment
from orgdocs.render.search_index import index_script, search_script
from orgdocs.render.search_index import search_page as render_page
from orgdocs.views.audience import AudienceRules
from orgdocs.views.page import page_context
from orgdocs.views.search import search_index
from orgdocs.write import OutputFile


def _target(org_id: str):
    return lambda kind, ident, role_id: href(SEARCH_PAGE, search_target(org_id, kind, ident, role_id))


def search_page(templates: Path | None) -> list[OutputFile]:
    """search.html and assets/search.js: the same for every tree (no org data in them)."""
    links = {"index": href(SEARCH_PAGE, INDEX), "data": href(SEARCH_PAGE, SEARCH_INDEX),
             "script": href(SEARCH_PAGE, asset_file(SEARCH_SCRIPT))}
    context = page_context("Search", "Search", name="Org documents")
    context["nav"] = {"links": site_nav(SEARCH_PAGE), "crumbs": [{"label": "Site", "href": links["index"]},
                                                               {"label": "Search", "href": ""}]}
    html = render_page(environment(templates), links, context)
    return [OutputFile(SEARCH_PAGE, html.encode()), OutputFile(asset_file(SEARCH_SCRIPT), search_script())]


def search_data(orgs: list[LoadedOrg], rules: dict[str, AudienceRules]) -> list[OutputFile]:
    """search-index.js: every org of the tree as its audience sees it."""
    index = search_index([(item, rules[item.id]) for item in orgs], _target)
    return [OutputFile(SEARCH_INDEX, index_script(index).encode())]


def search_files(orgs: list[LoadedOrg], rules: dict[str, AudienceRules], templates: Path | None) -> list[OutputFile]:
    return search_page(templates) + search_data(orgs, rules)
