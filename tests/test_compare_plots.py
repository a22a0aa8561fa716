"""compare.html's plots side by side (issue 14 item 5): for each kind of the dashboard's plots, one per variant,
labelled with the variant's title, on one scale per kind; bar values checked by hand against the variants' numbers;
payroll by unit on the hr page only; ids unique; and the build's leak scan passing over every audience's page.

The family is tests/data/compare/family (Widget Support: base.yaml and reorg.yaml, which extends it)."""

from __future__ import annotations

import pytest
from conftest import ROOT
from test_compare_page import Node, ids_and_references, parse

from orgdocs.commands import steps
from orgdocs.outputs import build as building
from orgdocs.outputs import plan
from orgdocs.render import comparison as compare
from orgdocs.render.plots import LABEL_W, VALUE_W, WIDTH

FAMILY = ROOT / "tests" / "data" / "compare" / "family"
BASE, REORG = "Widget Support (Base)", "Widget Support (Reorg)"
BAR_SPACE = WIDTH - LABEL_W - VALUE_W  # a horizontal bar at the axis maximum is this long (480 - 160 - 80 = 240)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Node]:
    """`build` of the family for every audience (role documents and PDFs stubbed: not about this page). The build
    scans every tree for what its audience may not see, and raises LeakFound (exit 5) on a hit."""
    out = tmp_path_factory.mktemp("plots") / "out"
    patch = pytest.MonkeyPatch()
    patch.setattr(building, "build_documents", lambda *a, **k: [])
    patch.setattr("orgdocs.outputs.documents.html_to_pdf", lambda *a, **k: b"%PDF-1.7 stub")
    patch.setattr("orgdocs.render.comparison.pdf", lambda *a, **k: b"%PDF-1.7 stub")
    try:
        building.build_loaded(steps.load([str(FAMILY)]), out, audiences=plan.BUILD_AUDIENCES)
    finally:
        patch.undo()
    return {a: parse((out / a / plan.compare_file("html", "family")).read_text(encoding="utf-8"))
            for a in plan.BUILD_AUDIENCES}


def plots_of(root: Node) -> dict[str, list[tuple[str, Node]]]:
    """Each kind's row (by its heading's id): every variant's (caption, svg)."""
    [grid] = [n for n in root.iter("div") if n.has_class("plot-grid")]
    rows: dict[str, list[tuple[str, Node]]] = {}
    kind = ""
    for child in grid.children:
        if child.tag == "h3":
            kind = child.attrs["id"]
            rows[kind] = []
        elif child.tag == "figure":
            [caption] = list(child.iter("figcaption"))
            [svg] = list(child.iter("svg"))
            rows[kind].append((caption.text(), svg))
    return rows


def bars(svg: Node, cls: str = "bar") -> dict[str, tuple[float, float, float]]:
    """label: (data-value, width, height) of each bar."""
    return {r.attrs["data-label"]: (float(r.attrs["data-value"]), float(r.attrs["width"]), float(r.attrs["height"]))
            for r in svg.iter("rect") if r.has_class(cls)}


def test_one_plot_per_variant_per_kind_labelled_with_the_variants_title(pages):
    rows = plots_of(pages["hr"])
    assert list(rows) == ["plot-units", "plot-spans", "plot-layers", "plot-mix", "plot-payroll"]
    for kind, cells in rows.items():
        assert [caption for caption, _ in cells] == [BASE, REORG], kind
        # ids prefixed per variant, as the charts' are; each plot's accessible name says whose it is
        assert [svg.attrs["id"] for _, svg in cells] == [f"v1-{kind}-plot", f"v2-{kind}-plot"]
        for (caption, svg), prefix in zip(cells, ("v1-", "v2-")):
            assert svg.attrs["role"] == "img"
            assert svg.attrs["aria-labelledby"] == f"{prefix}{kind}-title {prefix}{kind}-desc"
            [title] = list(svg.iter("title"))[:1]
            assert title.attrs["id"] == f"{prefix}{kind}-title" and title.text().endswith(f": {caption}")
    headings = [n.text() for n in pages["hr"].iter("h3") if n.has_class("plot-kind")]
    assert headings == ["Headcount and open seats by unit (rolled up)", "Span of control: manager seats by direct "
                        "reports", "Layers: headcount per layer", "Managers and individual contributors",
                        "Payroll estimate by unit (rolled up, USD)"]


def test_bar_values_by_hand_on_one_scale_per_kind(pages):
    rows = plots_of(pages["hr"])
    (_, base_units), (_, reorg_units) = rows["plot-units"]
    # Base: Tier 1 = lead-a + 4 agents = 5; Tier 2 = lead-b + 3 agents = 4; Support = head + analyst + 5 + 4 = 11.
    # Reorg: agents-a (now 6) move to Tier 2: 6; Tier 1 = lead-a + analyst (moved under lead-a) + qa (new) = 3;
    # lead-b removed, its 3 agents report to the head: Support = head + 3 + 3 + 6 = 13.
    assert {k: v[0] for k, v in bars(base_units).items()} == {"Support": 11, "Tier 1": 5, "Tier 2": 4}
    assert {k: v[0] for k, v in bars(reorg_units).items()} == {"Support": 13, "Tier 1": 3, "Tier 2": 6}
    # one axis for both: 13, the largest of either; a bar is value / 13 of 240 long in both plots
    assert base_units.attrs["data-max"] == reorg_units.attrs["data-max"] == "13"
    assert bars(reorg_units)["Support"][1] == pytest.approx(BAR_SPACE, abs=0.01)  # 13 / 13 * 240
    assert bars(base_units)["Support"][1] == pytest.approx(11 / 13 * BAR_SPACE, abs=0.01)  # 203.08, not 240
    assert bars(base_units)["Tier 1"][1] == pytest.approx(5 / 13 * BAR_SPACE, abs=0.01)  # 92.31

    (_, base_spans), (_, reorg_spans) = rows["plot-spans"]
    # Base: head 3 (lead-a, lead-b, analyst), lead-b 3 (agents-b), lead-a 4 (agents-a): bins 3 → 2 seats, 4 → 1.
    # Reorg: head 4 (lead-a + 3 agents-b), lead-a 8 (6 agents + analyst + qa): bins 4 → 1, 8 → 1.
    # Both over the same bins, 0..8, however far each goes on its own.
    spans = [{k: v[0] for k, v in bars(s).items()} for s in (base_spans, reorg_spans)]
    assert [list(s) for s in spans] == [[str(b) for b in range(9)]] * 2
    assert {k: v for k, v in spans[0].items() if v} == {"3": 2, "4": 1}
    assert {k: v for k, v in spans[1].items() if v} == {"4": 1, "8": 1}
    assert base_spans.attrs["data-max"] == reorg_spans.attrs["data-max"] == "2"
    # a seat is half the 150-unit plot height in both: base's bin 4 (1 seat) as tall as reorg's bin 4 (1 seat)
    assert bars(base_spans)["4"][2] == pytest.approx(bars(reorg_spans)["4"][2]) == pytest.approx(75, abs=0.01)

    (_, base_layers), (_, reorg_layers) = rows["plot-layers"]
    # Base: head; lead-a, lead-b, analyst (3); 4 + 3 agents (7). Reorg: head; lead-a + 3 agents-b (4); 6 agents-a
    # + analyst + qa (8). Axis maximum 8.
    assert {k: v[0] for k, v in bars(base_layers).items()} == {"Layer 1": 1, "Layer 2": 3, "Layer 3": 7}
    assert {k: v[0] for k, v in bars(reorg_layers).items()} == {"Layer 1": 1, "Layer 2": 4, "Layer 3": 8}
    assert base_layers.attrs["data-max"] == reorg_layers.attrs["data-max"] == "8"
    assert bars(base_layers)["Layer 3"][1] == pytest.approx(7 / 8 * bars(reorg_layers)["Layer 3"][1], abs=0.02)

    (_, base_mix), (_, reorg_mix) = rows["plot-mix"]
    # managers: base head, lead-a, lead-b (3) and 11 - 3 = 8 ICs; reorg head, lead-a (2) and 13 - 2 = 11 ICs
    assert {k: v[0] for k, v in bars(base_mix).items()} == {"Managers": 3, "Individual contributors": 8}
    assert {k: v[0] for k, v in bars(reorg_mix).items()} == {"Managers": 2, "Individual contributors": 11}
    assert base_mix.attrs["data-max"] == reorg_mix.attrs["data-max"] == "11"


def test_payroll_by_unit_on_the_hr_page_only(pages):
    (_, base), (_, reorg) = plots_of(pages["hr"])["plot-payroll"]
    # band midpoints: l1 60K, l2 90K, l3 140K (reorg: band-l3 130-170K, 150K; agents move up to l2, 90K).
    # Base: Tier 1 = 90 + 4 × 60 = 330K; Tier 2 = 90 + 3 × 60 = 270K; Support = 140 + 330 + 270 + 60 = 800K.
    # Reorg: Tier 1 = 90 + 60 + 60 = 210K; Tier 2 = 6 × 90 = 540K; Support = 150 + 3 × 90 + 210 + 540 = 1,170K.
    assert {k: v[0] for k, v in bars(base).items()} == {"Support": 800_000, "Tier 1": 330_000, "Tier 2": 270_000}
    assert {k: v[0] for k, v in bars(reorg).items()} == {"Support": 1_170_000, "Tier 1": 210_000, "Tier 2": 540_000}
    assert base.attrs["data-max"] == reorg.attrs["data-max"] == "1170000"
    for audience in ("all-hands", "public"):
        rows = plots_of(pages[audience])
        assert list(rows) == ["plot-units", "plot-spans", "plot-layers", "plot-mix"], audience
        text = " ".join(n.text() for n in pages[audience].iter("main"))
        assert "Payroll" not in text and "1,170" not in text and "800K" not in text, audience


@pytest.mark.parametrize("audience", plan.BUILD_AUDIENCES)
def test_ids_stay_unique_with_the_plots(pages, audience):
    ids, refs = ids_and_references(pages[audience])
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    assert set(refs) <= set(ids)
    assert sum(1 for i in ids if i.endswith("-plot")) == (10 if audience == "hr" else 8)  # 5 or 4 kinds × 2


def test_the_pdf_text_part_has_no_plots():
    """The comparison PDF's text part comes from the same template: its pages are the charts, not the plots."""
    c = steps.comparison(steps.load([str(FAMILY)]), "hr")
    assert "plot-grid" not in compare.html(c, None)
    assert 'class="plot-grid"' in compare.html(c, compare.charts(c))
