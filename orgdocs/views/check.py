"""What a check report says about one org: its counts and findings, as `check --json` and check.json give it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from orgdocs.analyse.loaded import LoadedOrg
from orgdocs.problems import Location, Problem


def check_report(item: LoadedOrg, findings: list[Problem]) -> dict:
    """Findings the org accepts (`policies.accept`) are listed apart, with their reason, and counted apart."""
    return {
        "id": item.id,
        "name": item.org.org.name,
        "errors": sum(p.severity == "error" for p in findings),
        "warnings": sum(p.severity == "warning" for p in findings),
        "findings": [p.as_dict() for p in findings if p.severity != "accepted"],
        "accepted": [p.as_dict() for p in findings if p.severity == "accepted"],
    }


def portable(findings: list[Problem], item: LoadedOrg) -> list[Problem]:
    """The findings as published documents show them: a file given by its absolute path is named from the folder
    above the org's (x/org.yaml), so no output carries the builder's absolute path."""
    base = item.source.folder.parent

    def short(loc: Location | None) -> Location | None:
        if loc is None or not Path(loc.file).is_absolute():
            return loc
        try:
            return dataclasses.replace(loc, file=Path(loc.file).relative_to(base).as_posix())
        except ValueError:  # outside the folder above the org's (a path orgdocs refuses to read): its name
            return dataclasses.replace(loc, file=Path(loc.file).name)

    return [dataclasses.replace(p, location=short(p.location), related=tuple(short(r) for r in p.related),
                                accepted_at=short(p.accepted_at))
            for p in findings]
