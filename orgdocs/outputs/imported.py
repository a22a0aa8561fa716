"""The files `orgdocs import` writes into an org folder: the generated partial (people.yaml, split into
people-2.yaml, ... past `SHARD` positions, so each stays well under the org file size limit), and for a new
folder a starter org.yaml. Written all at once through one OutputTree; a generated file the previous import
wrote and this one does not is removed (its manifest, .orgdocs-files, lists the generated files only)."""

from __future__ import annotations

from pathlib import Path

from orgdocs.render.yaml_text import dump
from orgdocs.source.generated import MARK, shard_name
from orgdocs.write import OutputTree

SHARD = 20_000  # positions per generated file: ~3 MB of YAML, far under the 20 MB a file may have

ORG_FILE = "org.yaml"


def header(source: str) -> list[str]:
    return [MARK.removeprefix("# ") + f" from {source}: do not edit; run orgdocs import again.",
            "Hand-written files (the role catalog, ladders, bands, policies) are never changed by import."]


def generated_files(sections: dict, positions: list[dict], source: str) -> dict[str, bytes]:
    """people.yaml with every section and the first positions; the rest of the positions in further files."""
    files = {}
    chunks = [positions[i:i + SHARD] for i in range(0, len(positions), SHARD)] or [[]]
    for n, chunk in enumerate(chunks):
        data = (dict(sections) if n == 0 else {}) | {"positions": chunk}
        files[shard_name(n)] = dump(data, header(source)).encode("utf-8")
    return files


def starter_org(data: dict) -> bytes:
    return dump(data, ["The org: edit freely. orgdocs import writes people.yaml beside it."]
                ).encode("utf-8")


def write_import(folder: Path, files: dict[str, bytes], starter: bytes | None) -> list[Path]:
    with OutputTree(folder, prune=True) as tree:
        for name, data in files.items():
            tree.add(name, data)
        if starter is not None:
            tree.add(ORG_FILE, starter, listed=False)
        return tree.commit()
