"""`orgdocs watch`: `build` again on every save, until Ctrl-C. Bad input is printed, located, and the watch goes
on with the previous tree in place; each rebuild prints one line ("rebuilt in 0.4 s: 3 rendered, 350 reused")."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from orgdocs.commands.rebuild import DEBOUNCE_MS, Outcome, Rebuilder, Watcher, refuse_stdin, watched_paths
from orgdocs.commands.result import Result
from orgdocs.commands.vocabulary import DEFAULT_AUDIENCE
from orgdocs.errors import EXIT_INTERRUPTED

Say = Callable[[str, bool], None]  # (line, to stderr)


def say_on_terminal(line: str, err: bool = False) -> None:
    """Lines as they happen (a long-running command cannot hand them back in its Result)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(line + "\n")
    stream.flush()


@dataclass(frozen=True)
class Options:
    orgs: tuple[str, ...]
    out_dir: Path | None = None
    audience: str = DEFAULT_AUDIENCE  # or "all", as for build
    templates: Path | None = None
    jobs: int = 2
    quiet: bool = False
    debounce: int = DEBOUNCE_MS
    pdf: bool = False  # as serve: the pages alone unless asked


def report(outcome: Outcome, quiet: bool, say: Say) -> None:
    """The terminal's account of one rebuild: problems always (stderr), the summary and findings unless quiet."""
    for line in outcome.problems:
        say(line, True)
    if not quiet:
        for line in outcome.findings:
            say(line, False)
        say(outcome.summary, False)


def run(options: Options, say: Say = say_on_terminal, stop: threading.Event | None = None) -> Result:
    """Build, then rebuild on every save until Ctrl-C (or until `stop` is set: tests)."""
    from orgdocs.outputs.plan import DEFAULT_OUT_DIR, build_audiences

    refuse_stdin(options.orgs, "watch")
    out_dir = options.out_dir or Path(DEFAULT_OUT_DIR)
    roots = watched_paths(options.orgs, options.templates)
    builder = Rebuilder(options.orgs, out_dir, build_audiences(options.audience), options.templates, options.jobs,
                        options.pdf)
    try:
        with Watcher(roots, out_dir, options.templates, options.debounce) as watcher:
            report(builder.build(), options.quiet, say)
            if not options.quiet:
                say(f"watching {', '.join(map(str, roots))} (Ctrl-C stops)", False)
            watcher.each(lambda: report(builder.build(), options.quiet, say), stop=stop)
    except KeyboardInterrupt:
        return Result(messages=[f"stopped; {out_dir} holds the last good build."], exit_code=EXIT_INTERRUPTED)
    return Result()
