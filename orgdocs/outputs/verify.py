"""Scanning a tree `build` already wrote (`orgdocs verify`): the files its redaction manifest lists, read back
and searched for what the manifest's audience may not see, with the orgs' own sources giving the values."""

from __future__ import annotations

from pathlib import Path

from orgdocs.analyse.loaded import LoadedOrg
from orgdocs.errors import InputError
from orgdocs.outputs.manifest import read_manifest
from orgdocs.outputs.plan import MANIFEST, tree_file
from orgdocs.outputs.public import secrets_for
from orgdocs.scan import Confidential, Leak, find_leaks
from orgdocs.views.audience import audience_rules


def verify_tree(tree: Path, orgs: list[LoadedOrg]) -> tuple[str, list[Leak], int]:
    """(the tree's audience, every leak found, how many files were scanned: every file of the tree).
    InputError (exit 2) when the tree has no readable manifest, a listed file is missing or outside the tree,
    or an org it names was not given."""
    where = tree / MANIFEST
    try:
        doc = read_manifest(where.read_bytes())
        audience = doc["audience"]
        names = [entry["file"] for entry in doc["files"]]
        org_ids = list(doc["orgs"])
        audience_rules(None, audience)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{where}: not a redaction manifest orgdocs can read ({exc}); "
                         f"give a tree `orgdocs build` wrote, such as output/all-hands") from None
    by_id = {item.id: item for item in orgs}
    if missing := [org_id for org_id in org_ids if org_id not in by_id]:
        raise InputError(f"{tree} was built from {', '.join(missing)}: give "
                         f"{'its' if len(missing) == 1 else 'their'} source too (orgdocs verify TREE ORG...)")
    secrets = {org_id: secrets_for(by_id[org_id], audience_rules(by_id[org_id].org, audience)) for org_id in org_ids}
    everyone = Confidential()
    for s in secrets.values():
        everyone = everyone.merge(s)
    root = tree.resolve()
    problems = [f"{where}: lists {name!r}, which is not a file of the tree" for name in names
                if not isinstance(name, str) or not (tree / name).resolve().is_relative_to(root)]
    problems += [f"{tree / name}: listed in the manifest but missing" for name in names
                 if not problems and not (tree / name).is_file()]
    if problems:
        raise InputError("\nerror: ".join(problems))
    # every file of the tree, listed or not: one put there after the build is scanned too
    files = [(p.relative_to(tree).as_posix(), p.read_bytes()) for p in sorted(tree.rglob("*"))
             if p.is_file() and not p.is_symlink() and p.name != MANIFEST]
    leaked: list[Leak] = []
    for name, data in files:
        org_id = name.split("/", 1)[0]
        leaked += find_leaks([(tree_file(audience, name), data)], secrets.get(org_id, everyone))
    return audience, leaked, len(files)
