"""From located raw data to a validated Org, or every problem with it at once."""

from __future__ import annotations

from pydantic import ValidationError

from orgdocs.model import Org
from orgdocs.problems import Problem
from orgdocs.source.located import Located
from orgdocs.validate.references import check_references
from orgdocs.validate.schema_errors import translate
from orgdocs.validate.size import check_size
from orgdocs.validate.text import check_text


def validate(located: Located) -> tuple[Org | None, list[Problem]]:
    problems = check_size(located)
    if any(p.code == "too-many-positions" for p in problems):
        return None, problems  # the rest would be work the budget does not allow
    problems += check_text(located) + check_references(located)
    org = None
    try:
        org = Org.model_validate(located.data)
    except ValidationError as exc:
        problems += translate(exc, located)
    if problems:
        return None, problems
    return org, []
