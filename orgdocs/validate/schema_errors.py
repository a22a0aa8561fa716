"""Pydantic's validation errors, turned into plain located messages (one per problem, not one per union arm)."""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from orgdocs.model import Org
from orgdocs.model.common import ID_PATTERN
from orgdocs.problems import Problem
from orgdocs.source.located import Located

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping (key: value)",
    "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date (YYYY-MM-DD)",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _data_path(data: Any, loc: tuple) -> tuple[tuple, bool]:
    """Follow an error's loc through the data; union arm tags are not in the data and are dropped."""
    path: list = []
    node = data
    skipped = False
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            path.append(part)
        else:
            skipped = True
            if isinstance(part, int) or (isinstance(part, str) and part in ("min", "max")):
                # an index or key that is absent: the error is about something missing there
                path.append(part)
    return tuple(path), skipped


def _unwrap(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        out = []
        for arg in typing.get_args(tp):
            out += _unwrap(arg)
        return out
    return [tp]


def _model_at(path: tuple) -> type[BaseModel] | None:
    """The model class that validates the mapping at path, to suggest the keys it knows."""
    candidates: list[Any] = [Org]
    for part in path:
        nxt: list[Any] = []
        for tp in candidates:
            for t in _unwrap(tp):
                origin = typing.get_origin(t)
                if isinstance(t, type) and issubclass(t, BaseModel) and isinstance(part, str):
                    field = t.model_fields.get(part) or next(
                        (f for f in t.model_fields.values() if f.alias == part), None
                    )
                    if field is not None:
                        nxt.append(field.annotation)
                elif origin is dict and isinstance(part, str):
                    nxt.append(typing.get_args(t)[1])
                elif origin is list and isinstance(part, int):
                    nxt.append(typing.get_args(t)[0])
        candidates = nxt
    for tp in candidates:
        for t in _unwrap(tp):
            if isinstance(t, type) and issubclass(t, BaseModel):
                return t
    return None


def _field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _label(path: tuple, data: Any = None) -> str:
    """The field an error is about; for an item of a list, the item's id when it has one."""
    if path and isinstance(path[-1], int) and data is not None:
        item = _value_at(data, path)
        collection = str(path[-2]) if len(path) > 1 else "item"
        noun = collection[:-1] if collection.endswith("s") else collection
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return f"{noun} {item['id']!r}"
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            return f"{noun} {item['name']!r}"
        return f"{noun} {path[-1] + 1}"
    names = [p for p in path if isinstance(p, str)]
    return names[-1] if names else "document"


def _bound(x: Any) -> str:
    """A limit as people read it: 1,000,000 rather than 1000000."""
    if isinstance(x, (int, float)) and not isinstance(x, bool) and float(x).is_integer() and abs(x) >= 10_000:
        return f"{int(x):,}"
    return str(x)


def _message(err: dict, path: tuple, value: Any, data: Any = None) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    field = _label(path, data)
    got = _describe(value)
    if kind in _TYPE_WORDS:
        return f"{field}: expected {_TYPE_WORDS[kind]}, got {got}"
    if kind == "literal_error":
        return f"{field}: expected {ctx.get('expected', 'one of the allowed values')}, got {got}"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == ID_PATTERN:
            return f"{field}: {got} is not a valid id (use letters, digits, '.', '_' or '-')"
        if "0-9a-fA-F" in pattern:
            return f"{field}: expected a colour such as #1f77b4, got {got}"
        if "[A-Z]{3}" in pattern:
            return f"{field}: expected a 3-letter currency code such as USD, got {got}"
        if "https" in pattern:
            return f"{field}: expected an https:// or mailto: link, got {got}"
        if "@" in pattern:
            return f"{field}: expected an email address such as ana.ruiz@example.com, got {got}"
        return f"{field}: {got} does not have the expected form"
    if kind in ("string_too_short", "too_short"):
        return f"{field}: must not be empty"
    if kind in ("string_too_long", "too_long"):
        return f"{field}: too long (at most {ctx.get('max_length')})"
    if field == "fte" and kind in ("greater_than", "less_than_equal") and ctx.get("le", 1) == 1:
        return f"fte: must be more than 0 and at most 1, got {got}"
    if kind == "greater_than_equal":
        return f"{field}: must be at least {_bound(ctx.get('ge'))}, got {got}"
    if kind == "greater_than":
        return f"{field}: must be more than {_bound(ctx.get('gt'))}, got {got}"
    if kind == "less_than_equal":
        return f"{field}: must be at most {_bound(ctx.get('le'))}, got {got}"
    if kind in ("value_error", "assertion_error"):
        msg = str(ctx.get("error", err["msg"]))
        return f"{field}: {msg}" if path else msg
    return f"{field}: {err['msg']}"


def translate(exc: ValidationError, located: Located) -> list[Problem]:
    data = located.data
    grouped: dict[tuple, list[dict]] = {}
    order: list[tuple] = []
    problems = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        if "[key]" in loc:  # a mapping key (an id) is itself invalid: report it at the key
            path, _ = _data_path(data, loc[: loc.index("[key]")])
            problems.append(_key_problem(err, path, located))
            continue
        path, skipped = _data_path(data, loc)
        key = (path, err["type"] in ("extra_forbidden", "missing"), skipped)
        if key not in grouped:
            grouped[key] = []
            order.append(key)
        grouped[key].append(err)

    deeper = {k[0][:n] for k in order if k[2] for n in range(len(k[0]))}
    for key in order:
        path, _, in_union = key
        errors = grouped[key]
        if in_union and path in deeper and isinstance(_value_at(data, path), dict) \
                and all(e["type"] in _TYPE_WORDS for e in errors):
            continue  # a mapping where text or a mapping may go: its own fields' problems say what is wrong
        if in_union and len(errors) > 1:
            specific = [e for e in errors if e["type"] not in _TYPE_WORDS]
            if specific:
                errors = specific[:1]
            else:
                wanted = sorted({_TYPE_WORDS[e["type"]] for e in errors})
                value = _value_at(data, path)
                problems.append(
                    Problem(f"{_label(path)}: expected {' or '.join(wanted)}, got {_describe(value)}",
                            located.where(path), code="wrong-type")
                )
                continue
        for err in errors:
            problems.append(_one(err, path, located))
    return problems


def _key_problem(err: dict, path: tuple, located: Located) -> Problem:
    name = path[-1] if path else "?"
    if err["type"] == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == ID_PATTERN:
        message = f"{_describe(name)} is not a valid id (use letters, digits, '.', '_' or '-')"
    else:
        message = f"key {_describe(name)}: {err['msg']}"
    return Problem(message, located.where(path, key=True), code="invalid-value")


def _value_at(data: Any, path: tuple) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _one(err: dict, path: tuple, located: Located) -> Problem:
    kind = err["type"]
    if kind == "extra_forbidden":
        name = str(path[-1]) if path else "?"
        model = _model_at(path[:-1])
        hint = ""
        if model is not None:
            close = difflib.get_close_matches(name, _field_names(model), n=1, cutoff=0.6)
            if close:
                hint = f"; did you mean {close[0]!r}?"
            else:
                hint = f" (allowed here: {', '.join(_field_names(model))})"
        return Problem(f"unknown key {name!r}{hint}", located.where(path, key=True), code="unknown-key")
    if kind == "missing":
        name = str(err["loc"][-1])
        parent = path[:-1] if path and path[-1] == err["loc"][-1] else path
        return Problem(f"missing required key {name!r}", located.where(parent), code="missing-key")
    value = _value_at(located.data, path)
    code = "wrong-type" if kind in _TYPE_WORDS or kind == "literal_error" else "invalid-value"
    return Problem(_message(err, path, value, located.data), located.where(path), code=code)
