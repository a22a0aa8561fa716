"""Plain data plus where each part of it was written."""

from __future__ import annotations

import pathlib
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field

from orgdocs.problems import Location

Path = tuple[str | int, ...]

PACK_LINE, PACK_FILE = 1 << 32, 1 << 64  # a position packed into one int: file index, line, column


class Positions(MutableMapping):
    """Path → Location, each kept as one int (file, line and column packed), not one Location object: a
    100,000-position org has a million keys and values, and a million Locations cost ~150 MB and half a second.
    A Location is made when one is asked for, equal to the one stored."""

    def __init__(self, items: Iterable | None = None):
        self._at: dict[Path, int | Location] = {}
        self._files: list[str] = []
        self._index: dict[str, int] = {}
        if items is not None:
            self.update(items)

    def file_index(self, file: str) -> int:
        i = self._index.get(file)
        if i is None:
            i = self._index[file] = len(self._files)
            self._files.append(file)
        return i

    def packed(self, file: str) -> tuple[dict[Path, int | Location], int]:
        """For the reader, which stores a million positions: the table itself and the file's packed offset;
        a position is stored as `table[path] = offset + line * PACK_LINE + column`."""
        return self._at, self.file_index(file) * PACK_FILE

    def __getitem__(self, path: Path) -> Location:
        at = self._at[path]
        if type(at) is not int:
            return at
        return Location(self._files[at // PACK_FILE], at % PACK_FILE // PACK_LINE, at % PACK_LINE)

    def __setitem__(self, path: Path, loc: Location) -> None:
        if type(loc) is Location and 0 <= loc.line < PACK_LINE and 0 <= loc.column < PACK_LINE:
            self._at[path] = self.file_index(loc.file) * PACK_FILE + loc.line * PACK_LINE + loc.column
        else:  # a subclass (a table cell's location) or None is kept as it is
            self._at[path] = loc

    def __delitem__(self, path: Path) -> None:
        del self._at[path]

    def __contains__(self, path: object) -> bool:
        return path in self._at

    def __iter__(self) -> Iterator[Path]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)

    def copy(self) -> Positions:
        out = Positions()
        out._at, out._files, out._index = dict(self._at), list(self._files), dict(self._index)
        return out

    def __repr__(self) -> str:
        return f"Positions({dict(self.items())!r})"


@dataclass
class Located:
    """Plain data (dict, list, str, int, float, bool, None, date) and the position of every key and value."""

    data: object
    values: MutableMapping[Path, Location] = field(default_factory=Positions)
    keys: MutableMapping[Path, Location] = field(default_factory=Positions)
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
