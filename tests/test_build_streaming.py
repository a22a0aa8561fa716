"""`build` streams each org's finished files into the staging folder instead of holding every file of every org
until the end (issue 13, item 4), and stays all-or-nothing: a failure or a leak found after some orgs were staged
leaves the output folder exactly as the previous build left it."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgdocs.commands import steps
from orgdocs.errors import OutputError
from orgdocs.outputs import build as build_mod
from orgdocs.outputs.build import build_loaded
from orgdocs.problems import Location
from orgdocs.scan import Leak, LeakFound, Secret

ORG = """\
org: {{name: {name}, as_of: 2026-01-01}}
roles:
  lead: {{title: {name} lead, summary: Leads., responsibilities: [Lead]}}
  eng: {{title: {name} engineer, summary: Builds., responsibilities: [Build]}}
positions:
  - {{id: lead, role: lead}}
  - {{id: eng, role: eng, reports_to: lead}}
"""


@pytest.fixture
def stub_pdfs(monkeypatch):
    monkeypatch.setattr("orgdocs.outputs.documents.html_to_pdf", lambda *a, **k: b"%PDF-1.7 stub")


@pytest.fixture
def built(tmp_path, stub_pdfs):
    src = tmp_path / "orgs"
    src.mkdir()
    for name in ("alpha", "beta"):
        (src / f"{name}.yaml").write_text(ORG.format(name=name.title()))
    out = tmp_path / "out"
    build_loaded(steps.load([str(src)]), out)
    return src, out


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def staged(out: Path) -> list[str]:
    return sorted(p.relative_to(s).as_posix() for s in out.glob(".orgdocs-staging-*") for p in s.rglob("*")
                  if p.is_file())


def changed(src: Path) -> list:
    """Both orgs changed, so every file is rendered again (none reused from the cache)."""
    for name in ("alpha", "beta"):
        path = src / f"{name}.yaml"
        path.write_text(path.read_text().replace("Builds.", "Builds more."))
    return steps.load([str(src)])


def test_each_org_is_staged_before_the_next_is_made(built, monkeypatch):
    src, out = built
    seen: dict[str, list[str]] = {}
    real = build_mod.build_outputs

    def spy(item, *args, **kw):
        seen[item.id] = staged(out)  # what is already on disk, in the staging folder, when this org starts
        return real(item, *args, **kw)
    monkeypatch.setattr(build_mod, "build_outputs", spy)
    build_loaded(changed(src), out)
    assert seen["alpha"] == []
    # alpha's changed files are on disk already (unchanged ones, like the stub PDFs, are never staged)
    assert "all-hands/alpha/roles/eng.html" in seen["beta"] and "all-hands/alpha/index.html" in seen["beta"]
    assert not any(n.startswith("all-hands/beta/") for n in seen["beta"])
    assert staged(out) == []  # swapped in and gone


def test_a_failure_after_an_org_was_staged_leaves_the_folder_as_it_was(built, monkeypatch):
    src, out = built
    before = snapshot(out)
    real = build_mod.build_outputs
    at_failure: list[str] = []

    def failing(item, *args, **kw):
        if item.id == "beta":
            at_failure.extend(staged(out))
            raise OutputError("disk full (simulated)")
        return real(item, *args, **kw)
    monkeypatch.setattr(build_mod, "build_outputs", failing)
    with pytest.raises(OutputError):
        build_loaded(changed(src), out)
    assert "all-hands/alpha/roles/eng.html" in at_failure  # alpha's new files were staged, not swapped in
    assert snapshot(out) == before  # same files, bytes, times and inodes
    assert staged(out) == []


def test_a_leak_in_a_later_org_swaps_nothing_in(built, monkeypatch):
    src, out = built
    before = snapshot(out)
    real = build_mod.find_leaks

    def leaking(files, secrets):
        found = real(files, secrets)
        beta = [name for name, _ in files if name.startswith("all-hands/beta/")]
        if beta:  # as if beta's first file showed a band maximum
            found.append(Leak(beta[0], Secret("the maximum of pay band b1", Location("beta.yaml", 3, 5), 79000)))
        return found
    monkeypatch.setattr(build_mod, "find_leaks", leaking)
    with pytest.raises(LeakFound) as caught:
        build_loaded(changed(src), out)
    assert [leak.file for leak in caught.value.leaks] == ["all-hands/beta/chart.svg"]
    assert snapshot(out) == before
    assert staged(out) == []

