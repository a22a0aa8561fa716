"""Incremental builds (issue 13): `build` reuses what the previous build made from the same inputs, keyed by
content, and rewrites no file whose bytes are unchanged. Every test starts from a copy of one cold build of a
small family (two orgs sharing a catalog, so a comparison too) and checks which files were rendered, which were
written, and that the tree equals a cold build of the same sources byte for byte."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from conftest import invoke_cli

from orgdocs.commands import steps
from orgdocs.errors import OutputError
from orgdocs.outputs import build as build_mod
from orgdocs.outputs import cache as cache_mod
from orgdocs.outputs.build import Counts, build_loaded
from orgdocs.scan import LeakFound
from orgdocs.write import MANIFEST

CATALOG = """\
roles:
  lead:
    title: Team Lead
    summary: Leads the team.
    responsibilities: [Hire well, Set direction]
  engineer:
    title: Engineer
    summary: Builds the product.
    responsibilities: [Write code, Review code]
  analyst:
    title: Analyst
    summary: Reads the numbers.
    responsibilities: [Build reports]
"""

SMALL = """\
include: [_catalog.yaml]
org: {name: Small team, as_of: 2026-01-01}
positions:
  - {id: lead, role: lead, holders: [{name: Ada Lovelace}]}
  - {id: eng, role: engineer, reports_to: lead, holders: [{name: Grace Hopper}]}
"""

LARGE = """\
include: [_catalog.yaml]
org: {name: Large team, as_of: 2026-01-01}
positions:
  - {id: lead, role: lead, holders: [{name: Ada Lovelace}]}
  - {id: eng, role: engineer, reports_to: lead, count: 2}
  - {id: analyst, role: analyst, reports_to: lead, holders: [{name: Alan Turing}]}
"""


def write_sources(folder: Path) -> Path:
    fam = folder / "fam"
    fam.mkdir(parents=True)
    (fam / "_catalog.yaml").write_text(CATALOG)
    (fam / "small.yaml").write_text(SMALL)
    (fam / "large.yaml").write_text(LARGE)
    return fam


def build(src: Path, out: Path, audience: str = "all-hands", templates: Path | None = None) -> Counts:
    counts = Counts()
    items = steps.load([str(src.parent)])  # the folder above the family: orgs fam/small and fam/large
    build_loaded(items, out, audiences=("all-hands", "hr", "public") if audience == "all" else (audience,),
                 templates=templates, counts=counts)
    return counts


def files(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file below folder: its bytes, modification time (ns) and inode."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def rendered_groups(monkeypatch) -> list[str]:
    """The names of the files each build renders (rather than reuses), as they are rendered."""
    seen: list[str] = []
    store = cache_mod.BuildCache.store

    def spy(self, group, key, made, meta=None):
        seen.extend(f.name for f in made)
        store(self, group, key, made, meta)
    monkeypatch.setattr(cache_mod.BuildCache, "store", spy)
    return seen


@pytest.fixture(scope="module")
def cold(tmp_path_factory):
    base = tmp_path_factory.mktemp("cold")
    src = write_sources(base / "src")
    counts = build(src, base / "out")
    return src, base / "out", counts


@pytest.fixture
def copy(cold, tmp_path):
    """A fresh copy of the sources and of the cold build's tree (modification times kept)."""
    src, out, _ = cold
    shutil.copytree(src, tmp_path / "src" / "fam")
    shutil.copytree(out, tmp_path / "out", copy_function=shutil.copy2)
    return tmp_path / "src" / "fam", tmp_path / "out"


def cold_bytes(src: Path, tmp_path: Path, **kw) -> dict[str, bytes]:
    """What a cold build of src writes (no cache), for comparison."""
    out = tmp_path / "cold-again"
    build(src, out, **kw)
    return {name: data for name, (data, _, _) in files(out).items()}


def test_cold_build_renders_everything_and_keeps_an_index(cold):
    _, out, counts = cold
    tree = files(out)
    index = json.loads(tree[cache_mod.INDEX][0])
    listed = [name for entry in index["groups"].values() for name, _ in entry["files"]]
    # every file but the folder's own manifest and the cache index is in exactly one group
    assert sorted(listed) == sorted(n for n in tree if n not in (MANIFEST, cache_mod.INDEX))
    assert counts.rendered == counts.written == len(listed) and counts.reused == 0
    assert "all-hands/fam/small/roles/engineer.pdf" in listed and "all-hands/fam/compare.pdf" in listed
    assert cache_mod.INDEX in (out / MANIFEST).read_text().splitlines()  # pruned with the outputs


def test_unchanged_rebuild_renders_nothing_and_rewrites_no_file(copy, monkeypatch):
    src, out = copy
    before = files(out)
    rendered = rendered_groups(monkeypatch)
    counts = build(src, out)
    assert rendered == [] and counts.rendered == 0 and counts.written == 0
    assert counts.reused == len(before) - 2  # all but .orgdocs-files and the cache index
    assert files(out) == before  # bytes, modification times and inode numbers


def test_unchanged_rebuild_through_the_cli_says_so(copy, monkeypatch):
    src, out = copy
    before = files(out)
    result = invoke_cli("build", src.parent, "--out-dir", out, "-j", "1")
    assert result.exit_code == 0, result.output
    assert f"{len(before) - 2} files: 0 rendered, {len(before) - 2} reused, 0 written → {out}" in result.output
    assert files(out) == before


def test_one_role_text_change_renders_only_that_role_and_what_includes_it(copy, monkeypatch, tmp_path):
    src, out = copy
    before = files(out)
    catalog = src / "_catalog.yaml"
    catalog.write_text(catalog.read_text().replace("[Build reports]", "[Build reports, Explain them]"))
    rendered = rendered_groups(monkeypatch)
    counts = build(src, out)
    # the analyst role is in the catalog both orgs include: its page and PDF in each, each org's handbook; each
    # org's overview page is keyed on the whole org (cheap HTML, made again); its numbers are not
    expected = {f"all-hands/fam/{org}/{name}" for org in ("small", "large") for name in
                ["roles/analyst.html", "roles/analyst.pdf", "role-handbook.pdf", "index.html"]}
    # the comparison shows the orgs whole (conservatively keyed on both): made again; so is the site index
    expected |= {f"all-hands/fam/compare.{fmt}" for fmt in ("pdf", "html", "md", "json")}
    expected |= {"all-hands/index.html"}
    expected |= {"all-hands/search-index.js"}  # the search finds responsibilities (issue 14)
    assert set(rendered) == expected and len(rendered) == len(expected)
    assert counts.rendered == len(expected) and counts.reused == len(before) - 2 - len(expected)
    after = files(out)
    changed = {n for n in after if after[n][0] != before[n][0]}
    untouched = {n for n in after if after[n][1:] == before[n][1:]}
    assert {"all-hands/fam/small/roles/analyst.html", "all-hands/fam/large/role-handbook.pdf"} <= changed
    assert changed | untouched == set(after) and not changed & untouched  # only changed files were rewritten
    assert counts.written == len(changed - {cache_mod.INDEX, MANIFEST})
    assert "all-hands/fam/small/chart.svg" in untouched  # the chart does not show responsibilities
    assert {n: d for n, (d, _, _) in after.items() if n != cache_mod.INDEX} == \
        {n: d for n, d in cold_bytes(src, tmp_path).items() if n != cache_mod.INDEX}


def test_a_summary_shown_in_the_chart_renders_the_chart_again(copy, monkeypatch):
    src, out = copy
    catalog = src / "_catalog.yaml"
    catalog.write_text(catalog.read_text().replace("Reads the numbers.", "Reads and explains the numbers."))
    rendered = rendered_groups(monkeypatch)
    build(src, out)
    charts = {n for n in rendered if "/chart." in n}
    # only the large org has an analyst position; the small org's chart does not show the role
    assert charts == {"all-hands/fam/large/chart.svg", "all-hands/fam/large/chart.png",
                      "all-hands/fam/large/chart.pdf", "all-hands/fam/large/chart.html",  # chart.html: issue 14
                      "all-hands/fam/large/chart.pptx"}  # the deck: issue 15


def test_a_template_change_renders_again_what_it_draws(copy, monkeypatch, tmp_path):
    src, out = copy
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "role.html.j2").write_text('{% extends "builtin/role.html.j2" %}')
    first = build(src, out, templates=templates)
    assert first.reused == 0  # another templates folder: nothing reused
    before = files(out)
    (templates / "role.html.j2").write_text('{% extends "builtin/role.html.j2" %}{# edited #}')
    rendered = rendered_groups(monkeypatch)
    build(src, out, templates=templates)
    assert len(rendered) == len(before) - 2  # a template folder's change may touch any page: all again
    after = files(out)
    assert {n for n in after if after[n] != before[n]} == {cache_mod.INDEX}  # same bytes: nothing rewritten
    again = build(src, out, templates=templates)
    assert again.rendered == 0 and again.written == 0


def test_another_audience_reuses_the_trees_it_shares(copy, monkeypatch):
    src, out = copy
    before = files(out)
    rendered = rendered_groups(monkeypatch)
    counts = build(src, out, audience="all")
    assert rendered and all(n.startswith(("hr/", "public/")) for n in rendered)
    shared = [n for n in before if n.startswith("all-hands/")]
    assert counts.reused == len(shared)
    after = files(out)
    assert all(after[n] == before[n] for n in shared)
    rendered.clear()
    counts = build(src, out, audience="hr")  # the other trees are pruned, hr's is reused whole
    assert rendered == [] and counts.written == 0
    assert not (out / "all-hands").exists() and (out / "hr" / "fam" / "small" / "role-handbook.pdf").is_file()


def test_a_chart_option_change_renders_only_the_charts(copy, monkeypatch):
    src, out = copy
    monkeypatch.setattr(build_mod, "PRINT_PAGE", "A4")
    rendered = rendered_groups(monkeypatch)
    build(src, out)
    assert set(rendered) == {f"all-hands/fam/{org}/chart.{fmt}" for org in ("small", "large")
                             for fmt in ("svg", "png", "pdf", "pptx")}  # pptx: the deck, with the charts (issue 15)


@pytest.mark.parametrize("what", ["graphviz_version", "orgdocs_version"])
def test_a_tool_or_orgdocs_version_change_renders_everything(copy, monkeypatch, what):
    src, out = copy
    before = files(out)
    monkeypatch.setattr(cache_mod, what, lambda: "99.0 (not this one)")
    rendered = rendered_groups(monkeypatch)
    counts = build(src, out)
    assert len(rendered) == counts.rendered == len(before) - 2 and counts.reused == 0
    assert counts.written == 0  # same bytes: the files keep their times; only the cache index is new
    after = files(out)
    assert {n for n in after if after[n] != before[n]} == {cache_mod.INDEX}


def test_a_tampered_or_deleted_output_is_rendered_again(copy, monkeypatch):
    src, out = copy
    before = files(out)
    role = out / "all-hands" / "fam" / "small" / "roles" / "engineer.html"
    role.write_text(role.read_text().replace("Builds the product", "Builds nothing"))
    (out / "all-hands" / "fam" / "large" / "chart.png").unlink()
    outside = out.parent / "elsewhere.pdf"
    outside.write_bytes(before["all-hands/fam/large/roles/lead.pdf"][0])
    lead = out / "all-hands" / "fam" / "large" / "roles" / "lead.pdf"
    lead.unlink()
    lead.symlink_to(outside)  # the same bytes, but through a link: never trusted
    rendered = rendered_groups(monkeypatch)
    counts = build(src, out)
    assert set(rendered) == {"all-hands/fam/small/roles/engineer.html", "all-hands/fam/small/roles/engineer.pdf",
                             "all-hands/fam/large/chart.svg", "all-hands/fam/large/chart.png",
                             "all-hands/fam/large/chart.pdf", "all-hands/fam/large/chart.pptx",
                             "all-hands/fam/large/roles/lead.html", "all-hands/fam/large/roles/lead.pdf"}
    assert counts.written == 3  # the edited page, the missing PNG, the link replaced by a file
    after = files(out)
    assert {n: d for n, (d, _, _) in after.items()} == {n: d for n, (d, _, _) in before.items()}
    assert not lead.is_symlink() and outside.read_bytes() == before["all-hands/fam/large/roles/lead.pdf"][0]


@pytest.mark.parametrize("damage", ["garbage", "wrong hash", "wrong key", "not a list"])
def test_a_corrupted_cache_entry_is_a_miss(copy, monkeypatch, damage):
    src, out = copy
    before = files(out)
    index_file = out / cache_mod.INDEX
    doc = json.loads(index_file.read_text())
    group = doc["groups"]["all-hands/fam/small/roles/engineer"]
    if damage == "garbage":
        index_file.write_text("{not json")
    else:
        if damage == "wrong hash":
            group["files"][0][1] = "0" * 64
        elif damage == "wrong key":  # (with the build's key stale too: a key alone vouches for no file)
            group["key"] = "0" * 64
            doc["build"] = ""
        else:
            group["files"] = "all-hands/fam/small/roles/engineer.html"
        index_file.write_text(json.dumps(doc))
    rendered = rendered_groups(monkeypatch)
    counts = build(src, out)
    if damage == "garbage":
        assert len(rendered) == len(before) - 2
    else:
        assert {"all-hands/fam/small/roles/engineer.html", "all-hands/fam/small/roles/engineer.pdf"} <= set(rendered)
        assert not any("/large/" in n for n in rendered)
    assert counts.written == 0  # the bytes rendered again are the ones in place
    after = files(out)
    assert {n: after[n] for n in after if n != cache_mod.INDEX} == {n: before[n] for n in before
                                                                   if n != cache_mod.INDEX}
    assert json.loads(after[cache_mod.INDEX][0]) == json.loads(before[cache_mod.INDEX][0])  # repaired


def test_a_failure_mid_build_leaves_tree_and_cache_as_they_were(copy, monkeypatch):
    src, out = copy
    before = files(out)
    catalog = src / "_catalog.yaml"
    catalog.write_text(catalog.read_text().replace("[Write code, Review code]", "[Write code, Review code, Ship]"))
    from orgdocs.outputs import documents

    def broken(self, html):
        raise OutputError("disk full (simulated)")
    monkeypatch.setattr(documents.Documents, "pdf", broken)
    with pytest.raises(OutputError):
        build(src, out)
    assert files(out) == before
    monkeypatch.undo()
    rendered = rendered_groups(monkeypatch)
    build(src, out)  # the cache still describes the tree: only the engineer's outputs are made again
    assert "all-hands/fam/small/roles/engineer.pdf" in rendered
    assert not any(n.endswith(("analyst.pdf", "lead.pdf", "chart.pdf")) for n in rendered)


def test_a_failure_during_the_swap_leaves_tree_and_cache_as_they_were(copy, monkeypatch):
    src, out = copy
    before = files(out)
    catalog = src / "_catalog.yaml"
    catalog.write_text(catalog.read_text().replace("Leads the team.", "Leads the whole team."))
    import os

    from orgdocs import write
    real = os.rename
    calls = []

    def rename(a, b):
        calls.append(a)
        if len(calls) == 4:
            raise OSError(28, "No space left on device", str(b))
        return real(a, b)
    monkeypatch.setattr(write.os, "rename", rename)
    with pytest.raises(OutputError):
        build(src, out)
    assert len(calls) == 4
    assert files(out) == before


def test_the_leak_scan_reads_reused_files_again_when_the_secrets_change(copy):
    """A reused file was scanned clean for the secrets of its last build; when the secrets change it is read and
    scanned again. Here a reused page in the public tree (no names) was forged, with its hash in the index, to
    show a name that the org now gives a holder: the build stops with the leak."""
    src, out = copy
    index_file = out / cache_mod.INDEX
    shutil.rmtree(out)  # the public tree, where holders' names are confidential
    build(src, out, audience="public")
    page = out / "public" / "fam" / "small" / "roles" / "engineer.html"
    page.write_text(page.read_text().replace("Builds the product.", "Builds the product. Ask Katherine Johnson."))
    doc = json.loads(index_file.read_text())
    doc["groups"]["public/fam/small/roles/engineer"]["files"][0][1] = cache_mod.sha(page.read_bytes())
    index_file.write_text(json.dumps(doc))
    small = src / "small.yaml"
    small.write_text(small.read_text() + "  - {id: analyst, role: analyst, reports_to: lead, "
                                          "holders: [{name: Katherine Johnson}]}\n")
    before = files(out)
    with pytest.raises(LeakFound) as found:
        build(src, out, audience="public")
    assert [leak.file for leak in found.value.leaks] == ["public/fam/small/roles/engineer.html"]
    assert files(out) == before


def test_reused_files_scanned_clean_for_the_same_secrets_are_not_read_again(copy, monkeypatch):
    src, out = copy
    catalog = src / "_catalog.yaml"
    catalog.write_text(catalog.read_text().replace("[Build reports]", "[Build reports, Explain them]"))
    rendered = rendered_groups(monkeypatch)
    scanned: list[str] = []
    find_leaks = build_mod.find_leaks

    def spy(named, secrets):
        scanned.extend(name for name, _ in named)
        return find_leaks(named, secrets)
    monkeypatch.setattr(build_mod, "find_leaks", spy)
    build(src, out)
    # the secrets of this tree (pay, budgets, hr-only text) did not change: only what was made is read
    assert sorted(scanned) == sorted(n for n in rendered if not n.endswith("redaction-manifest.json"))
    assert "all-hands/fam/small/roles/analyst.pdf" in scanned and "all-hands/fam/small/chart.pdf" not in scanned


def test_digest_tells_apart_what_it_should():
    assert cache_mod.digest({"a": 1}) == cache_mod.digest({"a": 1})
    assert cache_mod.digest({"a": 1}) != cache_mod.digest({"a": 1.0}) != cache_mod.digest({"a": "1"})
    assert cache_mod.digest([1, [2]]) != cache_mod.digest([[1], 2])
    assert cache_mod.digest({1, 2}) == cache_mod.digest({2, 1})
    shared = [1]
    assert cache_mod.digest([shared, shared]) == cache_mod.digest([[1], [1]])  # content, not identity
    looped: list = [1]
    looped.append(looped)
    assert cache_mod.digest(looped) == cache_mod.digest(looped) != cache_mod.digest([1, [1]])

    @dataclasses.dataclass
    class Box:
        x: int
    # the field tables made and dropped while walking never stand in for one another (their ids are reused)
    assert cache_mod.digest([Box(1), Box(2)]) != cache_mod.digest([Box(1), Box(1)])
    with pytest.raises(TypeError):
        cache_mod.digest(object())


def test_a_symlinked_cache_folder_is_neither_read_nor_written_through(copy, tmp_path):
    src, out = copy
    elsewhere = tmp_path / "elsewhere"
    shutil.move(out / ".orgdocs-cache", elsewhere)
    forged = json.loads((elsewhere / "index.json").read_text())
    forged["build"] = "forged"
    (elsewhere / "index.json").write_text(json.dumps(forged))
    (out / ".orgdocs-cache").symlink_to(elsewhere, target_is_directory=True)
    before = files(out)
    result = invoke_cli("build", src.parent, "--out-dir", out, "-j", "1")
    assert result.exit_code == 3, result.output  # like any symlinked subfolder of the output: refused
    assert "symlink" in result.output
    assert json.loads((elsewhere / "index.json").read_text())["build"] == "forged"
    assert files(out) == before
