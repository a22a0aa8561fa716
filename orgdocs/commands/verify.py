"""`orgdocs verify`: scan a tree `build` wrote again, with the rules of the audience its redaction manifest
names and the values of the orgs given; exit 5 on a hit, as `build` would have."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgdocs.commands.result import Result


@dataclass(frozen=True)
class Options:
    tree: Path
    orgs: tuple[str, ...]


def run(options: Options) -> Result:
    from orgdocs.commands import steps
    from orgdocs.outputs.verify import verify_tree
    from orgdocs.scan import LeakFound

    audience, leaked, scanned = verify_tree(options.tree, steps.load(list(options.orgs)))
    if leaked:
        raise LeakFound(leaked, audience, ending="this tree is not safe to publish as it is.")
    return Result(info=[f"{options.tree}: {scanned} files for {audience}, clean"])
