"""From located raw data to a validated Org, or every problem with it at once."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from orgdocs.model import Org
from orgdocs.problems import Problem
from orgdocs.source.located import Located
from orgdocs.validate.assets import check_assets
from orgdocs.validate.currencies import check_currencies
from orgdocs.validate.references import check_references
from orgdocs.validate.schema_errors import translate
from orgdocs.validate.size import check_size
from orgdocs.validate.text import check_text


def validate(located: Located, folder: Path | None = None, texts: bool = True) -> tuple[Org | None, list[Problem]]:
    """`folder`: the org's folder, in which the files it names (its logo) are checked; None checks none.
    `texts=False` skips the text checks, for data whose every text was checked already (a re-import's org as
    it was: import checked its own files when it wrote them, and checks the hand-written ones again)."""
    problems = check_size(located)
    if any(p.code == "too-many-positions" for p in problems):
        return None, problems  # the rest would be work the budget does not allow
    problems += (check_text(located) if texts else []) + check_references(located) + check_currencies(located)
    if folder is not None:
        problems += check_assets(located, folder)
    org = None
    try:
        org = Org.model_validate(located.data)
    except ValidationError as exc:
        problems += translate(exc, located)
    if problems:
        return None, problems
    return org, []
