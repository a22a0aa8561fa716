"""Writing is confined and all-or-nothing: a crafted manifest deletes nothing outside the output folder, symlinked
subfolders are never written through, and an unwritable folder, a full disk, a file size limit or a failing tool
leaves the previous build exactly as it was, with one clear line and its own exit code."""

from __future__ import annotations

import errno
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, invoke_cli

from orgdocs import write as write_mod
from orgdocs.errors import EXIT_OUTPUT, EXIT_TOOL
from orgdocs.write import MANIFEST, OutputTree

ORG = {"org": {"name": "P"}, "roles": {"a": {"title": "A"}, "b": {"title": "B"}},
       "positions": [{"id": "a", "role": "a"}, {"id": "b", "role": "b", "reports_to": "a"}]}


@pytest.fixture
def org_file(tmp_path):
    path = tmp_path / "src" / "p.yaml"
    path.parent.mkdir()
    path.write_text(json.dumps(ORG), encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below folder with its bytes and modification time."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def built(org_file: Path, out: Path) -> dict:
    result = invoke_cli("build", org_file, "--out-dir", out, "-j", "1")
    assert result.exit_code == 0, result.output
    return snapshot(out)


# --- finding 1: the manifest never deletes outside the output folder ----------------------------------------------

def test_crafted_manifest_deletes_nothing_outside_the_output_folder(tmp_path, org_file):
    out = tmp_path / "out"
    built(org_file, out)
    victims = [tmp_path / "victim-absolute.txt", tmp_path / "victim-dotdot.txt", tmp_path / "elsewhere" / "v.txt"]
    for v in victims:
        v.parent.mkdir(exist_ok=True)
        v.write_text("keep me")
    (out / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (out / "all-hands" / "p" / "victim-link.txt").symlink_to(victims[0])
    listed = (out / MANIFEST).read_text()
    (out / MANIFEST).write_text(listed + "\n".join([
        str(victims[0]), "../victim-dotdot.txt", "link/v.txt", "all-hands/p/victim-link.txt",
        "p/../../victim-dotdot.txt",
        "./p/x", "p//x", "p\\..\\..\\victim-dotdot.txt"]) + "\n")

    result = invoke_cli("build", org_file, "--out-dir", out, "-j", "1")
    assert result.exit_code == 0, result.output
    assert all(v.read_text() == "keep me" for v in victims)
    assert (out / "all-hands" / "p" / "victim-link.txt").is_symlink()  # a symlink is not ours to delete either
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 8 and all("ignored entry" in w for w in warnings)
    assert "link/v.txt" not in (out / MANIFEST).read_text()  # the new manifest lists only what this run wrote


def test_manifest_entries_the_previous_run_wrote_are_pruned(tmp_path, org_file):
    out = tmp_path / "out"
    before = built(org_file, out)
    assert "all-hands/p/roles/b.pdf" in before
    (out / "all-hands" / "p" / "mine.txt").write_text("not orgdocs'")
    org = dict(ORG, roles={"a": {"title": "A"}}, positions=ORG["positions"][:1])
    org_file.write_text(json.dumps(org))
    after = built(org_file, out)
    assert "all-hands/p/roles/b.pdf" not in after and "all-hands/p/roles/a.pdf" in after
    assert after["all-hands/p/mine.txt"][0] == b"not orgdocs'"


def test_a_symlinked_subfolder_is_never_written_through(tmp_path, org_file):
    out = tmp_path / "out"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "all-hands").mkdir()
    (out / "all-hands" / "p").symlink_to(elsewhere, target_is_directory=True)
    result = invoke_cli("build", org_file, "--out-dir", out, "-j", "1")
    assert result.exit_code == EXIT_OUTPUT
    assert "is a file or a symlink" in result.stderr and "Traceback" not in result.output
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["all-hands", "all-hands/p"]
    # no index, no manifest, no staging left


def test_output_tree_refuses_names_that_leave_it(tmp_path):
    with OutputTree(tmp_path / "o") as tree:
        for name in ["/etc/x", "../x", "a/../../x", "", ".orgdocs-staging-1/x", MANIFEST]:
            with pytest.raises(ValueError):
                tree.add(name, b"x")
        tree.add("a/b.txt", b"x")
        tree.commit()
    assert (tmp_path / "o" / "a" / "b.txt").read_bytes() == b"x"


# --- finding 4: I/O failures are one line and an exit code; the previous build stays whole --------------------------

def test_output_below_a_file_is_exit_3(tmp_path, org_file):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = invoke_cli("build", org_file, "--out-dir", blocker / "out")
    assert result.exit_code == EXIT_OUTPUT
    assert result.stderr.strip().splitlines()[-1].startswith("error: ")
    assert "not a folder" in result.stderr or "is a file" in result.stderr
    assert "Traceback" not in result.output
    result = invoke_cli("build", org_file, "--out-dir", blocker)
    assert result.exit_code == EXIT_OUTPUT and "it is a file, not a folder" in result.stderr


def test_unwritable_output_folder_is_exit_3(tmp_path, org_file, monkeypatch):
    """As root, permissions do not stop writes, so the failing call is simulated where the OS would refuse."""
    out = tmp_path / "out"
    real_mkdtemp = write_mod.tempfile.mkdtemp

    def refuse(*args, **kw):
        raise PermissionError(errno.EACCES, "Permission denied", str(out))

    monkeypatch.setattr(write_mod.tempfile, "mkdtemp", refuse)
    result = invoke_cli("build", org_file, "--out-dir", out)
    monkeypatch.setattr(write_mod.tempfile, "mkdtemp", real_mkdtemp)
    assert result.exit_code == EXIT_OUTPUT
    assert f"error: cannot write {out}: permission denied" in result.stderr
    assert not out.exists()


def test_full_disk_part_way_leaves_the_previous_build(tmp_path, org_file, monkeypatch):
    out = tmp_path / "out"
    before = built(org_file, out)
    org_file.write_text(json.dumps(dict(ORG, org={"name": "P renamed"})))
    calls = {"n": 0}
    real_open = open

    def filling_open(path, mode="r", *args, **kw):
        if "w" in mode and ".orgdocs-staging-" in str(path):
            calls["n"] += 1
            if calls["n"] > 5:
                raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_open(path, mode, *args, **kw)

    monkeypatch.setattr(write_mod, "open", filling_open, raising=False)
    result = invoke_cli("build", org_file, "--out-dir", out, "-j", "1")
    assert result.exit_code == EXIT_OUTPUT
    assert "the disk is full" in result.stderr and "Traceback" not in result.output
    assert snapshot(out) == before


def test_a_failed_swap_is_undone(tmp_path, org_file, monkeypatch):
    out = tmp_path / "out"
    before = built(org_file, out)
    org_file.write_text(json.dumps(dict(ORG, org={"name": "P renamed"})))
    real_rename = os.rename
    calls = {"n": 0}

    def flaky_rename(src, dst):
        calls["n"] += 1
        if calls["n"] == 12:
            raise OSError(errno.EIO, "Input/output error", str(dst))
        return real_rename(src, dst)

    monkeypatch.setattr(write_mod.os, "rename", flaky_rename)
    result = invoke_cli("build", org_file, "--out-dir", out, "-j", "1")
    assert calls["n"] >= 12
    assert result.exit_code == EXIT_OUTPUT
    assert snapshot(out) == before


def _cli(*args, limit_bytes: int | None = None, env=None) -> subprocess.CompletedProcess:
    def limit():
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run([sys.executable, "-m", "orgdocs", *map(str, args)], capture_output=True, text=True,
                          preexec_fn=limit, cwd=ROOT, env=env or {**os.environ, "PYTHONPATH": str(ROOT)},
                          timeout=300)


def test_file_size_limit_leaves_the_previous_build(tmp_path, org_file):
    """`ulimit -f`: Python ignores SIGXFSZ, so the write fails with EFBIG part-way through the staging."""
    out = tmp_path / "out"
    before = built(org_file, out)
    org_file.write_text(json.dumps(dict(ORG, org={"name": "P renamed"})))
    done = _cli("build", org_file, "--out-dir", out, "-j", "1", limit_bytes=12_000)
    assert done.returncode == EXIT_OUTPUT, done.stderr
    assert "larger than the file size limit" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(out) == before


def test_small_filesystem_full_leaves_the_previous_build(tmp_path, org_file):
    """A real full disk: a tmpfs with room for one build but not two (a staged build needs its own room beside
    the previous one), where mounting is allowed (root with CAP_SYS_ADMIN); skipped elsewhere."""
    measure = tmp_path / "measure"
    assert _cli("build", org_file, "--out-dir", measure, "-j", "1").returncode == 0
    one_build_kb = int(subprocess.run(["du", "-sk", str(measure)], capture_output=True, text=True).stdout.split()[0])
    disk = tmp_path / "disk"
    disk.mkdir()
    size = f"size={one_build_kb * 3 // 2 + 8}k"
    if subprocess.run(["mount", "-t", "tmpfs", "-o", size, "tmpfs", str(disk)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        out = disk / "out"
        if _cli("build", org_file, "--out-dir", out, "-j", "1").returncode != 0:
            pytest.skip("the first build did not fit")
        before = snapshot(out)
        org_file.write_text(json.dumps(dict(ORG, org={"name": "P renamed"})))
        done = _cli("build", org_file, "--out-dir", out, "-j", "1")
        if done.returncode == 0:
            pytest.skip("the second build fitted too")
        assert done.returncode == EXIT_OUTPUT, done.stderr
        assert "the disk is full" in done.stderr
        assert snapshot(out) == before
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)


def test_leftovers_of_a_killed_build_are_cleared(tmp_path, org_file):
    out = tmp_path / "out"
    built(org_file, out)
    (out / ".orgdocs-staging-dead").mkdir()
    (out / ".orgdocs-staging-dead" / "chart.svg").write_text("half")
    after = built(org_file, out)
    assert not any(name.startswith(".orgdocs-staging") for name in after)
    assert not (out / ".orgdocs-staging-dead").exists()


def test_graphviz_missing_is_exit_4(tmp_path, org_file, monkeypatch):
    out = tmp_path / "out"
    before = built(org_file, out)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    # an SVG is written without Graphviz; PDF and PNG need it
    for args in (["build", org_file, "--out-dir", out], ["chart", org_file, "-o", tmp_path / "c.png"]):
        result = invoke_cli(*args)
        assert result.exit_code == EXIT_TOOL, result.output
        assert "Graphviz 'neato' is not installed (Debian: apt-get install graphviz)" in result.stderr
        assert "Traceback" not in result.output
    assert snapshot(out) == before and not (tmp_path / "c.png").exists()


def test_weasyprint_failing_is_exit_4(tmp_path, org_file, monkeypatch):
    import weasyprint

    class Broken:
        def __init__(self, *a, **kw):
            raise RuntimeError("simulated crash")

    monkeypatch.setattr(weasyprint, "HTML", Broken)
    result = invoke_cli("roles", org_file, "--audience", "hr", "--out-dir", tmp_path / "out", "-j", "1")
    assert result.exit_code == EXIT_TOOL
    assert "WeasyPrint failed: RuntimeError: simulated crash" in result.stderr
    assert not (tmp_path / "out").exists()


def test_compare_to_an_unwritable_file_is_exit_3(tmp_path):
    result = invoke_cli("compare", ROOT / "orgs/customer-value-adoption", "-o", tmp_path / "f" / "x.md")
    assert result.exit_code == 0  # its folder is made
    (tmp_path / "g").write_text("file")
    result = invoke_cli("compare", ROOT / "orgs/customer-value-adoption", "-o", tmp_path / "g" / "x.md")
    assert result.exit_code == EXIT_OUTPUT and "Traceback" not in result.output


def test_git_missing_is_exit_4(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = invoke_cli("compare", "orgs/cs-enhanced-team@HEAD", "orgs/cs-enhanced-team")
    assert result.exit_code == EXIT_TOOL
    assert "git is not installed" in result.stderr and "Traceback" not in result.output
