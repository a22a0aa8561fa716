"""Seats, people and FTE of one position, defined once; headcount, pay, spans, checks and charts all use these.

A position has `seats` (a box of N identical seats, or one seat shared by co-heads or a job share). A seat is
open (a vacancy) or filled. Filled seats are held by the listed holders, and seats beyond them that are not open
are filled by people the org does not name. FTE is each holder's own FTE, else the position's; open seats carry
the position's FTE. Counts of seats (headcount, managers, span) never depend on how many people share a seat.
"""

from __future__ import annotations

from dataclasses import dataclass

from orgdocs.model import Position


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
    return SeatCount(
        seats=pos.seats,
        filled=pos.seats - pos.open_seats,
        open=pos.open_seats,
        people=sum(o.n for o in people),
        filled_fte=sum(o.n * o.fte for o in people),
        open_fte=pos.open_seats * pos.fte,
    )


def level_shares(pos: Position) -> dict[str, float]:
    """The share of a group's seats at each of its levels (`levels`: 2 of 6 at IC2 is 1/3); empty when all its
    seats sit at its role's level. Who holds which level is not written, so holders and open seats are spread
    over the levels in these shares."""
    return {lv: n / pos.seats for lv, n in pos.levels.items()}
