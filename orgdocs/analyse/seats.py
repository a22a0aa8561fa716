"""Seats, people and FTE of one position, defined once; headcount, pay, spans, checks and charts all use these.

A position has `seats` (a box of N identical seats, or one seat shared by co-heads or a job share). A seat is
open (a vacancy) or filled. Filled seats are held by the listed holders, and seats beyond them that are not open
are filled by people the org does not name. FTE is each holder's own FTE, else the position's; open seats carry
the position's FTE. A shared seat with holders and `open: true` is filled, and the FTE its holders leave is open
(a job share with one half vacant). Counts of seats (headcount, managers, span) never depend on how many people
share a seat.

Workforce types, decided here and nowhere else: headcount, FTE and people count the types in the org's
`headcount_includes` (employees by default), and each type is also counted apart; payroll prices employees and
interns (contractors and vendors are paid from other budgets, not bands); a manager's span counts employee,
intern and contractor seats, but neither a vendor team (a relationship, not reports: nor does it make a layer)
nor staff (an assistant sits beside the manager, still in headcount).
"""

from __future__ import annotations

from dataclasses import dataclass

from orgdocs.model import Position

WORKFORCE_LABELS = {"employee": "Employees", "contractor": "Contractors", "vendor": "Vendor teams",
                    "intern": "Interns"}
ON_PAYROLL = frozenset({"employee", "intern"})


def in_headcount(pos: Position, includes: frozenset[str] | list[str]) -> bool:
    return pos.workforce in includes


def on_payroll(pos: Position) -> bool:
    """Priced from the bands: contractors and vendor teams are not payroll."""
    return pos.workforce in ON_PAYROLL


def is_report(pos: Position) -> bool:
    """Counts in its manager's span of control."""
    return pos.workforce != "vendor" and pos.kind != "staff"


def makes_layer(pos: Position) -> bool:
    """Counts in the layers of the reporting tree (a vendor team under a manager adds none)."""
    return pos.workforce != "vendor"


@dataclass(frozen=True)
class Occupancy:
    """Who fills a position's filled seats, for pricing: `n` people at `fte` each, paid in `zone`."""

    n: int
    fte: float
    zone: str | None


@dataclass(frozen=True)
class SeatCount:
    seats: int
    filled: int
    open: int
    people: int  # holders, plus one person in each filled seat without a named holder
    filled_fte: float
    open_fte: float

    @property
    def fte(self) -> float:
        return self.filled_fte + self.open_fte


def occupancy(pos: Position) -> list[Occupancy]:
    """The filled seats' people: one entry per holder, then the unnamed rest as one entry (a group may be large)."""
    out = [Occupancy(1, pos.fte if isinstance(h, str) or h.fte is None else h.fte,
                     pos.zone if isinstance(h, str) or h.zone is None else h.zone)
           for h in pos.holders]
    unnamed = 0 if pos.holders and pos.shared else pos.seats - pos.open_seats - len(pos.holders)
    if unnamed:
        out.append(Occupancy(unnamed, pos.fte, pos.zone))
    return out


def count(pos: Position) -> SeatCount:
    people = occupancy(pos)
    filled_fte = sum(o.n * o.fte for o in people)
    return SeatCount(
        seats=pos.seats,
        filled=pos.seats - pos.open_seats,
        open=pos.open_seats,
        people=sum(o.n for o in people),
        filled_fte=filled_fte,
        open_fte=max(0.0, pos.fte - filled_fte) if pos.part_open else pos.open_seats * pos.fte,
    )


def level_shares(pos: Position) -> dict[str, float]:
    """The share of a group's seats at each of its levels (`levels`: 2 of 6 at IC2 is 1/3); empty when all its
    seats sit at its role's level. Who holds which level is not written, so holders and open seats are spread
    over the levels in these shares."""
    return {lv: n / pos.seats for lv, n in pos.levels.items()}
