"""The role handbook as a PDF of bounded memory: laid out in chunks of roles and joined.

WeasyPrint holds about 2 MB per page of a document (a 1,000-role handbook in one document: 2.2 GB), so a handbook
of more than CHUNK_ROLES roles is made in parts, each an HTML document of its own:
1. the chunks of roles (the last one with the "About" section), laid out in parallel when workers are given: each
   tells how many pages it has and on which of them each role starts;
2. the cover and contents, with each role's page number, laid out again until its own length is the one the
   numbers assumed (a longer contents moves every role down);
3. each chunk's page footers ("Page n of N"), known only now, as blank pages carrying just the footer, merged onto
   the chunk's pages; then the parts are joined with one outline entry per role and the contents' links pointing
   at each role's page (render.pdf_parts).
A handbook of CHUNK_ROLES roles or fewer, or from a templates folder that overrides the handbook or its page,
stays one document, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate

from orgdocs.render.pdf import LaidOut
from orgdocs.render.pdf_parts import join_parts

CHUNK_ROLES = 24  # a role is 1–3 pages: a chunk holds ~50 pages, ~100 MB of WeasyPrint at most
_FRONT_TRIES = 4
FOOTER_PAGES = 400  # blank pages with a footer: light to lay out
FRONT_GUESS = 2  # pages of cover and contents assumed first: a cover and one page of contents
_OVERRIDES = ("handbook.html.j2", "base.html.j2")  # a user's own version may not know the parts


@dataclass(frozen=True)
class HandbookPart:
    """What one part of a chunked handbook shows (the template's `part`)."""

    front: bool = False
    roles: frozenset[str] = frozenset()
    about: bool = False
    total: int = 0  # pages in the whole handbook, for the footers; 0: no page footer drawn
    first_page: int = 0  # the number of the part's first page; 0: 1
    blank: int = 0  # blank pages carrying only footers
    pages: dict[str, int] = field(default_factory=dict)  # anchor -> page number, for the contents


class Handbook:
    """role_files' handbook: `jobs()` are the HTML documents to lay out first (with the role PDFs, in one pool);
    `finish()` takes them laid out and returns the PDF."""

    def __init__(self, docs, roles: list[dict], chunk: int | None = None):
        chunk = chunk or CHUNK_ROLES
        self.docs = docs
        self.roles = roles
        ordered = [r for _, items in docs.handbook_families(roles) for r in items]
        overridden = docs.options.templates is not None and any(
            (docs.options.templates / name).exists() for name in _OVERRIDES)
        self.chunks = [ordered[i:i + chunk] for i in range(0, len(ordered), chunk)] \
            if len(ordered) > chunk and not overridden else []
        self.has_about = not docs.about()["empty"]

    def jobs(self) -> list[tuple[str, bool]]:
        """(html, whether where its pages fall is wanted): the chunks, or the whole handbook."""
        if not self.chunks:
            return [(self.docs.handbook_html(self.roles), False)]
        last = len(self.chunks) - 1
        return [(self.docs.handbook_html(self.roles, HandbookPart(roles=frozenset(r["id"] for r in chunk),
                                                                  about=k == last and self.has_about)), True)
                for k, chunk in enumerate(self.chunks)]

    def finish(self, done: list[LaidOut], lay_out: Callable[[list[tuple[str, bool]]], list[LaidOut]]) -> bytes:
        """done: jobs() laid out; lay_out: more HTML documents laid out (in the workers)."""
        if not self.chunks:
            return done[0].data
        # each chunk's first page, counted from the first page after the contents (0-based)
        starts = list(accumulate([d.pages for d in done[:-1]], initial=0))
        body_pages = sum(d.pages for d in done)
        anchors = [f"role-{r['id']}" for chunk in self.chunks for r in chunk] + (["about"] if self.has_about else [])

        def numbers(front_pages: int) -> dict[str, int]:
            out = {}
            for d, start in zip(done, starts):
                for name in anchors:
                    if name in d.anchors and name not in out:
                        out[name] = front_pages + start + d.anchors[name] + 1
            return out

        front_pages, front = FRONT_GUESS, None
        for _ in range(_FRONT_TRIES):
            part = HandbookPart(front=True, total=front_pages + body_pages, pages=numbers(front_pages))
            expected = front_pages
            front = self.docs.laid_out(self.docs.handbook_html(self.roles, part),
                                       write_if=lambda pages, expected=expected: pages == expected)
            if front.pages == expected:
                break
            front_pages = front.pages
        else:  # a contents whose length keeps changing with its own numbers: written as last laid out
            part = HandbookPart(front=True, total=front_pages + body_pages, pages=numbers(front_pages))
            front = self.docs.laid_out(self.docs.handbook_html(self.roles, part))
        total = front.pages + body_pages
        # footer documents of up to FOOTER_PAGES pages, not one per chunk: each embeds its own copy of the font;
        # cut by the page count alone, so the bytes do not depend on the number of workers
        spans = _spans(body_pages, -(-body_pages // FOOTER_PAGES))
        footers = lay_out([(self.docs.handbook_html(self.roles, HandbookPart(blank=count, total=total,
                                                                             first_page=front.pages + first + 1)),
                            False) for first, count in spans])
        titles = {f"role-{r['id']}": r["title"] for r in self.roles}
        titles["about"] = f"About {self.docs.a.org.org.name}"
        return join_parts([front, *done], [(titles[name], name) for name in anchors], footers, front.pages)


def _spans(pages: int, parts: int) -> list[tuple[int, int]]:
    """pages cut into `parts` runs of nearly equal length, as (first, count)."""
    size, extra = divmod(pages, parts)
    out, first = [], 0
    for k in range(parts):
        count = size + (k < extra)
        out.append((first, count))
        first += count
    return [s for s in out if s[1]]
