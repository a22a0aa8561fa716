"""HR documents: role descriptions, the role handbook, pay bands and career ladders, read back from what the CLI
writes (PDF text, outline and metadata with pypdf; HTML with html.parser; SVG with ElementTree).

Expected content comes from the org definitions (loaded with orgdocs.outputs.build.load), not from orgdocs' document
code. PDFs are slow to make (~0.3 s each), so every document is rendered once per module by a module-scoped
fixture, and the tests read the files.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import invoke_cli
from pypdf import PdfReader

from orgdocs.commands import steps
from orgdocs.outputs import build as building
from orgdocs.outputs.documents import DocOptions

ROOT = Path(__file__).resolve().parent.parent
ORGS = ROOT / "orgs"
CS = ORGS / "cs-enhanced-team"
LIFECYCLE = ORGS / "cs-lifecycle-org"
DATA = ROOT / "tests" / "data" / "docs"
MINI = DATA / "mini"
HOSTILE = DATA / "hostile"
UNICODE = DATA / "unicode"
PAY = DATA / "pay"
SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


# --------------------------------------------------------------------------------------------------------------
# Running the CLI and reading what it wrote
# --------------------------------------------------------------------------------------------------------------


invoke = invoke_cli


def ok(*args):
    result = invoke(*args)
    assert result.exit_code == 0, result.output + result.stderr
    return result


def loaded(org: Path) -> steps.LoadedOrg:
    [item] = steps.load([str(org)])
    return item


def flat(text: str) -> str:
    """Whitespace-insensitive text: PDF lines wrap wherever the layout puts them."""
    return " ".join(text.split())


def nospace(text: str) -> str:
    return "".join(text.split())


@functools.lru_cache(maxsize=None)
def _pages(path: Path, mtime: float) -> tuple[str, ...]:
    return tuple(page.extract_text() for page in PdfReader(path).pages)


def pdf_pages(path: Path) -> list[str]:
    """Page texts (cached: the module's documents are read by several tests)."""
    return list(_pages(path, path.stat().st_mtime))


def pdf_text(path: Path) -> str:
    return flat(" ".join(pdf_pages(path)))


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


class Node:
    def __init__(self, tag: str, attrs: dict, parent: "Node | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list = []  # Node or str

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str, cls: str | None = None) -> list["Node"]:
        return [n for n in self.iter() if n.tag == tag and (cls is None or cls in n.attrs.get("class", "").split())]

    def find(self, tag: str, cls: str | None = None) -> "Node":
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}>"
        return found[0]

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def ancestors(self):
        n = self.parent
        while n is not None:
            yield n
            n = n.parent


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class TreeBuilder(HTMLParser):
    """A small DOM from html.parser, recording every tag that does not close in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.stack = [self.root]
        self.errors: list[str] = []
        self.doctype = ""

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1]))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if len(self.stack) > 1 and self.stack[-1].tag == tag:
            self.stack.pop()
        else:
            self.errors.append(f"</{tag}> closes <{self.stack[-1].tag}> (line {self.getpos()[0]})")

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(path: Path) -> tuple[Node, TreeBuilder]:
    builder = TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    return builder.root, builder


def html_doc(path: Path) -> Node:
    root, builder = parse_html(path)
    assert not builder.errors, builder.errors
    return root


def body_text(path: Path) -> str:
    return flat(html_doc(path).find("body").text())


def para(doc: Node, label: str) -> str:
    """The text of the <p> whose <strong> label starts with `label` (e.g. 'Reports to:')."""
    for p in doc.find_all("p"):
        strong = [c for c in p.children if isinstance(c, Node) and c.tag == "strong"]
        if strong and strong[0].text().startswith(label):
            return flat(p.text())
    raise AssertionError(f"no paragraph labelled {label!r}")


def headings(doc: Node, tag: str = "h2") -> list[str]:
    return [flat(h.text()) for h in doc.find_all(tag)]


def svg_root(path: Path) -> ET.Element:
    return ET.parse(path).getroot()


def svg_all(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [e for e in root.iter(SVG + tag) if cls in (e.get("class") or "").split()]


def svg_title(e: ET.Element) -> str:
    t = e.find(SVG + "title")
    return t.text if t is not None else ""


def money(v: float) -> str:
    return f"${v:,.0f}"


def months(r) -> str:
    return f"{r.min:g}–{r.max:g} months"


def tiny_png(w: int = 7, h: int = 5) -> bytes:
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * w for _ in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (PNG_SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# --------------------------------------------------------------------------------------------------------------
# Documents rendered once per module
# --------------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cs():
    return loaded(CS)


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return tmp_path_factory.mktemp("docs")


@pytest.fixture(scope="module")
def hr_roles(out):
    """`roles orgs/cs-enhanced-team --audience hr`: hr/roles/<id>.html/.pdf and hr/role-handbook.pdf."""
    ok("roles", CS, "--audience", "hr", "--out-dir", out / "hr-roles")
    return out / "hr-roles" / "cs-enhanced-team" / "hr"


@pytest.fixture(scope="module")
def built(out):
    """`build --audience all` of cs-enhanced-team (bands, ladder) and cs-lifecycle-org (neither) in one run."""
    result = invoke("build", CS, LIFECYCLE, "--out-dir", out / "build", "--audience", "all")
    assert result.exit_code == 0, result.output + result.stderr
    return out / "build"


@pytest.fixture(scope="module")
def public_roles(built):
    """The all-hands role descriptions that build writes (roles/<id>.html/.pdf)."""
    return built / "all-hands" / "cs-enhanced-team" / "roles"


@pytest.fixture(scope="module")
def cs_bands(out):
    ok("bands", CS, "--audience", "hr", "--out-dir", out / "bands")
    return out / "bands" / "cs-enhanced-team" / "hr"


@pytest.fixture(scope="module")
def cs_ladder(out):
    ok("ladder", CS, "--out-dir", out / "ladder")
    return out / "ladder" / "cs-enhanced-team"


@pytest.fixture(scope="module")
def pay_bands(out):
    ok("bands", PAY, "--audience", "hr", "--out-dir", out / "pay")
    return out / "pay" / "pay" / "hr"


@pytest.fixture(scope="module")
def hostile(out):
    for cmd in (("roles", "--audience", "hr"), ("bands", "--audience", "hr"), ("ladder",)):
        ok(*cmd, HOSTILE, "--out-dir", out / "hostile")
    return out / "hostile" / "hostile"


@pytest.fixture(scope="module")
def unicode_roles(out):
    ok("roles", UNICODE, "--audience", "hr", "--no-handbook", "--out-dir", out / "unicode")
    return out / "unicode" / "unicode" / "hr" / "roles"


# --------------------------------------------------------------------------------------------------------------
# 1. Role descriptions
# --------------------------------------------------------------------------------------------------------------


def test_every_role_has_an_html_and_a_pdf(cs, hr_roles):
    assert sorted(p.name for p in (hr_roles / "roles").iterdir()) == sorted(
        f"{rid}.{ext}" for rid in cs.org.roles for ext in ("html", "pdf"))


def test_responsibilities_appear_in_pdf_and_html(cs, hr_roles):
    for rid, role in cs.org.roles.items():
        html = body_text(hr_roles / "roles" / f"{rid}.html")
        pdf = pdf_text(hr_roles / "roles" / f"{rid}.pdf")
        assert flat(role.title) in html and flat(role.title) in pdf
        for item in role.responsibilities:
            assert flat(item) in html, (rid, item)
            assert flat(item) in pdf, (rid, item)
        if not role.responsibilities:
            assert "No responsibilities are recorded" in html


def test_kpi_names_and_targets(cs, hr_roles):
    for rid, role in cs.org.roles.items():
        doc = html_doc(hr_roles / "roles" / f"{rid}.html")
        pdf = pdf_text(hr_roles / "roles" / f"{rid}.pdf")
        rows = {flat(tr.find_all("td")[0].text()): flat(tr.find_all("td")[1].text())
                for tr in doc.find_all("tr") if tr.find_all("td")}
        for k in role.kpis:
            metric = cs.org.metrics[k]
            assert metric.name in rows, (rid, metric.name)
            assert f"{metric.target:g}" in rows[metric.name], (rid, metric.name, rows[metric.name])
            assert metric.name in pdf
    csm = pdf_text(hr_roles / "roles" / "csm.pdf")
    assert "Net Revenue Retention ≥ 97%" in csm
    assert "Customer Satisfaction Score ≥ 4.5 / 5" in csm


def test_reports_to_and_direct_reports(cs, hr_roles):
    org = cs.org
    by_id = {p.id: p for p in org.positions}

    def title(pos):
        return pos.title or org.roles[pos.role].title

    for rid in org.roles:
        doc = html_doc(hr_roles / "roles" / f"{rid}.html")
        mine = [p for p in org.positions if p.role == rid]
        bosses = {title(by_id[p.reports_to]) if p.reports_to in by_id else org.externals[p.reports_to].name
                  for p in mine if p.reports_to}
        reports = {title(p) for p in org.positions if p.reports_to in {m.id for m in mine}}
        reports_to, direct = para(doc, "Reports to:"), para(doc, "Direct reports:")
        for b in bosses:
            assert b in reports_to, (rid, b, reports_to)
        if not bosses:
            assert "no one in this org" in reports_to
        for r in reports:
            assert r in direct, (rid, r, direct)
        if not reports:
            assert direct == "Direct reports: none"

    director = html_doc(hr_roles / "roles" / "director-cs.html")
    assert "VP Customer Operations" in para(director, "Reports to:")
    direct = para(director, "Direct reports:")
    for manager in ("Customer Success Manager (team lead) ×3", "Technical Solutions Manager",
                    "Customer Education Manager"):
        assert manager in direct
    pdf = pdf_text(hr_roles / "roles" / "director-cs.pdf")
    assert "Reports to: VP Customer Operations" in pdf
    assert "Direct reports: Customer Success Manager (team lead) ×3, Technical Solutions Manager, " \
           "Customer Education Manager" in pdf


def test_pay_band_and_incentive_for_hr(cs, hr_roles):
    band = cs.org.compensation.bands["csm"]
    plan = cs.org.compensation.incentive_plans["retention-incentive"]
    expected = f"{money(band.min)} – {money(band.max)}"
    assert expected == "$65,000 – $85,000"
    doc = html_doc(hr_roles / "roles" / "csm.html")
    assert "Pay" in headings(doc)
    assert expected in para(doc, "Base salary band:")
    assert f"{plan.target_pct:g}%" in para(doc, "Incentive:")
    pdf = pdf_text(hr_roles / "roles" / "csm.pdf")
    assert f"Base salary band: {expected} (midpoint $75,000)" in pdf
    assert "target 15% of base salary" in pdf
    # every banded role shows its own band
    for rid in cs.org.roles:
        bid = cs.org.roles[rid].level
        if bid in cs.org.compensation.bands:
            b = cs.org.compensation.bands[bid]
            assert f"{money(b.min)} – {money(b.max)}" in pdf_text(hr_roles / "roles" / f"{rid}.pdf"), rid


def test_all_hands_role_descriptions_never_show_pay(cs, public_roles):
    for rid in cs.org.roles:
        doc = html_doc(public_roles / f"{rid}.html")
        assert "Pay" not in headings(doc), rid
        html = flat(doc.text())
        pdf = pdf_text(public_roles / f"{rid}.pdf")
        for text in (html, pdf):
            assert "$" not in text, rid
            assert "Base salary band" not in text and "Incentive:" not in text, rid
            assert "15% of base" not in text, rid
        assert "Pay" not in pdf.split(), rid
        # the rest of the description is still there
        for item in cs.org.roles[rid].responsibilities:
            assert flat(item) in pdf


def test_career_path_next_step_and_months(cs, hr_roles):
    ladder = cs.org.ladders["customer-success"]
    first, second = ladder.steps[0], ladder.steps[1]
    expected = f"Next step: {cs.org.roles[second.role].title}, typically after {months(first.months_to_next)}"
    assert expected == "Next step: Senior Customer Success Manager, typically after 18–24 months"
    assert expected in pdf_text(hr_roles / "roles" / "csm.pdf")
    assert expected in para(html_doc(hr_roles / "roles" / "csm.html"), "Next step:")
    director = pdf_text(hr_roles / "roles" / "director-cs.pdf")
    assert "Previous step: Manager (typically 36–48 months there)" in director
    assert "Next step: top of this ladder" in director


def test_role_without_band_still_renders(hr_roles):
    doc = html_doc(hr_roles / "roles" / "solutions-engineer.html")
    assert "Pay" in headings(doc)
    pdf = pdf_text(hr_roles / "roles" / "solutions-engineer.pdf")
    assert "This role has no pay band." in pdf
    assert "Technical implementation support" in pdf
    assert "Base salary band" not in pdf


def test_role_on_no_ladder_says_so(cs, hr_roles):
    on_ladder = {s.role for lad in cs.org.ladders.values() for s in lad.steps if s.role}
    levels = {s.level for lad in cs.org.ladders.values() for s in lad.steps if s.level}
    for rid, role in cs.org.roles.items():
        pdf = pdf_text(hr_roles / "roles" / f"{rid}.pdf")
        if rid not in on_ladder and role.level not in levels:
            assert "This role is on no career ladder." in pdf, rid
        else:
            assert "This role is on no career ladder." not in pdf, rid
            assert "Customer Success career path" in pdf, rid
    assert "This role is on no career ladder." in pdf_text(hr_roles / "roles" / "solutions-engineer.pdf")


# --------------------------------------------------------------------------------------------------------------
# 2. The role handbook
# --------------------------------------------------------------------------------------------------------------


def outline_entries(reader: PdfReader) -> list[tuple[str, int]]:
    return [(e.title, reader.get_destination_page_number(e)) for e in reader.outline if not isinstance(e, list)]


def test_handbook_outline_one_entry_per_role_in_catalog_order(cs, hr_roles):
    reader = PdfReader(hr_roles / "role-handbook.pdf")
    assert all(not isinstance(e, list) for e in reader.outline), "role entries must be top level only"
    entries = outline_entries(reader)
    about = f"About {cs.org.org.name}"  # the org's metrics and sections close the handbook
    assert [t for t, _ in entries] == [r.title for r in cs.org.roles.values()] + [about]
    assert "Net Revenue Retention" in reader.pages[entries[-1][1]].extract_text()
    entries = entries[:-1]
    pages = [p for _, p in entries]
    assert pages == sorted(pages) and len(set(pages)) == len(pages)
    for title, page in entries:
        lines = reader.pages[page].extract_text().splitlines()
        assert lines[0] == title, "each role starts on a new page, its title first"


def test_handbook_cover_contents_and_role_sections(cs, hr_roles):
    texts = pdf_pages(hr_roles / "role-handbook.pdf")
    cover = next(i for i, t in enumerate(texts) if t.splitlines()[0] == "ROLE HANDBOOK")
    assert cs.org.org.name in texts[cover] and f"{len(cs.org.roles)} roles" in texts[cover]
    assert texts[cover + 1].startswith("Contents")
    first_role = outline_entries(PdfReader(hr_roles / "role-handbook.pdf"))[0][1]
    assert first_role == cover + 2, "contents is followed by the first role"
    for role in cs.org.roles.values():
        assert sum(t.startswith(role.title + "\n") for t in texts) == 1, role.title


def test_handbook_first_page_is_the_cover(cs, hr_roles):
    texts = pdf_pages(hr_roles / "role-handbook.pdf")
    assert texts[0].splitlines()[0] == "ROLE HANDBOOK", texts[0]
    assert "Page 1 of" not in texts[0]
    assert texts[1].startswith("Contents")


def test_handbook_contents_page_numbers_point_at_role_titles(cs, hr_roles):
    reader = PdfReader(hr_roles / "role-handbook.pdf")
    texts = [p.extract_text() for p in reader.pages]
    toc = next(t for t in texts if t.startswith("Contents"))
    numbers = {m.group(1).strip(): int(m.group(2))
               for m in re.finditer(r"^(.+?)\s*\.{3,}\s*(\d+)\s*$", toc, re.MULTILINE)}
    assert set(numbers) == {r.title for r in cs.org.roles.values()} | {f"About {cs.org.org.name}"}
    outline = dict(outline_entries(reader))
    for title, number in numbers.items():
        assert texts[number - 1].splitlines()[0] == title, (title, number)
        assert outline[title] == number - 1


def test_handbook_metadata_running_header_and_selectable_text(cs, hr_roles):
    reader = PdfReader(hr_roles / "role-handbook.pdf")
    assert cs.org.org.name in reader.metadata.title
    texts = [p.extract_text() for p in reader.pages]
    assert all(t.strip() for t in texts), "every page has selectable text"
    first_role = outline_entries(reader)[0][1]
    for i in range(first_role, len(texts)):
        assert cs.org.org.name in texts[i], i
        assert f"Page {i + 1} of {len(texts)}" in texts[i], i
    # with pay (hr), and the pay appears in the handbook
    assert "$65,000 – $85,000" in flat(" ".join(texts))


# --------------------------------------------------------------------------------------------------------------
# 3. Pay bands
# --------------------------------------------------------------------------------------------------------------


def band_rows(doc: Node) -> list[tuple[str, list[str]]]:
    """(band label, cell texts) for each row of the band table."""
    table = doc.find("table", "bands")
    return [(flat(tr.find("strong").text()), [flat(td.text()) for td in tr.find_all("td")])
            for tr in table.find("tbody").find_all("tr")]


def test_band_table_min_mid_max(cs, cs_bands):
    bands = cs.org.compensation.bands
    rows = dict(band_rows(html_doc(cs_bands / "bands.html")))
    assert len(rows) == len(bands)
    pdf = pdf_text(cs_bands / "bands.pdf")
    for band in bands.values():
        row = rows[cs.org.levels[band.level].name]
        mid = band.mid if band.mid is not None else (band.min + band.max) / 2
        assert row[2:5] == [money(band.min), money(mid) + "*", money(band.max)], row
        assert f"{money(band.min)} {money(mid)}* {money(band.max)}" in pdf
    assert rows["CSM"][2:5] == ["$65,000", "$75,000*", "$85,000"]


def test_band_spread_step_and_gap(cs, cs_bands):
    rows = dict(band_rows(html_doc(cs_bands / "bands.html")))
    for band in cs.org.compensation.bands.values():
        assert rows[cs.org.levels[band.level].name][5] == f"{(band.max - band.min) / band.min * 100:.0f}%"
    assert rows["CSM"][5] == "31%"
    assert rows["Senior CSM"][6] == "+27%"   # 95,000 / 75,000 - 1
    assert rows["Director"][6] == "+53%"     # 180,000 / 117,500 - 1
    assert rows["Manager"][7] == "gap 30,000"
    pdf = pdf_text(cs_bands / "bands.pdf")
    assert "$65,000 $75,000* $85,000 31%" in pdf
    assert "+53%" in pdf and "gap 30,000" in pdf


def test_band_warnings_from_check_are_shown(cs, cs_bands):
    warnings = [f.message for f in steps.check(cs) if f.code.startswith("band-")]
    assert any("gap of 30,000" in w and "Manager" in w and "Director" in w for w in warnings)
    doc = html_doc(cs_bands / "bands.html")
    shown = [flat(li.text()) for li in doc.find_all("li", "warning")]
    pdf = pdf_text(cs_bands / "bands.pdf")
    for w in warnings:
        assert flat(w) in shown
        assert flat(w) in pdf


def check_bars(rects: list[ET.Element], bands: list) -> tuple[float, float]:
    """Bars run from min to max on one linear scale: x = a + s·min, width = s·(max − min). Returns (a, s)."""
    xs = [float(r.get("x")) for r in rects]
    ws = [float(r.get("width")) for r in rects]
    s = (xs[-1] - xs[0]) / (bands[-1].min - bands[0].min)
    a = xs[0] - s * bands[0].min
    assert s > 0
    for x, w, band in zip(xs, ws, bands):
        assert abs(x - (a + s * band.min)) < 0.2, (x, band)
        assert abs(w - s * (band.max - band.min)) < 0.2, (w, band)
    return a, s


def test_band_chart_one_bar_per_band_in_order_and_to_scale(cs, cs_bands):
    root = svg_root(cs_bands / "bands.svg")
    bars = svg_all(root, "rect", "band-bar")
    rows = band_rows(html_doc(cs_bands / "bands.html"))
    assert len(bars) == len(cs.org.compensation.bands) == len(rows)
    labels = [svg_title(b).split(":")[0] for b in bars]
    assert labels == [label for label, _ in rows]
    ys = [float(b.get("y")) for b in bars]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)
    by_name = {cs.org.levels[b.level].name: b for b in cs.org.compensation.bands.values()}
    bands = [by_name[lab] for lab in labels]
    a, s = check_bars(bars, bands)
    mids = svg_all(root, "line", "band-mid")
    assert len(mids) == len(bands)
    for line, band in zip(mids, bands):
        assert abs(float(line.get("x1")) - (a + s * band.midpoint)) < 0.2
    assert [b.min for b in bands] == sorted(b.min for b in bands)  # one career line: lowest band first
    # the chart is also inside the HTML, and the PDF draws its labels in the same order
    assert len(html_doc(cs_bands / "bands.html").find_all("rect", "band-bar")) == len(bands)
    assert "Annual base pay (USD) " + " ".join(labels) in pdf_text(cs_bands / "bands.pdf")


def test_band_chart_and_table_with_salaries(pay_bands):
    item = loaded(PAY)
    org = item.org
    holders = []
    for pos in org.positions:
        band = org.compensation.bands[org.roles[pos.role].level]
        for h in pos.holders:
            if isinstance(h, str) or h.salary is None:
                continue
            zone = h.zone or pos.zone
            factor = org.compensation.zones[zone].factor if zone else 1
            holders.append((h.name, h.salary, h.salary / (band.midpoint * factor), band))
    assert len(holders) == 5
    root = svg_root(pay_bands / "bands.svg")
    dots = svg_all(root, "circle", "pay")
    assert len(dots) == len(holders)
    titles = {svg_title(d).split(" (")[0]: d for d in dots}
    doc = html_doc(pay_bands / "bands.html")
    table = next(t for t in doc.find_all("table") if "Compa-ratio" in t.text())
    rows = {flat(tr.find_all("td")[0].text()): [flat(td.text()) for td in tr.find_all("td")]
            for tr in table.find("tbody").find_all("tr")}
    assert set(rows) == {n for n, *_ in holders}
    bars = svg_all(root, "rect", "band-bar")
    bands = list(org.compensation.bands.values())  # one track each, in rank order
    a, s = check_bars(bars, bands)
    for name, salary, ratio, _band in holders:
        assert f"compa-ratio {ratio:.2f}" in svg_title(titles[name]), name
        assert abs(float(titles[name].get("cx")) - (a + s * salary)) < 0.2, name
        assert rows[name][3] == f"{salary:,.0f}" and rows[name][4] == f"{ratio:.2f}", rows[name]
    assert rows["Ana Assoc"][4] == "0.90" and rows["Ben Assoc"][4] == "1.10"
    assert rows["Lee London"][4] == "1.00"  # 93,000 against the London midpoint 77,500 × 1.2
    assert "No Salary Person" not in rows
    assert "Actual pay against the bands" in pdf_text(pay_bands / "bands.pdf")
    # overlap with the next band on the track, and a stated midpoint (no '*')
    bands_table = dict(band_rows(doc))
    assert bands_table["Associate"][7] == "20%"  # (70K − 65K) / (90K − 65K)
    assert bands_table["Team Lead"][3] == "$118,000"


# --------------------------------------------------------------------------------------------------------------
# 4. Career ladders
# --------------------------------------------------------------------------------------------------------------


def test_ladder_steps_in_order_with_months(cs, cs_ladder):
    ladder = cs.org.ladders["customer-success"]
    titles = [s.title or cs.org.roles[s.role].title for s in ladder.steps]
    doc = html_doc(cs_ladder / "ladder.html")
    table = doc.find_all("table")[0]
    rows = [[flat(td.text()) for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]
    assert [r[0] for r in rows] == titles
    expected = [months(s.months_to_next) for s in ladder.steps[:-1]]
    assert [r[2] for r in rows] == expected + ["–"]
    assert expected[0] == "18–24 months"
    pdf = pdf_text(cs_ladder / "ladder.pdf")
    lines = [f"{t} {r[1]} {m}" for t, r, m in zip(titles, rows, expected + ["–"])]
    assert lines[0] == "Customer Success Manager CSM 18–24 months"
    positions = [pdf.index(line) for line in lines]
    assert positions == sorted(positions)


def test_ladder_diagram_steps_and_arrows(cs, cs_ladder):
    ladder = cs.org.ladders["customer-success"]
    root = svg_root(cs_ladder / "ladder.svg")
    boxes = svg_all(root, "rect", "ladder-step")
    assert [svg_title(b) for b in boxes] == [s.title or cs.org.roles[s.role].title for s in ladder.steps]
    ys = [float(b.get("y")) for b in boxes]
    assert ys == sorted(ys, reverse=True), "junior at the bottom"
    arrows = svg_all(root, "line", "promotion")
    assert len(arrows) == len(ladder.steps) - 1
    assert all(a.get("marker-end") for a in arrows)
    assert [t.text for t in svg_all(root, "text", "timeline")] == [months(s.months_to_next)
                                                                   for s in ladder.steps[:-1]]


def test_ladder_competency_matrix_with_team_averages(cs, cs_ladder):
    ladder = cs.org.ladders["customer-success"]
    doc = html_doc(cs_ladder / "ladder.html")
    table = next(t for t in doc.find_all("table") if "Competency" in t.find("thead").text())
    rows = {flat(tr.find_all("td")[0].text()): flat(tr.find_all("td")[-1].text())
            for tr in table.find("tbody").find_all("tr")}
    for c in ladder.competencies:
        assert rows[c.name] == f"{c.assessment.average:g} / {c.assessment.scale:g}"
    assert rows["Technical Proficiency"] == "4.2 / 5"
    assert "Technical Proficiency 4.2 / 5" in pdf_text(cs_ladder / "ladder.pdf")


# --------------------------------------------------------------------------------------------------------------
# 5. Well-formed HTML
# --------------------------------------------------------------------------------------------------------------


def test_every_html_document_is_well_formed(hr_roles, public_roles, built, cs_bands, cs_ladder, pay_bands, hostile,
                                            unicode_roles):
    files = (sorted((hr_roles / "roles").glob("*.html")) + sorted(public_roles.glob("*.html"))
             + sorted((built / "public" / "cs-lifecycle-org" / "roles").glob("*.html"))
             + [cs_bands / "bands.html", cs_ladder / "ladder.html", pay_bands / "bands.html",
                built / "hr" / "cs-enhanced-team" / "bands.html",
                built / "all-hands" / "cs-enhanced-team" / "ladder.html",
                hostile / "hr" / "bands.html", hostile / "ladder.html"]
             + sorted((hostile / "hr" / "roles").glob("*.html")) + sorted(unicode_roles.glob("*.html")))
    assert len(files) > 40
    for path in files:
        root, builder = parse_html(path)
        assert not builder.errors, (path, builder.errors)
        assert builder.stack == [root], (path, [n.tag for n in builder.stack])
        assert builder.doctype.lower() == "doctype html", path
        [html] = root.find_all("html")
        assert html.attrs.get("lang"), path
        [head] = html.find_all("head")
        assert any(m.attrs.get("charset", "").lower() == "utf-8" for m in head.find_all("meta")), path
        titles = [t for t in head.find_all("title") if head in t.ancestors()]
        assert len(titles) == 1 and titles[0].text().strip(), path
        assert len(html.find_all("body")) == 1, path


# --------------------------------------------------------------------------------------------------------------
# 6. User templates
# --------------------------------------------------------------------------------------------------------------


def write_template(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_user_templates_override_blocks(tmp_path):
    tpl = tmp_path / "tpl"
    write_template(tpl, "base.html.j2", '{% extends "builtin/base.html.j2" %}\n'
                                        '{% block head %}<meta name="x-test" content="from-base">{% endblock %}\n')
    write_template(tpl, "role.html.j2", '{% extends "builtin/role.html.j2" %}\n'
                                        '{% block content %}<p class="custom">Custom intro for {{ role.title|t }}'
                                        '</p>{{ super() }}{% endblock %}\n')
    ok("roles", MINI, "--audience", "hr", "--templates", tpl, "--no-handbook", "--out-dir", tmp_path / "out")
    folder = tmp_path / "out" / "mini" / "hr" / "roles"
    doc = html_doc(folder / "lead.html")
    head = doc.find("head")
    assert [m.attrs.get("content") for m in head.find_all("meta") if m.attrs.get("name") == "x-test"] == ["from-base"]
    assert flat(doc.find("p", "custom").text()) == "Custom intro for Team Lead"
    assert doc.find("section", "role")  # super() kept the built-in content
    pdf = pdf_text(folder / "lead.pdf")
    assert "Custom intro for Team Lead" in pdf and "Lead the team" in pdf


def run_failing(tmp_path: Path, template: str, name: str = "role.html.j2", org: Path = MINI):
    tpl = write_template(tmp_path / "tpl", name, template)
    target = tmp_path / "out"
    result = invoke("roles", org, "--audience", "hr", "--templates", tpl, "--no-handbook", "--out-dir", target,
                    catch=True)
    return result, target


def assert_clean_failure(result, target: Path, *words: str):
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    message = result.stderr
    assert "Traceback" not in result.output and "Traceback" not in message
    assert "nothing was written" in message
    for w in words:
        assert w in message, (w, message)
    assert files_under(target) == []


def test_sandbox_escape_fails_cleanly(tmp_path):
    result, target = run_failing(tmp_path, '{% extends "builtin/role.html.j2" %}\n'
                                           "{% block content %}{{ ''.__class__.__mro__[1].__subclasses__() }}"
                                           "{% endblock %}\n")
    assert_clean_failure(result, target, "role.html.j2", "unsafe")


def test_undefined_variable_names_the_template(tmp_path):
    result, target = run_failing(tmp_path, '{% extends "builtin/role.html.j2" %}\n'
                                           "{% block content %}{{ no_such_variable }}{% endblock %}\n")
    assert_clean_failure(result, target, "role.html.j2", "no_such_variable")


def test_syntax_error_names_the_file_and_line(tmp_path):
    result, target = run_failing(tmp_path, '{% extends "builtin/role.html.j2" %}\n{% block content %}{% if %}'
                                           "{% endblock %}\n")
    assert_clean_failure(result, target, "role.html.j2:2")


def test_template_runtime_error_fails_cleanly(tmp_path):
    result, target = run_failing(tmp_path, '{% extends "builtin/role.html.j2" %}\n'
                                           "{% block content %}{{ 1 // 0 }}{% endblock %}\n")
    assert_clean_failure(result, target, "role.html.j2")


def test_template_extending_itself_fails_cleanly(tmp_path):
    result, target = run_failing(tmp_path, '{% extends "role.html.j2" %}\n{% block content %}x{% endblock %}\n')
    assert_clean_failure(result, target, "role.html.j2")


# --------------------------------------------------------------------------------------------------------------
# 7. Safety: org values are data, templates cannot reach files or the network
# --------------------------------------------------------------------------------------------------------------


def test_org_values_are_never_compiled_as_templates(hostile):
    doc = html_doc(hostile / "hr" / "roles" / "tmpl.html")
    assert flat(doc.find("section", "role").find("h1").text()) == "{{ 7*7 }} Lead"
    assert flat(doc.find("p", "summary").text()) == "{% raw %}{{ not evaluated }}{% endraw %} and {{ config }}"
    assert "49" not in flat(doc.find("body").text())
    pdf = pdf_text(hostile / "hr" / "roles" / "tmpl.pdf")
    assert "{{ 7*7 }} Lead" in pdf and "{% raw %}{{ not evaluated }}{% endraw %} and {{ config }}" in pdf
    assert "49" not in pdf
    ladder = pdf_text(hostile / "ladder.pdf")
    assert "Ladder {{ 7*7 }}" in ladder and "Ladder 49" not in ladder


def test_hostile_text_is_escaped_in_html_and_literal_in_pdf(hostile):
    item = loaded(HOSTILE)
    role = item.org.roles["tmpl"]
    for rid in ("tmpl", "senior"):
        doc = html_doc(hostile / "hr" / "roles" / f"{rid}.html")
        tags = {n.tag for n in doc.iter()}
        assert not tags & {"script", "img", "b"}, (rid, tags)
    doc = html_doc(hostile / "hr" / "roles" / "tmpl.html")
    items = [flat(li.text()) for li in doc.find("section", "role").find("ul").find_all("li")]
    assert items == list(role.responsibilities)
    kpi = flat(doc.find("tbody").find("td").text())
    assert kpi == item.org.metrics["xss"].name
    pdf = pdf_text(hostile / "hr" / "roles" / "tmpl.pdf")
    for text in list(role.responsibilities) + [item.org.metrics["xss"].name, "L1 <b>bold</b>"]:
        assert flat(text) in pdf, text
    assert "Fish &amp; chips" in pdf
    assert "Senior <script>alert(3)</script>" in pdf_text(hostile / "hr" / "roles" / "senior.pdf")
    # the org name in <title>, <meta name=author>, the running header and the PDF metadata
    name = item.org.org.name
    assert name in flat(doc.find("title").text())
    assert [m.attrs["content"] for m in doc.find_all("meta") if m.attrs.get("name") == "author"] == [name]
    assert name in PdfReader(hostile / "hr" / "roles" / "tmpl.pdf").metadata.title
    assert name in pdf
    # handbook, bands and ladder documents and their SVGs
    assert "<script>alert(1)</script>" in pdf_text(hostile / "hr" / "role-handbook.pdf")
    for html in (hostile / "hr" / "bands.html", hostile / "ladder.html"):
        assert "script" not in {n.tag for n in html_doc(html).iter()}, html
    bands_svg = svg_root(hostile / "hr" / "bands.svg")
    band = item.org.compensation.bands["l1"].title
    assert svg_title(svg_all(bands_svg, "rect", "band-bar")[0]).startswith(band + ":")
    ladder_svg = svg_root(hostile / "ladder.svg")
    assert [e.text for e in svg_all(ladder_svg, "text", "ladder-name")] == [item.org.ladders["main"].name]
    tags = {e.tag.replace(SVG, "") for e in bands_svg.iter()} | {e.tag.replace(SVG, "") for e in ladder_svg.iter()}
    assert "script" not in tags and "img" not in tags
    assert nospace(band) in nospace(pdf_text(hostile / "hr" / "bands.pdf"))  # wrapped in a narrow cell


PASSWD_LINE = Path("/etc/passwd").read_text().splitlines()[0] if Path("/etc/passwd").is_file() else "root:x:0:0"

HOSTILE_TEMPLATES = {
    "img-file": '{% block content %}<img src="file:///etc/passwd">{{ super() }}{% endblock %}',
    "attachment": '{% block head %}<link rel="attachment" href="file:///etc/passwd">{% endblock %}',
    "img-http": '{% block content %}<img src="http://127.0.0.1:9/x.png">{{ super() }}{% endblock %}',
    "css-import": '{% block head %}<style>@import url("file:///etc/hostname");</style>{% endblock %}',
    "a-attachment": '{% block content %}<a rel="attachment" href="file:///etc/passwd">x</a>{{ super() }}'
                    '{% endblock %}',
    "font-face": '{% block head %}<style>@font-face { font-family: X; src: url(file:///etc/passwd) } '
                 "body { font-family: X }</style>{% endblock %}",
    "background": '{% block content %}<div style="background: url(file:///etc/passwd); height: 5mm"></div>'
                  "{{ super() }}{% endblock %}",
    "object": '{% block content %}<object data="file:///etc/passwd"></object>{{ super() }}{% endblock %}',
    "relative-traversal": '{% block content %}<img src="../../../../../../../../etc/passwd">{{ super() }}'
                          "{% endblock %}",
    "file-localhost": '{% block content %}<img src="file://localhost/etc/passwd">{{ super() }}{% endblock %}',
    "encoded-traversal": '{% block content %}<img src="file://ORG/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/'
                         'etc/passwd">{{ super() }}{% endblock %}',
    "https": '{% block head %}<link rel="stylesheet" href="https://127.0.0.1:9/x.css">{% endblock %}',
}


@pytest.mark.parametrize("case", sorted(HOSTILE_TEMPLATES))
def test_templates_cannot_fetch_local_files_or_network(tmp_path, case):
    body = HOSTILE_TEMPLATES[case].replace("ORG", str(MINI.resolve()))
    result, target = run_failing(tmp_path, '{% extends "builtin/role.html.j2" %}\n' + body + "\n")
    assert_clean_failure(result, target, "refused")
    assert PASSWD_LINE not in result.output + result.stderr


def test_symlinks_out_of_allowed_folders_are_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(tiny_png())
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "leak.png").symlink_to(outside / "secret.png")
    result, target = run_failing(tmp_path, '{% extends "builtin/role.html.j2" %}\n{% block content %}'
                                           f'<img src="{(tpl / "leak.png").as_uri()}">'
                                           "{{ super() }}{% endblock %}\n")
    assert_clean_failure(result, target, "refused", "leak.png")


@pytest.mark.parametrize("name", ["/etc/passwd", "../../../../../../etc/passwd",
                                  "builtin/../../../../../../etc/passwd"])
def test_templates_cannot_include_files_outside_the_template_folders(tmp_path, name):
    result, target = run_failing(tmp_path, '{% extends "builtin/role.html.j2" %}\n'
                                           f'{{% block content %}}{{% include "{name}" %}}{{% endblock %}}\n')
    assert_clean_failure(result, target, "role.html.j2")
    assert PASSWD_LINE not in result.output + result.stderr


def test_template_symlinked_out_of_the_template_folder_is_refused(tmp_path):
    tpl = write_template(tmp_path / "tpl", "role.html.j2",
                         '{% extends "builtin/role.html.j2" %}\n'
                         '{% block content %}<pre>{% include "leak.html.j2" %}</pre>{{ super() }}{% endblock %}\n')
    (tpl / "leak.html.j2").symlink_to("/etc/passwd")
    target = tmp_path / "out"
    result = invoke("roles", MINI, "--audience", "hr", "--templates", tpl, "--no-handbook", "--out-dir", target,
                    catch=True)
    written = files_under(target)
    for path in written:
        text = pdf_text(path) if path.suffix == ".pdf" else path.read_text(encoding="utf-8")
        assert PASSWD_LINE not in text, path
    assert_clean_failure(result, target, "refused")


def test_inline_svg_image_from_outside_is_never_embedded(tmp_path):
    """WeasyPrint swallows the fetcher's refusal inside inline SVG: the render may succeed, but without the image."""
    outside = tmp_path / "secret.png"
    outside.write_bytes(tiny_png(11, 3))
    tpl = write_template(tmp_path / "tpl", "role.html.j2",
                         '{% extends "builtin/role.html.j2" %}\n{% block content %}<svg width="60" height="20">'
                         f'<image href="{outside.as_uri()}" width="60" height="20"/></svg>'
                         "{{ super() }}{% endblock %}\n")
    result = invoke("roles", MINI, "--audience", "hr", "--templates", tpl, "--no-handbook", "--out-dir",
                    tmp_path / "out", catch=True)
    assert result.exit_code in (0, 2), result.output
    for pdf in (tmp_path / "out").rglob("*.pdf"):
        reader = PdfReader(pdf)
        assert all(not list(page.images) for page in reader.pages)
        assert not reader.attachments


def logo_org(folder: Path, logo: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = (MINI / "org.yaml").read_text(encoding="utf-8").replace(
        "  as_of: 2025-09-01\n", f"  as_of: 2025-09-01\n  brand:\n    logo: {logo}\n")
    (folder / "org.yaml").write_text(text, encoding="utf-8")
    return folder


def test_logo_symlink_out_of_the_org_folder_is_refused(tmp_path):
    org = logo_org(tmp_path / "org", "logo.png")
    (org / "logo.png").symlink_to("/etc/passwd")
    result = invoke("roles", org, "--audience", "hr", "--out-dir", tmp_path / "out", catch=True)
    # found while loading, at the line that names it (tests/test_hardening_paths.py has the other cases)
    assert_clean_failure(result, tmp_path / "out", "org.yaml:6:11", "outside the org folder")


def test_logo_outside_the_org_folder_is_refused(tmp_path):
    (tmp_path / "logo.png").write_bytes(tiny_png())
    org = logo_org(tmp_path / "org", "../logo.png")
    result = invoke("roles", org, "--audience", "hr", "--out-dir", tmp_path / "out", catch=True)
    assert_clean_failure(result, tmp_path / "out", "org.yaml:6:11", "outside the org folder")


def test_logo_inside_the_org_folder_is_embedded(tmp_path):
    org = logo_org(tmp_path / "org", "logo.png")
    (org / "logo.png").write_bytes(tiny_png(7, 5))
    ok("roles", org, "--audience", "hr", "--out-dir", tmp_path / "out")
    reader = PdfReader(tmp_path / "out" / "org" / "hr" / "role-handbook.pdf")
    cover = next(i for i, p in enumerate(reader.pages) if p.extract_text().splitlines()[0] == "ROLE HANDBOOK")
    assert [img.image.size for img in reader.pages[cover].images] == [(7, 5)]


# --------------------------------------------------------------------------------------------------------------
# 8. Fonts for every script
# --------------------------------------------------------------------------------------------------------------


def installed_families() -> str:
    if not shutil.which("fc-list"):
        return ""
    return subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout


def need_noto_fonts():
    families = installed_families()
    for family in ("Noto Sans CJK", "Noto Sans Arabic", "Noto Sans Devanagari", "Emoji"):
        if family not in families:
            pytest.skip(f"{family} is not installed (fc-list)")


def pdf_font_names(path: Path) -> set[str]:
    if shutil.which("pdffonts"):
        lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        return {line.split()[0].split("+")[-1] for line in lines.splitlines()[2:] if line.strip()}
    names, seen = set(), set()
    reader = PdfReader(path)

    def walk(res):
        res = res.get_object() if res is not None else None
        if not res:
            return
        for font in (res.get("/Font") or {}).values():
            names.add(str(font.get_object().get("/BaseFont")).lstrip("/").split("+")[-1])
        for key in ("/XObject", "/Pattern"):
            for ref in (res.get(key) or {}).values():
                obj = ref.get_object()
                if id(obj) not in seen and "/Resources" in obj:
                    seen.add(id(obj))
                    walk(obj["/Resources"])

    for page in reader.pages:
        walk(page.get("/Resources"))
    return names


def test_role_pdf_uses_fonts_for_every_script(unicode_roles):
    need_noto_fonts()
    fonts = pdf_font_names(unicode_roles / "zh.pdf")
    assert any("Noto-Sans-CJK" in f or "NotoSansCJK" in f for f in fonts), fonts
    assert any("Arabic" in f and "Noto" in f for f in fonts), fonts
    assert any("Devanagari" in f and "Noto" in f for f in fonts), fonts
    assert any("Emoji" in f for f in fonts), fonts
    text = pdf_text(unicode_roles / "zh.pdf")
    assert "客户成功经理" in text and "管理客户关系" in text
    for rid, script in (("ar", "Arabic"), ("hi", "Devanagari"), ("rocket", "Emoji")):
        assert any(script in f for f in pdf_font_names(unicode_roles / f"{rid}.pdf")), rid


def test_han_text_is_tagged_as_chinese_in_html(unicode_roles):
    doc = html_doc(unicode_roles / "zh.html")
    body = doc.find("body")
    found = 0
    for node in body.iter():
        if node.tag == "svg" or any(a.tag == "svg" for a in node.ancestors()):
            continue
        if "running" in node.attrs.get("class", ""):
            continue
        for child in node.children:
            if isinstance(child, str) and HAN.search(child):
                found += 1
                assert node.tag == "span" and node.attrs.get("lang") == "zh-Hans", (node.tag, child)
    assert found >= 2  # the title and the responsibility


def test_han_text_is_drawn_with_chinese_glyph_forms_everywhere(unicode_roles):
    """HTML text and the SVG diagrams alike: Noto Sans CJK SC, never the JP glyph forms fallback picks."""
    need_noto_fonts()
    used = []

    def visit(text, cm, tm, font, size):
        if font is not None and HAN.search(text or ""):
            used.append((str(font.get("/BaseFont")), text))

    for page in PdfReader(unicode_roles / "zh.pdf").pages:
        page.extract_text(visitor_text=visit)
    assert used
    assert all("CJK-SC" in f for f, _ in used), used


def test_chart_png_for_every_script(tmp_path):
    out = tmp_path / "x.png"
    ok("chart", UNICODE, "-o", out)
    assert out.read_bytes().startswith(PNG_SIGNATURE)


# --------------------------------------------------------------------------------------------------------------
# 9. Determinism
# --------------------------------------------------------------------------------------------------------------


def test_same_role_pdf_twice_gives_the_same_bytes(tmp_path, cs, hr_roles):
    for run in ("a", "b"):
        ok("roles", MINI, "--audience", "hr", "--no-handbook", "-j", "1", "--out-dir", tmp_path / run)
    a, b = (tmp_path / r / "mini" / "hr" / "roles" / "lead.pdf" for r in ("a", "b"))
    assert a.read_bytes() == b.read_bytes()
    # a PDF made in a worker process (roles -j 2) equals one made here
    docs = building.documents(cs, DocOptions(audience="hr"))
    role = next(r for r in docs.roles() if r["id"] == "csm")
    assert docs.pdf(docs.role_html(role)) == (hr_roles / "roles" / "csm.pdf").read_bytes()


def test_creation_date_is_the_as_of_date(cs, hr_roles, monkeypatch):
    assert cs.org.org.as_of.isoformat() == "2025-09-01"
    for path in [hr_roles / "roles" / "csm.pdf", hr_roles / "role-handbook.pdf"]:
        meta = PdfReader(path).metadata
        assert meta["/CreationDate"].startswith("D:20250901000000"), meta
        assert meta["/ModDate"].startswith("D:20250901000000"), meta
    assert 'content="2025-09-01T00:00:00Z"' in (hr_roles / "roles" / "csm.html").read_text(encoding="utf-8")


def test_source_date_epoch_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    ok("roles", MINI, "--audience", "hr", "--no-handbook", "--out-dir", tmp_path)
    meta = PdfReader(tmp_path / "mini" / "hr" / "roles" / "lead.pdf").metadata
    assert meta["/CreationDate"].startswith("D:20231114221320"), meta
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    ok("roles", MINI, "--audience", "hr", "--no-handbook", "--out-dir", tmp_path / "again")
    assert "SOURCE_DATE_EPOCH" not in os.environ, "rendering must not leave SOURCE_DATE_EPOCH behind"


# --------------------------------------------------------------------------------------------------------------
# 10. build
# --------------------------------------------------------------------------------------------------------------


def test_build_writes_roles_without_pay_for_all_hands_and_public_and_with_pay_for_hr(cs, built):
    for audience in ("all-hands", "public"):
        org = built / audience / "cs-enhanced-team"
        assert sorted(p.name for p in (org / "roles").glob("*.pdf")) == sorted(f"{r}.pdf" for r in cs.org.roles)
        csm = pdf_text(org / "roles" / "csm.pdf")
        assert "Individual account management" in csm
        assert "$" not in csm and "Base salary band" not in csm
        handbook = pdf_text(org / "role-handbook.pdf")
        assert "$" not in handbook and "without pay information" in handbook
        assert not list(org.glob("bands.*")), "pay documents only in the hr tree"
        for name in ("ladder.html", "ladder.pdf", "ladder.svg"):
            assert (org / name).is_file(), name
    hr = built / "hr" / "cs-enhanced-team"
    assert "Base salary band: $65,000 – $85,000" in pdf_text(hr / "role-handbook.pdf")
    assert "Base salary band: $65,000 – $85,000" in pdf_text(hr / "roles" / "csm.pdf")
    for name in ("bands.html", "bands.pdf", "bands.svg", "ladder.html"):
        assert (hr / name).is_file(), name
    assert not (hr / "hr").exists(), "the hr tree has no hr/ folder: all of it is hr's"


def test_build_without_compensation_or_ladders(built):
    org = built / "all-hands" / "cs-lifecycle-org"
    item = loaded(LIFECYCLE)
    assert not item.org.compensation.bands and not item.org.ladders
    assert not list(built.rglob("cs-lifecycle-org/bands.*"))
    assert not list(built.rglob("cs-lifecycle-org/ladder.*"))
    assert (org / "role-handbook.pdf").is_file()
    assert sorted(p.stem for p in (org / "roles").glob("*.pdf")) == sorted(item.org.roles)
