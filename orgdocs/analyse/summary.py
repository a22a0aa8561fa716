"""Every number orgdocs reports about one org, as plain ordered data (what `stats --json` prints)."""

from __future__ import annotations

from dataclasses import dataclass

from orgdocs.analyse.capacity import capacity
from orgdocs.analyse.catalog import Catalog
from orgdocs.analyse.headcount import headcount
from orgdocs.analyse.pay import payroll
from orgdocs.analyse.spans import spans
from orgdocs.analyse.tree import Tree, build_tree
from orgdocs.model import Org


@dataclass
class Analysis:
    org: Org
    tree: Tree
    catalog: Catalog


def analyse(org: Org) -> Analysis:
    return Analysis(org=org, tree=build_tree(org), catalog=Catalog(org))


def declared(org: Org) -> dict:
    d = org.org.declared
    return {
        "headcount": d.headcount,
        "fte": d.fte,
        "budget": d.budget,
        "budget_period": d.budget_period if d.budget is not None else None,
        "span": d.span.plain() if d.span else None,
        "layers": d.layers,
        "customers": d.customers.plain() if d.customers else None,
        "breakdown": {"attribute": d.breakdown.attribute, "counts": dict(d.breakdown.counts)} if d.breakdown else None,
    }


def stats(org_id: str, org: Org, analysis: Analysis | None = None) -> dict:
    a = analysis or analyse(org)
    counts = headcount(org, a.tree, a.catalog)
    return {
        "id": org_id,
        "name": org.org.name,
        "as_of": org.org.as_of.isoformat() if org.org.as_of else None,
        "currency": org.currency(),
        "declared": declared(org),
        **{k: counts[k] for k in ("headcount", "filled", "vacancies", "fte", "positions", "managers", "ics",
                                  "ics_per_manager")},
        "layers": a.tree.layers,
        "span": spans(a.tree, a.catalog),
        "by_unit": counts["by_unit"],
        "by_level": counts["by_level"],
        "by_role": counts["by_role"],
        "by_track": counts["by_track"],
        "by_attribute": counts["by_attribute"],
        "payroll": payroll(org, a.tree, a.catalog),
        "budgets": [
            {"id": bid, "name": b.name, "amount": b.amount, "period": b.period, "per_head": b.per_head}
            for bid, b in org.budgets.items()
        ],
        "capacity": capacity(org, a.tree, a.catalog),
    }
