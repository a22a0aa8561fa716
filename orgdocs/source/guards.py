"""Limits and checks on a file's size, bytes and characters, before and while its YAML is read."""

from __future__ import annotations

import re
import unicodedata

from ruamel.yaml.error import MarkedYAMLError, YAMLError

from orgdocs.limits import DEFAULT_LIMITS, Limits  # noqa: F401  (re-exported: readers import them from here)
from orgdocs.problems import Location, Problem

# Bidi embeddings, overrides and isolates make text display differently from what it says.
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ALLOWED_CONTROLS = set("\t\n\r")
SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


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


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def scan_characters(text: str, file: str) -> list[Problem]:
    """Control and bidi characters written literally, at their exact line and column."""
    problems = []
    for m in SUSPECT.finditer(text):
        what = bad_character(m.group())
        if what:
            problems.append(Problem(f"{what} in text", Location(file, *_line_col(text, m.start())),
                                    code="bad-character"))
    return problems


def yaml_error_problem(exc: YAMLError, file: str, text: str = "") -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if isinstance(exc, MarkedYAMLError):
        message = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
    else:
        message = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
    if mark is not None:
        loc = Location(file, mark.line + 1, mark.column + 1)
    elif isinstance(getattr(exc, "position", None), int) and text:
        loc = Location(file, *_line_col(text, min(exc.position, len(text))))
    else:
        loc = Location(file)
    return Problem(f"YAML syntax: {message}", loc, code="yaml-syntax")
