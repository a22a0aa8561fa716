"""What the options every command shares mean, as plain data and checks: one meaning per option name
(tests/test_cli_vocabulary.py holds every command to it). Light on purpose: `orgdocs --help` imports it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from orgdocs.errors import UsageError
from orgdocs.outputs.plan import DEFAULT_OUT_DIR  # noqa: F401  (the --out-dir default the CLI shows)

STDIO = "-"  # as ORG: read standard input; as -o: write standard output
AUDIENCES = ("all-hands", "hr", "public")  # what each may see: orgdocs.model.audiences, overridable per org
BUILD_AUDIENCES = AUDIENCES + ("all",)  # build alone writes several trees at once
DEFAULT_AUDIENCE = "all-hands"  # pay is shown only when asked for

CHART_FORMATS = ("svg", "pdf", "png", "pptx")
CHECK_FORMATS = ("text", "json")
STATS_FORMATS = ("text", "json", "csv")
COMPARE_FORMATS = ("text", "md", "json", "svg", "html", "pdf")
EXPORT_FORMATS = ("csv", "xlsx", "json", "jsonld")

# the file name suffixes each format is written under; the first is the one messages suggest
SUFFIXES = {"text": ("txt",), "json": ("json",), "csv": ("csv",), "md": ("md", "markdown"),
            "html": ("html", "htm"), "svg": ("svg",), "pdf": ("pdf",), "png": ("png",), "xlsx": ("xlsx",),
            "jsonld": ("jsonld", "json"), "pptx": ("pptx",)}
TEXT_FORMATS = ("text", "json", "csv", "md", "html", "svg", "jsonld")  # the ones standard output takes


@dataclass(frozen=True)
class Target:
    """Where one output goes: a file, or standard output (path None)."""

    format: str
    path: Path | None


def is_stdio(value: Path | str | None) -> bool:
    return value is not None and str(value) == STDIO


def formats_given(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def target(output: Path | None, formats: str | Sequence[str] | None, choices: Sequence[str],
           default: str | None = None) -> Target | None:
    """The one output -o and -f name together, checked before anything is loaded or rendered. None when
    neither names one (the command then writes its usual files). `default`: the format standard output gets
    when -f is not given (None: without -o the command writes files into --out-dir, whatever -f says)."""
    given = formats_given(formats)
    if output is None:
        if default is None or len(given) > 1:
            return None  # the command writes its files into --out-dir
        fmt = given[0] if given else default
        return _to_stdout(fmt)
    if len(given) > 1:
        raise UsageError(f"-o names one file; give one -f, not {len(given)} (or use --out-dir for several)")
    if is_stdio(output):
        fmt = given[0] if given else default
        if fmt is None:
            raise UsageError(f"-o - writes to standard output: give its format with -f ({', '.join(choices)})")
        return _to_stdout(fmt)
    suffix = output.suffix.lower().lstrip(".")
    if given:
        fmt = given[0]
        if suffix not in SUFFIXES[fmt]:  # a name without one too: chart pages are named after it
            raise UsageError(f"-o {output.name} does not agree with -f {fmt}: name the file "
                             f"*.{SUFFIXES[fmt][0]} (or -o - for standard output) or change -f")
        return Target(fmt, output)
    found = [f for f in choices if suffix in SUFFIXES[f]]
    if not found:
        names = ", ".join(f".{SUFFIXES[f][0]}" for f in choices)
        raise UsageError(f"cannot tell the format from {output.name}: name the file {names}")
    return Target(found[0], output)


def _to_stdout(fmt: str) -> Target:
    if fmt not in TEXT_FORMATS:
        raise UsageError(f"{fmt} needs -o FILE: standard output takes text formats only ({', '.join(TEXT_FORMATS)})")
    return Target(fmt, None)


def one_place(output: Path | None, out_dir: Path | None) -> None:
    if output is not None and out_dir is not None:
        raise UsageError("give -o FILE or --out-dir DIR, not both")
