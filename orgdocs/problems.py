"""Problems found in an org definition: where (file, line, column), how bad, and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from orgdocs.errors import InputError

# "accepted": a check finding the org accepts as intended (`policies.accept`); listed with its reason, never
# counted as an error or a warning
SeverityName = Literal["error", "warning", "accepted"]


@dataclass(frozen=True, order=True)
class Location:
    file: str
    line: int = 0  # 1-based; 0 when the problem concerns the file as a whole
    column: int = 0  # 1-based

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    message: str
    location: Location | None = None
    severity: SeverityName = "error"
    code: str = "invalid"
    related: tuple[Location, ...] = field(default=())
    subject: str | None = None  # what a check finding is about (a band, position, role... id): what accept names
    reason: str | None = None  # why an accepted finding is intended
    accepted_at: Location | None = None  # where the acceptance is written

    def sort_key(self) -> tuple:
        loc = self.location or Location("")
        return (loc.file, loc.line, loc.column, self.code, self.message)

    def format(self) -> str:
        where = f"{self.location}: " if self.location else ""
        text = f"{where}{self.severity}: {self.message} [{self.code}]"
        for rel in self.related:
            text += f"\n    see {rel}"
        if self.severity == "accepted":
            text += f"\n    reason: {self.reason}" + (f" (accepted at {self.accepted_at})" if self.accepted_at else "")
        return text

    def as_dict(self) -> dict:
        loc = self.location
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
            "related": [str(r) for r in self.related],
            "subject": self.subject,
        } | ({"reason": self.reason, "accepted_at": str(self.accepted_at or "")}
             if self.severity == "accepted" else {})


class OrgInputError(InputError):
    """Raised when an org definition cannot be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__("\n".join(p.format() for p in self.problems))

    def lines(self) -> list[str]:
        n = len(self.problems)
        return [p.format() for p in self.problems] + [
            f"{n} problem{'s' if n != 1 else ''} in the input; nothing was written."]
