"""Streaming CSV and XLSX downloads of a list or of report tables.

Rows are read from the database in chunks and written out as they come, so an export of
100,000 rows never holds them all. CSV starts with a UTF-8 byte-order mark (Excel opens
Devanagari correctly only with it); XLSX uses openpyxl's write-only mode. Dates and times
are written in the site's time zone (IST); amounts stay numbers.
"""

import csv
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from rest_framework.renderers import BaseRenderer, JSONRenderer

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
CHUNK_ROWS = 2000  # rows fetched per round trip (a server-side cursor on PostgreSQL)
CHUNK_BYTES = 64 * 1024  # bytes handed to the server at a time
XLSX_IN_MEMORY = 8 * 1024 * 1024  # a larger workbook spills to a temporary file


@dataclass(frozen=True)
class Column:
    """One exported column: its heading (translated when written) and how to read it."""

    header: Any
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class Table:
    """A small, already aggregated table of a report: one CSV block or one XLSX sheet."""

    title: Any
    headers: list
    rows: list


def _plain(value):
    """A cell value both writers accept: local naive datetimes, numbers kept numbers."""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None, microsecond=0)
    if value is None or isinstance(value, int | float | Decimal | date | str):
        return value
    return str(value)


def _csv_cell(value) -> str:
    value = _plain(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


class _Line:
    """csv.writer's file: hands back each written line instead of storing it."""

    def write(self, text: str) -> str:
        return text


def _csv_blocks(blocks: Iterable[Iterable[list]]) -> Iterator[bytes]:
    writer = csv.writer(_Line())
    buffer = ["\ufeff"]
    size = 0
    for block in blocks:
        for row in block:
            line = writer.writerow([_csv_cell(value) for value in row])
            buffer.append(line)
            size += len(line)
            if size >= CHUNK_BYTES:
                yield "".join(buffer).encode()
                buffer, size = [], 0
    yield "".join(buffer).encode()


def _sheet_title(title) -> str:
    """Excel refuses some characters in a sheet's name and more than 31 of them."""
    return re.sub(r"[\\/?*\[\]:]", " ", str(title))[:31]


def _xlsx_sheets(sheets: Iterable[tuple[str, Iterable[list]]]) -> Iterator[bytes]:
    # Imported here: only an XLSX download pays for loading openpyxl.
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=_sheet_title(title))
        for row in rows:
            sheet.append([_plain(value) for value in row])
    with tempfile.SpooledTemporaryFile(max_size=XLSX_IN_MEMORY) as out:
        workbook.save(out)
        out.seek(0)
        while chunk := out.read(CHUNK_BYTES):
            yield chunk


def _rows(queryset: QuerySet, columns: list[Column]) -> Iterator[list]:
    yield [str(column.header) for column in columns]
    for item in queryset.iterator(chunk_size=CHUNK_ROWS):
        yield [column.value(item) for column in columns]


def _table_rows(table: Table) -> Iterator[list]:
    yield [str(header) for header in table.headers]
    yield from table.rows


def _in_language(stream: Iterator[bytes], language: str | None) -> Iterator[bytes]:
    # The body is produced after the view has returned: keep the request's language
    # for the headings and labels written then.
    with translation.override(language):
        yield from stream


def _response(stream: Iterator[bytes], *, fmt: str, name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        _in_language(stream, translation.get_language()), content_type=CONTENT_TYPES[fmt]
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def export_queryset(
    queryset: QuerySet, *, columns: list[Column], fmt: str, name: str
) -> StreamingHttpResponse:
    """The rows of an already filtered and scoped queryset as a download."""
    if fmt == CSV:
        return _response(_csv_blocks([_rows(queryset, columns)]), fmt=fmt, name=name)
    return _response(_xlsx_sheets([(name, _rows(queryset, columns))]), fmt=fmt, name=name)


def export_tables(tables: list[Table], *, fmt: str, name: str) -> StreamingHttpResponse:
    """A report's tables: one after another in CSV (a title line each), a sheet each in XLSX."""
    if fmt == CSV:
        # A blank line before each table but the first.
        blocks = [
            [*([[]] if n else []), [str(table.title)], *_table_rows(table)]
            for n, table in enumerate(tables)
        ]
        return _response(_csv_blocks(blocks), fmt=fmt, name=name)
    return _response(
        _xlsx_sheets((table.title, _table_rows(table)) for table in tables), fmt=fmt, name=name
    )


class _ExportRenderer(BaseRenderer):
    """Lets `?format=csv|xlsx` (DRF's format override) reach a list view, which then
    streams the export itself; it never renders a body of its own."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        raise NotImplementedError("Exports are streamed by the view.")


class CSVRenderer(_ExportRenderer):
    media_type = "text/csv"
    format = CSV


class XLSXRenderer(_ExportRenderer):
    media_type = CONTENT_TYPES[XLSX]
    format = XLSX


class ExportNegotiationMixin:
    """For a DRF view: lets `?format=csv|xlsx` (DRF's format override) through content
    negotiation; the view then streams the download itself. Errors still answer in JSON."""

    def exports_offered(self) -> bool:
        return True

    def get_renderers(self):
        renderers = super().get_renderers()
        if self.exports_offered():
            renderers += [CSVRenderer(), XLSXRenderer()]
        return renderers

    def export_format(self) -> str | None:
        renderer = getattr(self.request, "accepted_renderer", None)
        return renderer.format if isinstance(renderer, _ExportRenderer) else None

    def finalize_response(self, request, response, *args, **kwargs):
        # A filter error (400) or a refusal during an export request is still JSON.
        if isinstance(getattr(request, "accepted_renderer", None), _ExportRenderer):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class ExportListMixin(ExportNegotiationMixin):
    """For a DRF list view: `?format=csv` or `?format=xlsx` streams every row the same
    filters and scope select (no paging)."""

    export_columns: Callable[[], list[Column]]
    export_name: str

    def exports_offered(self) -> bool:
        return getattr(self, "action", None) == "list"

    def list(self, request, *args, **kwargs):
        fmt = self.export_format()
        if fmt is None:
            return super().list(request, *args, **kwargs)
        queryset = self.filter_queryset(self.get_queryset())
        return export_queryset(
            queryset, columns=self.export_columns(), fmt=fmt, name=self.export_name
        )
