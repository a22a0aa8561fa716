"""Turn an OrgSource into one located document: read, guard and parse each file, follow `include:`, merge."""

from __future__ import annotations

from pathlib import Path

from orgdocs.problems import Location, Problem
from orgdocs.source.discover import YAML_SUFFIXES, OrgSource, inside
from orgdocs.source.guards import DEFAULT_LIMITS, Limits, check_size, decode, scan_characters
from orgdocs.source.located import Located
from orgdocs.source.reader import read_yaml
from orgdocs.source.variants import apply_changes, overlay

# Top-level sections are merged key by key across files; below that, lists are concatenated and anything
# else defined twice is an error naming both places.


def read_file(path: Path, label: str, limits: Limits = DEFAULT_LIMITS,
              given: bytes | None = None) -> tuple[Located | None, list[Problem]]:
    """`given`: the bytes, when they were read already (standard input)."""
    try:
        problems = check_size(path.stat().st_size if given is None else len(given), label, limits)
        if problems:  # checked before reading, so a huge file is never loaded into memory
            return None, problems
        data = path.read_bytes() if given is None else given
    except OSError as exc:
        return None, [Problem(f"cannot read file: {exc.strerror or exc}", Location(label), code="unreadable")]
    text, problems = decode(data, label)
    if text is None:
        return None, problems
    problems = scan_characters(text, label)
    if problems:
        return None, problems
    return read_yaml(text, label, limits)


def _shift(path: tuple, offset: int, depth: int) -> tuple:
    """Renumber list items at `depth` in a path by `offset` (they move when lists are concatenated)."""
    if len(path) > depth and isinstance(path[depth], int):
        return path[:depth] + (path[depth] + offset,) + path[depth + 1:]
    return path


def _graft(target: Located, source: Located, src_prefix: tuple, dst_prefix: tuple, offset: int | None) -> None:
    n = len(src_prefix)
    for table_name in ("values", "keys"):
        src = getattr(source, table_name)
        dst = getattr(target, table_name)
        for path, loc in src.items():
            if path[:n] != src_prefix:
                continue
            new = dst_prefix + path[n:]
            if offset is not None:
                new = _shift(new, offset, len(dst_prefix))
            dst[new] = loc


def merge(parts: list[Located]) -> tuple[Located, list[Problem]]:
    if len(parts) == 1 and "include" not in parts[0].data:
        return parts[0], []
    merged = Located(data={}, dropped=[d for part in parts for d in part.dropped])
    problems: list[Problem] = []
    if parts:
        merged.values[()] = parts[0].values.get((), Location(""))
    for part in parts:
        for top, value in part.data.items():
            here = part.keys.get((top,))
            if top == "include":
                continue
            if top not in merged.data:
                merged.data[top] = value
                merged.keys[(top,)] = here
                _graft(merged, part, (top,), (top,), None)
                continue
            existing = merged.data[top]
            if not (isinstance(existing, dict) and isinstance(value, dict)):
                if isinstance(existing, list) and isinstance(value, list):
                    _graft(merged, part, (top,), (top,), len(existing))
                    existing.extend(value)
                    continue
                problems.append(
                    Problem(f"section {top!r} is defined in two files", here, code="duplicate-key",
                            related=(merged.keys[(top,)],))
                )
                continue
            for key, sub in value.items():
                sub_here = part.keys.get((top, key))
                if key not in existing:
                    existing[key] = sub
                    merged.keys[(top, key)] = sub_here
                    _graft(merged, part, (top, key), (top, key), None)
                elif isinstance(existing[key], list) and isinstance(sub, list):
                    _graft(merged, part, (top, key), (top, key), len(existing[key]))
                    existing[key].extend(sub)
                else:
                    problems.append(
                        Problem(f"{top}.{key} is defined in two files", sub_here, code="duplicate-key",
                                related=(merged.keys[(top, key)],))
                    )
    return merged, problems




def _includes(part: Located, source: OrgSource, file_label: str) -> tuple[list[Path], list[Problem]]:
    raw = part.data.get("include")
    if raw is None:
        return [], []
    where = part.values.get(("include",), Location(file_label))
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        return [], [Problem("include must be a list of file names", where, code="wrong-type")]
    found, problems = [], []
    for i, name in enumerate(raw):
        loc = part.values.get(("include", i), where)
        candidate = source.folder / name
        if Path(name).is_absolute() or not inside(source.folder, candidate):
            problems.append(
                Problem(f"include {name!r} is outside the org's folder {source.folder}", loc, code="include-outside")
            )
        elif candidate.suffix.lower() not in YAML_SUFFIXES:
            problems.append(Problem(f"include {name!r} is not a .yaml file", loc, code="include-missing"))
        elif not candidate.is_file():
            problems.append(Problem(f"include {name!r} does not exist in {source.folder}", loc,
                                    code="include-missing"))
        else:
            found.append(candidate)
    return found, problems


def _resolve(name: object, source: OrgSource, loc: Location, what: str) -> tuple[Path | None, list[Problem]]:
    if not isinstance(name, str):
        return None, [Problem(f"{what} must be a file name", loc, code="wrong-type")]
    candidate = source.folder / name
    if Path(name).is_absolute() or not inside(source.folder, candidate):
        return None, [Problem(f"{what} {name!r} is outside the org's folder {source.folder}", loc,
                              code="include-outside")]
    if candidate.suffix.lower() not in YAML_SUFFIXES or not candidate.is_file():
        return None, [Problem(f"{what} {name!r} is not a .yaml file in {source.folder}", loc,
                              code="include-missing")]
    return candidate, []



def _load_unit(path: Path, source: OrgSource, limits: Limits, included: set[Path],
               chain: tuple[Path, ...] = (), links: tuple[Location, ...] = ()) -> tuple[Located | None, list[Problem]]:
    """One file with what it includes, laid over the org it extends (with its changes applied).
    `chain`: the files that led here by `extends`; `links`: where each of them says so."""
    if not source.may_read(path):  # checked again here, right before reading, whatever found the path
        return None, [outside_problem(path, source)]
    part, problems = read_file(path, source.label(path), limits, source.given if path == source.named else None)
    if part is None:
        return None, problems
    parts = []
    targets, found = _includes(part, source, source.label(path))
    problems += found
    for target in targets:
        if target.resolve() in included:
            continue
        included.add(target.resolve())
        sub, found = read_file(target, source.label(target), limits)
        problems += found
        if sub is None:
            continue
        if "include" in sub.data or "extends" in sub.data:
            problems.append(Problem("an included file cannot include or extend others",
                                    sub.keys.get(("include",)) or sub.keys.get(("extends",)), code="include-nested"))
        parts.append(sub)
    own, found = merge(parts + [part])
    problems += found
    if "extends" not in part.data:
        if "changes" in part.data:
            problems.append(Problem("changes: apply to the org this one extends; add `extends: <file>`",
                                    part.keys.get(("changes",)), code="invalid-change"))
        return own, problems
    where = part.values.get(("extends",), Location(source.label(path)))
    target, found = _resolve(part.data["extends"], source, where, "extends")
    problems += found
    if target is None:
        return None, problems
    walked = [c.resolve() for c in chain + (path,)]
    if target.resolve() in walked:
        start = walked.index(target.resolve())
        names = " → ".join(p.name for p in (chain + (path, target))[start:])
        return None, problems + [Problem(f"extends forms a cycle: {names}", where, code="extends-cycle",
                                         related=links[start:])]
    if len(chain) >= limits.max_extends:
        return None, problems + [Problem(f"more than {limits.max_extends} levels of extends", where,
                                         code="extends-cycle")]
    base, found = _load_unit(target, source, limits, set(included), chain + (path,), links + (where,))
    problems += found
    if base is None:
        return None, problems
    result = overlay(base, own)
    problems += apply_changes(result, part)
    result.extends = target
    return result, problems


def outside_problem(path: Path, source: OrgSource) -> Problem:
    what = "a folder" if path.is_dir() else "a file"
    return Problem(f"resolves to {what} outside the org folder {source.label(source.folder)}; it was not read",
                   Location(source.label(path)), code="outside-folder")


def assemble(source: OrgSource, limits: Limits = DEFAULT_LIMITS) -> tuple[Located | None, list[Problem]]:
    problems: list[Problem] = [outside_problem(path, source) for path in source.refused]
    parts: list[Located] = []
    included: set[Path] = {p.resolve() for p in source.files}  # a folder org's own files merge once
    for path in source.files:
        unit, found = _load_unit(path, source, limits, included)
        problems += found
        if unit is not None:
            parts.append(unit)
    if any(p.severity == "error" for p in problems) and not parts:
        return None, problems
    merged, found = merge(parts)
    return merged, problems + found
