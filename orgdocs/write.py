"""The only code that writes or deletes files.

Every run writes through one `OutputTree`: files are first written whole into a staging folder inside the output
folder (where a full disk or a file size limit shows up), then swapped in by renames, which take no space; if any
rename fails, the renames already done are undone. So a run either replaces what it writes completely or leaves
the output folder exactly as it was.

Paths are confined: every name is a plain relative name, every folder on the way is a real folder inside the
output folder (a symlinked subfolder is refused, never followed), and `prune` deletes only files a previous run
listed in its manifest that still resolve to regular files inside the output folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from orgdocs.errors import OutputError, describe_os_error

MANIFEST = ".orgdocs-files"
_STAGING_PREFIX = ".orgdocs-staging-"
_BACKUP_PREFIX = ".orgdocs-backup-"


@dataclass(frozen=True)
class OutputFile:
    name: str  # relative to the folder it is written into, with "/" between parts
    data: bytes


def _fail(exc: OSError, doing: str = "write") -> OutputError:
    return OutputError(describe_os_error(exc, doing))


def plain_name(name: str) -> PurePosixPath | None:
    """A name as relative parts, or None when it could point anywhere but below its folder."""
    if not name or "\\" in name or "\0" in name:
        return None
    path = PurePosixPath(name)
    if path.is_absolute() or any(part in ("", ".", "..") for part in name.split("/")):
        return None
    return path


def _real_folder_inside(root: Path, folder: Path) -> bool:
    """True when folder is root or a real (not symlinked) folder below it, or does not exist yet below it."""
    current = root
    for part in folder.relative_to(root).parts:
        current = current / part
        if current.is_symlink() or (current.exists() and not current.is_dir()):
            return False
    return True


def write_atomic(path: Path, data: bytes) -> None:
    """One file, whole or not at all: a temporary file beside it, renamed over it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise _fail(exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        _remove_quietly(Path(tmp))
        raise _fail(exc if exc.filename else OSError(exc.errno, exc.strerror, str(path))) from None
    except BaseException:
        _remove_quietly(Path(tmp))
        raise


def read_output(root: Path, name: str, *, limit: int = 512 * 1024 * 1024) -> bytes | None:
    """The bytes of a file a previous run wrote under root, or None when it is missing, not a plain name, not a
    regular file reached through real folders inside root, or larger than limit: never followed out of root."""
    rel = plain_name(name)
    if rel is None:
        return None
    path = root.joinpath(*rel.parts)
    try:
        if not _real_folder_inside(root, path.parent) or path.is_symlink() or not path.is_file() \
                or path.stat().st_size > limit:
            return None
        return path.read_bytes()
    except (OSError, ValueError):
        return None


def clear_leftovers(root: Path) -> None:
    """Staging and backup folders of a run that was killed: ours by name, real folders, removed whole."""
    try:
        entries = list(root.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith((_STAGING_PREFIX, _BACKUP_PREFIX)) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


class OutputTree:
    """Files for one output folder, staged, then swapped in all at once by `commit()`.

    Use as a context manager: leaving it by an exception removes the staging folder and changes nothing else.
    With `prune`, files the previous run listed in the folder's manifest and this run did not write are removed
    (and the manifest rewritten); without it, other files are left alone. With `keep_unchanged`, a file whose
    bytes equal the file already in place is not staged nor swapped: it keeps its inode and modification time.
    """

    def __init__(self, root: Path, *, prune: bool = False, warn=None, keep_unchanged: bool = False):
        self.prune = prune
        self.keep_unchanged = keep_unchanged
        self.unchanged: set[str] = set()  # added, but already in place with the same bytes: not rewritten
        self.warn = warn or (lambda message: None)
        self.names: list[str] = []
        self._seen: set[str] = set()
        self._unlisted: set[str] = set()  # written once for the user to keep: never in the manifest, never pruned
        self._created_root: Path | None = None
        try:
            if root.exists() and not root.is_dir():
                raise OutputError(f"cannot write into {root}: it is a file, not a folder")
            if not root.exists():
                root.mkdir(parents=True)
                self._created_root = root
            self.root = root.resolve()
            self._clear_leftovers()
            self.staging = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=self.root))
        except OSError as exc:
            self._drop_created_root()
            raise _fail(exc) from None

    # -- staging ------------------------------------------------------------------------------------------------

    def add(self, name: str, data: bytes, *, listed: bool = True) -> None:
        """`listed=False`: a file handed over to the user (a starter org.yaml), which no later run prunes."""
        rel = plain_name(name)
        if rel is None or rel.parts[0].startswith((_STAGING_PREFIX, _BACKUP_PREFIX)) or name == MANIFEST:
            raise ValueError(f"not a plain relative output name: {name!r}")
        if name in self._seen:
            raise ValueError(f"{name!r} is written twice")
        self._seen.add(name)
        if self.keep_unchanged and read_output(self.root, name) == data:
            self.names.append(name)
            self.unchanged.add(name)
            if not listed:
                self._unlisted.add(name)
            return
        target = self.staging.joinpath(*rel.parts)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as fh:
                fh.write(data)
            os.chmod(target, 0o644)
        except OSError as exc:
            raise _fail(OSError(exc.errno, exc.strerror, str(self.root.joinpath(*rel.parts)))) from None
        self.names.append(name)
        if not listed:
            self._unlisted.add(name)

    def add_all(self, files: list[OutputFile]) -> None:
        for f in files:
            self.add(f.name, f.data)

    # -- swapping in --------------------------------------------------------------------------------------------

    def commit(self) -> list[Path]:
        """Move every staged file into place; undo every move if one fails. Returns the written paths."""
        backup = Path(tempfile.mkdtemp(prefix=_BACKUP_PREFIX, dir=self.root))
        done: list[tuple[Path, Path | None]] = []  # (target, its backup or None when it did not exist)
        try:
            stale = self._stale() if self.prune else []  # read before the new manifest replaces the old
            if self.prune:
                self._stage_manifest()
                if self.keep_unchanged and read_output(self.root, MANIFEST) == (self.staging / MANIFEST).read_bytes():
                    self.unchanged.add(MANIFEST)
            for name in self._ordered_names():
                target = self._target(name)
                saved = None
                if target.exists() or target.is_symlink():
                    if target.is_dir() and not target.is_symlink():
                        raise OutputError(f"cannot write {target}: a folder of that name is in the way")
                    saved = backup / f"{len(done)}"
                    os.rename(target, saved)
                done.append((target, saved))
                target.parent.mkdir(parents=True, exist_ok=True)
                os.rename(self.staging / name, target)
            for path in stale:
                saved = backup / f"{len(done)}"
                os.rename(path, saved)
                done.append((path, saved))
        except OSError as exc:
            self._undo(done, backup)
            raise _fail(exc) from None
        except BaseException:
            self._undo(done, backup)
            raise
        finally:
            shutil.rmtree(self.staging, ignore_errors=True)
        shutil.rmtree(backup, ignore_errors=True)
        self._remove_empty_folders({t.parent for t, _ in done})
        return [self.root.joinpath(*PurePosixPath(n).parts) for n in self.names]

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        self._drop_created_root()

    def __enter__(self) -> OutputTree:
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is not None:
            self.abort()

    # -- helpers ------------------------------------------------------------------------------------------------

    def read(self, name: str) -> bytes | None:
        """A file of the tree as the previous run left it (see read_output)."""
        return read_output(self.root, name)

    def _stage_manifest(self) -> None:
        with open(self.staging / MANIFEST, "wb") as fh:
            fh.write(("\n".join(sorted(n for n in self.names if n not in self._unlisted)) + "\n").encode())
        os.chmod(self.staging / MANIFEST, 0o644)

    def _ordered_names(self) -> list[str]:
        # the manifest last, so a run cut off mid-swap still lists the files of the previous run to prune
        names = sorted(self.names) + ([MANIFEST] if self.prune else [])
        return [n for n in names if n not in self.unchanged]

    def _target(self, name: str) -> Path:
        target = self.root.joinpath(*PurePosixPath(name).parts)
        if not _real_folder_inside(self.root, target.parent):
            raise OutputError(f"cannot write {target}: a part of its folder is a file or a symlink "
                              f"(orgdocs writes only into real folders inside {self.root})")
        return target

    def _stale(self) -> list[Path]:
        """Files the previous run wrote that this run did not: only plain names, inside, regular files."""
        manifest = self.root / MANIFEST
        try:
            if not manifest.is_file() or manifest.is_symlink():
                return []
            listed = manifest.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as exc:
            self.warn(f"warning: {describe_os_error(exc, 'read')}; no stale files removed")
            return []
        keep = set(self.names) | {MANIFEST}
        stale = []
        for old in listed:
            if not old or old in keep:
                continue
            rel = plain_name(old)
            path = self.root.joinpath(*rel.parts) if rel is not None else None
            if path is None or not _real_folder_inside(self.root, path.parent) or path.is_symlink() \
                    or (path.exists() and not path.is_file()):
                self.warn(f"warning: {manifest}: ignored entry {old!r}: not a plain file inside {self.root}")
            elif path.is_file():
                stale.append(path)
        return stale

    def _undo(self, done: list[tuple[Path, Path | None]], backup: Path) -> None:
        for target, saved in reversed(done):
            try:
                if saved is None:
                    target.unlink()
                else:
                    os.replace(saved, target)
            except OSError:
                pass
        self._remove_empty_folders({t.parent for t, _ in done})
        try:
            backup.rmdir()  # empty once every file is back; if not, what it still holds is kept for the user
        except OSError:
            self.warn(f"warning: could not restore every file; the previous files are in {backup}")

    def _remove_empty_folders(self, folders: set[Path]) -> None:
        for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            while folder != self.root and folder.is_dir() and not folder.is_symlink():
                try:
                    folder.rmdir()  # only succeeds when empty
                except OSError:
                    break
                folder = folder.parent

    def _clear_leftovers(self) -> None:
        clear_leftovers(self.root)

    def _drop_created_root(self) -> None:
        if self._created_root is not None:
            shutil.rmtree(self._created_root, ignore_errors=True)


def write_all(folder: Path, files: list[OutputFile], *, prune: bool = False, warn=None) -> list[Path]:
    """Write files under folder all-or-nothing (see OutputTree)."""
    with OutputTree(folder, prune=prune, warn=warn) as tree:
        tree.add_all(files)
        return tree.commit()
