"""`--unit-frames` that cannot frame a unit says so (a tester got a chart with no frame and no word why)."""

from __future__ import annotations

import json

from orgdocs.chart.options import ChartOptions
from orgdocs.commands import steps
from orgdocs.outputs.chart_files import chart_pages

# the tester's t6: Alpha's lead `root` has Beta's m2 under it; Beta's x1 and x3 sit under Alpha's m1 and m3
INTERLEAVED = {
    "org": {"name": "Interleaved", "as_of": "2026-01-01"},
    "units": {"a": {"name": "Alpha", "lead": "root"}, "b": {"name": "Beta", "lead": "m2"}},
    "positions": [
        {"id": "root", "title": "Root", "holders": ["Root"], "unit": "a"},
        {"id": "m1", "title": "M1", "holders": ["M One"], "unit": "a", "reports_to": "root"},
        {"id": "m2", "title": "M2", "holders": ["M Two"], "unit": "b", "reports_to": "root"},
        {"id": "m3", "title": "M3", "holders": ["M Three"], "unit": "a", "reports_to": "root"},
        {"id": "x1", "title": "X", "holders": ["X One"], "unit": "b", "reports_to": "m1"},
        {"id": "x2", "title": "X", "holders": ["X Two"], "unit": "a", "reports_to": "m2"},
        {"id": "x3", "title": "X", "holders": ["X Three"], "unit": "b", "reports_to": "m3"},
    ],
}


def notes_for(tmp_path, org: dict, **options) -> tuple[list[str], object]:
    (tmp_path / "org.yaml").write_text(json.dumps(org), encoding="utf-8")
    [item] = steps.load([str(tmp_path / "org.yaml")])
    notes: list[str] = []
    pages = chart_pages(item, ChartOptions(**options), ["svg"], "chart", notes)
    return notes, pages


def test_units_that_cannot_be_framed_are_named_with_the_reason(tmp_path):
    notes, pages = notes_for(tmp_path, INTERLEAVED, unit_frames=True)
    assert b'class="node unit-frame"' not in pages[0][2].data  # nothing framed ...
    assert len(notes) == 1  # ... and one note says why
    note = notes[0]
    assert note.startswith("--unit-frames: 2 units not framed")
    assert "Alpha: its subtree holds boxes of other units" in note  # m2 and x1, x3 are Beta's
    assert "Beta: its boxes are in several subtrees" in note  # x1 and x3 are not under m2


def test_no_note_when_every_unit_is_framed_or_frames_are_not_asked(tmp_path):
    org = json.loads(json.dumps(INTERLEAVED))
    for p in org["positions"]:
        p["unit"] = "a"  # one unit, one subtree
    notes, pages = notes_for(tmp_path, org, unit_frames=True)
    assert notes == [] and b'class="node unit-frame"' in pages[0][2].data
    notes, _ = notes_for(tmp_path, INTERLEAVED)
    assert notes == []
