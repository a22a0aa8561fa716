"""Import speed: a synthetic HRIS export (BambooHR columns, every manager with 6-8 reports, 40 departments) of
1,000, 10,000 and 100,000 rows (or as given), imported into a new org folder in a fresh process each.

    .venv/bin/python bench/import_speed.py              # 1k, 10k, 100k
    .venv/bin/python bench/import_speed.py 5000

Prints the wall time and the peak memory (RSS) of each `orgdocs import` run, and of a second import of the same
file into the same folder (the re-sync: the org as it was is read back and compared).
"""

from __future__ import annotations

import csv
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def synth_csv(n: int, path: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    titles = ["Software Engineer", "Account Executive", "Support Agent", "Analyst", "Designer", "Recruiter"]
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Employee #", "First Name", "Last Name", "Job Title", "Supervisor EID", "Department", "Location",
                    "Work Email", "Employment Status", "Hire Date", "Pay rate", "Pay per"])
        frontier, made = [0], 1
        w.writerow([1, "Person", "0", "CEO", "", "Executive", "Lisbon", "p0@acme.com", "Full-Time", "2015-01-05",
                    "300000", "Year"])
        while made < n:
            parent = frontier.pop(0)
            for _ in range(rng.randint(6, 8)):
                if made >= n:
                    break
                w.writerow([made + 1, "Person", str(made), rng.choice(titles), parent + 1, f"Dept {made % 40}",
                            rng.choice(["Lisbon", "Berlin", "Austin"]), f"p{made}@acme.com",
                            rng.choice(["Full-Time", "Part-Time", "Contractor"]),
                            f"20{10 + made % 14}-0{1 + made % 9}-1{made % 9}",
                            str(40 + made % 60), rng.choice(["Hour", "Year"]) if made % 7 else "Month"])
                frontier.append(made)
                made += 1


_MEASURED = ("import resource, runpy, sys\n"
             "sys.argv = ['orgdocs'] + sys.argv[1:]\n"
             "try:\n    runpy.run_module('orgdocs', run_name='__main__')\n"
             "finally:\n    print('peak-kib', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n")


def run(args: list[str]) -> tuple[float, float]:
    """Wall time and the process's own peak RSS in MB (each run in its own process)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURED, *args, "-q"], cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"orgdocs {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    peak = next(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("peak-kib"))
    return seconds, peak / 1024


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1_000, 10_000, 100_000]
    print(f"{'rows':>8}  {'import s':>9}  {'peak MB':>8}  {'re-import s':>12}  {'peak MB':>8}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            export = Path(tmp) / "export.csv"
            synth_csv(n, export)
            first = run(["import", str(export), "--into", str(Path(tmp) / "org")])
            again = run(["import", str(export), "--into", str(Path(tmp) / "org")])
            print(f"{n:>8,}  {first[0]:>9.1f}  {first[1]:>8.0f}  {again[0]:>12.1f}  {again[1]:>8.0f}", flush=True)


if __name__ == "__main__":
    main()
