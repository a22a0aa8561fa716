"""The catalog against the positions: roles without a band or ladder step, positions without a role. Only payroll
seats (employees, interns) need a band and a ladder: contractors and vendor teams are paid by contract."""

from __future__ import annotations

from orgdocs.analyse.seats import on_payroll
from orgdocs.analyse.summary import Analysis
from orgdocs.checks.base import Reporter


def _role_path(a: Analysis, role_id: str) -> tuple:
    return ("roles", role_id)


def run(a: Analysis, r: Reporter) -> None:
    org = a.org
    used: dict[str, None] = {}  # in walk order: roles of payroll seats (employees, interns)
    for node in a.tree.walk():
        if node.position.role is None:
            r.add("position-no-role", f"position {node.id!r} has no role", r.position_path(node.id, "id"),
                  subject=node.id)
        elif on_payroll(node.position):  # contractors and vendor teams are paid by contract, not bands or ladders
            used.setdefault(node.position.role)
    if org.compensation.bands:
        for role_id in used:
            if a.catalog.band_id_for_role(role_id) is None:
                r.add("role-no-band", f"role {org.roles[role_id].title} has positions but no pay band",
                      _role_path(a, role_id), subject=role_id, key=True)
    if org.ladders:
        on_ladder = set()
        levels_on_ladder = set()
        for ladder in org.ladders.values():
            for step in ladder.steps:
                if step.role:
                    on_ladder.add(step.role)
                if step.level:
                    levels_on_ladder.add(step.level)
            for t in ladder.transitions:  # a role a transition leads to or from has a career path on its page
                on_ladder.update(ref for ref in (t.from_, t.to) if ref in org.roles)
                levels_on_ladder.update(ref for ref in (t.from_, t.to) if ref in org.levels)
        on_ladder.update(rid for rid, role in org.roles.items() if role.level in levels_on_ladder)
        for role_id in used:
            if role_id not in on_ladder:
                r.add("role-no-ladder", f"role {org.roles[role_id].title} has positions but is on no career ladder",
                      _role_path(a, role_id), subject=role_id, key=True)
