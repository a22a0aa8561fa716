"""Dotted-line labels keep off unit frames' edges where a place beside their line allows (FIX-A: an edge drawn
through a label read as a strike-through). Frames are read from the layout, labels from the same layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgdocs.chart.options import ChartOptions
from orgdocs.commands import steps
from orgdocs.render import chart as chart_render

ROOT = Path(__file__).resolve().parent.parent


def _edges(r):
    x0, y0, x1, y1 = r
    return [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]


def crossed(label, frames) -> bool:
    x0, y0, x1, y1 = label
    return any(min(a, c) < x1 and x0 < max(a, c) and min(b, d) < y1 and y0 < max(b, d)
               for r in frames for a, b, c, d in _edges(r))


@pytest.mark.parametrize("org", ["orgs/platform-engineering", "orgs/cs-lifecycle-org"])
def test_no_label_lies_across_a_frame_edge(org, tmp_path):
    [item] = steps.load([str(ROOT / org)])
    [drawn] = chart_render.draw(item.analysis, ChartOptions(unit_frames=True), tmp_path)
    frames = [r for _, r, _ in drawn.layout.unit_frames] + ([drawn.layout.frame] if drawn.layout.frame else [])
    labels = [d.label_box for d in drawn.layout.dotted_lines if d.label_box]
    assert frames and labels
    # platform-engineering's "Runs the build farm under contract" lay across the Infrastructure frame's edge
    assert [b for b in labels if crossed(b, frames)] == []


def test_no_tree_line_runs_along_a_frame_edge(tmp_path):
    """platform-engineering's stacked reports hang from a trunk that lay 1 pt outside the Compute frame's left
    edge (x 249 against 248): a frame goes round its unit's lines too, a frame's pad away."""
    [item] = steps.load([str(ROOT / "orgs/platform-engineering")])
    for direction in ("TB", "LR"):
        [drawn] = chart_render.draw(item.analysis, ChartOptions(unit_frames=True, direction=direction), tmp_path)
        frames = [r for _, r, _ in drawn.layout.unit_frames]
        assert frames
        close = []
        for a, b, line in drawn.layout.tree_lines:
            for (x0, y0), (x1, y1) in zip(line, line[1:]):
                for r in frames:
                    along_y = min(max(y0, y1), r[3]) - max(min(y0, y1), r[1])  # how long it runs beside
                    along_x = min(max(x0, x1), r[2]) - max(min(x0, x1), r[0])
                    for ex in (r[0], r[2]):  # a vertical leg within 3 pt of a vertical edge, alongside it
                        if abs(x0 - x1) < 0.01 and abs(x0 - ex) < 3 and along_y > 3:
                            close.append((a, b, x0, ex))
                    for ey in (r[1], r[3]):
                        if abs(y0 - y1) < 0.01 and abs(y0 - ey) < 3 and along_x > 3:
                            close.append((a, b, y0, ey))
        assert close == [], direction
