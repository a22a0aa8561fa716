"""A holder's photo, email and url (issue 15): every bad one reported at the line that names it, all at once, exit
2 and nothing written; good ones accepted, and a url shown on a position page reads back exactly as written."""

from __future__ import annotations

import html.parser
import io
import json
import os
from pathlib import Path

import pytest
from conftest import invoke_cli
from PIL import Image

BAD_HOLDERS = [
    ("Ann", {"photo": "../outside.png"}, "resolves to a file outside the org folder"),
    ("Bob", {"photo": "photos/link.png"}, "resolves to a file outside the org folder"),  # a symlink out
    ("Cat", {"photo": "photos/big.png"}, "is 2,200,000 bytes; the limit is 2,097,152"),
    ("Dan", {"photo": "photos/jpeg-bytes.png"}, "is not a PNG image (its bytes are a JPEG image)"),
    ("Eve", {"photo": "photos/face.svg"}, "is not a photo file name; use one of .jpeg, .jpg, .png, .webp"),
    ("Fay", {"photo": "photos/face.gif"}, "is not a photo file name"),
    ("Gus", {"photo": "photos/huge.png"}, "is 4001 × 4000 pixels; the limit is 16,000,000 pixels"),
    ("Hal", {"photo": "photos/missing.jpg"}, "does not exist in the org folder"),
    ("Ida", {"photo": "https://example.com/ida.jpg"}, "is a URL"),
    ("Jo", {"url": "javascript:alert(1)"}, "url: expected an https:// or mailto: link"),
    ("Kim", {"url": "http://example.com/kim"}, "url: expected an https:// or mailto: link"),
    ("Lu", {"url": "data:text/html,<b>x</b>"}, "url: expected an https:// or mailto: link"),
    ("Max", {"url": "/people/max"}, "url: expected an https:// or mailto: link"),
    ("Ned", {"email": "ned at example.com"}, "email: expected an email address"),
]


def _bad_org(root: Path) -> Path:
    folder = root / "org"
    (folder / "photos").mkdir(parents=True)
    Image.new("RGB", (8, 8)).save(root / "outside.png", "PNG")
    os.symlink(root / "outside.png", folder / "photos" / "link.png")
    (folder / "photos" / "big.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (2_200_000 - 8))
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (1, 2, 3)).save(buf, "JPEG")
    (folder / "photos" / "jpeg-bytes.png").write_bytes(buf.getvalue())
    (folder / "photos" / "face.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    Image.new("RGB", (8, 8)).save(folder / "photos" / "face.gif", "GIF")
    Image.new("1", (4001, 4000)).save(folder / "photos" / "huge.png", "PNG")  # 16,004,000 pixels, a small file
    lines = ["org: {name: Bad holders}", "positions:", "  - id: team", "    title: Team",
             f"    count: {len(BAD_HOLDERS)}", "    holders:"]
    for name, fields, _ in BAD_HOLDERS:
        lines.append(f"      - {json.dumps({'name': name, **fields})}")
    (folder / "org.yaml").write_text("\n".join(lines) + "\n")
    return folder


def test_every_bad_photo_email_and_url_is_located_at_once_and_nothing_is_written(tmp_path, monkeypatch):
    folder = _bad_org(tmp_path)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    result = invoke_cli("build", str(folder), "--out-dir", str(out))
    assert result.exit_code == 2, result.output
    assert not out.exists()  # nothing written
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert len(errors) == len(BAD_HOLDERS), result.output  # one each, no "expected text" beside them
    for i, (name, _, message) in enumerate(BAD_HOLDERS):
        line = 7 + i  # the holders start on line 7 of the file written above, one a line
        hits = [e for e in errors if e.startswith(f"{folder / 'org.yaml'}:{line}:")]
        assert len(hits) == 1 and message in hits[0], (name, hits, result.output)
    check = invoke_cli("check", str(folder))
    assert check.exit_code == 2 and check.output.count(": error: ") == len(BAD_HOLDERS)


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")

    def handle_data(self, data):
        if self._href is not None:
            self.links.append((self._href, data))
            self._href = None


def test_good_links_are_accepted_and_read_back_literally(tmp_path, monkeypatch):
    folder = tmp_path / "org"
    folder.mkdir()
    url = 'https://wiki.example.com/p?a=1&b="2"<x>'
    org = {"org": {"name": "Links"}, "positions": [
        {"id": "a", "title": "A", "holders": [{"name": "Ana Ruiz", "url": url, "email": "ana+x@example.com"}]},
        {"id": "b", "title": "B", "reports_to": "a", "holders": [{"name": "Bo Li", "url": "mailto:bo@example.com"}]},
    ]}
    (folder / "org.yaml").write_text(json.dumps(org))
    monkeypatch.chdir(tmp_path)
    result = invoke_cli("build", str(folder), "--audience", "all", "--out-dir", str(tmp_path / "out"), "-q")
    assert result.exit_code == 0, result.output
    for audience, email in (("hr", True), ("all-hands", False)):
        page = (tmp_path / "out" / audience / "org" / "positions" / "a.html").read_text()
        assert '"2"<x>' not in page  # escaped in the markup ...
        parser = _Links()
        parser.feed(page)
        assert (url, url) in parser.links  # ... and read back as written
        assert (("mailto:ana%2Bx@example.com", "ana+x@example.com") in parser.links) is email
    public = (tmp_path / "out" / "public" / "org" / "positions" / "a.html").read_text()
    assert "wiki.example.com" not in public and "Ana Ruiz" not in public and "ana+x" not in public
    b = (tmp_path / "out" / "all-hands" / "org" / "positions" / "b.html").read_text()
    assert 'href="mailto:bo@example.com"' in b


@pytest.mark.parametrize("url", ["https://example.com", "mailto:a@b.co", "https://x.example/a b"])
def test_url_shapes(url):
    from pydantic import ValidationError

    from orgdocs.model.positions import Holder

    if " " in url:
        with pytest.raises(ValidationError):
            Holder(name="A", url=url)
    else:
        assert Holder(name="A", url=url).url == url
