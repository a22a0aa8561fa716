"""HR documents for one org: role descriptions, the role handbook, pay bands and career ladders.

Assembles template context from the views and renders HTML and PDF bytes, named by orgdocs.outputs.plan;
writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgdocs.analyse.summary import Analysis
from orgdocs.outputs.handbook import Handbook, HandbookPart
from orgdocs.outputs.links import Linker, band_links, ladder_links, role_links
from orgdocs.outputs.plan import INDEX, OrgPlan, bands_file, handbook_file, ladder_file, role_file
from orgdocs.render.band_chart import band_chart, band_chart_html
from orgdocs.render.graphviz import document_time
from orgdocs.render.html import builtin_templates, environment, render_html
from orgdocs.render.ladder_diagram import ladder_diagram, ladder_diagram_html
from orgdocs.render.pdf import LaidOut, html_to_pdf, laid_out_pdf, weasyprint_loaded
from orgdocs.render.role_diagram import role_diagram
from orgdocs.views.about import about
from orgdocs.views.audience import audience_rules
from orgdocs.views.bands import bands as band_data
from orgdocs.views.bands import has_band_document
from orgdocs.views.ladders import ladders as ladder_data
from orgdocs.views.page import page_context
from orgdocs.views.roles import roles as role_data
from orgdocs.write import OutputFile


@dataclass(frozen=True)
class DocOptions:
    audience: str = "hr"  # whose rules (orgdocs.views.audience) decide what the documents show
    templates: Path | None = None
    page: str = "A4"
    site: OrgPlan | None = None  # `build`'s site: pages get its header and links (their PDFs do not)
    pdf: bool = True  # False: the pages alone, no PDF (serve and watch without --pdf: WeasyPrint is most of a rebuild)


class Documents:
    def __init__(self, org_id: str, analysis: Analysis, folder: Path, options: DocOptions, findings=None):
        self.org_id = org_id
        self.a = analysis
        self.folder = folder
        self.options = options
        self.rules = audience_rules(analysis.org, options.audience)
        self.findings = findings or []
        self.env = environment(options.templates)
        self.when = document_time(analysis.org.org.as_of)
        self.allowed = [folder, builtin_templates()] + ([options.templates] if options.templates else [])

    def context(self, doc_kind: str, doc_title: str) -> dict:
        info = self.a.org.org
        brand = info.brand
        logo_url = (self.folder / brand.logo).resolve().as_uri() if brand and brand.logo else ""
        return page_context(doc_kind, doc_title, name=info.name, as_of=info.as_of, org_id=self.org_id,
                            department=info.department or "", brand=brand, logo_url=logo_url,
                            page=self.options.page, when=self.when)

    def linker(self, page: str) -> Linker:
        return Linker(self.options.site, page, frozenset(self.a.tree.nodes))

    def nav(self, page: str, trail: list[tuple[str, str]]) -> dict:
        """The site's header of a page of the org's folder; `trail`: the breadcrumbs below the org's."""
        plan = self.options.site
        return {"links": plan.nav(page), "crumbs": plan.crumbs(page, trail)}

    def pdf(self, html: str) -> bytes:
        return html_to_pdf(html, base=self.folder, allowed=self.allowed, when=self.when)

    # roles -------------------------------------------------------------------------------------------------
    def roles(self) -> list[dict]:
        items = role_data(self.a, include_pay=self.rules.pay, include_names=self.rules.names)
        for r in items:
            r["diagram_svg"] = role_diagram(r["placement"]["diagram"], f"Reporting line of {r['title']}")
        return items

    def role_html(self, role: dict, linked: bool = False) -> str:
        """linked: the site's page (header, links), else the page as its PDF shows it."""
        ctx = self.context("Role description", f"{role['title']} — {self.a.org.org.name}")
        if linked and self.options.site:
            page = role_file(role["id"])
            role = role_links(role, self.linker(page))
            ctx["nav"] = self.nav(page, [("Roles", INDEX + "#roles"), (role["title"], "")])
        return render_html(self.env, "role.html.j2", role=role, **ctx)

    @staticmethod
    def handbook_families(roles: list[dict]) -> list[tuple[str, list[dict]]]:
        """Roles by family, families in the order they first come: the handbook's order."""
        families: dict[str, list[dict]] = {}
        for r in roles:
            families.setdefault(r["family"] or "Other roles", []).append(r)
        return list(families.items())

    def handbook_html(self, roles: list[dict], part: HandbookPart | None = None) -> str:
        """The whole handbook, or one part of it (outputs.handbook)."""
        ctx = self.context("Role handbook", f"Role handbook — {self.a.org.org.name}")
        return render_html(self.env, "handbook.html.j2", roles=roles, families=self.handbook_families(roles),
                           pay_shown=self.rules.pay, about=self.about(), part=part, **ctx)

    def about(self) -> dict:
        return about(self.a, include_hr=self.rules.hr_text, include_budgets=self.rules.budgets)

    def role_files(self, *, per_role: bool = True, handbook: bool = True, prefix: str = "",
                   workers: int = 1, roles: list[dict] | None = None, only: set[str] | None = None) \
            -> list[OutputFile]:
        """roles/<id>.html and .pdf for each role (or those in `only`), and role-handbook.pdf (cover, contents,
        every role); `roles`: self.roles(), when the caller has them already. Without options.pdf: the pages."""
        roles = self.roles() if roles is None else roles
        files = []
        wanted = [r for r in roles if only is None or r["id"] in only] if per_role else []
        if not self.options.pdf:
            return [OutputFile(role_file(r["id"], "html", prefix), self.role_html(r, linked=True).encode())
                    for r in wanted]
        htmls = [(r["id"], self.role_html(r)) for r in wanted]
        pages = {r["id"]: self.role_html(r, linked=True) for r in wanted} if self.options.site else dict(htmls)
        book = Handbook(self, roles) if handbook else None
        done = self.laid_out_all([(html, False) for _, html in htmls] + (book.jobs() if book else []), workers)
        for (rid, _), pdf in zip(htmls, done):
            files.append(OutputFile(role_file(rid, "html", prefix), pages[rid].encode()))
            files.append(OutputFile(role_file(rid, "pdf", prefix), pdf.data))
        if book:
            data = book.finish(done[len(htmls):], lambda more: self.laid_out_all(more, workers))
            files.append(OutputFile(handbook_file(prefix), data))
        return files

    def pdfs(self, htmls: list[str], workers: int = 1) -> list[bytes]:
        return [d.data for d in self.laid_out_all([(h, False) for h in htmls], workers)]

    def laid_out(self, html: str, write_if=None) -> LaidOut:
        return laid_out_pdf(html, base=self.folder, allowed=self.allowed, when=self.when, write_if=write_if)

    def laid_out_all(self, jobs: list[tuple[str, bool]], workers: int = 1) -> list[LaidOut]:
        """(html, whether where its pages fell is wanted) -> each laid out. Each PDF costs ~0.5 s of font
        subsetting; with workers > 1 they are made in parallel processes."""
        if workers <= 1 or len(jobs) < 2:
            return [self.laid_out(h) if where else LaidOut(self.pdf(h), 0, {}) for h, where in jobs]
        from concurrent.futures import ProcessPoolExecutor

        weasyprint_loaded()  # here, once: forked workers start with it (~1 s each otherwise)
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            return list(pool.map(_pdf_job, [(h, where, self.folder, self.allowed, self.when) for h, where in jobs]))

    # bands -------------------------------------------------------------------------------------------------
    def band_files(self, prefix: str = "") -> list[OutputFile]:
        data = band_data(self.a, self.findings)
        title = f"Pay bands — {self.a.org.org.name}"
        chart = band_chart(data, title)
        ctx = self.context("Pay bands", title)
        html = render_html(self.env, "bands.html.j2", bands=data, chart_svg=band_chart_html(data, title), **ctx)
        page = html
        if self.options.site:
            name = bands_file("html", prefix)
            page = render_html(self.env, "bands.html.j2", bands=band_links(data, self.linker(name)),
                               chart_svg=band_chart_html(data, title),
                               **ctx, nav=self.nav(name, [("Pay bands", "")]))
        files = [OutputFile(bands_file("html", prefix), page.encode())]
        if self.options.pdf:
            files.append(OutputFile(bands_file("pdf", prefix), self.pdf(html)))
        if chart:
            files.append(OutputFile(bands_file("svg", prefix), chart.encode()))
        return files

    # ladders -----------------------------------------------------------------------------------------------
    def ladder_files(self, prefix: str = "") -> list[OutputFile]:
        data = ladder_data(self.a, assessments=self.rules.assessments)
        title = f"Career ladders — {self.a.org.org.name}"
        diagram = ladder_diagram(data, title)
        ctx = self.context("Career ladders", title)
        html = render_html(self.env, "ladder.html.j2", ladders=data, diagram_svg=ladder_diagram_html(data, title),
                           **ctx)
        page = html
        if self.options.site:
            name = ladder_file("html", prefix)
            page = render_html(self.env, "ladder.html.j2", ladders=ladder_links(data, self.linker(name)),
                               diagram_svg=ladder_diagram_html(data, title),
                               **ctx, nav=self.nav(name, [("Career ladders", "")]))
        return [OutputFile(ladder_file("html", prefix), page.encode())] \
            + ([OutputFile(ladder_file("pdf", prefix), self.pdf(html))] if self.options.pdf else []) \
            + [OutputFile(ladder_file("svg", prefix), diagram.encode())]


def _pdf_job(args: tuple) -> LaidOut:
    html, where, folder, allowed, when = args
    if where:
        return laid_out_pdf(html, base=folder, allowed=allowed, when=when)
    return LaidOut(html_to_pdf(html, base=folder, allowed=allowed, when=when), 0, {})


def has_ladders(a: Analysis) -> bool:
    return bool(a.org.ladders)


__all__ = ["DocOptions", "Documents", "has_band_document", "has_ladders"]
