"""Audiences as data: the `audiences:` section, one tree per audience with its redaction manifest, a template that
leaks is caught by build's scan (exit 5, nothing written), and `verify` scans a written tree again."""

from __future__ import annotations

import json
import re

import pytest
from conftest import invoke_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgdocs.commands import steps
from orgdocs.views.audience import audience_rules

pytestmark = [pytest.mark.e2e, pytest.mark.graphviz]

ORG = {"org": {"name": "Acme"},
       "levels": {"l1": {"name": "L1", "rank": 1}},
       "roles": {"head": {"title": "Head", "level": "l1"}, "agent": {"title": "Agent", "level": "l1"}},
       "compensation": {"bands": {"l1": {"min": "61K", "max": "87K"}}},
       "positions": [{"id": "head", "role": "head", "holders": ["Ann Okafor"]},
                     {"id": "agents", "role": "agent", "reports_to": "head", "count": 3}]}


@pytest.fixture(autouse=True)
def no_pdfs(monkeypatch):
    """PDFs are WeasyPrint's time and carry the same text as the HTML beside them: stubbed."""
    monkeypatch.setattr("orgdocs.outputs.documents.html_to_pdf", lambda *a, **k: b"%PDF-1.7 stub")
    monkeypatch.setattr("orgdocs.render.comparison.html_to_pdf", lambda *a, **k: b"%PDF-1.7 stub")


def files_under(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) if folder.exists() else []


def test_audiences_section_is_validated_with_locations(write_org):
    org = write_org("org: {name: A}\nroles: {a: {title: A}}\npositions: [{id: a, role: a}]\n"
                    "audiences:\n  all-hands: {sees: [names, salary]}\n  board: {sees: []}\n")
    result = invoke_cli("check", org)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{org}:5:") and "'salary'" in result.stderr
    assert f"\n{org}:6:3: " in result.stderr and "'board'" in result.stderr


def test_audience_rules_are_built_in_or_the_orgs_own(write_org):
    item = steps.load([str(write_org(dict(ORG, audiences={"all-hands": {"sees": ["names", "budgets"]}})))])[0]
    assert audience_rules(item.org, "all-hands").sees == {"names", "budgets"}
    assert audience_rules(item.org, "hr").sees == {"pay", "names", "budgets", "assessments"}
    assert audience_rules(item.org, "public").sees == frozenset()
    with pytest.raises(ValueError):
        audience_rules(item.org, "board")


def test_each_tree_shows_what_its_audience_may_see_and_verify_agrees(write_org, tmp_path):
    org = write_org(ORG, "acme.yaml")
    out = tmp_path / "out"
    result = invoke_cli("build", org, "--audience", "all", "--out-dir", out, "-j", "1", "-q")
    assert result.exit_code == 0, result.output
    for audience in ("all-hands", "hr", "public"):
        tree = out / audience
        text = "\n".join(p.read_text(errors="replace") for p in tree.rglob("*") if p.is_file())
        assert ("87,000" in text or "87K" in text) == (audience == "hr"), audience
        assert ("Ann Okafor" in text) == (audience != "public"), audience
        manifest = json.loads((tree / "redaction-manifest.json").read_text())
        assert manifest["audience"] == audience and manifest["scan"] == "clean"
        listed = [e["file"] for e in manifest["files"]]
        assert listed == sorted(listed) == [f for f in files_under(tree)
                                            if (tree / f).is_file() and f != "redaction-manifest.json"]
        assert ("pay" in manifest["withheld"]["acme"]) == (audience != "hr")
        assert ("names" in manifest["withheld"]["acme"]) == (audience == "public")
        check = invoke_cli("verify", tree, org)
        assert check.exit_code == 0, check.output
    # a file copied from the hr tree into the public one: verify names the file and the class, exit 5
    (out / "public" / "acme" / "bands.html").write_bytes((out / "hr" / "acme" / "bands.html").read_bytes())
    check = invoke_cli("verify", out / "public", org)
    assert check.exit_code == 5
    assert "public/acme/bands.html: shows the maximum of pay band l1" in check.stderr and "[pay]" in check.stderr
    # which value, never the value itself (the temporary folder's name may hold "87": pytest-287)
    assert "87" not in check.stderr.replace(str(tmp_path), "")
    assert check.stderr.rstrip().endswith("this tree is not safe to publish as it is.")
    assert "nothing was written" not in check.stderr  # verify writes nothing anyway; it says what it found
    assert invoke_cli("verify", tmp_path, org).exit_code == 2  # no manifest there


def test_a_template_that_prints_a_band_maximum_fails_the_build_and_writes_nothing(write_org, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "role.html.j2").write_text('{% extends "builtin/role.html.j2" %}'
                                            '{% block content %}Pays up to $87,000{% endblock %}')
    out = tmp_path / "out"
    org = write_org(ORG, "acme.yaml")
    result = invoke_cli("build", org, "--templates", templates, "--out-dir", out, "-j", "1", "-q")
    assert result.exit_code == 5, result.output
    assert "all-hands/acme/roles/head.html: shows the maximum of pay band l1" in result.stderr
    assert "[pay]" in result.stderr and "nothing was written" in result.stderr
    assert files_under(out) == []


def test_no_built_file_holds_an_absolute_path(write_org, tmp_path):
    from PIL import Image

    Image.new("RGB", (40, 20), "red").save(tmp_path / "logo.png")  # the one file an org names: its logo
    org = write_org(dict(ORG, org={"name": "Acme", "brand": {"logo": "logo.png"}},
                         sections=[{"title": "Notes", "text": "See the handbook."}]), "acme.yaml")
    out = tmp_path / "out"
    result = invoke_cli("build", org.resolve(), "--audience", "all", "--out-dir", out.resolve(), "-j", "1", "-q")
    assert result.exit_code == 0, result.output
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for folder in (str(tmp_path.resolve()), str(out.resolve())):
                assert folder.encode() not in data, (path, folder)


TEXT_SUFFIXES = {".html", ".svg", ".json", ".csv", ".txt", ".md"}


def _forms(amount: float) -> set[str]:
    """How a document could write an amount, searched for independently of orgdocs' own scan."""
    whole = round(amount)
    forms = {str(whole), f"{whole:,}", f"{whole:,}".replace(",", " "), f"{whole:,}".replace(",", ".")}
    if whole % 1000 == 0:
        forms |= {f"{whole // 1000}K", f"{whole // 1000}k"}
    return forms


def _shows(tree, amount: float) -> list[str]:
    hits = []
    for path in tree.rglob("*"):
        if path.is_file() and path.suffix in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8", errors="replace")
            hits += [f"{path.relative_to(tree)}: {form}" for form in _forms(amount)
                     if re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", text)]
    return hits


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(low=st.integers(40, 150).map(lambda k: k * 1000 + 500), spread=st.integers(10, 60),
       factor=st.sampled_from([1.1, 1.25, 1.4]), salary_step=st.integers(0, 9))
def test_generated_pay_never_reaches_all_hands_or_public(tmp_path_factory, low, spread, factor, salary_step):
    """Random bands, a zone and a salary: the hr tree shows them, the all-hands and public trees show none of
    them in any form (searched here without orgdocs' scan, which would also have stopped the build)."""
    high = low + spread * 1000
    salary = low + (high - low) * salary_step // 10
    org = {"org": {"name": "Gen"}, "levels": {"l1": {"name": "L1", "rank": 1}},
           "roles": {"head": {"title": "Head", "level": "l1"}, "agent": {"title": "Agent", "level": "l1"}},
           "compensation": {"zones": {"z": {"name": "Zone Z", "factor": factor}},
                            "bands": {"l1": {"min": low, "max": high}}},
           "positions": [{"id": "head", "role": "head", "holders": [{"name": "Ann Okafor", "salary": salary}]},
                         {"id": "agents", "role": "agent", "reports_to": "head", "count": 2,
                          "zone": "z"}]}
    folder = tmp_path_factory.mktemp("gen")
    path = folder / "gen.yaml"
    path.write_text(json.dumps(org), encoding="utf-8")
    out = folder / "out"
    result = invoke_cli("build", path, "--audience", "all", "--out-dir", out, "-j", "1", "-q")
    assert result.exit_code == 0, result.output
    secrets = [low, high, (low + high) / 2, salary, low * factor, high * factor]
    assert _shows(out / "hr", high), "the hr tree must show the band (else this test could not fail)"
    for audience in ("all-hands", "public"):
        leaks = [hit for amount in secrets for hit in _shows(out / audience, amount)]
        assert not leaks, leaks
