"""The JSON Schema of the org format, generated from the model (committed as org.schema.json for editors)."""

from __future__ import annotations

from pathlib import Path

from orgdocs.model import SCHEMA_ID, Org
from orgdocs.render import strict_json

SCHEMA_FILE = Path(__file__).with_name("org.schema.json")


def json_schema() -> dict:
    schema = Org.model_json_schema(mode="validation")
    schema.pop("title", None)
    # Partial files (_catalog.yaml) have no `org:` of their own; the loader checks the merged org has one.
    schema["required"] = [k for k in schema.get("required", []) if k != "org"]
    if not schema["required"]:
        del schema["required"]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "orgdocs org definition", **schema}


def schema_text() -> str:
    return strict_json.dumps(json_schema(), "schema")
