"""Hand one output to its target: standard output, or a file written whole. JSON targets get JSON even when
the command fails, so a pipeline always has something to parse."""

from __future__ import annotations

from orgdocs.commands.result import Result
from orgdocs.commands.vocabulary import Target
from orgdocs.errors import OrgdocsError


def deliver(where: Target, data: bytes) -> Result:
    if where.path is None:
        return Result(stdout=data.decode("utf-8"))
    from orgdocs.write import write_atomic

    write_atomic(where.path, data)
    return Result().wrote([where.path])


def failed(exc: OrgdocsError, where: Target | None) -> Result:
    """The result of a command that could not do its work: a JSON account of it on standard output when that is
    where JSON was going; otherwise the error itself goes up to the CLI."""
    if where is None or where.path is not None or where.format != "json":
        raise exc
    from orgdocs.commands.steps import failure_json

    return Result(stdout=failure_json(exc), error=exc, exit_code=exc.exit_code)
