"""What a command hands back to whoever runs it (the CLI, a test): what to print, where, and how it ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from orgdocs.errors import EXIT_OK, OrgdocsError


@dataclass
class Result:
    stdout: str | bytes = ""  # the command's own output: a report, numbers, a document for `-o -`
    info: list[str] = field(default_factory=list)  # stdout lines about what was done; dropped with --quiet
    notes: list[str] = field(default_factory=list)  # stderr lines about what was done; dropped with --quiet
    messages: list[str] = field(default_factory=list)  # stderr lines kept with --quiet (problems, warnings)
    written: list[Path] = field(default_factory=list)
    exit_code: int = EXIT_OK
    error: OrgdocsError | None = None  # why the command failed, when it still has output to give (JSON)

    def wrote(self, paths: list[Path]) -> Result:
        self.written += paths
        self.info += [str(p) for p in paths]
        return self


class Progress(Protocol):
    """Long work reports each step it finishes (build: each org, each comparison)."""

    def start(self, total: int) -> None: ...

    def step(self, item: str) -> None: ...


class NoProgress:
    def start(self, total: int) -> None:
        pass

    def step(self, item: str) -> None:
        pass
