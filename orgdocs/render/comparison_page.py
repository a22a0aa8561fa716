"""What compare.html shows beyond the PDF's text part: each variant's chart inline at its natural size with ids of
its own, the changes list with links to the positions on both sides, and the variants' plots side by side. Strings
only; the links come from the output plan (`outputs.plan.ComparisonPlan`) as values, or there are none (`orgdocs
compare -o x.html`)."""

from __future__ import annotations

import re
from typing import Protocol

from markupsafe import Markup, escape

from orgdocs.analyse.diff import Change, changes
from orgdocs.chart.scene import Scene
from orgdocs.render.plots import plot_svg
from orgdocs.views import comparison_plots
from orgdocs.views.comparison import Comparison


class Links(Protocol):
    def position_link(self, org_id: str, position_id: str) -> str: ...

    def org_link(self, org_id: str) -> str: ...


# A start tag: attribute values are escaped (no raw < or >) and text never holds a raw <, so every match is a tag.
_TAG = re.compile(r"<[A-Za-z][^<>]*>")
_ATTR = re.compile(r'(\s)([A-Za-z_:][-\w:.]*)="([^"]*)"')
_URL = re.compile(r"url\(\s*#")
_ID_LISTS = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-flowto")


def unique_ids(svg: str, prefix: str) -> str:
    """The SVG with `prefix` before every id and every reference to one (url(#..), href="#..", xlink:href="#..",
    aria id lists), so several charts inlined in one page keep their ids apart and their references whole."""

    def attr(m: re.Match) -> str:
        space, name, value = m.groups()
        if name == "id":
            value = prefix + value
        elif name in ("href", "xlink:href") and value.startswith("#"):
            value = "#" + prefix + value[1:]
        elif name in _ID_LISTS:
            value = " ".join(prefix + v for v in value.split())
        if "url(" in value:
            value = _URL.sub("url(#" + prefix, value)
        return f'{space}{name}="{value}"'

    def tag(m: re.Match) -> str:
        text = m.group()
        # most tags (paths, text) hold nothing to rewrite: skip them without parsing their attributes
        if 'id="' not in text and '"#' not in text and "url(" not in text and "aria-" not in text:
            return text
        return _ATTR.sub(attr, text)

    return _TAG.sub(tag, svg)


def named(svg: str, label: str, linked: bool) -> str:
    """The SVG's root with an accessible name. A chart whose boxes link keeps the role an <svg> has of itself (a
    graphics document, whose links assistive technology reaches; an image's content is hidden, links and all;
    and the Nu Html Checker refuses role="group" on an <svg>); one without links is an image."""
    role = "" if linked else 'role="img" '
    return svg.replace("<svg ", f'<svg {role}aria-label="{escape(label)}" ', 1)


def chart_label(c: Comparison, k: int) -> str:
    v = c.variants[k]
    if k == 0:
        return f"Chart of {v.title}"
    return f"Chart of {v.title}, marked with what changed from {c.variants[k - 1].title}"


def chart_markup(c: Comparison, k: int, svg: str, linked: bool) -> Markup:
    return Markup(named(unique_ids(svg, id_prefix(k)), chart_label(c, k), linked))


def id_prefix(k: int) -> str:
    """Before every id of variant k's inline chart; the page's own ids never start with "v<digit>"."""
    return f"v{k + 1}-"


def chart_id(k: int) -> str:
    """The id of variant k's chart section."""
    return f"variant-{k + 1}"


def change_item(change: Change, org_ids: tuple[str, str], titles: tuple[str, str], links: Links | None) -> dict:
    """A change as parts of text, each named position a link to its page on its side; and for a position found
    on both sides, a link to each side's page."""
    def link(side: int, pid: str) -> str:
        return links.position_link(org_ids[side], pid) if links else ""

    parts = [{"text": text, "href": link(side, pid) if side is not None and pid else ""}
             for text, side, pid in change.parts]
    subject = next((text for text, side, pid in change.parts if side is not None), "")
    sides = []
    if links and change.before and change.after:
        for word, side, pid in (("before", 0, change.before), ("after", 1, change.after)):
            sides.append({"text": word, "href": link(side, pid), "label": f"{subject} {word}, in {titles[side]}"})
    return {"parts": parts, "sides": sides}


def steps(c: Comparison, links: Links | None) -> list[dict]:
    out = []
    for i, d in enumerate(c.diffs):
        a, b = c.variants[i], c.variants[i + 1]
        org_ids, titles = (a.item.id, b.item.id), (a.title, b.title)
        out.append({"from": a.title, "to": b.title, "id": f"step-{i + 1}",
                    "changes": [change_item(x, org_ids, titles, links)
                                for x in changes(a.item.analysis, b.item.analysis, d)]})
    return out


def variant_links(c: Comparison, links: Links | None) -> list[str]:
    return [links.org_link(v.item.id) if links else "" for v in c.variants]


def box_links(scene: Scene, links: Links, org_id: str, previous_org_id: str) -> None:
    """Each box of a variant's chart linked to its position's page; a removed position's ghost to its page in the
    variant before (where it still is)."""
    for box in scene.boxes.values():
        if box.position_id:
            box.link = links.position_link(org_id, box.position_id)
        elif "ghost" in box.classes and previous_org_id:
            box.link = links.position_link(previous_org_id, box.key.removeprefix("ghost-"))


# notes the page shows under a plot: the span policy, the ICs per manager; the others speak of the dashboard's
# data tables, which compare.html does not have (its numbers table is above the plots)
PLOT_NOTES = ("plot-spans", "plot-mix")


def plot_rows(c: Comparison) -> list[dict]:
    """Each kind of plot with every variant's plot (views.comparison_plots: one scale per kind) as inline SVG, its
    ids prefixed per variant as the charts' are; None where a variant has no such plot."""
    out = []
    for row in comparison_plots.plot_rows(c):
        cells = []
        for k, (p, v) in enumerate(zip(row.plots, c.variants)):
            cells.append({"title": v.title, "svg": Markup(unique_ids(plot_svg(p), id_prefix(k))) if p else None,
                          "note": p.note if p is not None and row.id in PLOT_NOTES else ""})
        out.append({"id": row.id, "title": row.title, "cells": cells})
    return out
