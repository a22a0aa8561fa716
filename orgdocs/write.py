"""The only code that writes files: each output is written to a temporary file, then renamed into place."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class OutputFile:
    name: str  # relative to the org's output folder
    data: bytes


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


MANIFEST = ".orgdocs-files"


def write_all(folder: Path, files: list[OutputFile], *, prune: bool = False) -> list[Path]:
    """Write files under folder. With prune, files a previous run wrote there (and listed in its manifest)
    that this run did not write are removed, so a renamed role leaves no stale page; nothing else is
    ever deleted."""
    written = []
    for f in files:
        target = folder / f.name
        write_atomic(target, f.data)
        written.append(target)
    if prune:
        manifest = folder / MANIFEST
        names = sorted(f.name for f in files)
        if manifest.is_file():
            for old in manifest.read_text(encoding="utf-8").splitlines():
                stale = folder / old
                if old and old not in names and ".." not in Path(old).parts and stale.is_file():
                    stale.unlink()
        write_atomic(manifest, ("\n".join(names) + "\n").encode())
    return written
