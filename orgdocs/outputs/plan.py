"""Every file name orgdocs writes, and every link between its pages: decided here and nowhere else.

`build` writes one tree per audience, OUTPUT/<audience>/, each with its own index and redaction manifest and
one folder per org (<audience>/<org id>/) and per family of variants; no page links out of its own tree. Names
here are relative to the folder they are written into: an org's folder (OUTPUT/<audience>/<org id>/ for `build`,
OUT_DIR/<org id>/ for the single commands) or, for the site index and comparisons, the audience's tree. Templates
and the chart get their links from here as values; none of them spells a file name.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

CHART = "chart"
HR = "hr/"  # the single commands' documents with pay (OUT_DIR/<org>/hr/); others are scanned before writing
INDEX = "index.html"
MANIFEST = "redaction-manifest.json"  # in each audience's tree: every file, what it withholds, the scan result
BUILD_AUDIENCES = ("all-hands", "hr", "public")  # `build --audience all` writes these trees, in this order
COMPARE_FORMATS = ("pdf", "html", "md", "json")  # what `build` writes for a family of variants


def chart_file(fmt: str, page: str = "", stem: str = CHART) -> str:
    """stem.fmt; a split page or a tile is stem-<page>.fmt (a PDF keeps every page in one file)."""
    return f"{stem}{'-' + page if page else ''}.{fmt}"


def role_file(role_id: str, fmt: str = "html", prefix: str = "") -> str:
    return f"{prefix}roles/{role_id}.{fmt}"


def handbook_file(prefix: str = "") -> str:
    return f"{prefix}role-handbook.pdf"


def bands_file(fmt: str, prefix: str = HR) -> str:
    return f"{prefix}bands.{fmt}"


def ladder_file(fmt: str, prefix: str = "") -> str:
    return f"{prefix}ladder.{fmt}"


def stats_file(fmt: str, prefix: str = "") -> str:
    """The numbers; at the top without the payroll estimate, under hr/ whole."""
    return f"{prefix}stats.{fmt}"


def check_file(prefix: str = "") -> str:
    """The check results; at the top without the pay findings, under hr/ whole."""
    return f"{prefix}check.json"


# --- the browsable site (issue 14): every page and asset name, decided here ---

ASSETS = "assets/"  # in each audience's tree: the site's script and style shared by every page
SEARCH_PAGE = "search.html"  # in each audience's tree
SEARCH_INDEX = "search-index.js"  # in each audience's tree: the prebuilt index as a script (works from file://)


def asset_file(name: str) -> str:
    """A shared asset of an audience's tree (site.js, chart-viewer.js, search.js, site.css)."""
    return f"{ASSETS}{name}"


def position_file(position_id: str, fmt: str = "html", prefix: str = "") -> str:
    """One page per position or group: holders, manager, reports, dotted lines, unit, role."""
    return f"{prefix}positions/{position_id}.{fmt}"


def unit_file(unit_id: str, fmt: str = "html", prefix: str = "") -> str:
    return f"{prefix}units/{unit_id}.{fmt}"


def chart_page_file(prefix: str = "") -> str:
    """The chart on a screen: full width, pan and zoom, find a person, collapse below a manager."""
    return f"{prefix}chart.html"


def dashboard_file(fmt: str = "html", prefix: str = "") -> str:
    """The org at a glance: key numbers and plots (HTML), and the same as a one-page PDF for a board pack."""
    return f"{prefix}dashboard.{fmt}"


def checks_page_file(prefix: str = "") -> str:
    return f"{prefix}checks.html"


# --- the chart viewer (issue 14, VIEWER): chart.html's script, shared by every org of a tree ---

VIEWER_SCRIPT = "chart-viewer.js"


def viewer_links(org_id: str) -> dict:
    """The links of an org's chart.html (in the org's folder) to the assets at the top of its tree."""
    return {"script": href(org_file(org_id, chart_page_file()), asset_file(VIEWER_SCRIPT)),
            "index": href(chart_page_file(), INDEX)}

# --- end of the chart viewer's block ---

# --- `orgdocs serve` (issue 14): addresses the server answers itself, never files of a tree ---
# one prefix no built name can take (org ids and plan names never start with "__"), so a tree cannot shadow them

LIVE_PREFIX = "/__orgdocs/"
LIVE_SCRIPT = LIVE_PREFIX + "live.js"  # the live-reload script injected into served HTML (never into files)
LIVE_STATE = LIVE_PREFIX + "build"  # JSON {"build": n, "ok": bool}: the script reloads when n changes
# --- search and dashboard (issue 14 SEARCH+DASH): where a search result leads ---

SEARCH_SCRIPT = "search.js"  # asset_file(SEARCH_SCRIPT): the search page's script
SITE_RESULT = "(site)"  # how `build` names a tree's own pages (its index, its search) among its results
# positions/<id>.html and units/<id>.html are built by the NAV part of issue 14; until they exist in this tree a
# result for a person or position opens its role page and a unit opens the org's index. One switch:
SITE_PAGES = True


def search_names() -> tuple[str, ...]:
    """The files of a tree's search, at its top."""
    return (SEARCH_PAGE, SEARCH_INDEX, asset_file(SEARCH_SCRIPT))


def site_names() -> tuple[str, ...]:
    """The files of a tree that belong to no org: its index, its search, the chart viewer's script."""
    return (INDEX,) + search_names() + (asset_file(VIEWER_SCRIPT),)


def search_target(org_id: str, kind: str, ident: str, role_id: str | None = None) -> str:
    """The page a search result opens, relative to the audience's tree. kind: org, role, position, unit."""
    if kind == "role":
        return org_file(org_id, role_file(ident))
    if SITE_PAGES and kind in ("position", "unit"):
        return org_file(org_id, (position_file if kind == "position" else unit_file)(ident))
    if kind == "position" and role_id:
        return org_file(org_id, role_file(role_id))
    return org_file(org_id, INDEX)


def is_public(name: str) -> bool:
    """Whether a file of an org's folder is meant for everyone (all but hr/): those are scanned for leaks."""
    return not name.startswith(HR)


def compare_file(fmt: str, family: str = "") -> str:
    return f"{family}/compare.{fmt}" if family else f"compare.{fmt}"


def org_file(org_id: str, name: str) -> str:
    """A file of an org's folder, relative to its audience's tree."""
    return f"{org_id}/{name}"


def tree_file(audience: str, name: str) -> str:
    """A file of an audience's tree, relative to the output folder of `build`."""
    return f"{audience}/{name}"


def build_audiences(choice: str) -> tuple[str, ...]:
    """The trees `build --audience CHOICE` writes."""
    return BUILD_AUDIENCES if choice == "all" else (choice,)


def href(source: str, target: str) -> str:
    """The relative link from the page `source` to the file `target` (both relative to one folder); a
    `#fragment` of the target is kept as one."""
    target, hash_, fragment = target.partition("#")
    tail = hash_ + quote(fragment) if hash_ else ""
    if "/" not in source and not target.startswith(("/", "..")):  # from the top (search.html's 20,000 links)
        return quote(posixpath.normpath(target)) + tail
    rel = posixpath.relpath(target, posixpath.dirname(source) or ".")
    return quote(rel) + tail


@dataclass(frozen=True)
class OrgPlan:
    """What `build` writes into one org's folder, and the links its index page and chart carry."""

    org_id: str
    role_ids: tuple[str, ...]
    ladders: bool  # ladder.* is written
    bands: bool  # bands.* is written (in a tree whose audience sees pay)
    units: tuple[str, ...] = ()  # units/<id>.html is written for each (build's site); the first is the top unit
    family: str = ""  # the family of variants the org is one of: its comparison is linked from every page
    name: str = ""  # the org's name as the site's breadcrumbs show it (variant label included)

    # --- the site's pages of one org (issue 14, NAV): names relative to the org's folder ---

    def nav(self, page: str) -> list[dict]:
        """The header of `page` (a file of the org's folder): the site's pages, then the org's, each
        {label, href, current}; links relative to the page."""
        here = org_file(self.org_id, page)
        entries = [(label, target, target == here) for label, target in SITE_NAV]
        for label, name, section in org_nav(self):
            target = org_file(self.org_id, name) if name is not None else compare_file("html", self.family)
            current = page == name or bool(section and page.startswith(section))
            entries.append((label, target, current))
        return [{"label": label, "href": href(here, target), "current": current, "search": target == SEARCH_PAGE}
                for label, target, current in entries]

    def crumbs(self, page: str, trail: list[tuple[str, str]] = ()) -> list[dict]:
        """Site › Org › trail... : each {label, href}; `trail` is (label, file of the org's folder), the last one
        the page itself (no link)."""
        here = org_file(self.org_id, page)
        out = [{"label": "Site", "href": href(here, INDEX)},
               {"label": self.name or self.org_id, "href": href(here, org_file(self.org_id, INDEX))}]
        out += [{"label": label, "href": href(page, name) if name else ""} for label, name in trail]
        if out and page == INDEX and not trail:
            out[-1]["href"] = ""
        return out

    def link(self, page: str, name: str) -> str:
        """From one file of the org's folder to another."""
        return href(page, name)

    def role_link(self, role_id: str) -> str:
        """From the chart (chart.svg, and the chart inlined in index.html) to a role's page."""
        return href(chart_file("svg"), role_file(role_id))

    def position_link(self, position_id: str) -> str:
        """From the chart (chart.svg, and the chart inlined in index.html) to a position's page."""
        return href(chart_file("svg"), position_file(position_id))

    def files(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The org's files of every format, as its index page lists them: (what, [(format, link)])."""
        def link(*names: str) -> list[tuple[str, str]]:
            return [(n.rsplit(".", 1)[-1].upper(), href(INDEX, n)) for n in names]
        out = [("Role handbook", link(handbook_file()))]
        if self.ladders:
            out.append(("Career ladders", link(ladder_file("html"), ladder_file("pdf"), ladder_file("svg"))))
        if self.bands:
            out.append(("Pay bands", link(bands_file("html", ""), bands_file("pdf", ""))))
        out.append(("Numbers", link(stats_file("txt"), stats_file("csv"), stats_file("json"))))
        out.append(("Check results", [("HTML", href(INDEX, checks_page_file()))] + link(check_file())))
        return out

    def index_links(self, chart_pngs: list[str]) -> dict:
        """The links of index.html. chart_pngs: the chart's PNG files (several when drawn as tiles)."""
        def link(name: str) -> str:
            return href(INDEX, name)

        pngs = chart_pngs or [chart_file("png")]
        return {
            "chart_svg": link(chart_file("svg")),
            "chart_pdf": link(chart_file("pdf")),
            "chart_pptx": link(chart_file("pptx")),  # slides to edit (issue 15)
            "chart_png": link(pngs[0]),
            "chart_png_count": len(pngs),
            "chart_page": link(chart_page_file()),  # the chart on a screen: pan, zoom, find (issue 14)
            "handbook": link(handbook_file()),
            "ladder": link(ladder_file("html")) if self.ladders else "",
            "stats_txt": link(stats_file("txt")),
            "stats_csv": link(stats_file("csv")),
            "bands": link(bands_file("html", "")) if self.bands else "",
            "dashboard": link(dashboard_file()),  # issue 14: until the site's header links them
            "search": href(org_file(self.org_id, INDEX), SEARCH_PAGE),
        }

    def dashboard_links(self) -> dict:
        page = dashboard_file()
        return {"index": href(page, INDEX), "pdf": href(page, dashboard_file("pdf")),
                "bands": href(page, bands_file("html", "")) if self.bands else ""}

    def role_links(self, role_id: str) -> dict:
        return {"html": href(INDEX, role_file(role_id)), "pdf": href(INDEX, role_file(role_id, "pdf"))}


# --- the site's header (issue 14, NAV): adding a page to every header is one line here ---

# pages of an audience's tree: (label, file relative to the tree)
SITE_NAV: list[tuple[str, str]] = [
    ("Site", INDEX),
    ("Search", SEARCH_PAGE),
]


def org_nav(plan: OrgPlan) -> list[tuple[str, str | None, str]]:
    """The org's pages in its header: (label, file of the org's folder, folder whose pages count as this
    entry); None as the file: the family's comparison."""
    out: list[tuple[str, str | None, str]] = [("Overview", INDEX, ""),
                                              ("Chart", chart_page_file(), "positions/"),
                                              ("Roles", INDEX + "#roles", "roles/")]
    if plan.units:
        out.append(("Units", unit_file(plan.units[0]), "units/"))
    if plan.ladders:
        out.append(("Ladders", ladder_file("html"), ""))
    if plan.bands:
        out.append(("Pay bands", bands_file("html", ""), ""))
    out.append(("Numbers", dashboard_file("html"), ""))
    out.append(("Checks", checks_page_file(), ""))
    if plan.family:
        out.append(("Comparison", None, ""))
    return out


# an org's pages the site index links beside its name: (label, file of the org's folder)
KEY_PAGES: list[tuple[str, str]] = [
    ("Chart", chart_page_file()),
    ("Numbers", dashboard_file("html")),
    ("Checks", checks_page_file()),
]


def site_nav(page: str) -> list[dict]:
    """The header of a page of the audience's tree itself (the site index, a comparison)."""
    return [{"label": label, "href": href(page, target), "current": target == page, "search": target == SEARCH_PAGE}
            for label, target in SITE_NAV]


def comparison_nav(family: str, variants: list[tuple[str, str]]) -> dict:
    """The header of a family's comparison page: the site's pages, then each variant's overview
    ((label, org id) each)."""
    page = compare_file("html", family)
    links = site_nav(page) + [{"label": label, "href": href(page, org_file(org_id, INDEX)), "current": False,
                               "search": False}
                              for label, org_id in variants]
    return {"links": links, "crumbs": [{"label": "Site", "href": href(page, INDEX)},
                                       {"label": f"Comparison: {family}", "href": ""}]}


@dataclass(frozen=True)
class SitePlan:
    """The output folder of `build`: one folder per org, one per family of variants, and the index linking them."""

    org_ids: tuple[str, ...]
    families: tuple[str, ...]

    def org_link(self, org_id: str) -> str:
        return href(INDEX, org_file(org_id, INDEX))

    def search_link(self) -> str:
        return href(INDEX, SEARCH_PAGE)
    def key_pages(self, org_id: str) -> list[tuple[str, str]]:
        """An org's pages the site index links beside its name: (label, link)."""
        return [(label, href(INDEX, org_file(org_id, name))) for label, name in KEY_PAGES]

    def comparison_links(self, family: str) -> dict:
        return {fmt: href(INDEX, compare_file(fmt, family)) for fmt in COMPARE_FORMATS}


# --- the comparison page (issue 14): its links to the variants' pages ---


@dataclass(frozen=True)
class ComparisonPlan:
    """The links of a family's compare.html (<family>/compare.html in an audience's tree) to its variants' pages
    (<org id>/...). `orgdocs compare -o x.html` has none: its page links nowhere."""

    family: str
    # the files of the tree (names relative to it): a position is linked only where its page is written (the
    # position pages are another part of issue 14); None: every position page is assumed written
    written: frozenset[str] | None = None

    def _link(self, target: str) -> str:
        return href(compare_file("html", self.family), target)

    def position_link(self, org_id: str, position_id: str) -> str:
        target = org_file(org_id, position_file(position_id))
        return self._link(target) if self.written is None or target in self.written else ""

    def org_link(self, org_id: str) -> str:
        return self._link(org_file(org_id, INDEX))


def position_pages(names, org_ids) -> frozenset[str]:
    """Of a tree's file names, the position pages of these orgs (what a comparison of them may link)."""
    folders = tuple(org_file(org_id, position_file("-", prefix="")).removesuffix("-.html") for org_id in org_ids)
    return frozenset(n for n in names if n.startswith(folders))


# --- where the single commands write: OUT_DIR/<org>/, documents with pay under hr/, -o's own file ---

DEFAULT_OUT_DIR = Path("output")

# `orgdocs init`: the files of a new org folder
ORG_FILE = "org.yaml"
STARTER_README = "README.md"
SCHEMA_FILE = "org.schema.json"  # beside org.yaml, named by its modeline


def org_folder(out_dir: Path | None, org_id: str) -> Path:
    return (out_dir or DEFAULT_OUT_DIR) / org_id


def audience_prefix(audience: str) -> str:
    """Where a single command puts an audience's documents inside OUT_DIR/<org>/: hr/, public/, or the top."""
    return "" if audience == "all-hands" else f"{audience}/"


def chart_place(org_id: str, out_dir: Path | None, output: Path | None) -> tuple[Path, str]:
    """Where a single command writes a chart: the folder and file stem of -o (pages and tiles are named after
    it), else OUT_DIR/<org>/chart."""
    if output is not None:
        return output.parent, output.stem
    return org_folder(out_dir, org_id), CHART
