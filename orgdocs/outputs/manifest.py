"""The redaction manifest of an audience's tree (plan.MANIFEST): every file in it, the audience it is for, the
classes of fields withheld from it, and what the leak scan found. Deterministic: sorted, no times, no paths
outside the tree. `orgdocs verify` reads it back to scan the tree again."""

from __future__ import annotations

import json

from orgdocs.outputs.plan import MANIFEST, tree_file
from orgdocs.render import strict_json
from orgdocs.scan import Leak
from orgdocs.views.audience import AudienceRules
from orgdocs.write import OutputFile

VERSION = 1
CLEAN = "clean"


def manifest(audience: str, org_ids: list[str], files: list[str], leaked: list[Leak],
             rules: dict[str, AudienceRules]) -> OutputFile:
    """files: the names of the tree's files, relative to it; leaked: the scan's hits (named with the audience first);
    rules: each org's rules for this audience (an org may let an audience see more than the built-in rule)."""
    hits: dict[str, list[dict]] = {}
    for leak in leaked:
        hits.setdefault(leak.file, []).append(leak.as_dict())
    withheld_by_org = {org_id: r.withheld() for org_id, r in rules.items()}
    everyone = [set(w) for w in withheld_by_org.values()]
    common = [c for c in next(iter(withheld_by_org.values()), []) if all(c in w for w in everyone)]
    entries = []
    for name in sorted(files):
        org_id = name.split("/", 1)[0]
        withheld = withheld_by_org.get(org_id, common)  # comparisons and the site index: what every org withholds
        found = hits.get(tree_file(audience, name), [])
        entries.append({"file": name, "audience": audience, "withheld": withheld, "scan": found or CLEAN})
    doc = {"manifest": VERSION, "audience": audience, "orgs": sorted(org_ids),
           "withheld": {org_id: withheld_by_org[org_id] for org_id in sorted(withheld_by_org)},
           "scan": CLEAN if not leaked else "found", "files": entries}
    return OutputFile(MANIFEST, strict_json.dumps(doc, "manifest").encode())


def read_manifest(data: bytes) -> dict:
    """A manifest as written by `manifest`; ValueError when it is not one."""
    doc = json.loads(data.decode("utf-8"))
    if not isinstance(doc, dict) or doc.get("manifest") != VERSION or not isinstance(doc.get("files"), list):
        raise ValueError("not an orgdocs redaction manifest")
    return doc
