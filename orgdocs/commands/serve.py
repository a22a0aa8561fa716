"""`orgdocs serve`: build one audience's site into a temporary folder (or --out-dir), serve it on 127.0.0.1, and
rebuild and reload open pages on every save, as `watch` does. A failed rebuild shows its located problems on every
page until the files are fixed; the server keeps answering. Ctrl-C stops the server and removes the temporary
folder."""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from orgdocs.commands.rebuild import DEBOUNCE_MS, Rebuilder, Watcher, refuse_stdin, watched_paths
from orgdocs.commands.result import Result
from orgdocs.commands.vocabulary import DEFAULT_AUDIENCE
from orgdocs.commands.watch import Say, report, say_on_terminal
from orgdocs.errors import EXIT_INTERRUPTED

DEFAULT_PORT = 8000


@dataclass(frozen=True)
class Options:
    orgs: tuple[str, ...]
    out_dir: Path | None = None  # default: a temporary folder, removed when the server stops
    audience: str = DEFAULT_AUDIENCE
    templates: Path | None = None
    jobs: int = 2
    quiet: bool = False
    port: int = DEFAULT_PORT  # 0: any free port (the URL is printed)
    open: bool = False
    debounce: int = DEBOUNCE_MS
    pdf: bool = False  # the pages alone unless asked: a saved change shows in a moment (PDFs are most of a rebuild)


def run(options: Options, say: Say = say_on_terminal, ready: Callable[[str], None] | None = None,
        stop: threading.Event | None = None) -> Result:
    """Serve until Ctrl-C (or until `stop` is set: tests). `ready(url)` is called once the first build is done."""
    from orgdocs.commands.live_server import LiveServer, LiveState

    refuse_stdin(options.orgs, "serve")
    roots = watched_paths(options.orgs, options.templates)
    temporary = options.out_dir is None
    out_dir = Path(tempfile.mkdtemp(prefix="orgdocs-serve-")) if temporary else options.out_dir
    builder = Rebuilder(options.orgs, out_dir, (options.audience,), options.templates, options.jobs, options.pdf)
    state = LiveState(out_dir / options.audience, options.pdf)
    server = None
    try:
        server = LiveServer(options.port, state)
        server.start()

        def rebuild() -> None:
            outcome = builder.build()
            state.update(outcome)
            report(outcome, options.quiet, say)

        with Watcher(roots, out_dir, options.templates, options.debounce) as watcher:
            rebuild()
            say(f"serving {server.url} (Ctrl-C stops)", False)  # even with -q: the one line a user needs
            if not options.quiet:
                say(f"watching {', '.join(map(str, roots))}", False)
            if ready is not None:
                ready(server.url)
            if options.open:
                import webbrowser

                webbrowser.open(server.url)
            watcher.each(rebuild, stop=stop)
    except KeyboardInterrupt:
        return Result(messages=["stopped."], exit_code=EXIT_INTERRUPTED)
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
        if temporary:
            shutil.rmtree(out_dir, ignore_errors=True)
    return Result()
