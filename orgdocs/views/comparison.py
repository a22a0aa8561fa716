"""What a comparison of org variants says: the variants, the diffs between neighbours, what each chart marks,
and the delta table's cells. Plain data; rendered by orgdocs.render.comparison."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from orgdocs.analyse.diff import Diff, change_lines, delta_rows, diff
from orgdocs.analyse.loaded import LoadedOrg
from orgdocs.analyse.money import amount, money
from orgdocs.analyse.summary import Numbers
from orgdocs.chart.scene import CompareMarks
from orgdocs.problems import Problem
from orgdocs.views.audience import AudienceRules, audience_rules, findings_for, numbers_for

FORMATS = ("pdf", "html", "svg", "md", "json")


@dataclass
class Variant:
    item: LoadedOrg
    label: str
    numbers: Numbers
    findings: list[Problem]

    @property
    def title(self) -> str:
        """The org's name and this variant's label: what names it wherever another variant could be meant."""
        return variant_title(self.item.org.org.name, self.label)


@dataclass
class Comparison:
    variants: list[Variant]
    diffs: list[Diff]  # diffs[i]: variants[i] -> variants[i + 1]
    changes: list[list[str]]
    rows: list[dict]
    rules: AudienceRules = field(default_factory=lambda: audience_rules(None, "hr"))  # whom it is for

    @property
    def currency(self) -> str:
        return self.variants[0].numbers.currency


def label_of(item: LoadedOrg) -> str:
    info = item.org.org
    return info.variant or info.stage or item.id


def variant_title(name: str, label: str) -> str:
    """"Customer Value and Adoption (Segment-first CSM teams)"; the name alone where it already says the label
    ("Customer Success at Series A" for the stage "Series A")."""
    return name if label.casefold() in name.casefold() else f"{name} ({label})"


def org_title(item: LoadedOrg) -> str:
    """An org as listed among others: a variant or stage of a family with its label, any other org by name."""
    name = item.org.org.name
    return variant_title(name, label_of(item)) if item.source.family else name


def family_title(items: list[LoadedOrg], family: str) -> str:
    """A family's comparison as listed: "<common name or family>: <label> → <label> → ..."."""
    names = {i.org.org.name for i in items}
    labels = [label_of(i) for i in items]
    if len(set(labels)) < len(labels):  # as build_comparison does: two variants with one label go by id
        labels = [i.id for i in items]
    return f"{names.pop() if len(names) == 1 else family}: " + " → ".join(labels)


def comparison_rules(items: list[LoadedOrg], audience: str) -> AudienceRules:
    """What a comparison for `audience` may show: what every variant lets that audience see."""
    rules = [audience_rules(i.org, audience) for i in items]
    return AudienceRules(audience, frozenset.intersection(*(r.sees for r in rules)))


def redacted(d: Diff, rules: AudienceRules) -> Diff:
    """The diff without the changes of fields the audience may not see (band ranges, holders' names)."""
    hidden = ({"band"} if not rules.pay else set()) | ({"holders"} if not rules.names else set())
    changed = [(pa, pb, kept) for pa, pb, fields in d.changed
               if (kept := {k: v for k, v in fields.items() if k not in hidden})]
    return dataclasses.replace(d, changed=changed)


def build_comparison(items: list[LoadedOrg], numbers: list[Numbers], findings: list[list[Problem]],
                     audience: str = "hr") -> Comparison:
    """The variants in order, compared each with the next: from their analyses, numbers and check findings, as
    `audience` may see them (without pay: no payroll rows, band changes or pay findings; without names: no
    holders)."""
    rules = comparison_rules(items, audience)
    numbers = [numbers_for(n, rules) for n in numbers]
    findings = [findings_for(f, rules) for f in findings]
    variants = [Variant(i, label_of(i), n, f) for i, n, f in zip(items, numbers, findings)]
    labels = [v.label for v in variants]
    if len(set(labels)) < len(labels):  # two variants with one label: fall back to ids
        for v in variants:
            v.label = v.item.id
    diffs = [redacted(diff(a.item.analysis, b.item.analysis), rules) for a, b in zip(variants, variants[1:])]
    changes = [change_lines(a.item.analysis, b.item.analysis, d) for a, b, d in zip(variants, variants[1:], diffs)]
    return Comparison(variants, diffs, changes, delta_rows(numbers, findings), rules)


def marks_for(c: Comparison, k: int) -> CompareMarks | None:
    """What variant k changed from variant k - 1, for its chart."""
    if k == 0:
        return None
    d = c.diffs[k - 1]
    prev, cur = c.variants[k - 1].item.analysis, c.variants[k].item.analysis
    marks = CompareMarks(order=dict(d.order))
    for pid in d.added:
        marks.state[pid] = "added"
        marks.notes[pid] = "new"
    for _, pb, old, _ in d.moved:
        marks.state[pb] = "moved"
        marks.notes[pb] = f"was under {old}" if old else "moved"
    for _, pb, fields in d.changed:
        marks.state.setdefault(pb, "changed")
        text = "; ".join(f"{k} {o or '—'} → {n or '—'}" for k, (o, n) in fields.items() if k != "holders")
        marks.notes[pb] = "; ".join(filter(None, [marks.notes.get(pb, "") if pb in marks.notes else "", text]))
    for pa in d.removed:
        node = prev.tree.nodes[pa]
        parent = d.matched.get(node.parent) if node.parent else None
        marks.ghosts.append((pa, prev.catalog.title(node.position), parent if parent in cur.tree.nodes else None,
                             node.seats, float(node.index)))
    return marks


def value_text(v, kind: str, currency: str) -> str:
    if v is None:
        return "–"
    if kind == "money":
        return money(v, currency)
    if kind == "ratio":
        return f"{v:.2f}".rstrip("0").rstrip(".")
    return amount(v) if float(v).is_integer() else f"{v:,.2f}"


def delta_text(a, b, kind: str, currency: str) -> str:
    if a is None or b is None or a == b:
        return ""
    d = b - a
    sign = "+" if d > 0 else "−"
    return f"{sign}{value_text(abs(d), kind, currency)}"


def cells(row: dict, currency: str) -> list[str]:
    """Each variant's value, with its difference from the variant before it."""
    out = []
    for k, value in enumerate(row["values"]):
        text = value_text(value, row["kind"], currency)
        delta = delta_text(row["values"][k - 1], value, row["kind"], currency) if k else ""
        out.append(f"{text} ({delta})" if delta else text)
    return out
