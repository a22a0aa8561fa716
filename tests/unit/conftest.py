"""Unit tests: the middle of orgdocs as data (scene, layout, views, diff, checks), with no Graphviz, no
WeasyPrint and no CLI run (tests/conftest.py fails a unit test that tries). Orgs are loaded once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orgdocs.commands import steps

ROOT = Path(__file__).resolve().parents[2]
ORGS = ROOT / "orgs"


@pytest.fixture(scope="session")
def examples() -> dict[str, steps.LoadedOrg]:
    """Every example org in orgs/, by id (variants of a family as family/variant)."""
    return {item.id: item for folder in sorted(ORGS.iterdir()) for item in steps.load([str(folder)])}


@pytest.fixture
def load_org(tmp_path):
    """load_org(data, name="org.yaml"): write an org (a dict, as JSON, which is YAML) and load it."""

    def load(data: dict, name: str = "org.yaml") -> steps.LoadedOrg:
        path = tmp_path / name
        path.write_text(json.dumps(data), encoding="utf-8")
        [item] = steps.load([str(path)])
        return item

    return load
