"""The org at a glance, as an audience may see it: key numbers (with what the org declares beside what orgdocs
counts) and the series each plot draws. Every figure is read from `Numbers` as views.audience.numbers_for gave
it, and the findings as findings_for gave them: nothing is counted again here, and without pay there is no pay.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from orgdocs.analyse.money import amount, short_money
from orgdocs.analyse.summary import Numbers
from orgdocs.model import Org
from orgdocs.problems import Problem

SEVERITIES = ("error", "warning", "accepted")
UNIT_BARS = 16  # the unit plot shows the top two levels of the unit tree, at most this many; the table shows all


@dataclass(frozen=True)
class KeyNumber:
    label: str
    value: str
    declared: str = ""  # what the org states, where it states it ("" when it does not)

    @property
    def differs(self) -> bool:
        return bool(self.declared) and self.declared != self.value


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # the bar's length
    part: float = 0.0  # the share of it drawn apart (open seats of a unit's headcount)
    depth: int = 0  # nesting of the label (units)
    marked: bool = False  # inside the policy band (span histogram)
    text: str = ""  # the value as shown ("" : the number itself)


@dataclass(frozen=True)
class Plot:
    id: str  # unique in the page: ids of the SVG's parts start with it
    title: str
    kind: str  # bars (horizontal), columns (a histogram), pyramid
    bars: list[Bar]
    value_name: str  # what a bar's length counts, e.g. "Headcount"
    part_name: str = ""  # what the part counts, e.g. "Open seats"
    columns: list[str] = field(default_factory=list)  # the data table's headers
    rows: list[list[str]] = field(default_factory=list)  # the data table, every row (the plot may show fewer)
    note: str = ""  # the policy band, or what the plot leaves to the table
    band: tuple[float, float | None] | None = None  # span policy (min, max or open) the histogram marks
    top: float = 0.0  # the axis maximum when plots share a scale (compare.html); 0: this plot's largest value

    @property
    def axis_max(self) -> float:
        """The value a full-length bar stands for (1 when every value is 0, so that nothing divides by 0)."""
        return self.top or max([b.value for b in self.bars] + [0]) or 1


@dataclass(frozen=True)
class Dashboard:
    numbers: list[KeyNumber]
    plots: list[Plot]
    pay: bool  # the hr view: payroll and the band chart are shown


def _n(value: float | int | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.{digits}f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def key_numbers(n: Numbers) -> list[KeyNumber]:
    d = n.declared
    span = d.span or {}
    declared_span = ("" if not span else f"{_n(span['min'])}–{_n(span['max'])}" if span.get("max") is not None
                     and span["max"] != span["min"] else f"{_n(span['min'])}{'+' if span.get('max') is None else ''}")
    filled = d.basis == "filled"  # the org's figures count filled seats: set beside the filled ones

    def stated(value: float | int | None, basis: bool) -> str:
        return _n(value) if value is not None and basis else ""

    out = [
        KeyNumber("Headcount", _n(n.headcount), stated(d.headcount, not filled)),
        KeyNumber("Filled seats", _n(n.filled), stated(d.headcount, filled)),
        KeyNumber("FTE", _n(n.fte), stated(d.fte, not filled)),
    ]
    if filled and d.fte is not None:
        out.append(KeyNumber("FTE in filled seats", _n(n.filled_fte), _n(d.fte)))
    out += [
        KeyNumber("Positions", _n(n.positions)),
        KeyNumber("Open seats", _n(n.vacancies), stated(d.open_roles, True)),
        KeyNumber("Managers", _n(n.managers)),
        KeyNumber("Individual contributors", _n(n.ics)),
        KeyNumber("Layers", _n(n.layers), stated(d.layers, True)),
        KeyNumber("Median span", _n(n.span.median), declared_span),
        KeyNumber("Mean span", _n(n.span.mean)),
    ]
    if priced(n):
        out.append(KeyNumber(f"Payroll estimate ({n.payroll.currency})", short_money(n.payroll.total)))
    return out


def unit_plot(n: Numbers) -> Plot:
    rows = [r for r in n.unit_tree if r.total.headcount or r.own.headcount]
    shown = [r for r in rows if r.depth <= 1][:UNIT_BARS]
    left = len(rows) - len(shown)
    return Plot(
        "units", "Headcount and open seats by unit (rolled up)", "bars",
        [Bar(r.label, r.total.headcount, r.total.open, r.depth) for r in shown], "Headcount", "Open seats",
        ["Unit", "Headcount", "Open seats", "FTE", "Own headcount"],
        [["\u2003" * r.depth + r.label, _n(r.total.headcount), _n(r.total.open), _n(r.total.fte),
          _n(r.own.headcount)] for r in rows],
        note=f"{left} nested units more in the table." if left else "")


def span_plot(n: Numbers, org: Org, upto: int = 0) -> Plot:
    """Manager seats by span, in bins of one (a span of 4.5 counts in 4–5); the policy's bins are marked. `upto`:
    the bins go at least this far (plots of several variants over the same bins)."""
    policy = org.policies.span
    counts: dict[int, int] = {}
    for m in n.span.managers:
        counts[math.floor(m.span)] = counts.get(math.floor(m.span), 0) + m.seats
    top = max(list(counts) + ([int(policy.min)] if policy else []) + [0, upto])
    if policy is not None and policy.max is not None:
        top = max(top, math.floor(policy.max))

    def inside(b: int) -> bool:
        return policy is not None and b >= policy.min and (policy.max is None or b <= policy.max)

    bars = [Bar(str(b), counts.get(b, 0), marked=inside(b)) for b in range(0, top + 1)]
    band = (policy.min, policy.max) if policy is not None else None
    note = f"Policy: {policy} direct reports (marked)." if policy is not None else "No span policy declared."
    return Plot("spans", "Span of control: manager seats by direct reports", "columns", bars, "Manager seats",
                columns=["Direct reports (rounded down)", "Manager seats", "In policy"],
                rows=[[b.label, _n(b.value), "yes" if b.marked else ("no" if policy is not None else "–")]
                      for b in bars],
                note=note, band=band)


def layer_plot(n: Numbers) -> Plot:
    bars = [Bar(f"Layer {row['layer']}", row["headcount"]) for row in n.span.layer_headcount]
    return Plot("layers", "Layers: headcount per layer", "pyramid", bars, "Headcount",
                columns=["Layer", "Headcount"], rows=[[b.label, _n(b.value)] for b in bars])


def role_mix_plot(n: Numbers) -> Plot:
    bars = [Bar("Managers", n.managers), Bar("Individual contributors", n.ics)]
    ratio = f"{_n(n.ics_per_manager)} ICs per manager." if n.ics_per_manager is not None else ""
    return Plot("mix", "Managers and individual contributors", "bars", bars, "Seats",
                columns=["", "Seats"], rows=[[b.label, _n(b.value)] for b in bars], note=ratio)


def findings_plot(findings: list[Problem]) -> Plot:
    bars = [Bar(s.capitalize(), sum(p.severity == s for p in findings)) for s in SEVERITIES]
    return Plot("findings", "Check findings by severity", "bars", bars, "Findings",
                columns=["Severity", "Findings"], rows=[[b.label, _n(b.value)] for b in bars])


def priced(n: Numbers) -> bool:
    """Whether there is a payroll to show: the audience sees pay and some seat is priced from a band."""
    return n.payroll is not None and n.payroll.priced_headcount > 0


def payroll_plot(n: Numbers) -> Plot | None:
    rows = [r for r in n.payroll.unit_tree if r.total] if priced(n) else []
    if not rows:
        return None
    shown = [r for r in rows if r.depth <= 1][:UNIT_BARS]
    cur = n.payroll.currency
    return Plot("payroll", f"Payroll estimate by unit (rolled up, {cur})", "bars",
                [Bar(r.label, r.total, depth=r.depth, text=short_money(r.total)) for r in shown],
                f"Payroll ({cur})", columns=["Unit", f"Payroll ({cur})", f"Own ({cur})"],
                rows=[["\u2003" * r.depth + r.label, amount(r.total), amount(r.own)] for r in rows],
                note=f"{len(rows) - len(shown)} nested units more in the table." if len(rows) > len(shown) else "")


def dashboard(org: Org, counted: Numbers, findings: list[Problem]) -> Dashboard:
    """counted and findings: as the audience sees them (numbers_for, findings_for)."""
    plots = [unit_plot(counted), span_plot(counted, org), layer_plot(counted), role_mix_plot(counted),
             findings_plot(findings)]
    pay = counted.payroll is not None
    if pay:
        plots += [p for p in [payroll_plot(counted)] if p is not None]
    return Dashboard(key_numbers(counted), plots, pay)
