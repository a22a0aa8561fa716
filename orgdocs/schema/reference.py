"""docs/format.md: the format reference, from the model (views.reference) and the hand-written parts kept as
package data in orgdocs/reference/ (an introduction, one YAML example per section, worked examples)."""

from __future__ import annotations

from pathlib import Path

from orgdocs.views.reference import Example, format_reference

REFERENCE = Path(__file__).resolve().parent.parent / "reference"


def section_examples() -> dict[str, str]:
    """Example YAML by section (file name); a file that holds several sections (extends + changes) serves each."""
    out: dict[str, str] = {}
    for path in sorted((REFERENCE / "sections").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        out[path.stem] = text
        for line in text.splitlines():
            key = line.split(":", 1)[0]
            if line[:1].isalpha() and key.isidentifier():
                out.setdefault(key, text)
    return out


def worked_examples() -> list[Example]:
    return [Example(p.name, p.read_text(encoding="utf-8")) for p in sorted((REFERENCE / "examples").glob("*.md"))]


def reference_text() -> str:
    intro = (REFERENCE / "intro.md").read_text(encoding="utf-8")
    return format_reference(intro, section_examples(), worked_examples())
