"""`orgdocs watch` (what `serve` runs on every save): the time from a save to the end of the rebuild.

    .venv/bin/python bench/serve_rebuild.py                 # orgs/platform-engineering, 3 saves each way
    .venv/bin/python bench/serve_rebuild.py 5 path/to/org-folder

On a copy of an org folder, `orgdocs watch --debounce 100` runs as a user starts it; each round saves one role's
summary edited (then the original again) and takes two figures from the line the rebuild prints: the rebuild's own
time ("rebuilt in 0.4 s: ...", the build alone) and the wall time from the write to that line (the debounce, the
watcher and the build: what a user waits for before the page reloads). Wall times move with the machine's load,
printed with them.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import serve_helpers  # noqa: E402
from incremental import role_summary_line  # noqa: E402
from serve_helpers import Running  # noqa: E402

serve_helpers.PATIENCE = 3600.0  # a first build of many orgs on a loaded machine takes minutes

LINE = r"^rebuilt in (\d+\.\d) s: (\d+) rendered, (\d+) reused"


def measure(rounds: int = 3, org: Path = ROOT / "orgs" / "platform-engineering") -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / org.name, Path(tmp) / "out"
        shutil.copytree(org, src)
        org_file = src / "org.yaml"
        original = org_file.read_text(encoding="utf-8")
        lines = original.splitlines(keepends=True)
        at = role_summary_line(org_file)
        lines[at] = lines[at].rstrip("\n") + " Edited for the benchmark.\n"
        edited = "".join(lines)
        started = time.perf_counter()
        running = Running("watch", str(src), "--out-dir", str(out), "--debounce", "100", "-j", "2", cwd=Path(tmp))
        try:
            first = running.line(r"^built in (\d+\.\d) s: (\d+) rendered")
            cold_wall = time.perf_counter() - started
            running.line(r"^watching ")
            own, wall, counted = [], [], []
            for k in range(rounds * 2):
                mark = len(running.out)
                begin = time.perf_counter()
                org_file.write_text(edited if k % 2 == 0 else original, encoding="utf-8")
                found = running.line(LINE, start=mark)
                wall.append(time.perf_counter() - begin)
                own.append(float(found.group(1)))
                counted.append(f"{found.group(2)} rendered, {found.group(3)} reused")
        finally:
            running.stop()
    return {"cold_s": float(first.group(1)), "cold_wall_s": cold_wall, "files": int(first.group(2)),
            "rebuild_s": statistics.median(own), "save_to_done_s": statistics.median(wall), "all_wall": wall,
            "counts": counted, "load": os.getloadavg()}


def main(argv: list[str]) -> None:
    rounds = int(argv[0]) if argv else 3
    org = Path(argv[1]) if len(argv) > 1 else ROOT / "orgs" / "platform-engineering"
    load_before = os.getloadavg()
    found = measure(rounds, org)
    print(f"watch/serve rebuild of {org} after one role's summary is saved ({rounds * 2} saves; load average "
          f"before {load_before[0]:.2f}, after {found['load'][0]:.2f}; 2 cores)")
    print(f"  first build: {found['cold_s']:.1f} s ({found['files']} files)")
    print(f"  rebuild after one save: {found['rebuild_s']:.1f} s (median, the build alone)")
    print(f"  save to rebuilt: {found['save_to_done_s']:.2f} s (median wall; each: "
          f"{', '.join(f'{w:.2f}' for w in found['all_wall'])})")
    print(f"  files: {'; '.join(sorted(set(found['counts'])))}")


if __name__ == "__main__":
    main(sys.argv[1:])
