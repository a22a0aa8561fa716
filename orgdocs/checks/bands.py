"""Band sanity between adjacent levels: overlap, gaps, inversions and spread."""

from __future__ import annotations

from orgdocs.analyse.summary import Analysis
from orgdocs.checks.base import Reporter

MIN_SPREAD, MAX_SPREAD = 0.15, 1.0


def adjacent_level_bands(a: Analysis) -> list[tuple[str, str]]:
    """Pairs (lower band id, next band id) of level bands next to each other on the same track."""
    org = a.org
    rows = sorted(((org.levels[b.level].track or "", org.levels[b.level].rank, bid)
                   for bid, b in org.compensation.bands.items() if b.level and not b.role))
    return [(lo[2], hi[2]) for lo, hi in zip(rows, rows[1:]) if lo[0] == hi[0]]


def run(a: Analysis, r: Reporter) -> None:
    bands = a.org.compensation.bands
    for bid, band in bands.items():
        spread = (band.max - band.min) / band.min if band.min else None
        if spread is not None and not (MIN_SPREAD <= spread <= MAX_SPREAD):
            word = "narrow" if spread < MIN_SPREAD else "wide"
            r.add("band-spread",
                  f"band {band.title or bid} spreads {spread:.0%} from min to max: unusually {word} "
                  f"(typical {MIN_SPREAD:.0%}–{MAX_SPREAD:.0%})", ("compensation", "bands", bid))
    cur = a.org.currency()
    for lower_id, upper_id in adjacent_level_bands(a):
        lower, upper = bands[lower_id], bands[upper_id]
        # compared in the org's currency: a yen band against a dollar band is converted first
        lo_rate, up_rate = a.catalog.rate(lower), a.catalog.rate(upper)
        lo_max, lo_mid = lower.max * lo_rate, lower.midpoint * lo_rate
        up_min, up_mid = upper.min * up_rate, upper.midpoint * up_rate
        unit = f" {cur}" if (lower.currency or cur) != cur or (upper.currency or cur) != cur else ""
        lname = a.org.levels[lower.level].name
        uname = a.org.levels[upper.level].name
        path = ("compensation", "bands", upper_id)
        if up_mid <= lo_mid:
            r.add("band-inversion", f"{uname} midpoint {up_mid:,.0f}{unit} is not above {lname} midpoint "
                                    f"{lo_mid:,.0f}{unit}", path)
        elif lo_max < up_min:
            r.add("band-gap", f"gap of {up_min - lo_max:,.0f}{unit} between {lname} (max {lo_max:,.0f}{unit}) and "
                              f"{uname} (min {up_min:,.0f}{unit}): a promotion jumps past pay no band covers", path)
        elif lo_max > up_mid:
            r.add("band-overlap", f"{lname} band reaches {lo_max:,.0f}{unit}, past the {uname} midpoint "
                                  f"{up_mid:,.0f}{unit}", path)
