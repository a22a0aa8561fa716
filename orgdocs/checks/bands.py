"""Band sanity along every promotion path (ladder steps, transitions across tracks, the next level on a track):
overlap, gaps and inversions; and each band's spread."""

from __future__ import annotations

from orgdocs.analyse.promotions import promotions
from orgdocs.analyse.summary import Analysis
from orgdocs.checks.base import Reporter

MIN_SPREAD, MAX_SPREAD = 0.15, 1.0


def run(a: Analysis, r: Reporter) -> None:
    bands = a.org.compensation.bands
    for bid, band in bands.items():
        spread = (band.max - band.min) / band.min if band.min else None
        if spread is not None and not (MIN_SPREAD <= spread <= MAX_SPREAD):
            word = "narrow" if spread < MIN_SPREAD else "wide"
            r.add("band-spread",
                  f"band {band.title or bid} spreads {spread:.0%} from min to max: unusually {word} "
                  f"(typical {MIN_SPREAD:.0%}–{MAX_SPREAD:.0%})", ("compensation", "bands", bid), subject=bid)
    cur = a.org.currency()
    for move in promotions(a.org, a.catalog):
        lower, upper = bands[move.lower.band], bands[move.upper.band]
        # compared in the org's currency: a yen band against a dollar band is converted first
        lo_rate, up_rate = a.catalog.rate(lower), a.catalog.rate(upper)
        lo_max, lo_mid = lower.max * lo_rate, lower.midpoint * lo_rate
        up_min, up_mid = upper.min * up_rate, upper.midpoint * up_rate
        unit = f" {cur}" if (lower.currency or cur) != cur or (upper.currency or cur) != cur else ""
        lname, uname = move.lower.name, move.upper.name
        # located at the upper band (what a fix changes); the ladder move that makes it a promotion is related
        path = ("compensation", "bands", move.upper.band)
        related = (move.path,) if move.path else ()
        where = f"{move.label}: "
        if up_mid <= lo_mid:
            r.add("band-inversion", f"{where}{uname} midpoint {up_mid:,.0f}{unit} is not above {lname} midpoint "
                                    f"{lo_mid:,.0f}{unit}", path, subject=move.subject, related=related)
        elif lo_max < up_min:
            r.add("band-gap", f"{where}gap of {up_min - lo_max:,.0f}{unit} between {lname} (max {lo_max:,.0f}{unit}) "
                              f"and {uname} (min {up_min:,.0f}{unit}): a promotion jumps past pay no band covers",
                  path, subject=move.subject, related=related)
        elif lo_max > up_mid:
            r.add("band-overlap", f"{where}{lname} band reaches {lo_max:,.0f}{unit}, past the {uname} midpoint "
                                  f"{up_mid:,.0f}{unit}", path, subject=move.subject, related=related)
