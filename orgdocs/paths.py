"""The one containment rule: a path belongs to a folder when, with every symlink resolved, it lies inside it."""

from __future__ import annotations

import os
from pathlib import Path


def inside(folder: Path | str, candidate: Path | str) -> bool:
    """True when candidate, with every symlink resolved, is folder or lies within it."""
    root = os.path.realpath(folder)
    real = os.path.realpath(candidate)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)
