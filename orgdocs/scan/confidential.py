"""What an org keeps from a wider audience, and where each value is written: pay bands (in every zone and
converted to the org's currency), holders' salaries, the payroll estimate derived from them (total, parts, by
unit), hr-only sections, holders' emails, employee ids and hire dates and, for a chart that hides them, names."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from orgdocs.analyse.loaded import LoadedOrg
from orgdocs.problems import Location
from orgdocs.scan.numbers import SMALLEST, amounts_in, is_amount

SHORTEST_TEXT = 20  # shorter hr-only texts ("Notes", "Q3") would match ordinary words of any document
SHORTEST_NAME = 3

_PARTS = {"min": "minimum", "mid": "midpoint", "max": "maximum"}


@dataclass(frozen=True)
class Secret:
    what: str  # "the maximum of pay band csm", "the salary of csm (Ann Lee)"
    location: Location
    amount: int | None = None
    text: str = ""  # normalised (see normalise) when not an amount
    words: bool = False  # match whole words only (names)
    mentioned: tuple[Location, ...] = ()  # where the input itself writes it in text meant for everyone

    @property
    def kind(self) -> str:
        """The class of value it is: pay (an amount), names (a holder's name) or hr-text (an hr-only section)."""
        return "pay" if self.amount is not None else "names" if self.words else "hr-text"


@dataclass
class Confidential:
    amounts: dict[int, list[Secret]] = field(default_factory=dict)
    texts: list[Secret] = field(default_factory=list)
    public: set[int] = field(default_factory=set)  # amounts the org publishes itself (budgets, targets)

    def __bool__(self) -> bool:
        return bool(self.amounts or self.texts)

    def merge(self, other: Confidential) -> Confidential:
        amounts = {k: list(v) for k, v in self.amounts.items()}
        for k, v in other.amounts.items():
            amounts.setdefault(k, []).extend(v)
        return Confidential(amounts, self.texts + other.texts, self.public | other.public)


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def confidential(item: LoadedOrg, *, hide_names: bool = False, hide_personal: bool = False) -> Confidential:
    """Every confidential value of an org; an amount the org also writes in a public field (a budget, a metric
    target) is left out, since finding it proves nothing."""
    found = Confidential()
    where = item.located.where
    _bands(item, found, where)
    for i, pos in enumerate(item.org.positions):
        for j, holder in enumerate(pos.holders):
            if not isinstance(holder, str) and holder.salary is not None and holder.salary >= SMALLEST:
                _amount(found, holder.salary, f"the salary of {holder.name} ({pos.id})",
                        where(("positions", i, "holders", j, "salary")))
    _payroll(item, found)
    _incentives(item, found)
    _hr_sections(item, found)
    if hide_names:
        _names(item, found)
    if hide_names or hide_personal:
        _personal(item, found)
    mentions: dict[int, list[Location]] = {}
    if found.amounts:  # the walk only filters and annotates amounts: an org without any needs none (10k: 0.2 s)
        _public_amounts(item.located.data, (), item, found.public, mentions)
    found.amounts = {k: [_mentioned(s, mentions.get(k, [])) for s in v] for k, v in found.amounts.items()
                     if k not in found.public}
    return found


def _mentioned(secret: Secret, at: list[Location]) -> Secret:
    return Secret(secret.what, secret.location, secret.amount, mentioned=tuple(sorted(set(at))))


def _amount(found: Confidential, value: float, what: str, location: Location) -> None:
    if value >= SMALLEST:
        found.amounts.setdefault(round(value), []).append(Secret(what, location, round(value)))


def _bands(item: LoadedOrg, found: Confidential, where) -> None:
    org = item.org
    comp = org.compensation
    for bid, band in comp.bands.items():
        path = ("compensation", "bands", bid)
        rate = org.rate(band.currency) if band.currency and band.currency != org.currency() else 1
        scaled = [(band, "", 1.0, path)]
        for zid, zone in comp.zones.items():
            if zid in band.zones:
                scaled.append((band.zones[zid], f" in zone {zid}", 1.0, path + ("zones", zid)))
            elif zone.factor != 1:
                scaled.append((band, f" in zone {zid}", zone.factor, path))
        scaled += [(band.zones[zid], f" in zone {zid}", 1.0, path + ("zones", zid))
                   for zid in band.zones.keys() - comp.zones.keys()]
        for amounts, suffix, factor, at in scaled:
            for part, name in _PARTS.items():
                value = (amounts.midpoint if part == "mid" else getattr(amounts, part)) * factor
                spot = where(at + (part,)) if part != "mid" or amounts.mid is not None else where(at)
                what = f"the {name} of pay band {bid}{suffix}"
                _amount(found, value, what, spot)
                if rate != 1:  # shown converted beside it, and in totals
                    _amount(found, value * rate, f"{what} in {org.currency()}", spot)


def _payroll(item: LoadedOrg, found: Confidential) -> None:
    """What orgdocs derives from the bands: the payroll estimate, its parts and its cost by unit, own and rolled
    up the unit tree (a unit with one priced seat gives away a band midpoint)."""
    from orgdocs.analyse.pay import payroll

    pay = payroll(item.org, item.analysis.tree, item.analysis.catalog)
    at = item.located.where(("compensation",))
    for part in ("total", "base", "variable", "open_seats_cost"):
        _amount(found, pay[part], f"the payroll estimate ({part.replace('_', ' ')})", at)
    for unit in pay["by_unit"]:
        _amount(found, unit["total"], f"the payroll estimate of unit {unit['key']}", at)
    for unit in pay["unit_tree"]:  # rolled up the unit tree: a parent unit's cost with its sub-units'
        _amount(found, unit["total"], f"the payroll estimate of unit {unit['key']} with its sub-units", at)


def _incentives(item: LoadedOrg, found: Confidential) -> None:
    """An incentive target as an amount: the plan's target percentage of the role's band midpoint."""
    catalog = item.analysis.catalog
    bands = item.org.compensation.bands
    for rid in item.org.roles:
        plan = catalog.incentive(rid)
        bid = catalog.band_id_for_role(rid)
        if plan is None or bid not in bands or not plan.target_pct:
            continue
        band = bands[bid]
        at = item.located.where(("compensation", "bands", bid))
        _amount(found, band.midpoint * plan.target_pct / 100, f"the incentive target of role {rid}", at)


def _hr_sections(item: LoadedOrg, found: Confidential) -> None:
    def walk(sections, path: tuple, hr: bool) -> None:
        for i, s in enumerate(sections):
            here = path + (i,)
            secret = hr or s.audience == "hr"
            if secret:
                title = f"hr-only section {s.title!r}"
                texts = [(s.text, here + ("text",))] if s.text else []
                for k, entry in enumerate(s.items):
                    texts.append((entry if isinstance(entry, str) else entry.text or "", here + ("items", k)))
                for r, row in enumerate(s.table.rows if s.table else []):
                    texts += [(cell, here + ("table", "rows", r, c)) for c, cell in enumerate(row)
                              if isinstance(cell, str)]
                for text, at in texts:
                    norm = normalise(text)
                    if len(norm) >= SHORTEST_TEXT:
                        found.texts.append(Secret(f"text of the {title}", item.located.where(at), text=norm))
            walk(s.sections, here + ("sections",), secret)

    walk(item.org.sections, ("sections",), False)


def _names(item: LoadedOrg, found: Confidential) -> None:
    org = item.org
    shown = {normalise(t) for t in [org.org.name, *(r.title for r in org.roles.values()),
                                    *(u.name for u in org.units.values()), *(e.name for e in org.externals.values())]}
    for i, pos in enumerate(org.positions):
        for j, holder in enumerate(pos.holders):
            name = normalise(holder if isinstance(holder, str) else holder.name)
            if len(name) >= SHORTEST_NAME and name not in shown:
                found.texts.append(Secret(f"the name of a holder of {pos.id}",
                                          item.located.where(("positions", i, "holders", j)), text=name, words=True))
            if not isinstance(holder, str) and holder.url:  # their own page names them as surely as their name
                found.texts.append(Secret(f"the url of a holder of {pos.id}",
                                          item.located.where(("positions", i, "holders", j, "url")),
                                          text=normalise(holder.url), words=True))


def _personal(item: LoadedOrg, found: Confidential) -> None:
    """Holders' emails, employee ids and hire dates (the names class: personal data). An employee id that is only
    digits is left out: "7" or "1042" is also a count, a coordinate or a year in any document; so is one that is
    also an id of the org (import names a person's position by their employee id: ids are in every chart)."""
    org = item.org
    ids = {normalise(i) for i in [*(p.id for p in org.positions), *org.units, *org.roles, *org.externals]}
    for i, pos in enumerate(item.org.positions):
        for j, holder in enumerate(pos.holders):
            if isinstance(holder, str):
                continue
            at = ("positions", i, "holders", j)
            for key, value in (("email", holder.email), ("employee id", holder.employee_id),
                               ("hire date", holder.hire_date and holder.hire_date.isoformat())):
                text = normalise(value) if value else ""
                if len(text) < SHORTEST_NAME or (key == "employee id" and (text.isdigit() or text in ids)):
                    continue
                found.texts.append(Secret(f"the {key} of a holder of {pos.id} ({holder.name})",
                                          item.located.where(at + (key.replace(" ", "_"),)), text=text, words=True))


_CONFIDENTIAL_KEYS = {"compensation", "changes", "extends", "currencies"}


def _public_amounts(data, path: tuple, item: LoadedOrg, public: set[int], mentions: dict[int, list]) -> None:
    """Amounts in fields that are only an amount (budgets, targets, declared figures) are the org's own public
    figures; amounts inside public sentences are noted, to point at them when one turns up in an output."""
    if isinstance(data, dict):
        for key, value in data.items():
            if (not path and key in _CONFIDENTIAL_KEYS) or key == "salary" or \
                    (isinstance(value, dict) and value.get("audience") == "hr"):
                continue
            _public_amounts(value, path + (key,), item, public, mentions)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            if isinstance(value, dict) and value.get("audience") == "hr":
                continue
            _public_amounts(value, path + (i,), item, public, mentions)
    elif isinstance(data, bool):
        return
    elif isinstance(data, (int, float)):
        if data >= SMALLEST:
            public.add(round(data))
    elif isinstance(data, str):
        if is_amount(data):
            public |= amounts_in(data)
        else:
            for value in amounts_in(data):
                mentions.setdefault(value, []).append(item.located.where(path))


__all__ = ["Confidential", "Secret", "confidential", "normalise"]
