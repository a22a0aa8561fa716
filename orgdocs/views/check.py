"""What a check report says about one org: its counts and findings, as `check --json` and check.json give it."""

from __future__ import annotations

from orgdocs.analyse.loaded import LoadedOrg
from orgdocs.problems import Problem


def check_report(item: LoadedOrg, findings: list[Problem]) -> dict:
    return {
        "id": item.id,
        "name": item.org.org.name,
        "errors": sum(p.severity == "error" for p in findings),
        "warnings": sum(p.severity == "warning" for p in findings),
        "findings": [p.as_dict() for p in findings],
    }
