"""Lookups through the job architecture: a position's role, level, track, band, incentive plan and pay mix."""

from __future__ import annotations

from orgdocs.analyse.tree import Node
from orgdocs.model import Band, IncentivePlan, Level, Org, PayMix, Position, Role, Selector


class Catalog:
    """Lookups are asked once per position; the ones that search the catalog are remembered per role, so
    the work stays linear in positions however many bands and plans there are."""

    def __init__(self, org: Org):
        self.org = org
        self._band_ids: dict[str, str | None] = {}
        self._incentives: dict[str | None, IncentivePlan | None] = {}
        self._mixes: dict[str | None, PayMix | None] = {}

    def role(self, pos: Position) -> Role | None:
        return self.org.roles.get(pos.role) if pos.role else None

    def title(self, pos: Position) -> str:
        if pos.title:
            return pos.title
        role = self.role(pos)
        return role.title if role else pos.id

    def level_range(self, pos: Position) -> str:
        """The levels of a group at several levels, lowest to highest by code (else name): "IC2–IC4"; "" else."""
        if not pos.levels:
            return ""
        ranked = sorted(pos.levels, key=lambda lv: (self.org.levels[lv].rank, lv))
        lo, hi = (self.org.levels[ranked[0]], self.org.levels[ranked[-1]])
        lo_text, hi_text = lo.code or lo.name, hi.code or hi.name
        return lo_text if lo is hi else f"{lo_text}–{hi_text}"

    def level_id(self, pos: Position) -> str | None:
        role = self.role(pos)
        return role.level if role else None

    def level(self, pos: Position) -> Level | None:
        lid = self.level_id(pos)
        return self.org.levels.get(lid) if lid else None

    def track_id(self, pos: Position) -> str | None:
        role = self.role(pos)
        if role and role.track:
            return role.track
        level = self.level(pos)
        return level.track if level else None

    def band_id_for_role(self, role_id: str) -> str | None:
        if role_id not in self._band_ids:
            self._band_ids[role_id] = self._band_id(role_id)
        return self._band_ids[role_id]

    def _band_id(self, role_id: str) -> str | None:
        role = self.org.roles.get(role_id)
        if role is None:
            return None
        bands = self.org.compensation.bands
        if role.band:
            return role.band
        for bid, band in bands.items():
            if band.role == role_id:
                return bid
        return self.band_id_for_level(role.level) if role.level else None

    def band_id_for_level(self, level_id: str) -> str | None:
        """The level's own band (not a role's band at that level)."""
        return next((bid for bid, b in self.org.compensation.bands.items() if b.level == level_id and b.role is None),
                    None)

    def band(self, pos: Position) -> Band | None:
        bid = self.band_id_for_role(pos.role) if pos.role else None
        return self.org.compensation.bands.get(bid) if bid else None

    def rate(self, band: Band) -> float:
        """Multiplier from the band's currency to the org's."""
        return self.org.rate(band.currency)

    def zone_midpoint(self, band: Band, zone: str | None) -> float:
        """In the band's own currency."""
        if zone and zone in band.zones:
            return band.zones[zone].midpoint
        factor = self.org.compensation.zones[zone].factor if zone in self.org.compensation.zones else 1
        return band.midpoint * factor

    def incentive(self, role_id: str | None) -> IncentivePlan | None:
        if role_id not in self._incentives:
            self._incentives[role_id] = self._incentive(role_id)
        return self._incentives[role_id]

    def _incentive(self, role_id: str | None) -> IncentivePlan | None:
        plans = self.org.compensation.incentive_plans
        role = self.org.roles.get(role_id) if role_id else None
        if role and role.incentive:
            return plans[role.incentive]
        level = role.level if role else None
        for plan in plans.values():
            if role_id in plan.roles or (level and level in plan.levels):
                return plan
        general = [p for p in plans.values() if not p.roles and not p.levels]
        return general[0] if len(general) == 1 else None

    def pay_mix(self, role_id: str | None) -> PayMix | None:
        if role_id not in self._mixes:
            self._mixes[role_id] = self._pay_mix(role_id)
        return self._mixes[role_id]

    def _pay_mix(self, role_id: str | None) -> PayMix | None:
        role = self.org.roles.get(role_id) if role_id else None
        for mix in self.org.compensation.pay_mix:
            if role_id and mix.role == role_id:
                return mix
        for mix in self.org.compensation.pay_mix:
            if role and mix.level and mix.level == role.level:
                return mix
        return None

    def matches(self, selector: Selector, node: Node) -> bool:
        pos = node.position
        if selector.roles and pos.role not in selector.roles:
            return False
        if selector.levels and self.level_id(pos) not in selector.levels:
            return False
        if selector.units and node.unit not in selector.units:
            return False
        for key, want in selector.attributes.items():
            have = pos.attributes.get(key)
            values = have if isinstance(have, list) else [have]
            if want not in [str(v) for v in values if v is not None]:
                return False
        return True
