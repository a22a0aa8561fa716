"""The import report: what was read, what was detected, what changed since the last import, as terminal text or
Markdown (each name and title escaped, so it reads literally), and the same as a small HTML page for PDF."""

from __future__ import annotations

import html
import re

from orgdocs.views.import_changes import ImportChanges

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>~])")
_MD_LEADING = re.compile(r"^([#+\-=]|\d+[.)])")


def md_escape(text: str) -> str:
    """Text that Markdown shows as written: no emphasis, link, table cell or heading made from a name."""
    text = _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))
    return _MD_LEADING.sub(r"\\\1", text)


def text_lines(changes: ImportChanges) -> list[str]:
    out = []
    for label, lines in changes.sections():
        if lines:
            out.append(f"{label} ({len(lines)}):")
            out += [f"  {line}" for line in lines]
    return out


def markdown(title: str, notes: list[str], summary: list[str], changes: ImportChanges | None,
             warnings: list[str]) -> str:
    out = [f"# {md_escape(title)}", ""]
    out += [f"- {md_escape(n)}" for n in notes + summary] + [""]
    if changes is None:
        out += ["First import: no earlier import to compare with.", ""]
    elif changes.empty:
        out += ["No changes since the last import.", ""]
    else:
        out += [f"Changes since the last import: {md_escape(changes.counts())}.", ""]
        for label, lines in changes.sections():
            if lines:
                out += [f"## {label} ({len(lines)})", ""] + [f"- {md_escape(line)}" for line in lines] + [""]
    if warnings:
        out += [f"## Warnings ({len(warnings)})", ""] + [f"- {md_escape(w)}" for w in warnings] + [""]
    return "\n".join(out)


def html_page(title: str, notes: list[str], summary: list[str], changes: ImportChanges | None,
              warnings: list[str]) -> str:
    e = html.escape
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{e(title)}</title>",
             "<style>body{font-family:sans-serif;font-size:10pt}h1{font-size:16pt}h2{font-size:12pt}</style>",
             f"</head><body><h1>{e(title)}</h1><ul>"]
    parts += [f"<li>{e(n)}</li>" for n in notes + summary] + ["</ul>"]
    if changes is None:
        parts.append("<p>First import: no earlier import to compare with.</p>")
    elif changes.empty:
        parts.append("<p>No changes since the last import.</p>")
    else:
        parts.append(f"<p>Changes since the last import: {e(changes.counts())}.</p>")
    for label, lines in (changes.sections() if changes else []) + [("Warnings", warnings)]:
        if lines:
            parts.append(f"<h2>{e(label)} ({len(lines)})</h2><ul>" + "".join(f"<li>{e(x)}</li>" for x in lines)
                         + "</ul>")
    parts.append("</body></html>")
    return "".join(parts)
