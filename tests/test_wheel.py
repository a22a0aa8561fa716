"""A normal install works: the wheel, installed into a fresh virtual environment outside the repository, builds
every example org into the same files as the editable install. Slow (it installs every dependency), so it runs
as its own step of `.ci/run` (`make wheel-test`), not in `make test`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.wheel

TEXT_SUFFIXES = {".svg", ".html", ".json", ".csv", ".txt", ".md"}


def _run(args, cwd, env=None):
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, timeout=1200)
    assert done.returncode == 0, f"{' '.join(map(str, args))}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_wheel_installed_elsewhere_builds_every_example_org(tmp_path):
    source = tmp_path / "clone"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "output", "dist", "build",
                                                                "*.egg-info", "__pycache__", ".pytest_cache"))
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", tmp_path / "dist", source], tmp_path)
    [wheel] = (tmp_path / "dist").glob("orgdocs-*.whl")
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], tmp_path)
    _run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel], tmp_path)

    elsewhere = tmp_path / "work"
    shutil.copytree(ROOT / "orgs", elsewhere / "orgs")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    _run([venv / "bin" / "orgdocs", "build", "orgs", "--out-dir" if _has_out_dir(venv) else "-o", "wheel-out"],
         elsewhere, env)
    editable = Path(sys.executable).parent.parent
    _run([editable / "bin" / "orgdocs", "build", "orgs", "--out-dir" if _has_out_dir(editable) else "-o",
          "editable-out"], elsewhere, env)

    by_wheel, by_editable = _files(elsewhere / "wheel-out"), _files(elsewhere / "editable-out")
    assert sorted(by_wheel) == sorted(by_editable)
    assert any(name.endswith("role-handbook.pdf") for name in by_wheel)  # documents rendered from package data
    for name, data in by_wheel.items():
        if Path(name).suffix in TEXT_SUFFIXES:
            assert data == by_editable[name], name


def _has_out_dir(venv: Path) -> bool:
    done = subprocess.run([venv / "bin" / "orgdocs", "build", "--help"], capture_output=True, text=True)
    return "--out-dir" in done.stdout
