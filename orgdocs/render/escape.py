"""Text made safe for Graphviz: every character renders as written, nothing is interpreted.

Graphviz expands backslash sequences (\\N, \\G, \\l ...) even inside HTML-like labels, and processes them
twice in some attributes (tooltip, URL): measured, not assumed (see tests/test_chart_escaping.py).
"""

from __future__ import annotations

import html

MAX_ATTRIBUTE = 2000  # Graphviz rejects quoted strings over 16,384 characters


def html_text(text: str) -> str:
    """For the inside of an HTML-like label."""
    return html.escape(text, quote=True).replace("\\", "\\\\")


def quoted(text: str) -> str:
    """A DOT quoted string for attributes that are not expanded (id, class, colour, fontname)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def quoted_escstring(text: str) -> str:
    """A DOT quoted string for tooltip-like attributes, where backslashes are processed twice."""
    text = text[:MAX_ATTRIBUTE]
    return '"' + text.replace("\\", "\\\\\\\\").replace('"', '\\"').replace("\n", " ") + '"'
