"""What a variant's changes left behind: relations dropped because the position they named was removed."""

from __future__ import annotations

from orgdocs.analyse.summary import Analysis
from orgdocs.checks.base import Reporter


def run(a: Analysis, r: Reporter) -> None:
    for message, where, subject in r.located.dropped:
        r.add("dangling-relation", message, (), subject=subject, at=where)
