"""`build`'s cache: which outputs of the previous build can be reused, keyed by content.

Each group of output files (a role's page and PDF, the handbook, an org's charts, ...) is made from data the build
computes anyway (the role as the audience sees it, the laid-out chart, the org's merged model); its key is a hash
of that data and of everything else that decides its bytes (`environment`: orgdocs' version and source files,
built-in and override templates, WeasyPrint/Graphviz and the libraries that draw, SOURCE_DATE_EPOCH). When unsure,
a key takes in more. The cache keeps no bytes of its own: an entry is the key and the SHA-256 of each file it made,
and the files are those in the output folder. An entry is trusted only when every one of its files is there,
a regular file inside the output folder, with that hash; anything else is a miss and the group is rendered again.

The index (`INDEX`) is written through the build's `OutputTree` like any output: staged, swapped in with the
rest or not at all, listed in the folder's manifest and so pruned with the outputs; it holds one entry per group
of the current build, so it never grows beyond the tree it describes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import json
import os
import shutil
import subprocess
from decimal import Decimal
from importlib import metadata
from pathlib import Path, PurePath

from orgdocs.render import strict_json
from orgdocs.write import MANIFEST, OutputFile, read_output

INDEX = ".orgdocs-cache/index.json"
FORMAT = 1
_LIBRARIES = ("weasyprint", "pydyf", "fonttools", "pillow", "pypdf", "jinja2", "markupsafe", "tinycss2", "cssselect2")
_MAX_INDEX = 64 * 1024 * 1024
_MAX_TEMPLATE_FILES = 2000


# -- what decides the bytes, besides the data ---------------------------------------------------------------

def orgdocs_version() -> str:
    from orgdocs import __version__
    return __version__


def graphviz_version() -> str:
    """`dot -V` of the Graphviz on the PATH (asked once per installed binary: path, size and time)."""
    exe = shutil.which("dot")
    if exe is None:
        return "none"
    try:
        info = os.stat(exe)
    except OSError:
        return "unknown"
    return _dot_version(exe, info.st_size, info.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _dot_version(exe: str, size: int, mtime: int) -> str:
    try:
        done = subprocess.run([exe, "-V"], capture_output=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (done.stderr or done.stdout).decode("utf-8", "replace").strip()


def library_versions() -> dict[str, str]:
    out = {}
    for name in _LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "none"
    return out


@functools.lru_cache(maxsize=None)
def _package_digest() -> str:
    """orgdocs' own files (code, built-in templates, styles): a change to any of them is a new orgdocs."""
    return folder_digest(Path(__file__).resolve().parent.parent,
                         suffixes=(".py", ".j2", ".css", ".svg", ".json", ".js"))


def folder_digest(folder: Path, suffixes: tuple[str, ...] | None = None) -> str:
    """Names and bytes of the regular files below folder (symlinked folders not walked), in a fixed order."""
    h = hashlib.sha256()
    count = 0
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            path = Path(dirpath, name)
            if (suffixes and path.suffix not in suffixes) or not path.is_file():
                continue
            count += 1
            if count > _MAX_TEMPLATE_FILES:
                return "too-many-files"  # a key that matches nothing stable: never reused wrongly
            h.update(str(path.relative_to(folder)).encode() + b"\0")
            try:
                h.update(hashlib.sha256(path.read_bytes()).digest())
            except OSError:
                h.update(b"unreadable")
    return h.hexdigest()


def environment(templates: Path | None) -> str:
    """The key part every output shares."""
    return digest(["orgdocs-cache", FORMAT, orgdocs_version(), _package_digest(), graphviz_version(),
                   shutil.which("neato") or "", library_versions(), os.environ.get("SOURCE_DATE_EPOCH", ""),
                   folder_digest(templates) if templates else ""])


# -- keys ---------------------------------------------------------------------------------------------------

def digest(*parts: object) -> str:
    h = hashlib.sha256()
    _feed(h, parts, set())
    return h.hexdigest()


def _feed(h, x: object, path: set[int]) -> None:
    """A canonical walk of plain data, dataclasses, pydantic models and objects with __dict__/__slots__: equal
    content gives the same bytes however objects are shared; an object met again inside itself (a parent link)
    is written as a cycle mark."""
    if x is None or isinstance(x, (bool, int, str, float)):
        h.update(f"{type(x).__name__}:{x!r};".encode())
        return
    if isinstance(x, bytes):
        h.update(b"bytes:" + hashlib.sha256(x).digest())
        return
    if isinstance(x, (Decimal, dt.date, dt.datetime, dt.time, PurePath, enum.Enum)):
        h.update(f"{type(x).__name__}:{x!s};".encode())
        return
    if id(x) in path:
        h.update(b"cycle;")
        return
    path.add(id(x))
    try:
        _feed_container(h, x, path)
    finally:
        path.discard(id(x))


def _feed_container(h, x: object, path: set[int]) -> None:
    if isinstance(x, dict):
        h.update(b"{")
        for k, v in x.items():
            _feed(h, k, path)
            _feed(h, v, path)
        h.update(b"}")
    elif isinstance(x, (list, tuple)):
        h.update(b"[")
        for v in x:
            _feed(h, v, path)
        h.update(b"]")
    elif isinstance(x, (set, frozenset)):
        h.update(b"set(" + "".join(sorted(digest(v) for v in x)).encode() + b")")
    elif hasattr(x, "model_dump") and hasattr(type(x), "model_fields"):
        h.update(f"model:{type(x).__name__}".encode())
        _feed(h, x.model_dump(mode="python"), path)
    elif dataclasses.is_dataclass(x):
        h.update(f"dc:{type(x).__name__}".encode())
        _feed(h, {f.name: getattr(x, f.name) for f in dataclasses.fields(x)}, path)
    elif hasattr(x, "__dict__") or hasattr(type(x), "__slots__"):
        names = list(getattr(x, "__dict__", {}))
        for klass in type(x).__mro__:
            names += [s for s in getattr(klass, "__slots__", ()) if s not in names and hasattr(x, s)]
        h.update(f"obj:{type(x).__name__}".encode())
        _feed(h, {n: getattr(x, n) for n in names if not n.startswith("__")}, path)
    else:
        raise TypeError(f"cannot key a {type(x).__name__}")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- the cache ----------------------------------------------------------------------------------------------

class BuildCache:
    """The previous build's index, read from `root`; the new index, filled as groups are reused or rendered."""

    def __init__(self, root: Path, warn=None):
        self.root = root
        self.old: dict[str, dict] = {}
        self.old_build = ""
        self.old_notes: dict[str, list[str]] = {}
        self.new: dict[str, dict] = {}
        self.rendered: list[str] = []  # file names (relative to root) made this run
        self.reused: list[str] = []
        self._owner: dict[str, str] = {}  # file name -> its group, for this run's groups
        self._reused_groups: set[str] = set()
        raw = read_output(root, INDEX, limit=_MAX_INDEX) if root.is_dir() else None
        if raw is None:
            return
        try:
            doc = json.loads(raw.decode("utf-8"))
            if doc.get("cache") != FORMAT or not isinstance(doc.get("groups"), dict):
                raise ValueError("not this cache's format")
            self.old = {g: e for g, e in doc["groups"].items() if _valid_entry(e)}
            self.old_build = str(doc.get("build", ""))
            self.old_notes = {k: [str(n) for n in v] for k, v in dict(doc.get("notes", {})).items()}
        except (ValueError, TypeError, AttributeError, UnicodeDecodeError):
            (warn or (lambda m: None))(f"warning: {root / INDEX}: not a cache index; every file is rendered again")
            self.old, self.old_build = {}, ""

    def reuse(self, group: str, key: str) -> tuple[list[OutputFile], dict] | None:
        """The files of group (names relative to root) and its notes, when its entry has this key and every file
        is in place with its recorded hash; else None."""
        entry = self.old.get(group)
        if entry is None or entry["key"] != key:
            return None
        files = []
        for name, hashed in entry["files"]:
            data = read_output(self.root, name)
            if data is None or sha(data) != hashed:
                return None
            files.append(OutputFile(name, data))
        self.new[group] = entry
        self._reused_groups.add(group)
        self._owner.update((f.name, group) for f in files)
        self.reused += [f.name for f in files]
        return files, entry.get("meta", {})

    def store(self, group: str, key: str, files: list[OutputFile], meta: dict | None = None) -> None:
        self.new[group] = {"key": key, "files": [[f.name, sha(f.data)] for f in files], "meta": meta or {}}
        self._owner.update((f.name, group) for f in files)
        self.rendered += [f.name for f in files]

    def must_scan(self, name: str, verdict: str) -> bool:
        """Whether the leak scan has to read this file, about to be scanned against the secrets whose digest is
        `verdict`: not when it was reused and its group was scanned clean against the same secrets last time
        (the scan of the same bytes for the same secrets by the same orgdocs, a key part, finds the same).
        Either way its group is recorded as scanned against `verdict`; a build that finds a leak writes no
        index."""
        group = self._owner.get(name)
        if group is None:
            return True
        old = self.old.get(group) if group in self._reused_groups else None
        self.new[group] = {**self.new[group], "scanned": verdict}
        return not (old is not None and old.get("scanned") == verdict)

    def fresh(self, build_key: str) -> bool:
        """True when the previous build had this key and every file it made is in place, unchanged: nothing to
        render or write, and the leak scan's verdict on those bytes (keyed the same way) still stands."""
        if not self.old or build_key != self.old_build:
            return False
        for entry in self.old.values():
            for name, hashed in entry["files"]:
                data = read_output(self.root, name)
                if data is None or sha(data) != hashed:
                    return False
        names = [name for entry in self.old.values() for name, _ in entry["files"]]
        listed = ("\n".join(sorted(names + [INDEX])) + "\n").encode()
        if read_output(self.root, MANIFEST) != listed:  # edited or left by a run cut off: let a build rewrite it
            return False
        self.reused = names
        return True

    def index(self, build_key: str, notes: dict[str, list[str]]) -> OutputFile:
        doc = {"cache": FORMAT, "build": build_key, "notes": notes,
               "groups": {g: self.new[g] for g in sorted(self.new)}}
        return OutputFile(INDEX, strict_json.dumps(doc, "cache index").encode())


def _valid_entry(entry: object) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("key"), str) and isinstance(entry.get("files"), list) \
        and all(isinstance(f, list) and len(f) == 2 and all(isinstance(x, str) for x in f) for f in entry["files"])


class Scope:
    """The cache as seen from one folder of the tree (an audience's tree, an org's folder in it): group names and
    file names relative to it. Without a cache every lookup misses and nothing is recorded."""

    def __init__(self, cache: BuildCache | None, prefix: str, env: str):
        self.cache, self.prefix, self.env = cache, prefix, env

    def key(self, group: str, parts: tuple) -> str:
        return digest(self.env, group, *parts)

    def lookup(self, group: str, key: str) -> tuple[list[OutputFile], dict] | None:
        if self.cache is None:
            return None
        found = self.cache.reuse(self.prefix + group, key)
        if found is None:
            return None
        files, meta = found
        return [OutputFile(f.name[len(self.prefix):], f.data) for f in files], meta

    def put(self, group: str, key: str, files: list[OutputFile], meta: dict | None = None) -> None:
        if self.cache is not None:
            self.cache.store(self.prefix + group, key, [OutputFile(self.prefix + f.name, f.data) for f in files],
                             meta)

    def get(self, group: str, parts: tuple, make) -> list[OutputFile]:
        """make() -> files: run only when the group's files cannot be reused."""
        files, _ = self.get_with_meta(group, parts, lambda: (make(), {}))
        return files

    def get_with_meta(self, group: str, parts: tuple, make) -> tuple[list[OutputFile], dict]:
        """make() -> (files, meta): run only when the group's files cannot be reused; meta is kept beside them."""
        key = self.key(group, parts)
        found = self.lookup(group, key)
        if found is not None:
            return found
        files, meta = make()
        self.put(group, key, files, meta)
        return files, meta

    def to_scan(self, files: list[OutputFile], secrets: object) -> list[OutputFile]:
        """Of files (names relative to this scope), those the leak scan must read for these secrets."""
        if self.cache is None:
            return files
        verdict = digest(secrets)
        return [f for f in files if self.cache.must_scan(self.prefix + f.name, verdict)]

    def within(self, folder: str) -> Scope:
        return Scope(self.cache, self.prefix + folder, self.env)


NO_CACHE = Scope(None, "", "")
