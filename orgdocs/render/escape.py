"""Text made safe for Graphviz: every character renders as written, nothing is interpreted.

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
