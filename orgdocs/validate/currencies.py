"""Currencies of amounts: a band in another currency needs a rate in `currencies`, and a sign or code written
in an amount ('¥5M', '85K EUR') must be the currency the amount is in, so yen are never read as dollars.

Runs on the raw data (defensively, like references) so these problems come together with the schema's.
"""

from __future__ import annotations

from orgdocs.model.common import SYMBOLS, marker_fits, money_marker
from orgdocs.problems import Problem
from orgdocs.source.located import Located
from orgdocs.validate.references import find


def _get(node: object, *path: str | int) -> object:
    for part in path:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return None
    return node


def _dict(node: object) -> dict:
    return node if isinstance(node, dict) else {}


def org_currency(data: dict) -> str:
    """The currency every total is in: compensation.currency, else org.currency, else USD."""
    for path in (("compensation", "currency"), ("org", "currency")):
        value = _get(data, *path)
        if isinstance(value, str):
            return value
    return "USD"


def _band_of_role(data: dict, role_id: object) -> str | None:
    """The band a role is paid on, found as the Catalog finds it: role.band, a role band, its level's band."""
    roles, bands = _dict(data.get("roles")), _dict(_get(data, "compensation", "bands"))
    if not isinstance(role_id, str) or not isinstance(roles.get(role_id), dict):
        return None
    role = roles[role_id]
    if isinstance(role.get("band"), str):
        return role["band"]
    for bid, band in bands.items():
        if isinstance(band, dict) and band.get("role") == role_id:
            return bid
    for bid, band in bands.items():
        if isinstance(band, dict) and role.get("level") is not None and band.get("level") == role.get("level") \
                and band.get("role") is None:
            return bid
    return None


def check_currencies(located: Located) -> list[Problem]:
    data = located.data
    if not isinstance(data, dict):
        return []
    home = org_currency(data)
    rates = _dict(data.get("currencies"))
    problems: list[Problem] = []
    own = rates.get(home)
    own_rate = own.get("rate") if isinstance(own, dict) else own
    if own is not None and own_rate != 1:
        problems.append(Problem(f"{home} is the org's currency: its rate can only be 1", located.where(
            ("currencies", home)), code="invalid-value"))

    def amount(path: tuple, currency: str) -> None:
        value = _get(data, *path)
        marker = money_marker(value)
        if marker is not None and not marker_fits(marker, currency):
            written = SYMBOLS.get(marker, marker)
            problems.append(Problem(
                f"{value!r} is written in {written}{' (' + marker + ')' if marker in SYMBOLS else ''} but this "
                f"amount is in {currency}: write it in {currency}" + (
                    "" if path[0] != "compensation" else f", or give the band currency: {written}"),
                located.where(path), code="currency-mismatch"))

    band_currency: dict[str, str] = {}
    for bid, band in _dict(_get(data, "compensation", "bands")).items():
        if not isinstance(band, dict):
            continue
        currency = band.get("currency") if isinstance(band.get("currency"), str) else home
        band_currency[bid] = currency
        if currency != home and currency not in rates:
            problems.append(Problem(
                f"band {bid!r} is in {currency} but the org's currency is {home} and no rate converts it: add "
                f"`currencies: {{{currency}: <{home} per {currency}>}}` at the top level",
                located.where(("compensation", "bands", bid, "currency")), code="no-rate"))
        for key in ("min", "mid", "max"):
            amount(("compensation", "bands", bid, key), currency)
        for zid in _dict(band.get("zones")):
            for key in ("min", "mid", "max"):
                amount(("compensation", "bands", bid, "zones", zid, key), currency)

    for path, holder, _ in find(data, ("positions", "*", "holders", "*")):
        if isinstance(holder, dict) and "salary" in holder:
            bid = _band_of_role(data, _get(data, "positions", path[1], "role"))
            amount(path + ("salary",), band_currency.get(bid, home) if bid else home)
    amount(("org", "declared", "budget"), home)
    for path, _, _ in find(data, ("budgets", "*")):
        amount(path + ("amount",), home)
        amount(path + ("per_head",), home)
    for path, _, _ in find(data, ("policies", "segmentation", "*", "tiers", "*")):
        amount(path + ("min_arr",), home)
        amount(path + ("max_arr",), home)
    return problems
