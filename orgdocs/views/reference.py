"""The format reference (docs/format.md) as Markdown: every section and key of the org format, from the model's
JSON Schema (so a field without a description is a failing test, and the reference cannot drift from the code),
with the hand-written examples passed in and the check codes with how to tune them. No I/O: the caller reads the
examples (orgdocs/reference/) and writes the text."""

from __future__ import annotations

from dataclasses import dataclass

from orgdocs.model.check_codes import CHECKS, PAY_CHECKS
from orgdocs.model.common import ID_PATTERN
from orgdocs.model.json_schema import org_json_schema
from orgdocs.views.check_tuning import TUNING

# The order a reader needs: what the org is, its structure, its jobs, its pay, its rules, then variants.
ORDER = ("org", "units", "externals", "positions", "tracks", "levels", "roles", "compensation", "currencies",
         "ladders", "competencies", "metrics", "budgets", "policies", "extends", "changes", "include", "audiences",
         "hris", "sections")


@dataclass(frozen=True)
class Example:
    """A hand-written worked example: its file name (orders them) and its Markdown."""

    name: str
    text: str


def _anchor(name: str) -> str:
    return "def-" + name.lower()


def _is_null(s: dict) -> bool:
    return s.get("type") == "null"


def _ref(s: dict) -> str | None:
    ref = s.get("$ref", "")
    return ref.rsplit("/", 1)[-1] if ref else None


def _kind(s: dict) -> str | None:
    """The shared value types (amounts, ranges, rates), recognised by their shape."""
    options = s.get("anyOf", [])
    if any(o.get("type") == "string" and "kKmM" in o.get("pattern", "") for o in options):
        return "amount"
    if any(o.get("type") == "array" and o.get("minItems") == 2 for o in options):
        return "number or range"
    if any(o.get("type") == "object" and "rate" in o.get("properties", {}) for o in options):
        return "rate (0.0067, or {rate, as_of, source})"
    return None


def plain_type(s: dict) -> str:
    """A schema in plain words, with links to the definitions it names."""
    kind = _kind(s)
    if kind:
        return kind
    ref = _ref(s)
    if ref == "Id":
        return "id"
    if ref:
        return f"[{ref}](#{_anchor(ref)})"
    if "anyOf" in s:
        words = list(dict.fromkeys(plain_type(o) for o in s["anyOf"] if not _is_null(o)))
        if "number" in words and "whole number" in words:
            words.remove("whole number")
        return " or ".join(words)
    if "enum" in s:
        return "one of " + ", ".join(f"`{v}`" for v in s["enum"])
    if "const" in s:
        return f"`{s['const']}`"
    t = s.get("type")
    if t == "array":
        items = s.get("items", {})
        if items.get("maxProperties") == 1:
            return "list of changes (below)"
        return "list of " + plain_type(items)
    if t == "object":
        if s.get("properties"):
            return "mapping"
        values = s.get("additionalProperties")
        key = s.get("propertyNames", {})
        if s.get("patternProperties"):
            pattern, values = next(iter(s["patternProperties"].items()))
            key = {"type": "string", "pattern": pattern}
        if isinstance(values, dict):
            return f"map of {_key_words(key)} → " + plain_type(values)
        return "mapping"
    if t == "string":
        if s.get("format") == "date":
            return "date (YYYY-MM-DD)"
        pattern = s.get("pattern", "")
        if pattern.startswith("^#"):
            return "colour (#rgb or #rrggbb)"
        if pattern == "^[A-Z]{3}$":
            return "currency code (USD)"
        if pattern == ID_PATTERN:
            return "id"
        return "text"
    return {"integer": "whole number", "number": "number", "boolean": "true or false"}.get(t, "any value")


def _key_words(key: dict) -> str:
    if "enum" in key:
        return "(" + " or ".join(f"`{v}`" for v in key["enum"]) + ")"
    if key.get("pattern") == "^[A-Z]{3}$":
        return "currency code"
    return "id" if key.get("pattern") == ID_PATTERN else "name"


def _default(s: dict, required: bool) -> str:
    if required:
        return "required"
    if "default" not in s or s["default"] is None:
        return ""
    value = s["default"]
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    return f"`{value}`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _refs(s: object) -> list[str]:
    """Definitions a schema names, in order."""
    found: list[str] = []
    if isinstance(s, dict):
        ref = _ref(s)
        if ref and ref != "Id":
            found.append(ref)
        for value in s.values():
            found += _refs(value)
    elif isinstance(s, list):
        for value in s:
            found += _refs(value)
    return found


def _table(props: dict, required: list[str]) -> list[str]:
    lines = ["| key | type | default | description |", "|---|---|---|---|"]
    for key, s in props.items():
        lines.append(f"| `{key}` | {_cell(plain_type(s))} | {_default(s, key in required)} | "
                     f"{_cell(s.get('description', ''))} |")
    return lines


def _definition(name: str, d: dict, where: str) -> list[str]:
    out = [f'<a id="{_anchor(name)}"></a>', "", f"#### {name}", "", f"*In* `{where}`. {d.get('description', '')}",
           ""]
    return out + _table(d.get("properties", {}), d.get("required", [])) + [""]


def _changes_table(items: dict) -> list[str]:
    lines = ["| change | value | description |", "|---|---|---|"]
    for op, s in items["properties"].items():
        props = s.get("properties", {})
        if "$ref" in s or not props:
            value = plain_type(s) if s.get("$ref") or s.get("type") else "see the README"
        elif len(props) > 2:
            value = f"`{s['required'][0]}`, then any of its fields"
        else:
            value = "mapping of " + ", ".join(f"`{k}`" for k in props)
        lines.append(f"| `{op}` | {_cell(value)} | {_cell(s.get('description', ''))} |")
    return lines


def _example(section: str, examples: dict[str, str]) -> list[str]:
    text = examples.get(section)
    return ["```yaml", text.rstrip("\n"), "```", ""] if text else []


def sections_part(schema: dict, examples: dict[str, str]) -> list[str]:
    props = schema["properties"]
    defs = schema["$defs"]
    keys = [k for k in ORDER if k in props] + [k for k in props if k not in ORDER]
    out = ["## Sections", "", "Every top-level key of an org file, in the order a reader needs them.", "",
           "| section | type | description |", "|---|---|---|"]
    out += [f"| [`{k}`](#section-{k}) | {_cell(plain_type(props[k]))} | {_cell(props[k].get('description', ''))} |"
            for k in keys]
    out.append("")
    done: set[str] = set()
    for key in keys:
        s = props[key]
        out += [f'<a id="section-{key}"></a>', "", f"### `{key}`", "", _cell(s.get("description", "")), "",
                f"Type: {plain_type(s)}.", ""]
        out += _example(key, examples)
        if key == "changes":
            out += _changes_table(s["items"]) + [""]
        queue = [(r, key) for r in _refs(s) if key != "changes"]
        while queue:
            name, where = queue.pop(0)
            if name in done:
                continue
            done.add(name)
            d = defs[name]
            out += _definition(name, d, where)
            for sub, sub_schema in d.get("properties", {}).items():
                queue += [(r, f"{where}.{sub}") for r in _refs(sub_schema) if r not in done]
    return out


def checks_part() -> list[str]:
    out = ["## Check codes", "",
           "`orgdocs check` reports findings by code. Each has a default severity; `policies.checks` raises, "
           "lowers or turns one off for the whole org, e.g. `policies: {checks: {band-spread: off, ratio: "
           "error}}` (`off`, `warning` or `error`). A ratio, coverage or capacity rule may set its own "
           "`severity`; `policies.checks` wins over it. A single finding that is intended is accepted with its "
           "reason in `policies.accept` (see [Accepted findings](#example-10-accepted-findings)): `check` lists "
           "it apart and it counts as no warning. Findings about pay (marked *pay*) reach hr outputs only.",
           "", "| code | default | what it compares | how to tune it |", "|---|---|---|---|"]
    for code, (severity, what) in CHECKS.items():
        pay = " *pay*" if code in PAY_CHECKS else ""
        out.append(f"| `{code}`{pay} | {severity} | {_cell(what)} | {_cell(TUNING.get(code, ''))} |")
    return out + [""]


def _example_anchor(example: Example) -> str:
    return "example-" + example.name.removesuffix(".md")


def _title(example: Example) -> str:
    return example.text.splitlines()[0].removeprefix("### ").strip()


def format_reference(intro: str, section_examples: dict[str, str], worked: list[Example]) -> str:
    schema = org_json_schema()
    out = ["# The orgdocs format", "",
           "<!-- Generated by `make docs` (orgdocs schema -f md) from the model's field descriptions, "
           "orgdocs/model/check_codes.py and orgdocs/reference/. Do not edit by hand. -->", "",
           intro.rstrip("\n"), "",
           "Contents: [Sections](#sections) · [Check codes](#check-codes) · [Worked examples](#worked-examples)", ""]
    out += sections_part(schema, section_examples)
    out += checks_part()
    out += ["## Worked examples", "",
            "Each example below is a complete org (or a family of files) that the test suite loads and checks, "
            "so none of them can go stale.", ""]
    examples = sorted(worked, key=lambda e: e.name)
    out += [f"- [{_title(e)}](#{_example_anchor(e)})" for e in examples] + [""]
    for example in examples:
        out += [f'<a id="{_example_anchor(example)}"></a>', "", example.text.rstrip("\n"), ""]
    return "\n".join(out).rstrip("\n") + "\n"
