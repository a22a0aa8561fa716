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
