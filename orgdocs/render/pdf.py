"""PDF finishing: join pages into one document and set its metadata, with no clock time in the bytes."""

from __future__ import annotations

import datetime as dt
import io


def finish_pdf(pages: list[bytes], *, title: str, subject: str, when: dt.datetime) -> bytes:
    from pypdf import PdfReader, PdfWriter  # imported here: only PDF output needs it

    writer = PdfWriter()
    for data in pages:
        writer.append(PdfReader(io.BytesIO(data)))
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
