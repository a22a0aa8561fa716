from __future__ import annotations

import json

from conftest import ORGS, ROOT

from orgdocs.schema import SCHEMA_FILE, json_schema, schema_text


def test_committed_schema_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "orgdocs/schema/org.schema.json is stale: run `make schema` and commit it"
    )


def test_schema_command_prints_the_schema(run):
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "orgdocs org definition"
    assert schema["additionalProperties"] is False
    assert {"org", "units", "positions", "roles", "compensation", "ladders", "policies"} <= set(schema["properties"])
    assert schema == json_schema()


def test_every_example_org_file_references_the_schema():
    files = sorted(ORGS.rglob("*.yaml"))
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == SCHEMA_FILE.resolve(), path
        assert target.is_relative_to(ROOT)
