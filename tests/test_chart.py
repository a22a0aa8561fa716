"""`orgdocs chart`: what the drawn chart shows, read back from the SVG Graphviz writes (never byte-compared).

Expected content is computed from the org definitions themselves (positions, reports_to, dotted lines, units),
independently of orgdocs' own tree code, and compared with the boxes, lines and texts parsed from the SVG:

  * a position box is <g class="node position ..." id="pos-<id>"> (expanded holders: pos-<id>--1, ...),
    an external is <g class="node external ..." id="ext-<id>">; the box is the first polygon (externals: path)
    in the group, its texts are the <text> elements, its tooltip is xlink:title on the <a> inside it;
  * a line is <g class="edge reports-to">, "edge reports-to external" or "edge dotted-line"; its ends come from
    the edge's <title> "nA->nB", matched with the nodes' <title> "nA".
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import invoke_cli
from pypdf import PdfReader

from orgdocs.chart.options import ChartOptions
from orgdocs.commands import steps
from orgdocs.render import chart as chart_render
from orgdocs.render import graphviz as graphviz_run
from orgdocs.render.chart import dot_source
from orgdocs.render.graphviz import RenderError

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "charts"
HOSTILE = DATA / "hostile"
GROUPS = DATA / "groups"
SVG = "{http://www.w3.org/2000/svg}"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

SEEDS = [
    "orgs/cs-lifecycle-org",
    "orgs/cs-enhanced-team",
    "orgs/customer-value-adoption/region-first.yaml",
    "orgs/support-operations",
    "orgs/cs-by-stage/series-c.yaml",
]


# --------------------------------------------------------------------------------------------------------------
# Running the CLI and reading what it wrote
# --------------------------------------------------------------------------------------------------------------


invoke = invoke_cli


def draw(out: Path, org: str | Path, *options: str) -> Path:
    """`orgdocs chart ORG -o OUT OPTIONS...`, which must succeed; returns OUT."""
    result = invoke("chart", ROOT / org, "-o", out, *options)
    assert result.exit_code == 0, result.output + result.stderr
    assert out.is_file()
    return out


def loaded(org: str | Path) -> steps.LoadedOrg:
    [item] = steps.load([str(ROOT / org)])
    return item


@dataclass
class Box:
    id: str
    classes: list[str]
    texts: list[str]
    tooltip: str | None
    rect: tuple[float, float, float, float]  # x0, y0, x1, y1 in SVG user units, y down
    band: str | None  # fill of the colour band (position boxes)

    @property
    def text(self) -> str:
        return " ".join(self.texts)

    @property
    def cx(self) -> float:
        return (self.rect[0] + self.rect[2]) / 2

    @property
    def top(self) -> float:
        return self.rect[1]


@dataclass
class Line:
    id: str
    classes: list[str]
    source: str  # box id ("pos-..." / "ext-...")
    target: str
    dashed: bool
    tooltip: str | None

    @property
    def kind(self) -> str:
        return " ".join(self.classes)


@dataclass
class Chart:
    boxes: dict[str, Box] = field(default_factory=dict)  # positions and externals
    others: dict[str, Box] = field(default_factory=dict)  # title, frame, legend, footer (and anything else)
    lines: list[Line] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0

    @property
    def positions(self) -> dict[str, Box]:
        return {k: b for k, b in self.boxes.items() if "position" in b.classes}

    @property
    def externals(self) -> dict[str, Box]:
        return {k: b for k, b in self.boxes.items() if "external" in b.classes}

    def edges(self, kind: str) -> set[tuple[str, str]]:
        return {(ln.source, ln.target) for ln in self.lines if ln.kind == kind}

    @property
    def legend(self) -> tuple[str, list[str], list[str]]:
        """Legend title, its colour-key labels, and the swatch colour of each (in order)."""
        g = self.others["legend"]
        texts = g.texts
        end = texts.index("───")  # line and box styles follow the colour keys
        return texts[0], texts[1:end], self._legend_swatches

    _legend_swatches: list[str] = field(default_factory=list)

    @property
    def footer(self) -> str:
        return self.others["footer"].text

    @property
    def title(self) -> list[str]:
        return self.others["title"].texts


def _points(shape: ET.Element) -> list[tuple[float, float]]:
    if shape.tag == SVG + "polygon":
        return [tuple(map(float, p.split(","))) for p in shape.get("points").split()]
    nums = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", shape.get("d"))]
    return list(zip(nums[::2], nums[1::2]))


def parse_svg(data: bytes | Path) -> Chart:
    if isinstance(data, Path):
        data = data.read_bytes()
    root = ET.fromstring(data)
    assert root.tag == SVG + "svg"
    graph = root.find(SVG + "g")
    transform = graph.get("transform", "")
    m = re.search(r"scale\(([-\d.]+) ([-\d.]+)\)", transform)
    sx, sy = (float(m.group(1)), float(m.group(2))) if m else (1.0, 1.0)
    m = re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", transform)
    tx, ty = (float(m.group(1)), float(m.group(2))) if m else (0.0, 0.0)

    def rect(shape: ET.Element) -> tuple[float, float, float, float]:
        pts = [((x + tx) * sx, (y + ty) * sy) for x, y in _points(shape)]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return min(xs), min(ys), max(xs), max(ys)

    chart = Chart()
    _, _, chart.width, chart.height = (float(v) for v in root.get("viewBox").split())
    names: dict[str, str] = {}  # Graphviz node name (n0, legend ...) -> SVG id
    edges = []
    for g in graph.iter(SVG + "g"):
        classes = g.get("class", "").split()
        if not classes or classes[0] not in ("node", "edge"):
            continue
        name = g.find(SVG + "title").text
        a = g.find(f".//{SVG}a")
        tooltip = a.get(XLINK_TITLE) if a is not None else None
        if classes[0] == "edge":
            edges.append((g, classes[1:], name, tooltip))
            continue
        names[name] = g.get("id")
        texts = ["".join(t.itertext()) for t in g.iter(SVG + "text")]
        shapes = [s for s in g.iter() if s.tag in (SVG + "polygon", SVG + "path")]
        polygons = [s for s in g.iter(SVG + "polygon")]
        box = Box(g.get("id"), classes[1:], texts, tooltip, rect(shapes[0]) if shapes else (0, 0, 0, 0),
                  polygons[1].get("fill") if len(polygons) > 1 else None)
        if "position" in classes or "external" in classes:
            assert box.id not in chart.boxes, f"two boxes with id {box.id}"
            chart.boxes[box.id] = box
        else:
            chart.others[box.id] = box
            if box.id == "legend":
                chart._legend_swatches = [p.get("fill") for p in polygons]
    for g, classes, name, tooltip in edges:
        a, b = name.split("->")
        path = g.find(f".//{SVG}path")
        chart.lines.append(Line(g.get("id"), classes, names[a], names[b], path.get("stroke-dasharray") is not None,
                                tooltip))
    return chart


def overlapping(boxes: dict[str, Box]) -> list[tuple[str, str]]:
    items = sorted(boxes.values(), key=lambda b: b.rect[0])
    found = []
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if b.rect[0] >= a.rect[2] - 0.5:
                break
            if a.rect[1] < b.rect[3] - 0.5 and b.rect[1] < a.rect[3] - 0.5:
                found.append((a.id, b.id))
    return found


# --------------------------------------------------------------------------------------------------------------
# What the chart should show, from the org definition alone
# --------------------------------------------------------------------------------------------------------------


class Expect:
    def __init__(self, org: str | Path):
        self.item = loaded(org)
        self.org = self.item.org
        self.pos = {p.id: p for p in self.org.positions}
        self.kids: dict[str, list[str]] = {pid: [] for pid in self.pos}
        for p in self.org.positions:
            if p.reports_to in self.pos:
                self.kids[p.reports_to].append(p.id)
        self.roots = [p.id for p in self.org.positions if p.reports_to not in self.pos]

    def subtree(self, pid: str) -> list[str]:
        out, todo = [], [pid]
        while todo:
            p = todo.pop()
            out.append(p)
            todo.extend(self.kids[p])
        return out

    def below(self, pid: str) -> int:
        return sum(self.pos[p].seats for p in self.subtree(pid)) - self.pos[pid].seats

    def layer(self, pid: str) -> int:
        n = 1
        while self.pos[pid].reports_to in self.pos:
            pid = self.pos[pid].reports_to
            n += 1
        return n

    def unit(self, pid: str) -> str | None:
        """A position's own unit, else its nearest manager's."""
        while pid is not None:
            if self.pos[pid].unit:
                return self.pos[pid].unit
            pid = self.pos[pid].reports_to if self.pos[pid].reports_to in self.pos else None
        return None

    def target(self, to: str) -> str:
        return f"pos-{to}" if to in self.pos else f"ext-{to}"

    def title(self, pid: str) -> str:
        p = self.pos[pid]
        return p.title or self.org.roles[p.role].title

    def tooltip(self, pid: str) -> str:
        p = self.pos[pid]
        role = self.org.roles.get(p.role) if p.role else None
        return role.summary if role and role.summary else self.title(pid)


def stats_json(org: str | Path) -> dict:
    result = invoke("stats", ROOT / org, "--json")
    assert result.exit_code == 0, result.output
    [numbers] = json.loads(result.stdout)
    return numbers


@pytest.fixture(scope="session")
def seed_chart(tmp_path_factory):
    """The default SVG chart of a seed org, drawn once per session."""
    cache: dict[str, Chart] = {}

    def get(org: str) -> Chart:
        if org not in cache:
            out = tmp_path_factory.mktemp("seed") / "x.svg"
            cache[org] = parse_svg(draw(out, org))
        return cache[org]

    return get


# --------------------------------------------------------------------------------------------------------------
# 1. The seed orgs
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("org", SEEDS)
def test_seed_has_one_box_per_position(seed_chart, org):
    chart, want = seed_chart(org), Expect(org)
    assert set(chart.positions) == {f"pos-{p}" for p in want.pos}
    for pid in want.pos:
        box = chart.positions[f"pos-{pid}"]
        title = want.title(pid)  # wrapped on up to two lines, shortened with … if longer
        assert box.text.startswith(title) or box.text.startswith(title[:10]) and "…" in box.text, (title, box.texts)
        assert box.tooltip == want.tooltip(pid)
    assert overlapping(chart.boxes) == []
    for box in chart.boxes.values():  # all of every box is on the sheet
        x0, y0, x1, y1 = box.rect
        assert 0 <= x0 and x1 <= chart.width and 0 <= y0 and y1 <= chart.height, box.id


@pytest.mark.parametrize("org", SEEDS)
def test_seed_lines(seed_chart, org):
    chart, want = seed_chart(org), Expect(org)
    reports = {(f"pos-{p.reports_to}", f"pos-{p.id}") for p in want.org.positions if p.reports_to in want.pos}
    to_external = {(f"pos-{r}", f"ext-{want.pos[r].reports_to}") for r in want.roots
                   if want.pos[r].reports_to in want.org.externals}
    dotted = [(f"pos-{p.id}", want.target(d.to)) for p in want.org.positions for d in p.dotted_lines]

    assert chart.edges("reports-to") == reports
    assert len([ln for ln in chart.lines if ln.kind == "reports-to"]) == len(reports)
    assert chart.edges("reports-to external") == to_external
    assert sorted((ln.source, ln.target) for ln in chart.lines if ln.kind == "dotted-line") == sorted(dotted)
    assert len(chart.lines) == len(reports) + len(to_external) + len(dotted)  # nothing else
    for ln in chart.lines:
        assert ln.dashed == (ln.kind == "dotted-line"), ln.id
    assert set(chart.externals) == {t for _, t in to_external} | {t for _, t in dotted if t.startswith("ext-")}
    for key, box in chart.externals.items():
        ext = want.org.externals[key.removeprefix("ext-")]
        assert box.texts == [ext.name, "Outside this org"]


@pytest.mark.parametrize("org", SEEDS)
def test_seed_group_badges(seed_chart, org):
    chart, want = seed_chart(org), Expect(org)
    groups = {pid: p.seats for pid, p in want.pos.items() if p.seats > 1}
    assert groups, "every seed has headcount groups"
    for pid, p in want.pos.items():
        texts = chart.positions[f"pos-{pid}"].texts
        if p.seats > 1:
            assert f"×{p.seats}" in texts, (pid, texts)
        else:
            assert not any(t.startswith("×") for t in texts), (pid, texts)


@pytest.mark.parametrize("org", SEEDS)
def test_seed_legend_and_footer(seed_chart, org):
    chart, want = seed_chart(org), Expect(org)
    title, entries, swatches = chart.legend
    assert title == "Units"
    used = list(dict.fromkeys(want.unit(p) for p in want.pos))
    assert entries == [want.org.units[u].name if u else "No unit" for u in used]
    assert len(swatches) == len(entries)
    for pid in want.pos:  # each box has its unit's colour, as the legend shows it
        u = want.unit(pid)
        name = want.org.units[u].name if u else "No unit"
        assert chart.positions[f"pos-{pid}"].band == swatches[entries.index(name)], pid
    assert chart.title[0] == want.org.org.name

    numbers = stats_json(org)
    assert f"{numbers['headcount']} people in {numbers['positions']} positions" in chart.footer
    assert f"{numbers['layers']} layers" in chart.footer


# --------------------------------------------------------------------------------------------------------------
# 2. Options
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("org", "root", "externals"), [
    ("orgs/cs-lifecycle-org", "director-technical-support", {"ext-engineering"}),  # a dotted line from inside
    ("orgs/cs-lifecycle-org", "director-cs-management", set()),
    ("orgs/support-operations", "vp-customer-success", set()),  # the root's own reports-to line is outside
    ("orgs/customer-value-adoption/region-first.yaml", "head-of-cs",
     {"ext-enablement", "ext-operations", "ext-product"}),
])
def test_root_draws_exactly_the_subtree(tmp_path, org, root, externals):
    want = Expect(org)
    chart = parse_svg(draw(tmp_path / "x.svg", org, "--root", root))
    inside = want.subtree(root)
    assert set(chart.positions) == {f"pos-{p}" for p in inside}
    assert set(chart.externals) == externals
    assert chart.edges("reports-to external") == set()
    assert chart.edges("reports-to") == {(f"pos-{want.pos[p].reports_to}", f"pos-{p}") for p in inside if p != root}
    assert chart.edges("dotted-line") == {(f"pos-{p}", want.target(d.to)) for p in inside
                                          for d in want.pos[p].dotted_lines
                                          if d.to in inside or d.to in want.org.externals}
    assert f"under {want.title(root)}" in " ".join(chart.title)
    seats = sum(want.pos[p].seats for p in inside)
    assert f"{seats} {'person' if seats == 1 else 'people'} in {len(inside)} positions" in chart.footer


@pytest.mark.parametrize("org", ["orgs/support-operations", "orgs/cs-lifecycle-org",
                                 "orgs/customer-value-adoption/region-first.yaml"])
def test_depth_shows_two_layers_and_counts_what_is_cut_off(tmp_path, org):
    want = Expect(org)
    chart = parse_svg(draw(tmp_path / "x.svg", org, "--depth", "2"))
    shown = [p for p in want.pos if want.layer(p) <= 2]
    assert set(chart.positions) == {f"pos-{p}" for p in shown}
    cut = [p for p in shown if want.layer(p) == 2 and want.kids[p]]
    assert cut
    for pid in shown:
        text = chart.positions[f"pos-{pid}"].text
        if pid in cut:
            assert f"+{want.below(pid)} below" in text, (pid, text)
            assert "collapsed" in chart.positions[f"pos-{pid}"].classes
        else:
            assert "below" not in text, (pid, text)
    assert "2 layers" in " ".join(chart.title)


def _leaf_groups(want: Expect, chart: Chart) -> dict[str, list[Box]]:
    """For each manager with two or more reports that have no reports, those reports' boxes in source order."""
    out = {}
    for pid, kids in want.kids.items():
        leaves = [k for k in kids if not want.kids[k]]
        if len(leaves) >= 2:
            out[pid] = [chart.positions[f"pos-{k}"] for k in leaves]
    return out


@pytest.mark.parametrize("org", ["orgs/support-operations", "orgs/cs-lifecycle-org"])
def test_stacking_puts_leaf_reports_in_a_column(seed_chart, tmp_path, org):
    want = Expect(org)
    stacked = _leaf_groups(want, seed_chart(org))
    assert stacked
    for manager, boxes in stacked.items():
        assert len({round(b.cx, 1) for b in boxes}) == 1, manager
        tops = [b.top for b in boxes]
        assert tops == sorted(tops) and len(set(tops)) == len(tops), manager  # one under another, in order

    flat = _leaf_groups(want, parse_svg(draw(tmp_path / "x.svg", org, "--no-stack")))
    for manager, boxes in flat.items():
        assert len({round(b.top, 1) for b in boxes}) == 1, manager
        xs = [b.cx for b in boxes]
        assert xs == sorted(xs) and len(set(xs)) == len(xs), manager  # side by side, in order


def test_stacking_splits_long_columns(tmp_path, write_org):
    org = write_org({
        "org": {"name": "Wide"},
        "positions": [{"id": "boss", "title": "Boss"}]
        + [{"id": f"ic-{i:02d}", "title": f"IC {i}", "reports_to": "boss"} for i in range(12)],
    })
    chart = parse_svg(draw(tmp_path / "x.svg", org))
    boxes = [chart.positions[f"pos-ic-{i:02d}"] for i in range(12)]
    columns = sorted({round(b.cx, 1) for b in boxes})
    assert len(columns) == 2  # at most 10 a column: 12 become two columns of 6, in order
    assert [round(b.cx, 1) for b in boxes] == [columns[0]] * 6 + [columns[1]] * 6
    assert overlapping(chart.boxes) == []


def test_direction_lr_puts_reports_to_the_right(tmp_path):
    org = "orgs/support-operations"
    chart = parse_svg(draw(tmp_path / "x.svg", org, "--direction", "LR"))
    assert set(chart.positions) == {f"pos-{p}" for p in Expect(org).pos}
    pairs = chart.edges("reports-to")
    assert pairs
    for manager, report in pairs:
        m, r = chart.boxes[manager].rect, chart.boxes[report].rect
        assert r[0] > m[2], (manager, report)
    assert overlapping(chart.boxes) == []


def test_direction_tb_puts_reports_below(seed_chart):
    chart = seed_chart("orgs/support-operations")
    for manager, report in chart.edges("reports-to"):
        assert chart.boxes[report].rect[1] > chart.boxes[manager].rect[3], (manager, report)


def test_groups_without_expand_are_one_box(tmp_path):
    chart = parse_svg(draw(tmp_path / "x.svg", GROUPS))
    assert set(chart.positions) == {"pos-lead", "pos-engineers", "pos-analysts", "pos-designer"}
    # the badge sits beside the title; the names follow
    assert chart.positions["pos-engineers"].texts == ["Engineer", "×3", "Ada Alpha, Bo Beta, Cy Gamma"]
    assert "×4" in chart.positions["pos-analysts"].texts


def test_expand_groups_draws_one_box_per_holder(tmp_path):
    chart = parse_svg(draw(tmp_path / "x.svg", GROUPS, "--expand-groups"))
    assert set(chart.positions) == {"pos-lead", "pos-engineers--1", "pos-engineers--2", "pos-engineers--3",
                                    "pos-analysts--1", "pos-analysts--rest", "pos-designer"}
    holders = {"pos-engineers--1": "Ada Alpha", "pos-engineers--2": "Bo Beta", "pos-engineers--3": "Cy Gamma",
               "pos-analysts--1": "Di Delta"}
    for key, name in holders.items():
        box = chart.positions[key]
        assert box.texts[:2] == ["Engineer" if "engineers" in key else "Analyst", name]
        assert not any(t.startswith("×") for t in box.texts)
        assert "expanded" in box.classes
    rest = chart.positions["pos-analysts--rest"]  # 4 seats, 1 named: the other 3 stay one group
    assert rest.texts[0] == "Analyst" and "×3" in rest.texts and "1 open" in rest.text
    assert chart.edges("reports-to") == {("pos-lead", k) for k in chart.positions if k != "pos-lead"}
    assert chart.edges("dotted-line") == {("pos-designer", "pos-engineers--1")}
    assert "8 people in 4 positions" in chart.footer  # counts filled seats, not boxes: the open one apart
    assert chart.footer.endswith("1 open role")
    assert overlapping(chart.boxes) == []


@pytest.mark.parametrize("expand", [False, True])
def test_hide_names_removes_every_holder_name(tmp_path, expand):
    want = Expect(GROUPS)
    names = [n for p in want.org.positions for n in p.holder_names()]
    out = draw(tmp_path / "x.svg", GROUPS, "--hide-names", *(["--expand-groups"] if expand else []))
    raw = out.read_text(encoding="utf-8")
    for name in names:
        assert name not in raw
    chart = parse_svg(out)
    assert chart.positions["pos-lead"].texts == ["Team Lead"]
    if expand:
        assert [chart.positions[f"pos-engineers--{i}"].texts for i in (1, 2, 3)] == [["Engineer"]] * 3
    else:
        assert chart.positions["pos-engineers"].texts == ["Engineer", "×3"]


def _check_colours(chart: Chart, key_of: dict[str, str]) -> None:
    """Each box's colour band is the legend swatch of its key; the legend lists exactly the keys in use."""
    _, entries, swatches = chart.legend
    assert sorted(entries) == sorted(set(key_of.values()))
    assert len(set(swatches)) == len(swatches)
    for pid, key in key_of.items():
        assert chart.positions[f"pos-{pid}"].band == swatches[entries.index(key)], pid


def test_color_by_level(tmp_path):
    org = "orgs/support-operations"
    want = Expect(org)
    chart = parse_svg(draw(tmp_path / "x.svg", org, "--color-by", "level"))
    assert chart.legend[0] == "Levels"
    levels = {pid: want.org.levels[want.org.roles[p.role].level].name for pid, p in want.pos.items()}
    assert "Vice President" in levels.values() and "Associate" in levels.values()
    _check_colours(chart, levels)
    assert not set(chart.legend[1]) & {u.name for u in want.org.units.values()}


def test_color_by_attribute(tmp_path):
    org = "orgs/support-operations"
    want = Expect(org)
    chart = parse_svg(draw(tmp_path / "x.svg", org, "--color-by", "staff_group"))
    assert chart.legend[0] == "Staff group"
    _check_colours(chart, {pid: p.attributes["staff_group"] for pid, p in want.pos.items()})
    assert set(chart.legend[1]) == {"leadership", "support agents", "specialists"}

    chart = parse_svg(draw(tmp_path / "y.svg", org, "--color-by", "support_tier"))  # not every position has it
    assert chart.legend[0] == "Support tier"
    _check_colours(chart, {pid: p.attributes.get("support_tier", "No support_tier") for pid, p in want.pos.items()})


@pytest.mark.parametrize(("options", "message"), [
    (["--color-by", "x"], "--color-by 'x': no position has that attribute"),
    (["--root", "nope"], "--root 'nope' is not a position id"),
])
def test_bad_option_exits_2_and_writes_nothing(tmp_path, options, message):
    out = tmp_path / "out"
    out.mkdir()
    result = invoke("chart", ROOT / "orgs/support-operations", "-o", out / "x.svg", *options)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert list(out.iterdir()) == []
    result = invoke("chart", ROOT / "orgs/support-operations", "--out-dir", out, *options)
    assert result.exit_code == 2
    assert list(out.iterdir()) == []


def test_color_by_error_lists_the_choices(tmp_path):
    result = invoke("chart", ROOT / "orgs/support-operations", "-o", tmp_path / "x.svg", "--color-by", "x")
    assert "unit, level, track, role, staff_group, support_tier" in result.stderr


def test_chart_of_a_folder_of_several_orgs_is_a_clear_error(tmp_path):
    result = invoke("chart", ROOT / "orgs/cs-by-stage", "-o", tmp_path / "x.svg", catch=True)
    assert result.exit_code == 2
    assert not isinstance(result.exception, ValueError)
    assert result.stderr.strip()
    assert not (tmp_path / "x.svg").exists()


def test_footer_counts_are_grammatical(tmp_path, write_org):
    chart = parse_svg(draw(tmp_path / "x.svg", GROUPS))
    assert "1 manager ·" in chart.footer
    one = write_org({"org": {"name": "Solo"}, "positions": [{"id": "a", "title": "Founder"}]}, "solo.yaml")
    footer = parse_svg(draw(tmp_path / "y.svg", one)).footer
    assert "1 person in 1 position" in footer and footer.endswith("1 layer")


# --------------------------------------------------------------------------------------------------------------
# 3. Split and pages
# --------------------------------------------------------------------------------------------------------------

SPLIT_ORG = "orgs/support-operations"
SPLIT_UNITS = {  # the unit pages of support-operations: each director's unit; the VP's unit has nothing of its own
    "technical-support": "director-technical-support",
    "customer-success": "director-customer-success",
    "support-operations": "director-support-operations",
}


def test_split_svg_writes_an_overview_and_a_file_per_unit(tmp_path):
    want = Expect(SPLIT_ORG)
    out = tmp_path / "out"
    result = invoke("chart", ROOT / SPLIT_ORG, "--split", "-f", "svg", "-o", out / "x.svg")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(["x.svg"] + [f"x-{u}.svg" for u in SPLIT_UNITS])

    overview = parse_svg(out / "x.svg")
    assert set(overview.positions) == {f"pos-{p}" for p in want.pos if want.layer(p) <= 2}
    assert "Overview" in overview.title[1]
    for director in SPLIT_UNITS.values():
        assert f"+{want.below(director)} below" in overview.positions[f"pos-{director}"].text
    seen = set(overview.positions)
    for unit, lead in SPLIT_UNITS.items():
        page = parse_svg(out / f"x-{unit}.svg")
        name = want.org.units[unit].name
        assert set(page.positions) == {f"pos-{p}" for p in want.subtree(lead)}
        assert page.title[1].startswith(f"{name} — ")
        assert page.legend[1] == [name]
        seen |= set(page.positions)
    assert seen == {f"pos-{p}" for p in want.pos}  # every position is on some page


@pytest.mark.parametrize("org", ["orgs/support-operations", "orgs/cs-lifecycle-org"])
def test_split_pdf_is_one_document_with_a_page_per_sheet(tmp_path, org):
    svg_dir = tmp_path / "svg"
    result = invoke("chart", ROOT / org, "--split", "-f", "svg", "-o", svg_dir / "x.svg")
    assert result.exit_code == 0
    sheets = sorted(svg_dir.iterdir())
    out = tmp_path / "pdf"
    draw(out / "x.pdf", org, "--split")
    assert [p.name for p in out.iterdir()] == ["x.pdf"]
    reader = PdfReader(out / "x.pdf")
    assert len(reader.pages) == len(sheets) > 1
    text = [page.extract_text() for page in reader.pages]
    assert "Overview" in text[0]
    units = [p.stem.removeprefix("x-") for p in sheets if p.stem != "x"]
    org_units = Expect(org).org.units
    for unit in units:
        assert any(org_units[unit].name in t for t in text[1:]), unit


@pytest.mark.parametrize(("orientation", "size"), [
    ("portrait", (595, 842)),
    ("landscape", (842, 595)),
    ("auto", None),
])
def test_page_a4(tmp_path, orientation, size):
    out = draw(tmp_path / "x.pdf", "orgs/support-operations", "--page", "A4", "--orientation", orientation)
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    got = (float(box.width), float(box.height))
    sizes = [size] if size else [(595, 842), (842, 595)]
    assert any(abs(got[0] - w) <= 1 and abs(got[1] - h) <= 1 for w, h in sizes), got  # A4 is 595.28 x 841.89
    if orientation == "auto":
        assert got[0] > got[1]  # this chart is wider than tall
    assert "Director of Technical Support" in reader.pages[0].extract_text()


def test_page_a4_svg_fits_the_sheet(tmp_path):
    chart = parse_svg(draw(tmp_path / "x.svg", "orgs/customer-value-adoption/region-first.yaml", "--page", "A4"))
    assert (round(chart.width), round(chart.height)) in [(842, 595), (595, 842)]
    for box in chart.boxes.values():
        x0, y0, x1, y1 = box.rect
        assert 0 <= x0 and x1 <= chart.width + 0.5 and 0 <= y0 and y1 <= chart.height + 0.5, box.id
    assert overlapping(chart.boxes) == []


# --------------------------------------------------------------------------------------------------------------
# 4. Hostile text renders literally
# --------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Expect, Chart, Path]:
    out = tmp_path_factory.mktemp("hostile") / "x.svg"
    return Expect(HOSTILE), parse_svg(draw(out, HOSTILE)), out


def _has_entity(text: str) -> bool:
    return re.search(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);", text) is not None


def test_hostile_org_draws_only_its_own_boxes_and_lines(hostile):
    want, chart, _ = hostile
    assert set(chart.positions) == {f"pos-{p}" for p in want.pos}
    assert set(chart.externals) == {"ext-outside"}
    assert set(chart.others) == {"title", "org-frame", "legend", "footer"}  # no injected nodes
    assert chart.edges("reports-to") == {(f"pos-{p.reports_to}", f"pos-{p.id}") for p in want.org.positions
                                         if p.reports_to in want.pos}
    assert chart.edges("reports-to external") == {("pos-boss", "ext-outside")}
    assert chart.edges("dotted-line") == {("pos-p-script", "ext-outside"), ("pos-p-amp", "pos-p-script")}
    assert len(chart.lines) == len(want.pos) - 1 + 1 + 2


def test_hostile_text_in_boxes_is_literal(hostile):
    want, chart, _ = hostile
    for pid, p in want.pos.items():
        expected = [want.title(pid)] + ([f"×{p.seats}"] if p.seats > 1 else []) + [", ".join(p.holder_names())]
        assert chart.positions[f"pos-{pid}"].texts == expected, pid
    assert chart.externals["ext-outside"].texts == [want.org.externals["outside"].name, "Outside this org"]
    assert chart.title == [want.org.org.name, "Reporting structure"]
    assert chart.legend[1] == [want.org.units[u].name for u in ("u-quote", "u-amp", "u-lt")]
    for s in ['"quotes"', "<script>alert(1)</script>", "&amp;", "{braces}", "back\\slash", "Bob\\", "\\N", "\\G",
              "\\l", "<B>not bold</B>", "]]>", "<lead"]:
        assert any(s in b.text for b in chart.positions.values()), s


def test_hostile_tooltips_are_literal(hostile):
    want, chart, _ = hostile
    checked = 0
    for pid in want.pos:
        if not _has_entity(want.tooltip(pid)):
            assert chart.positions[f"pos-{pid}"].tooltip == want.tooltip(pid), pid
            checked += 1
    assert checked >= 7  # includes "quotes", <script>, \N \G \l, <B>, ]]> and a trailing backslash
    [line] = [ln for ln in chart.lines if ln.source == "pos-p-script" and ln.kind == "dotted-line"]
    assert line.tooltip == 'dotted "d" <i>\\N</i> Bob\\'


def test_hostile_tooltips_with_entity_like_text_are_literal(hostile):
    want, chart, _ = hostile
    tips = {pid: want.tooltip(pid) for pid in want.pos if _has_entity(want.tooltip(pid))}
    assert set(tips) == {"boss", "p-script", "p-amp"}
    got = {pid: chart.positions[f"pos-{pid}"].tooltip for pid in tips}
    assert got == tips
    assert chart.externals["ext-outside"].tooltip == want.org.externals["outside"].description
    [line] = [ln for ln in chart.lines if ln.source == "pos-p-amp" and ln.kind == "dotted-line"]
    assert line.tooltip == "\\G ]]> &amp;"


def test_hostile_pdf_and_png(tmp_path):
    want = Expect(HOSTILE)
    reader = PdfReader(draw(tmp_path / "x.pdf", HOSTILE))
    assert reader.metadata.title == f"{want.org.org.name} — org chart"
    text = reader.pages[0].extract_text()
    for pid in want.pos:
        assert want.title(pid) in text, pid
    assert (draw(tmp_path / "x.png", HOSTILE).read_bytes()[:8]) == PNG_SIGNATURE


# --- DOT level ---


def dot_tokens(src: str) -> list[tuple[str, str]]:
    """DOT as (kind, text) tokens: id, str (quoted, escapes kept), html (<...>), op. Anything else is an error."""
    out, i = [], 0
    while i < len(src):
        c = src[i]
        if c.isspace():
            i += 1
        elif c == '"':
            j = i + 1
            while src[j] != '"':
                j += 2 if src[j] == "\\" else 1
            out.append(("str", src[i + 1:j]))
            i = j + 1
        elif c == "<":
            depth, j = 0, i
            while True:
                depth += {"<": 1, ">": -1}.get(src[j], 0)
                j += 1
                if depth == 0:
                    break
            out.append(("html", src[i + 1:j - 1]))
            i = j
        elif src.startswith("->", i):
            out.append(("op", "->"))
            i += 2
        elif c in "[]{};,=":
            out.append(("op", c))
            i += 1
        else:
            m = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|-?(?:\.\d+|\d+(?:\.\d*)?)").match(src, i)
            assert m, f"unexpected text outside strings and labels at {i}: {src[i:i + 40]!r}"
            out.append(("id", m.group()))
            i = m.end()
    return out


def dot_statements(src: str) -> list[tuple[list[str], dict[str, tuple[str, str]]]]:
    """(node names, attributes) of each statement inside the digraph: [a] or [a, b] for a -> b."""
    tokens = dot_tokens(src)
    assert tokens[:3] == [("id", "digraph"), ("id", "orgchart"), ("op", "{")] and tokens[-1] == ("op", "}")
    body, out, i = tokens[3:-1], [], 0
    while i < len(body):
        names = [body[i][1]]
        assert body[i][0] == "id"
        i += 1
        while body[i] == ("op", "->"):
            assert body[i + 1][0] == "id"
            names.append(body[i + 1][1])
            i += 2
        assert body[i] == ("op", "["), body[i]
        i += 1
        attrs = {}
        while body[i] != ("op", "]"):
            key, eq, value = body[i:i + 3]
            assert key[0] == "id" and eq == ("op", "="), (key, eq)
            assert key[1] not in attrs
            attrs[key[1]] = value
            i += 3
            if body[i] == ("op", ","):
                i += 1
        assert body[i + 1] == ("op", ";")
        i += 2
        out.append((names, attrs))
    return out


FORBIDDEN_ATTRIBUTES = re.compile(r"(?i)url|href|target|image|shapefile|path|fontnames|stylesheet")
HTML_TAGS = {"TABLE", "TR", "TD", "FONT", "B", "I", "BR", "VR"}


def check_dot(src: str) -> list[str]:
    """Structural checks of generated DOT; returns the text of every HTML label."""
    for line in src.splitlines():
        assert re.match(r"digraph orgchart \{$|\}$|  (graph|node|edge|sheet|title|frame|legend|footer|n\d+)"
                        r"( -> n\d+)? \[", line), f"line starts with something else: {line[:60]!r}"
    texts = []
    for names, attrs in dot_statements(src):
        for name in names:
            assert re.fullmatch(r"graph|node|edge|sheet|title|frame|legend|footer|n\d+", name), name
        for key, (kind, value) in attrs.items():
            assert not FORBIDDEN_ATTRIBUTES.search(key), key
            if kind == "html":
                label = ET.fromstring(f"<L>{value}</L>")  # well-formed: every user '<', '&', '"' is escaped
                for el in list(label.iter())[1:]:
                    assert el.tag in HTML_TAGS, el.tag
                    for a in el.attrib:
                        assert not FORBIDDEN_ATTRIBUTES.search(a) and a not in ("ID", "TOOLTIP"), a
                texts.append("".join(label.itertext()))
            else:
                assert key != "label" or value == "", "labels are HTML-like or empty"
    return texts


def test_hostile_dot_keeps_user_text_inside_escaped_labels():
    want = Expect(HOSTILE)
    for options in (ChartOptions(), ChartOptions(color_by="file", root="boss", depth=2),
                    ChartOptions(direction="LR", expand_groups=True)):
        src = dot_source(want.item.analysis, options)
        texts = "\n".join(check_dot(src))
        shown = [p for p in want.pos if options.depth is None or want.layer(p) <= options.depth]
        # in HTML labels backslashes are doubled so Graphviz shows them as written
        for s in [want.org.org.name, *(want.title(p) for p in shown), "<script>alert(1)</script>", "Bob\\"]:
            assert s.replace("\\", "\\\\") in texts, s


def test_dot_of_seeds_is_well_formed():
    for org in SEEDS:
        check_dot(dot_source(loaded(org).analysis, ChartOptions()))


def test_line_breaks_in_names_do_not_reach_dot(tmp_path, write_org):
    path = write_org('org:\n  name: "Org\\nn99 [label=INJECT]"\n'
                     'units:\n  u:\n    name: "Unit\\nTwo"\n'
                     'externals:\n  e:\n    name: "Ext\\nName"\n'
                     'positions:\n  - id: a\n    title: "A"\n    unit: u\n    reports_to: e\n')
    item = loaded(path)
    src = dot_source(item.analysis, ChartOptions())
    chart = parse_svg(draw(tmp_path / "x.svg", path))
    assert chart.legend[1] == ["Unit Two"]
    check_dot(src)


# --------------------------------------------------------------------------------------------------------------
# 5. Confinement: Graphviz never reads files
# --------------------------------------------------------------------------------------------------------------


def test_file_names_in_data_are_only_text():
    want = Expect(HOSTILE)
    src = dot_source(want.item.analysis, ChartOptions(color_by="file"))
    check_dot(src)  # no image, shapefile, URL, href ... attribute anywhere
    assert re.search(r"(?i)\b(image|shapefile|url|href|imagepath)\s*=", re.sub(r"<[^<>]*>", "", src)) is None
    assert "image=/etc/passwd" in src and "shapefile=/etc/passwd" in src  # legend text, inside a label


@pytest.mark.parametrize(("org", "folder"), [
    (HOSTILE, HOSTILE),
    (ROOT / "orgs/cs-by-stage/series-c.yaml", ROOT / "orgs/cs-by-stage"),
])
def test_graphviz_runs_confined_to_the_org_folder(tmp_path, monkeypatch, org, folder):
    monkeypatch.setenv("ORGDOCS_TEST_SECRET", "do-not-pass")
    calls = []

    def fake_run(args, **kw):
        calls.append((args, kw))
        return subprocess.CompletedProcess(args, 0, stdout=b'<svg xmlns="http://www.w3.org/2000/svg"/>', stderr=b"")

    monkeypatch.setattr(graphviz_run.subprocess, "run", fake_run)
    # SVG is written by orgdocs itself (render/chart_svg); PNG and PDF still run Graphviz
    result = invoke("chart", org, "-f", "png", "-o", tmp_path / "x.png")
    assert result.exit_code == 0, result.output
    assert calls
    for args, kw in calls:
        env = kw["env"]
        assert env["GV_FILE_PATH"] == str(folder.resolve())
        assert env["SERVER_NAME"]
        assert "ORGDOCS_TEST_SECRET" not in env
        assert set(env) <= {"PATH", "LANG", "GV_FILE_PATH", "SERVER_NAME", "HOME", "FONTCONFIG_FILE",
                            "FONTCONFIG_PATH", "XDG_CACHE_HOME"}
        assert Path(args[0]).name == "neato" and "-n2" in args and "-Tpng" in args
        assert 0 < kw["timeout"] < float("inf")
        assert kw.get("shell") in (None, False)


def test_graphviz_timeout_is_a_render_error(monkeypatch, tmp_path):
    def slow(args, **kw):
        raise subprocess.TimeoutExpired(args, kw["timeout"])

    monkeypatch.setattr(graphviz_run.subprocess, "run", slow)
    out = tmp_path / "x.pdf"  # an SVG no longer runs Graphviz
    result = invoke("chart", ROOT / "orgs/cs-enhanced-team", "-o", out)
    assert result.exit_code == 4  # a tool failed
    assert "error: Graphviz took longer than" in result.stderr
    assert not out.exists()


# --------------------------------------------------------------------------------------------------------------
# 6. PNG and PDF
# --------------------------------------------------------------------------------------------------------------

SMALL = "orgs/cs-enhanced-team"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_png_is_a_png(tmp_path):
    data = draw(tmp_path / "x.png", SMALL).read_bytes()
    w, h = png_size(data)
    chart = parse_svg(draw(tmp_path / "x.svg", SMALL))
    assert w > 100 and h > 100
    assert abs(w / h - chart.width / chart.height) < 0.05  # the same drawing
    assert data.endswith(b"IEND\xaeB`\x82")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
@pytest.mark.parametrize("options", [[], ["--split", "--page", "A4"]])
def test_pdf_pages_render(tmp_path, options):
    out = draw(tmp_path / "x.pdf", "orgs/cs-lifecycle-org", *options)
    pages = len(PdfReader(out).pages)
    done = subprocess.run(["pdftoppm", "-png", "-r", "30", str(out), str(tmp_path / "page")], capture_output=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    images = sorted(tmp_path.glob("page*.png"))
    assert len(images) == pages >= 1
    for image in images:
        w, h = png_size(image.read_bytes())
        assert w > 10 and h > 10


def test_pdf_metadata(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    want = Expect(SMALL)
    reader = PdfReader(draw(tmp_path / "x.pdf", SMALL))
    meta = reader.metadata
    assert want.org.org.name in meta.title
    assert meta["/CreationDate"].startswith("D:" + want.org.org.as_of.strftime("%Y%m%d"))  # not the clock
    assert meta["/ModDate"] == meta["/CreationDate"]


def test_source_date_epoch_sets_the_pdf_dates(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    meta = PdfReader(draw(tmp_path / "x.pdf", SMALL)).metadata
    assert meta["/CreationDate"].startswith("D:20231114221320")
    assert meta["/ModDate"] == meta["/CreationDate"]


def test_pdf_without_as_of_or_epoch_has_a_fixed_date(tmp_path, monkeypatch, write_org):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    org = write_org({"org": {"name": "Undated"}, "positions": [{"id": "a", "title": "A"}]})
    meta = PdfReader(draw(tmp_path / "x.pdf", org)).metadata
    assert not meta["/CreationDate"].startswith("D:" + dt.date.today().strftime("%Y%m%d"))


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_building_twice_gives_the_same_bytes(tmp_path, monkeypatch, fmt):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = draw(tmp_path / f"a.{fmt}", "orgs/cs-lifecycle-org").read_bytes()
    second = draw(tmp_path / f"b.{fmt}", "orgs/cs-lifecycle-org").read_bytes()
    assert first == second


# --------------------------------------------------------------------------------------------------------------
# 7. Atomic writes
# --------------------------------------------------------------------------------------------------------------


def _no_temp_files(folder: Path) -> None:
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def _fail_after(monkeypatch, n: int) -> list[int]:
    """Make Graphviz fail on every graph after the first n (the renderer's own references to `run` and
    `run_many` are replaced; run_many's graphs are counted one by one)."""
    real, calls = chart_render.run, []

    def run(*args, **kw):
        calls.append(1)
        if len(calls) > n:
            raise RenderError("Graphviz failed: simulated")
        return real(*args, **kw)

    def run_many(sources, fmt, **kw):
        return [run(source, fmt, **kw) for source in sources]

    monkeypatch.setattr(chart_render, "run", run)
    monkeypatch.setattr(chart_render, "run_many", run_many)
    return calls


@pytest.mark.parametrize("fmt", ["png", "pdf"])  # an SVG no longer runs Graphviz
def test_failed_split_render_leaves_the_old_chart(tmp_path, monkeypatch, fmt):
    out = draw(tmp_path / f"x.{fmt}", SPLIT_ORG, "--depth", "1")
    before = out.read_bytes()
    calls = _fail_after(monkeypatch, 1)
    result = invoke("chart", ROOT / SPLIT_ORG, "--split", "-o", out)
    assert len(calls) == 2  # the overview rendered, the first unit page failed
    assert result.exit_code == 4
    assert "error: Graphviz failed: simulated" in result.stderr
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"x.{fmt}"]
    _no_temp_files(tmp_path)


def test_failed_second_format_writes_no_format(tmp_path, monkeypatch):
    folder = tmp_path / "cs-enhanced-team"
    draw(folder / "chart.svg", SMALL, "--depth", "1")
    before = (folder / "chart.svg").read_bytes()
    _fail_after(monkeypatch, 0)  # the SVG is drawn without Graphviz: the PNG's is the first run, and fails
    result = invoke("chart", ROOT / SMALL, "--out-dir", tmp_path, "-f", "svg", "-f", "png")
    assert result.exit_code == 4
    assert (folder / "chart.svg").read_bytes() == before
    assert not (folder / "chart.png").exists()
    _no_temp_files(folder)


def test_failed_write_leaves_no_temp_file(tmp_path, monkeypatch):
    out = draw(tmp_path / "x.svg", SMALL, "--depth", "1")
    before = out.read_bytes()
    import orgdocs.write

    def broken_rename(src, dst):
        raise OSError(28, "No space left on device (simulated)", str(dst))

    monkeypatch.setattr(orgdocs.write.os, "rename", broken_rename)
    result = invoke("chart", ROOT / SMALL, "-o", out, catch=True)
    assert result.exit_code == 3  # the output could not be written
    assert "the disk is full" in result.stderr
    assert out.read_bytes() == before
    _no_temp_files(tmp_path)


def test_successful_rewrite_replaces_the_chart_and_leaves_no_temp_file(tmp_path):
    out = draw(tmp_path / "x.svg", SMALL, "--depth", "1")
    small = parse_svg(out)
    draw(out, SMALL)
    assert len(parse_svg(out).positions) > len(small.positions)
    _no_temp_files(tmp_path)
