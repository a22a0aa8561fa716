"""Links wherever a page of `build`'s site names a position, role, unit or step (issue 14): the views say which
thing is named (by id), the plan names its file, and this puts the relative link (`href`) beside it. Only the
pages of the site get them: the PDFs are made from the same data without links, and so look as they did."""

from __future__ import annotations

import copy

from orgdocs.outputs.plan import OrgPlan, href, position_file, role_file, unit_file


class Linker:
    """Links from one page of an org's folder to the site's other pages of that org."""

    def __init__(self, plan: OrgPlan, page: str, positions: frozenset[str] | set[str] = frozenset()):
        self.plan, self.page, self.positions = plan, page, positions

    def position(self, pid: str | None) -> str:
        return href(self.page, position_file(pid)) if pid and pid in self.positions else ""

    def role(self, rid: str | None) -> str:
        return href(self.page, role_file(rid)) if rid and rid in self.plan.role_ids else ""

    def unit(self, uid: str | None) -> str:
        return href(self.page, unit_file(uid)) if uid and uid in self.plan.units else ""

    def thing(self, x: dict) -> dict:
        """A named thing {position?, role?}: its position's page when it is one position, else its role's."""
        x["href"] = self.position(x.get("position")) or self.role(x.get("role"))
        return x


def role_links(role: dict, link: Linker) -> dict:
    """A role page's data (views.roles) with a link on everything it names."""
    role = copy.deepcopy(role)
    where = role["placement"]
    for key in ("reports_to_refs", "direct_reports", "staff_refs", "vendor_teams", "dotted_refs"):
        for x in where[key]:
            link.thing(x)
    for u in where["unit_refs"]:
        u["href"] = link.unit(u["unit"])
    # the positions holding the role: listed on the site's page only (its PDF shows the role alone, as before)
    where["position_links"] = [{**p, "href": link.position(p["id"])} for p in where["positions"]]
    for c in role["career"]:
        for hop in c["previous"] + c["next"]:
            hop["href"] = link.role(hop.get("role"))
    return role


def ladder_links(ladders: list[dict], link: Linker) -> list[dict]:
    ladders = copy.deepcopy(ladders)
    for lad in ladders:
        for s in lad["steps"]:
            s["href"] = link.role(s.get("role"))
    return ladders


def band_links(bands: dict, link: Linker) -> dict:
    bands = copy.deepcopy(bands)
    for r in bands["rows"]:
        for x in r["role_refs"]:
            x["href"] = link.role(x["role"])
    return bands


def position_links(p: dict, link: Linker) -> dict:
    p = copy.deepcopy(p)
    for key in ("reports", "staff", "vendor_teams", "dotted_to", "dotted_from"):
        for x in p[key]:
            x["href"] = link.position(x["id"])
    if p["manager"]:
        p["manager"]["href"] = link.position(p["manager"]["id"])
    if p["role"]:
        p["role"]["href"] = link.role(p["role"]["id"])
    if p["unit"]:
        p["unit"]["href"] = link.unit(p["unit"]["id"])
    return p


def unit_links(u: dict, link: Linker) -> dict:
    u = copy.deepcopy(u)
    for x in u["positions"]:
        x["href"] = link.position(x["id"])
    for x in u["units"]:
        x["title"] = x["name"]
        x["href"] = link.unit(x["id"])
    if u["lead"]:
        u["lead"]["href"] = link.position(u["lead"]["id"])
    if u["parent"]:
        u["parent"]["href"] = link.unit(u["parent"]["id"])
    return u
