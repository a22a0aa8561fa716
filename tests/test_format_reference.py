"""The format reference (docs/format.md) and the shipped JSON Schema: every definition and field described, the
reference generated and current, every hand-written example loaded through the real loader and checked (its
figures worked out by hand), and the schema accepting every file the tool accepts (check-jsonschema over orgs/)."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ORGS, ROOT, invoke_cli

from orgdocs.commands import schema as schema_command
from orgdocs.commands import steps
from orgdocs.model.check_codes import CHECKS
from orgdocs.problems import OrgInputError
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


# --- worked examples of issue 11: workforce, accepted findings, open ranges, competencies, units, levels ------------

_TEXT = re.compile(r"```text\n(.*?)```", re.S)


def _printed(name: str) -> list[list[str]]:
    """The output a worked example shows (its ```text blocks), each as lines; `...` stands for lines left out."""
    [example] = [e for e in worked_examples() if e.name == name]
    return [block.splitlines() for block in _TEXT.findall(example.text)]


def _shown_in(block: list[str], output: str) -> None:
    """Every line the example shows is in the output, in the same order."""
    lines = output.splitlines()
    at = 0
    for line in block:
        if line == "...":
            continue
        assert line in lines[at:], f"{line!r} not printed (in order) in:\n{output}"
        at = lines.index(line, at) + 1


def test_contractors_vendors_and_interns_example(tmp_path):
    [item] = _load_example("09-contractors-vendors-interns.md", tmp_path)
    n = steps.org_stats(item)
    # headcount_includes [employee, intern]: lead 1 + engineers 5 + analyst 1 + intern 1 = 8 seats, all filled
    assert (n.headcount, n.filled, n.people) == (1 + 5 + 1 + 1, 8, 8)
    assert n.fte == 1 + 5 + 0.5 + 1 == 7.5
    rows = {w.key: (w.seats, w.people, w.fte, w.in_headcount, w.on_payroll) for w in n.by_workforce}
    assert rows == {
        "employee": (1 + 5 + 1, 7, 1 + 5 + 0.5, True, True),
        "contractor": (2, 2, 2, False, False),
        "vendor": (6, 6, 6, False, False),  # the team's size, counted apart
        "intern": (1, 1, 1, True, True),
    }
    # payroll: lead 170,000 + 5 × 120,000 + analyst 0.5 × 120,000 + intern 40,000 = 870,000; the contractors
    # (2 × 120,000 at their band) and the vendor team are not priced
    assert n.payroll.base == 170_000 + 600_000 + 60_000 + 40_000 == 870_000
    lead = {m.id: m for m in n.span.managers}["lead"]
    assert lead.direct_reports == 5 + 1 + 2 + 1  # engineers, analyst, contractors, intern: not the vendor's 6
    assert (n.managers, n.layers) == (1, 2)
    assert steps.check(item) == []  # declared 8 and 7.5 agree; the vendor team's role needs no band
    from orgdocs.chart.options import ChartOptions
    from orgdocs.chart.scene import build_scene

    dotted = set(build_scene(item.analysis, ChartOptions()).dotted)
    assert {("labelling", "engineers", "Sends labelled batches"),  # written `from:` on the engineers
            ("ext-labelco", "lead", "Quarterly contract review")} <= dotted


def test_contractors_example_without_headcount_includes_and_with_the_vendor_on_payroll(tmp_path):
    [item] = _load_example("09-contractors-vendors-interns.md", tmp_path)
    path = tmp_path / "ex" / "org.yaml"
    text = path.read_text(encoding="utf-8")
    narrow = tmp_path / "narrow.yaml"
    narrow.write_text(re.sub(r"  headcount_includes: .*\n", "", text), encoding="utf-8")
    n = steps.org_stats(steps.load_one(str(narrow)))
    assert (n.headcount, n.fte) == (7, 6.5)  # the text's "7 employee seats and FTE 6.5"
    # the labelling team as employees: 6 more seats in headcount, and its role now needs a band
    employed = tmp_path / "employed.yaml"
    employed.write_text(text.replace("    workforce: vendor\n", ""), encoding="utf-8")
    found = steps.check(steps.load_one(str(employed)))
    assert [(p.code, p.subject) for p in found if p.code == "role-no-band"] == [("role-no-band", "labeller")]
    assert steps.org_stats(steps.load_one(str(employed))).headcount == 8 + 6


def test_accepted_findings_example(tmp_path, monkeypatch):
    [item] = _load_example("10-accepted-findings.md", tmp_path)
    [found] = steps.check(item)
    # IC4 max 200,000 > M1 midpoint (160,000 + 220,000) / 2 = 190,000, on the staff -> em transition
    assert (found.code, found.severity, found.subject) == ("band-overlap", "accepted", "ic4->m1")
    assert found.reason == "Staff engineers may out-earn new managers."
    monkeypatch.chdir(tmp_path / "ex")
    result = invoke_cli("check", "--audience", "hr", "--strict", "org.yaml")
    assert result.exit_code == 0
    [printed] = _printed("10-accepted-findings.md")
    assert result.stdout.splitlines() == printed  # exactly what the example shows
    # how to find the subject: without the entry, `check -f json` gives it, and --strict fails on the warning
    Path("org.yaml").write_text(re.sub(r"policies:\n(  .*\n)+", "", Path("org.yaml").read_text(encoding="utf-8")),
                                encoding="utf-8")
    result = invoke_cli("check", "--audience", "hr", "--strict", "-f", "json", "org.yaml")
    assert result.exit_code == 1
    [report] = json.loads(result.stdout)
    assert [(f["code"], f["severity"], f["subject"]) for f in report["findings"]] == [
        ("band-overlap", "warning", "ic4->m1")]


def test_open_ended_ranges_example(tmp_path, monkeypatch):
    [item] = _load_example("11-open-ended-ranges.md", tmp_path)
    assert steps.check(item) == []  # the span 6 is within 4+; 1 manager for 6 CSMs fits 1 per 4-8
    declared = item.org.org.declared
    assert (str(declared.customers), declared.customers.max, str(declared.span)) == ("500+", None, "4+")
    senior = item.org.ladders["csm"].steps[1]
    assert (senior.months_to_next.min, senior.months_to_next.max) == (36, None)
    [move] = item.org.ladders["csm"].transitions
    assert str(move.months) == "24+"  # written {min: 24}
    from orgdocs.views import ladders as ladder_views

    [csm, _] = ladder_views.ladders(item.analysis)
    assert [s["months_to_next"] for s in csm["steps"]] == ["18–24 months", "36+ months", ""]
    assert [t["months"] for t in csm["transitions"]] == ["24+ months"]
    n = steps.org_stats(item)
    assert n.span.managers[0].direct_reports == 2 + 4
    monkeypatch.chdir(tmp_path / "ex")
    text = invoke_cli("stats", "org.yaml").stdout.splitlines()
    assert [line.split() for line in text if line.startswith(("Span", "Customers"))] == [
        ["Span", "(median", "/", "max)", "6", "/", "6", "declared", "4+"], ["Customers", "(declared)", "500+"]]
    # the ratio written open is an input error at its place, exactly as the example shows
    Path("org.yaml").write_text(Path("org.yaml").read_text(encoding="utf-8").replace("per: 4-8", "per: 4+"),
                                encoding="utf-8")
    result = invoke_cli("check", "org.yaml")
    assert result.exit_code == 2
    [printed] = _printed("11-open-ended-ranges.md")
    _shown_in(printed, result.output)
    assert "nothing was written" in result.output


def test_shared_competencies_example(tmp_path, monkeypatch):
    [item] = _load_example("12-shared-competencies.md", tmp_path)
    assert steps.check(item) == []
    from orgdocs.views import ladders as ladder_views

    ic, management = ladder_views.ladders(item.analysis)
    # one column per step: Software Engineer (ic2), Senior Engineer (ic3 / role senior)
    assert {c["name"]: c["expectations"] for c in ic["competencies"]} == {
        "Delivery": ["Delivers own tasks", "Leads a project"],  # by level: ic2, ic3
        "Communication": ["", "Writes the design doc"],  # by role: senior; none for eng
    }
    assert {c["name"]: c["expectations"] for c in management["competencies"]} == {
        "Delivery": ["Makes the team deliver"], "Communication": ["Speaks for the team"],
        "People leadership": ["Grows engineers"]}
    assert [c["description"] for c in management["competencies"]][:2] == [
        "Ships what was agreed, predictably.", "Writes and speaks so that decisions get made."]
    monkeypatch.chdir(tmp_path / "ex")
    text = Path("org.yaml").read_text(encoding="utf-8")
    Path("org.yaml").write_text(text.replace("[delivery, communication]", "[delivery, comunication]"),
                                encoding="utf-8")
    result = invoke_cli("check", "org.yaml")
    assert result.exit_code == 2
    [printed] = _printed("12-shared-competencies.md")
    _shown_in(printed, result.output)


def test_unit_tree_and_unit_changes_example(tmp_path, monkeypatch):
    base, moved = _load_example("13-unit-tree-and-unit-changes.md", tmp_path)
    assert (base.id, moved.id) == ("base", "storage-in-apps")
    assert steps.check(base) == [] and steps.check(moved) == []
    n = steps.org_stats(base)
    rows = {u.key: u for u in n.unit_tree}
    # Compute: EM 1 + 6 engineers (1 open); Storage: EM 1 + 3 engineers, FTE 1 + 0.5 + 2 = 3.5
    assert (rows["compute"].own.headcount, rows["compute"].own.open) == (1 + 6, 1)
    assert (rows["storage"].own.headcount, rows["storage"].own.fte) == (1 + 3, 3.5)
    # Infrastructure: its director alone, 1 + 7 + 4 = 12 in all, FTE 1 + 7 + 3.5 = 11.5
    assert (rows["infra"].own.headcount, rows["infra"].total.headcount, rows["infra"].total.fte) == (1, 12, 11.5)
    # Engineering: the CTO, 1 + 12 + Apps (1 + 4) = 18 in all, FTE 1 + 11.5 + 5 = 17.5
    assert (rows["eng"].own.headcount, rows["eng"].total.headcount, rows["eng"].total.fte) == (1, 18, 17.5)
    d = {r.id: r for r in n.reports}["infra-director"]
    assert (d.direct_reports, d.total_reports) == (2, 1 + 6 + 1 + 3)
    after = {u.key: u for u in steps.org_stats(moved).unit_tree}
    assert (after["infra"].total.headcount, after["infra"].total.fte) == (12 - 4, 11.5 - 3.5)
    assert (after["apps"].total.headcount, after["apps"].total.fte) == (5 + 4, 5 + 3.5)
    assert after["eng"].total.headcount == 18 and moved.org.units["apps"].name == "Applications"
    monkeypatch.chdir(tmp_path / "ex")
    stats_block, compare_block = _printed("13-unit-tree-and-unit-changes.md")
    _shown_in(stats_block, invoke_cli("stats", "base.yaml").stdout)
    result = invoke_cli("compare", ".")
    assert result.exit_code == 0
    _shown_in(compare_block, result.stdout)


def test_group_at_several_levels_example(tmp_path):
    [item] = _load_example("14-group-at-several-levels.md", tmp_path)
    assert steps.check(item) == []
    n = steps.org_stats(item)
    # 2 × 105,000 + 3 × 135,000 + 1 × 170,000 = 785,000 for the group; + the manager's 190,000 = 975,000
    assert n.payroll.base == 2 * 105_000 + 3 * 135_000 + 170_000 + 190_000 == 975_000
    assert {g.label: g.headcount for g in n.by_level} == {"Engineer": 2, "Senior": 3, "Staff": 1, "Manager": 1}
    from orgdocs.chart.options import ChartOptions
    from orgdocs.chart.scene import build_scene

    box = build_scene(item.analysis, ChartOptions()).boxes["swe"]
    assert (box.title, box.badge) == ("Software Engineer (IC2–IC4)", "×6")
    path = tmp_path / "ex" / "org.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("ic4: 1}", "ic4: 2}"), encoding="utf-8")
    with pytest.raises(OrgInputError) as caught:
        steps.load([str(path)])
    assert "seats per level add up to 2 + 3 + 2 = 7, not the position's 6 seats" in str(caught.value)
