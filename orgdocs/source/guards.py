"""Checks run on a file's bytes, text and YAML events before anything is built from it.

ruamel's composer is recursive and expands aliases, so depth, alias bombs, tags and duplicate keys are
caught here on the event stream, which costs no recursion and no expansion.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from orgdocs.problems import Location, Problem


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 20 * 1024 * 1024
    max_depth: int = 40
    max_aliases: int = 100
    max_nodes: int = 2_000_000  # counting every alias as the size of what it repeats
    max_scalar_chars: int = 100_000


DEFAULT_LIMITS = Limits()

# Bidi embeddings, overrides and isolates make text display differently from what it says.
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ALLOWED_CONTROLS = set("\t\n\r")


def bad_character(ch: str) -> str | None:
    if ch in _BIDI:
        return f"bidi control character U+{ord(ch):04X} ({unicodedata.name(ch, 'unnamed')})"
    if ch in _ALLOWED_CONTROLS:
        return None
    if unicodedata.category(ch) == "Cc":
        return f"control character U+{ord(ch):04X}"
    return None


def check_size(size: int, file: str, limits: Limits = DEFAULT_LIMITS) -> list[Problem]:
    if size > limits.max_file_bytes:
        return [
            Problem(
                f"file is {size:,} bytes; the limit is {limits.max_file_bytes:,}",
                Location(file),
                code="file-too-large",
            )
        ]
    return []


def decode(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 only. Every line with bytes that are not UTF-8 is reported by line and column."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    problems = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            column = len(raw[: exc.start].decode("utf-8", errors="replace")) + 1
            problems.append(
                Problem(
                    f"byte 0x{raw[exc.start]:02X} is not UTF-8; save the file as UTF-8",
                    Location(file, number, column),
                    code="not-utf8",
                )
            )
    return None, problems


def yaml_error_problem(exc: YAMLError, file: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if isinstance(exc, MarkedYAMLError):
        message = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
    else:
        message = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
    loc = Location(file, mark.line + 1, mark.column + 1) if mark is not None else Location(file)
    return Problem(f"YAML syntax: {message}", loc, code="yaml-syntax")


class _Frame:
    __slots__ = ("is_map", "expect_key", "keys", "anchor", "start_nodes")

    def __init__(self, is_map: bool, anchor: str | None, start_nodes: int):
        self.is_map = is_map
        self.expect_key = True
        self.keys: dict[str, Location] = {}
        self.anchor = anchor
        self.start_nodes = start_nodes


def scan_events(text: str, file: str, limits: Limits = DEFAULT_LIMITS) -> list[Problem]:
    """Walk the YAML event stream once: syntax, depth, aliases, tags, scalar size, duplicate keys."""
    problems: list[Problem] = []

    def at(event) -> Location:
        m = event.start_mark
        return Location(file, m.line + 1, m.column + 1)

    stack: list[_Frame] = []
    anchor_sizes: dict[str, int] = {}
    nodes = 0
    aliases = 0
    documents = 0
    try:
        for event in YAML(typ="safe", pure=True).parse(text):
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents == 2:
                    problems.append(
                        Problem("only one YAML document per file (remove the second '---')", at(event), code="yaml")
                    )
                continue
            if not isinstance(event, (ScalarEvent, AliasEvent, SequenceStartEvent, MappingStartEvent,
                                      SequenceEndEvent, MappingEndEvent)):
                continue
            if isinstance(event, (SequenceEndEvent, MappingEndEvent)):
                frame = stack.pop()
                if frame.anchor is not None:
                    anchor_sizes[frame.anchor] = nodes - frame.start_nodes + 1
                continue

            parent = stack[-1] if stack else None
            is_key = parent is not None and parent.is_map and parent.expect_key
            if parent is not None and parent.is_map:
                parent.expect_key = not parent.expect_key

            tag = getattr(event, "tag", None)
            if tag is not None and not isinstance(event, AliasEvent):
                problems.append(
                    Problem(f"explicit YAML tag {tag!r} is not allowed; write plain values", at(event), code="yaml-tag")
                )

            if isinstance(event, AliasEvent):
                aliases += 1
                if aliases == limits.max_aliases + 1:
                    problems.append(
                        Problem(f"more than {limits.max_aliases} aliases (*name)", at(event), code="yaml-aliases")
                    )
                nodes += anchor_sizes.get(event.anchor, 1)
            else:
                nodes += 1
            if nodes > limits.max_nodes:
                problems.append(
                    Problem(
                        f"the document expands to more than {limits.max_nodes:,} values (aliases repeat too much)",
                        at(event),
                        code="yaml-too-big",
                    )
                )
                break

            if isinstance(event, ScalarEvent):
                if len(event.value) > limits.max_scalar_chars:
                    problems.append(
                        Problem(
                            f"a value of {len(event.value):,} characters is over the limit of "
                            f"{limits.max_scalar_chars:,}",
                            at(event),
                            code="value-too-long",
                        )
                    )
                if event.anchor is not None:
                    anchor_sizes[event.anchor] = 1
                if is_key:
                    seen = parent.keys.get(event.value)
                    here = at(event)
                    if seen is not None and event.value != "<<":
                        problems.append(
                            Problem(
                                f"duplicate key {event.value!r} (first at line {seen.line})",
                                here,
                                code="duplicate-key",
                                related=(seen,),
                            )
                        )
                    else:
                        parent.keys.setdefault(event.value, here)
            elif isinstance(event, (SequenceStartEvent, MappingStartEvent)):
                if is_key:
                    problems.append(Problem("keys must be plain text, not lists or mappings", at(event), code="yaml"))
                stack.append(_Frame(isinstance(event, MappingStartEvent), event.anchor, nodes))
                if len(stack) > limits.max_depth:
                    problems.append(
                        Problem(f"nesting deeper than {limits.max_depth} levels", at(event), code="yaml-depth")
                    )
                    break
            elif isinstance(event, AliasEvent) and is_key:
                problems.append(Problem("keys must be plain text, not aliases", at(event), code="yaml"))
    except YAMLError as exc:
        problems.append(yaml_error_problem(exc, file))
    except RecursionError:
        problems.append(Problem("the YAML is nested too deeply to read", Location(file), code="yaml-depth"))
    return problems
