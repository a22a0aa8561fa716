"""`orgdocs serve` (issue 14): the site on 127.0.0.1, rebuilt on save, pages that reload, problems on the page.

The server runs as a subprocess, as a user starts it, on a free port (--port 0) with a short debounce."""

from __future__ import annotations

import http.client
import socket
from pathlib import Path

import pytest
from serve_helpers import TINY, Page, Running, build_state, get, next_build

from orgdocs.commands.live_server import LiveServer, LiveState
from orgdocs.outputs.plan import LIVE_SCRIPT


@pytest.fixture
def served(tmp_path):
    """A tiny org served from --out-dir (so the test can look at the files on disk); yields (org, out, base url,
    process)."""
    org = tmp_path / "org" / "tiny.yaml"
    org.parent.mkdir()
    org.write_text(TINY, encoding="utf-8")
    out = tmp_path / "out"
    running = Running("serve", str(org), "--out-dir", str(out), "--port", "0", "--debounce", "50", "-j", "1",
                      cwd=tmp_path)
    try:
        base = running.line(r"serving (http://127\.0\.0\.1:\d+/)").group(1)
        yield org, out, base, running
    finally:
        running.stop()


def raw_get(base: str, path: str, host: str | None = None) -> tuple[int, str]:
    """A request sent as written: urllib would normalise `..` away before it left the client."""
    hostport = base.split("//")[1].rstrip("/")
    conn = http.client.HTTPConnection(hostport, timeout=30)
    conn.putrequest("GET", path, skip_host=True)
    conn.putheader("Host", host or hostport)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, body


def test_the_site_is_served_with_the_reload_script_which_the_files_do_not_carry(served):
    org, out, base, running = served
    status, html = get(base)
    assert status == 200
    index = Page(html)
    assert "tiny/index.html" in index.links
    status, html = get(base + "tiny/index.html")
    page = Page(html)
    assert status == 200 and "Ann Lee" in page.all_text and "Bob Ray" in page.all_text
    [live] = [s for s in page.scripts if s.startswith(LIVE_SCRIPT)]
    assert live == f"{LIVE_SCRIPT}?build={build_state(base)['build']}"
    on_disk = (out / "all-hands" / "tiny" / "index.html").read_text(encoding="utf-8")
    assert "Ann Lee" in on_disk and "__orgdocs" not in on_disk  # served pages only: the built file is as built
    status, script = get(base + LIVE_SCRIPT.lstrip("/"))
    assert status == 200 and "location.reload()" in script
    # a folder without its slash is sent to it, so that the index page's relative links resolve
    assert get(base + "tiny")[0] == 200
    assert "no such file" in get(base + "tiny/nothing-here.html")[1]


def test_it_listens_on_127_0_0_1_only(served):
    port = int(served[2].rsplit(":", 1)[1].rstrip("/"))
    with socket.create_connection(("127.0.0.1", port), timeout=10):
        pass
    # another loopback address reaches a server bound to 0.0.0.0 but not one bound to 127.0.0.1
    with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.2", port), timeout=10):
        pass


def test_a_saved_change_rebuilds_and_the_served_page_shows_it(served):
    org, out, base, running = served
    before = build_state(base)
    assert before["ok"] is True
    org.write_text(TINY.replace("Ann Lee", "Zoë Quint"), encoding="utf-8")
    after = next_build(base, before["build"])
    assert after["ok"] is True
    text = Page(get(base + "tiny/index.html")[1]).all_text
    assert "Zoë Quint" in text and "Ann Lee" not in text
    # one line per rebuild, with what was rendered again and what was reused
    running.line(r"^rebuilt in \d+\.\d s: \d+ rendered, \d+ reused, \d+ written")


def test_broken_yaml_shows_the_located_problem_and_fixing_it_brings_the_site_back(served):
    org, out, base, running = served
    first = build_state(base)["build"]
    # line 4 is "  head:": an unknown key beside it, whose name needs escaping on the page
    lines = TINY.splitlines()
    lines.insert(3, "  <b>&bad: 1")
    org.write_text("\n".join(lines) + "\n", encoding="utf-8")
    state = next_build(base, first)
    assert state["ok"] is False
    status, html = get(base)
    page = Page(html)
    assert status == 200 and "could not be built" in page.all_text
    located = [item for item in page.items if f"{org}:4:3:" in item]
    assert located and "<b>&bad" in located[0], page.items  # the key as text, located at line 4, column 3
    assert "<b>&amp;bad" not in html and "&lt;b&gt;&amp;bad" in html  # escaped once, not twice, not raw
    assert any(s.startswith(LIVE_SCRIPT) for s in page.scripts)  # the problems page reloads too
    assert get(base + "tiny/index.html")[1] == html  # every page, not only the index
    running.line(rf"^{org}:4:3: error: ", err=True)  # the terminal prints the same problem
    # the server still answers, and the site comes back once the file is fixed
    org.write_text(TINY, encoding="utf-8")
    state = next_build(base, state["build"])
    assert state["ok"] is True
    assert "Ann Lee" in Page(get(base + "tiny/index.html")[1]).all_text


@pytest.mark.parametrize("path", ["/../../../etc/passwd", "/tiny/../../out/all-hands/index.html",
                                  "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd", "/tiny/..\\..\\x"])
def test_paths_out_of_the_site_are_refused(served, path):
    status, body = raw_get(served[2], path)
    assert status == 403 and "outside the site" in body


def test_another_host_name_is_refused(served):
    """A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) gets nothing."""
    status, body = raw_get(served[2], "/", host="evil.example:80")
    assert status == 403 and "Ann Lee" not in body


def test_ctrl_c_stops_with_130_and_removes_the_temporary_folder(tmp_path):
    org = tmp_path / "tiny.yaml"
    org.write_text(TINY, encoding="utf-8")
    running = Running("serve", str(org), "--port", "0", "--debounce", "50", "-j", "1", cwd=tmp_path)
    try:
        folder = Path(running.line(r"^built in .* → (.+)$").group(1))
        running.line(r"^serving http://127\.0\.0\.1:\d+/")
        assert (folder / "all-hands" / "tiny" / "index.html").is_file()
        assert running.interrupt() == 130
        assert not folder.exists()
        assert "Traceback" not in "\n".join(running.err)
    finally:
        running.stop()


def test_a_busy_port_is_a_located_usage_error_not_a_traceback(tmp_path):
    org = tmp_path / "tiny.yaml"
    org.write_text(TINY, encoding="utf-8")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        running = Running("serve", str(org), "--port", str(port), cwd=tmp_path)
        assert running.proc.wait(timeout=120) == 2
        running.line(rf"cannot listen on 127\.0\.0\.1:{port}: .*--port 0", err=True)
    assert "Traceback" not in "\n".join(running.err)


# --- the server alone, on a tree written by hand ------------------------------------------------------------------

@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "site"
    (root / "empty").mkdir(parents=True)
    (root / "index.html").write_text("<html><body><p>Home</p></body></html>", encoding="utf-8")
    (root / "data.json").write_text('{"a": "</body>"}', encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")
    server = LiveServer(0, LiveState(root))
    server.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()


def test_a_link_out_of_the_tree_is_refused(tree):
    status, body = get(tree + "link.txt")
    assert status == 403 and "secret" not in body


def test_no_folder_listing(tree):
    status, body = get(tree + "empty/")
    assert status == 404 and "no such file" in body


def test_only_html_gets_the_script(tree):
    assert get(tree + "data.json")[1] == '{"a": "</body>"}'
    page = Page(get(tree)[1])
    assert page.scripts == [f"{LIVE_SCRIPT}?build=0"] and page.all_text == "Home"


def test_only_get_and_head(tree):
    host = tree.split("//")[1].rstrip("/")
    conn = http.client.HTTPConnection(host, timeout=30)
    conn.request("POST", "/index.html", body=b"x")
    assert conn.getresponse().status == 501
    conn.close()


def test_no_option_binds_another_address():
    from orgdocs.cli import cli

    names = {o for p in cli.commands["serve"].params for o in p.opts + p.secondary_opts}
    assert not {o for o in names if any(w in o for w in ("host", "bind", "addr", "listen"))}
    assert "--port" in names
