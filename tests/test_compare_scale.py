"""Issue 13, comparisons at scale: a chart's pages and tiles drawn by one Graphviz process and cut apart, drawn
while the report goes through WeasyPrint; a long change list that flows over columns and pages; an overview of
the top layers before a large chart's tiles.

Data: two 1,000-position orgs without units written into tmp_path (every manager has 7 reports; the second
moves every 10th position under the next manager), and small DOT graphs.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import invoke_cli
from pypdf import PdfReader

from orgdocs.render import chart as chart_render
from orgdocs.render import graphviz

N = 1000
PERSON = re.compile(r"Person (\d+)\b")


def org(n: int, move_every: int = 0) -> str:
    """p0 leads; p_i reports to p_((i-1)//7); with move_every, every such position past p8 moves under the
    next manager instead (always an earlier position: no cycle)."""
    lines = ["org: {name: Wide}", "roles: {mgr: {title: Chief}, ic: {title: Engineer}}", "positions:",
             "  - {id: p0, role: mgr, holders: [Person 0]}"]
    for i in range(1, n):
        parent = (i - 1) // 7
        if move_every and i % move_every == 0 and i > 8:
            parent += 1
        lines.append(f"  - {{id: p{i}, role: ic, holders: [Person {i}], reports_to: p{parent}}}")
    return "\n".join(lines) + "\n"


def texts(data: bytes) -> list[str]:
    pages = PdfReader(io.BytesIO(data)).pages
    return [" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in pages]


def outline(data: bytes) -> list[tuple[str, int]]:
    reader = PdfReader(io.BytesIO(data))
    return [(o.title, reader.get_destination_page_number(o)) for o in reader.outline if not isinstance(o, list)]


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pair")
    (folder / "a.yaml").write_text(org(N), encoding="utf-8")
    (folder / "b.yaml").write_text(org(N, move_every=10), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def pair_pdf(pair) -> bytes:
    out = pair / "compare.pdf"
    result = invoke_cli("compare", str(pair / "a.yaml"), str(pair / "b.yaml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out.read_bytes()


# --------------------------------------------------------------------------------------------------------------
# One Graphviz process for many graphs
# --------------------------------------------------------------------------------------------------------------


def graph(k: int) -> str:
    return (f'digraph g{k} {{ graph [bgcolor=white]; node [fontname="Noto Sans", shape=box]; '
            f'a [pos="{40 + 10 * k},30!", label="Box number {k}"]; b [pos="200,30!", label="Other {k}"]; a -> b; }}\n')


def test_run_many_draws_each_graph_as_run_does(tmp_path):
    sources = [graph(k) for k in range(4)]
    pngs = graphviz.run_many(sources, "png", folder=tmp_path)
    # PNG output has no clock in it: the cut pieces are byte for byte what a process per graph writes
    assert pngs == [graphviz.run(s, "png", folder=tmp_path) for s in sources]
    pdfs = graphviz.run_many(sources, "pdf", folder=tmp_path)
    assert len(pdfs) == 4
    for k, data in enumerate(pdfs):  # each piece a whole PDF of one page with its own graph's text only
        [page] = PdfReader(io.BytesIO(data)).pages
        assert page.extract_text().split() == ["Box", "number", str(k), "Other", str(k)]


def test_a_trailer_inside_a_stream_is_not_taken_for_the_end():
    body = b"%PDF-1.5\n1 0 obj <<>> stream\nstartxref\n9\n%%EOF\n%PDF-not a file\nendstream endobj\n"
    first = body + b"xref\n0 1\ntrailer <<>>\nstartxref\n" + str(len(body)).encode() + b"\n%%EOF\n"
    second = b"%PDF-1.5\nxref\n0 1\ntrailer <<>>\nstartxref\n9\n%%EOF\n"
    assert graphviz._cut_pdfs(first + second) == [first, second]
    # the false trailer's offset (9) does not point at "xref" in the first file, so it was passed over; without
    # the real one no trailer fits: not cut at all (run_many then draws graph by graph)
    assert graphviz._cut_pdfs(body + second) is None
    assert graphviz._cut_pdfs(b"junk" + first) is None
    assert graphviz._cut_pngs(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x05IHDRabc") is None  # cut short


def test_output_that_does_not_cut_cleanly_is_drawn_graph_by_graph(tmp_path, monkeypatch):
    sources = [graph(k) for k in range(3)]
    monkeypatch.setitem(graphviz._SPLITTERS, "png", lambda data: None)
    assert graphviz.run_many(sources, "png", folder=tmp_path) == [graphviz.run(s, "png", folder=tmp_path)
                                                                  for s in sources]


# --------------------------------------------------------------------------------------------------------------
# The comparison PDF of two 1,000-position orgs
# --------------------------------------------------------------------------------------------------------------


def test_each_chart_opens_with_an_overview_then_tiles_showing_everyone(pair_pdf):
    pages = texts(pair_pdf)
    marks = outline(pair_pdf)
    assert [t for t, _ in marks] == ["Comparison", "Chart: a", "Chart: b"]
    first, second = marks[1][1], marks[2][1]
    for start, end, label in ((first, second, "a"), (second, len(pages), "b")):
        overview, tiles = pages[start], pages[start + 1:end]
        assert f"{label} · Overview" in overview and "2 layers" in overview
        # the top two layers: Person 0 and its 7 reports, and no one below them (the tiles show them)
        assert {int(m) for m in PERSON.findall(overview)} == set(range(8))
        assert len(tiles) > 1 and "tile 1 of " + str(len(tiles)) in tiles[0]
        shown = {int(m) for t in tiles for m in PERSON.findall(t)}
        assert shown == set(range(N)), sorted(set(range(N)) - shown)[:5]


def test_a_long_change_list_starts_on_the_first_page_and_is_whole(pair, pair_pdf):
    summary = invoke_cli("compare", str(pair / "a.yaml"), str(pair / "b.yaml"))
    moves = summary.stdout.count("\n  moved ")
    # every 10th position from p10 to p990 moves: 99 lines, over the 30 that flow as one block
    assert moves == (990 - 10) // 10 + 1 == 99
    pages = texts(pair_pdf)
    report = pages[:outline(pair_pdf)[1][1]]
    assert sum(t.count("moved Engineer") for t in report) == moves
    # kept in one piece the list would not fit beside the heading and would begin on page 2
    assert "What changes" in report[0] and "moved Engineer" in report[0]


def test_the_large_pdf_is_deterministic(pair, pair_pdf):
    out = pair / "again.pdf"
    assert invoke_cli("compare", str(pair / "a.yaml"), str(pair / "b.yaml"), "-o", str(out)).exit_code == 0
    assert out.read_bytes() == pair_pdf


def test_graphviz_failing_while_the_report_renders_writes_nothing(pair, monkeypatch):
    def run_many(sources, fmt, **kw):
        raise graphviz.RenderError("Graphviz failed: simulated")

    monkeypatch.setattr(chart_render, "run_many", run_many)
    out = pair / "failed.pdf"
    result = invoke_cli("compare", str(pair / "a.yaml"), str(pair / "b.yaml"), "-o", str(out))
    assert result.exit_code == 4
    assert "Graphviz failed: simulated" in result.stderr
    assert not out.exists()
