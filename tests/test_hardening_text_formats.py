"""Issue 8, finding 7: every text format escapes what its readers would interpret.

compare.md is read by Markdown renderers (wikis, code hosts), stats.csv by spreadsheet apps, stats.txt and the
compare summary by terminals. Names full of Markdown, HTML and formulas must come out as literal text.
"""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest
from conftest import invoke_cli

from orgdocs.render.escape import csv_cell, markdown_code, markdown_text, plain_text

HOSTILE = ["<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "**bold**", "# heading", "a|b",
           "<script>alert(2)</script>", "`tick` ~~strike~~", "1. x", "- item", "---", "_em_ \\*", "&amp; &#60;",
           "![i](http://x/y.png)", "<http://x>", "a\nb\r\nc", "  indented"]

# What CommonMark treats as special in inline text; each must be escaped (or an entity) to be literal.
_ACTIVE = set("\\`*_[]|~#<>&")


def markdown_literal(md: str) -> str:
    """What a CommonMark renderer shows for escaped inline text, and a check that nothing in it is live: every
    special character is backslash-escaped or part of an entity."""
    out = []
    i = 0
    while i < len(md):
        ch = md[i]
        if ch == "\\" and i + 1 < len(md) and not md[i + 1].isalnum() and md[i + 1].isascii():
            out.append(md[i + 1])
            i += 2
            continue
        if ch == "&":
            m = re.match(r"&(amp|lt|gt);", md[i:])
            assert m, f"bare & in {md!r}"
            out.append(html.unescape(m.group(0)))
            i += len(m.group(0))
            continue
        assert ch not in _ACTIVE, f"unescaped {ch!r} in {md!r}"
        out.append(ch)
        i += 1
    text = "".join(out)
    return text


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_text_renders_literally(text):
    md = markdown_text(text)
    assert "\n" not in md and "\r" not in md
    assert not re.match(r"\s", md), "leading spaces would start a code block"
    assert not re.match(r"([-+=])(\s|$|\1)|\d+[.)](\s|$)", md), f"would start a list or a rule: {md!r}"
    assert markdown_literal(md) == re.sub(r"\s+", " ", text).strip()


def test_markdown_leaves_plain_numbers_and_words_alone():
    for text in ("2.67", "-3", "+$370,000", "Head of Support", "13 (+2)", "Tier 1 → Tier 2"):
        assert markdown_text(text) == text


def test_markdown_code_span_holds_backticks():
    assert markdown_code("family/base") == "`family/base`"
    assert markdown_code("a`b") == "``a`b``"
    assert markdown_code("`x") == "`` `x ``"


@pytest.fixture
def hostile_variants(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    common = ('roles:\n  boss: {title: "**bold** Boss"}\n  agent: {title: "[x](javascript:alert(1))"}\n'
              "positions:\n  - id: boss\n    role: boss\n    unit: u\n"
              "  - id: team\n    role: agent\n    reports_to: boss\n    count: %d\n")
    Path("one.yaml").write_text('org: {name: "<img src=x onerror=alert(1)> Org", variant: "# heading"}\n'
                                'units:\n  u: {name: "a|b"}\n' + common % 3, encoding="utf-8")
    Path("two.yaml").write_text('org: {name: "<img src=x onerror=alert(1)> Org", variant: "a|b"}\n'
                                'units:\n  u: {name: "a|b"}\n' + common % 5
                                + '  - id: extra\n    title: "- <script>alert(2)</script> line\\nbreak"\n'
                                  "    reports_to: boss\n", encoding="utf-8")
    return tmp_path


def test_compare_md_renders_every_name_literally(hostile_variants):
    result = invoke_cli("compare", "one.yaml", "two.yaml", "-f", "md")
    assert result.exit_code == 0, result.output
    md = result.stdout
    lines = md.splitlines()
    # structure: our own headings only, a table whose rows all have 1 + 2 cells
    assert [ln for ln in lines if ln.startswith("#")] == ["# Comparing \\# heading → a\\|b", "## \\# heading → a\\|b",
                                                         "## Checks: a\\|b"]
    rows = [ln for ln in lines if ln.startswith("|")]
    assert rows and all(len(re.split(r"(?<!\\)\|", ln)) == 5 for ln in rows), rows
    assert "| Headcount by unit: a\\|b | 4 | 7 (+3) |" in rows
    # the literal text of every name is there, and nothing in it is live
    assert "<" not in md and "](" not in md.replace("\\](", "")
    assert "- **\\# heading**: `one` — &lt;img src=x onerror=alert(1)&gt; Org" in lines
    changes = [ln[2:] for ln in lines if ln.startswith(("- added", "- changed"))]
    assert [markdown_literal(c) for c in changes] == [
        "added - <script>alert(2)</script> line break under **bold** Boss",
        "changed [x](javascript:alert(1)): count 3 → 5",
    ]


def test_compare_text_summary_keeps_one_line_per_change(hostile_variants):
    result = invoke_cli("compare", "one.yaml", "two.yaml")
    assert result.exit_code == 0, result.output
    assert "  added - <script>alert(2)</script> line break under **bold** Boss" in result.stdout.splitlines()


# --- CSV --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", " =1",
                                  "-", "--x"])
def test_csv_cell_neutralises_formulas(text):
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["-3", "-3.5", "+4", "1e5", "-.5", -3, 2.5, "Head of Support", "a=b", ""])
def test_csv_cell_keeps_numbers_and_text(value):
    assert csv_cell(value) == value


def test_stats_csv_neutralises_a_formula_title_and_keeps_numbers(write_org, monkeypatch, tmp_path):
    org = write_org(
        'org: {name: "@Org"}\n'
        "roles:\n"
        '  evil: {title: \'=HYPERLINK("http://x")\'}\n'
        '  neg: {title: "-3"}\n'
        "positions:\n"
        "  - {id: boss, role: evil}\n"
        "  - {id: team, role: neg, reports_to: boss, count: 4}\n")
    result = invoke_cli("stats", org, "--csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    by_role = {r["key"]: r for r in rows if r["dimension"] == "role" and r["measure"] == "headcount"}
    assert by_role["evil"]["label"] == '\'=HYPERLINK("http://x")'
    assert by_role["neg"]["label"] == "-3" and float(by_role["neg"]["label"]) == -3
    assert float(by_role["neg"]["value"]) == 4
    span = [r for r in rows if r["measure"] == "span" and r["dimension"] == "position"]
    assert [(r["label"], float(r["value"])) for r in span] == [('\'=HYPERLINK("http://x")', 4.0)]
    # no cell a spreadsheet would run, anywhere
    for r in rows:
        for cell in r.values():
            assert not re.match(r"\s*[=+@\t\r]", cell) or cell.startswith("'"), cell
            assert not cell.startswith("-") or re.fullmatch(r"-\d+(\.\d+)?", cell), cell
    # the built stats.csv is the same rendering
    monkeypatch.chdir(tmp_path)
    assert invoke_cli("build", org, "--out-dir", "out", "-j", "1").exit_code in (0, 1)
    built = next((tmp_path / "out").rglob("stats.csv")).read_text(encoding="utf-8")
    assert '\'=HYPERLINK(""http://x"")' in built and ",-3," in built


# --- plain text -------------------------------------------------------------------------------------------------


def test_plain_text_shows_controls_and_keeps_one_line():
    assert plain_text("a\u0007b") == "a\\u0007b"
    assert plain_text("x\u202eevil") == "x\\u202eevil"
    assert plain_text("\x1b[31mred") == "\\u001b[31mred"
    assert plain_text("one\ntwo\r\nthree\tfour\u2028five") == "one two three four five"
    assert plain_text("Zoë 客户 ليلى") == "Zoë 客户 ليلى"


def test_escaped_control_characters_never_reach_text_outputs(write_org):
    """The reader rejects "\\u0007"-style escapes in double-quoted YAML (exit 2); line breaks, which it allows,
    are folded so a name cannot forge lines of stats.txt."""
    bell = write_org('org: {name: "Bell\\u0007Org"}\npositions:\n  - {id: a, title: "x"}\n', "bell.yaml")
    result = invoke_cli("stats", bell)
    assert result.exit_code == 2 and "U+0007" in result.stderr and "Traceback" not in result.output
    forged = write_org('org: {name: "Org\\nHeadcount  999"}\nunits:\n  u: {name: "Unit\\nFTE 0"}\n'
                       "positions:\n  - {id: a, title: x, unit: u}\n  - {id: b, title: y, unit: u, reports_to: a}\n",
                       "forged.yaml")
    result = invoke_cli("stats", forged)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Org Headcount  999 (")
    assert not any(ln.startswith("Headcount  999") or ln.startswith("FTE 0") for ln in lines)
    assert any(ln.startswith("Unit FTE 0 ") for ln in lines)
