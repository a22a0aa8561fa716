"""`chart --counts` says what `stats` says (tester's defect: totals left out contractors and interns, so a box read
"8 direct · 6 total"), and collapsed boxes keep their counts, their "+N below" equal to the counts' total.

The org, every figure worked out by hand:

  ceo (Ana Chief)
  ├─ assistant (staff, 1 seat)         not in the CEO's span; below the CEO all the same
  ├─ cto (Ted Tech)
  │   ├─ em (Emma Lead)
  │   │   ├─ devs: 3 employees
  │   │   ├─ temps: 2 contractors       not in headcount, but they report to em
  │   │   └─ interns: 1 intern          likewise
  │   └─ qa: a vendor team of 5         a relationship, not reports: neither direct nor total
  └─ ops: one co-head seat, a job share (Ana Ruiz 0.6 + Bo Li 0.4)
      └─ agents: 4 employees
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_chart_svg import compare, parse

from orgdocs.chart.options import ChartOptions
from orgdocs.commands import steps
from orgdocs.render import chart as chart_render

ORG = {
    "org": {"name": "Counts", "as_of": "2025-01-31"},
    "positions": [
        {"id": "ceo", "title": "Chief Executive", "holders": ["Ana Chief"]},
        {"id": "assistant", "title": "Assistant", "kind": "staff", "reports_to": "ceo", "holders": ["Al Aide"]},
        {"id": "cto", "title": "CTO", "reports_to": "ceo", "holders": ["Ted Tech"]},
        {"id": "em", "title": "Engineering Manager", "reports_to": "cto", "holders": ["Emma Lead"]},
        {"id": "devs", "title": "Developer", "reports_to": "em", "count": 3},
        {"id": "temps", "title": "Contract developer", "workforce": "contractor", "reports_to": "em", "count": 2},
        {"id": "interns", "title": "Intern", "workforce": "intern", "reports_to": "em", "count": 1},
        {"id": "qa", "title": "QA vendor", "workforce": "vendor", "reports_to": "cto", "count": 5},
        {"id": "ops", "title": "VP Operations", "kind": "co-head", "reports_to": "ceo",
         "holders": [{"name": "Ana Ruiz", "fte": 0.6}, {"name": "Bo Li", "fte": 0.4}]},
        {"id": "agents", "title": "Agent", "reports_to": "ops", "count": 4},
    ],
}

# em: direct devs 3 + temps 2 + interns 1 = 6; total the same 6 (nothing deeper)
# cto: direct em 1 (qa is a vendor team) = 1; total em 1 + em's 6 = 7
# ops: direct agents 4; total 4
# ceo: direct cto 1 + ops 1 = 2 (assistant is staff); total assistant 1 + cto 1 + 7 + ops 1 + 4 = 14
BY_HAND = {
    "ceo": "2 direct · 14 total",
    "cto": "1 direct · 7 total",
    "em": "6 direct · 6 total",
    "ops": "4 direct · 4 total",
}


@pytest.fixture(scope="module")
def org(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("counts") / "org"
    folder.mkdir()
    (folder / "org.yaml").write_text(json.dumps(ORG), encoding="utf-8")
    return folder


def chart(folder: Path, **options):
    """Our SVG parsed, the laid-out scene, and the differences from Graphviz's drawing of the same chart."""
    [item] = steps.load([str(folder)])
    drawn = chart_render.draw(item.analysis, ChartOptions(**options), folder)
    ours = chart_render.render_drawn(item.analysis, drawn, "svg", folder)[0].data
    theirs = chart_render.render_drawn(item.analysis, drawn, "svg", folder, svg_writer="graphviz")[0].data
    return parse(ours), drawn[0], compare(parse(ours), parse(theirs))


def test_counts_by_hand_with_contractors_interns_vendors_staff_and_a_job_share(org):
    svg, d, diffs = chart(org, counts=True)
    assert diffs == []
    assert {k: b.counts for k, b in d.scene.boxes.items() if b.counts} == BY_HAND
    assert svg.nodes["pos-em"]["texts"][-1] == "6 direct · 6 total"  # was "6 direct · 3 total": below direct


def test_counts_agree_with_stats(org):
    [item] = steps.load([str(org)])
    stats = {r.id: f"{r.direct_reports} direct · {r.total_reports} total" for r in steps.org_stats(item).reports}
    assert stats == BY_HAND
    _, d, _ = chart(org, counts=True)
    assert {k: b.counts for k, b in d.scene.boxes.items() if b.counts} == stats


def test_counts_agree_with_stats_on_every_example(examples):
    for item in examples.values():
        stats = {r.id: (r.direct_reports, r.total_reports) for r in steps.org_stats(item).reports}
        drawn = chart_render.draw(item.analysis, ChartOptions(counts=True), item.source.folder)
        for key, box in drawn[0].scene.boxes.items():
            if box.counts:
                direct, total = stats[key]
                assert box.counts == f"{direct} direct · {total} total", (item.id, key)
                assert total >= direct, (item.id, key)


@pytest.mark.parametrize(("options", "collapsed"), [
    ({"depth": 1}, {"ceo": 14}),
    ({"depth": 2}, {"cto": 7, "ops": 4}),  # ceo is open; its two managers are cut off
    ({"root": "cto", "depth": 1}, {"cto": 7}),
])
def test_collapsed_boxes_keep_their_counts_and_below_agrees(org, options, collapsed):
    svg, d, diffs = chart(org, counts=True, **options)
    assert diffs == []
    boxes = d.scene.boxes
    assert {k for k, b in boxes.items() if b.collapsed} == set(collapsed)
    for key, below in collapsed.items():
        assert boxes[key].counts == BY_HAND[key]
        assert f"+{below} below" in boxes[key].status
        assert BY_HAND[key].endswith(f"· {below} total")
        texts = svg.nodes[f"pos-{key}"]["texts"]
        assert BY_HAND[key] in texts and any(f"+{below} below" in t for t in texts)
