"""Issue 8, finding 8: the diagrams orgdocs draws itself (reporting line, career ladder, pay range chart) shape
every script in PDFs as the rest of the page does, and right-to-left text keeps its order.

WeasyPrint's SVG renderer does not shape <text> (Thai and Devanagari get dotted circles, Arabic comes out
unjoined and reversed), so in pages the diagrams' words are HTML. Read back from the PDFs: pypdf gives Arabic
from shaped text in logical order and from SVG text reversed; pdftotext splits a Thai vowel off its consonant
("ใจด ี") when it was drawn alone.

Data: tests/data/docs/scripts/org.yaml (Thai, Devanagari, Arabic and "مدير Support" in one reporting line and
one ladder).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import invoke_cli
from pypdf import PdfReader

from orgdocs.render.diagram_html import direction

DATA = Path(__file__).resolve().parent / "data" / "docs"
SCRIPTS = DATA / "scripts"
SVG = "{http://www.w3.org/2000/svg}"

THAI = "สมชาย ใจดี"
ARABIC = "ليلى حداد"
HINDI = "प्रिया शर्मा"
MIXED = "مدير Support"
LONG = "Principal Customer Success Architecture Lead for Strategic Enterprise Accounts in Europe"
DEVANAGARI = re.compile(r"[\u0900-\u097f]+(?: [\u0900-\u097f]+)*")


def need_fonts() -> None:
    fonts = subprocess.run(["fc-list"], capture_output=True, text=True).stdout if shutil.which("fc-list") else ""
    for family in ("Noto Sans Thai", "Noto Sans Arabic", "Noto Sans Devanagari"):
        if family not in fonts:
            pytest.skip(f"{family} is not installed")


def pypdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def pdftotext(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scripts")
    for cmd in (("roles", "--audience", "hr", "--no-handbook", "-j", "1"), ("ladder",)):
        result = invoke_cli(cmd[0], SCRIPTS, *cmd[1:], "--out-dir", folder)
        assert result.exit_code == 0, result.output
    return folder / "scripts"


def html_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# --- the PDFs -------------------------------------------------------------------------------------------------


def test_reporting_line_diagram_is_shaped_in_the_role_pdf(out):
    need_fonts()
    pdf = out / "hr" / "roles" / "ar.pdf"
    text = pypdf_text(pdf)
    # Arabic in logical order wherever it is drawn: the title, the diagram's own box, the running footer
    assert text.count(ARABIC) == 3, text
    assert "دادح" not in text and "ريدم" not in text  # what SVG text gave: the letters reversed
    assert "مدير" in text.split("Headcount:")[1]  # the diagram (after the paragraph) has the word intact
    # Devanagari: the diagram's box reads back exactly as the same name in the paragraph above it
    in_paragraph = DEVANAGARI.search(text.split("Direct reports:")[1]).group(0)
    assert text.count(in_paragraph) == 2, (in_paragraph, text)
    # Thai: no dotted circle and no vowel split from its consonant, in the paragraph and the diagram alike
    plain = pdftotext(pdf)
    assert "\u25cc" not in plain and "\u25cc" not in text
    assert [ln for ln in plain.splitlines() if "ใจ" in ln] == [f"Reports to: {THAI}", THAI,
                                                              f"Next step: {THAI}, typically after 24–36 months"]
    # a long title wraps inside its box instead of being cut to one line
    diagram = text.split("Headcount:")[1].split("Reporting line")[0]
    assert " ".join(diagram.split()).endswith(LONG), diagram


def test_ladder_diagram_is_shaped_in_the_ladder_pdf(out):
    need_fonts()
    pdf = out / "ladder.pdf"
    text = pypdf_text(pdf)
    # each name twice: in the steps table and in the diagram's box
    assert text.count(ARABIC) == 2 and "دادح" not in text, text
    assert text.count("مدير") == 2 and "ريدم" not in text
    in_table = DEVANAGARI.search(text.split("In the org")[1]).group(0)
    assert text.count(in_table) == 2, (in_table, text)
    plain = pdftotext(pdf)
    assert "\u25cc" not in plain and "ใจด ี" not in plain
    assert sum(ln.strip().startswith(THAI) for ln in plain.splitlines()) == 2, plain


# --- what the pages hold ----------------------------------------------------------------------------------------


def test_pages_carry_no_svg_text_and_each_label_has_its_direction(out):
    for page in [out / "ladder.html"] + sorted((out / "hr" / "roles").glob("*.html")):
        html = html_of(page)
        assert "<text" not in html, page  # every word of a diagram is HTML, shaped by the page's text engine
    role = html_of(out / "hr" / "roles" / "ar.html")
    assert f'<span dir="rtl">{MIXED}</span>' in role
    assert f'<span dir="rtl">{ARABIC}</span>' in role
    assert f'<span dir="ltr">{THAI}</span>' in role and f'<span dir="ltr">{HINDI}</span>' in role
    assert f'<span dir="ltr">{LONG}</span>' in role  # whole, to wrap in its box
    ladder = html_of(out / "ladder.html")
    for name in (THAI, ARABIC, MIXED, HINDI):
        assert f'<span dir="{direction(name)}">{name}</span>' in ladder, name


def test_direction_follows_the_first_strong_character():
    assert [direction(t) for t in (ARABIC, MIXED, "Support مدير", THAI, HINDI, "12 ليلى", "123", "")] == [
        "rtl", "rtl", "ltr", "ltr", "ltr", "rtl", "ltr", "ltr"]


def test_standalone_ladder_svg_keeps_text_for_browsers(out):
    root = ET.parse(out / "ladder.svg").getroot()
    texts = [t.text for t in root.iter(SVG + "text")]
    for name in (THAI, ARABIC, MIXED, HINDI):
        assert name in texts, name


def test_role_diagram_counts_reports_beyond_four(tmp_path):
    org = tmp_path / "org.yaml"
    org.write_text("org: {name: Many}\nroles:\n  boss: {title: Boss}\n"
                   + "".join(f"  r{i}: {{title: Report {i}}}\n" for i in range(6))
                   + "positions:\n  - {id: boss, role: boss}\n"
                   + "".join(f"  - {{id: p{i}, role: r{i}, reports_to: boss}}\n" for i in range(6)),
                   encoding="utf-8")
    result = invoke_cli("roles", org, "--audience", "hr", "--no-handbook", "-j", "1", "--out-dir", tmp_path / "out")
    assert result.exit_code == 0, result.output
    html = html_of(next((tmp_path / "out").rglob("boss.html")))
    diagram = html.split('class="role-diagram"')[1].split("</figure>")[0]
    assert re.findall(r'class="rd-box report"><span dir="ltr">([^<]*)<', diagram) == [
        "Report 0", "Report 1", "Report 2", "Report 3", "+2 more"]
    assert 'style="margin:0 10.000%"' in diagram  # the bus from the first column's centre to the last's


def test_band_chart_labels_are_shaped_in_the_bands_pdf(tmp_path):
    need_fonts()
    org = tmp_path / "org.yaml"
    org.write_text(
        "org: {name: Bands, currency: USD}\n"
        f"levels:\n  l1: {{name: L1, rank: 1}}\n  l2: {{name: L2, rank: 2}}\n"
        f"roles:\n  a: {{title: A, level: l1}}\n  b: {{title: B, level: l2}}\n"
        f'compensation:\n  bands:\n    b1: {{level: l1, title: "{ARABIC}", min: 50K, max: 70K}}\n'
        f'    b2: {{level: l2, title: "{THAI}", min: 80K, max: 100K}}\n'
        "positions:\n  - {id: b, role: b}\n  - {id: a, role: a, reports_to: b}\n", encoding="utf-8")
    result = invoke_cli("bands", org, "--audience", "hr", "--out-dir", tmp_path / "out")
    assert result.exit_code == 0, result.output
    folder = next((tmp_path / "out").rglob("bands.pdf")).parent
    assert "<text" not in html_of(folder / "bands.html")
    text = pypdf_text(folder / "bands.pdf")
    assert text.count(ARABIC) == 2 and "دادح" not in text, text  # the table row and the chart's label
    plain = pdftotext(folder / "bands.pdf")
    assert "ใจด ี" not in plain and sum(THAI in ln for ln in plain.splitlines()) == 2, plain
    # the standalone SVG keeps its text, for browsers
    root = ET.parse(folder / "bands.svg").getroot()
    assert {ARABIC, THAI} <= {t.text for t in root.iter(SVG + "text")}
