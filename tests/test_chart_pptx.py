"""Issue 15, item 3: `chart -f pptx`, an editable PowerPoint deck, read back with python-pptx.

What a deck must say is taken from elsewhere: the boxes, their texts and lines from the SVG orgdocs writes of
the same chart (parsed with xml.etree), their positions from the layout (chart/layout.py), the names from the
org. The leak scan must read the deck's XML (a byte scan of the zip would see nothing)."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from conftest import invoke_cli
from pptx import Presentation
from pptx.enum.dml import MSO_LINE
from pptx.oxml.ns import qn

from orgdocs.chart.options import ChartOptions
from orgdocs.commands import steps
from orgdocs.outputs.public import secrets_for
from orgdocs.render import chart as chart_render
from orgdocs.render.chart_dot import HEADER_H, MARGIN, PAPER_MARGIN, canvas
from orgdocs.scan import find_leaks
from orgdocs.scan.numbers import amounts_in
from orgdocs.views.audience import audience_rules

ROOT = Path(__file__).resolve().parent.parent
EVERY = ROOT / "tests" / "data" / "charts" / "every-feature"
SPLIT_ORG = ROOT / "orgs" / "support-operations"
SVG = "{http://www.w3.org/2000/svg}"
EMU = 12700
NAMES = ["Lovelace", "محمد", "张伟", "Bo Beta", "Cy Gamma", "O'Brien", "山田"]  # holders in every-feature


def deck(tmp_path: Path, org: Path, *args, name: str = "x.pptx"):
    out = tmp_path / name
    result = invoke_cli("chart", org, "-o", out, *args)
    assert result.exit_code == 0, result.output
    return Presentation(out), out


def svg_nodes(tmp_path: Path, org: Path, *args) -> dict[str, list[str]]:
    """Each box's id and its texts, in the SVG of the same chart."""
    out = tmp_path / "same.svg"
    assert invoke_cli("chart", org, "-o", out, *args).exit_code == 0
    graph = ET.parse(out).getroot().find(SVG + "g")
    return {g.get("id"): ["".join(t.itertext()) for t in g.iter(SVG + "text")]
            for g in graph.findall(SVG + "g") if g.get("id", "").startswith(("pos-", "ext-"))}


def words(texts) -> list[str]:
    return sorted(w for t in texts for w in t.split() if w != "│")  # the co-heads' rule: a line in the SVG


def all_text(prs) -> str:
    return "\n".join(s.text_frame.text for slide in prs.slides for s in slide.shapes if s.has_text_frame)


def test_one_slide_16x9_with_one_shape_per_box_holding_the_svgs_text(tmp_path):
    prs, _ = deck(tmp_path, EVERY)
    assert (prs.slide_width, prs.slide_height) == (960 * EMU, 540 * EMU)  # 13.333 × 7.5 in
    [slide] = prs.slides
    nodes = svg_nodes(tmp_path, EVERY)
    shapes = {s.name: s for s in slide.shapes}
    boxes = [s for s in slide.shapes if s.name.startswith(("pos-", "ext-"))]
    assert sorted(s.name for s in boxes) == sorted(nodes)  # one shape per box, no more
    for shape in boxes:
        assert words([shape.text_frame.text]) == words(nodes[shape.name]), shape.name
    ceo = shapes["pos-ceo"].text_frame
    assert ceo.paragraphs[0].runs[0].text == "Chief Executives" and ceo.paragraphs[0].runs[0].font.bold
    assert 'Ada <Lovelace> & "Co"' in ceo.text  # literal, as written
    status = shapes["pos-engineers"].text_frame.paragraphs[-1].runs[0]
    assert status.text == "2 open" and status.font.italic
    badge = [r.text for r in shapes["pos-engineers"].text_frame.paragraphs[0].runs]
    assert badge[-1] == "×5" and badge[-2] == "\t"  # the badge right of the title, at a right tab stop
    for key in ("title", "footer", "legend-title"):
        assert key in shapes
    assert "Every <Feature>" in shapes["title"].text_frame.text
    assert "Leadership" in all_text(prs)  # the legend's colour keys


def test_boxes_sit_where_the_layout_puts_them(tmp_path):
    prs, _ = deck(tmp_path, EVERY)
    [item] = steps.load([str(EVERY)])
    [drawn] = chart_render.draw(item.analysis, ChartOptions(), tmp_path)
    cw, ch, *_ = canvas(drawn.scene, drawn.layout)
    # the canvas scaled to fit 960 × 540 within 28 pt margins, centred
    fit = min(1.5, (960 - 2 * PAPER_MARGIN) / cw, (540 - 2 * PAPER_MARGIN) / ch)
    ox, oy = (960 - cw * fit) / 2, (540 - ch * fit) / 2
    dx = MARGIN + (cw - 2 * MARGIN - drawn.layout.width) / 2
    shapes = {s.name: s for s in prs.slides[0].shapes}
    for key, p in drawn.layout.boxes.items():
        shape = shapes[("ext-" if key.startswith("ext-") else "pos-") + key.removeprefix("ext-")]
        want = (ox + (p.x - p.w / 2 + dx) * fit, oy + (p.y + MARGIN + HEADER_H) * fit, p.w * fit, p.h * fit)
        got = tuple(v / EMU for v in (shape.left, shape.top, shape.width, shape.height))
        assert got == pytest.approx(want, abs=0.01), key


def test_lines_are_line_shapes_and_dotted_lines_dashed_with_an_arrowhead(tmp_path):
    prs, _ = deck(tmp_path, EVERY)
    svg = ET.parse(_svg(tmp_path, EVERY)).getroot().find(SVG + "g")
    edges = {g.get("id") for g in svg.findall(SVG + "g") if "edge" in g.get("class", "").split()}
    shapes = {s.name: s for s in prs.slides[0].shapes}
    assert edges and edges <= set(shapes)
    for key in edges:
        ln = shapes[key]._element.find(".//" + qn("a:ln"))
        if key.startswith("dotted-"):
            assert shapes[key].line.dash_style == MSO_LINE.DASH
            assert ln.find(qn("a:tailEnd")).get("type") == "arrow"
        else:
            assert shapes[key].line.dash_style is None and ln.find(qn("a:tailEnd")) is None
        assert shapes[key]._element.find(".//" + qn("a:custGeom")) is not None  # a freeform line
    assert any(k.startswith("dotted-") for k in edges) and any(k.startswith("edge-") for k in edges)



def test_dotted_labels_and_unit_frames_as_in_the_svg(tmp_path):
    """Each dotted line's label (chart/routing.py) is a text box on the slide with the SVG's words; --unit-frames'
    frames and their names are there too."""
    prs, _ = deck(tmp_path, EVERY, "--unit-frames")
    svg = ET.parse(_svg_with(tmp_path, EVERY, "--unit-frames")).getroot().find(SVG + "g")
    shapes = {s.name: s for s in prs.slides[0].shapes}
    labels = {}
    for g in svg.iter(SVG + "g"):
        if "dotted-line" in g.get("class", "").split():
            # the label's texts follow the line's <a> inside its group (chart_svg._label)
            texts = [t for t in g.iter(SVG + "text")]
            if texts:
                labels[g.get("id")] = " ".join("".join(t.itertext()) for t in texts)
    assert labels, "every-feature has labelled dotted lines"
    for key, words in labels.items():
        box = shapes[key.replace("dotted-", "dotted-label-", 1)]
        assert " ".join(box.text_frame.text.split()) == " ".join(words.split())
    frames = [g.get("id") for g in svg.iter(SVG + "g") if g.get("id", "").startswith("unit-frame-")]
    assert frames and all(f in shapes for f in frames)
    for f in frames:
        name = "".join(next(g for g in svg.iter(SVG + "g") if g.get("id") == f.replace("frame", "label"))
                       .find(SVG + "text").itertext())
        assert shapes[f.replace("frame", "label")].text_frame.text == name


def _svg_with(tmp_path: Path, org: Path, *args) -> Path:
    svg_nodes(tmp_path, org, *args)
    return tmp_path / "same.svg"

def _svg(tmp_path: Path, org: Path) -> Path:
    svg_nodes(tmp_path, org)
    return tmp_path / "same.svg"


def test_dashed_and_rounded_boxes_keep_their_style(tmp_path):
    prs, _ = deck(tmp_path, EVERY)
    shapes = {s.name: s for s in prs.slides[0].shapes}
    assert shapes["pos-contractors"].line.dash_style == MSO_LINE.DASH
    assert shapes["pos-vendor-team"].line.dash_style == MSO_LINE.ROUND_DOT
    assert "roundRect" in shapes["pos-vendor-team"]._element.xml and "roundRect" in shapes["ext-board"]._element.xml
    assert shapes["pos-cto"].line.dash_style is None
    band, box = shapes["band-cto"], shapes["pos-cto"]
    assert str(band.fill.fore_color.rgb) == "3A8A6A"  # the unit's colour, #3a8a6a
    assert box.top < band.top < box.top + 2 * EMU and box.left < band.left and band.width < box.width  # its top


def test_fonts_are_set_by_name_and_han_text_is_east_asian(tmp_path):
    prs, _ = deck(tmp_path, EVERY)
    runs = [r for s in prs.slides[0].shapes if s.has_text_frame for p in s.text_frame.paragraphs for r in p.runs]
    assert runs and all(r.font.name == "Noto Sans" for r in runs)
    han = [r for r in runs if r.text == "张伟"]
    assert han
    rpr = han[0]._r.find(qn("a:rPr"))
    assert rpr.get("lang") == "zh-CN" and rpr.find(qn("a:ea")).get("typeface") == "Noto Sans CJK SC"
    latin = [r for r in runs if r.text.startswith("Bo Beta, Cy Gamma")]
    assert latin and latin[0]._r.find(qn("a:rPr")).find(qn("a:ea")) is None


def test_split_gives_a_slide_per_page(tmp_path):
    # support-operations --split: the overview and three unit pages (tests/test_chart_slides.py): 4 slides
    prs, _ = deck(tmp_path, SPLIT_ORG, "--split")
    assert len(prs.slides) == 4
    titles = [next(s for s in slide.shapes if s.name == "title").text_frame.text for slide in prs.slides]
    assert "Overview" in titles[0]
    for unit in ("Technical Support", "Customer Success", "Support Operations"):
        assert any(unit in t.split("\n", 1)[1] for t in titles[1:]), unit
    four_by_three, _ = deck(tmp_path, SPLIT_ORG, "--split", "--page", "slide-4x3", name="y.pptx")
    assert (four_by_three.slide_width, four_by_three.slide_height) == (720 * EMU, 540 * EMU)


def test_a_slide_shrunk_below_the_readable_scale_says_so(tmp_path):
    # fitted to a 16:9 slide: 39% (its job share shows pictures: its boxes are 18 pt taller)
    org = ROOT / "orgs" / "platform-engineering"
    whole = invoke_cli("chart", org, "-o", tmp_path / "a.pptx")
    assert whole.exit_code == 0
    assert "note: a.pptx: slide 1 (39%) shrunk below the readable 45% to fit; --split gives a slide per unit" \
        in whole.stderr
    split = invoke_cli("chart", org, "-o", tmp_path / "b.pptx", "--split")
    assert split.exit_code == 0 and "shrunk" not in split.stderr


def test_no_names_with_hide_names_or_for_the_public(tmp_path):
    shown = all_text(deck(tmp_path, EVERY)[0])
    assert all(n in shown for n in NAMES)  # the check below can fail
    for args in (("--hide-names",), ("--audience", "public")):
        prs, path = deck(tmp_path, EVERY, *args, name="hidden.pptx")
        text = all_text(prs)
        assert not any(n in text for n in NAMES), args
        with zipfile.ZipFile(path) as z:  # nor anywhere else in the package
            raw = "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
        assert not any(n in raw for n in ("Lovelace", "张伟", "Bo Beta")), args


def test_hr_deck_shows_only_what_the_hr_svg_shows(tmp_path):
    prs, _ = deck(tmp_path, ROOT / "orgs" / "platform-engineering", "--audience", "hr")
    nodes = svg_nodes(tmp_path, ROOT / "orgs" / "platform-engineering", "--audience", "hr")
    box_words = set(words(s.text_frame.text for s in prs.slides[0].shapes if s.name.startswith(("pos-", "ext-"))))
    assert box_words and box_words <= set(words(t for texts in nodes.values() for t in texts))
    # the hr SVG's tooltips carry pay bands; the deck has no tooltips, and no amount from the org's pay
    [item] = steps.load([str(ROOT / "orgs" / "platform-engineering")])
    pay = secrets_for(item, audience_rules(item.org, "all-hands")).amounts
    assert pay and not (amounts_in(all_text(prs)) & pay.keys())


def test_the_leak_scan_reads_inside_the_deck(tmp_path):
    _, path = deck(tmp_path, EVERY)
    data = path.read_bytes()
    assert b"Bo Beta" not in data  # compressed: a scan of the bytes would miss it
    [item] = steps.load([str(EVERY)])
    secrets = secrets_for(item, audience_rules(item.org, "all-hands"), hide_names=True)
    leaks = find_leaks([("chart.pptx", data)], secrets)
    named = {leak.secret.what for leak in leaks}
    assert {"the name of a holder of engineers", "the name of a holder of intern"} <= named, named
    hidden = (tmp_path / "hidden.pptx")
    assert invoke_cli("chart", EVERY, "-o", hidden, "--hide-names").exit_code == 0
    assert find_leaks([("chart.pptx", hidden.read_bytes())], secrets) == []


def test_the_same_chart_gives_the_same_bytes_dated_by_the_org(tmp_path):
    prs, first = deck(tmp_path, EVERY, name="a.pptx")
    _, second = deck(tmp_path, EVERY, name="b.pptx")
    assert first.read_bytes() == second.read_bytes()
    props = prs.core_properties
    assert props.created.date().isoformat() == "2026-01-15" and props.modified == props.created  # as_of
    assert props.title.startswith('Every <Feature> & "Co"') and props.last_modified_by == "orgdocs"
    with zipfile.ZipFile(first) as z:
        assert {i.date_time[:3] for i in z.infolist()} == {(2026, 1, 15)}


def test_pptx_needs_a_file_not_standard_output(tmp_path):
    result = invoke_cli("chart", EVERY, "-f", "pptx", "-o", "-")
    assert result.exit_code == 2 and "pptx needs -o FILE" in result.output
    out = tmp_path / "out"
    assert invoke_cli("chart", EVERY, "-f", "pptx", "--out-dir", out).exit_code == 0
    assert [p.name for p in (out / "every-feature").iterdir()] == ["chart.pptx"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here")
def test_libreoffice_renders_the_deck_to_a_picture_that_is_not_blank(tmp_path):
    from PIL import Image

    _, path = deck(tmp_path, EVERY)
    done = subprocess.run(["soffice", "--headless", "--convert-to", "png", "--outdir", str(tmp_path), str(path)],
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    image = Image.open(tmp_path / "x.png").convert("L")
    low, high = image.getextrema()
    assert high - low > 100 and re.search(r"x\.png", " ".join(p.name for p in tmp_path.iterdir()))


# --------------------------------------------------------------------------------------------------------------
# build: chart.pptx in every audience's tree, scanned like the rest
# --------------------------------------------------------------------------------------------------------------

CS = ROOT / "orgs" / "platform-engineering"  # 17 positions with names, too tall for one readable slide


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = invoke_cli("build", CS, "--audience", "all", "--out-dir", out, "-q")
    assert result.exit_code == 0, result.output
    return out


def holder_names() -> list[str]:
    [item] = steps.load([str(CS)])
    return [n for p in item.org.positions for n in p.holder_names() if len(n) > 3]


def test_build_writes_a_deck_in_every_tree_linked_from_the_index(built):
    names = holder_names()
    assert names
    for audience in ("all-hands", "hr", "public"):
        folder = built / audience / "platform-engineering"
        prs = Presentation(folder / "chart.pptx")
        assert (prs.slide_width, prs.slide_height) == (960 * EMU, 540 * EMU)
        # with names, split by unit (fitted to one slide it would be shrunk to 39%, below 45%); the public's boxes
        # have no names and are shorter: one slide. Every position on some slide.
        assert len(prs.slides) == (7 if audience != "public" else 1), audience
        boxes = {s.name for slide in prs.slides for s in slide.shapes if s.name.startswith("pos-")}
        assert boxes == {f"pos-{p.id}" for p in steps.load([str(CS)])[0].org.positions}
        text = all_text(prs)
        assert any(n in text for n in names) == (audience != "public"), audience  # public: no names
        index = (folder / "index.html").read_text(encoding="utf-8")
        assert '<a href="chart.pptx">Chart (PowerPoint)</a>' in index
        # the pages that show the chart inline carry no font; chart.svg does
        assert "@font-face" not in index and "@font-face" not in (folder / "chart.html").read_text(encoding="utf-8")
        assert b"@font-face" in (folder / "chart.svg").read_bytes()


def test_verify_finds_a_name_planted_inside_the_public_deck(built, tmp_path):
    import shutil as sh

    tree = tmp_path / "public"
    sh.copytree(built / "public", tree)
    assert invoke_cli("verify", tree, CS).exit_code == 0
    deck_path = tree / "platform-engineering" / "chart.pptx"
    prs = Presentation(deck_path)
    name = holder_names()[0]
    box = next(s for s in prs.slides[0].shapes if s.name.startswith("pos-"))
    box.text_frame.paragraphs[0].runs[0].text = name  # a name in a deck meant for the public
    prs.save(deck_path)
    assert name.encode() not in deck_path.read_bytes()  # only inside the zip
    result = invoke_cli("verify", tree, CS)
    assert result.exit_code == 5 and "chart.pptx" in result.output, result.output
