"""PDF from HTML with WeasyPrint, confined to known folders, and PDF finishing (joining pages, metadata) with no
clock time in the bytes.

WeasyPrint may read files only inside the org folder and the template folders; anything else (network, other
files, symlinks out) stops the render with a clear error.
"""

from __future__ import annotations

import datetime as dt
import io
import mimetypes
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from orgdocs.errors import ToolError
from orgdocs.paths import inside as _inside


def finish_pdf(pages: list[bytes], *, title: str, subject: str, when: dt.datetime, scale: float = 1.0) -> bytes:
    """scale: every page and what it shows made larger or smaller (a chart's --scale)."""
    from pypdf import PdfReader, PdfWriter  # imported here: only PDF output needs it

    writer = PdfWriter()
    with quiet_pypdf():
        for data in pages:
            writer.append(PdfReader(io.BytesIO(data)))
    if scale != 1:
        for page in writer.pages:
            page.scale_by(scale)
    return _finished(writer, title=title, subject=subject, when=when)


def join_pdf(parts: list[tuple[str, bytes | list[bytes]]], *, title: str, subject: str, when: dt.datetime) -> bytes:
    """PDFs one after another, each part an outline (bookmark) entry at its first page, its own outline below it.
    A part may be several PDFs (a chart's pages and tiles as Graphviz draws them): joined here once, not first
    into a document of their own that is read back."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    with quiet_pypdf():
        for name, data in parts:
            pieces = [data] if isinstance(data, bytes) else data
            for k, piece in enumerate(pieces):
                writer.append(PdfReader(io.BytesIO(piece)), outline_item=None if k else name)
    return _finished(writer, title=title, subject=subject, when=when)


@contextmanager
def quiet_pypdf():
    """pypdf's warnings silenced while it reads PDFs Graphviz or WeasyPrint made for us: cairo names an image
    used twice (one photo in several boxes) twice in a page's resources, which pypdf reads right and reports
    through logging, and Python prints an unhandled warning on stderr even under -q. Errors still raise."""
    import logging

    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _finished(writer, *, title: str, subject: str, when: dt.datetime) -> bytes:
    stamp = "D:" + when.strftime("%Y%m%d%H%M%S") + "Z"
    writer.add_metadata({
        "/Title": title,
        "/Subject": subject,
        "/Author": "orgdocs",
        "/Creator": "orgdocs",
        "/Producer": "orgdocs (Graphviz, pypdf)",
        "/CreationDate": stamp,
        "/ModDate": stamp,
    })
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def confined_fetcher(allowed: list[Path]):
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class ConfinedFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
                raise FatalURLFetchingError(f"refused to fetch {url!r}: documents may only use files in the org "
                                            "folder or the template folders")
            path = unquote(parsed.path)
            if not any(_inside(root, path) for root in allowed):
                raise FatalURLFetchingError(f"refused to read {path!r}: it is outside the org folder and the "
                                            "template folders")
            if not os.path.isfile(path):
                raise FatalURLFetchingError(f"file not found: {path!r}")
            with open(path, "rb") as fh:
                body = fh.read()
            mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": mime})

    return ConfinedFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


@contextmanager
def _source_date(when: dt.datetime):
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango or another shared library is missing
        raise ToolError(f"WeasyPrint cannot start ({exc}); it needs Pango (Debian: apt-get install "
                        "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)") from None
    return weasyprint


def weasyprint_loaded() -> None:
    _weasyprint()


def html_to_pdf(html: str, *, base: Path, allowed: list[Path], when: dt.datetime) -> bytes:
    return laid_out_pdf(html, base=base, allowed=allowed, when=when).data


@dataclass(frozen=True)
class LaidOut:
    """A WeasyPrint document: its PDF (b"" when not written), page count, the first page (0-based) of each
    anchor, and its internal links as (page, anchor, PDF rectangle in points from the bottom left)."""

    data: bytes
    pages: int
    anchors: dict[str, int]
    links: tuple[tuple[int, str, tuple[float, float, float, float]], ...] = ()


def laid_out_pdf(html: str, *, base: Path, allowed: list[Path], when: dt.datetime, write_if=None) -> LaidOut:
    """The PDF and where things fell in it, from one layout; `write_if(pages)` False: laid out, not written (a
    part whose length was not the one expected, to lay out again)."""
    weasyprint = _weasyprint()
    with _weasyprint_errors(), _source_date(when):
        document = weasyprint.HTML(string=html, base_url=str(base.resolve()) + "/",
                                   url_fetcher=confined_fetcher(allowed)).render()
        anchors: dict[str, int] = {}
        links = []
        for number, page in enumerate(document.pages):
            for name in page.anchors:
                anchors.setdefault(name, number)
            height = page.height * _PT
            for kind, target, (x0, y0, x1, y1), _box in page.links:
                if kind == "internal":
                    links.append((number, target, (x0 * _PT, height - y1 * _PT, x1 * _PT, height - y0 * _PT)))
        write = write_if is None or write_if(len(document.pages))
        data = document.write_pdf(pdf_version="1.7", uncompressed_pdf=False) if write else b""
        return LaidOut(data, len(document.pages), anchors, tuple(links))


_PT = 0.75  # PDF points per CSS pixel


@contextmanager
def _weasyprint_errors():
    from weasyprint.urls import FatalURLFetchingError

    from orgdocs.render.html import TemplateProblem  # here: a chart's PDF needs finish_pdf, not jinja2

    try:
        yield
    except FatalURLFetchingError as exc:
        raise TemplateProblem(str(exc)) from None
    except (MemoryError, RecursionError) as exc:
        raise ToolError(f"WeasyPrint ran out of {'memory' if isinstance(exc, MemoryError) else 'stack'} "
                        "making a PDF") from None
    except Exception as exc:  # a failure inside the tool, not a problem of the input we could locate
        raise ToolError(f"WeasyPrint failed: {type(exc).__name__}: {exc}") from None
