"""The chart on a screen (issue 14): an org's chart.html, the chart SVG the audience's index page inlines, and
the hand-written script that pans, zooms, finds and collapses it (assets/chart-viewer.js, shipped as package
data, one copy per audience's tree). The page works without the script: the SVG at natural size, scrollable."""

from __future__ import annotations

from importlib import resources

from markupsafe import Markup

from orgdocs.outputs.documents import Documents
from orgdocs.outputs.plan import VIEWER_SCRIPT, asset_file, chart_page_file, viewer_links
from orgdocs.render.html import render_html
from orgdocs.write import OutputFile


def chart_page(docs: Documents, chart_svg: str, positions: int) -> OutputFile:
    """chart_svg: the chart's SVG element (at natural size, links relative to the org's folder)."""
    org = docs.a.org
    html = render_html(docs.env, "chart.html.j2", chart_svg=Markup(chart_svg), links=viewer_links(docs.org_id),
                       positions=positions, **docs.context("Chart", f"Chart — {org.org.name}"),
                       nav=docs.nav(chart_page_file(), [("Chart", "")]) if docs.options.site else None)
    return OutputFile(chart_page_file(), html.encode())


def viewer_script() -> OutputFile:
    """The script, named for the top of an audience's tree."""
    data = (resources.files("orgdocs") / "assets" / VIEWER_SCRIPT).read_bytes()
    return OutputFile(asset_file(VIEWER_SCRIPT), data)
