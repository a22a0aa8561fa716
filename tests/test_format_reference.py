"""The format reference (docs/format.md) and the shipped JSON Schema: every definition and field described, the
reference generated and current, every hand-written example loaded through the real loader and checked (its
figures worked out by hand), and the schema accepting every file the tool accepts (check-jsonschema over orgs/)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ORGS, ROOT

from orgdocs.commands import schema as schema_command
from orgdocs.commands import steps
from orgdocs.model.check_codes import CHECKS
from orgdocs.schema import SCHEMA_FILE, json_schema
from orgdocs.schema.reference import REFERENCE, reference_text, section_examples, worked_examples
from orgdocs.views.check_tuning import TUNING

DOC = ROOT / "docs" / "format.md"
HAS_CHECK_JSONSCHEMA = importlib.util.find_spec("check_jsonschema") is not None
needs_check_jsonschema = pytest.mark.skipif(
    not HAS_CHECK_JSONSCHEMA, reason="check-jsonschema is not installed (pip install -e '.[test]')")


def check_jsonschema(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA_FILE),
                           *map(str, files)], capture_output=True, text=True, timeout=300)


# --- descriptions ---------------------------------------------------------------------------------------------------

def _undescribed(schema: dict) -> list[str]:
    missing = []
    for name, d in [("<root>", schema)] + sorted(schema["$defs"].items()):
        if "description" not in d:
            missing.append(name)
        missing += [f"{name}.{key}" for key, s in d.get("properties", {}).items() if "description" not in s]
    for op, s in schema["properties"]["changes"]["items"]["properties"].items():
        if "description" not in s:
            missing.append(f"changes.{op}")
    return missing


def test_every_definition_and_every_field_of_the_schema_has_a_description():
    assert _undescribed(json_schema()) == []


def test_the_description_check_finds_a_field_without_one():
    schema = json_schema()
    del schema["$defs"]["Unit"]["properties"]["lead"]["description"]
    del schema["$defs"]["Zone"]["description"]
    assert _undescribed(schema) == ["Unit.lead", "Zone"]


# --- the reference: generated, current, linked --------------------------------------------------------------------

def test_docs_format_md_is_current():
    assert DOC.is_file(), "docs/format.md is missing: run `make docs`"
    assert DOC.read_text(encoding="utf-8") == reference_text(), "docs/format.md is stale: run `make docs`"


def test_schema_command_prints_the_reference_with_markdown_and_json_by_default():
    assert schema_command.run(schema_command.Options(format="md")).stdout == reference_text()
    assert schema_command.run(schema_command.Options()).stdout == SCHEMA_FILE.read_text(encoding="utf-8")


def test_cli_schema_markdown(run):
    result = run("schema", "-f", "md")
    assert result.exit_code == 0
    assert result.stdout == DOC.read_text(encoding="utf-8")
    assert run("schema").stdout.startswith("{")


def test_readme_links_the_reference():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/format.md)" in readme


def test_the_reference_documents_every_section_every_key_and_every_check_code():
    text = DOC.read_text(encoding="utf-8")
    schema = json_schema()
    for section in schema["properties"]:
        assert f'<a id="section-{section}"></a>' in text, section
    for name, d in schema["$defs"].items():
        if d.get("properties"):
            assert f'<a id="def-{name.lower()}"></a>' in text, name
            for key in d["properties"]:
                assert f"| `{key}` |" in text, f"{name}.{key}"
    for code, (severity, what) in CHECKS.items():
        assert re.search(rf"\| `{re.escape(code)}`( \*pay\*)? \| {severity} \| {re.escape(what)} \|", text), code
    # every link inside the reference leads to an anchor it has
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', text)) | {"sections", "check-codes", "worked-examples"}
    links = set(re.findall(r"\]\(#([^)]+)\)", text))
    assert links <= anchors, sorted(links - anchors)


def test_plain_types_in_the_reference():
    text = DOC.read_text(encoding="utf-8")
    assert "| `open` | true or false or whole number | `false` |" in text
    assert "| `units` | map of id → [Unit](#def-unit) |" in text.replace("[`units`](#section-units)", "`units`")
    assert "| `min` | amount | required |" in text
    assert "| `span` | number or range |" in text
    assert "map of currency code → rate" in text
    assert "map of (`hr` or `all-hands` or `public`) → [AudienceRule](#def-audiencerule)" in text


def test_every_check_code_says_how_to_tune_it():
    assert set(TUNING) == set(CHECKS)
    assert all(len(text) > 20 for text in TUNING.values())


# --- the examples of each section: one org, loaded and checked --------------------------------------------------------

VARIANT_KEYS = ("include", "org", "extends", "changes")


def _write_tour(folder: Path) -> None:
    """The section examples as one family: _catalog.yaml (the sections), base.yaml (org, include), variant.yaml."""
    sections = REFERENCE / "sections"
    catalog = [p.read_text(encoding="utf-8") for p in sorted(sections.glob("*.yaml"))
               if p.stem not in VARIANT_KEYS]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_catalog.yaml").write_text("\n".join(catalog), encoding="utf-8")
    (folder / "base.yaml").write_text((sections / "include.yaml").read_text(encoding="utf-8")
                                      + (sections / "org.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "variant.yaml").write_text((sections / "changes.yaml").read_text(encoding="utf-8"), encoding="utf-8")


def test_every_section_has_an_example_and_every_example_names_sections():
    examples = section_examples()
    sections = set(json_schema()["properties"])
    assert sections <= set(examples), f"no example for {sorted(sections - set(examples))}"
    for path in (REFERENCE / "sections").glob("*.yaml"):
        tops = {line.split(":", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()
                if line[:1].isalpha()}
        assert path.stem in tops and tops <= sections, path.name


def test_the_section_examples_load_and_check_clean(tmp_path):
    _write_tour(tmp_path / "tour")
    base, variant = steps.load([str(tmp_path / "tour")])
    assert (base.id, variant.id) == ("base", "variant")  # ids are paths inside the folder named
    found = steps.check(base)
    # the one finding is the band gap on the CSM -> Onboarding Lead move, accepted in `policies.accept`
    assert [(p.code, p.severity, p.subject) for p in found] == [("band-gap", "accepted", "p2->m1")]
    assert found[0].reason.startswith("Moving from CSM to lead onboarding")
    n = steps.org_stats(base)
    # seats: head 1 + assistant 1 + CSMs 5 + onboarding lead (co-heads) 1 + specialists 2 = 10, one CSM seat open
    assert (n.headcount, n.filled, n.vacancies) == (10, 9, 1)
    # people: 1 + 1 + 4 CSMs (2 named, 2 not) + 2 co-heads + 2 specialists = 10
    assert n.people == 10
    # filled FTE: 1 + 0.5 + 4 + (0.5 + 0.5) + 2 = 8.5; the open CSM seat 1
    assert (n.filled_fte, n.open_fte) == (8.5, 1)
    assert (n.managers, n.layers) == (2, 3)
    # the variant's changes applied in order: +cs-ops, onboarding lead gone, 6 CSMs
    ids = {p.id: p for p in variant.org.positions}
    assert "cs-ops" in ids and "onboarding-lead" not in ids
    assert ids["csms"].count == 6 and ids["onboarding-specialists"].reports_to == "head-of-cs"
    assert variant.org.roles["csm"].level == "p3" and variant.org.compensation.bands["p2"].max == 115_000
    assert variant.org.org.name == "Customer Success" and variant.org.org.variant == "Onboarding folded into CS"
    assert not [p for p in steps.check(variant) if p.severity == "error"]


# --- worked examples ----------------------------------------------------------------------------------------------

_BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)


def _write_example(text: str, folder: Path) -> list[Path]:
    """Each YAML block of a worked example as a file: `# file: name.yaml` on its first line, else org.yaml."""
    folder.mkdir(parents=True)
    written = []
    for block in _BLOCK.findall(text):
        first = block.splitlines()[0]
        name = first.split(":", 1)[1].strip() if first.startswith("# file:") else "org.yaml"
        assert not (folder / name).exists(), f"two blocks would be {name}"
        (folder / name).write_text(block, encoding="utf-8")
        written.append(folder / name)
    return written


def _load_example(name: str, tmp_path: Path) -> list:
    [example] = [e for e in worked_examples() if e.name == name]
    files = _write_example(example.text, tmp_path / "ex")
    target = files[0] if len(files) == 1 else tmp_path / "ex"
    return steps.load([str(target)])


EXAMPLES = [e.name for e in worked_examples()]


def test_there_are_worked_examples_and_each_has_a_heading():
    assert len(EXAMPLES) >= 8
    for e in worked_examples():
        assert e.text.startswith("### "), e.name
        assert _BLOCK.search(e.text), e.name


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_worked_example_loads_and_has_no_check_errors(name, tmp_path):
    for item in _load_example(name, tmp_path):
        assert not [p for p in steps.check(item) if p.severity == "error"], name


def test_co_heads_example(tmp_path):
    [item] = _load_example("01-co-heads-and-job-shares.md", tmp_path)
    n = steps.org_stats(item)
    assert n.headcount == 1 + 1 + 2  # the VP job share and the co-led tech lead are one seat each
    assert n.people == 2 + 2 + 2
    assert n.fte == (0.5 + 0.5) + (0.25 + 0.25) + 2
    assert n.managers == 2
    assert steps.check(item) == []  # the declared headcount 4 and FTE 3.5 agree


def test_vacancies_example(tmp_path):
    [item] = _load_example("03-vacancies-and-part-time.md", tmp_path)
    n = steps.org_stats(item)
    assert (n.headcount, n.filled, n.vacancies) == (1 + 6 + 2, 1 + 4 + 2, 2)
    assert n.filled_fte == pytest.approx(1 + (0.8 + 1 + 1 + 1) + 2 * 0.75)  # 6.3
    assert n.fte == pytest.approx(6.3 + 2)  # with the two open agent seats: the 8.3 the text gives
    assert n.people == 1 + 4 + 2
    assert steps.check(item) == []


def test_pay_zones_example(tmp_path):
    [item] = _load_example("04-pay-zones.md", tmp_path)
    pay = steps.org_stats(item).payroll
    # lead: 132,500 x 1.2 (New York); Bo: the band's own New York range, midpoint 130,000; Cy: 105,000 x 0.9
    assert pay.total == pytest.approx(159_000 + 130_000 + 94_500)
    assert steps.check(item) == []


def test_variants_example(tmp_path):
    base, flat = _load_example("06-variants.md", tmp_path)
    assert steps.org_stats(base).headcount == 1 + 4 + 1 + 2
    assert steps.org_stats(flat).headcount == 1 + 5 + 2 + 1
    assert steps.check(base) == []
    assert [p.code for p in steps.check(flat)] == ["declared-headcount"]
    assert {p.id: p.reports_to for p in flat.org.positions}["tier2"] == "lead"


def test_partial_files_example(tmp_path):
    [seed] = _load_example("07-partial-files.md", tmp_path)
    assert seed.org.roles["csm"].title == "CSM" and seed.org.policies.span.max == 8
    assert steps.org_stats(seed).headcount == 4


def test_tuning_example_and_the_same_org_untuned(tmp_path):
    [item] = _load_example("08-tuning-checks.md", tmp_path)
    assert steps.check(item) == []
    path = tmp_path / "ex" / "org.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("span-policy: off", "span-policy: warning"), encoding="utf-8")
    [untuned] = steps.load([str(path)])
    assert [(p.code, p.severity) for p in steps.check(untuned)] == [("span-policy", "warning")]


def test_a_rules_own_severity_counts_and_policies_checks_wins(load_org):
    org = {"org": {"name": "Ops"}, "roles": {"ops": {"title": "Ops"}, "csm": {"title": "CSM"}},
           "positions": [{"id": "csms", "role": "csm", "count": 12}, {"id": "ops", "role": "ops"}],
           # 12 CSMs at 1 per 3-4 need 3-4 ops; there is 1
           "policies": {"ratios": [{"name": "Ops per CSM", "numerator": {"roles": ["ops"]},
                                    "denominator": {"roles": ["csm"]}, "per": "3-4", "severity": "error"}]}}
    assert [(p.code, p.severity) for p in steps.check(load_org(org))] == [("ratio", "error")]
    org["policies"]["checks"] = {"ratio": "warning"}
    assert [(p.code, p.severity) for p in steps.check(load_org(org, "tuned.yaml"))] == [("ratio", "warning")]


# --- the schema accepts every file the tool accepts --------------------------------------------------------------

@needs_check_jsonschema
def test_check_jsonschema_accepts_every_yaml_file_under_orgs():
    files = sorted(ORGS.rglob("*.yaml"))
    assert any(p.name.startswith("_") for p in files)  # a partial
    assert any("extends:" in p.read_text(encoding="utf-8") for p in files)  # a variant
    result = check_jsonschema(*files)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_check_jsonschema
def test_check_jsonschema_accepts_every_example_of_the_reference(tmp_path):
    _write_tour(tmp_path / "tour")
    files = sorted((tmp_path / "tour").glob("*.yaml"))
    for e in worked_examples():
        files += _write_example(e.text, tmp_path / e.name.removesuffix(".md"))
    result = check_jsonschema(*files)
    assert result.returncode == 0, result.stdout + result.stderr


@needs_check_jsonschema
def test_check_jsonschema_still_rejects_what_the_tool_rejects(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: base.yaml\nchanges:\n  - move: {position: x}\n  - rename: x\n"
                   "positions:\n  - {id: a, colour: red}\n", encoding="utf-8")
    result = check_jsonschema(bad)
    assert result.returncode == 1
    for what in ("'to' is a required property", "'rename' was unexpected", "'colour' was unexpected"):
        assert what in result.stdout, result.stdout
