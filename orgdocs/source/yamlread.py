"""Parse one guarded YAML text into plain Python data plus the position of every key and value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from orgdocs.problems import Location, Problem
from orgdocs.source.guards import yaml_error_problem

Path = tuple[str | int, ...]


@dataclass
class Located:
    """Plain data (dict, list, str, int, float, bool, None, date) and where each part was written."""

    data: object
    values: dict[Path, Location] = field(default_factory=dict)
    keys: dict[Path, Location] = field(default_factory=dict)


def _plain_scalar(value: object) -> object:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    return value


def _walk(node: object, path: Path, file: str, out: Located, here: Location) -> object:
    out.values[path] = here
    if isinstance(node, CommentedMap):
        result = {}
        for key in node:
            try:
                kl, kc = node.lc.key(key)
                vl, vc = node.lc.value(key)
                key_loc = Location(file, kl + 1, kc + 1)
                value_loc = Location(file, vl + 1, vc + 1)
            except (KeyError, TypeError):  # keys brought in by a '<<' merge have no position of their own
                key_loc = value_loc = here
            name = str(key) if not isinstance(key, str) else key
            child = path + (name,)
            out.keys[child] = key_loc
            result[name] = _walk(node[key], child, file, out, value_loc)
        return result
    if isinstance(node, CommentedSeq):
        items = []
        for i, item in enumerate(node):
            try:
                il, ic = node.lc.item(i)
                item_loc = Location(file, il + 1, ic + 1)
            except (KeyError, TypeError):
                item_loc = here
            items.append(_walk(item, path + (i,), file, out, item_loc))
        return items
    return _plain_scalar(node)


def parse(text: str, file: str) -> tuple[Located | None, list[Problem]]:
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = True  # duplicates were already reported, with both positions, by the guard
    try:
        root = yaml.load(text)
    except YAMLError as exc:
        return None, [yaml_error_problem(exc, file)]
    out = Located(data=None)
    start = Location(file, 1, 1)
    if root is None:
        out.data = {}
        out.values[()] = start
        return out, []
    if isinstance(root, CommentedMap):
        start = Location(file, root.lc.line + 1, root.lc.col + 1)
    out.data = _walk(root, (), file, out, start)
    if not isinstance(out.data, dict):
        return None, [Problem("the file must be a mapping of sections (org:, roles:, positions: ...)", start,
                              code="wrong-type")]
    return out, []
