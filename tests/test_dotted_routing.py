"""Dotted lines (issue 15, item 5): routed around boxes, labelled in every format, with arrowheads, and relations
between the same two boxes merged into one line.

Each chart is read back from its SVG as a reader gets it: every dotted path is sampled (its straight and bezier
legs) and no sample may fall inside a box (shrunk by 1 pt, so a line may end on a border); every label's white box
may overlap no box; every relation of the org appears once, with its label text. The orgs are the seed orgs and
generated ones (deep, wide with stacked columns, LR, Graphviz's own placement) with dotted lines between far
apart positions and to and from externals.
"""

from __future__ import annotations

import io
import random
import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from orgdocs.chart.options import ChartOptions
from orgdocs.commands import steps
from orgdocs.render import chart as chart_render

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
SEEDS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "orgs").iterdir() if p.is_dir())


def _pairs(text: str) -> list[tuple[float, float]]:
    nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", text)]
    return list(zip(nums[::2], nums[1::2]))


def _samples(d: str) -> list[tuple[float, float]]:
    """Points every few percent along an SVG path of M and C commands (Graphviz's form for every line)."""
    head, _, rest = d[1:].partition("C")
    pts = _pairs(head) + _pairs(rest)
    out = [pts[0]]
    for i in range(1, len(pts) - 2, 3):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for step in range(1, 41):
            t = step / 40
            out.append(tuple((1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t ** 2 * c + t ** 3 * e
                             for a, b, c, e in zip(p0, p1, p2, p3)))
    return out


def _rect(points):
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def read_chart(data: bytes) -> tuple[dict, dict]:
    """Boxes {id: rect} and dotted lines {id: {ends, label, samples, label_box, tips}} in the SVG's own units."""
    root = ET.fromstring(data)
    graph = root.find(SVG + "g")
    boxes, lines = {}, {}
    for g in graph.findall(SVG + "g"):
        gid, classes = g.get("id"), g.get("class").split()
        if classes[0] == "node" and ("position" in classes or "external" in classes):
            shape = next(s for s in g.iter() if s.tag in (SVG + "polygon", SVG + "path"))
            boxes[gid] = _rect(_pairs(shape.get("points") or shape.get("d")))
        elif "dotted-line" in classes:
            polygons = list(g.iter(SVG + "polygon"))
            white = [p for p in polygons if p.get("fill") == "white"]
            lines[gid] = {
                "ends": (g.get("data-from"), g.get("data-to")),
                "tooltip": g.find(f"{SVG}g/{SVG}a").get(XLINK + "title"),
                "label": " ".join(" ".join(t.itertext()) for t in g.iter(SVG + "text")),
                "samples": _samples(g.find(f".//{SVG}path").get("d")),
                "label_box": _rect(_pairs(white[0].get("points"))) if white else None,
                "tips": [_pairs(p.get("points"))[0] for p in polygons if p.get("fill") != "white"],
            }
    return boxes, lines


def _inside(point, rect, shrink=1.0) -> bool:
    x, y = point
    return rect[0] + shrink < x < rect[2] - shrink and rect[1] + shrink < y < rect[3] - shrink


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def expected_relations(item) -> dict[frozenset, tuple[set[tuple[str, str]], list[str]]]:
    """The org's relations between drawn boxes as the chart should show them: by pair, the directions and the
    labels (worked out from the org itself, not from the chart's code)."""
    org = item.analysis.org
    out: dict[frozenset, tuple[set, list]] = {}

    def node(ref: str) -> str:
        return f"ext-{ref}" if ref in org.externals else f"pos-{ref}"

    def add(a: str, b: str, label: str | None) -> None:
        dirs, labels = out.setdefault(frozenset((a, b)), (set(), []))
        dirs.add((a, b))
        if label and label not in labels:
            labels.append(label)

    for pos in org.positions:
        for line in pos.dotted_lines:
            other = line.to or line.from_
            ends = (node(pos.id), node(other)) if line.to else (node(other), node(pos.id))
            add(*ends, line.label)
    for eid, ext in org.externals.items():
        for line in ext.dotted_lines:
            add(node(eid), node(line.to), line.label)
    return out


def check_chart(data: bytes, item) -> dict:
    boxes, lines = read_chart(data)
    for key, line in lines.items():
        for point in line["samples"]:
            inside = [b for b, rect in boxes.items() if _inside(point, rect)]
            assert not inside, f"{key} crosses {inside} at {point}"
        if line["label_box"]:
            covered = [b for b, rect in boxes.items() if _overlap(line["label_box"], rect)]
            assert not covered, f"{key}'s label covers {covered}"
    labelled = [line["label_box"] for line in lines.values() if line["label_box"]]
    for i, a in enumerate(labelled):  # labels do not hide one another either
        assert not any(_overlap(a, b) for b in labelled[i + 1:])
    want = expected_relations(item)
    drawn = {frozenset(line["ends"]): line for line in lines.values()}
    assert len(drawn) == len(lines)  # one line per pair of boxes
    assert set(drawn) == set(want)
    for pair, (dirs, labels) in want.items():
        line = drawn[pair]
        shown = " ".join(line["label"].split())  # wrapped over lines: one space between them
        assert sorted(shown.split("; ") if shown else []) == sorted(" ".join(label.split()) for label in labels)
        assert sorted(line["tooltip"].split("; ")) == sorted(labels or ["dotted line"])
        assert len(line["tips"]) == len(dirs)  # an arrowhead at each end a relation points to
        assert line["ends"] in dirs
        if labels:
            assert line["label_box"] is not None
    return lines


def chart_svg(path: Path | str, tmp_path: Path, **options) -> list[tuple[object, bytes]]:
    out = []
    for item in steps.load([str(path)]):
        drawn = chart_render.draw(item.analysis, ChartOptions(**options), tmp_path)
        for page in chart_render.render_drawn(item.analysis, drawn, "svg", tmp_path):
            out.append((item, page.data))
    return out


@pytest.mark.parametrize("org", SEEDS)
def test_no_dotted_line_of_a_seed_org_crosses_a_box(org, tmp_path):
    charts = chart_svg(ROOT / org, tmp_path) + chart_svg(ROOT / org, tmp_path, direction="LR")
    assert charts
    for item, data in charts:
        check_chart(data, item)


def generated(kind: str, seed: int = 7) -> str:
    """An org made up for the test: `deep` (a chain of 14 managers), `wide` (12 teams of stacked reports and
    sub-teams), with 40 dotted lines between far apart positions, some both ways, some repeated, some to and
    from externals."""
    rng = random.Random(seed)
    lines = ["org: {name: Generated}", "externals:"]
    externals = ["partner", "regulator", "agency"]
    for e in externals:
        lines += [f"  {e}:", f"    name: The {e}", "    kind: company"]
    lines.append("positions:")
    ids: list[str] = []

    def pos(pid: str, boss: str | None) -> None:
        ids.append(pid)
        lines.append(f"  - id: {pid}\n    title: Role {pid}\n    holders: [Person {pid}]" +
                     (f"\n    reports_to: {boss}" if boss else ""))

    pos("top", None)
    if kind == "deep":
        boss = "top"
        for level in range(14):
            pos(f"m{level}", boss)
            for leaf in range(2):
                pos(f"m{level}-ic{leaf}", f"m{level}")
            boss = f"m{level}"
    else:
        for team in range(12):
            pos(f"t{team}", "top")
            for leaf in range(9 if team % 3 else 3):
                pos(f"t{team}-ic{leaf}", f"t{team}")
            for sub in range(2 if team % 2 else 0):
                pos(f"t{team}-s{sub}", f"t{team}")
                for leaf in range(5):
                    pos(f"t{team}-s{sub}-ic{leaf}", f"t{team}-s{sub}")
    relations: dict[str, list[str]] = {}
    for n in range(40):
        a, b = rng.sample(ids, 2)
        label = rng.choice(["Budget", "Hiring & <review>", "Security sign-off for the platform", None])
        if n % 10 == 0:
            b = rng.choice(externals)
        relations.setdefault(a, []).append(f"      - to: {b}" + (f"\n        label: '{label}'" if label else ""))
        if n % 7 == 0 and b not in externals:  # the other way too
            relations.setdefault(b, []).append(f"      - to: {a}\n        label: Back {n}")
        if n % 9 == 0:  # the same relation written twice
            relations[a].append(f"      - to: {b}" + (f"\n        label: '{label}'" if label else ""))
    out = []
    for line in lines:
        out.append(line)
        pid = line.split("id: ", 1)[1].split("\n", 1)[0] if line.startswith("  - id: ") else None
        if pid in relations:
            out.append("    dotted_lines:\n" + "\n".join(relations[pid]))
    out += ["  - id: outside", "    title: Works for a partner", "    reports_to: top",
            "    dotted_lines: [{from: partner, label: Seconded}]"]  # a relation from an external
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("kind,options", [
    ("deep", {}), ("wide", {}), ("wide", {"direction": "LR"}), ("deep", {"direction": "LR"}),
    ("wide", {"engine": "dot"}), ("wide", {"stack": False}),
], ids=["deep", "wide", "wide-lr", "deep-lr", "wide-dot-layout", "wide-no-stack"])
def test_no_dotted_line_of_a_generated_org_crosses_a_box(kind, options, tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(generated(kind))
    [(item, data)] = chart_svg(path, tmp_path, **options)
    lines = check_chart(data, item)
    assert len(lines) >= 30  # 40 relations, a few merged
    assert any(len(line["tips"]) == 2 for line in lines.values())  # relations both ways: one line, two heads
    assert any(line["ends"][0].startswith("ext-") or line["ends"][1].startswith("ext-") for line in lines.values())


def test_relations_between_the_same_boxes_are_one_line_with_their_labels_joined(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text("""org: {name: Merged}
positions:
  - id: a
    title: Head
  - id: b
    title: Left
    reports_to: a
    dotted_lines:
      - {to: c, label: Budget}
      - {to: c, label: Budget}
      - {from: c, label: Hiring}
  - id: c
    title: Right
    reports_to: a
    dotted_lines:
      - {to: b, label: Security}
""")
    [(item, data)] = chart_svg(path, tmp_path)
    boxes, lines = read_chart(data)
    [line] = lines.values()
    assert line["label"] == "Budget; Hiring; Security"  # each label once, in the order written
    assert len(line["tips"]) == 2
    # the heads point into the two boxes: each tip on (within a point of) the border of its box
    for tip in line["tips"]:
        assert any(abs(tip[1] - r[1]) <= 1 or abs(tip[1] - r[3]) <= 1 or abs(tip[0] - r[0]) <= 1
                   or abs(tip[0] - r[2]) <= 1 for r in (boxes["pos-b"], boxes["pos-c"]))


def test_the_pdf_and_png_say_what_each_relation_is(tmp_path):
    """Graphviz draws the labels from the DOT (edge labels pinned with lp): PDF text carries them."""
    [item] = steps.load([str(ROOT / "tests" / "data" / "charts" / "every-feature")])
    drawn = chart_render.draw(item.analysis, ChartOptions(), tmp_path)
    [pdf] = chart_render.render_drawn(item.analysis, drawn, "pdf", tmp_path)
    # NFKC: the PDF's font sets "ff" as one glyph (U+FB00), which reads back as such
    text = unicodedata.normalize("NFKC", " ".join(" ".join(page.extract_text().split())
                                                  for page in PdfReader(io.BytesIO(pdf.data)).pages))
    for label in ('Budget <review> & "sign-off"', "Reviews access controls", "Audits the books"):
        assert label in text
    [png] = chart_render.render_drawn(item.analysis, drawn, "png", tmp_path)
    assert png.data.startswith(b"\x89PNG")
    dot = chart_render.to_dot(drawn[0].scene, drawn[0].layout, ChartOptions())
    assert dot.count("lp=") == 3 and dot.count("arrowhead=vee") == 4
