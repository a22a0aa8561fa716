"""Orgs as they were at a git revision: `orgs/x@HEAD~1` reads orgs/x from that commit, so a change to an
org can be compared with its previous version in review."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from orgdocs.errors import ToolError
from orgdocs.source.discover import YAML_SUFFIXES, inside
from orgdocs.source.guards import DEFAULT_LIMITS, Limits

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


IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")  # assets an org may name (its logo)


def _tree(top: Path, rev: str, scope: Path) -> list[tuple[str, str, int, str]]:
    """(mode, object, size, name) of every file under scope at rev; names as git stores them, unquoted."""
    out = _git(["ls-tree", "-r", "-l", "-z", rev, "--", str(scope)], top).decode("utf-8", "surrogateescape")
    entries = []
    for record in out.split("\0"):
        if not record:
            continue
        meta, name = record.split("\t", 1)
        mode, kind, obj, size = meta.split()
        if kind == "blob":
            entries.append((mode, obj, int(size) if size.isdigit() else 0, name))
    return entries


def _write_blob(top: Path, obj: str, size: int, out: Path, cap: int) -> None:
    """A blob over the cap becomes a sparse file of its size: the size check refuses it without reading it,
    and it never passes through memory."""
    if size > cap:
        with out.open("wb") as fh:
            fh.truncate(size)
    else:
        out.write_bytes(_git(["cat-file", "blob", obj], top))


def checkout(path: str, rev: str, into: Path, limits: Limits = DEFAULT_LIMITS) -> Path:
    """Write the YAML files and images under `path` at `rev` into `into`, keeping their layout; return the new
    path. Symlinks stay symlinks, so discovery applies the same rule as to a working tree (a file leading
    outside its org folder is refused); nothing is ever written through one."""
    target = Path(path)
    start = target if target.is_dir() else (target.parent if target.parent.exists() else Path.cwd())
    top = Path(_git(["rev-parse", "--show-toplevel"], start).decode().strip())
    # the folder resolved, not the file: a working-tree link may lead anywhere, the revision's content counts
    here = Path(os.path.realpath(Path.cwd() / target.parent)) / target.name
    try:
        rel = here.relative_to(top.resolve()) if here.exists() or here.is_symlink() else Path(path)
    except ValueError:
        raise GitError(f"{path} is not in the git repository {top}") from None
    try:
        verified = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top).decode().strip()
    except GitError:
        raise GitError(f"no revision {rev!r} in {top}") from None
    # the folder of the org as well, so includes and extends of a single file are there
    scope = rel if not rel.suffix else rel.parent
    wanted = [e for e in _tree(top, verified, scope) if e[3].lower().endswith(YAML_SUFFIXES + IMAGE_SUFFIXES)]
    if not any(n == str(rel) or n.startswith(str(rel).rstrip("/") + "/") for *_, n in wanted
               if n.lower().endswith(YAML_SUFFIXES)):
        raise GitError(f"{path} does not exist at {rev}")
    links = []
    for mode, obj, size, name in wanted:
        out = into / name
        if not inside(into, out.parent) or out.exists() or out.is_symlink():
            continue  # a crafted tree (`..`, a name twice) cannot place a file anywhere else
        out.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":
            links.append((out, _git(["cat-file", "blob", obj], top)[:4096]))
            continue
        cap = limits.max_file_bytes if name.lower().endswith(YAML_SUFFIXES) else limits.max_asset_bytes
        _write_blob(top, obj, size, out, cap)
    for out, link in links:  # last, so no file above was written through a link
        try:
            os.symlink(os.fsdecode(link), out)
        except (OSError, ValueError):  # a name taken by a folder, a NUL in the target: leave it out
            continue
    return into / rel


def temporary_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="orgdocs-git-")
