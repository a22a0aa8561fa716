"""The roster as CSV (RFC 4180, UTF-8, CRLF line ends, a header row), JSON (a list of records, typed) or XLSX (a
header row, frozen; numbers as numbers, dates as dates, text as text cells; the same bytes for the same roster).

CSV cells that a spreadsheet would run as a formula (text starting with = + - @, a tab or a line break) get a
leading apostrophe (OWASP CSV injection; the same guard as `stats` CSV); `orgdocs import` drops it again. XLSX
needs no guard: every text is written as a text cell, which a spreadsheet never evaluates, so it reads back
exactly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

from orgdocs.render import strict_json
from orgdocs.render.escape import csv_cell
from orgdocs.views.roster import Roster

# XLSX parts carry their time twice (the zip entries, the core properties): both are fixed so that the same
# roster gives the same bytes
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.6f}".rstrip("0")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def csv_text(roster: Roster) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(roster.columns)
    for values in roster.as_lists():
        writer.writerow([_guarded(v) if isinstance(v, str) else _text(v) for v in values])
    return buf.getvalue()


def _guarded(text: str) -> object:
    """The formula guard, made reversible: a text that starts with apostrophes before a formula character gets
    one more, so that import (which drops one) reads back exactly what was written."""
    bare = text.lstrip("'")
    if bare != text and csv_cell(bare) != bare:
        return "'" + text
    return csv_cell(text)


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def json_text(roster: Roster) -> str:
    return strict_json.dumps([{k: _json_value(v) for k, v in row.items()} for row in roster.rows], "roster")


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries all carry one fixed time (zipfile stamps each entry with the current time)."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=_FIXED_ZIP_TIME)
            zinfo_or_arcname.compress_type = self.compression
        else:
            zinfo_or_arcname.date_time = _FIXED_ZIP_TIME
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        """openpyxl writes each worksheet from a temporary file, which would carry that file's time."""
        with open(filename, "rb") as fh:
            self.writestr(arcname or filename, fh.read(), compress_type, compresslevel)


def xlsx_bytes(roster: Roster, title: str, when: dt.date | None = None) -> bytes:
    """The roster as one sheet. `when` (the org's as_of) is the workbook's created/modified time."""
    from openpyxl import Workbook  # only XLSX needs it
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    ws = wb.active
    ws.title = "Roster"
    ws.append(list(roster.columns))
    for values in roster.as_lists():
        ws.append([None if v is None else v for v in values])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            elif isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    stamp = dt.datetime.combine(when or dt.date(1980, 1, 1), dt.time())
    wb.properties.creator = "orgdocs"
    wb.properties.title = title
    wb.properties.created = stamp
    wb.properties.modified = stamp
    buf = io.BytesIO()
    with _FixedTimeZip(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return buf.getvalue()
