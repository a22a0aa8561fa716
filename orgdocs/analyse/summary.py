"""Every number orgdocs reports about one org: typed (`Numbers`) for the stages after, plain ordered data for
`stats --json`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from orgdocs.analyse.capacity import capacity
from orgdocs.analyse.catalog import Catalog
from orgdocs.analyse.headcount import headcount
from orgdocs.analyse.pay import payroll
from orgdocs.analyse.spans import spans
from orgdocs.analyse.tree import Tree, build_tree
from orgdocs.analyse.units import ManagerReports, UnitRollup, manager_reports, unit_rollups
from orgdocs.model import Org


@dataclass
class Analysis:
    org: Org
    tree: Tree
    catalog: Catalog


def analyse(org: Org) -> Analysis:
    return Analysis(org=org, tree=build_tree(org), catalog=Catalog(org))


@dataclass(frozen=True)
class Group:
    """Seats of one unit, level, role, track or attribute value."""

    key: str
    label: str
    headcount: int
    open: int
    fte: float


@dataclass(frozen=True)
class WorkforceCount:
    """One workforce type (employee, contractor, vendor, intern), counted apart (see analyse/seats.py)."""

    key: str
    label: str
    seats: int
    open: int
    people: int
    fte: float  # filled and open
    open_fte: float
    in_headcount: bool  # counted in the org's headcount, FTE and people (`org.headcount_includes`)
    on_payroll: bool  # priced from the bands (employees and interns)


@dataclass(frozen=True)
class ManagerSpan:
    id: str
    title: str
    seats: int
    direct_reports: int
    span: float
    layer: int
    team: int


@dataclass(frozen=True)
class Spans:
    managers: list[ManagerSpan]
    median: float | None
    mean: float | None
    max: float | None
    min: float | None
    layers: int
    layer_headcount: list[dict]


@dataclass(frozen=True)
class UnitCost:
    key: str
    label: str
    headcount: int
    base: float
    variable: float
    total: float


@dataclass(frozen=True)
class UnitCostRollup:
    """Cost of a unit's own positions, and of it with every unit nested under it."""

    key: str
    label: str
    depth: int
    own: float
    total: float


@dataclass(frozen=True)
class Payroll:
    """The payroll estimate, in the org's currency."""

    currency: str
    base: float
    variable: float
    total: float
    open_seats_cost: float
    priced_headcount: int
    unpriced_headcount: int
    unpriced_positions: list[str]
    rates: dict[str, float]
    by_unit: list[UnitCost]
    unit_tree: list[UnitCostRollup]


@dataclass(frozen=True)
class Declared:
    """Figures the org states about itself, kept apart from what orgdocs counts."""

    headcount: int | None
    fte: float | None
    open_roles: int | None
    basis: str  # "filled" or "including-open": what headcount, fte and breakdown count
    budget: float | None
    budget_period: str | None
    span: dict | None
    layers: int | None
    customers: dict | None
    breakdown: dict | None


@dataclass(frozen=True)
class Budget:
    id: str
    name: str
    amount: float
    period: str
    per_head: float | None


@dataclass(frozen=True)
class Numbers:
    """Every number orgdocs reports about one org. Field order is the order of `stats --json`."""

    id: str
    name: str
    as_of: str | None
    currency: str
    declared: Declared
    headcount: int  # seats, filled and open, of the types in headcount_includes
    filled: int
    vacancies: int
    people: int  # in the filled seats; co-heads sharing a seat are two people in one seat
    fte: float  # filled_fte + open_fte
    filled_fte: float
    open_fte: float
    positions: int
    managers: int
    ics: int
    ics_per_manager: float | None
    layers: int
    span: Spans
    reports: list[ManagerReports]  # each manager's direct and total reports (seats, people, FTE of its subtree)
    by_unit: list[Group]
    unit_tree: list[UnitRollup]  # by unit, own and rolled up the unit tree
    by_level: list[Group]
    by_role: list[Group]
    by_track: list[Group]
    by_attribute: dict[str, list[Group]]
    headcount_includes: list[str]  # the workforce types headcount, FTE, people and the breakdowns count
    by_workforce: list[WorkforceCount]  # every type present, counted apart
    payroll: Payroll | None  # None: numbers for all-hands, which leave out pay (see without_pay)
    budgets: list[Budget]
    capacity: list[dict]  # each formula worked out: its inputs, and what it requires or why it cannot

    def as_dict(self) -> dict:
        """As `stats --json` prints it; numbers without pay have no `payroll` key at all."""
        data = dataclasses.asdict(self)
        if self.payroll is None:
            del data["payroll"]
        return data

    def without_pay(self) -> Numbers:
        """The numbers an all-hands reader may see: no payroll estimate (a unit of one priced seat would give
        away its band's midpoint). Budgets stay: the org publishes them itself."""
        return dataclasses.replace(self, payroll=None)


def declared(org: Org) -> Declared:
    d = org.org.declared
    return Declared(
        headcount=d.headcount,
        fte=d.fte,
        open_roles=d.open_roles,
        basis=d.basis,
        budget=d.budget,
        budget_period=d.budget_period if d.budget is not None else None,
        span=d.span.plain() if d.span else None,
        layers=d.layers,
        customers=d.customers.plain() if d.customers else None,
        breakdown={"attribute": d.breakdown.attribute, "counts": dict(d.breakdown.counts)} if d.breakdown else None,
    )


def _groups(rows: list[dict]) -> list[Group]:
    return [Group(**r) for r in rows]


def numbers(org_id: str, org: Org, analysis: Analysis | None = None) -> Numbers:
    a = analysis or analyse(org)
    counts = headcount(org, a.tree, a.catalog)
    span = spans(a.tree, a.catalog)
    pay = payroll(org, a.tree, a.catalog)
    return Numbers(
        id=org_id,
        name=org.org.name,
        as_of=org.org.as_of.isoformat() if org.org.as_of else None,
        currency=org.currency(),
        declared=declared(org),
        **{k: counts[k] for k in ("headcount", "filled", "vacancies", "people", "fte", "filled_fte",
                                  "open_fte", "positions", "managers", "ics",
                                  "ics_per_manager")},
        layers=a.tree.layers,
        span=Spans(**{**span, "managers": [ManagerSpan(**m) for m in span["managers"]]}),
        reports=manager_reports(a.tree, a.catalog.title),
        by_unit=_groups(counts["by_unit"]),
        unit_tree=unit_rollups(org, a.tree),
        by_level=_groups(counts["by_level"]),
        by_role=_groups(counts["by_role"]),
        by_track=_groups(counts["by_track"]),
        by_attribute={name: _groups(rows) for name, rows in counts["by_attribute"].items()},
        headcount_includes=counts["headcount_includes"],
        by_workforce=[WorkforceCount(**w) for w in counts["by_workforce"]],
        payroll=Payroll(**{**pay, "by_unit": [UnitCost(**u) for u in pay["by_unit"]],
                           "unit_tree": [UnitCostRollup(**u) for u in pay["unit_tree"]]}),
        budgets=[Budget(bid, b.name, b.amount, b.period, b.per_head) for bid, b in org.budgets.items()],
        capacity=capacity(org, a.tree, a.catalog),
    )


def stats(org_id: str, org: Org, analysis: Analysis | None = None) -> dict:
    """The numbers as plain data, as `stats --json` prints them."""
    return numbers(org_id, org, analysis).as_dict()
