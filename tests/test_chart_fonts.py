"""Issue 15, item 4: a portable chart SVG. Its text names a font stack that ends in a generic family; a standalone
SVG carries a subset of its fonts (WOFF2 in @font-face data: URIs) that covers every character it draws, read back
here with fontTools; --no-embed-fonts carries none; text is fitted to boxes by the font's own widths."""

from __future__ import annotations

import base64
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import invoke_cli
from fontTools.ttLib import TTFont

from orgdocs.chart import text as estimate
from orgdocs.chart.options import ChartOptions
from orgdocs.commands import steps
from orgdocs.render import chart as chart_render
from orgdocs.render import font_embed, font_metrics, text_fit

ROOT = Path(__file__).resolve().parent.parent
EVERY = ROOT / "tests" / "data" / "charts" / "every-feature"  # Latin, Arabic, Han, box-drawing legend marks
SVG = "{http://www.w3.org/2000/svg}"
FACE = re.compile(r"@font-face\{font-family:'([^']+)';font-weight:(\d+);font-style:(\w+);"
                  r"src:url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\) format\('woff2'\)(?:;unicode-range:([^}]*))?\}")

pytestmark = pytest.mark.skipif(not font_metrics.available(), reason="Noto Sans is not installed")


def svg(tmp_path: Path, org: Path, *args, name: str = "x.svg") -> bytes:
    out = tmp_path / name
    result = invoke_cli("chart", org, "-o", out, *args)
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def faces(data: bytes) -> dict[tuple[str, bool, bool], set[int]]:
    """Each embedded face's characters: the font's cmap, within its unicode-range when it has one."""
    out: dict[tuple[str, bool, bool], set[int]] = {}
    for family, weight, style, b64, ranges in FACE.findall(data.decode()):
        font = TTFont(io.BytesIO(base64.b64decode(b64)))  # parses, or this raises
        assert font.flavor == "woff2"
        cmap = set(font.getBestCmap())
        if ranges:
            cmap &= {int(r.removeprefix("U+"), 16) for r in ranges.split(",")}
        out.setdefault((family, weight == "700", style == "italic"), set()).update(cmap)
    return out


def texts(data: bytes) -> list[tuple[str, str, bool, bool]]:
    """(text, font-family, bold, italic) of every <text>."""
    root = ET.fromstring(data)
    return [("".join(t.itertext()), t.get("font-family"), t.get("font-weight") == "bold",
             t.get("font-style") == "italic") for t in root.iter(SVG + "text")]


def first_family(stack: str) -> str:
    return stack.split(",")[0].strip().strip("'")


@pytest.mark.parametrize("org", [EVERY, ROOT / "orgs" / "platform-engineering"])
def test_the_embedded_fonts_cover_every_character_of_every_text(tmp_path, org):
    data = svg(tmp_path, org)
    embedded = faces(data)
    assert embedded
    drawn = texts(data)
    assert drawn
    for text, family, bold, italic in drawn:
        have = embedded.get((first_family(family), bold, italic), set())
        missing = {c for c in text if not c.isspace() and ord(c) not in have}
        assert not missing, (text, family, bold, italic, missing)


def test_every_feature_embeds_latin_arabic_han_and_the_legend_marks(tmp_path):
    embedded = faces(svg(tmp_path, EVERY))
    regular = embedded[("Noto Sans", False, False)]
    assert {ord(c) for c in "محمد"} <= regular  # from a fallback face under the same family
    assert ord("─") in embedded[("Noto Sans", True, False)]  # the legend's "───", bold
    assert {ord(c) for c in "张伟"} <= embedded[("Noto Sans CJK SC", False, False)]


def test_no_embed_fonts_carries_none_and_pages_never_do(tmp_path):
    plain = svg(tmp_path, EVERY, "--no-embed-fonts", name="plain.svg")
    assert b"@font-face" not in plain and b"data:font" not in plain and b"<style" not in plain
    embedded = svg(tmp_path, EVERY)
    # the rest of the drawing is the same: only the <defs> of fonts is added
    assert re.sub(rb'<defs id="embedded-fonts">.*?</defs>\n', b"", embedded, flags=re.S) == plain
    # an SVG placed inside a page (build's index.html and chart.html) leaves the fonts out
    [item] = steps.load([str(EVERY)])
    drawn = chart_render.draw(item.analysis, ChartOptions(embed_fonts=True), tmp_path)
    [page] = chart_render.render_drawn(item.analysis, drawn, "svg", tmp_path)
    assert b"@font-face" in page.data and "@font-face" not in page.inline_svg()
    assert ET.fromstring(page.inline_svg()).tag == SVG + "svg"


def test_the_font_stack_ends_with_a_generic_family(tmp_path):
    for _, family, _, _ in texts(svg(tmp_path, EVERY)):
        stack = [f.strip() for f in family.split(",")]
        assert len(stack) >= 4 and stack[-1] == "sans-serif", family
        assert stack[0] in ("'Noto Sans'", "'Noto Sans CJK SC'")


def test_embedded_bytes_are_the_same_every_time_and_small(tmp_path):
    first = svg(tmp_path, ROOT / "orgs" / "platform-engineering", name="a.svg")
    second = svg(tmp_path, ROOT / "orgs" / "platform-engineering", name="b.svg")
    plain = svg(tmp_path, ROOT / "orgs" / "platform-engineering", "--no-embed-fonts", name="c.svg")
    assert first == second
    # regular, bold, italic and the legend's marks of a Latin org: measured 11.6 KB; bounded well below a font
    assert 0 < len(first) - len(plain) < 40_000


def test_a_large_han_subset_is_not_embedded(tmp_path, write_org):
    # 400 distinct Han characters in names: more than MAX_FACE_CHARS (a 106 KB subset that takes 3 s to make)
    han = [chr(0x4E00 + i * 7) for i in range(400)]
    positions = [{"id": "boss", "title": "Boss", "holders": ["Ann Lee"]}]
    positions += [{"id": f"p{i}", "title": "Engineer", "holders": ["".join(han[4 * i:4 * i + 4])],
                   "reports_to": "boss"} for i in range(100)]
    org = write_org({"org": {"name": "Han Co"}, "positions": positions})
    data = svg(tmp_path, org)
    embedded = faces(data)
    assert ("Noto Sans CJK SC", False, False) not in embedded  # capped: left to the font stack
    assert ord("A") in embedded[("Noto Sans", False, False)]  # the Latin text still travels
    assert len(data) < 400_000
    assert font_embed.MAX_FACE_CHARS < 400


def test_names_are_fitted_by_the_fonts_own_widths():
    name, size = "Zoë O'Brien-Łukasiewicz", 9.0
    limit = text_fit.width(name, size) + 0.5  # room for the name by the font's widths
    assert estimate.width(name, size) > limit  # the table errs wide: it would cut the name
    assert estimate.shorten(name, limit, size).endswith("…")
    assert text_fit.shorten(name, limit, size) == name
    assert text_fit.wrap(f"{name} {name}", limit, size, 2) == [name, name]
