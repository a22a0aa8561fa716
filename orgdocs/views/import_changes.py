"""What a re-import changed, in the words of people: who joined, who left, who moved to another manager, whose
title or unit changed. Built on the diff `compare` uses (analyse/diff.py), matched by position id, which import
keeps stable."""

from __future__ import annotations

from dataclasses import dataclass, field

from orgdocs.analyse.diff import Diff, diff
from orgdocs.analyse.summary import Analysis

SECTIONS = (("joiners", "Joiners"), ("leavers", "Leavers"), ("moves", "Moves"), ("titles", "Title changes"),
            ("units", "Unit changes"), ("other", "Other changes"))


@dataclass
class ImportChanges:
    joiners: list[str] = field(default_factory=list)
    leavers: list[str] = field(default_factory=list)
    moves: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    def sections(self) -> list[tuple[str, list[str]]]:
        return [(label, getattr(self, key)) for key, label in SECTIONS]

    def counts(self) -> str:
        parts = [f"{label.lower()} {len(getattr(self, key))}" for key, label in SECTIONS if getattr(self, key)]
        return ", ".join(parts) if parts else "no changes"

    @property
    def empty(self) -> bool:
        return not any(lines for _, lines in self.sections())


def _who(an: Analysis, pid: str) -> str:
    """'Ana Ruiz (Engineer)', or the title alone for an open seat or a group."""
    pos = an.tree.nodes[pid].position
    names = pos.holder_names()
    title = an.catalog.title(pos)
    if len(names) == 1:
        return f"{names[0]} ({title})"
    return f"{title} ×{pos.seats}" if pos.seats > 1 else f"{title} (open)"


def _manager(an: Analysis, pid: str) -> str:
    parent = an.tree.nodes[pid].parent
    return f"under {_who(an, parent)}" if parent else "at the top"


def import_changes(before: Analysis, after: Analysis, d: Diff | None = None) -> ImportChanges:
    d = d or diff(before, after, by_title=False)
    out = ImportChanges()
    for pid in d.added:
        pos = after.tree.nodes[pid].position
        title = after.catalog.title(pos)
        out.joiners += [f"{name} ({title}), {_manager(after, pid)}" for name in pos.holder_names()]
        if pos.open_seats:
            out.other.append(f"new open seat{'s' if pos.open_seats > 1 else ''}: {title}"
                             + (f" ×{pos.open_seats}" if pos.open_seats > 1 else "") + f", {_manager(after, pid)}")
    for pid in d.removed:
        pos = before.tree.nodes[pid].position
        title = before.catalog.title(pos)
        out.leavers += [f"{name} ({title}), was {_manager(before, pid)}" for name in pos.holder_names()]
        if pos.open_seats:
            out.other.append(f"open seat closed: {title}, was {_manager(before, pid)}")
    for pa, pb, _, _ in d.moved:
        out.moves.append(f"{_who(after, pb)}: from {_manager(before, pa)} to {_manager(after, pb)}")
    for pa, pb, fields in d.changed:
        who = _who(after, pb)
        for name, (old, new) in fields.items():
            if name == "holders":
                was = set(before.tree.nodes[pa].position.holder_names())
                now = set(after.tree.nodes[pb].position.holder_names())
                title = after.catalog.title(after.tree.nodes[pb].position)
                out.joiners += [f"{n} ({title}), {_manager(after, pb)}" for n in sorted(now - was)]
                out.leavers += [f"{n} ({title}), was {_manager(before, pa)}" for n in sorted(was - now)]
            elif name in ("title", "role"):
                if name == "role" and "title" in fields:
                    continue
                out.titles.append(f"{who}: {old or '—'} → {new or '—'}")
            elif name == "unit":
                out.units.append(f"{who}: {old or '—'} → {new or '—'}")
            elif name not in ("count", "open") or "holders" not in fields:
                out.other.append(f"{who}: {name} {old or '—'} → {new or '—'}")
    out.units += d.units
    return out
