"""A comparison of org variants as terminal text, Markdown, JSON, SVG, HTML and PDF. Writes nothing."""

from __future__ import annotations

from concurrent.futures import Executor, Future, ThreadPoolExecutor

from orgdocs.analyse.diff import counts
from orgdocs.chart.options import ChartOptions
from orgdocs.render import comparison_page as onscreen
from orgdocs.render import strict_json
from orgdocs.render.bidi import isolate
from orgdocs.render.chart import ChartPage, draw, draw_jobs, page_jobs, readable_overview, render_drawn
from orgdocs.render.escape import markdown_code, markdown_text, plain_text
from orgdocs.render.graphviz import document_time
from orgdocs.render.html import builtin_templates, environment, render_html
from orgdocs.render.pdf import html_to_pdf, join_pdf
from orgdocs.views.comparison import Comparison, delta_text, marks_for, value_text
from orgdocs.views.comparison import cells as row_cells
from orgdocs.views.page import page_context

# --- text ------------------------------------------------------------------------------------------------

def text_summary(c: Comparison) -> str:
    t = plain_text
    labels = [t(v.label) for v in c.variants]
    lines = ["Comparing " + " → ".join(f"{label} ({t(v.item.id)})" for label, v in zip(labels, c.variants)), ""]
    for i, (d, changes) in enumerate(zip(c.diffs, c.changes)):
        n = counts(d)
        lines.append(f"{labels[i]} → {labels[i + 1]}: "
                     + (", ".join(f"{v} {k}" for k, v in n.items() if v) or "no change"))
        lines += [f"  {t(line)}" for line in changes]
        lines.append("")
    row_labels = [t(r["label"]) for r in c.rows]
    width = max(len(label) for label in row_labels) + 2
    cells = [row_cells(r, c.currency) for r in c.rows]
    # every column as wide as its widest entry, and always two spaces between columns
    col = [max([len(label)] + [len(row[k]) for row in cells]) + 2 for k, label in enumerate(labels)]
    lines.append("".ljust(width) + "".join(label.rjust(col[k]) for k, label in enumerate(labels)))
    group = None
    for r, label, row in zip(c.rows, row_labels, cells):
        if r["group"] != group:
            group = r["group"]
            if group != "Totals":
                lines.append(t(group))
        indent = "  " if group != "Totals" else ""
        lines.append(indent + label.ljust(width - len(indent))
                     + "".join(text.rjust(col[k]) for k, text in enumerate(row)))
    return "\n".join(lines) + "\n"


def markdown(c: Comparison) -> str:
    cell = markdown_text
    out = ["# Comparing " + " → ".join(cell(v.label) for v in c.variants), ""]
    out += [f"- **{cell(v.label)}**: {markdown_code(v.item.id)} — {cell(v.item.org.org.name)}" for v in c.variants]
    out.append("")
    out.append("| | " + " | ".join(cell(v.label) for v in c.variants) + " |")
    out.append("|---|" + "---:|" * len(c.variants))
    for r in c.rows:
        values = [cell(v) for v in row_cells(r, c.currency)]
        label = r["label"] if r["group"] == "Totals" else f"{r['group']}: {r['label']}"
        out.append(f"| {cell(label)} | " + " | ".join(values) + " |")
    for i, changes in enumerate(c.changes):
        out += ["", f"## {cell(c.variants[i].label)} → {cell(c.variants[i + 1].label)}", ""]
        out += [f"- {cell(line)}" for line in changes] or ["- no change"]
    for v in c.variants:
        if v.findings:
            out += ["", f"## Checks: {cell(v.label)}", ""]
            out += [f"- {p.severity}: {cell(p.message)}" for p in v.findings]
    return "\n".join(out) + "\n"


def as_json(c: Comparison) -> str:
    steps = []
    for i, d in enumerate(c.diffs):
        steps.append({
            "from": c.variants[i].item.id, "to": c.variants[i + 1].item.id,
            "added": d.added, "removed": d.removed,
            "moved": [{"position": pb, "from_manager": old, "to_manager": new} for _, pb, old, new in d.moved],
            "changed": [{"position": pb, "fields": {k: {"from": o, "to": n} for k, (o, n) in f.items()}}
                        for _, pb, f in d.changed],
            "units": d.units,
            "matched": dict(sorted(d.matched.items())),
            "summary": c.changes[i],
        })
    data = {
        "variants": [{"id": v.item.id, "label": v.label, "name": v.item.org.org.name} for v in c.variants],
        "steps": steps,
        "deltas": c.rows,
        "checks": [[p.as_dict() for p in v.findings] for v in c.variants],
    }
    return strict_json.dumps(data, "comparison")


# --- charts and documents ------------------------------------------------------------------------------------

def charts(c: Comparison, options: ChartOptions | None = None, links=None) -> list[ChartPage]:
    """Each variant's chart as SVG, marked with what changed from the variant before it: drawn once, then
    placed in the SVG, HTML and PDF comparisons alike. With `links` (comparison_page.Links), each box links to its
    position's page (a removed position's ghost to its page in the variant before)."""
    options = options or ChartOptions(hide_names=not c.rules.names, audience="hr" if c.rules.pay else "all-hands")
    out = []
    for k, v in enumerate(c.variants):
        analysis, folder = v.item.analysis, v.item.source.folder
        drawn = draw(analysis, options, folder, marks_for(c, k))
        for d in drawn:  # seen scrolled inside its box or on its own, a chart says which variant it shows
            d.scene.subtitle = f"{isolate(v.label)} · {d.scene.subtitle}"
        if links is not None:
            for d in drawn:
                onscreen.box_links(d.scene, links, v.item.id, c.variants[k - 1].item.id if k else "")
        [page] = render_drawn(analysis, drawn, "svg", folder)
        out.append(page)
    return out


def composite_svg(c: Comparison, charts: list[ChartPage]) -> str:
    """The variants' charts side by side in one SVG."""
    gap = 40.0
    width = sum(p.width for p in charts) + gap * (len(charts) - 1)
    height = max(p.height for p in charts)
    parts, x = [], 0.0
    for page in charts:
        parts.append(page.inline_svg().replace("<svg ", f'<svg x="{x:.1f}" y="0" ', 1))
        x += page.width + gap
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'class="comparison" width="{width:.0f}pt" height="{height:.0f}pt" '
            f'viewBox="0 0 {width:.0f} {height:.0f}">' + "".join(parts) + "</svg>\n")


def html(c: Comparison, charts: list[ChartPage] | None, templates=None, nav: dict | None = None, links=None) -> str:
    """The HTML report; with `charts` None, the text part alone (the PDF adds the charts as pages of their own).
    `nav`: the site's header (on screen only); `links` (comparison_page.Links): where the variants' pages are, in a
    build's tree; None: no links."""
    env = environment(templates)
    first = c.variants[0].item
    when = document_time(first.org.org.as_of)
    rows = []
    for r in c.rows:
        cells = []
        for k, value in enumerate(r["values"]):
            cells.append({"value": value_text(value, r["kind"], c.currency),
                          "delta": delta_text(r["values"][k - 1], value, r["kind"], c.currency) if k else ""})
        rows.append({"label": r["label"], "group": r["group"], "cells": cells})
    steps = onscreen.steps(c, links)
    for s, d in zip(steps, c.diffs):
        s["counts"] = dict(counts(d))
    # each label isolated: right-to-left labels joined by arrows would otherwise read in the opposite order
    context = page_context("Comparison", "Comparing " + " → ".join(isolate(v.label) for v in c.variants),
                           name=first.org.org.name, as_of=first.org.org.as_of, org_id=first.id,
                           page="A3 landscape", when=when)
    variants = [{"label": v.label, "title": v.title, "id": v.item.id, "name": v.item.org.org.name,
                 "section": onscreen.chart_id(k), "href": href,
                 "findings": [p.message for p in v.findings],
                 "chart": onscreen.chart_markup(c, k, drawn.inline_svg(), links is not None) if drawn else None}
                for k, (v, drawn, href) in enumerate(zip(c.variants, charts or [None] * len(c.variants),
                                                         onscreen.variant_links(c, links)))]
    plots = onscreen.plot_rows(c) if charts is not None else []  # on screen; the PDF's pages are the charts
    return render_html(env, "compare.html.j2", variants=variants, rows=rows, steps=steps, plots=plots,
                       charts_follow=charts is None, nav=nav, **context)


# Above this many positions a variant's chart in the PDF is split into an overview down to the unit leads and a
# page per unit: one A3 sheet holds about this many boxes at a readable size, more would be tiled or hairlines.
SPLIT_ABOVE = 300


def chart_pdf_options(c: Comparison, k: int) -> ChartOptions:
    """How variant k's chart is drawn in the PDF: on A3 like the text part, split by unit when large."""
    positions = len(c.variants[k].item.analysis.tree.nodes)
    return ChartOptions(hide_names=not c.rules.names, audience="hr" if c.rules.pay else "all-hands", page="A3",
                        split=positions > SPLIT_ABOVE)


def chart_pdfs(c: Comparison) -> list[list[bytes]]:
    """Each variant's chart as PDF pages drawn by Graphviz (as `chart -f pdf` draws them), marked with what
    changed from the variant before it: a PDF per page or tile, joined once with the report. WeasyPrint drawing
    the same charts as inline SVG took 96 % of a large comparison's time and memory."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return [pending.result() for pending in _chart_pdfs_started(c, pool)]


def _chart_pdfs_started(c: Comparison, pool: Executor) -> list[Future]:
    """Each variant's chart laid out here and handed to Graphviz in `pool` (a thread waiting on its process):
    Graphviz draws one variant while the next is laid out and the report goes through WeasyPrint."""
    out = []
    for k, v in enumerate(c.variants):
        analysis, folder = v.item.analysis, v.item.source.folder
        options, marks = chart_pdf_options(c, k), marks_for(c, k)
        drawn = draw(analysis, options, folder, marks)
        if options.split and len(drawn) == 1:  # no units to split by: the top layers first, then the tiles
            drawn = [d for d in [readable_overview(analysis, options, folder, marks)] if d] + drawn
        for d in drawn:  # printed, a page must say which variant it shows (the outline is not on paper)
            d.scene.subtitle = f"{isolate(v.label)} · {d.scene.subtitle}"
        jobs = page_jobs(drawn, "pdf", folder)
        out.append(pool.submit(lambda jobs=jobs, folder=folder: [p.data for p in draw_jobs(jobs, "pdf", folder)]))
    return out


def pdf(c: Comparison, templates=None) -> bytes:
    """The text part (tables, deltas, change lines) through WeasyPrint, then each variant's chart pages, with an
    outline entry for each part."""
    first = c.variants[0].item
    folders = [v.item.source.folder for v in c.variants]
    when = document_time(first.org.org.as_of)
    with ThreadPoolExecutor(max_workers=1) as pool:
        started = _chart_pdfs_started(c, pool)
        try:
            text = html_to_pdf(html(c, None, templates), base=first.source.folder,
                               allowed=folders + [builtin_templates()], when=when)
            charts = [pending.result() for pending in started]
        finally:
            for pending in started:
                pending.cancel()
    parts = [("Comparison", text)] + [(f"Chart: {v.label}", data) for v, data in zip(c.variants, charts)]
    return join_pdf(parts, title="Comparing " + " → ".join(v.label for v in c.variants),
                    subject=f"Comparison of {first.org.org.name}", when=when)


def documents(c: Comparison, formats, templates=None, nav: dict | None = None, links=None) -> dict[str, bytes]:
    """The comparison in each of `formats` (FORMATS), each part made once: the SVG charts for the SVG and HTML,
    the PDF its own text part and chart pages. `links`: the HTML's links to the variants' pages (see html)."""
    out: dict[str, bytes] = {}
    if "md" in formats:
        out["md"] = markdown(c).encode()
    if "json" in formats:
        out["json"] = as_json(c).encode()
    if not {"svg", "html", "pdf"} & set(formats):
        return out
    if {"svg", "html"} & set(formats):
        drawn = charts(c, links=links)  # with links, the page's boxes open the position pages beside it
        if "svg" in formats:  # the SVG file links nowhere (only `compare -f svg` writes it, and without links)
            out["svg"] = composite_svg(c, drawn if links is None else charts(c)).encode()
        if "html" in formats:
            out["html"] = html(c, drawn, templates, nav, links).encode()  # the site's header: on screen only
    if "pdf" in formats:
        out["pdf"] = pdf(c, templates)
    return {fmt: out[fmt] for fmt in formats}
