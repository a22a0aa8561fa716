"""Career ladders as data: steps with their timelines and ranks, transitions between tracks joined to the steps
they leave and reach, competency matrices, and where each role sits: its previous and next steps."""

from __future__ import annotations

from dataclasses import dataclass

from orgdocs.analyse.promotions import level_code
from orgdocs.analyse.summary import Analysis
from orgdocs.model import Competency, Ladder, Org, Step
from orgdocs.model.ladders import Transition
from orgdocs.views.format import span

StepAt = tuple[str, int]  # (ladder id, step index)


def step_key(step: Step) -> str:
    return step.role or step.level or step.title or ""


def step_title(a: Analysis, step: Step) -> str:
    if step.title:
        return step.title
    if step.role:
        return a.org.roles[step.role].title
    return a.org.levels[step.level].name


def step_level(org: Org, step: Step) -> str | None:
    """The step's level: its own, or its role's."""
    if step.level:
        return step.level
    return org.roles[step.role].level if step.role else None


def step_rank(org: Org, step: Step) -> int | None:
    level = step_level(org, step)
    return org.levels[level].rank if level in org.levels else None


def step_seats(a: Analysis, step: Step) -> int:
    """Seats in the org that sit on this step (its role, or any role at its level)."""
    if step.role:
        return sum(n.seats for n in a.tree.by_role.get(step.role, []))
    if not step.level:
        return 0
    return sum(n.seats for rid, nodes in a.tree.by_role.items()
               if rid is not None and a.org.roles[rid].level == step.level for n in nodes)


def seats_by_step(a: Analysis, ladder: Ladder) -> list[int]:
    """Seats on each step. A group whose seats sit at several levels (`levels`) has its seats at another level
    than its step's on the ladder's step at that level, when there is one: 6 Software Engineers (IC2-IC4) are
    2 on the IC2 step, 3 on IC3 and 1 on IC4, as `stats` counts them by level."""
    org = a.org
    seats = [step_seats(a, step) for step in ladder.steps]
    at_level: dict[str | None, int] = {}
    for i, step in enumerate(ladder.steps):
        at_level.setdefault(step_level(org, step), i)
    for i, step in enumerate(ladder.steps):
        own = step_level(org, step)
        nodes = (a.tree.by_role.get(step.role, []) if step.role else
                 [n for rid, ns in a.tree.by_role.items()
                  if rid is not None and step.level and org.roles[rid].level == step.level for n in ns])
        for node in nodes:
            for level, n in node.position.levels.items():
                if level != own and level in at_level:
                    seats[i] -= n
                    seats[at_level[level]] += n
    return seats


def _loosely(org: Org, step: Step, ref: str) -> bool:
    """A reference that names the step through a level: a role whose level is the step's (level-only) level,
    or a level that is the step's role's level. A different role at the same level is not this step."""
    if ref in org.roles and not step.role and step.level and step.level == org.roles[ref].level:
        return True
    return ref in org.levels and bool(step.role) and org.roles[step.role].level == ref


def find_step(org: Org, ref: str, *, prefer: str | None = None, avoid: str | None = None) -> StepAt | None:
    """The ladder step a transition end names: an exact role or level step first, then one reached through its
    level; among those, one on the `prefer` ladder, else not on the `avoid` ladder, else the first."""
    best: tuple | None = None
    for li, (lid, ladder) in enumerate(org.ladders.items()):
        for i, step in enumerate(ladder.steps):
            exact = ref in (step.role, step.level)
            if not exact and not _loosely(org, step, ref):
                continue
            where = 0 if lid == prefer else (2 if lid == avoid else 1)
            score = (0 if exact else 1, where, li, i)
            if best is None or score < best[0]:
                best = (score, (lid, i))
    return best[1] if best else None


@dataclass(frozen=True)
class Move:
    """A transition with the steps it leaves and reaches (None: the end is on no ladder step)."""

    ladder: str  # the ladder it is written in
    transition: Transition
    source: StepAt | None
    target: StepAt | None


def moves(org: Org) -> list[Move]:
    out = []
    for lid, ladder in org.ladders.items():
        for t in ladder.transitions:
            source = find_step(org, t.from_, prefer=lid)
            # a move between tracks: the target on another ladder than the one it leaves, when there is one
            target = find_step(org, t.to, avoid=source[0] if source else lid)
            out.append(Move(lid, t, source, target))
    return out


def competencies_of(org: Org, ladder: Ladder) -> list[Competency]:
    """The ladder's competencies in its order: the org's, by id, and those written in place."""
    return [org.competencies[c] if isinstance(c, str) else c for c in ladder.competencies]


def expectation(org: Org, c: Competency, step: Step) -> str:
    """What the competency expects at the step: keyed by the step's role or level id (or its role's level)."""
    for key in (step.role, step.level, step_level(org, step)):
        if key and key in c.expectations:
            return c.expectations[key]
    return ""


def name_of(org: Org, ref: str) -> str:
    if ref in org.roles:
        return org.roles[ref].title
    return org.levels[ref].name if ref in org.levels else ref


def ladder_data(a: Analysis, lid: str, ladder: Ladder, assessments: bool = True,
                columns: dict[str, int] | None = None, all_moves: list[Move] | None = None) -> dict:
    org = a.org
    columns = columns if columns is not None else {lid: 0}
    all_moves = moves(org) if all_moves is None else all_moves
    steps = []
    for step, seats in zip(ladder.steps, seats_by_step(a, ladder), strict=True):
        level = step_level(org, step)
        steps.append({
            "key": step_key(step),
            "title": step_title(a, step),
            "role": step_role(org, step),
            "level": org.levels[level].name if level in org.levels else "",
            "rank": step_rank(org, step),
            "level_code": level_code(org, level),
            # on the top step too: the time to a step beyond this ladder (Staff to Principal, 48+ months) is
            # what the org wrote, shown in the table (the diagram has no arrow to put it on)
            "months_to_next": span(step.months_to_next, "months"),
            "requirements": list(step.requirements),
            "seats": seats,
        })
    track = org.tracks[ladder.track].name if ladder.track and ladder.track in org.tracks else ""
    competencies = []
    for c in competencies_of(org, ladder):
        competencies.append({
            "name": c.name,
            "description": c.description or "",
            "expectations": [expectation(org, c, s) for s in ladder.steps],
            "assessment": f"{c.assessment.average:g} / {c.assessment.scale:g}" if c.assessment and assessments else "",
        })

    def at(end: StepAt | None) -> list[int] | None:
        """[column, step]: where the diagram finds the end, when its ladder is drawn."""
        return [columns[end[0]], end[1]] if end and end[0] in columns else None

    return {
        "id": lid,
        "name": ladder.name,
        "track": track,
        "description": ladder.description or "",
        "steps": steps,
        "transitions": [{"from": _end_name(a, m.source, m.transition.from_),
                         "to": _end_name(a, m.target, m.transition.to),
                         "months": span(m.transition.months, "months"), "note": m.transition.note or "",
                         "from_at": at(m.source), "to_at": at(m.target)}
                        for m in all_moves if m.ladder == lid],
        "requirements": list(ladder.requirements),
        "competencies": competencies,
        "has_expectations": any(any(c["expectations"]) for c in competencies),
        "has_assessment": any(c["assessment"] for c in competencies),
    }


def ladders(a: Analysis, *, assessments: bool = True) -> list[dict]:
    """Every ladder; without the teams' competency ratings when the audience may not see assessments."""
    columns = {lid: c for c, lid in enumerate(a.org.ladders)}
    all_moves = moves(a.org)
    return [ladder_data(a, lid, ladder, assessments, columns, all_moves) for lid, ladder in a.org.ladders.items()]


# --- a role's place on the ladders ------------------------------------------------------------------------------


def _step_parts(a: Analysis, ladder_id: str, index: int) -> tuple[str, str]:
    """The step's title, and its level's code when it has one the title does not already show."""
    step = a.org.ladders[ladder_id].steps[index]
    title = step_title(a, step)
    level = step_level(a.org, step)
    code = a.org.levels[level].code if level in a.org.levels else None
    return title, (code if code and code not in title else "")


def _step_name(a: Analysis, ladder_id: str, index: int) -> str:
    """'Senior Engineer (IC3)'."""
    title, code = _step_parts(a, ladder_id, index)
    return f"{title} ({code})" if code else title


def _end_name(a: Analysis, end: StepAt | None, ref: str) -> str:
    return _step_name(a, *end) if end else name_of(a.org, ref)


def step_role(org: Org, step: Step) -> str:
    """The role a step names, or the one role at its level: the role page a site links the step to."""
    if step.role:
        return step.role
    at_level = [rid for rid, r in org.roles.items() if step.level and r.level == step.level]
    return at_level[0] if len(at_level) == 1 else ""


def _hop(a: Analysis, end: StepAt | None, ref: str, months: str = "", note: str = "") -> dict:
    title, code = _step_parts(a, *end) if end else (name_of(a.org, ref), "")
    role = step_role(a.org, a.org.ladders[end[0]].steps[end[1]]) if end else (ref if ref in a.org.roles else "")
    return {"title": title, "code": code, "months": months, "note": note, "role": role}


def _add(hops: list[dict], hop: dict) -> None:
    if all(h["title"] != hop["title"] for h in hops):  # a transition along the ladder's own step is one step
        hops.append(hop)


def path_for_role(a: Analysis, role_id: str) -> list[dict]:
    """Where a role sits on each ladder it is on: its previous and next steps along the ladder and across
    transitions (a role reached from two tracks has two previous steps), and the time between them."""
    org = a.org
    role = org.roles[role_id]
    names = {role_id} | ({role.level} if role.level else set())
    all_moves = moves(org)
    out: list[dict] = []
    for lid, ladder in org.ladders.items():
        for i, step in enumerate(ladder.steps):
            if step.role == role_id or (not step.role and step.level and step.level == role.level):
                previous: list[dict] = []
                following: list[dict] = []
                if i > 0:
                    _add(previous, _hop(a, (lid, i - 1), "", span(ladder.steps[i - 1].months_to_next, "months")))
                if i + 1 < len(ladder.steps):
                    _add(following, _hop(a, (lid, i + 1), "", span(step.months_to_next, "months")))
                out.append({
                    "ladder": ladder.name,
                    "at": (lid, i),
                    "position": i + 1,
                    "steps": len(ladder.steps),
                    "previous": previous,
                    "next": following,
                    "requirements": list(step.requirements) + list(ladder.requirements),
                    "competencies": [
                        {"name": c.name, "expectation": expectation(org, c, step)}
                        for c in competencies_of(org, ladder) if expectation(org, c, step)
                    ],
                })
                break

    def entry_for(end: StepAt | None) -> dict:
        """The entry a move joins: the one on the step it resolves to, else the role's first, else a new one
        for a role that only transitions lead to or from."""
        for e in out:
            if e["at"] == end:
                return e
        if not out:
            out.append({"ladder": "", "at": None, "position": 0, "steps": 0, "previous": [], "next": [],
                        "requirements": [], "competencies": []})
        return out[0]

    for m in all_moves:
        t = m.transition
        months = span(t.months, "months")
        if t.to in names:
            _add(entry_for(m.target)["previous"], _hop(a, m.source, t.from_, months))
        if t.from_ in names:
            _add(entry_for(m.source)["next"], _hop(a, m.target, t.to, months, t.note or ""))
    for e in out:
        del e["at"]
    return out
