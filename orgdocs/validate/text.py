"""Control and bidi-override characters in any text value (escapes like "\\u202e" included)."""

from __future__ import annotations

from orgdocs.problems import Problem
from orgdocs.source.guards import SUSPECT, bad_character
from orgdocs.source.located import Located


def _suspect_strings(node: object, path: tuple, out: list) -> None:
    """(path, text, is_key) for every string with a suspect character, keys before their values, in order.
    Plain loops, and a path made only for containers and hits: this runs over every string of the org."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, str) and SUSPECT.search(key):
                out.append((path + (key,), key, True))
            if isinstance(value, str):
                if SUSPECT.search(value):
                    out.append((path + (key,), value, False))
            elif isinstance(value, (dict, list)):
                _suspect_strings(value, path + (key,), out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if isinstance(value, str):
                if SUSPECT.search(value):
                    out.append((path + (i,), value, False))
            elif isinstance(value, (dict, list)):
                _suspect_strings(value, path + (i,), out)
    elif isinstance(node, str) and SUSPECT.search(node):
        out.append((path, node, False))


def check_text(located: Located) -> list[Problem]:
    problems = []
    seen = set()
    suspects: list[tuple[tuple, str, bool]] = []
    _suspect_strings(located.data, (), suspects)
    for path, text, is_key in suspects:
        for offset, ch in enumerate(text):
            what = bad_character(ch)
            if what and (path, ch) not in seen:
                seen.add((path, ch))
                where = located.where(path, key=is_key)
                problems.append(
                    Problem(f"{what} at character {offset + 1} of {text[:40]!r}", where, code="bad-character")
                )
    return problems
