"""Golden files: for each example org in orgs/, the views the documents are made from (roles, bands, ladders,
check report), its stats, its chart as a graph, and each family's comparison, as JSON in tests/golden/<org id>/.
A deliberate change: `pytest tests/unit --update-golden`, then review `git diff tests/golden/`.

Charts are compared as graphs (dot_graph.py): nodes by id with their texts and styles, edges by their ends;
positions and sizes within 0.05 points, so float formatting never matters."""

from __future__ import annotations

import dataclasses
import json

import pytest
from dot_graph import graph
from example_orgs import EXAMPLE_IDS, FAMILIES, ROOT
from golden_files import check_golden, differences

from orgdocs.chart.options import ChartOptions
from orgdocs.commands import steps
from orgdocs.render.chart import dot_source
from orgdocs.views import bands, ladders, roles
from orgdocs.views.comparison import marks_for

POSITION_TOLERANCE = 0.05


def relative(data):
    """Paths in findings as the repository-relative paths they would be when run from its root."""
    return json.loads(json.dumps(data, ensure_ascii=False, default=str).replace(str(ROOT) + "/", ""))


def views(item) -> dict[str, object]:
    a, found = item.analysis, steps.check(item)
    out = {"roles": roles.roles(a, include_pay=True), "stats": steps.org_stats(item).as_dict(),
           "check": steps.check_report(item, found)}
    if bands.has_band_document(a):
        out["bands"] = bands.bands(a, found)
    if a.org.ladders:
        out["ladders"] = ladders.ladders(a)
    return relative(out)


def comparison_view(items) -> dict:
    c = steps.comparison(items)
    return relative({
        "labels": [v.label for v in c.variants],
        "diffs": [{k: v for k, v in dataclasses.asdict(d).items()} for d in c.diffs],
        "changes": c.changes,
        "rows": c.rows,
        "marks": [dataclasses.asdict(m) if m else None for m in (marks_for(c, k) for k in range(len(c.variants)))],
    })


def test_every_example_org_has_golden_files(examples):
    assert EXAMPLE_IDS == list(examples)


@pytest.mark.parametrize("org_id", EXAMPLE_IDS)
def test_views_and_stats(examples, golden, org_id):
    for name, data in views(examples[org_id]).items():
        golden(f"{org_id}/{name}.json", data, tolerance=1e-9)


@pytest.mark.parametrize("org_id", EXAMPLE_IDS)
def test_chart_as_a_graph(examples, golden, org_id):
    dot = dot_source(examples[org_id].analysis, ChartOptions())
    golden(f"{org_id}/chart.json", graph(dot), tolerance=POSITION_TOLERANCE)


@pytest.mark.parametrize("family", FAMILIES)
def test_comparison_of_a_family(examples, golden, family):
    items = [item for key, item in examples.items() if key.startswith(family + "/")]
    golden(f"{family}/comparison.json", comparison_view(items), tolerance=1e-9)


# --- the golden tests can fail --------------------------------------------------------------------------------


def test_a_changed_view_fails_its_golden_file(examples, tmp_path):
    item = examples["cs-enhanced-team"]
    data = views(item)["roles"]
    path = tmp_path / "roles.json"
    check_golden(path, data, update=True)
    check_golden(path, data, update=False)  # unchanged: passes
    changed = json.loads(json.dumps(data))
    changed[0]["placement"]["headcount"] += 1
    with pytest.raises(AssertionError, match=r"\$\[0\]\.placement\.headcount: 1 → 2"):
        check_golden(path, changed, update=False)


def test_a_moved_box_or_a_changed_edge_fails_the_chart_graph(examples):
    dot = dot_source(examples["cs-enhanced-team"].analysis, ChartOptions())
    before = graph(dot)
    assert differences(before, graph(dot.replace('pos="306.00,331.00!"', 'pos="306.004,331.00!"')),
                       tolerance=POSITION_TOLERANCE) == []  # float formatting
    moved = graph(dot.replace('pos="306.00,331.00!"', 'pos="316.00,331.00!"'))
    assert differences(before, moved, tolerance=POSITION_TOLERANCE) == ["$.nodes.pos-director-cs.pos[0]: 306.0 → 316.0"]
    retitled = graph(dot.replace("Director, Customer Success</B>", "Head of Success</B>"))
    assert any(d.startswith("$.nodes.pos-director-cs.texts") for d in differences(before, retitled))
    edge = 'id="edge-director-cs-technical-solutions-manager"'
    cut = "\n".join(line for line in dot.splitlines() if edge not in line)
    assert any(d.startswith("$.edges") for d in differences(before, graph(cut)))


def test_dot_graph_reads_nodes_labels_and_edges(examples):
    g = graph(dot_source(examples["cs-enhanced-team"].analysis, ChartOptions()))
    assert g["nodes"]["pos-csms"]["texts"] == ["Customer Success", "Manager", "×12"]
    assert g["nodes"]["title"]["texts"] == ["Customer Success", "Reporting structure"]
    assert ["pos-director-cs", "pos-csm-managers", {"class": "reports-to"}] in g["edges"]
    assert ["pos-director-cs", "ext-vp-customer-operations", {"class": "reports-to external", "color": "#8f96a0"}] \
        in g["edges"]
