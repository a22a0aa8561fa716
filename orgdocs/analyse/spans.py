"""Span of control per manager and the shape of the tree (layers)."""

from __future__ import annotations

import statistics
from collections import Counter

from orgdocs.analyse.catalog import Catalog
from orgdocs.analyse.tree import Tree


def span_of(tree: Tree, pid: str) -> float:
    """Direct report seats per manager seat: a group of 3 managers over 12 CSMs has a span of 4 each; co-heads
    sharing one seat are one seat, so their span is all their direct reports. Vendor teams and staff are not
    counted (tree.direct_reports, analyse/seats.py)."""
    node = tree.nodes[pid]
    return tree.direct_report_seats(pid) / node.seats


def spans(tree: Tree, catalog: Catalog) -> dict:
    rows = []
    per_seat: list[float] = []
    by_layer: Counter = Counter()
    for node in tree.in_headcount():
        by_layer[node.depth] += node.seats
    for node in tree.walk():
        if not node.is_manager:
            continue
        span = span_of(tree, node.id)
        per_seat += [span] * node.seats
        rows.append({
            "id": node.id,
            "title": catalog.title(node.position),
            "seats": node.seats,
            "direct_reports": tree.direct_report_seats(node.id),
            "span": round(span, 2),
            "layer": node.depth,
            "team": tree.team_seats(node.id),
        })
    return {
        "managers": rows,
        "median": round(statistics.median(per_seat), 2) if per_seat else None,
        "mean": round(statistics.fmean(per_seat), 2) if per_seat else None,
        "max": round(max(per_seat), 2) if per_seat else None,
        "min": round(min(per_seat), 2) if per_seat else None,
        "layers": tree.layers,
        "layer_headcount": [
            {"layer": d, "headcount": by_layer[d]}
            for d in range(1, tree.layers + 1)
        ],
    }
