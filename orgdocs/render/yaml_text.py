"""YAML text for generated org files: block mappings, flow style for small items, every string written so that
it reads back as exactly that string (plain when it is plain text, else double-quoted with JSON escapes, which
YAML reads the same way). Deterministic: the order given, no timestamps. Fast enough for a million values."""

from __future__ import annotations

import json
import re

from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode

_RESOLVER = YAML(typ="safe", pure=True).resolver
_PLAIN = re.compile(r"^[^\W_][\w .@/+()'-]*$")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off"}  # text in YAML 1.2, booleans to older readers: quoted
_MAYBE_TYPED = set("0123456789-+.~nNtTfFyYoO")  # anything else plain always reads back as text


def scalar(value: object) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value)
    if _PLAIN.match(text) and not text.endswith(" ") and "  " not in text and text.lower() not in _YAML11_WORDS and (
            text[0] not in _MAYBE_TYPED
            or _RESOLVER.resolve(ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    if not quoted.isprintable():  # control, bidi and line-separator characters escaped, never written raw
        quoted = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in quoted)
    return quoted


def _flow(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return scalar(value)


def _small(value: object) -> bool:
    """Written on one line: a list of plain values, or a mapping of plain values."""
    if isinstance(value, dict):
        return all(not isinstance(v, (dict, list)) for v in value.values())
    if isinstance(value, list):
        return all(not isinstance(v, list) and (not isinstance(v, dict) or _small(v)) for v in value)
    return True


def _block(value: object, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for k, v in value.items():
            key = scalar(k)
            if isinstance(v, (dict, list)) and v and not (_small(v) and len(_flow(v)) <= 100):
                out.append(f"{pad}{key}:")
                _block(v, indent + 2, out)
            else:
                out.append(f"{pad}{key}: {_flow(v)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item and not (_small(item) and len(_flow(item)) <= 100):
                lines: list[str] = []
                _block(item, indent + 2, lines)
                lines[0] = pad + "- " + lines[0][indent + 2:]
                out += lines
            else:
                out.append(f"{pad}- {_flow(item)}")


def dump(data: dict, comment: list[str] = ()) -> str:  # type: ignore[assignment]
    """The YAML of a mapping, after `# ` comment lines."""
    out = [f"# {line}" if line else "#" for line in comment]
    _block(data, 0, out)
    return "\n".join(out) + "\n"
