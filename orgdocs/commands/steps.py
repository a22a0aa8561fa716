"""The steps every command shares: read and validate orgs (from paths, git revisions), check them, count them."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from orgdocs.analyse.loaded import LoadedOrg
from orgdocs.analyse.summary import Numbers, analyse, numbers
from orgdocs.checks import run_checks
from orgdocs.collector import collector_paused
from orgdocs.errors import InputError, OrgdocsError
from orgdocs.limits import DEFAULT_LIMITS
from orgdocs.problems import OrgInputError, Problem
from orgdocs.render import strict_json
from orgdocs.source.assemble import assemble
from orgdocs.source.discover import DiscoveryError, OrgSource, family_order, find_orgs, stdin_org
from orgdocs.source.git import GitError, checkout, split_revision, temporary_folder
from orgdocs.validate import validate
from orgdocs.views.check import check_report  # noqa: F401  (commands use it from here)

if TYPE_CHECKING:  # the comparison (diff, scene) is loaded by compare alone
    from orgdocs.views.comparison import Comparison

__all__ = ["LoadedOrg", "load", "load_one", "check", "org_stats", "check_report", "comparison", "summary_line",
           "failure_json"]


_CHECKOUTS: list = []  # temporary folders of git revisions, removed when the process ends


def _sources(paths: list[str]) -> list[OrgSource]:
    """Paths as orgs; `path@rev` reads the path as it was at a git revision."""
    sources: list[OrgSource] = []
    for raw in paths:
        if raw == "-":
            # one byte over the limit is enough for the size check to refuse it, without reading it all
            data = sys.stdin.buffer.read(DEFAULT_LIMITS.max_file_bytes + 1)
            sources.append(stdin_org(data, Path(".")))
            continue
        split = split_revision(raw)
        if split is None:
            sources += find_orgs([raw])
            continue
        path, rev = split
        tmp = temporary_folder()
        _CHECKOUTS.append(tmp)
        try:
            local = checkout(path, rev, Path(tmp.name))
        except GitError as exc:
            raise DiscoveryError(f"{raw}: {exc}") from None
        top = str(local)[: len(str(local)) - len(path.rstrip("/"))] if str(local).endswith(path.rstrip("/")) \
            else str(Path(tmp.name))
        for source in find_orgs([str(local)]):
            # named=None: at a revision even the named file must lie in its folder, whatever a committed link says
            sources.append(dataclasses.replace(source, id=f"{source.id}@{rev}", family="", revision=(top, rev),
                                               named=None))
    ids = [s.id for s in sources]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise DiscoveryError(f"the same org is named twice: {', '.join(dupes)}")
    return sources


def load(paths: list[str]) -> list[LoadedOrg]:
    """Every org the paths name, validated. Raises OrgInputError with every problem in every org."""
    try:
        sources = _sources(paths)
    except DiscoveryError as exc:
        raise OrgInputError([Problem(str(exc), None, code="not-found")]) from None
    loaded, problems = [], []
    with collector_paused():
        for source in sources:
            located, found = assemble(source)
            problems += found
            if located is None:
                continue
            org, found = validate(located, source.folder)
            problems += found
            if org is not None and not found:
                loaded.append(LoadedOrg(source, org, located, analyse(org)))
    if problems:  # a file that several orgs read (a partial, the org a variant extends) is reported once
        raise OrgInputError(list(dict.fromkeys(problems)))
    return _in_extends_order(loaded)


def _in_extends_order(items: list[LoadedOrg]) -> list[LoadedOrg]:
    """Each family's members in the places they were found, reordered so that each comes after the org it
    extends (family_order): a family is compared base first, whatever the file names."""
    groups: dict[tuple, list[int]] = {}
    for k, item in enumerate(items):
        if item.source.family and len(item.source.files) == 1:
            groups.setdefault((item.source.family, item.source.folder), []).append(k)
    out = list(items)
    for slots in groups.values():
        members = [(items[k].source.files[0].name, items[k].source.files[0], items[k].located.extends)
                   for k in slots]
        for slot, i in zip(slots, family_order(members)):
            out[slot] = items[slots[i]]
    return out


def load_one(path: str) -> LoadedOrg:
    items = load([path])
    if len(items) != 1:
        raise InputError(f"{path} holds {len(items)} orgs ({', '.join(i.id for i in items)}); give one of them")
    return items[0]


def check(item: LoadedOrg) -> list[Problem]:
    return run_checks(item.analysis, item.located)


def org_stats(item: LoadedOrg) -> Numbers:
    return numbers(item.id, item.org, item.analysis)


def comparison(items: list[LoadedOrg], audience: str = "hr") -> Comparison:
    from orgdocs.views.comparison import build_comparison

    return build_comparison(items, [org_stats(i) for i in items], [check(i) for i in items], audience)


def summary_line(findings: list[Problem]) -> str:
    e = sum(p.severity == "error" for p in findings)
    w = sum(p.severity == "warning" for p in findings)
    accepted = sum(p.severity == "accepted" for p in findings)
    return f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}" + (
        f", {accepted} accepted" if accepted else "")


def failure_json(exc: OrgdocsError) -> str:
    """What a JSON command prints when it cannot do its work, so a pipeline always gets JSON to read."""
    problems = exc.problems if isinstance(exc, OrgInputError) else [Problem(str(exc), None, code="failed")]
    return strict_json.dumps({"ok": False, "exit_code": exc.exit_code,
                              "problems": [p.as_dict() for p in problems]}, "error")
