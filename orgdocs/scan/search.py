"""Searching output bytes for confidential values: the text a reader (or a program) gets out of each format."""

from __future__ import annotations

import html
import io
import json
import re
import zlib
from dataclasses import dataclass

from orgdocs.errors import LeakError
from orgdocs.scan.confidential import Confidential, Secret, normalise
from orgdocs.scan.numbers import amounts_in

_TAG = re.compile(r"<[^>]*>")
_DATA_URL = re.compile(r"data:[\w/+.-]*;base64,[A-Za-z0-9+/=\s]*")  # embedded images: their digits are noise


@dataclass(frozen=True)
class Leak:
    file: str
    secret: Secret

    def as_dict(self) -> dict:
        """For the redaction manifest and `verify`: the file, the class of value and which one, never the value."""
        return {"file": self.file, "class": self.secret.kind, "shows": self.secret.what,
                "written_at": str(self.secret.location)}

    def line(self) -> str:
        text = f"{self.file}: shows {self.secret.what}, written at {self.secret.location} [{self.secret.kind}]"
        for spot in self.secret.mentioned:
            text += f"\n    the org's own text also gives it at {spot}"
        return text


class LeakFound(LeakError):
    def __init__(self, leaks: list[Leak], audience: str, ending: str = "nothing was written."):
        self.leaks = leaks
        self.audience = audience
        n, files = len(leaks), len({leak.file for leak in leaks})
        self.summary = (f"{n} confidential value{'s' if n != 1 else ''} shown in {files} "
                        f"output{'s' if files != 1 else ''} meant for {audience}")
        # as one message it reads right after "error: " and before "; nothing was written."
        self.ending = ending
        self.final = True  # its last line says what happened to the output; the CLI adds nothing
        super().__init__("\nerror: ".join(leak.line() for leak in leaks) + "\n" + self.summary)

    def lines(self) -> list[str]:
        return [f"error: {leak.line()}" for leak in self.leaks] + [f"{self.summary}; {self.ending}"]


def text_of(name: str, data: bytes) -> str:
    """What a reader or a program can get out of one output file: its text, attributes and metadata."""
    suffix = name.rsplit(".", 1)[-1].lower()
    if suffix == "pdf":
        return _pdf_text(data)
    if suffix == "png":
        return _png_text(data)
    if suffix in ZIPPED:
        return _zip_text(data)
    text = data.decode("utf-8", "replace")
    if suffix == "json":
        try:
            return text + "\n" + "\n".join(_json_values(json.loads(text)))  # \u escapes as the letters they are
        except (ValueError, RecursionError):
            return text
    if suffix in ("html", "svg", "xml", "htm"):
        # with and without the markup: a value split by a tag (<b>Ann</b> Lee) still reads as one
        text = _DATA_URL.sub(" ", text)
        return html.unescape(text) + "\n" + html.unescape(_TAG.sub(" ", text))
    return text


def _json_values(value) -> list[str]:
    out, stack = [], [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            stack += [*v.keys(), *v.values()]
        elif isinstance(v, list):
            stack += v
        elif v is not None:
            out.append(str(v))
    return out


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader  # only PDFs need it
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        parts = [page.extract_text() or "" for page in reader.pages]
        parts += [str(v) for v in (reader.metadata or {}).values()]
    except (PyPdfError, ValueError, KeyError):
        # not a PDF pypdf can read (orgdocs' own are): its bytes as they are, so plain text in it is still found
        return data.decode("latin-1")
    return "\n".join(parts)


ZIPPED = ("pptx",)  # Office files: zips of XML, whose text a byte scan would not see
_ATTRIBUTE = re.compile(r'="([^"]*)"')
_WORDY = re.compile(r"[^\W\d_]{2}")  # two letters in a row: text, not a number or a colour
ZIP_MEMBER_LIMIT = 256 * 1024 * 1024  # bytes read out of one member: a zip bomb is not read to its end


def _zip_text(data: bytes) -> str:
    """Every member's text, as an XML member shows it (with and without markup; escapes undone); a file that is
    not a zip is scanned as its bytes."""
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = []
        for info in archive.infolist():
            with archive.open(info) as member:
                body = member.read(ZIP_MEMBER_LIMIT).decode("utf-8", "replace")
            if info.filename.endswith((".xml", ".rels")):
                body = _DATA_URL.sub(" ", body)
                # runs of one paragraph sit in separate elements: their text joined without the tags as well;
                # attributes only where they hold words (a tooltip, alt text), not the shapes' coordinates in
                # EMU, which would read as amounts
                parts += [html.unescape(_TAG.sub("", body)), html.unescape(_TAG.sub(" ", body)),
                          *(html.unescape(v) for v in _ATTRIBUTE.findall(body) if _WORDY.search(v))]
            else:
                parts.append(body)
        return "\n".join(parts)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError):
        return data.decode("latin-1")


def _png_text(data: bytes) -> str:
    """A PNG's text chunks (tEXt, zTXt, iTXt); the pixels' text is drawn from the same scene as the SVG."""
    parts, pos = [], 8
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        try:
            if kind == b"tEXt":
                parts.append(body.replace(b"\0", b" ").decode("latin-1"))
            elif kind == b"zTXt":
                key, _, rest = body.partition(b"\0")
                parts.append(key.decode("latin-1") + " " + zlib.decompress(rest[1:]).decode("latin-1"))
            elif kind == b"iTXt":
                key, _, rest = body.partition(b"\0")
                compressed, rest = rest[0], rest[2:]
                _, _, rest = rest.partition(b"\0")  # language tag
                _, _, text = rest.partition(b"\0")  # translated keyword
                parts.append(key.decode("latin-1") + " " +
                             (zlib.decompress(text) if compressed else text).decode("utf-8", "replace"))
        except (zlib.error, IndexError, ValueError):
            parts.append("")
    return "\n".join(parts)


def find_leaks(files: list[tuple[str, bytes]], secrets: Confidential) -> list[Leak]:
    if not secrets:
        return []
    leaks: list[Leak] = []
    for name, data in files:
        text = text_of(name, data)
        for value in sorted(amounts_in(text) & secrets.amounts.keys()):
            leaks += [Leak(name, s) for s in secrets.amounts[value]]
        if secrets.texts:
            norm = normalise(text)
            for s in secrets.texts:
                if (re.search(rf"(?<!\w){re.escape(s.text)}(?!\w)", norm) if s.words else s.text in norm):
                    leaks.append(Leak(name, s))
    return leaks


def check_files(files: list[tuple[str, bytes]], secrets: Confidential, audience: str = "all-hands") -> None:
    """Raise LeakFound (exit 5) when any file shows a confidential value."""
    leaks = find_leaks(files, secrets)
    if leaks:
        raise LeakFound(leaks, audience)
