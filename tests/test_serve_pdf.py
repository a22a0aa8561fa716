"""serve and watch make the pages first (issue 14 item 6, the fast preview): without --pdf a rebuild makes every
page a browser shows and no PDF (WeasyPrint was most of the ~7 s a one-role edit took to reload); with --pdf the
PDFs are made too, as `build` makes them; `build` itself is unchanged. Served without --pdf, a link to a PDF gets a
page saying how to make it."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from serve_helpers import TINY, Running, build_state, get, next_build

from orgdocs.commands import steps
from orgdocs.outputs.build import build_loaded
from orgdocs.outputs.plan import BUILD_AUDIENCES

FAMILY_BASE = """org:
  name: Tiny
  variant: Base
roles:
  head: {title: Head, level: l2}
  agent: {title: Agent, level: l1}
levels:
  l1: {name: One, rank: 1}
  l2: {name: Two, rank: 2}
compensation:
  bands:
    b1: {level: l1, min: 50K, max: 70K}
    b2: {level: l2, min: 80K, max: 100K}
positions:
  - id: head
    role: head
    holders: [Ann Lee]
  - id: agent
    role: agent
    reports_to: head
    holders: [Bob Ray]
"""
FAMILY_NEXT = """extends: base.yaml
org:
  variant: Next
changes:
  - add: {id: agent-2, role: agent, reports_to: head}
"""


def files(folder) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and ".orgdocs-cache" not in
            p.parts}


@pytest.fixture(scope="module")
def family(tmp_path_factory):
    """A family of two variants with pay bands (so hr's tree has bands, the comparison and the handbook),
    built both ways into two folders: (with PDFs, without)."""
    root = tmp_path_factory.mktemp("fam")
    src = root / "tiny"
    src.mkdir()
    (src / "base.yaml").write_text(FAMILY_BASE, encoding="utf-8")
    (src / "next.yaml").write_text(FAMILY_NEXT, encoding="utf-8")
    items = steps.load([str(src)])
    build_loaded(items, root / "with", audiences=BUILD_AUDIENCES, workers=1)
    build_loaded(items, root / "without", audiences=BUILD_AUDIENCES, workers=1, pdf=False)
    return root / "with", root / "without", src


def test_without_pdf_every_page_and_no_pdf(family):
    full, pages, _ = family
    made, everything = files(pages), files(full)
    pdfs = {n for n in everything if n.endswith((".pdf", ".pptx"))}  # the downloads: PDFs and the chart's deck
    assert {f"{a}/base/chart.pptx" for a in BUILD_AUDIENCES} <= pdfs
    # what build makes that is a PDF: each role's, the handbook, the chart, the dashboard, per org and audience;
    # hr's bands; each audience's compare.pdf
    for a in BUILD_AUDIENCES:
        assert {f"{a}/base/chart.pdf", f"{a}/base/dashboard.pdf", f"{a}/base/roles/head.pdf",
                f"{a}/base/role-handbook.pdf", f"{a}/tiny/compare.pdf"} <= pdfs
    assert "hr/base/bands.pdf" in pdfs
    assert not {n for n in made if n.endswith((".pdf", ".pptx"))}
    # everything else is there, and the same bytes (a preview shows what build will write) but for the lists of
    # what was written: each tree's redaction manifest and the output folder's own list (.orgdocs-files)
    lists = {f"{a}/redaction-manifest.json" for a in BUILD_AUDIENCES} | {n for n in made if n.startswith(".orgdocs")}
    assert made == everything - pdfs
    assert len(made - lists) > 40
    for name in sorted(made - lists):
        assert (pages / name).read_bytes() == (full / name).read_bytes(), name


def test_with_and_without_pdf_keep_apart_in_one_folder(family, tmp_path):
    """serve --pdf after serve (or build after watch) into the same folder: the cache never hands the pages-only
    groups to a build with PDFs, so the PDFs appear."""
    _, _, src = family
    items = steps.load([str(src)])
    out = tmp_path / "out"
    build_loaded(items, out, audiences=("hr",), workers=1, pdf=False)
    assert not [n for n in files(out) if n.endswith(".pdf")]
    build_loaded(items, out, audiences=("hr",), workers=1)
    made = files(out)
    assert {"hr/base/roles/head.pdf", "hr/base/role-handbook.pdf", "hr/base/bands.pdf",
            "hr/tiny/compare.pdf"} <= made
    assert (out / "hr/base/roles/head.pdf").read_bytes().startswith(b"%PDF")
    build_loaded(items, out, audiences=("hr",), workers=1, pdf=False)  # and back: the PDFs go, as any file not made
    assert not [n for n in files(out) if n.endswith(".pdf")]


def pdf_answer(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


@pytest.mark.parametrize("pdf", [False, True])
def test_serve_rebuilds_and_a_pdf_is_there_when_asked(tmp_path, pdf):
    org = tmp_path / "tiny.yaml"
    org.write_text(TINY, encoding="utf-8")
    out = tmp_path / "out"
    args = ["serve", str(org), "--port", "0", "--out-dir", str(out), "--debounce", "50", "-j", "1"]
    running = Running(*args, *(["--pdf"] if pdf else []), cwd=tmp_path)
    try:
        base = running.line(r"^serving (http://127\.0\.0\.1:\d+/) ").group(1)
        state = build_state(base)
        status, page = get(base + "tiny/roles/agent.html")
        assert status == 200 and "Agent" in page
        # the org's page links each role's PDF, made or not
        assert 'href="roles/agent.pdf"' in get(base + "tiny/index.html")[1]
        status, kind, body = pdf_answer(base + "tiny/roles/agent.pdf")
        if pdf:
            assert (status, kind) == (200, "application/pdf") and body.startswith(b"%PDF")
            assert (out / "all-hands" / "tiny" / "role-handbook.pdf").is_file()
        else:
            assert status == 404 and kind.startswith("text/html")
            assert b"No PDF in this preview" in body
            assert b"--pdf</code> makes the PDFs and the chart's PowerPoint deck too" in body
            assert not list(out.rglob("*.pdf")) and not list(out.rglob("*.pptx"))
        # a save rebuilds and the page shows it (the open page reloads: test_serve_browser.py)
        org.write_text(TINY.replace("title: Agent", "title: Support Agent"), encoding="utf-8")
        next_build(base, state["build"])
        status, page = get(base + "tiny/roles/agent.html")
        assert status == 200 and "Support Agent" in page
        if pdf:
            status, kind, body = pdf_answer(base + "tiny/roles/agent.pdf")
            assert status == 200 and body.startswith(b"%PDF")
    finally:
        running.stop()


def test_watch_makes_pdfs_only_when_asked(tmp_path):
    org = tmp_path / "tiny.yaml"
    org.write_text(TINY, encoding="utf-8")
    for flag, out in (([], tmp_path / "pages"), (["--pdf"], tmp_path / "all")):
        running = Running("watch", str(org), "--out-dir", str(out), "--debounce", "50", "-j", "1", *flag,
                          cwd=tmp_path)
        try:
            running.line(r"^watching ")
            assert (out / "all-hands" / "tiny" / "roles" / "agent.html").is_file()
            pdfs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
            if flag:
                assert {"all-hands/tiny/roles/agent.pdf", "all-hands/tiny/role-handbook.pdf",
                        "all-hands/tiny/chart.pdf", "all-hands/tiny/dashboard.pdf"} <= set(pdfs)
            else:
                assert pdfs == []
        finally:
            running.stop()
