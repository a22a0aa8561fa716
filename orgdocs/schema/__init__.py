"""The JSON Schema of the org format, generated from the model (committed as org.schema.json for editors)."""

from __future__ import annotations

from pathlib import Path

from orgdocs.model.json_schema import org_json_schema
from orgdocs.render import strict_json

SCHEMA_FILE = Path(__file__).with_name("org.schema.json")


def json_schema() -> dict:
    return org_json_schema()


def schema_text() -> str:
    return strict_json.dumps(json_schema(), "schema")
