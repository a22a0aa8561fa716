"""What a box says (issue 15, item 6): a job share's holders with their FTE and no seat badge, direct and total
counts on managers (--counts), names that wrap instead of being cut in both directions, external boxes that fit
their names, vendor teams with their size. Every count is worked out by hand from the org written here:

  ceo (Ana Chief)
  ├─ assistant (staff, 1 seat)            staff: not in the CEO's span, in headcount
  ├─ vp-eng (Vic Eng)
  │   ├─ em (1 seat) ── engineers (5 seats)
  │   └─ designers (2 seats)
  ├─ vp-ops: one co-head seat, a job share: Ana Ruiz 0.6 + Bo Li 0.4
  │   └─ agents (6 seats)
  └─ build-farm: a vendor team of 4     not anyone's report, not in headcount
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_chart_svg import compare, parse

from orgdocs.chart.options import ChartOptions
from orgdocs.commands import steps
from orgdocs.render import chart as chart_render
from orgdocs.render import font_metrics

LONG = "Zoë O'Brien-Łukasiewicz-Kowalska de la Fuente y Montenegro"
BOARD = "Board of Directors and the Supervisory Council of the Foundation"


def write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    org = {
        "org": {"name": "Boxes", "as_of": "2025-01-31"},
        "externals": {"board": {"name": BOARD, "kind": "executive"}},
        "positions": [
            {"id": "ceo", "title": "Chief Executive", "reports_to": "board", "holders": ["Ana Chief"]},
            {"id": "assistant", "title": "Assistant", "kind": "staff", "reports_to": "ceo", "holders": ["Al Aide"]},
            {"id": "vp-eng", "title": "VP Engineering", "reports_to": "ceo", "holders": ["Vic Eng"]},
            {"id": "em", "title": "Engineering Manager", "reports_to": "vp-eng", "holders": [LONG]},
            {"id": "engineers", "title": "Engineer", "reports_to": "em", "count": 5},
            {"id": "designers", "title": "Designer", "reports_to": "vp-eng", "count": 2},
            {"id": "vp-ops", "title": "VP Operations", "kind": "co-head", "reports_to": "ceo",
             "holders": [{"name": "Ana Ruiz", "fte": 0.6}, {"name": "Bo Li", "fte": 0.4}]},
            {"id": "agents", "title": "Agent", "reports_to": "vp-ops", "count": 6},
            {"id": "build-farm", "title": "Build farm", "workforce": "vendor", "reports_to": "ceo", "count": 4},
        ],
    }
    (folder / "org.yaml").write_text(json.dumps(org), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def org(tmp_path_factory):
    return write(tmp_path_factory.mktemp("boxes") / "org")


def chart(folder: Path, tmp: Path, **options):
    """Our SVG parsed, the laid-out scene, and the differences from Graphviz's drawing of the same chart."""
    [item] = steps.load([str(folder)])
    drawn = chart_render.draw(item.analysis, ChartOptions(**options), folder)
    ours = chart_render.render_drawn(item.analysis, drawn, "svg", folder)[0].data
    theirs = chart_render.render_drawn(item.analysis, drawn, "svg", folder, svg_writer="graphviz")[0].data
    return parse(ours), drawn[0], compare(parse(ours), parse(theirs))


def test_a_job_share_shows_each_holders_fte_and_no_seat_badge(org, tmp_path):
    svg, d, diffs = chart(org, tmp_path)
    assert diffs == []
    assert svg.nodes["pos-vp-ops"]["texts"] == ["VP Operations", "Ana Ruiz 0.6", "Bo Li 0.4", "job share"]
    assert not any(t.startswith("×") for t in svg.nodes["pos-vp-ops"]["texts"])  # one seat, not two
    assert d.scene.boxes["vp-ops"].badge == ""


def test_counts_on_managers_by_hand(org, tmp_path):
    svg, d, diffs = chart(org, tmp_path, counts=True)
    assert diffs == []
    counts = {k: b.counts for k, b in d.scene.boxes.items() if b.counts}
    assert counts == {
        # direct: vp-eng 1 + vp-ops 1 (staff and the vendor team are outside the span) = 2;
        # total: assistant 1 + vp-eng 1 + em 1 + engineers 5 + designers 2 + vp-ops 1 + agents 6 = 17 (no vendor)
        "ceo": "2 direct · 17 total",
        "vp-eng": "3 direct · 8 total",  # em 1 + designers 2; + engineers 5
        "em": "5 direct · 5 total",
        "vp-ops": "6 direct · 6 total",
    }
    assert svg.nodes["pos-ceo"]["texts"][-1] == "2 direct · 17 total"
    assert svg.nodes["pos-vp-ops"]["texts"][-1] == "6 direct · 6 total"
    _, plain, _ = chart(org, tmp_path)
    assert not any(b.counts for b in plain.scene.boxes.values())  # only when asked


def _joined(lines: list[str]) -> str:
    """Wrapped lines read back as one text: a line broken after a hyphen continues without a space."""
    out = ""
    for line in lines:
        out += line if not out or out.endswith("-") else " " + line
    return out


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_long_names_wrap_and_the_boxes_grow(org, tmp_path, direction):
    svg, d, diffs = chart(org, tmp_path, direction=direction)
    assert diffs == []
    texts = svg.nodes["pos-em"]["texts"]
    assert texts[0] == "Engineering Manager"
    names = texts[1:]
    assert len(names) >= 2 and not any("…" in t for t in names)  # wrapped, never cut
    assert _joined(names) == LONG
    box = d.layout.boxes["em"]
    limit = box.w - 2 - 2 * 5  # inside the padding
    assert all(font_metrics.width(t, 9) <= limit + 1 for t in names)
    # every box grows with it: 42 (band and title) + the names' lines, 10 pt each, + 4
    assert box.h == 42 + max(24 + 12, 10 * len(names) + 4)
    assert all(p.h == box.h for k, p in d.layout.boxes.items() if not k.startswith("ext-"))


@pytest.mark.parametrize("direction", ["TB", "LR"])
def test_external_boxes_fit_their_names(org, tmp_path, direction):
    """A name widens its box up to two boxes' width (336 pt), then wraps onto a second line; never cut."""
    svg, d, diffs = chart(org, tmp_path, direction=direction)
    assert diffs == []
    *title, outside = svg.nodes["ext-board"]["texts"]
    assert outside == "Outside this org" and " ".join(title) == BOARD and len(title) == 2
    x0, y0, x1, y1 = svg.nodes["ext-board"]["box"].rect
    assert x1 - x0 == pytest.approx(2 * 168, abs=1)
    assert all(font_metrics.width(t, 10, bold=True) <= x1 - x0 - 10 for t in title)
    assert y1 - y0 == pytest.approx(46 + 12, abs=1)  # a line taller than one-line externals


def test_a_short_external_name_keeps_the_usual_box(tmp_path):
    folder = write(tmp_path / "o")
    text = (folder / "org.yaml").read_text().replace(BOARD, "Board")
    (folder / "org.yaml").write_text(text)
    svg, _, diffs = chart(folder, tmp_path)
    assert diffs == []
    x0, y0, x1, y1 = svg.nodes["ext-board"]["box"].rect
    assert (round(x1 - x0), round(y1 - y0)) == (168, 46)


def test_vendor_teams_show_their_size(org, tmp_path):
    svg, _, _ = chart(org, tmp_path)
    assert "Vendor · 4" in svg.nodes["pos-build-farm"]["texts"]
