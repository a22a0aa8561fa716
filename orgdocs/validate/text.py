"""Control and bidi-override characters in any text value (escapes like "\\u202e" included)."""

from __future__ import annotations

from orgdocs.problems import Problem
from orgdocs.source.guards import SUSPECT, bad_character
from orgdocs.source.located import Located


def _strings(node: object, path: tuple):
    """(path, text, is_key) for every string in the data."""
    if isinstance(node, str):
        yield path, node, False
    elif isinstance(node, dict):
        for key, value in node.items():
            yield path + (key,), key, True
            yield from _strings(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, path + (i,))


def check_text(located: Located) -> list[Problem]:
    problems = []
    seen = set()
    for path, text, is_key in _strings(located.data, ()):
        if not SUSPECT.search(text):
            continue
        for offset, ch in enumerate(text):
            what = bad_character(ch)
            if what and (path, ch) not in seen:
                seen.add((path, ch))
                where = located.where(path, key=is_key)
                problems.append(
                    Problem(f"{what} at character {offset + 1} of {text[:40]!r}", where, code="bad-character")
                )
    return problems
