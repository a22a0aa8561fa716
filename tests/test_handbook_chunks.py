"""The role handbook laid out in chunks and joined (issue 13, item 4): page numbers continuous, the contents and the
outline pointing at the page where each role starts, the same pages as the one-document handbook, the same bytes
on every run and with any number of workers."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from orgdocs.commands import steps
from orgdocs.outputs import handbook
from orgdocs.outputs.build import documents
from orgdocs.outputs.documents import DocOptions
from orgdocs.outputs.plan import handbook_file

ROLES = 11
CHUNK = 4  # 11 roles: chunks of 4, 4 and 3 roles (the last with "About")


def org_yaml(n: int) -> str:
    lines = ["org:", "  name: Chunky Co", "  as_of: 2026-01-01",
             "  description: A company whose handbook is made in several parts.", "levels:"]
    lines += [f"  l{lv}: {{name: Level {lv}, rank: {lv}}}" for lv in (1, 2, 3)]
    lines += ["compensation:", "  bands:"]
    lines += [f"    b{lv}: {{level: l{lv}, min: {50 + lv * 20}K, max: {75 + lv * 25}K}}" for lv in (1, 2, 3)]
    lines += ["roles:"]
    for i in range(n):
        # every third role long enough for two pages, so chunks differ in length
        duties = 30 if i % 3 == 0 else 4
        lines += [f"  r{i:02d}:", f"    title: Role {i:02d} title", f"    family: Family {'AB'[i % 2]}",
                  f"    level: l{1 + i % 3}", "    responsibilities:"]
        lines += [f"      - Duty {j} of role {i:02d}, written out as a full sentence the way HR writes duties down."
                  for j in range(duties)]
    lines += ["positions:", "  - {id: p0, role: r00}"]
    lines += [f"  - {{id: p{i}, role: r{i:02d}, reports_to: p0}}" for i in range(1, n)]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    path = tmp_path_factory.mktemp("chunky") / "org.yaml"
    path.write_text(org_yaml(ROLES))
    [item] = steps.load([str(path)])
    return documents(item, DocOptions(audience="hr"))


def make(docs, chunk: int, workers: int = 1) -> bytes:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(handbook, "CHUNK_ROLES", chunk)
        [f] = docs.role_files(per_role=False, workers=workers)
    assert f.name == handbook_file()
    return f.data


@pytest.fixture(scope="module")
def chunked(docs) -> bytes:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(handbook, "CHUNK_ROLES", CHUNK)
        assert [len(c) for c in handbook.Handbook(docs, docs.roles()).chunks] == [4, 4, 3]
    return make(docs, CHUNK)


@pytest.fixture(scope="module")
def whole(docs) -> bytes:
    assert handbook.Handbook(docs, docs.roles()).chunks == []  # 11 roles <= CHUNK_ROLES: one document
    return make(docs, 1000)


def texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def contents(pages: list[str]) -> dict[str, int]:
    """Contents entries as printed: 'Role 03 title ........ 7' -> {'Role 03 title': 7}."""
    found = {}
    for page in pages[1:3]:
        for m in re.finditer(r"^((?:Role \d\d title)|(?:About Chunky Co))\s*\.+\s*(\d+)$", page, re.M):
            found[m.group(1)] = int(m.group(2))
    return found


def test_page_numbers_run_on_across_chunks(chunked):
    pages = texts(chunked)
    total = len(pages)
    assert total > ROLES + 2  # cover, contents, a page or more per role
    assert "Page " not in pages[0]  # the cover carries no footer
    for number, text in enumerate(pages[1:], start=2):
        assert re.findall(r"Page (\d+) of (\d+)", text) == [(str(number), str(total))], (number, text[-120:])


def test_contents_points_at_the_page_where_each_role_starts(chunked):
    pages = texts(chunked)
    listed = contents(pages)
    assert sorted(listed) == sorted([f"Role {i:02d} title" for i in range(ROLES)] + ["About Chunky Co"])
    for title, number in listed.items():
        # the running footer names the section whose heading is first on the page: this role on its first page,
        # the one before it on the page before
        assert f"{title} Page {number} of 18" in pages[number - 1], (title, pages[number - 1][-80:])
        assert f"{title} Page" not in pages[number - 2], title
    # families in order (A: even roles, B: odd), each role after the one before it
    order = [f"Role {i:02d} title" for i in range(0, ROLES, 2)] + [f"Role {i:02d} title" for i in range(1, ROLES, 2)]
    numbers = [listed[t] for t in order]
    assert numbers == sorted(numbers) and len(set(numbers)) == ROLES
    # roles 00, 06 (family A) and 03, 09 (family B) are two pages long: by hand, from page 3 (cover, contents):
    # A: 00→3 (2 pages), 02→5, 04→6, 06→7 (2), 08→9, 10→10; B: 01→11, 03→12 (2), 05→14, 07→15, 09→16 (2), About→18
    assert listed == {"Role 00 title": 3, "Role 02 title": 5, "Role 04 title": 6, "Role 06 title": 7,
                      "Role 08 title": 9, "Role 10 title": 10, "Role 01 title": 11, "Role 03 title": 12,
                      "Role 05 title": 14, "Role 07 title": 15, "Role 09 title": 16, "About Chunky Co": 18}
    assert len(pages) == 18


def test_one_outline_entry_per_role_at_its_page(chunked):
    reader = PdfReader(io.BytesIO(chunked))
    entries = [(o.title, reader.get_destination_page_number(o) + 1) for o in reader.outline]
    listed = contents(texts(chunked))
    assert len(entries) == ROLES + 1
    assert dict(entries) == listed
    assert all(not isinstance(o, list) for o in reader.outline)  # flat, as the one-document handbook's


def links(data: bytes) -> list[tuple[tuple[float, ...], int]]:
    """The contents page's links: (rectangle, rounded to the point; page number they open)."""
    reader = PdfReader(io.BytesIO(data))
    found = []
    for annot in reader.pages[1].get("/Annots", []):
        annot = annot.get_object()
        if annot.get("/Subtype") == "/Link":
            dest = annot["/Dest"] if "/Dest" in annot else annot["/A"]["/D"]
            page = reader.get_destination_page_number(reader.named_destinations[str(dest)]) \
                if isinstance(dest, str) else reader.get_page_number(dest[0].get_object())  # WeasyPrint: by name
            x0, y0, x1, y1 = (round(float(v)) for v in annot["/Rect"])  # corners in either order
            found.append(((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)), page + 1))
    return sorted(found)


def test_contents_entries_link_to_the_role_pages(chunked, whole):
    found = links(chunked)
    assert sorted({page for _, page in found}) == sorted(contents(texts(chunked)).values())
    assert found == links(whole)  # the same places on the page open the same pages as in one document


def test_chunked_reads_page_for_page_like_one_document(chunked, whole):
    one, parts = texts(whole), texts(chunked)
    assert len(parts) == len(one)
    assert parts == one
    a, b = PdfReader(io.BytesIO(whole)), PdfReader(io.BytesIO(chunked))
    assert [(o.title, a.get_destination_page_number(o)) for o in a.outline] \
        == [(o.title, b.get_destination_page_number(o)) for o in b.outline]
    assert a.metadata == b.metadata


def test_same_bytes_every_run_and_with_two_workers(docs, chunked):
    assert make(docs, CHUNK) == chunked
    assert make(docs, CHUNK, workers=2) == chunked


def test_a_contents_of_another_length_than_assumed_is_numbered_again(docs, chunked, monkeypatch):
    # assumed 5 pages of cover and contents, found 2: every number moves up 3 pages, laid out again
    monkeypatch.setattr(handbook, "FRONT_GUESS", 5)
    assert make(docs, CHUNK) == chunked
