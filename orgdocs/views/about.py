"""The org itself, for the documents: summary, metrics, segmentation, budgets and the free-form sections
(tech stack, channels, playbooks, achievements) the org definition carries."""

from __future__ import annotations

from orgdocs.analyse.summary import Analysis
from orgdocs.model import Section
from orgdocs.views.format import metric_current, metric_target, money


def _section(s: Section, include_hr: bool) -> dict | None:
    if s.audience == "hr" and not include_hr:
        return None
    return {
        "title": s.title,
        "text": s.text or "",
        "entries": [{"label": i, "text": ""} if isinstance(i, str) else {"label": i.label, "text": i.text or ""}
                    for i in s.items],
        "ordered": s.ordered,
        "table": {"columns": list(s.table.columns),
                  "rows": [[f"{c:g}" if isinstance(c, float) else str(c) for c in row] for row in s.table.rows]}
        if s.table else None,
        "sections": [x for x in (_section(sub, include_hr) for sub in s.sections) if x],
    }


def about(a: Analysis, *, include_hr: bool, include_budgets: bool | None = None) -> dict:
    """include_hr: sections marked `audience: hr`; include_budgets (default: as include_hr): the org's budgets."""
    org = a.org
    info = org.org
    currency = org.currency()
    metrics: dict[str, list[dict]] = {}
    for m in org.metrics.values():
        metrics.setdefault(m.category or "Metrics", []).append(
            {"name": m.name, "target": metric_target(m), "current": metric_current(m),
             "previous": f"{m.previous:g}" if m.previous is not None else "", "description": m.description or ""})
    tiers = []
    for seg in org.policies.segmentation:
        tiers.append({
            "has_range": any(t.min_arr is not None or t.max_arr is not None or t.accounts for t in seg.tiers),
            "has_model": any(t.service_model for t in seg.tiers),
            "name": seg.name, "basis": seg.basis or "", "factors": list(seg.factors),
            "tiers": [{"name": t.name,
                       "range": _arr(t.min_arr, t.max_arr, currency),
                       "accounts": str(t.accounts) if t.accounts else "",
                       "service_model": t.service_model or "", "description": t.description or ""}
                      for t in seg.tiers],
        })
    budgets = [{"name": b.name, "amount": money(b.amount, currency), "period": b.period,
                "per_head": money(b.per_head, currency) if b.per_head is not None else "", "pays_for": list(b.items)}
               for b in org.budgets.values()] if (include_hr if include_budgets is None else include_budgets) else []
    sections = [x for x in (_section(s, include_hr) for s in org.sections) if x]
    return {
        "summary": info.summary or "",
        "description": info.description or "",
        "stage": info.stage or "",
        "notes": list(info.declared.notes),
        "metrics": list(metrics.items()),
        "segmentation": tiers,
        "budgets": budgets,
        "sections": sections,
        "empty": not (info.summary or info.description or metrics or tiers or budgets or sections),
    }


def _arr(lo: float | None, hi: float | None, currency: str) -> str:
    if lo is not None and hi is not None:
        return f"{money(lo, currency)} – {money(hi, currency)}"
    if lo is not None:
        return f"over {money(lo, currency)}"
    if hi is not None:
        return f"under {money(hi, currency)}"
    return ""
