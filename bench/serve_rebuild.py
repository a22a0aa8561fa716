"""`orgdocs serve`: the time from saving one role's edit to the open page's reload, with and without --pdf.

    .venv/bin/python bench/serve_rebuild.py                      # every seed org in orgs/, 3 saves each way
    .venv/bin/python bench/serve_rebuild.py 5 orgs/platform-engineering path/to/org-folder

On a copy of each org folder, `orgdocs serve --port 0 --debounce 100` runs as a user starts it, once with --pdf
(what every rebuild did before issue 14's fast preview: role PDFs and the handbook made again) and once without
(the default now: the pages alone). Each round saves one role's summary edited (then the original again) and
takes two figures: the rebuild's own time from the line serve prints ("rebuilt in 0.4 s: ...") and the wall time
from the write to the moment the server's build counter (what the page's reload script polls, every 300 ms)
moves on: the debounce, the watcher and the build. The open page reloads at its next poll, within 0.3 s more.
Wall times move with the machine's load, printed with them.
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
from serve_helpers import Running, build_state, next_build  # noqa: E402

serve_helpers.PATIENCE = 3600.0  # a first build of many orgs on a loaded machine takes minutes

LINE = r"^rebuilt in (\d+\.\d) s: (\d+) rendered, (\d+) reused"


def summary_line(path: Path) -> int | None:
    """The line of the first role's plain summary (four spaces in, below `roles:`; not quoted, not a block, so
    that words added at its end keep the YAML valid), or None."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if "roles:" not in lines:
        return None
    start = lines.index("roles:")
    return next((i for i in range(start, len(lines)) if lines[i].startswith("    summary: ")
                 and lines[i][len("    summary: "):][:1] not in ("", '"', "'", ">", "|")), None)


def role_file(folder: Path) -> tuple[Path, int]:
    """The org's file that holds roles with a summary (an org.yaml, or a family's catalog), and that line."""
    for path in sorted(folder.glob("*.yaml")):
        if (at := summary_line(path)) is not None:
            return path, at
    raise SystemExit(f"no role with a plain summary in {folder}")


def measure(org: Path, pdf: bool, rounds: int = 3) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / org.name, Path(tmp) / "out"
        shutil.copytree(org, src)
        edited_file, at = role_file(src)
        original = edited_file.read_text(encoding="utf-8")
        lines = original.splitlines(keepends=True)
        lines[at] = lines[at].rstrip("\n") + " Edited for the benchmark.\n"
        edited = "".join(lines)
        started = time.perf_counter()
        args = ["serve", str(src), "--port", "0", "--out-dir", str(out), "--debounce", "100", "-j", "2"]
        running = Running(*args, *(["--pdf"] if pdf else []), cwd=Path(tmp))
        try:
            base = running.line(r"^serving (http://127\.0\.0\.1:\d+/) ").group(1)
            cold_wall = time.perf_counter() - started
            own, wall = [], []
            for k in range(rounds * 2):
                number = build_state(base)["build"]
                mark = len(running.out)
                begin = time.perf_counter()
                edited_file.write_text(edited if k % 2 == 0 else original, encoding="utf-8")
                state = next_build(base, number)
                wall.append(time.perf_counter() - begin)
                assert state["ok"], f"rebuild {state} failed:\n" + "\n".join(running.err[-20:])
                own.append(float(running.line(LINE, start=mark).group(1)))
        finally:
            running.stop()
    return {"cold_wall_s": cold_wall, "rebuild_s": statistics.median(own), "save_to_reload_s":
            statistics.median(wall), "all_wall": wall, "load": os.getloadavg()[0], "file": edited_file.name}


def main(argv: list[str]) -> None:
    rounds = int(argv[0]) if argv and argv[0].isdigit() else 3
    orgs = [Path(a) for a in argv[1:]] or sorted(p for p in (ROOT / "orgs").iterdir() if p.is_dir())
    print(f"serve: one role's summary saved, {rounds * 2} saves per org and mode; 2 cores; wall times in seconds "
          f"(median; the page reloads within 0.3 s after)")
    print(f"{'org':26} {'mode':9} {'first build':>11} {'rebuild':>8} {'save→counter':>13}  load  each")
    for org in orgs:
        for pdf in (True, False):
            m = measure(org, pdf, rounds)
            print(f"{org.name:26} {'--pdf' if pdf else 'pages':9} {m['cold_wall_s']:11.1f} {m['rebuild_s']:8.1f} "
                  f"{m['save_to_reload_s']:13.2f}  {m['load']:4.1f}  {', '.join(f'{w:.2f}' for w in m['all_wall'])}",
                  flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
