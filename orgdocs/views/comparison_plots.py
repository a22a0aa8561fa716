"""compare.html's plots (issue 14 item 5): the dashboard's plots of every variant, kind by kind, each kind on one
scale across the variants (the same axis maximum; span histograms over the same bins) so that bars compare
honestly. From each variant's numbers as the comparison's audience sees them (`Variant.numbers`, numbers_for'd by
build_comparison): the payroll plot only where that audience sees pay and a seat is priced."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from orgdocs.views.comparison import Comparison, Variant
from orgdocs.views.dashboard import Plot, layer_plot, payroll_plot, role_mix_plot, span_plot, unit_plot

KINDS = ("units", "spans", "layers", "mix", "payroll")  # the dashboard's order; findings are the page's Checks


@dataclass(frozen=True)
class PlotRow:
    id: str  # the row's heading; each variant's plot ids start with it too (then prefixed per variant)
    title: str
    plots: list[Plot | None]  # in the variants' order; None: that variant has no such plot (no priced seat)


def _plots(v: Variant, bins: int) -> dict[str, Plot]:
    n, org = v.numbers, v.item.org
    found = {"units": unit_plot(n), "spans": span_plot(n, org, bins), "layers": layer_plot(n),
             "mix": role_mix_plot(n)}
    if (payroll := payroll_plot(n)) is not None:  # numbers_for left no payroll where the audience sees no pay
        found["payroll"] = payroll
    return found


def plot_rows(c: Comparison) -> list[PlotRow]:
    """One row per kind a variant has, one plot per variant, each titled with its variant's title."""
    bins = max(len(span_plot(v.numbers, v.item.org).bars) - 1 for v in c.variants)
    per_variant = [_plots(v, bins) for v in c.variants]
    rows = []
    for kind in KINDS:
        found = [p.get(kind) for p in per_variant]
        shown = [p for p in found if p is not None]
        if not shown:
            continue
        top = max(p.axis_max for p in shown)  # the longest bar of any variant is the full length for every variant
        plots = [dataclasses.replace(p, id=f"plot-{kind}", top=top, title=f"{p.title}: {v.title}")
                 if p is not None else None for p, v in zip(found, c.variants)]
        rows.append(PlotRow(f"plot-{kind}", shown[0].title, plots))
    return rows
