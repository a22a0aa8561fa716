"""YAML text for generated org files: block mappings, flow style for small items, every string written so that
it reads back as exactly that string (plain when it is plain text, else double-quoted with backslash escapes).
Deterministic: the order given, no timestamps. Fast enough for a million values."""

from __future__ import annotations

import re

_PLAIN = re.compile(r"^[^\W_][\w .@/+()'-]*$")
_NUMERIC_START = set("0123456789-+.~")  # may read as a number, a date or null: always quoted
# words that read as booleans or null (YAML 1.2, and 1.1 for older readers): quoted
_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


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
    if text and text[0] not in _NUMERIC_START and _PLAIN.match(text) and not text.endswith(" ") \
            and "  " not in text and text.lower() not in _WORDS:
        return text
    return _quoted(text)


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: backslash escapes for quotes, backslashes and line breaks; control, bidi and
    line-separator characters as \\u escapes, never written raw."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch.isprintable():
            out.append(ch)
        else:
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


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
            flow = _flow(v) if not isinstance(v, (dict, list)) or not v or _small(v) else None
            # a long collection goes on lines of its own; a scalar, however long, has only this line
            if flow is None or len(flow) > 100 and isinstance(v, (dict, list)) and v:
                out.append(f"{pad}{key}:")
                _block(v, indent + 2, out)
            else:
                out.append(f"{pad}{key}: {flow}")
    elif isinstance(value, list):
        for item in value:
            flow = _flow(item) if not isinstance(item, dict) or not item or _small(item) else None
            if flow is None or len(flow) > 100 and isinstance(item, dict) and item:
                lines: list[str] = []
                _block(item, indent + 2, lines)
                lines[0] = pad + "- " + lines[0][indent + 2:]
                out += lines
            else:
                out.append(f"{pad}- {flow}")


def dump(data: dict, comment: list[str] = ()) -> str:  # type: ignore[assignment]
    """The YAML of a mapping, after `# ` comment lines."""
    out = [f"# {line}" if line else "#" for line in comment]
    _block(data, 0, out)
    return "\n".join(out) + "\n"
