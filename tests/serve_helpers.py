"""Running `orgdocs serve` and `orgdocs watch` as a user does (a subprocess) and reading what they say."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATIENCE = 120.0  # seconds before a wait gives up: only so that a hang fails instead of blocking the run

TINY = """org:
  name: Tiny
roles:
  head:
    title: Head
  agent:
    title: Agent
positions:
  - id: head
    role: head
    holders: [Ann Lee]
  - id: agent
    role: agent
    reports_to: head
    holders: [Bob Ray]
"""


def wait_for(predicate, what: str):
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


class Running:
    """An orgdocs process whose stdout and stderr lines are collected as they come."""

    def __init__(self, *args: str, cwd: Path):
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen([sys.executable, "-m", "orgdocs", *args], cwd=cwd, env=env, text=True,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.out: list[str] = []
        self.err: list[str] = []
        for stream, lines in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=self._collect, args=(stream, lines), daemon=True).start()

    @staticmethod
    def _collect(stream, lines: list[str]) -> None:
        for line in stream:
            lines.append(line.rstrip("\n"))

    def line(self, pattern: str, start: int = 0, err: bool = False) -> re.Match:
        """The first line from index `start` on matching pattern, once it has been printed."""
        lines = self.err if err else self.out

        def found():
            if self.proc.poll() is not None and not any(re.search(pattern, x) for x in lines[start:]):
                time.sleep(0.2)  # let the readers drain what the process printed last
                raise AssertionError(f"orgdocs ended ({self.proc.returncode}) without printing {pattern!r}:\n"
                                     + "\n".join(self.out + self.err))
            return next((m for x in lines[start:] if (m := re.search(pattern, x))), None)

        return wait_for(found, pattern)

    def interrupt(self) -> int:
        self.proc.send_signal(signal.SIGINT)
        return self.proc.wait(timeout=PATIENCE)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def build_state(base: str) -> dict:
    return json.loads(get(base + "__orgdocs/build")[1])


def next_build(base: str, after: int) -> dict:
    """The server's state once a build after number `after` has finished."""
    return wait_for(lambda: (s := build_state(base))["build"] > after and s, f"a build after #{after}")


class Page(HTMLParser):
    """An HTML page as text, links and script sources (what a test asserts on)."""

    def __init__(self, html: str):
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self.scripts: list[str] = []
        self.items: list[str] = []
        self._in_li = False
        self._skip = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "script":
            self.scripts.append(attrs.get("src") or "")
            self._skip = True
        if tag == "style":
            self._skip = True
        if tag == "li":
            self._in_li = True
            self.items.append("")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = False
        if tag == "li":
            self._in_li = False

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._in_li:
            self.items[-1] += data

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())
