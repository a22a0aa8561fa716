"""The index pages of `build`: one per org (its chart, roles, documents, findings) and one for output/."""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup

from orgdocs.outputs.documents import Documents, has_band_document, has_ladders, page_context
from orgdocs.problems import Problem
from orgdocs.render.html import environment, render_html
from orgdocs.views.about import about
from orgdocs.write import OutputFile


def org_index(docs: Documents, numbers: dict, findings: list[Problem], chart_svg: bytes,
              chart_pngs: list[str] | None = None) -> OutputFile:
    """chart_pngs: the chart's PNG files (several when it is drawn as tiles); the index links the first."""
    a = docs.a
    svg = re.sub(r"^.*?(?=<svg)", "", chart_svg.decode("utf-8"), count=1, flags=re.S)
    html = render_html(docs.env, "index.html.j2", stats=numbers, chart_svg=Markup(svg),
                       roles=[{"id": rid, "title": r.title} for rid, r in a.org.roles.items()],
                       findings=[{"severity": p.severity, "message": p.message, "where": str(p.location or "")}
                                 for p in findings],
                       has_ladder=has_ladders(a), has_bands=has_band_document(a),
                       chart_pngs=chart_pngs or ["chart.png"],
                       about=about(a, include_hr=False), **docs.context("Overview", a.org.org.name))
    return OutputFile("index.html", html.encode())


def site_index(items: list, numbers: dict[str, dict], findings: dict[str, list[Problem]], compared: list[str],
               templates: Path | None) -> OutputFile:
    orgs = [{"id": i.id, "name": i.org.org.name, "href": f"{i.id}/index.html",
             "as_of": i.org.org.as_of.isoformat() if i.org.org.as_of else "",
             "headcount": numbers[i.id]["headcount"],
             "errors": sum(p.severity == "error" for p in findings[i.id]),
             "warnings": sum(p.severity == "warning" for p in findings[i.id])} for i in items]
    comparisons = [{"name": name, "href": f"{name}/compare.html", "pdf": f"{name}/compare.pdf",
                    "md": f"{name}/compare.md", "json": f"{name}/compare.json"} for name in compared]
    html = render_html(environment(templates), "index.html.j2", orgs=orgs, comparisons=comparisons, about=None,
                       **page_context("Index", "Org documents", name="Org documents"))
    return OutputFile("index.html", html.encode())
