"""Text made safe for each output format, one rule per format: every character renders as written, nothing
is interpreted (Graphviz labels and attributes, Markdown, CSV, plain text).

Graphviz expands backslash sequences (\\N, \\G, \\l ...) even inside HTML-like labels, and processes them
twice in some attributes (tooltip, URL): measured, not assumed (see tests/test_chart_escaping.py).
"""

from __future__ import annotations

import html
import re

MAX_ATTRIBUTE = 2000  # Graphviz rejects quoted strings over 16,384 characters


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text) if "\n" in text or "\r" in text or "\t" in text else text


def html_text(text: str) -> str:
    """For the inside of an HTML-like label (a line break in the text draws as a space)."""
    return html.escape(_one_line(text), quote=True).replace("\\", "\\\\")


def quoted(text: str) -> str:
    """A DOT quoted string for attributes that are not expanded (id, class, colour, fontname)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def quoted_escstring(text: str) -> str:
    """A DOT quoted string for tooltip-like attributes, where backslashes are processed twice."""
    text = _one_line(text[:MAX_ATTRIBUTE]).replace("&", "&amp;")  # Graphviz passes entity-like text through
    return '"' + text.replace("\\", "\\\\\\\\").replace('"', '\\"') + '"'


# --- XML (the chart SVG written by render/chart_svg) ---------------------------------------------------------------

# characters XML 1.0 cannot carry at all, even as references: shown as U+FFFD rather than breaking the file
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """Element content that reads back as written (a line break draws as a space, as in a Graphviz label)."""
    text = _XML_INVALID.sub("\ufffd", _one_line(text))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(text: str) -> str:
    """A double-quoted attribute value, quotes included; line breaks and tabs kept as character references."""
    text = _XML_INVALID.sub("\ufffd", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return '"' + text.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;") + '"'


# --- Markdown (compare.md), as read by CommonMark/GFM renderers on wikis and code hosts ---------------------------

# Backslash-escaped wherever they stand: emphasis, code, links and images, tables, strikethrough, headings.
_MD_ANYWHERE = re.compile(r"([\\`*_\[\]|~#])")
# Only at the start of a line or cell: list items ("- x", "1. x"), thematic breaks and setext underlines ("---",
# "==="); block quotes are already &gt;. "-3" and "2.67" are left alone.
_MD_LEADING = re.compile(r"^([+\-=])(?=\s|$|\1)|^(\d{1,9})([.)])(?=\s|$)")
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\u0085\u2028\u2029]+")


def markdown_text(text: str) -> str:
    """Text that renders literally in a Markdown paragraph, list item, heading or table cell: HTML becomes
    entities, Markdown punctuation is backslash-escaped, line breaks become spaces (a cell is one line)."""
    text = _LINE_BREAKS.sub(" ", str(text)).strip()  # leading spaces would make code, trailing two a line break
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_ANYWHERE.sub(r"\\\1", text)
    return _MD_LEADING.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text)


def markdown_code(text: str) -> str:
    """An inline code span that holds any text: a fence longer than any run of backticks inside it."""
    text = _LINE_BREAKS.sub(" ", str(text))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# --- CSV (stats.csv), as opened by spreadsheet applications --------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_cell(value: object) -> object:
    """A cell a spreadsheet shows as text rather than running as a formula (OWASP CSV injection): a text
    starting with = + - @ TAB CR LF, even after spaces, gets a leading apostrophe. A plain number stays a
    number, whether it arrives as int/float or as text like "-3"."""
    if not isinstance(value, str):
        return value
    if value.lstrip(" ").startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value.strip()):
        return "'" + value
    return value


# --- Plain text (stats.txt, the compare summary, terminal output) -----------------------------------------------

_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain_text(text: str) -> str:
    """One line of text a terminal or text editor shows as written: line breaks and tabs become spaces,
    control and bidi-control characters become visible \\uXXXX escapes (they would move the cursor, ring
    the bell, recolour the terminal or reorder what is shown)."""
    text = _LINE_BREAKS.sub(" ", str(text))
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


# --- JSON inside an HTML <script> or a .js file (the search index, issue 14) ---------------------------------------

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data) -> str:
    """JSON that cannot end its <script> ("</script>", "<!--"), start an entity, or end a JavaScript line
    (U+2028/9 were line terminators before ES2019); it reads back as the same data."""
    from orgdocs.render.strict_json import dumps

    text = dumps(data, "script data", compact=True).rstrip("\n")
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group(0)], text)
