"""An org's dashboard: dashboard.html and the same page as a one-page A4 landscape PDF (a board pack), from the
numbers and findings the audience sees; on a tree whose audience sees pay, the payroll and the band chart too."""

from __future__ import annotations

from markupsafe import Markup

from orgdocs.analyse.summary import Numbers
from orgdocs.outputs.documents import Documents
from orgdocs.outputs.plan import OrgPlan, dashboard_file
from orgdocs.problems import Problem
from orgdocs.render.band_chart import band_chart
from orgdocs.render.band_chart import layout as band_layout
from orgdocs.render.diagram_html import html_document
from orgdocs.render.html import render_html
from orgdocs.render.plots import plot_html, plot_svg
from orgdocs.views.bands import bands as band_data
from orgdocs.views.dashboard import dashboard
from orgdocs.write import OutputFile

PAGE = "A4 landscape"


# a plot's box on the PDF page: a third of A4 landscape's 277 mm body less the gaps (~87 mm), and at most
# 46 mm tall so that two rows of plots and the key numbers fit on the one page (CSS px, 96 per inch)
PRINT_W, PRINT_H = 320.0, 172.0


def dashboard_html(docs: Documents, plan: OrgPlan, counted: Numbers, findings: list[Problem],
                   printed: bool = False) -> str:
    """docs: made with the audience's rules; counted, findings: as that audience sees them. printed: the page
    the PDF is made from, its words as HTML over the plots (WeasyPrint does not shape SVG text)."""
    dash = dashboard(docs.a.org, counted, findings)
    chart: str = ""
    if dash.pay and plan.bands:
        title = f"Pay bands — {docs.a.org.org.name}"
        data = band_data(docs.a, docs.findings)
        if data["rows"] and printed:
            width, height, shapes, labels = band_layout(data)
            chart = html_document(width, height, shapes, labels, title=title, cls="band-chart",
                                  max_width=min(PRINT_W, width * PRINT_H / height))
        else:
            chart = band_chart(data, title)
    ctx = docs.context("Dashboard", f"At a glance — {docs.a.org.org.name}")
    ctx["page"] = {"size": PAGE}
    if docs.options.site and not printed:  # the site's header, on screen only
        ctx["nav"] = docs.nav(dashboard_file("html"), [("Numbers", "")])
    plots = [{"plot": p, "svg": plot_html(p, PRINT_W, PRINT_H) if printed else Markup(plot_svg(p))}
             for p in dash.plots]
    return render_html(docs.env, "dashboard.html.j2", dash=dash, links=plan.dashboard_links(), plots=plots,
                       band_chart=Markup(chart), **ctx)


def dashboard_files(docs: Documents, plan: OrgPlan, counted: Numbers, findings: list[Problem]) -> list[OutputFile]:
    """dashboard.html, and dashboard.pdf unless docs.options.pdf is off."""
    html = OutputFile(dashboard_file("html"), dashboard_html(docs, plan, counted, findings).encode())
    if not docs.options.pdf:
        return [html]
    return [html, OutputFile(dashboard_file("pdf"), docs.pdf(dashboard_html(docs, plan, counted, findings,
                                                                             printed=True)))]


def dashboard_key(item, plan: OrgPlan, rules, counted: Numbers, findings: list[Problem], assets: str) -> tuple:
    """What the dashboard shows: the numbers and findings as the audience sees them, the span policy, the bands
    where it sees pay, and the page around them (the org's name, date, brand, logo)."""
    bands = band_data(item.analysis, findings) if rules.pay and plan.bands else None
    return (plan, rules, counted, findings, item.org.policies.span, bands, item.org.org, assets)
