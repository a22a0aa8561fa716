"""The one way orgdocs turns data into JSON: strict (no NaN or Infinity, which strict parsers reject).

The model's limits keep every computed number finite; if one ever is not, the run stops with the place of the
number instead of writing a file other tools cannot read.
"""

from __future__ import annotations

import json
import math

from orgdocs.errors import OrgdocsError


class NotFiniteError(OrgdocsError):
    """A computed number is infinite or not a number: nothing is written."""


def _first_non_finite(data: object, path: str) -> str | None:
    todo = [(data, path)]
    while todo:
        node, where = todo.pop()
        if isinstance(node, float) and not math.isfinite(node):
            return f"{where} is {node}"
        if isinstance(node, dict):
            todo += [(v, f"{where}.{k}") for k, v in reversed(node.items())]
        elif isinstance(node, (list, tuple)):
            todo += [(v, f"{where}[{i}]") for i, v in reversed(list(enumerate(node)))]
    return None


def _plain(data: object) -> object:
    """Typed results (anything with `as_dict`, such as the numbers of an org) as the plain data they stand for."""
    if hasattr(data, "as_dict"):
        return data.as_dict()
    if isinstance(data, (list, tuple)):
        return [_plain(v) for v in data]
    return data


def dumps(data: object, what: str = "output", compact: bool = False) -> str:
    """Indented JSON text with a final newline; `what` names the data in the error message. compact: on one
    line, no spaces (data for a script, such as the search index)."""
    data = _plain(data)
    try:
        if compact:
            return json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=False) + "\n"
        return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    except ValueError:
        place = _first_non_finite(data, what) or what
        raise NotFiniteError(f"a computed number is not finite ({place}); nothing was written") from None
