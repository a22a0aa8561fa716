"""`orgdocs stats --csv`: one tidy row per number (org, measure, dimension, key, label, value)."""

from __future__ import annotations

import csv
import io

from orgdocs.analyse.summary import Numbers
from orgdocs.render.escape import csv_cell

FIELDS = ["org", "measure", "dimension", "key", "label", "value"]
_TOTALS = ("headcount", "filled", "vacancies", "people", "fte", "filled_fte", "open_fte", "positions",
           "managers", "ics", "ics_per_manager", "layers")


def rows(s: Numbers):
    org = s.id
    for measure in _TOTALS:
        yield [org, measure, "total", "", "", getattr(s, measure)]
    for measure in ("headcount", "fte", "open_roles", "budget", "layers"):
        if getattr(s.declared, measure) is not None:
            yield [org, f"declared_{measure}", "total", "", "", getattr(s.declared, measure)]
    if s.declared.headcount is not None or s.declared.fte is not None:  # what those two count
        yield [org, "declared_basis", "total", "", "", s.declared.basis]
    for stat in ("median", "mean", "max", "min"):
        yield [org, f"span_{stat}", "total", "", "", getattr(s.span, stat)]
    for dim in ("unit", "level", "track", "role"):
        for r in getattr(s, f"by_{dim}"):
            for measure in ("headcount", "open", "fte"):
                yield [org, measure, dim, r.key, r.label, getattr(r, measure)]
    for w in s.by_workforce:
        for measure in ("seats", "open", "people", "fte"):
            yield [org, measure, "workforce", w.key, w.label, getattr(w, measure)]
    for u in s.unit_tree:  # own: the unit's positions; total: with the units nested in it
        for part in ("own", "total"):
            for measure in ("headcount", "open", "people", "fte"):
                yield [org, f"{measure}_{part}", "unit_tree", u.key, u.label, getattr(getattr(u, part), measure)]
    for attr, group in s.by_attribute.items():
        for r in group:
            yield [org, "headcount", f"attribute:{attr}", r.key, r.label, r.headcount]
    for m in s.span.managers:
        yield [org, "span", "position", m.id, m.title, m.span]
    for r in s.reports:
        yield [org, "direct_reports", "position", r.id, r.title, r.direct_reports]
        yield [org, "total_reports", "position", r.id, r.title, r.total_reports]
        yield [org, "total_reports_fte", "position", r.id, r.title, r.total_fte]
    pay = s.payroll  # None in all-hands numbers: no payroll rows
    for measure in ("base", "variable", "total") if pay else ():
        yield [org, f"payroll_{measure}", "total", "", pay.currency, getattr(pay, measure)]
    for u in pay.by_unit if pay else ():
        yield [org, "payroll_total", "unit", u.key, u.label, u.total]
    for u in pay.unit_tree if pay else ():
        yield [org, "payroll_own", "unit_tree", u.key, u.label, u.own]
        yield [org, "payroll_total", "unit_tree", u.key, u.label, u.total]
    for i, c in enumerate(s.capacity):
        if "required" in c:
            yield [org, "capacity_required", "capacity", str(i + 1), c["name"], c["required"]["max"]]


def render(numbers: list[Numbers]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(FIELDS)
    for s in numbers:
        for row in rows(s):
            writer.writerow([csv_cell(v) if v is not None else "" for v in row])
    return buf.getvalue()
