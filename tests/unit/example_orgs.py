"""What the golden tests cover, known at collection time (parametrize needs the ids before fixtures run)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ORGS = ROOT / "orgs"


def _ids() -> tuple[list[str], list[str]]:
    ids, families = [], []
    for folder in sorted(p for p in ORGS.iterdir() if p.is_dir()):
        files = sorted(f.stem for f in folder.glob("*.yaml") if not f.name.startswith("_"))
        if files == ["org"]:
            ids.append(folder.name)
        else:
            families.append(folder.name)
            ids += [f"{folder.name}/{stem}" for stem in files]
    return ids, families


EXAMPLE_IDS, FAMILIES = _ids()
