"""Promotion paths as pairs of bands: every move a ladder defines (consecutive steps, and transitions, which may
cross tracks) and every next level on the same track, each (lower band, upper band) pair once.

A step names a role or a level; its band is found the way pay finds it (the role's band, else its level's)."""

from __future__ import annotations

from dataclasses import dataclass

from orgdocs.analyse.catalog import Catalog
from orgdocs.model import Org


@dataclass(frozen=True)
class Side:
    band: str  # band id
    name: str  # role title or level name: "Staff Engineer"
    label: str  # with the level code, when there is one: "IC4 Staff Engineer"


@dataclass(frozen=True)
class Promotion:
    lower: Side
    upper: Side
    how: str  # "ladder Engineering", "transition", "next level"
    path: tuple | None  # where a ladder writes the move; None for the next level on a track

    @property
    def subject(self) -> str:
        return f"{self.lower.band}->{self.upper.band}"

    @property
    def label(self) -> str:
        return f"{self.lower.label} → {self.upper.label} ({self.how})"


def level_code(org: Org, level_id: str | None) -> str:
    level = org.levels.get(level_id) if level_id else None
    return level.code if level and level.code else ""


def _labelled(org: Org, band: str, name: str, level_id: str | None) -> Side:
    code = level_code(org, level_id)
    return Side(band, name, f"{code} {name}" if code else name)


def side_of(org: Org, catalog: Catalog, ref: str | None) -> Side | None:
    """A ladder step's or transition end's band: `ref` is a role id, else a level id."""
    if ref in org.roles:
        bid = catalog.band_id_for_role(ref)
        role = org.roles[ref]
        return _labelled(org, bid, role.title, role.level) if bid else None
    if ref in org.levels:
        bid = catalog.band_id_for_level(ref)
        return _labelled(org, bid, org.levels[ref].name, ref) if bid else None
    return None


def next_levels(org: Org) -> list[tuple[str, str]]:
    """Pairs (lower band id, next band id) of level bands next to each other on the same track."""
    rows = sorted(((org.levels[b.level].track or "", org.levels[b.level].rank, bid)
                   for bid, b in org.compensation.bands.items() if b.level and not b.role))
    return [(lo[2], hi[2]) for lo, hi in zip(rows, rows[1:]) if lo[0] == hi[0]]


def promotions(org: Org, catalog: Catalog) -> list[Promotion]:
    """Ladder moves first (they name roles), then next levels; a pair of bands met again is not repeated."""
    found: list[Promotion] = []
    for lid, ladder in org.ladders.items():
        sides = [side_of(org, catalog, s.role or s.level) for s in ladder.steps]
        for i in range(1, len(sides)):
            if sides[i - 1] and sides[i]:
                found.append(Promotion(sides[i - 1], sides[i], f"ladder {ladder.name}", ("ladders", lid, "steps", i)))
        for j, t in enumerate(ladder.transitions):
            lo, hi = side_of(org, catalog, t.from_), side_of(org, catalog, t.to)
            if lo and hi:
                found.append(Promotion(lo, hi, "transition", ("ladders", lid, "transitions", j)))
    for lo_id, hi_id in next_levels(org):
        bands = org.compensation.bands
        lo, hi = bands[lo_id], bands[hi_id]
        found.append(Promotion(_labelled(org, lo_id, org.levels[lo.level].name, lo.level),
                               _labelled(org, hi_id, org.levels[hi.level].name, hi.level), "next level", None))
    seen: set[tuple[str, str]] = set()
    out = []
    for p in found:
        pair = (p.lower.band, p.upper.band)
        if p.lower.band != p.upper.band and pair not in seen:
            seen.add(pair)
            out.append(p)
    return out
