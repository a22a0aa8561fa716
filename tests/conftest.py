from __future__ import annotations

import json
import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgdocs.cli import cli

ROOT = Path(__file__).resolve().parent.parent
ORGS = ROOT / "orgs"


def invoke_cli(*args):
    """Run the CLI in the current folder; a crash inside it fails the test with the traceback instead of
    passing as exit 1."""
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        tb = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"orgdocs {' '.join(map(str, args))} crashed:\n{tb}")
    return result


@pytest.fixture
def run(monkeypatch):
    """Run the CLI from the repository root; returns click's Result."""
    monkeypatch.chdir(ROOT)

    def invoke(*args: str):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def write_org(tmp_path):
    """Write an org (a dict, dumped as JSON, which is YAML) or YAML text into tmp_path; return its path."""

    def write(content: dict | str, name: str = "org.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
        return path

    return write
