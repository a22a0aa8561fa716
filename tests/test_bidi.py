"""Right-to-left text (issue 15, item 7): Arabic and Hebrew names and labels read in the right order in chart.pdf,
compare.pdf, the HTML and the SVG, and literally in Markdown.

How the order is read back from a PDF: `pdftotext` (poppler) in its default mode runs the bidi algorithm over
each line it finds and returns the line in logical order, as it was written; it may split a word where glyphs sit
apart (a space inside "ع بد"), so texts are compared with their spaces removed, which still tells "محمد عبد الله"
from its words reversed ("الله عبد محمد"). pypdf returns glyphs in the order they were drawn (each Arabic word's
letters reversed) and `pdftotext -raw` one glyph per line for right-to-left runs: neither gives a logical order.
Where the *visual* order matters (labels joined by an arrow in a left-to-right sentence), `pdftotext -bbox` gives
each word's position on the page, and words are recognised by their letters whatever order they were drawn in.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import invoke_cli

ARABIC = "محمد عبد الله"
HEBREW = "דוד בן גוריון"
BASE, REORG = "الأساس", "إعادة التنظيم"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")


@pytest.fixture
def family(tmp_path: Path) -> Path:
    folder = tmp_path / "family"
    folder.mkdir()
    (folder / "base.yaml").write_text(f"""org:
  name: Bidi Team
  variant: {BASE}
positions:
  - id: head
    title: Head of Sales
    holders: [{ARABIC}]
  - id: lead
    title: Team Lead
    holders: [{HEBREW}]
    reports_to: head
  - id: rep
    title: Sales Rep
    holders: [Ann Lee]
    reports_to: lead
""", encoding="utf-8")
    (folder / "reorg.yaml").write_text(f"""extends: base.yaml
org:
  variant: {REORG}
changes:
  - move: {{position: rep, to: head}}
""", encoding="utf-8")
    return folder


def logical_text(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    return re.sub(r"[\s\u200e\u200f\u202a-\u202e]", "", out)  # spaces, and the direction marks poppler adds


def squeezed(text: str) -> str:
    return "".join(text.split())


def reversed_words(text: str) -> str:
    return "".join(reversed(text.split()))


def test_names_keep_their_word_order_in_chart_pdf_and_compare_pdf(family, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke_cli("chart", family / "base.yaml", "-f", "pdf", "-o", "chart.pdf").exit_code == 0
    assert invoke_cli("compare", family, "-f", "pdf", "-o", "compare.pdf").exit_code == 0
    chart = logical_text(tmp_path / "chart.pdf")
    compare = logical_text(tmp_path / "compare.pdf")
    for text in (chart, compare):
        for name in (ARABIC, HEBREW):
            assert squeezed(name) in text
            assert reversed_words(name) not in text  # the test can tell the orders apart
    assert compare.count(squeezed(ARABIC)) == 2  # on each variant's chart page


def _words(pdf: Path, page: int) -> list[tuple[float, float, str]]:
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, check=True).stdout.decode()
    root = ET.fromstring(out.replace("<!DOCTYPE", "<!-- ").replace('.dtd">', '.dtd" -->', 1))
    return [(float(w.get("xMin")), float(w.get("yMin")), w.text or "")
            for w in root.iter("{http://www.w3.org/1999/xhtml}word")]


def _x_of(words: list[tuple[float, float, str]], target: str) -> float:
    """The leftmost position of the words of `target` (recognised by their letters, drawn in either order)."""
    wanted = [sorted(w) for w in target.split()]
    found = [x for x, _, text in words if sorted(text) in wanted]
    assert len(found) == len(wanted), (target, words)
    return min(found)


def test_labels_joined_by_an_arrow_read_in_the_sentence_order(family, tmp_path, monkeypatch):
    """'Comparing الأساس → إعادة التنظيم': the base variant left of the arrow, the reorg right of it (unisolated,
    the two labels and the arrow made one right-to-left run, and the arrow pointed from the reorg to the base)."""
    monkeypatch.chdir(tmp_path)
    assert invoke_cli("compare", family, "-f", "pdf", "-o", "compare.pdf").exit_code == 0
    words = _words(tmp_path / "compare.pdf", 1)
    [(_, top, _)] = [w for w in words if w[2] == "Comparing" and w[1] < 100]
    line = [w for w in words if abs(w[1] - top) < 12]
    [arrow] = [x for x, _, text in line if text == "→"]
    assert _x_of(line, "Comparing") < _x_of(line, BASE) < arrow < _x_of(line, REORG)


def test_html_isolates_right_to_left_text_and_markdown_keeps_it_literal(family, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke_cli("compare", family, "-f", "html", "-o", "compare.html").exit_code == 0
    assert invoke_cli("compare", family, "-f", "md", "-o", "compare.md").exit_code == 0
    html = (tmp_path / "compare.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    # the title as a whole, and each label inside it, isolated (an element with the direction of the text's first
    # letter, as dir="auto" would have it, and FSI … PDI inside for WeasyPrint)
    assert f'<span dir="ltr">\u2068Comparing \u2068{BASE}\u2069 → \u2068{REORG}\u2069\u2069</span>' == h1
    assert f'<span dir="ltr">\u2068Bidi Team ({BASE})\u2069</span>' in html  # a variant's title in the list
    assert "\u2068Team Lead" not in html  # left-to-right text is left as it was
    md = (tmp_path / "compare.md").read_text(encoding="utf-8")
    assert f"{BASE} → {REORG}" in md and "\u2068" not in md


def test_the_chart_svg_sets_right_to_left_lines_as_pango_does(family, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert invoke_cli("chart", family / "base.yaml", "-f", "svg", "-o", "chart.svg").exit_code == 0
    root = ET.parse(tmp_path / "chart.svg").getroot()
    texts = {"".join(t.itertext()): t for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert texts[ARABIC].get("unicode-bidi") == "plaintext"
    assert texts[HEBREW].get("unicode-bidi") == "plaintext"
    assert texts["Ann Lee"].get("unicode-bidi") is None
