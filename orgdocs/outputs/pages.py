"""The site's own pages of one org (issue 14): a page per position or group, per unit, and the checks page. Each
is keyed by the data it shows (and the page around it), so a changed position's page is made again and an
unchanged one is read back."""

from __future__ import annotations

from urllib.parse import quote

from orgdocs.analyse.summary import Numbers
from orgdocs.outputs.cache import NO_CACHE, Scope
from orgdocs.outputs.documents import Documents
from orgdocs.outputs.links import Linker, position_links, unit_links
from orgdocs.outputs.plan import OrgPlan, checks_page_file, position_file, unit_file
from orgdocs.problems import Problem
from orgdocs.render.html import render_html
from orgdocs.views.audience import AudienceRules
from orgdocs.views.positions import positions
from orgdocs.views.units import units
from orgdocs.write import OutputFile


def _units_trail(trail: list[dict]) -> list[tuple[str, str]]:
    return [(u["name"], unit_file(u["id"])) for u in trail]


def position_pages(docs: Documents, rules: AudienceRules, frame: tuple, scope: Scope = NO_CACHE) \
        -> list[OutputFile]:
    """positions/<id>.html for every position: holders' names only where the audience sees names."""
    out: list[OutputFile] = []
    org_name = docs.a.org.org.name
    for p in positions(docs.a, include_names=rules.names, include_personal=rules.personal):
        name = position_file(p["id"])
        for h in p["holders"]:  # the photo inside the page (no file to copy, nothing outside the tree)
            h["picture"] = _picture(docs.folder, h.pop("photo"))
            h["email_link"] = "mailto:" + quote(h["email"], safe="@") if h["email"] else ""

        def make(p=p, name=name) -> list[OutputFile]:
            ctx = docs.context("Position", f"{p['title']} — {org_name}")
            html = render_html(docs.env, "position.html.j2", position=position_links(p, docs.linker(name)),
                               nav=docs.nav(name, _units_trail(p["units"]) + [(p["title"], "")]), **ctx)
            return [OutputFile(name, html.encode())]
        out += scope.get(f"positions/{p['id']}", (frame, p), make)
    return out


def _picture(folder, photo: str) -> str:
    """A holder's photo as a data: URI, cropped round at twice the size the page shows it; '' for none."""
    import base64

    from orgdocs.limits import DEFAULT_LIMITS
    from orgdocs.render import photos

    data = photos.read_photo(folder, photo, DEFAULT_LIMITS.max_photo_bytes) if photo else None
    if data is None:
        return ""
    try:
        png = photos.avatar_png(PAGE_PHOTO, "round", photo=data)
    except ValueError:
        return ""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


PAGE_PHOTO = 56.0  # points (CSS px) across, on a position page


def unit_pages(docs: Documents, shown: Numbers, frame: tuple, scope: Scope = NO_CACHE) -> list[OutputFile]:
    """units/<id>.html for every unit: its numbers as `shown` has them (cost only with the payroll estimate)."""
    out: list[OutputFile] = []
    org_name = docs.a.org.org.name
    for u in units(docs.a, shown):
        name = unit_file(u["id"])

        def make(u=u, name=name) -> list[OutputFile]:
            ctx = docs.context("Unit", f"{u['name']} — {org_name}")
            html = render_html(docs.env, "unit.html.j2", unit=unit_links(u, docs.linker(name)),
                               nav=docs.nav(name, _units_trail(u["trail"][:-1]) + [(u["name"], "")]), **ctx)
            return [OutputFile(name, html.encode())]
        out += scope.get(f"units/{u['id']}", (frame, u), make)
    return out


def subject(link: Linker, docs: Documents, sid: str | None, code: str = "") -> dict | None:
    """What a finding is about, linked when the site has a page for it (a position, a role, a unit). A role's
    and a position's ids may be the same: a role-* finding is about the role."""
    if not sid:
        return None
    a = docs.a
    if code.startswith("role") and sid in a.org.roles:
        return {"title": a.org.roles[sid].title, "href": link.role(sid)}
    if code.startswith("unit") and sid in a.org.units:
        return {"title": a.org.units[sid].name, "href": link.unit(sid)}
    if sid in a.tree.nodes:
        return {"title": a.catalog.title(a.tree.nodes[sid].position), "href": link.position(sid)}
    if sid in a.org.roles:
        return {"title": a.org.roles[sid].title, "href": link.role(sid)}
    if sid in a.org.units:
        return {"title": a.org.units[sid].name, "href": link.unit(sid)}
    return {"title": sid, "href": ""}


def checks_page(docs: Documents, plan: OrgPlan, findings: list[Problem], frame: tuple,
                scope: Scope = NO_CACHE) -> list[OutputFile]:
    """checks.html: the findings the audience sees, each linked to what it is about; keyed by what it shows."""
    name = checks_page_file()
    link = docs.linker(name)
    items = [{"severity": p.severity, "message": p.message + (f" — {p.reason}" if p.reason else ""),
              "where": str(p.location or ""), "code": p.code or "",
              "subject": subject(link, docs, p.subject, p.code or "")}
             for p in findings]
    counts = {s: sum(p.severity == s for p in findings) for s in ("error", "warning", "accepted")}

    def make() -> list[OutputFile]:
        ctx = docs.context("Checks", f"Checks — {docs.a.org.org.name}")
        html = render_html(docs.env, "checks.html.j2", findings=items, counts=counts,
                           nav=docs.nav(name, [("Checks", "")]), **ctx)
        return [OutputFile(name, html.encode())]
    return scope.get("checks", (frame, plan, items, counts), make)
