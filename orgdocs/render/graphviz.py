"""Running Graphviz: bytes in, bytes out, with a timeout and no access to files outside one folder."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

from orgdocs.errors import ToolError


class RenderError(ToolError):
    """Graphviz is missing, timed out or failed."""


def run(dot_source: str, fmt: str, *, folder: Path, engine: str = "neato", pinned: bool = True,
        timeout: float = 300.0, extra: list[str] | None = None) -> bytes:
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
        done = subprocess.run(args, input=dot_source.encode("utf-8"), capture_output=True, timeout=timeout,
                              env=env, check=False)
    except subprocess.TimeoutExpired:
        raise RenderError(f"Graphviz took longer than {timeout:g} s and was stopped") from None
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError("Graphviz failed: " + (message[-1] if message else f"exit code {done.returncode}"))
    return done.stdout


def document_time(as_of: dt.date | None) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set, else the org's as-of date, else a fixed date: never the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    if as_of is not None:
        return dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.timezone.utc)
    return dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
