"""`orgdocs watch` (issue 14): build, then build again on every save, incrementally; bad input is printed, located,
and the watch goes on. Also what is watched and what is not (the parts `serve` shares)."""

from __future__ import annotations

import json
import re

import pytest
from serve_helpers import TINY, Running
from watchfiles import Change

from orgdocs.commands.rebuild import ignore_filter, watched_paths
from orgdocs.errors import UsageError
from orgdocs.problems import OrgInputError

SUMMARY = r"^(re)?built in \d+\.\d s: (\d+) rendered, (\d+) reused, (\d+) written → (.+)$"


def test_watch_rebuilds_only_what_a_change_touches_and_survives_bad_input(tmp_path):
    org = tmp_path / "tiny.yaml"
    org.write_text(TINY, encoding="utf-8")
    out = tmp_path / "out"
    running = Running("watch", str(org), "--out-dir", str(out), "--debounce", "50", "-j", "1", cwd=tmp_path)
    try:
        first = running.line(SUMMARY)
        assert first.group(1) is None and first.group(5) == str(out)  # "built", the first time
        total = int(first.group(2))
        assert int(first.group(3)) == 0 and total > 0
        # every file the build wrote is counted once: the manifest of the tree lists them (it names itself too)
        manifest = json.loads((out / "all-hands" / "redaction-manifest.json").read_text(encoding="utf-8"))
        assert total >= len(manifest["files"]) > 0
        running.line(r"^watching .* \(Ctrl-C stops\)$")
        assert "Bob Ray" in (out / "all-hands" / "tiny" / "index.html").read_text(encoding="utf-8")

        # one holder's name: the pages that show it are rendered again, the rest reused
        org.write_text(TINY.replace("Bob Ray", "Cleo Park"), encoding="utf-8")
        again = running.line(r"^rebuilt in ", start=len(running.out))
        again = re.match(SUMMARY, again.string)
        rendered, reused = int(again.group(2)), int(again.group(3))
        assert rendered + reused == total  # the same files as the first build, each either made or reused
        assert 0 < rendered < total
        assert "Cleo Park" in (out / "all-hands" / "tiny" / "index.html").read_text(encoding="utf-8")

        # bad YAML: located on stderr, the last good build stays, the watch goes on
        start_err = len(running.err)
        org.write_text("org:\n  name: [Tiny\n", encoding="utf-8")
        running.line(rf"^{re.escape(str(org))}:\d+:\d+: error: ", start=start_err, err=True)
        running.line(r"the last good build is kept", start=start_err, err=True)
        running.line(r"^rebuilt in \d+\.\d s: failed \(exit 2\)$")
        assert "Cleo Park" in (out / "all-hands" / "tiny" / "index.html").read_text(encoding="utf-8")
        mark = len(running.out)
        org.write_text(TINY, encoding="utf-8")
        back = re.match(SUMMARY, running.line(r"^rebuilt in .* rendered", start=mark).string)
        assert int(back.group(2)) + int(back.group(3)) == total
        assert "Bob Ray" in (out / "all-hands" / "tiny" / "index.html").read_text(encoding="utf-8")

        assert running.interrupt() == 130
        running.line(rf"^stopped; {re.escape(str(out))} holds the last good build\.$", err=True)
        assert "Traceback" not in "\n".join(running.err)
    finally:
        running.stop()


def test_watch_quiet_prints_problems_only(tmp_path):
    org = tmp_path / "tiny.yaml"
    org.write_text("org:\n  name: Tiny\npositions:\n  - id: a\n    role: nobody\n", encoding="utf-8")
    running = Running("watch", str(org), "--out-dir", str(tmp_path / "out"), "-q", "-j", "1", cwd=tmp_path)
    try:
        running.line(rf"^{re.escape(str(org))}:5:11: error: .*nobody", err=True)
        assert running.interrupt() == 130
        assert running.out == []
    finally:
        running.stop()


def test_stdin_cannot_be_watched():
    from orgdocs.commands import serve, watch

    with pytest.raises(UsageError, match="not - "):
        watch.run(watch.Options(orgs=("-",)))
    with pytest.raises(UsageError, match="not - "):
        serve.run(serve.Options(orgs=("-",)))


def test_a_missing_org_is_a_located_problem(tmp_path):
    with pytest.raises(OrgInputError) as caught:
        watched_paths([str(tmp_path / "nowhere")], None)
    assert [p.code for p in caught.value.problems] == ["not-found"]


def test_what_is_watched_each_folder_once_and_the_templates(tmp_path):
    orgs = tmp_path / "orgs"
    (orgs / "a").mkdir(parents=True)
    (orgs / "a" / "org.yaml").write_text(TINY, encoding="utf-8")
    (orgs / "b.yaml").write_text(TINY, encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    # the folder of orgs covers both orgs' folders; the templates lie elsewhere
    assert watched_paths([str(orgs)], templates) == [orgs.resolve(), templates.resolve()]
    # one org's file: its folder (where its includes and the org it extends must lie)
    assert watched_paths([str(orgs / "a" / "org.yaml")], None) == [(orgs / "a").resolve()]


def test_what_starts_a_rebuild(tmp_path):
    out, templates = tmp_path / "out", tmp_path / "templates"
    out.mkdir()
    templates.mkdir()
    keep = ignore_filter(out, templates)
    for name, starts in [("org.yaml", True), ("people.yml", True), ("roles.json", True), ("logo.svg", True),
                         ("logo.PNG", True), ("notes.txt", False), ("build.log", False), (".org.yaml.swp", False),
                         ("org.yaml~", False), ("out/all-hands/index.html", False), ("out/x.yaml", False),
                         ("templates/role.html.j2", True), ("templates/style.css", True),
                         (".git/index", False)]:
        assert keep(Change.modified, str(tmp_path / name)) is starts, name


def test_a_saved_include_or_template_rebuilds(tmp_path):
    """What the org includes lies in its folder; the --templates folder is watched too."""
    org = tmp_path / "tiny"
    org.mkdir()
    people = TINY[TINY.index("positions:"):]
    (org / "org.yaml").write_text(TINY[:TINY.index("positions:")].replace("org:\n", "include: [_people.yaml]\norg:\n"),
                                  encoding="utf-8")
    (org / "_people.yaml").write_text(people, encoding="utf-8")
    templates = tmp_path / "templates"
    templates.mkdir()
    role = templates / "role.html.j2"
    role.write_text('{% extends "builtin/role.html.j2" %}{% block content %}Marker one{% endblock %}',
                    encoding="utf-8")
    out = tmp_path / "out"
    running = Running("watch", str(org), "--out-dir", str(out), "--templates", str(templates), "--debounce", "50",
                      "-j", "1", cwd=tmp_path)
    page = out / "all-hands" / "tiny" / "roles" / "head.html"
    try:
        running.line(SUMMARY)
        assert "Marker one" in page.read_text(encoding="utf-8")
        assert "Ann Lee" in (out / "all-hands" / "tiny" / "index.html").read_text(encoding="utf-8")

        mark = len(running.out)
        (org / "_people.yaml").write_text(people.replace("Ann Lee", "Dana Fox"), encoding="utf-8")
        running.line(r"^rebuilt in .* rendered", start=mark)
        assert "Dana Fox" in (out / "all-hands" / "tiny" / "index.html").read_text(encoding="utf-8")

        mark = len(running.out)
        role.write_text('{% extends "builtin/role.html.j2" %}{% block content %}Marker two{% endblock %}',
                        encoding="utf-8")
        running.line(r"^rebuilt in .* rendered", start=mark)
        text = page.read_text(encoding="utf-8")
        assert "Marker two" in text and "Marker one" not in text
    finally:
        running.stop()
