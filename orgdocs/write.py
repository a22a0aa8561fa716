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


def write_all(folder: Path, files: list[OutputFile]) -> list[Path]:
    written = []
    for f in files:
        target = folder / f.name
        write_atomic(target, f.data)
        written.append(target)
    return written
