"""`orgdocs init`: a starter org for each company stage that checks clean, with its schema beside it; never into a
folder that holds anything."""

from __future__ import annotations

import json

import pytest
from conftest import invoke_cli

STAGES = ("seed", "series-a", "series-b", "series-c")


def init(tmp_path, *args, name="org"):
    folder = tmp_path / name
    result = invoke_cli("init", folder, *args)
    assert result.exit_code == 0, result.output
    return folder


@pytest.mark.parametrize("stage", STAGES)
def test_every_stage_checks_clean(tmp_path, stage):
    folder = init(tmp_path, "--stage", stage)
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "org.schema.json", "org.yaml"]
    result = invoke_cli("check", folder, "-f", "json", "--strict")
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.stdout)
    assert (report["errors"], report["warnings"], report["findings"]) == (0, 0, [])
    # the one accepted finding: the head's role is on no ladder (Series B has a director at the top instead)
    assert [(a["code"], a["subject"]) for a in report["accepted"]] == (
        [] if stage == "series-b" else [("role-no-ladder", "head")])


# seats by hand: seed 1 founder + 1 open = 2; series-a 1 + 3 (1 open) = 4; series-b 1 + 3 + 3 (1 open) + 2 + 1 = 10,
# the director's span 3+3+2+1 = 9; series-c 1 + 3 managers + 7 + 6 (1 open) + 5 + 3 operations = 25, the widest
# span the 7 of team A (the head's is 3 managers + 3 operations = 6)
@pytest.mark.parametrize("stage, seats, layers, widest", [
    ("seed", 2, 2, 1), ("series-a", 4, 2, 3), ("series-b", 10, 2, 9), ("series-c", 25, 3, 7)])
def test_stage_structures_by_hand(tmp_path, stage, seats, layers, widest):
    folder = init(tmp_path, "--stage", stage)
    [numbers] = json.loads(invoke_cli("stats", folder, "-f", "json").stdout)
    assert (numbers["headcount"], numbers["vacancies"], numbers["layers"], numbers["span"]["max"]) == (
        seats, 1, layers, widest)


def test_the_modeline_names_the_schema_beside_it(tmp_path):
    folder = init(tmp_path)
    first = (folder / "org.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=org.schema.json"
    assert (folder / "org.schema.json").read_text(encoding="utf-8") == invoke_cli("schema").stdout
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "orgdocs check" in readme and "compensation.bands" in readme


def test_name_is_written_literally(tmp_path):
    name = 'R&D "Core": #1, {ops} \\ ünïcode 👩\u200d💻'
    folder = init(tmp_path, "--name", name, "--stage", "series-c")
    result = invoke_cli("export", folder, "-f", "jsonld")
    graph = json.loads(result.stdout)["@graph"]
    assert graph[0]["skos:prefLabel"] == name
    assert any(n.get("skos:prefLabel") == f"Head of {name}" for n in graph)


def test_name_defaults_to_the_folder_and_control_characters_are_refused(tmp_path):
    folder = init(tmp_path, name="acme-support")
    assert '  name: "acme-support"' in (folder / "org.yaml").read_text(encoding="utf-8")
    result = invoke_cli("init", tmp_path / "x", "--name", "bad\x1bname")
    assert result.exit_code == 2 and not (tmp_path / "x").exists()


def test_the_commented_bands_are_valid_once_uncommented(tmp_path):
    folder = init(tmp_path, "--stage", "series-c")
    text = (folder / "org.yaml").read_text(encoding="utf-8")
    text = text.replace("# compensation:", "compensation:").replace("\n#   ", "\n  ")
    text = text.replace("  checks:\n    role-no-band: off        # until the bands above are filled in\n", "")
    (folder / "org.yaml").write_text(text, encoding="utf-8")
    result = invoke_cli("check", folder, "-f", "json", "--strict", "--audience", "hr")
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.stdout)
    assert (report["errors"], report["warnings"], report["findings"]) == (0, 0, [])
    [numbers] = json.loads(invoke_cli("stats", folder, "-f", "json", "--audience", "hr").stdout)
    assert numbers["payroll"]["base"] > 0


def test_refuses_a_folder_that_holds_anything(tmp_path):
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = invoke_cli("init", folder)
    assert result.exit_code == 3 and "is not empty" in result.output
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    afile = tmp_path / "file"
    afile.write_text("x", encoding="utf-8")
    result = invoke_cli("init", afile)
    assert result.exit_code == 3 and afile.read_text(encoding="utf-8") == "x"


def test_an_empty_folder_is_fine(tmp_path):
    (tmp_path / "empty").mkdir()
    assert (init(tmp_path, name="empty") / "org.yaml").is_file()
