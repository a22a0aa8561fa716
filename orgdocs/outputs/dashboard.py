"""An org's dashboard: dashboard.html and the same page as a one-page A4 landscape PDF (a board pack), from the
numbers and findings the audience sees; on a tree whose audience sees pay, the payroll and the band chart too."""

from __future__ import annotations

from markupsafe import Markup

from orgdocs.analyse.summary import Numbers
from orgdocs.outputs.documents import Documents
from orgdocs.outputs.plan import OrgPlan, dashboard_file
from orgdocs.problems import Problem
from orgdocs.render.band_chart import band_chart
from orgdocs.render.html import render_html
from orgdocs.render.plots import plot_svg
from orgdocs.views.bands import bands as band_data
from orgdocs.views.dashboard import dashboard
from orgdocs.write import OutputFile

PAGE = "A4 landscape"


def dashboard_html(docs: Documents, plan: OrgPlan, counted: Numbers, findings: list[Problem]) -> str:
    """docs: made with the audience's rules; counted, findings: as that audience sees them."""
    dash = dashboard(docs.a.org, counted, findings)
    chart = ""
    if dash.pay and plan.bands:
        title = f"Pay bands — {docs.a.org.org.name}"
        chart = band_chart(band_data(docs.a, docs.findings), title)
    ctx = docs.context("Dashboard", f"At a glance — {docs.a.org.org.name}")
    ctx["page"] = {"size": PAGE}
    return render_html(docs.env, "dashboard.html.j2", dash=dash, links=plan.dashboard_links(),
                       plots=[{"plot": p, "svg": Markup(plot_svg(p))} for p in dash.plots],
                       band_chart=Markup(chart), **ctx)


def dashboard_files(docs: Documents, plan: OrgPlan, counted: Numbers, findings: list[Problem]) -> list[OutputFile]:
    html = dashboard_html(docs, plan, counted, findings)
    return [OutputFile(dashboard_file("html"), html.encode()), OutputFile(dashboard_file("pdf"), docs.pdf(html))]


def dashboard_key(item, plan: OrgPlan, rules, counted: Numbers, findings: list[Problem], assets: str) -> tuple:
    """What the dashboard shows: the numbers and findings as the audience sees them, the span policy, the bands
    where it sees pay, and the page around them (the org's name, date, brand, logo)."""
    bands = band_data(item.analysis, findings) if rules.pay and plan.bands else None
    return (plan, rules, counted, findings, item.org.policies.span, bands, item.org.org, assets)
