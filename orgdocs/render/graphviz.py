"""Running Graphviz: bytes in, bytes out, with a timeout and no access to files outside one folder."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
import zlib
from pathlib import Path

from orgdocs.errors import ToolError


class RenderError(ToolError):
    """Graphviz is missing, timed out or failed."""


_IMAGE_NAME = re.compile(r"avatar-[0-9a-f]{8,64}\.png")


def run(dot_source: str, fmt: str, *, folder: Path, engine: str = "neato", pinned: bool = True,
        timeout: float = 300.0, extra: list[str] | None = None, images: dict[str, bytes] | None = None) -> bytes:
    """images: pictures the labels name (<IMG SRC=...>), by file name: written into a private folder made for
    this one run and removed after it, and the only folder Graphviz may read; never a path of the user's."""
    if images:
        with _image_folder(images) as private:
            return run(dot_source, fmt, folder=private, engine=engine, pinned=pinned, timeout=timeout,
                       extra=[*(extra or []), f"-Gimagepath={private}"])
    done = _graphviz(dot_source, fmt, folder=folder, engine=engine, pinned=pinned, timeout=timeout, extra=extra)
    if done.returncode != 0 or not done.stdout:
        raise _failed(done)
    return done.stdout


class _image_folder:
    """A folder of its own (mode 0700) holding the pictures, removed on leaving."""

    def __init__(self, images: dict[str, bytes]):
        self.images = images

    def __enter__(self) -> Path:
        self.tmp = tempfile.TemporaryDirectory(prefix="orgdocs-pictures-")
        folder = Path(self.tmp.name).resolve()
        for name, data in sorted(self.images.items()):
            if not _IMAGE_NAME.fullmatch(name):  # names are made from a hash (chart_dot.image_name): never a path
                self.tmp.cleanup()
                raise ValueError(f"not a picture's name: {name!r}")
            (folder / name).write_bytes(data)
        return folder

    def __exit__(self, *exc) -> None:
        self.tmp.cleanup()


def run_many(sources: list[str], fmt: str, *, folder: Path, extra: list[str] | None = None,
             timeout: float = 300.0, images: dict[str, bytes] | None = None) -> list[bytes]:
    """Pinned graphs drawn by one `neato -n2` process, one output each, in order: a process per graph spent
    most of a tiled chart's time starting Graphviz and loading its fonts. Graphviz writes the outputs one
    after another; they are cut apart by their own structure (a PDF's trailer and xref offset, a PNG's chunks)
    and checked against the number of graphs. Formats that cannot be cut, or output that does not cut
    cleanly, fall back to one process per graph."""
    if images:
        with _image_folder(images) as private:
            return run_many(sources, fmt, folder=private, extra=[*(extra or []), f"-Gimagepath={private}"],
                            timeout=timeout)
    cut = _SPLITTERS.get(fmt)
    if len(sources) > 1 and cut is not None:
        done = _graphviz("".join(sources), fmt, folder=folder, engine="neato", pinned=True, timeout=timeout,
                         extra=extra)
        if done.returncode != 0 or not done.stdout:
            raise _failed(done)
        parts = cut(done.stdout)
        if parts is not None and len(parts) == len(sources):
            return parts
    return [run(s, fmt, folder=folder, extra=extra, timeout=timeout) for s in sources]


_PDF_END = re.compile(rb"startxref\r?\n(\d+)\r?\n%%EOF\r?\n?")


def _cut_pdfs(data: bytes) -> list[bytes] | None:
    """PDFs written back to back: each ends at the first `startxref n %%EOF` whose n points at its own xref
    table and after which the next PDF (or nothing) begins."""
    out, start = [], 0
    while start < len(data):
        if not data.startswith(b"%PDF-", start):
            return None
        for m in _PDF_END.finditer(data, start):
            end, xref = m.end(), start + int(m.group(1))
            if (data.startswith(b"xref", xref) and (end == len(data) or data.startswith(b"%PDF-", end))):
                break
        else:
            return None
        out.append(data[start:end])
        start = end
    return out


_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _cut_pngs(data: bytes) -> list[bytes] | None:
    """PNGs written back to back, walked chunk by chunk (length, type, data, CRC) to each IEND."""
    out, start = [], 0
    while start < len(data):
        if not data.startswith(_PNG_MAGIC, start):
            return None
        at = start + len(_PNG_MAGIC)
        while True:
            if at + 12 > len(data):
                return None
            length = int.from_bytes(data[at:at + 4], "big")
            kind = data[at + 4:at + 8]
            end = at + 12 + length
            if end > len(data) or zlib.crc32(data[at + 4:end - 4]) != int.from_bytes(data[end - 4:end], "big"):
                return None
            at = end
            if kind == b"IEND":
                break
        out.append(data[start:at])
        start = at
    return out


_SPLITTERS = {"pdf": _cut_pdfs, "png": _cut_pngs}


def _failed(done: subprocess.CompletedProcess) -> RenderError:
    message = done.stderr.decode("utf-8", "replace").strip().splitlines()
    return RenderError("Graphviz failed: " + (message[-1] if message else f"exit code {done.returncode}"))


def _graphviz(dot_source: str, fmt: str, *, folder: Path, engine: str, pinned: bool, timeout: float,
              extra: list[str] | None) -> subprocess.CompletedProcess:
    exe = shutil.which(engine)
    if exe is None:
        raise RenderError(f"Graphviz '{engine}' is not installed (Debian: apt-get install graphviz)")
    args = [exe, *(["-n2"] if pinned else []), f"-T{fmt}", *(extra or [])]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        # Graphviz opens image= and shapefile= paths; with these two set it only looks inside `folder`.
        "GV_FILE_PATH": str(Path(folder).resolve()),
        "SERVER_NAME": "orgdocs",
    }
    for name in ("HOME", "FONTCONFIG_FILE", "FONTCONFIG_PATH", "XDG_CACHE_HOME"):
        if name in os.environ:
            env[name] = os.environ[name]
    try:
        return subprocess.run(args, input=dot_source.encode("utf-8"), capture_output=True, timeout=timeout,
                              env=env, check=False)
    except subprocess.TimeoutExpired:
        raise RenderError(f"Graphviz took longer than {timeout:g} s and was stopped") from None


def document_time(as_of: dt.date | None) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set, else the org's as-of date, else a fixed date: never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    if as_of is not None:
        return dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.timezone.utc)
    return dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
