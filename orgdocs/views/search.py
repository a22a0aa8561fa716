"""What the site search finds in an org, as an audience may see it: people (only where it sees names),
positions, roles, units and responsibilities, each with the page it opens. Plain data; the index script is
render/search_index.py, the file names outputs/plan.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from orgdocs.analyse.loaded import LoadedOrg
from orgdocs.views.audience import AudienceRules

# the order results of equal match come in: who first, then where they sit, then what is written about it
KINDS = ("person", "position", "role", "unit", "org", "responsibility")

# target(kind, id, role_id) -> the page's path relative to the audience's tree (outputs.plan.search_target)
Target = Callable[[str, str, "str | None"], str]


@dataclass(frozen=True)
class Entry:
    kind: str  # one of KINDS
    label: str  # what is shown and matched first: a name, a title, a responsibility
    detail: str  # where it sits (title · unit), shown under the label and matched too
    org: int  # the org's place in SearchIndex.orgs
    href: str  # relative to the audience's tree (where search.html is)


@dataclass(frozen=True)
class SearchIndex:
    orgs: list[str]  # org names, as results say which org they are in
    entries: list[Entry]


def _entry(kind: str, label: str, detail: str, org: int, href: str) -> Entry:
    # folding (case, accents) and ranking happen in assets/search.js, once per page load: one implementation
    return Entry(kind, label, detail, org, href)


def org_entries(item: LoadedOrg, rules: AudienceRules, org: int, target: Target) -> list[Entry]:
    """Every entry of one org, in a fixed order (source order within each kind)."""
    model, catalog, tree = item.org, item.analysis.catalog, item.analysis.tree
    units = {uid: u.name for uid, u in model.units.items()}
    out = [_entry("org", model.org.name, "Organisation", org, target("org", item.id, None))]
    for pos in model.positions:
        node = tree.nodes.get(pos.id)
        title = catalog.title(pos)
        unit = units.get(node.unit, "") if node and node.unit else ""
        where = " · ".join(x for x in (title, unit) if x)
        href = target("position", pos.id, pos.role)
        seats = f" ({pos.seats})" if pos.seats > 1 else ""
        out.append(_entry("position", f"{title}{seats}", unit or "Position", org, href))
        if rules.names:
            out += [_entry("person", name, where, org, href) for name in pos.holder_names()]
        out += [_entry("responsibility", text, where, org, href) for text in pos.responsibilities]
    for rid, role in model.roles.items():
        href = target("role", rid, rid)
        out.append(_entry("role", role.title, " · ".join(x for x in (role.family or "", "Role") if x), org, href))
        out += [_entry("responsibility", text, role.title, org, href) for text in role.responsibilities]
    out += [_entry("unit", name, "Unit", org, target("unit", uid, None)) for uid, name in units.items()]
    return out


def search_index(orgs: list[tuple[LoadedOrg, AudienceRules]], target: Callable[[str], Target]) -> SearchIndex:
    """The index of one audience's tree: every org in it, with that audience's rules. target(org_id): the
    org's link maker."""
    entries: list[Entry] = []
    for n, (item, rules) in enumerate(orgs):
        entries += org_entries(item, rules, n, target(item.id))
    return SearchIndex([item.org.org.name for item, _ in orgs], entries)
