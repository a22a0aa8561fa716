"""The JSON Schema of one org FILE, as the loader accepts it (not only of a whole, merged org).

The model describes a merged org. A file may be less than that: a partial brought in by `include:`, one of the
files of a folder org, or a variant (`extends:` + `changes:`) may leave out `org:` or `org.name`, which another
file gives. `changes:` is read before the model sees the org, so its shape is written out here.
"""

from __future__ import annotations

import copy

from orgdocs.model import SCHEMA_ID, Org
from orgdocs.model.common import ID_PATTERN
from orgdocs.source.variants import OPS

_REF = "#/$defs/"


def _fields(schema: dict, definition: str, key: str, key_description: str) -> dict:
    """Change items naming one entry (`{position: id, count: 5}`): its key, then any of the entry's own fields."""
    props = copy.deepcopy(schema["$defs"][definition]["properties"])
    props.pop("id", None)
    return {"type": "object",
            "properties": {key: {"$ref": _REF + "Id", "description": key_description}, **props},
            "required": [key], "additionalProperties": False}


def _changes(schema: dict) -> dict:
    ops: dict[str, dict] = {
        "add": {"$ref": _REF + "Position", "description": "A new position, written as in `positions`."},
        "remove": {"$ref": _REF + "Id", "description": "Position id to remove; its reports move up to its "
                                                        "manager, and it stops leading any unit."},
        "move": {"type": "object", "description": "A new manager: {position: csms, to: head-of-cs}.",
                 "properties": {"position": {"$ref": _REF + "Id", "description": "Position id to move."},
                                "to": {"$ref": _REF + "Id", "description": "Position or external id it now "
                                                                           "reports to."}},
                 "required": ["position", "to"], "additionalProperties": False},
        "update": {**_fields(schema, "Position", "position", "Position id to change."),
                   "description": "New values for any fields of a position but its id: {position: csms, count: 14}."},
        "update_role": {**_fields(schema, "Role", "role", "Role id to change."),
                        "description": "New values for fields of a role: {role: csm, level: senior-csm}."},
        "update_band": {**_fields(schema, "Band", "band", "Band id to change."),
                        "description": "New values for fields of a pay band: {band: csm, min: 70K, max: 90K}."},
        "move_unit": {"type": "object",
                      "description": "Nest a unit under another: {unit: storage, parent: platform}; parent: null "
                                     "makes it a top unit. A unit cannot move under one nested in it.",
                      "properties": {"unit": {"$ref": _REF + "Id", "description": "Unit id to move."},
                                     "parent": {"anyOf": [{"$ref": _REF + "Id"}, {"type": "null"}],
                                                "description": "Unit id it now belongs to, or null."}},
                      "required": ["unit", "parent"], "additionalProperties": False},
        "update_unit": {**_fields(schema, "Unit", "unit", "Unit id to change."),
                        "description": "New values for any fields of a unit but its parent (move_unit changes "
                                       "that): {unit: product, name: Product & Storage, lead: em-web}."},
    }
    ops["update_unit"]["properties"].pop("parent", None)
    for op in OPS:  # an operation the loader knows and this schema does not spell out yet: any value
        ops.setdefault(op, {"description": f"The `{op}` change."})
    return {
        "type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": False,
        "properties": {op: ops[op] for op in OPS},
        "description": "One change: " + ", ".join(OPS) + ".",
    }


def org_json_schema() -> dict:
    schema = Org.model_json_schema(mode="validation")
    schema.pop("title", None)
    defs = schema["$defs"]
    defs["Id"] = {"type": "string", "pattern": ID_PATTERN, "maxLength": 80,
                  "description": "Identifier: letters, digits, '.', '_' or '-', starting with a letter or digit."}
    # A partial or a variant leaves `org:` (or its name) to another file; the loader checks the merged org.
    schema["required"] = [k for k in schema.get("required", []) if k != "org"]
    if not schema["required"]:
        del schema["required"]
    info = defs["OrgInfo"]
    info["required"] = [k for k in info.get("required", []) if k != "name"]
    if not info["required"]:
        del info["required"]
    schema["properties"]["changes"]["items"] = _changes(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "orgdocs org definition", **schema}
