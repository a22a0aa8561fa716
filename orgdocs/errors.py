"""One error model: every failure a user can cause or meet carries its exit code, and the CLI turns it into
one clear message in one place (`orgdocs.cli.main`). No user-caused condition ends in a traceback.

Exit codes (the README's table says the same):
    0  success
    1  `check`/`build` found errors (or warnings, with --strict)
    2  the input could not be used: located problems in org files, bad options, template problems
    3  the output could not be written: unwritable or invalid folder, disk full, file size limit
    4  a tool orgdocs runs is missing or failed: Graphviz, WeasyPrint, git
    5  a leak scan found confidential values in an output meant for a wider audience
  130  interrupted (Ctrl-C)
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_OUTPUT = 3
EXIT_TOOL = 4
EXIT_LEAK = 5
EXIT_INTERRUPTED = 130


class OrgdocsError(Exception):
    """Base of every error orgdocs reports to its user; `exit_code` says how the process ends."""

    exit_code = EXIT_BAD_INPUT

    def lines(self) -> list[str]:
        return [f"error: {self}"]


class InputError(OrgdocsError):
    """The input (org files, options, templates) cannot be used."""

    exit_code = EXIT_BAD_INPUT


class UsageError(InputError):
    """The options cannot be used together (or with this org); found before anything is rendered."""


class OutputError(OrgdocsError):
    """The output cannot be written where it was asked for; nothing was changed there."""

    exit_code = EXIT_OUTPUT


class ToolError(OrgdocsError):
    """An external tool (Graphviz, WeasyPrint, git) is missing, timed out or failed."""

    exit_code = EXIT_TOOL


class LeakError(OrgdocsError):
    """A confidential value was found in an output meant for an audience that may not see it."""

    exit_code = EXIT_LEAK


def describe_os_error(exc: OSError, doing: str = "write") -> str:
    """One line for a failed file operation: what, where, and why in words a user knows."""
    import errno

    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exhausted",
        errno.EFBIG: "the file is larger than the file size limit allows",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
        errno.EROFS: "the file system is read-only",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.EISDIR: "it is a folder",
        errno.ENAMETOOLONG: "the name is too long",
    }
    reason = reasons.get(exc.errno, exc.strerror or str(exc))
    where = f" {exc.filename}" if exc.filename else ""
    return f"cannot {doing}{where}: {reason}"
