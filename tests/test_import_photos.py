"""`orgdocs import --download-photos` (issue 15): an export's photo URLs are fetched only when asked, https only,
each checked like a photo file (type by its bytes, size, pixels), saved as photos/<position id>.<ext> through the
import's one OutputTree, all or nothing. The network is never used here: the fetch is import's own seam (a
keyword of run(), which the CLI never passes), and the real fetcher is tried only on URLs it must refuse before
connecting."""

from __future__ import annotations

import io
import urllib.request
from pathlib import Path

import pytest
from PIL import Image

from orgdocs.commands import import_, steps
from orgdocs.problems import OrgInputError
from orgdocs.source import photo_fetch

EXPORT = """Employee ID,Name,Job Title,Manager ID,Photo URL
1,Ana Ruiz,CEO,,https://photos.example.com/1.png
2,Bo Li,CTO,1,https://photos.example.com/2.jpg
3,Cy Vo,Engineer,2,
"""


def image(fmt: str, colour=(255, 0, 255), size=(40, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, fmt)
    return buf.getvalue()


SERVED = {"https://photos.example.com/1.png": image("PNG"), "https://photos.example.com/2.jpg": image("JPEG")}


class Server:
    """The fetch seam: the URLs asked for, and the bytes each gives."""

    def __init__(self, served: dict[str, bytes]):
        self.served, self.asked = served, []

    def __call__(self, url: str, most: int) -> bytes:
        self.asked.append(url)
        if url not in self.served:
            raise photo_fetch.PhotoFetchError("could not be fetched: the server answered 404")
        return self.served[url][:most + 1]


def run(tmp_path: Path, export: str = EXPORT, fetch=None, **options):
    csv = tmp_path / "export.csv"
    csv.write_text(export, encoding="utf-8")
    org = tmp_path / "org"
    return org, import_.run(import_.Options(file=csv, into=org, **options), fetch=fetch)


def test_photo_urls_are_not_fetched_unless_asked(tmp_path):
    def never(url, most):
        raise AssertionError("fetched without --download-photos")

    org, result = run(tmp_path, fetch=never)
    assert not (org / "photos").exists()
    assert "photo" not in (org / "people.yaml").read_text()
    assert any("2 photo URLs not used" in m and "--download-photos" in m for m in result.messages)


def test_downloaded_photos_land_in_the_org_folder_and_on_their_holders(tmp_path):
    server = Server(SERVED)
    org, result = run(tmp_path, download_photos=True, fetch=server)
    assert sorted(server.asked) == sorted(SERVED)
    assert (org / "photos" / "1.png").read_bytes() == SERVED["https://photos.example.com/1.png"]
    assert (org / "photos" / "2.jpg").read_bytes() == SERVED["https://photos.example.com/2.jpg"]
    people = (org / "people.yaml").read_text()
    assert "photo: photos/1.png" in people and "photo: photos/2.jpg" in people
    assert "photos.example.com" not in people  # the URL itself is not kept
    assert any("2 photos downloaded" in line for line in result.info)
    [item] = steps.load([str(org)])  # the org validates with its photos
    holders = {p.id: p.holders[0] for p in item.org.positions}
    assert holders["1"].photo == "photos/1.png" and holders["3"].photo is None
    # and the next import without the option removes what this one downloaded (import's files, all pruned)
    run(tmp_path)
    assert not (org / "photos" / "1.png").exists() and "photo" not in (org / "people.yaml").read_text()


@pytest.mark.parametrize("url, served, message", [
    ("http://photos.example.com/x.png", None, "is not an https:// URL"),
    ("javascript:alert(1)", None, "is not an https:// URL"),
    ("data:image/png;base64,AAAA", None, "is not an https:// URL"),
    ("https://photos.example.com/x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "is not a PNG, JPEG or WebP"),
    ("https://photos.example.com/x.gif", image("GIF"), "is not a PNG, JPEG or WebP image (a GIF image)"),
    ("https://photos.example.com/big.png", b"\x89PNG\r\n\x1a\n" + b"\0" * (2 * 1024 * 1024), "is more than 2,097,152"),
    ("https://photos.example.com/huge.png", None, "pixels"),
    ("https://photos.example.com/gone.png", None, "the server answered 404"),
], ids=["http", "javascript", "data", "svg", "gif", "too-large", "too-many-pixels", "not-found"])
def test_bad_photo_urls_are_located_at_their_cell_and_nothing_is_written(tmp_path, url, served, message):
    served_here = dict(SERVED)
    if served is not None:
        served_here[url] = served
    if url.endswith("huge.png"):
        buf = io.BytesIO()
        Image.new("1", (4001, 4000)).save(buf, "PNG")
        served_here[url] = buf.getvalue()
    export = EXPORT.replace("3,Cy Vo,Engineer,2,", f'3,Cy Vo,Engineer,2,"{url}"')  # quoted: a data: URL has a comma
    server = Server(served_here)
    with pytest.raises(OrgInputError) as caught:
        run(tmp_path, export, download_photos=True, fetch=server)
    [problem] = caught.value.problems
    assert message in problem.message
    assert f"{tmp_path / 'export.csv'}:4:5 (Photo URL): error: " in problem.format()  # line 4, the 5th column
    assert not (tmp_path / "org").exists()  # all or nothing
    if "https://" not in url:
        assert url not in server.asked  # refused before anything is fetched


def test_the_real_fetcher_refuses_other_schemes_before_connecting(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("connected")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    for url in ("http://example.com/a.png", "file:///etc/passwd", "ftp://example.com/a.png", "https:///nohost"):
        with pytest.raises(photo_fetch.PhotoFetchError, match="https"):
            photo_fetch.fetch(url, 1000)


def test_redirects_to_other_schemes_are_refused():
    handler = photo_fetch._HttpsRedirects()
    request = urllib.request.Request("https://photos.example.com/a.png")
    for target in ("http://photos.example.com/a.png", "file:///etc/passwd", "data:,x"):
        with pytest.raises(photo_fetch.PhotoFetchError, match="not https"):
            handler.redirect_request(request, None, 302, "Found", {}, target)
    moved = handler.redirect_request(request, None, 302, "Found", {}, "/elsewhere.png")  # relative: still https
    assert moved.full_url == "https://photos.example.com/elsewhere.png"
    assert handler.max_redirections == 3
