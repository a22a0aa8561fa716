"""The HTTP side of `orgdocs serve`: one audience's tree on 127.0.0.1, read-only, and the live reload.

What it answers: a file of the tree (a folder by its index.html, never a listing); LIVE_SCRIPT, the script it adds
to every HTML page it sends (the files on disk stay as built); LIVE_STATE, the build counter that script polls.
While the last rebuild failed, every page is the problems page instead, so the browser shows what to fix. Without
--pdf no PDF is made: a link to one gets a page saying so (404) instead of a bare "no such file".
Refused: a path with a `..` part or one that leads (by a link) outside the tree, a Host other than this server's
(a web page elsewhere cannot reach it through DNS rebinding), and every method but GET and HEAD.
"""

from __future__ import annotations

import http.server
import mimetypes
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from orgdocs.commands.rebuild import Outcome
from orgdocs.errors import InputError
from orgdocs.outputs.plan import INDEX, LIVE_SCRIPT, LIVE_STATE
from orgdocs.paths import inside
from orgdocs.render import strict_json

HOST = "127.0.0.1"  # the only address served: a preview of confidential documents is for this machine alone

# polls rather than holding a connection open (Server-Sent Events): each poll is one short request, so no server
# thread waits on a tab left open; `build` is the number of the build the page was served from, in the script's URL
RELOAD_JS = """(function () {
  "use strict";
  var served = Number(new URL(document.currentScript.src).searchParams.get("build"));
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (state) {
      if (state.build !== served) { location.reload(); return; }
      setTimeout(poll, 300);
    }).catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
""" % LIVE_STATE

_BODY_END = re.compile(rb"</body\s*>", re.I)
_TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json",
          ".html": "text/html", ".pdf": "application/pdf", ".png": "image/png", ".csv": "text/csv",
          ".txt": "text/plain",
          ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}


NO_PDF_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>No PDF in this preview</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 2em auto; padding: 0 1em; line-height: 1.5">
<main><h1>No PDF in this preview</h1>
<p><code>orgdocs serve</code> makes the pages only, so that a saved change shows in a moment. <code>orgdocs serve
--pdf</code> makes the PDFs and the chart's PowerPoint deck too (each save then takes longer), and <code>orgdocs
build</code> makes everything.</p>
<p><a href="/">The site's index</a></p></main></body></html>
"""


class LiveState:
    """What the server shows: the tree's folder, the last build's number and, when it failed, its problems;
    `pdf`: whether the builds make PDFs."""

    def __init__(self, root: Path, pdf: bool = True):
        self.root = root
        self.pdf = pdf
        self._lock = threading.Lock()
        self._build = 0
        self._problems: list[str] = []

    def update(self, outcome: Outcome) -> None:
        with self._lock:
            self._build = outcome.number
            self._problems = [] if outcome.ok else list(outcome.problems)

    def snapshot(self) -> tuple[int, list[str]]:
        with self._lock:
            return self._build, list(self._problems)


def with_reload(html: bytes, build: int) -> bytes:
    """The page as served: the reload script before the last </body> (or at the end)."""
    tag = f'<script src="{LIVE_SCRIPT}?build={int(build)}" defer></script>'.encode()
    ends = list(_BODY_END.finditer(html))
    at = ends[-1].start() if ends else len(html)
    return html[:at] + tag + html[at:]


_LOCATED = re.compile(r"^(?P<where>.+?:\d+(?::\d+)?): (?P<severity>error|warning): (?P<message>.*)$", re.S)


def problems_page(problems: list[str], build: int) -> bytes:
    """The lines of a failed build as a page: each located problem with its place apart from its message, and
    the closing line ("2 problems in the input; ...") as a sentence, not as one more problem."""
    from orgdocs.render.html import environment, render_html

    *items, closing = problems if len(problems) > 1 else (problems + [""])
    found = []
    for line in items:
        m = _LOCATED.match(line)
        found.append(m.groupdict() if m else {"where": "", "severity": "error", "message": line})
    text = render_html(environment(None), "serve-problems.html.j2", problems=found, closing=closing)
    return with_reload(text.encode("utf-8"), build)


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "orgdocs"
    sys_version = ""

    def log_message(self, format, *args):  # noqa: A002  (a preview's requests are not worth a terminal line)
        pass

    def do_HEAD(self):  # noqa: N802
        self._answer(head=True)

    def do_GET(self):  # noqa: N802
        self._answer(head=False)

    def _send(self, status: int, body: bytes, kind: str, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _refuse(self, status: int, why: str, head: bool) -> None:
        self._send(status, f"{status}: {why}\n".encode(), "text/plain; charset=utf-8", head)

    def _answer(self, head: bool) -> None:
        state: LiveState = self.server.state  # type: ignore[attr-defined]
        port = self.server.server_address[1]
        if self.headers.get("Host", "") not in (f"{HOST}:{port}", f"localhost:{port}"):
            return self._refuse(403, "this server answers to http://127.0.0.1 only", head)
        path = unquote(urlsplit(self.path).path)
        parts = path.split("/")
        if ".." in parts or "\\" in path or "\0" in path or not path.startswith("/"):
            return self._refuse(403, "outside the site", head)
        build, problems = state.snapshot()
        if path == LIVE_STATE:
            body = strict_json.dumps({"build": build, "ok": not problems}).encode()
            return self._send(200, body, "application/json", head)
        if path == LIVE_SCRIPT:
            return self._send(200, RELOAD_JS.encode(), "text/javascript; charset=utf-8", head)
        target = state.root.joinpath(*[p for p in parts if p not in ("", ".")])
        if target.is_dir():
            if not path.endswith("/"):  # relative links on the index page need the folder's slash
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / INDEX
        is_page = target.suffix.lower() in (".html", ".htm")
        if problems and is_page:
            return self._send(200, problems_page(problems, build), "text/html; charset=utf-8", head)
        if not inside(state.root, target):
            return self._refuse(403, "outside the site", head)
        if not target.is_file() and target.suffix.lower() in (".pdf", ".pptx") and not state.pdf:
            return self._send(404, with_reload(NO_PDF_PAGE.encode(), build), "text/html; charset=utf-8", head)
        if not target.is_file():
            return self._refuse(404, "no such file in the site", head)
        try:
            body = target.read_bytes()
        except OSError:
            return self._refuse(404, "no such file in the site", head)
        kind = _TYPES.get(target.suffix.lower()) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith(("json", "javascript", "svg+xml")):
            kind += "; charset=utf-8"
        if is_page:
            body = with_reload(body, build)
        self._send(200, body, kind, head)


class LiveServer(http.server.ThreadingHTTPServer):
    daemon_threads = True  # a tab that keeps a connection open does not hold up Ctrl-C

    def __init__(self, port: int, state: LiveState):
        self.state = state
        try:
            super().__init__((HOST, port), _Handler)
        except OSError as exc:
            raise InputError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}; give another --port, "
                             f"or --port 0 for any free one") from None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True,
                                  name="orgdocs-serve")
        thread.start()
        return thread
