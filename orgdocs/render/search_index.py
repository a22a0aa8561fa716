"""The site search as files: the index as a script that assigns a global (a page opened from file:// cannot
fetch() JSON), the search page, and the hand-written search.js shipped with the package."""

from __future__ import annotations

from pathlib import Path

from orgdocs.render.escape import script_json
from orgdocs.render.html import render_html
from orgdocs.views.search import KINDS, SearchIndex

GLOBAL = "ORGDOCS_SEARCH"  # the name search.js reads


def index_script(index: SearchIndex) -> str:
    """`window.ORGDOCS_SEARCH = {...};`: entries as arrays [kind, label, detail, org, href] to keep it small."""
    data = {"orgs": index.orgs, "kinds": list(KINDS),
            "entries": [[e.kind, e.label, e.detail, e.org, e.href] for e in index.entries]}
    return f"window.{GLOBAL} = {script_json(data)};\n"


def search_script() -> bytes:
    return (Path(__file__).resolve().parent.parent / "assets" / "search.js").read_bytes()


def search_page(env, links: dict, context: dict) -> str:
    """links: index (the site index), script and data (relative to the page)."""
    return render_html(env, "search.html.j2", links=links, **context)
