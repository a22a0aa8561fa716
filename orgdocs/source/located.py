"""Plain data plus where each part of it was written."""

from __future__ import annotations

import pathlib
from dataclasses import dataclass, field

from orgdocs.problems import Location

Path = tuple[str | int, ...]


@dataclass
class Located:
    """Plain data (dict, list, str, int, float, bool, None, date) and the position of every key and value."""

    data: object
    values: dict[Path, Location] = field(default_factory=dict)
    keys: dict[Path, Location] = field(default_factory=dict)
    # relations a variant's change dropped (a dotted line to a removed position): (what, where the change is,
    # the removed position's id: the subject `policies.accept` names)
    dropped: list[tuple[str, Location, str]] = field(default_factory=list)
    extends: pathlib.Path | None = None  # the file this org extends, if it is a variant

    def where(self, path: Path, *, key: bool = False) -> Location:
        """Position of path's key (or value), else of the nearest enclosing value that has one."""
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Location(""))
