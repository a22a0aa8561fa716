"""Frames around units (issue 15, item 6: `chart --unit-frames`): each unit whose boxes form one subtree under its
lead gets a rounded frame in its colour with its name on the frame; nested units give nested frames; the layout
makes room so that no frame cuts through a box or another frame.

Read back from the SVG: every frame holds all its unit's boxes (and its sub-units'), no box of a unit outside
it, crosses no other frame, and its name covers no box. Both chart writers draw the same frames.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import test_chart_svg as svg_test
from conftest import invoke_cli
from test_dotted_routing import _overlap, _pairs, _rect, check_chart

from orgdocs.chart.options import ChartOptions
from orgdocs.commands import steps
from orgdocs.render import chart as chart_render

ROOT = Path(__file__).resolve().parent.parent
EVERY = ROOT / "tests" / "data" / "charts" / "every-feature"
SVG = "{http://www.w3.org/2000/svg}"


def read(data: bytes) -> tuple[dict, dict, dict]:
    """Boxes {id: (rect, unit)}, frames {unit: rect} and frame names {unit: (rect, text)}."""
    boxes, frames, names = {}, {}, {}
    for g in ET.fromstring(data).find(SVG + "g").findall(SVG + "g"):
        classes = g.get("class").split()
        shape = next((s for s in g.iter() if s.tag in (SVG + "polygon", SVG + "path")), None)
        if shape is None or classes[0] != "node":
            continue
        rect = _rect(_pairs(shape.get("points") or shape.get("d")))
        if "position" in classes:
            unit = next((c.removeprefix("unit-") for c in classes if c.startswith("unit-")), None)
            boxes[g.get("id")] = (rect, unit)
        elif "unit-frame" in classes:
            frames[g.get("id").removeprefix("unit-frame-")] = rect
        elif "unit-label" in classes:
            names[g.get("id").removeprefix("unit-label-")] = (rect, "".join(g.find(f".//{SVG}text").itertext()))
    return boxes, frames, names


def _holds(outer, inner) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def check_frames(data: bytes, units: dict[str, str | None]) -> dict:
    """units: every unit id and its parent unit."""
    boxes, frames, names = read(data)

    def nested(unit: str | None, outer: str) -> bool:
        seen = set()
        while unit is not None and unit not in seen:
            if unit == outer:
                return True
            seen.add(unit)
            unit = units.get(unit)
        return False

    for unit, frame in frames.items():
        for key, (rect, owner) in boxes.items():
            if nested(owner, unit):
                assert _holds(frame, rect), f"{unit}'s frame leaves out {key}"
            else:
                assert not _overlap(frame, rect), f"{unit}'s frame cuts into {key} of {owner}"
        for other, rect in frames.items():
            if other != unit and _overlap(frame, rect):
                assert _holds(frame, rect) or _holds(rect, frame), f"frames {unit} and {other} cross"
                inner = other if _holds(frame, rect) else unit
                assert nested(inner, unit if inner == other else other)  # only a sub-unit sits inside a unit
        label, _ = names[unit]
        assert not any(_overlap(label, rect) for rect, _ in boxes.values()), f"{unit}'s name covers a box"
    assert set(names) == set(frames)
    return frames


def _units(path: Path) -> dict[str, str | None]:
    [item] = steps.load([str(path)])
    return {uid: u.parent for uid, u in item.analysis.org.units.items()}


def svg(path: Path, tmp_path: Path, **options) -> bytes:
    [item] = steps.load([str(path)])
    drawn = chart_render.draw(item.analysis, ChartOptions(unit_frames=True, **options), tmp_path)
    [page] = chart_render.render_drawn(item.analysis, drawn, "svg", tmp_path)
    return page.data


def test_every_feature_chart_frames_its_units_and_both_writers_agree(tmp_path):
    ours, theirs = svg_test.both(EVERY, tmp_path, unit_frames=True)
    assert svg_test.compare(svg_test.parse(ours), svg_test.parse(theirs)) == []
    frames = check_frames(ours, _units(EVERY))
    # top (Leadership) holds eng and fin; each unit is one subtree under its lead
    assert set(frames) == {"top", "eng", "fin"}
    assert _holds(frames["top"], frames["eng"]) and _holds(frames["top"], frames["fin"])
    _, _, names = read(ours)
    assert names["eng"][1] == "Engineering <&>" and names["fin"][1] == "Finance"
    plain, _ = svg_test.both(EVERY, tmp_path)
    assert b"unit-frame" not in plain  # only when asked for


def nested_org(teams: int = 6) -> str:
    """An org with a unit per team and a sub-unit per sub-team, stacked reports, and one team whose unit is
    split across two managers (no frame for it: its boxes are not one subtree)."""
    lines = ["org: {name: Nested}", "units:", "  all: {name: Everyone, lead: top}"]
    positions = ["positions:", "  - {id: top, title: Chief, unit: all}"]
    for t in range(teams):
        lines.append(f"  t{t}: {{name: Team {t} with a longer name, parent: all, lead: t{t}}}")
        positions.append(f"  - {{id: t{t}, title: Team lead {t}, reports_to: top, unit: t{t}}}")
        for i in range(4 + t):
            positions.append(f"  - {{id: t{t}-ic{i}, title: Engineer {i}, reports_to: t{t}}}")
        if t % 2:
            lines.append(f"  s{t}: {{name: Sub {t}, parent: t{t}, lead: t{t}-s}}")
            positions.append(f"  - {{id: t{t}-s, title: Sub lead {t}, reports_to: t{t}, unit: s{t}}}")
            for i in range(3):
                positions.append(f"  - {{id: t{t}-s-ic{i}, title: Sub engineer {i}, reports_to: t{t}-s}}")
    lines.append("  split: {name: Split team, parent: all}")
    positions += ["  - {id: x1, title: Split one, reports_to: t0, unit: split}",
                  "  - {id: x2, title: Split two, reports_to: t2, unit: split}"]
    return "\n".join(lines + positions) + "\n"


@pytest.mark.parametrize("options", [{}, {"direction": "LR"}, {"stack": False}],
                         ids=["tidy", "lr", "no-stack"])
def test_nested_units_get_nested_frames_that_cross_nothing(options, tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(nested_org())
    data = svg(path, tmp_path, **options)
    frames = check_frames(data, _units(path))
    # "split" is not one subtree: no frame; teams 0 and 2 hold a box of it, a unit outside them: no frame either;
    # "all" holds everything, split included (a unit nested in it)
    assert set(frames) == {"all", "t1", "t3", "t4", "t5", "s1", "s3", "s5"}
    for t in (1, 3, 5):
        assert _holds(frames[f"t{t}"], frames[f"s{t}"]) and _holds(frames["all"], frames[f"t{t}"])


def test_frames_leave_dotted_lines_routed_and_the_cli_takes_the_option(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke_cli("chart", EVERY, "--unit-frames", "-f", "svg", "-o", "chart.svg")
    assert result.exit_code == 0, result.output
    data = (tmp_path / "chart.svg").read_bytes()
    check_frames(data, _units(EVERY))
    [item] = steps.load([str(EVERY)])
    check_chart(data, item)  # the dotted lines still cross no box, with their labels
