"""Career ladders as data: steps with their timelines, transitions between tracks, competency matrices."""

from __future__ import annotations

from orgdocs.analyse.promotions import level_code
from orgdocs.analyse.summary import Analysis
from orgdocs.model import Ladder, Step
from orgdocs.views.format import span


def step_key(step: Step) -> str:
    return step.role or step.level or step.title or ""


def step_title(a: Analysis, step: Step) -> str:
    if step.title:
        return step.title
    if step.role:
        return a.org.roles[step.role].title
    return a.org.levels[step.level].name


def step_seats(a: Analysis, step: Step) -> int:
    """Seats in the org that sit on this step (its role, or any role at its level)."""
    if step.role:
        return sum(n.seats for n in a.tree.by_role.get(step.role, []))
    if not step.level:
        return 0
    return sum(n.seats for rid, nodes in a.tree.by_role.items()
               if rid is not None and a.org.roles[rid].level == step.level for n in nodes)


def ladder_data(a: Analysis, lid: str, ladder: Ladder, assessments: bool = True) -> dict:
    steps = []
    for i, step in enumerate(ladder.steps):
        steps.append({
            "key": step_key(step),
            "title": step_title(a, step),
            "level": a.org.levels[step.level].name if step.level else (
                a.org.levels[a.org.roles[step.role].level].name
                if step.role and a.org.roles[step.role].level else ""),
            "level_code": level_code(a.org, step.level or (a.org.roles[step.role].level if step.role else None)),
            "months_to_next": span(step.months_to_next, "months") if i < len(ladder.steps) - 1 else "",
            "requirements": list(step.requirements),
            "seats": step_seats(a, step),
        })
    track = a.org.tracks[ladder.track].name if ladder.track and ladder.track in a.org.tracks else ""
    keys = [s["key"] for s in steps]
    competencies = []
    for c in ladder.competencies:
        competencies.append({
            "name": c.name,
            "description": c.description or "",
            "expectations": [c.expectations.get(k, "") for k in keys],
            "assessment": f"{c.assessment.average:g} / {c.assessment.scale:g}" if c.assessment and assessments else "",
        })

    def name_of(ref: str) -> str:
        if ref in a.org.roles:
            return a.org.roles[ref].title
        return a.org.levels[ref].name if ref in a.org.levels else ref

    return {
        "id": lid,
        "name": ladder.name,
        "track": track,
        "description": ladder.description or "",
        "steps": steps,
        "transitions": [{"from": name_of(t.from_), "to": name_of(t.to), "months": span(t.months, "months"),
                         "note": t.note or ""} for t in ladder.transitions],
        "requirements": list(ladder.requirements),
        "competencies": competencies,
        "has_expectations": any(any(c["expectations"]) for c in competencies),
        "has_assessment": any(c["assessment"] for c in competencies),
    }


def ladders(a: Analysis, *, assessments: bool = True) -> list[dict]:
    """Every ladder; without the teams' competency ratings when the audience may not see assessments."""
    return [ladder_data(a, lid, ladder, assessments) for lid, ladder in a.org.ladders.items()]


def path_for_role(a: Analysis, role_id: str) -> list[dict]:
    """Where a role sits on each ladder it is on: the previous and next steps and the time between them."""
    role = a.org.roles[role_id]
    out = []
    for ladder in a.org.ladders.values():
        for i, step in enumerate(ladder.steps):
            if step.role == role_id or (not step.role and step.level and step.level == role.level):
                prev_step = ladder.steps[i - 1] if i > 0 else None
                next_step = ladder.steps[i + 1] if i + 1 < len(ladder.steps) else None
                out.append({
                    "ladder": ladder.name,
                    "transition": "",
                    "note": "",
                    "position": i + 1,
                    "steps": len(ladder.steps),
                    "previous": step_title(a, prev_step) if prev_step else "",
                    "previous_months": span(prev_step.months_to_next, "months") if prev_step else "",
                    "next": step_title(a, next_step) if next_step else "",
                    "next_months": span(step.months_to_next, "months") if next_step else "",
                    "requirements": list(step.requirements) + list(ladder.requirements),
                    "competencies": [
                        {"name": c.name, "expectation": c.expectations.get(step_key(step), "")}
                        for c in ladder.competencies if c.expectations.get(step_key(step))
                    ],
                })
                break
        for t in ladder.transitions:
            if t.from_ == role_id or t.from_ == role.level:
                to = a.org.roles[t.to].title if t.to in a.org.roles else a.org.levels[t.to].name
                out.append({"ladder": ladder.name, "transition": to, "next_months": span(t.months, "months"),
                            "note": t.note or "", "position": 0, "steps": len(ladder.steps), "previous": "",
                            "previous_months": "", "next": to, "requirements": [], "competencies": []})
    return out
