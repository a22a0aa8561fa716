"""What `watch` and `serve` share: which files to watch, one rebuild (load, check, build) that reports instead of
raising, and the loop that rebuilds on every save until Ctrl-C.

A rebuild goes through `outputs.build.build_loaded` like `orgdocs build`: all or nothing, leak-scanned, and
incremental (outputs/cache.py), so after one change only what that change touches is rendered again. A failed
rebuild leaves the previous tree as it was; its problems are kept for the terminal and the served page.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from orgdocs.errors import OrgdocsError, UsageError
from orgdocs.paths import inside

DEBOUNCE_MS = 300  # a save is often several writes (editors write a temp file, then rename): wait for the last


@dataclass
class Outcome:
    """One rebuild: its number (1 = the first build), whether it worked, and what to print."""

    number: int
    ok: bool
    seconds: float
    summary: str  # the one line: "rebuilt in 0.4 s: 3 rendered, 350 reused"
    problems: list[str] = field(default_factory=list)  # located problems (file:line:col: error: ...) when not ok
    findings: list[str] = field(default_factory=list)  # per org: "<org>: 0 errors, 2 warnings"


def refuse_stdin(orgs: Iterable[str], command: str) -> None:
    if "-" in orgs:
        raise UsageError(f"{command} watches files: give an org file or folder, not - (standard input)")


def watched_paths(orgs: Iterable[str], templates: Path | None) -> list[Path]:
    """Every folder an org may read from (its includes, the org it extends and its assets lie inside it: source/
    refuses anything else), the file a user named wherever its link leads, the paths as given (an org added to a
    folder of orgs is found on the next save), and the templates. Raises OrgInputError for a path not found."""
    from orgdocs.problems import OrgInputError, Problem
    from orgdocs.source.discover import DiscoveryError, find_orgs

    try:
        sources = find_orgs(list(orgs))
    except DiscoveryError as exc:
        raise OrgInputError([Problem(str(exc), None, code="not-found")]) from None
    found = [Path(p) for p in orgs] + [s.folder for s in sources] + [s.named for s in sources if s.named]
    if templates is not None:
        found.append(templates)
    roots: list[Path] = []
    for path in sorted({Path(os.path.realpath(p)) for p in found}, key=lambda p: (len(p.parts), str(p))):
        if not any(inside(root, path) for root in roots):  # a folder already watched covers what lies in it
            roots.append(path)
    return roots


class Rebuilder:
    """Rebuilds the orgs into `out_dir` and keeps count; never raises an OrgdocsError, it reports it."""

    def __init__(self, orgs: tuple[str, ...], out_dir: Path, audiences: tuple[str, ...], templates: Path | None,
                 jobs: int, pdf: bool = True):
        self.orgs, self.out_dir, self.audiences, self.templates, self.jobs = orgs, out_dir, audiences, templates, jobs
        self.pdf = pdf  # off (serve and watch without --pdf): the pages alone, which is what a browser shows
        self.number = 0

    def build(self) -> Outcome:
        from orgdocs.commands import steps
        from orgdocs.outputs.build import Counts, build_loaded

        self.number += 1
        verb = "built" if self.number == 1 else "rebuilt"
        start = time.perf_counter()
        counts = Counts()
        try:
            items = steps.load(list(self.orgs))
            built = build_loaded(items, self.out_dir, audiences=self.audiences, templates=self.templates,
                                 workers=self.jobs, counts=counts, pdf=self.pdf)
        except OrgdocsError as exc:
            seconds = time.perf_counter() - start
            lines = exc.lines()
            # the previous tree stays as it was: say so instead of "nothing was written"
            lines[-1] = lines[-1].replace("nothing was written", "the last good build is kept")
            return Outcome(self.number, False, seconds, f"{verb} in {seconds:.1f} s: failed (exit {exc.exit_code})",
                           problems=lines)
        seconds = time.perf_counter() - start
        ids = {item.id for item in items}
        summary = (f"{verb} in {seconds:.1f} s: {counts.rendered} rendered, {counts.reused} reused, "
                   f"{counts.written} written → {self.out_dir}")
        return Outcome(self.number, True, seconds, summary,
                       findings=list(dict.fromkeys(f"{b.org_id}: {steps.summary_line(b.findings)}" for b in built
                                                     if b.org_id in ids)))


def ignore_filter(out_dir: Path, templates: Path | None) -> Callable[[object, str], bool]:
    """Only what a build reads: YAML (and JSON) org files, the images an org names, anything in the templates
    folder. Never the output folder (a rebuild's own writes must not start the next one), nor a log the user
    redirects the terminal into; watchfiles' default filter drops editor swap files, .git and caches."""
    from watchfiles import DefaultFilter

    from orgdocs.source.discover import YAML_SUFFIXES
    from orgdocs.validate.assets import IMAGE_TYPES

    default = DefaultFilter()
    out = os.path.realpath(out_dir)
    suffixes = tuple(YAML_SUFFIXES) + (".json",) + tuple(IMAGE_TYPES)

    def keep(change, path: str) -> bool:
        if not default(change, path) or inside(out, path):
            return False
        return path.lower().endswith(suffixes) or (templates is not None and inside(templates, path))

    return keep


class Watcher:
    """The files under roots, watched from a thread (with watchfiles) from before the first build on, so that no
    save is missed between a build and the start of the watch; a burst of changes is one rebuild, and changes made
    while a rebuild runs start the next one."""

    def __init__(self, roots: list[Path], out_dir: Path, templates: Path | None, debounce_ms: int):
        self._args = (roots, ignore_filter(out_dir, templates), debounce_ms)
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._changes: queue.Queue = queue.Queue()
        self._failed: BaseException | None = None
        self._thread = threading.Thread(target=self._watch, daemon=True, name="orgdocs-watch")

    def _watch(self) -> None:
        from watchfiles import watch

        roots, keep, debounce_ms = self._args
        try:
            # a timeout yields an empty set: the first one says the watches are in place
            for changes in watch(*roots, watch_filter=keep, debounce=debounce_ms, step=min(50, debounce_ms),
                                 stop_event=self._stop, rust_timeout=200, yield_on_timeout=True,
                                 raise_interrupt=False, ignore_permission_denied=True):
                self._ready.set()
                if changes:
                    self._changes.put(changes)
        except Exception as exc:  # noqa: BLE001  (reported by each(), in the main thread)
            self._failed = exc
        finally:
            self._ready.set()
            self._changes.put(None)

    def __enter__(self) -> Watcher:
        self._thread.start()
        self._ready.wait(timeout=60)
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def each(self, rebuild: Callable[[], object], stop: threading.Event | None = None) -> None:
        """Call rebuild() after every burst of changes until stop is set (or Ctrl-C, which propagates)."""
        from orgdocs.errors import ToolError

        while stop is None or not stop.is_set():
            try:
                changes = self._changes.get(timeout=0.2)  # short: Ctrl-C and `stop` are noticed at once
            except queue.Empty:
                continue
            if changes is None:
                raise ToolError(f"cannot watch the org's files any more: {self._failed}")
            while not self._changes.empty():  # several bursts during one rebuild: one rebuild covers them
                if self._changes.get_nowait() is None:
                    self._changes.put(None)
                    break
            rebuild()
