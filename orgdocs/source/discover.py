"""Which orgs a path names.

- a YAML file is one org (its id is the file name without .yaml);
- a folder holding `org.yaml` is one org made of every YAML file in it, merged (id: the folder name);
- any other folder is a collection: each org folder and each YAML file in it (recursively) is an org.
Files whose names start with '_' are partials: never orgs themselves, only brought in with `include:`.
Every file found inside a folder must resolve, symlinks followed, inside that folder: one that does not is
refused (reported where it is, never opened). Symlinked subfolders of a collection are not walked; one that
leads outside the collection is refused the same way. Only a path the user names is taken as it is.
An org's id (and output folder) depends only on its own path and the path named, never on the files beside it:
a file named is its name without .yaml; a file in a folder named is its path inside that folder (seed, or
cs-by-stage/seed when orgs/ is named). A folder holding partials or variants (files with `extends:`) is a
family, compared as one (named after the folder), its members in `extends:` order (family_order).
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from pathlib import Path

from orgdocs.paths import inside  # noqa: F401  (re-exported for source modules)

YAML_SUFFIXES = (".yaml", ".yml")
ORG_FILE_NAMES = ("org.yaml", "org.yml")


@dataclass(frozen=True)
class OrgSource:
    id: str  # also the output folder, relative to output/
    folder: Path  # nothing outside this folder may be read for this org
    files: tuple[Path, ...]
    family: str = ""  # the family of variants it belongs to ("cs-by-stage"), compared by `build`
    revision: tuple[str, str] = ("", "")  # (checkout folder, git revision) when read from git
    refused: tuple[Path, ...] = ()  # found in the folder but resolving outside it: reported, never opened
    named: Path | None = None  # the file the user named, read wherever its link leads
    given: bytes | None = None  # the named file's bytes when they come from standard input, not a file

    def may_read(self, path: Path) -> bool:
        return path == self.named or inside(self.folder, path)

    def label(self, path: Path) -> str:
        """How a file is named in messages (a git revision's files by their name in the repo, with @rev)."""
        text = str(path)
        folder, rev = self.revision
        if folder and text.startswith(folder):
            return text[len(folder):].lstrip("/") + "@" + rev
        return text



STDIN = Path("<stdin>")  # how standard input is named in messages


def stdin_org(data: bytes, folder: Path) -> OrgSource:
    """One org read from standard input: what it includes or extends (and its logo) is looked up in `folder`,
    the current folder, and confined to it as a named file's are to its own folder."""
    return OrgSource("stdin", folder, (STDIN,), named=STDIN, given=data)


class DiscoveryError(Exception):
    pass


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES and not path.name.startswith(("_", "."))


def _is_org_folder(path: Path) -> bool:
    return any((path / name).is_file() for name in ORG_FILE_NAMES)


def _members(folder: Path, named: Path | None = None) -> tuple[list[Path], list[Path]]:
    """The YAML files of a folder that may be read, and those that resolve outside it (a broken link is kept
    as a member, so that reading it reports it)."""
    readable, refused = [], []
    for p in sorted(folder.iterdir(), key=lambda p: p.name):
        if not _is_yaml(p) or not (p.is_file() or p.is_symlink()):
            continue
        if p == named or inside(folder, p):
            readable.append(p)
        else:
            refused.append(p)
    return readable, refused


def _folder_org(folder: Path, org_id: str, named: Path | None = None) -> OrgSource:
    files, refused = _members(folder, named)
    # org.yaml first so its positions come first in merged lists
    files.sort(key=lambda p: p.name not in ORG_FILE_NAMES)
    return OrgSource(org_id, folder, tuple(files), refused=tuple(refused), named=named)


# `extends:` at the top of a file, in block or flow style, quoted or not
_EXTENDS = re.compile(rb"""^[ \t]*\{?[ \t]*["']?extends["']?[ \t]*:""", re.MULTILINE)


def _has_partials(folder: Path) -> bool:
    """A family of variants: it holds partials (_catalog.yaml) or orgs that extend one another."""
    for p in sorted(folder.iterdir(), key=lambda p: p.name):
        if p.suffix.lower() not in YAML_SUFFIXES or not p.is_file() or not inside(folder, p):
            continue
        if p.name.startswith("_"):
            return True
        with p.open("rb") as fh:
            if _EXTENDS.search(fh.read(64 * 1024)):
                return True
    return False


def _collect(folder: Path, prefix: str, found: list[OrgSource]) -> None:
    family = (prefix.rstrip("/") or folder.resolve().name) if _has_partials(folder) else ""
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith((".", "_")):
            continue
        if entry.is_symlink() and not inside(folder, entry):
            if entry.is_dir() or _is_yaml(entry):
                name = entry.stem if _is_yaml(entry) else entry.name
                found.append(OrgSource(prefix + name, folder, (), refused=(entry,)))
            continue
        if entry.is_dir() and not entry.is_symlink():  # a link inside leads to a folder walked on its own
            if _is_org_folder(entry):
                found.append(_folder_org(entry, prefix + entry.name))
            else:
                _collect(entry, prefix + entry.name + "/", found)
        elif _is_yaml(entry) and (entry.is_file() or entry.is_symlink()):
            found.append(OrgSource(prefix + entry.stem, folder, (entry,), family=family))


def find_orgs(paths: list[str]) -> list[OrgSource]:
    found: list[OrgSource] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            if path.suffix.lower() not in YAML_SUFFIXES:
                raise DiscoveryError(f"{raw}: not a YAML file (.yaml or .yml)")
            org_id = path.parent.name if path.name in ORG_FILE_NAMES else path.stem
            family = ""
            if path.name not in ORG_FILE_NAMES and _has_partials(path.parent):
                family = path.parent.resolve().name
            if path.name in ORG_FILE_NAMES:
                found.append(_folder_org(path.parent, org_id or "org", named=path))
            else:
                found.append(OrgSource(org_id, path.parent, (path,), family=family, named=path))
        elif path.is_dir():
            if _is_org_folder(path):
                found.append(_folder_org(path, path.resolve().name))
            else:
                before = len(found)
                _collect(path, "", found)
                if len(found) == before:
                    raise DiscoveryError(f"{raw}: no org definitions (.yaml files) in this folder")
        else:
            raise DiscoveryError(f"{raw}: no such file or folder")
    ids = [o.id for o in found]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise DiscoveryError(f"two orgs would write to the same output folder: {', '.join(dupes)}")
    return found



def family_order(members: list[tuple[str, Path, Path | None]]) -> list[int]:
    """The order a family is compared in: each org after the org it extends, bases first; of the orgs whose
    base is placed (or is no member), the first by file name. `members`: (file name, path, the path it
    extends or None). Returns indexes into `members`."""
    at = {path.resolve(): i for i, (_, path, _) in enumerate(members)}
    base = {i: at.get(ext.resolve()) if ext is not None else None for i, (_, _, ext) in enumerate(members)}
    waiting: dict[int, list[int]] = {}
    ready: list[tuple[str, int]] = []
    for i, b in base.items():
        if b is None or b == i:
            heapq.heappush(ready, (members[i][0], i))
        else:
            waiting.setdefault(b, []).append(i)
    order: list[int] = []
    while ready:
        _, i = heapq.heappop(ready)
        order.append(i)
        for j in waiting.pop(i, []):
            heapq.heappush(ready, (members[j][0], j))
    return order + sorted(set(base) - set(order))  # a cycle of extends is refused on loading; kept just in case
