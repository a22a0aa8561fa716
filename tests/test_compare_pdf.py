"""The comparison PDF (issue 13): a text part from WeasyPrint (tables, deltas, change lines, no inline charts),
then each variant's chart as PDF pages drawn by Graphviz, joined with pypdf, with an outline entry per part.

Data: the seed family orgs/customer-value-adoption (region-first → segment-first), tests/data/compare/family
(base → reorg, with pay), and synthetic orgs with units written into tmp_path.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from conftest import invoke_cli
from pypdf import PdfReader

from orgdocs.commands import steps
from orgdocs.scan.confidential import confidential
from orgdocs.scan.search import find_leaks

ROOT = Path(__file__).resolve().parent.parent
FAMILY = "tests/data/compare/family"
CVA = "orgs/customer-value-adoption"


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def compare_pdf(*args: str) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "compare.pdf"
        result = invoke_cli("compare", *args, "-o", str(out))
        assert result.exit_code == 0, result.output
        data = out.read_bytes()
    assert data.startswith(b"%PDF")
    return data


def page_texts(data: bytes) -> list[str]:
    """Each page's text, whitespace collapsed and ligatures undone (Graphviz's PDF writes "fi" as one glyph)."""
    return [" ".join(unicodedata.normalize("NFKC", p.extract_text()).split())
            for p in PdfReader(io.BytesIO(data)).pages]


def outline(data: bytes) -> list[tuple[str, int]]:
    reader = PdfReader(io.BytesIO(data))
    return [(o.title, reader.get_destination_page_number(o)) for o in reader.outline if not isinstance(o, list)]


@pytest.fixture(scope="module")
def cva_pdf() -> bytes:
    import os

    old = os.getcwd()
    os.chdir(ROOT)
    try:
        return compare_pdf(CVA)
    finally:
        os.chdir(old)


def test_text_part_first_then_one_chart_per_variant_in_order(cva_pdf):
    texts = page_texts(cva_pdf)
    marks = outline(cva_pdf)
    assert [title for title, _ in marks] == ["Comparison", "Chart: Region-first CSM teams",
                                             "Chart: Segment-first CSM teams"]
    text_pages, first_chart, second_chart = (m[1] for m in marks)
    assert text_pages == 0 and 0 < first_chart < second_chart < len(texts)
    # the text part: the heading, the change summary and the delta table (30 → 28 positions: 2 added, 4 removed)
    text = " ".join(texts[:first_chart])
    assert text.startswith("Comparing Region-first CSM teams → Segment-first CSM teams")
    assert "What changes" in text and "2 added, 4 removed, 4 moved" in text
    assert "Headcount 30 28 (−2)" in text
    # no chart was drawn into the text part: the boxes' titles appear only on the chart pages
    assert "Knowledge Base" not in text
    # each chart page names its variant and shows the positions' titles
    assert all(t.find("Region-first CSM teams") >= 0 for t in texts[first_chart:second_chart])
    assert all(t.find("Segment-first CSM teams") >= 0 for t in texts[second_chart:])
    assert "Knowledge Base" in " ".join(texts[first_chart:second_chart])
    # 30 positions: each chart on one page, not split into an overview and unit pages
    assert second_chart - first_chart == 1 and len(texts) - second_chart == 1
    assert "Overview" not in " ".join(texts[first_chart:])
    # the two managers segment-first adds appear in its chart only
    second = " ".join(texts[second_chart:])
    assert "Strategic CS Manager (Enterprise, EMEA + NA)" in " ".join(second.split())
    assert "Strategic CS Manager (Enterprise" not in " ".join(texts[first_chart:second_chart])


def test_text_part_page_numbers_count_its_own_pages(cva_pdf):
    """The footer's "Page n of m" counts the text part only: the chart pages come after it, numbered by nothing."""
    pages = outline(cva_pdf)[1][1]
    texts = page_texts(cva_pdf)
    assert [t.endswith(f"Page {k} of {pages}") for k, t in enumerate(texts[:pages], 1)] == [True] * pages
    assert not any(" of " + str(pages) in t[-12:] for t in texts[pages:])


def test_html_keeps_its_inline_charts(at_root):
    result = invoke_cli("compare", CVA, "-o", "-", "-f", "html")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("<svg") >= 2
    assert "follows this report" not in result.stdout


def test_the_pdf_is_deterministic(at_root, cva_pdf):
    assert compare_pdf(CVA) == cva_pdf


def test_all_hands_pdf_carries_no_pay_and_the_scan_finds_none(at_root):
    items = steps.load([FAMILY])
    secrets = [confidential(i) for i in items]
    hr = compare_pdf(FAMILY, "--audience", "hr")
    # the scan can fail: the hr comparison does show pay (its payroll row)
    assert "Payroll estimate" in " ".join(page_texts(hr))
    assert any(find_leaks([("compare.pdf", hr)], s) for s in secrets)
    for audience in ("all-hands", "public"):
        data = compare_pdf(FAMILY, "--audience", audience)
        text = " ".join(page_texts(data))
        assert "Payroll estimate" not in text, audience
        assert not any(find_leaks([("compare.pdf", data)], s) for s in secrets), audience


def synthetic(n: int, units: int, extra: int = 0) -> str:
    """n positions (+ `extra` more under p1): p0 leads; p1..p{units} each lead a unit; everyone else reports to
    (i - 1) // 7, so every manager has 7 reports, and belongs to the unit of the unit lead above them."""
    lines = ["org: {name: Synthetic}", "roles:", "  mgr: {title: Manager}", "  ic: {title: Engineer}", "units:"]
    lines += [f"  u{u}: {{name: Unit {u}, lead: p{u}}}" for u in range(1, units + 1)]
    lines += ["positions:", "  - {id: p0, role: mgr, holders: [Person 0]}"]
    unit = {}
    for i in range(1, n + extra):
        parent = (i - 1) // 7 if i < n else 1
        unit[i] = i if i <= units else unit[parent]
        title = f", title: Engineer {i}" if i >= n else ""
        lines.append(f"  - {{id: p{i}, role: ic, holders: [Person {i}], reports_to: p{parent}, unit: u{unit[i]}"
                     f"{title}}}")
    return "\n".join(lines) + "\n"


def test_a_large_comparison_is_split_by_unit(tmp_path, monkeypatch):
    """2 × 2,000 positions: each variant's chart is an overview and a page (or tiles) per unit, not one page."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(synthetic(2000, 7), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(synthetic(2000, 7, extra=3), encoding="utf-8")
    data = compare_pdf("a.yaml", "b.yaml")
    marks = outline(data)
    texts = page_texts(data)
    assert [t for t, _ in marks] == ["Comparison", "Chart: a", "Chart: b"]
    first, second = marks[1][1], marks[2][1]
    # the text part: 3 added (2,000 → 2,003 positions)
    assert "3 added" in " ".join(texts[:first])
    # overview plus a page per unit: at least 1 + 7 pages per variant
    assert second - first >= 8 and len(texts) - second >= 8
    assert "Overview" in texts[first] and "Overview" in texts[second]
    assert "Engineer 2001" in " ".join(texts[second:]) and "Engineer 2001" not in " ".join(texts[first:second])
