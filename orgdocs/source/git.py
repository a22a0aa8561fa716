"""Orgs as they were at a git revision: `orgs/x@HEAD~1` reads orgs/x from that commit, so a change to an
org can be compared with its previous version in review."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from orgdocs.errors import ToolError

_SPEC = re.compile(r"^(?P<path>.+)@(?P<rev>[A-Za-z0-9_./~^{}:-]+)$")


class GitError(Exception):
    pass


def split_revision(spec: str) -> tuple[str, str] | None:
    """(path, revision) for 'path@rev', when path@rev is not itself an existing file or folder."""
    if Path(spec).exists():
        return None
    m = _SPEC.match(spec)
    if not m or m.group("rev").startswith("-"):
        return None
    return m.group("path"), m.group("rev")


def _git(args: list[str], cwd: Path) -> bytes:
    if shutil.which("git") is None:
        raise ToolError("git is not installed, so path@REV cannot be read (Debian: apt-get install git)")
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        raise ToolError("git took longer than 60 s and was stopped") from None
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip().splitlines()[-1] if done.stderr else "git failed")
    return done.stdout


def checkout(path: str, rev: str, into: Path) -> Path:
    """Write the YAML files under `path` at `rev` into `into`, keeping their layout; return the new path."""
    target = Path(path)
    start = target if target.is_dir() else (target.parent if target.parent.exists() else Path.cwd())
    top = Path(_git(["rev-parse", "--show-toplevel"], start).decode().strip())
    rel = (Path.cwd() / target).resolve().relative_to(top.resolve()) if (Path.cwd() / target).exists() \
        else Path(path)
    try:
        verified = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top).decode().strip()
    except GitError:
        raise GitError(f"no revision {rev!r} in {top}") from None
    # the folder of the org as well, so includes and extends of a single file are there
    scope = rel if not rel.suffix else rel.parent
    names = _git(["ls-tree", "-r", "--name-only", verified, "--", str(scope)], top).decode().splitlines()
    wanted = [n for n in names if n.lower().endswith((".yaml", ".yml"))]
    if not any(n == str(rel) or n.startswith(str(rel).rstrip("/") + "/") for n in wanted):
        raise GitError(f"{path} does not exist at {rev}")
    for name in wanted:
        out = into / name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(_git(["show", f"{verified}:{name}"], top))
    return into / rel


def temporary_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="orgdocs-git-")
