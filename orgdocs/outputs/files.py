"""Where the single-purpose commands put their files: OUT_DIR/<org>/, documents with pay under hr/, and the
file -o names. Kept in one small module so the output plan can take it over whole."""

from __future__ import annotations

from pathlib import Path

DEFAULT_OUT_DIR = Path("output")
HR_FOLDER = "hr/"  # documents that carry pay, so the rest of a folder can be shared as it is
CHART_STEM = "chart"


def org_folder(out_dir: Path | None, org_id: str) -> Path:
    return (out_dir or DEFAULT_OUT_DIR) / org_id


def audience_prefix(audience: str) -> str:
    return HR_FOLDER if audience == "hr" else ""


def chart_place(org_id: str, out_dir: Path | None, output: Path | None) -> tuple[Path, str]:
    """The folder and file stem of a chart: -o's own (pages and tiles are named after it), else
    OUT_DIR/<org>/chart."""
    if output is not None:
        return output.parent, output.stem
    return org_folder(out_dir, org_id), CHART_STEM
