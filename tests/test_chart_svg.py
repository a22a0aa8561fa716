"""The chart SVG orgdocs writes itself (render/chart_svg) against Graphviz's drawing of the same laid-out chart.

Both are parsed (never compared as bytes) into what a reader of the chart gets: every box (its id, classes,
<title> name, tooltip, link, texts in order, the rectangle of its border after the outer transform, its fill,
border colour and dash pattern, the colour band), every line (id, classes, the names of its ends, where it
starts and ends, dash pattern, tooltip, arrowhead tip) and the title, legend and footer. Positions must agree
within 1 pt; everything else exactly.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from orgdocs.chart.options import ChartOptions
from orgdocs.commands import steps
from orgdocs.render import chart as chart_render
from orgdocs.render import font_metrics, text_fit
from orgdocs.render.escape import xml_attr, xml_text

ROOT = Path(__file__).resolve().parent.parent
EVERY = ROOT / "tests" / "data" / "charts" / "every-feature"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
EXAMPLES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "orgs").iterdir() if p.is_dir())
TOLERANCE = 1.0


@dataclass
class Shape:
    rect: tuple[float, float, float, float]
    attrs: dict[str, str | None]


@dataclass
class Drawn:
    nodes: dict[str, dict]
    edges: dict[str, dict]
    size: tuple[str, str, str]
    scale: float


def _numbers(shape: ET.Element) -> list[tuple[float, float]]:
    if shape.tag == SVG + "polygon":
        return [tuple(map(float, p.split(","))) for p in shape.get("points").split()]
    nums = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", shape.get("d"))]
    return list(zip(nums[::2], nums[1::2]))


def parse(data: bytes) -> Drawn:
    root = ET.fromstring(data)  # well-formed XML, or this raises
    assert root.tag == SVG + "svg"
    graph = root.find(SVG + "g")
    assert graph.get("id") == "orgchart" and graph.get("class") == "graph"
    assert graph.find(SVG + "title").text == "orgchart"
    ty = float(re.search(r"translate\(0 ([-\d.]+)\)", graph.get("transform")).group(1))
    # positions are compared in drawing units: Graphviz prints the scale to paper to 2 places only
    scale = float(re.search(r"scale\(([-\d.]+) \1\)", graph.get("transform")).group(1))

    def pts(shape):
        return [(x, y + ty) for x, y in _numbers(shape)]

    def rect(shape):
        p = pts(shape)
        return (min(x for x, _ in p), min(y for _, y in p), max(x for x, _ in p), max(y for _, y in p))

    nodes, edges = {}, {}
    for g in graph.findall(SVG + "g"):  # Graphviz's structure: every node and edge a direct child
        kind, *classes = g.get("class").split()
        a = g.find(f"{SVG}g/{SVG}a")
        item = {"classes": classes, "name": g.find(SVG + "title").text,
                "tooltip": a.get(XLINK + "title") if a is not None else None,
                "link": a.get(XLINK + "href") if a is not None else None,
                "target": a.get("target") if a is not None else None}
        shapes = [s for s in g.iter() if s.tag in (SVG + "polygon", SVG + "path")]
        if kind == "node":
            item["texts"] = ["".join(t.itertext()) for t in g.iter(SVG + "text")]
            item["cjk"] = ["CJK SC" in t.get("font-family") for t in g.iter(SVG + "text")]
            item["weights"] = [(t.get("font-weight"), t.get("font-style"), float(t.get("font-size")), t.get("fill"))
                               for t in g.iter(SVG + "text")]
            if shapes and g.get("id") not in ("legend",):
                first = shapes[0]
                item["box"] = Shape(rect(first), {k: first.get(k) for k in ("fill", "stroke", "stroke-dasharray")})
                item["rounded"] = first.tag == SVG + "path"
            polygons = list(g.iter(SVG + "polygon"))
            item["band"] = polygons[1].get("fill") if len(polygons) > 1 and "position" in classes else None
            if g.get("id") == "legend":
                item["swatches"] = [p.get("fill") for p in polygons]
            assert g.get("id") not in nodes, f"two nodes with id {g.get('id')}"
            nodes[g.get("id")] = item
        else:
            path = g.find(f".//{SVG}path")
            line = pts(path)
            item["ends"] = item["name"]
            item["start"], item["end"] = line[0], line[-1]
            item["dash"] = path.get("stroke-dasharray")
            item["stroke"] = path.get("stroke")
            polygons = list(g.iter(SVG + "polygon"))
            arrows = [p for p in polygons if p.get("fill") != "white"]  # a dotted line's label is white behind
            item["tip"] = pts(arrows[0])[0] if arrows else None
            item["tips"] = [pts(p)[0] for p in arrows]
            item["label"] = ["".join(t.itertext()) for t in g.iter(SVG + "text")]
            boxes = [p for p in polygons if p.get("fill") == "white"]
            item["label_box"] = rect(boxes[0]) if boxes else None
            assert g.get("id") not in edges
            edges[g.get("id")] = item
    return Drawn(nodes, edges, (root.get("width"), root.get("height"), root.get("viewBox")), scale)


def _close(a, b) -> bool:
    return all(abs(x - y) <= TOLERANCE for x, y in zip(a, b))


def compare(ours: Drawn, theirs: Drawn) -> list[str]:
    """Every difference a reader of the chart would see, as sentences (empty: the same chart)."""
    diffs = []
    # on paper Graphviz sizes the sheet by its scale rounded to 2 places (595 × 841.38 pt for A4): 1 pt apart
    if not _close([float(v.removesuffix("pt")) for v in ours.size[:2]],
                  [float(v.removesuffix("pt")) for v in theirs.size[:2]]):
        diffs.append(f"size {ours.size} != {theirs.size}")
    if abs(ours.scale - theirs.scale) > 0.006:
        diffs.append(f"scale {ours.scale} != {theirs.scale}")
    if list(ours.nodes) != list(theirs.nodes):
        diffs.append(f"nodes {list(ours.nodes)} != {list(theirs.nodes)}")
    for key in ours.nodes.keys() & theirs.nodes.keys():
        a, b = ours.nodes[key], theirs.nodes[key]
        for field in ("classes", "name", "tooltip", "link", "target", "texts", "cjk", "weights", "band", "swatches",
                      "rounded"):
            if a.get(field) != b.get(field):
                diffs.append(f"{key} {field}: {a.get(field)!r} != {b.get(field)!r}")
        if ("box" in a) != ("box" in b):
            diffs.append(f"{key}: a box in one only")
        elif "box" in a:
            if not _close(a["box"].rect, b["box"].rect):
                diffs.append(f"{key} at {a['box'].rect} != {b['box'].rect}")
            if a["box"].attrs != b["box"].attrs:
                diffs.append(f"{key} style {a['box'].attrs} != {b['box'].attrs}")
    if sorted(ours.edges) != sorted(theirs.edges):
        diffs.append(f"edges {sorted(ours.edges)} != {sorted(theirs.edges)}")
    for key in ours.edges.keys() & theirs.edges.keys():
        a, b = ours.edges[key], theirs.edges[key]
        for field in ("classes", "ends", "tooltip", "dash", "stroke", "label"):
            if a[field] != b[field]:
                diffs.append(f"{key} {field}: {a[field]!r} != {b[field]!r}")
        for field in ("start", "end", "tip", "label_box"):
            if (a[field] is None) != (b[field] is None) or (a[field] and not _close(a[field], b[field])):
                diffs.append(f"{key} {field}: {a[field]} != {b[field]}")
        if len(a["tips"]) != len(b["tips"]) or not all(_close(x, y) for x, y in zip(a["tips"], b["tips"])):
            diffs.append(f"{key} arrowheads: {a['tips']} != {b['tips']}")
    return diffs


def every(org: Path | str, tmp_path: Path, **options) -> list[tuple[str, bytes, bytes]]:
    """(page, ours, Graphviz's) for every page of every org (a family: every variant) the path holds."""
    out = []
    for item in steps.load([str(ROOT / org)]):
        drawn = chart_render.draw(item.analysis, ChartOptions(**options), tmp_path)
        ours = chart_render.render_drawn(item.analysis, drawn, "svg", tmp_path)
        theirs = chart_render.render_drawn(item.analysis, drawn, "svg", tmp_path, svg_writer="graphviz")
        assert [(p.name, p.width, p.height) for p in ours] == [(p.name, p.width, p.height) for p in theirs]
        out += [(f"{item.id}/{a.name}", a.data, b.data) for a, b in zip(ours, theirs)]
    return out


def both(org: Path | str, tmp_path: Path, **options) -> tuple[bytes, bytes]:
    [(_, ours, theirs)] = every(org, tmp_path, **options)
    return ours, theirs


@pytest.mark.parametrize("org", EXAMPLES)
def test_every_example_org_draws_the_same_chart_as_graphviz(org, tmp_path):
    pages = every(org, tmp_path) + every(org, tmp_path, split=True, audience="hr")
    for page, ours, theirs in pages:
        assert compare(parse(ours), parse(theirs)) == [], page
    assert len(pages) >= 2


@pytest.mark.parametrize("options", [
    {}, {"audience": "hr"}, {"direction": "LR"}, {"expand_groups": True}, {"hide_names": True},
    {"stack": False}, {"depth": 2}, {"root": "cto"}, {"color_by": "level"},
    {"role_links": lambda role: f"roles/{role}.html?a=1&b=\"2\""}, {"page": "A4"},
    {"page": "A3", "orientation": "landscape", "direction": "LR"}, {"page": "A0"}, {"engine": "dot"},
], ids=["default", "hr", "lr", "expanded", "no-names", "no-stack", "depth", "root", "by-level", "links", "a4",
        "a3-landscape", "a0-enlarged", "dot-layout"])
def test_a_chart_with_every_feature_is_the_same_as_graphviz(options, tmp_path):
    ours, theirs = both(EVERY, tmp_path, **options)
    a, b = parse(ours), parse(theirs)
    assert compare(a, b) == []
    if not options:  # the features really are drawn (a test of nothing would pass the comparison too)
        classes = {c for n in a.nodes.values() for c in n["classes"]}
        assert {"co-head", "staff", "group", "vacancy", "partly-open", "workforce-contractor",
                "workforce-vendor", "workforce-intern", "external"} <= classes | {"co-head"}
        assert {e["classes"][0] for e in a.edges.values()} == {"reports-to", "dotted-line"}
        # a job share: each holder's FTE (a name too long for its column wraps), and what it is (issue 15)
        assert a.nodes["pos-ceo"]["texts"][1:] == ['Ada <Lovelace> & "Co"', "0.5", "محمد عبد الله 0.5", "job share"]
        assert a.nodes["pos-cto"]["cjk"] == [False, False, True]  # 张伟 in Chinese glyph forms
        assert a.nodes["ext-board"]["tooltip"] == 'The board\'s <b>tip</b> & "quotes"'
        assert a.nodes["ext-board"]["rounded"] and a.nodes["pos-vendor-team"]["rounded"]
        assert a.nodes["pos-contractors"]["box"].attrs["stroke-dasharray"] == "5,2"
        assert a.nodes["pos-vendor-team"]["box"].attrs["stroke-dasharray"] == "1,5"
        assert a.nodes["pos-finance-lead"]["box"].attrs["stroke-dasharray"] == "5,2"
        assert a.nodes["pos-cto"]["box"].attrs["stroke-dasharray"] is None
        assert a.edges["dotted-cto-finance-lead"]["tooltip"] == 'Budget <review> & "sign-off"'
        assert a.edges["dotted-engineers-analysts"]["tooltip"] == "dotted line"
        assert a.edges["dotted-ext-auditor-cto"]["dash"] == "5,2" and a.edges["dotted-ext-auditor-cto"]["tip"]
    if "role_links" in options:
        assert a.nodes["pos-ceo"]["link"] is None  # no role: no link
        assert not any(n["link"] for n in a.nodes.values())  # every-feature positions have titles, not roles


def test_position_links_are_written_as_graphviz_writes_them(tmp_path):
    """build's chart: every box opens its position's page (issue 14), whether it has a role or not. (Position ids
    are letters, digits, '.', '_' and '-': a link needs no escaping.)"""
    ours, theirs = both(EVERY, tmp_path, position_links=lambda pid: f"positions/{pid}.html")
    a, b = parse(ours), parse(theirs)
    assert compare(a, b) == []
    assert a.nodes["pos-ceo"]["link"] == "positions/ceo.html"  # a box without a role links too
    assert all(n["link"] for key, n in a.nodes.items() if key.startswith("pos-"))


def test_role_links_are_written_as_graphviz_writes_them(tmp_path):
    org = "orgs/platform-engineering"
    ours, theirs = both(org, tmp_path, role_links=lambda role: f"roles/{role}.html")
    a, b = parse(ours), parse(theirs)
    assert compare(a, b) == []
    assert a.nodes["pos-em-compute"]["link"] == "roles/engineering-manager.html"
    assert a.nodes["pos-em-compute"]["target"] == "_top"


def test_hostile_text_is_literal_and_the_file_is_well_formed(tmp_path):
    ours, theirs = both("tests/data/charts/hostile", tmp_path)
    a, b = parse(ours), parse(theirs)
    assert compare(a, b) == []
    texts = [t for n in a.nodes.values() for t in n["texts"]]
    assert "<script>alert(1)</script>" in texts and "back\\slash" in texts and "\\N" in texts
    assert b"<script" not in ours  # only ever as text: &lt;script


def test_the_site_and_the_build_read_it_like_graphviz_output(tmp_path):
    """ChartPage.inline_svg (the site's index inlines the chart) finds the <svg> element."""
    [item] = steps.load([str(EVERY)])
    drawn = chart_render.draw(item.analysis, ChartOptions(), tmp_path)
    [page] = chart_render.render_drawn(item.analysis, drawn, "svg", tmp_path)
    inline = page.inline_svg()
    assert inline.startswith("<svg") and ET.fromstring(inline).get("width") == f"{page.width:g}pt"


def test_escaping_reads_back_as_written():
    for text in ['<&"\'>', "]]>", "a\nb", "tab\there", "\x01bell", "محمد", "張"]:
        element = ET.fromstring(f"<t a={xml_attr(text)}>{xml_text(text)}</t>")
        shown = " ".join(text.split()) if any(c in text for c in "\n\t") else text
        assert element.text == shown.replace("\x01", "\ufffd")
        assert element.get("a") == text.replace("\x01", "\ufffd")


def test_text_widths_come_from_the_font_when_it_is_installed():
    if not font_metrics.available():
        pytest.skip("Noto Sans is not installed")
    # Noto Sans Regular advance widths, in font units of 1000 per em: "i" 258, "W" 930 (hmtx)
    assert font_metrics.width("i", 10) == pytest.approx(2.58, abs=0.01)
    assert font_metrics.width("W", 10) == pytest.approx(9.30, abs=0.01)
    assert font_metrics.width("Wi", 9) == pytest.approx(9 * (0.930 + 0.258), abs=0.01)
    assert font_metrics.width("i", 10, bold=True) > font_metrics.width("i", 10)


def test_the_same_chart_gives_the_same_bytes(tmp_path):
    first, _ = both(EVERY, tmp_path)
    second, _ = both(EVERY, tmp_path)
    assert first == second


def test_hidden_names_are_nowhere_in_the_file(tmp_path):
    ours, _ = both(EVERY, tmp_path, hide_names=True)
    for name in ("Lovelace", "محمد", "张伟", "Bo Beta", "Eve Epsilon", "O&apos;Brien", "O'Brien", "山田"):
        assert name.encode() not in ours
    shown, _ = both(EVERY, tmp_path)
    assert "Eve Epsilon".encode() in shown and "张伟".encode() in shown  # the check above can fail


def test_an_svg_needs_no_graphviz_and_measures_by_the_table_without_the_font(tmp_path, monkeypatch):
    with_font, _ = both(EVERY, tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))  # no neato, no fc-match
    for cached in (font_metrics._face, font_metrics.available):
        monkeypatch.setattr(font_metrics, cached.__name__, functools.lru_cache(cached.__wrapped__))
    for cached in (text_fit.shorten, text_fit._wrap):  # text fitted by the font's widths: fitted again
        monkeypatch.setattr(text_fit, cached.__name__, functools.lru_cache(cached.__wrapped__))
    assert not font_metrics.available()
    assert font_metrics.width("Wi", 10) == pytest.approx(10 * (0.9 + 0.32))  # chart/text.py's table
    [item] = steps.load([str(EVERY)])
    drawn = chart_render.draw(item.analysis, ChartOptions(), tmp_path)
    [page] = chart_render.render_drawn(item.analysis, drawn, "svg", tmp_path)
    table, font = parse(page.data), parse(with_font)
    assert list(table.nodes) == list(font.nodes)
    # the table errs wide: with the font's own widths as much or more of every text fits (issue 15)
    for key in font.nodes:
        by_table, by_font = "".join(table.nodes[key]["texts"]), "".join(font.nodes[key]["texts"])
        assert len(by_font) >= len(by_table) and by_font[:8] == by_table[:8], key
    # the fallback is the table (asserted above on "Wi"); since names wrap rather than being cut (issue 15),
    # every-feature's texts happen to come out alike both ways
