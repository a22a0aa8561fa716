"""Issue 8, finding 10: a chart written to one PDF or PNG stays within what common viewers open.

PDF pages at most 14,400 pt a side (Acrobat's limit); PNG images at most 16,384 px a side and 100 megapixels,
at 72 dpi or more; on paper, never shrunk below the readable scale. What does not fit is drawn as labelled
tiles, and the user is told on stderr. Most tests lower the limits (module constants) to keep the charts small;
one draws a realistic 2,000-position chart.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from conftest import invoke_cli
from pypdf import PdfReader

from orgdocs.render import chart as chart_render
from orgdocs.render import chart_tiles
from orgdocs.render.chart_dot import PAPER_MARGIN
from orgdocs.render.graphviz import RenderError
from orgdocs.write import MANIFEST

ROOT = Path(__file__).resolve().parent.parent
SMALL = ROOT / "orgs" / "cs-enhanced-team"
PERSON = re.compile(r"Person (\d+)\b")


def wide_org(n: int, units: int = 0, name: str = "Wide Co") -> dict:
    """n positions, each manager with up to 7 reports (breadth first); with units, the top has `units` reports,
    each leading a unit that everyone below them belongs to."""
    positions = [{"id": "p0", "title": "Chief", "holders": ["Person 0"]}]
    unit_of: dict[int, str] = {}
    frontier, made = [0], 1
    while made < n:
        parent = frontier.pop(0)
        for _ in range(units if parent == 0 and units else 7):
            if made >= n:
                break
            p = {"id": f"p{made}", "title": "Engineer", "holders": [f"Person {made}"], "reports_to": f"p{parent}"}
            if parent == 0 and made <= units:
                unit_of[made] = f"u{made}"
                p["unit"] = f"u{made}"
            positions.append(p)
            frontier.append(made)
            made += 1
    org = {"org": {"name": name}, "positions": positions}
    if units:
        org["units"] = {u: {"name": f"Unit {u[1:]}", "lead": f"p{i}"} for i, u in unit_of.items()}
    return org


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def sizes(reader: PdfReader) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


def people(texts: list[str]) -> Counter:
    return Counter(int(m) for t in texts for m in PERSON.findall(t))


def name_sizes(page) -> list[float]:
    """The printed size of each holder's name on a PDF page (font size through both text and page matrices)."""
    found = []

    def visit(text, cm, tm, font, size):
        if PERSON.search(text):
            found.append(round(abs(size * tm[3] * cm[3]), 2))

    page.extract_text(visitor_text=visit)
    return found


def chart(tmp_path: Path, org: dict | Path, out: str, *options: str):
    src = org if isinstance(org, Path) else tmp_path / "org.yaml"
    if isinstance(org, dict):
        import json

        src.write_text(json.dumps(org), encoding="utf-8")
    return invoke_cli("chart", src, "-o", tmp_path / "out" / out, *options)


# --------------------------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------------------------


def test_wide_pdf_is_tiled_into_pages_within_the_pdf_limit(tmp_path):
    """A realistic 2,000-position chart is 47,680 pt wide: four pages at full size, every person on exactly one."""
    result = chart(tmp_path, wide_org(2000), "x.pdf")
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "out" / "x.pdf")
    n = len(reader.pages)
    assert n >= 4
    assert all(w <= 14_400 and h <= 14_400 for w, h in sizes(reader)), sizes(reader)
    texts = [p.extract_text() for p in reader.pages]
    for k, text in enumerate(texts, 1):
        assert f"tile {k} of {n} (row 1 of 1, column {k} of {n})" in text
    assert "too large for one page at a readable size, drawn at 100% over" in texts[0]
    seen = people(texts)
    assert set(seen) == set(range(2000))
    assert max(seen.values()) == 1  # cut between boxes: no box is split over two pages
    assert set(name_sizes(reader.pages[1])) == {9.0}  # full size: names as in the SVG
    assert re.search(r"note: x\.pdf: the chart is too large: at \d\d,\d{3} × [\d,]+ pt it is larger than a PDF "
                     r"page can be ", result.stderr)
    assert f"(14,400 pt a side); drawn at 100% over {n} pages (1 row × {n} columns): pages 1–{n}" in result.stderr


def test_tall_and_wide_pdf_is_tiled_in_rows_and_columns(tmp_path, monkeypatch):
    monkeypatch.setattr(chart_tiles, "PDF_MAX_SIDE", 700.0)
    result = chart(tmp_path, wide_org(60), "x.pdf")  # 1,620 × 974 pt
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "out" / "x.pdf")
    assert all(w <= 700 and h <= 700 for w, h in sizes(reader))
    texts = [p.extract_text() for p in reader.pages]
    grid = {tuple(map(int, m)) for t in texts for m in re.findall(r"row (\d+) of (\d+), column (\d+) of (\d+)", t)}
    rows, cols = {g[1] for g in grid}, {g[3] for g in grid}
    assert len(rows) == len(cols) == 1 and rows.pop() > 1 and cols.pop() > 1
    assert len(grid) == len(texts)  # each page its own place in the grid
    assert set(people(texts)) == set(range(60))
    assert "Wide Co" in texts[0] and "Reporting structure" in texts[0]  # the title stays on the first tile


def test_small_chart_is_one_pdf_page_and_one_png_as_before(tmp_path):
    for fmt in ("pdf", "png"):
        result = invoke_cli("chart", SMALL, "-o", tmp_path / f"x.{fmt}")
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
    assert len(PdfReader(tmp_path / "x.pdf").pages) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.pdf", "x.png"]
    w, h = png_size(tmp_path / "x.png")
    page = PdfReader(tmp_path / "x.pdf").pages[0].mediabox
    # drawn at the default 192 dpi (issue 15: 96 dpi was blurred on slides and paper)
    assert abs(w - float(page.width) * chart_tiles.PNG_DPI / 72) <= 2 and chart_tiles.PNG_DPI == 192


def test_page_below_the_readable_scale_is_tiled_on_that_paper(tmp_path):
    result = chart(tmp_path, wide_org(300), "x.pdf", "--page", "A4")
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "out" / "x.pdf")
    assert len(reader.pages) > 1
    assert all(round(w) == 842 and round(h) == 595 for w, h in sizes(reader))  # A4 landscape, every page
    smallest = min(s for page in reader.pages for s in name_sizes(page))
    assert smallest >= 9 * chart_tiles.SMALLEST_READABLE_SCALE - 0.01  # not shrunk into hairlines
    texts = [p.extract_text() for p in reader.pages]
    seen = people(texts)
    assert set(seen) == set(range(300)) and max(seen.values()) == 1  # nothing of the next sheet, not even hidden
    assert "fitted to one sheet it would be shrunk to" in result.stderr and "below the readable 45%" in result.stderr


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_tiles_on_paper_show_nothing_of_their_neighbours_at_the_edges(tmp_path):
    """What the page shows beyond its tile is painted white, up to the paper's very edge."""
    from PIL import Image

    assert chart(tmp_path, wide_org(300), "x.pdf", "--page", "A4").exit_code == 0
    done = subprocess.run(["pdftoppm", "-png", "-r", "100", str(tmp_path / "out" / "x.pdf"), str(tmp_path / "p")],
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    images = sorted(tmp_path.glob("p-*.png"))
    assert len(images) > 1
    for path in images:
        im = Image.open(path).convert("L")
        w, h = im.size
        margin = int(PAPER_MARGIN * 100 / 72) - 2
        strips = [im.crop((0, 0, margin, h)), im.crop((w - margin, 0, w, h)), im.crop((0, h - margin, w, h))]
        assert all(strip.getextrema()[0] >= 250 for strip in strips), path.name


def test_page_at_a_readable_scale_still_fits_on_one_sheet(tmp_path):
    result = chart(tmp_path, wide_org(20), "x.pdf", "--page", "A3")
    assert result.exit_code == 0 and result.stderr == ""
    reader = PdfReader(tmp_path / "out" / "x.pdf")
    assert len(reader.pages) == 1
    assert min(name_sizes(reader.pages[0])) >= 9 * chart_tiles.SMALLEST_READABLE_SCALE


def test_split_unit_page_too_large_is_tiled_and_the_others_are_not(tmp_path, monkeypatch):
    monkeypatch.setattr(chart_tiles, "PDF_MAX_SIDE", 1000.0)
    result = chart(tmp_path, wide_org(90, units=3), "x.pdf", "--split")  # unit 1 is 1,424 pt wide, the rest fit
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "out" / "x.pdf")
    texts = [p.extract_text() for p in reader.pages]
    assert "Overview" in texts[0] and "tile" not in texts[0]  # the overview fits as it is
    assert all(w <= 1000 and h <= 1000 for w, h in sizes(reader))
    assert sum("tile" in t for t in texts) == 2 and sum("Unit 2" in t for t in texts) == 2  # overview, own page
    assert any("Unit 1 · tile 1 of" in t for t in texts)
    assert set(people(texts)) == set(range(90))
    assert "the Unit 1 page is too large" in result.stderr


# --------------------------------------------------------------------------------------------------------------
# PNG
# --------------------------------------------------------------------------------------------------------------


def test_large_png_is_tiled_within_the_pixel_budget_at_full_resolution(tmp_path, monkeypatch):
    monkeypatch.setattr(chart_tiles, "PNG_MAX_SIDE", 3000)
    result = chart(tmp_path, wide_org(300), "x.png")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    names = sorted(p.name for p in out.iterdir())
    n = len(names)
    assert n > 1 and names == sorted(f"x-{k}.png" for k in range(1, n + 1))  # no 8 dpi x.png
    svg = chart(tmp_path, wide_org(300), "x.svg")
    assert svg.exit_code == 0
    view = re.search(rb'viewBox="0\.00 0\.00 ([\d.]+) ([\d.]+)"', (out / "x.svg").read_bytes())
    height = float(view.group(2))
    for k in range(1, n + 1):
        w, h = png_size(out / f"x-{k}.png")
        assert w <= 3000 and w * h <= chart_tiles.PNG_MAX_PIXELS
        # at the default dpi: text as readable as in a small chart
        assert abs(h - (height + chart_tiles.BAND) * chart_tiles.PNG_DPI / 72) <= 2
    assert "note: x.png: the chart is too large: at 72 dpi or more" in result.stderr
    assert f"drawn at 192 dpi over {n} images (1 row × {n} columns): x-1.png … x-{n}.png" in result.stderr


def test_png_tiles_also_keep_within_the_pixel_count(tmp_path, monkeypatch):
    monkeypatch.setattr(chart_tiles, "PNG_MAX_SIDE", 4000)
    monkeypatch.setattr(chart_tiles, "PNG_MAX_PIXELS", 2_000_000)
    result = chart(tmp_path, wide_org(150), "x.png", "--no-stack")
    assert result.exit_code == 0, result.output
    tiles = list((tmp_path / "out").glob("x-*.png"))
    assert len(tiles) > 1
    for tile in tiles:
        w, h = png_size(tile)
        assert w <= 4000 and h <= 4000 and w * h <= 2_000_000, (tile.name, w, h)


def test_png_a_little_too_large_is_one_image_at_a_lower_but_readable_dpi(tmp_path, monkeypatch):
    org = wide_org(40)
    assert chart(tmp_path, org, "x.svg").exit_code == 0
    width = float(re.search(rb'viewBox="0\.00 0\.00 ([\d.]+)', (tmp_path / "out" / "x.svg").read_bytes()).group(1))
    limit = int(width * 84 / 72)  # fits at 84 dpi, not at the default 192
    monkeypatch.setattr(chart_tiles, "PNG_MAX_SIDE", limit)
    result = chart(tmp_path, org, "x.png")
    assert result.exit_code == 0 and result.stderr == ""
    w, _ = png_size(tmp_path / "out" / "x.png")
    assert width * 72 / 72 <= w <= limit  # at least 72 dpi, within the budget
    assert not list((tmp_path / "out").glob("x-*.png"))


def test_split_png_tiles_are_named_after_their_unit(tmp_path, monkeypatch):
    monkeypatch.setattr(chart_tiles, "PNG_MAX_SIDE", 1200)
    result = chart(tmp_path, wide_org(90, units=3), "x.png", "--split")
    assert result.exit_code == 0, result.output
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert "x.png" in names  # the overview, as --split names it
    tiles = names - {"x.png", "x-u2.png", "x-u3.png"}  # the overview and the pages that fit, as --split names them
    assert len(tiles) > 1 and tiles == {f"x-u1-{k}.png" for k in range(1, len(tiles) + 1)}
    assert "note: x-u1.png: the Unit 1 page is too large" in result.stderr
    assert "x-u1-1.png … x-u1-" in result.stderr


def test_tiled_png_is_the_same_bytes_twice(tmp_path, monkeypatch):
    monkeypatch.setattr(chart_tiles, "PNG_MAX_SIDE", 2000)
    org = wide_org(100)
    chart(tmp_path, org, "a.png")
    chart(tmp_path, org, "b.png")
    a = sorted((tmp_path / "out").glob("a-*.png"))
    assert len(a) > 1
    assert [p.read_bytes() for p in a] == [(p.parent / p.name.replace("a-", "b-")).read_bytes() for p in a]


# --------------------------------------------------------------------------------------------------------------
# Labels, names, failures
# --------------------------------------------------------------------------------------------------------------


def test_tile_labels_render_org_names_literally(tmp_path, monkeypatch):
    monkeypatch.setattr(chart_tiles, "PDF_MAX_SIDE", 1200.0)
    name = 'A <B>bold</B> & "co" \\N'
    result = chart(tmp_path, wide_org(60, name=name), "x.pdf")
    assert result.exit_code == 0, result.output
    texts = [p.extract_text() for p in PdfReader(tmp_path / "out" / "x.pdf").pages]
    assert len(texts) > 1
    assert all(f"{name} · tile" in t for t in texts), texts[1][:200]


def test_tile_name_that_is_also_a_unit_page_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(chart_tiles, "PNG_MAX_SIDE", 1200)
    org = wide_org(90, units=3)  # unit u1's page is drawn as tiles u1-1 and u1-2
    org["units"] = {("u1-1" if k == "u2" else k): v for k, v in org["units"].items()}
    for p in org["positions"]:
        if p.get("unit") == "u2":
            p["unit"] = "u1-1"
    result = chart(tmp_path, org, "x.png", "--split")
    assert result.exit_code == 2
    assert "rename unit 'u1-1'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_failed_tile_render_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(chart_tiles, "PNG_MAX_SIDE", 1200)
    calls = []

    def run_many(sources, *args, **kw):  # the tiles are drawn by one Graphviz process (issue 13)
        calls.append(len(sources))
        raise RenderError("Graphviz failed: simulated")

    monkeypatch.setattr(chart_render, "run_many", run_many)
    result = chart(tmp_path, wide_org(100), "x.png")
    assert result.exit_code == 4 and len(calls) == 1 and calls[0] > 2
    assert not (tmp_path / "out").exists()


def test_split_of_an_org_without_units_draws_the_whole_chart(tmp_path):
    result = chart(tmp_path, wide_org(30), "x.svg", "--split")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["x.svg"]
    text = (tmp_path / "out" / "x.svg").read_text()
    assert {int(m) for m in PERSON.findall(text)} == set(range(30))


def test_build_writes_png_tiles_and_prunes_the_old_single_png(tmp_path, monkeypatch):
    out = tmp_path / "site"
    folder = out / "all-hands" / "cs-enhanced-team"
    folder.mkdir(parents=True)
    (folder / "chart.png").write_bytes(b"from an earlier build")
    (out / MANIFEST).write_text("all-hands/cs-enhanced-team/chart.png\n")
    monkeypatch.setattr(chart_tiles, "PNG_MAX_SIDE", 600)
    second = invoke_cli("build", SMALL, "--out-dir", out)
    assert second.exit_code == 0, second.output
    assert not (folder / "chart.png").exists()
    tiles = sorted(folder.glob("chart-*.png"))
    assert len(tiles) > 1 and all(png_size(t)[0] <= 600 for t in tiles)
    assert "note: cs-enhanced-team/chart.png: the chart is too large" in second.stderr  # once, not per tree
    index = (folder / "index.html").read_text()
    assert f'<a href="chart-1.png">Chart (PNG, tile 1 of {len(tiles)})</a>' in index and '"chart.png"' not in index


# --------------------------------------------------------------------------------------------------------------
# Where cuts fall
# --------------------------------------------------------------------------------------------------------------


def test_cuts_fall_in_gaps_between_boxes():
    boxes = [(0, 90), (100, 190), (200, 290), (300, 390), (400, 490)]
    assert chart_tiles.cuts(boxes, 490, 250) == [0.0, 195.0, 395.0, 490]


def test_cuts_without_a_gap_cross_the_fewest_boxes_and_always_advance():
    boxes = sorted([(x, x + 100) for x in range(0, 1000, 50)] + [(480, 520)])
    edges = chart_tiles.cuts(boxes, 1000, 200)
    assert edges[0] == 0 and edges[-1] == 1000
    assert all(0 < b - a <= 200 for a, b in zip(edges, edges[1:]))
    assert len(edges) - 1 <= 1000 / (200 * (1 - chart_tiles.CUT_SLACK)) + 1


@pytest.mark.parametrize("total", [0.0, 100.0])
def test_cuts_of_what_fits_is_one_piece(total):
    assert chart_tiles.cuts([(0, 50)], total, 200) == [0.0, total]
