"""The index pages of `build`: one per org (its chart, roles, documents, findings) and one for output/."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from orgdocs.analyse.summary import Numbers
from orgdocs.outputs.documents import Documents, page_context
from orgdocs.outputs.plan import INDEX, OrgPlan, SitePlan, site_nav
from orgdocs.problems import Problem
from orgdocs.render.html import environment, render_html
from orgdocs.views.comparison import family_title, org_title
from orgdocs.write import OutputFile


def org_index(docs: Documents, plan: OrgPlan, counted: Numbers, findings: list[Problem], chart_svg: str,
              chart_pngs: list[str]) -> OutputFile:
    """chart_svg: the chart's SVG element, inlined; chart_pngs: its PNG files (the index links the first)."""
    a = docs.a
    html = render_html(docs.env, "index.html.j2", stats=counted, chart_svg=Markup(chart_svg),
                       links=plan.index_links(chart_pngs), files=plan.files(),
                       nav={"links": plan.nav(INDEX), "crumbs": plan.crumbs(INDEX)},
                       roles=[{"id": rid, "title": r.title, "links": plan.role_links(rid)}
                              for rid, r in a.org.roles.items()],
                       findings=[{"severity": p.severity, "where": str(p.location or ""),
                                  "message": p.message + (f" — {p.reason}" if p.severity == "accepted" else "")}
                                 for p in findings],
                       about=docs.about(), **docs.context("Overview", a.org.org.name))
    return OutputFile(INDEX, html.encode())


def site_index(items: list, plan: SitePlan, counted: dict[str, Numbers], findings: dict[str, list[Problem]],
               templates: Path | None) -> OutputFile:
    orgs = [{"id": i.id, "name": org_title(i), "href": plan.org_link(i.id), "pages": plan.key_pages(i.id),
             "as_of": i.org.org.as_of.isoformat() if i.org.org.as_of else "",
             "headcount": counted[i.id].headcount,
             "errors": sum(p.severity == "error" for p in findings[i.id]),
             "warnings": sum(p.severity == "warning" for p in findings[i.id])} for i in items]
    # --- issue 14, comparisons: a family's variants told apart by their labels (views.comparison) ---
    family = {name: [i for i in items if i.source.family == name] for name in plan.families}
    comparisons = [{"name": family_title(family[name], name) if family[name] else name,
                    "links": plan.comparison_links(name)} for name in plan.families]
    # --- end of issue 14, comparisons ---
    html = render_html(environment(templates), "index.html.j2", orgs=orgs, comparisons=comparisons, about=None,
                       search=plan.search_link(),
                       nav={"links": site_nav(INDEX), "crumbs": []},
                       **page_context("Index", "Org documents", name="Org documents"))
    return OutputFile(INDEX, html.encode())


def org_label(item) -> str:
    """The org's name, and for a variant in a family its variant too, so two variants of one name are told
    apart: 'Customer Value and Adoption — variant region-first'."""
    name = item.org.org.name
    if not item.source.family:
        return name
    return f"{name} — variant {item.id.rsplit('/', 1)[-1]}"
