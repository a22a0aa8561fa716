"""One PDF from documents laid out apart (a long handbook in chunks): their pages in order, each part's page
footers stamped on its pages, one outline entry per named anchor, and the links of the first part (its contents)
pointing at the pages where their anchors fell in the other parts. Bytes only; deterministic.

WeasyPrint holds about 2 MB per page of one document, so a long document is laid out in parts of bounded size;
a part cannot know its page numbers nor the total while it is laid out (the parts before it are being laid out
too), so its footers are laid out afterwards as blank pages that carry only the footer, and merged onto it.
"""

from __future__ import annotations

import io

from orgdocs.render.pdf import LaidOut


def join_parts(parts: list[LaidOut], outline: list[tuple[str, str]], footers: list[LaidOut] = (),
               footed_from: int = 0) -> bytes:
    """parts: in order, the first one (cover and contents) giving its metadata to the whole; outline: (title,
    anchor), each entry pointing at the first page where the anchor is, in whichever part; footers: blank pages
    carrying page footers, merged one by one onto the pages from page `footed_from` (0-based) on."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Link

    writer = PdfWriter()
    first: dict[str, int] = {}
    for part in parts:
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(part.data)), import_outline=False)
        for name, page in part.anchors.items():
            first.setdefault(name, start + page)
    page = footed_from
    for footer in footers:
        for stamp in PdfReader(io.BytesIO(footer.data)).pages:
            target = writer.pages[page]
            target.merge_page(stamp)
            target.compress_content_streams()  # the merged stream is left uncompressed
            page += 1
    if page != (len(writer.pages) if footers else footed_from):
        raise ValueError(f"footers for pages {footed_from + 1}–{page} of {len(writer.pages)}")
    for title, anchor in outline:
        if anchor in first:
            writer.add_outline_item(title=title, page_number=first[anchor])
    for number, anchor, rect in parts[0].links if parts else ():
        if anchor in first and anchor not in parts[0].anchors:  # links within the first part are kept as made
            writer.add_annotation(number, Link(rect=rect, target_page_index=first[anchor]))
    meta = PdfReader(io.BytesIO(parts[0].data)).metadata if parts else None
    if meta:
        writer.add_metadata(dict(meta))
    writer.compress_identical_objects()  # each part embeds its own copy of the fonts, often the same bytes
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
