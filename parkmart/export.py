"""``parkmart export``: the marts as Parquet, CSV or one Excel workbook, for analysts' own tools.

The warehouse is read through the same read-only, sandboxed connection as ``parkmart query``
(so ``--where`` can filter but never write or read other files); the files are written here,
in Python, batch by batch, each first under a temporary name and renamed when complete.

- parquet: one ``<table>.parquet`` per mart, DuckDB's types kept (dates, lists, JSON as text);
- csv: one ``<table>.csv`` per mart (UTF-8, English headers), lists and JSON written as JSON;
- xlsx: one ``marts.xlsx`` with a sheet per mart (row 1 the Chinese labels, row 2 the column
  names) and a sheet ``说明 descriptions`` describing every table and column.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from parkmart.api import check_mart
from parkmart.errors import ExportError
from parkmart.project import MART_TABLES
from parkmart.query import connect_read_only

FORMATS = ("parquet", "csv", "xlsx")
XLSX_NAME = "marts.xlsx"
DESCRIPTION_SHEET = "说明 descriptions"
# Excel's limits: rows per sheet (two of them are the headers) and characters per cell.
XLSX_MAX_ROWS = 1_048_576 - 2
XLSX_MAX_CELL = 32_767
BATCH_ROWS = 10_000
# DuckDB types that CSV and Excel cannot hold as they are: written as JSON text.
NESTED_TYPE_PREFIXES = ("STRUCT", "MAP", "UNION", "JSON")

COLUMNS = """
select c.column_name, c.data_type, coalesce(d.label_zh, c.column_name), coalesce(d.description, c.comment, '')
from duckdb_columns() as c
left join dictionary.mart_columns as d on d.table_name = c.table_name and d.column_name = c.column_name
where c.schema_name = 'marts' and c.table_name = ?
order by c.column_index
"""
TABLE_COMMENT = "select comment from duckdb_tables() where schema_name = 'marts' and table_name = ?"


@dataclass
class Column:
    name: str
    data_type: str
    label_zh: str
    description: str

    @property
    def nested(self) -> bool:
        """True for lists, structs, maps and JSON: CSV and Excel get them as JSON text.

        >>> Column("aliases", "VARCHAR[]", "别名", "").nested, Column("title", "VARCHAR", "标题", "").nested
        (True, False)
        """
        return self.data_type.endswith("]") or self.data_type.startswith(NESTED_TYPE_PREFIXES)


@dataclass
class Exported:
    """What one table became: the file (and sheet) written, rows and columns, anything changed."""

    table: str
    path: Path
    rows: int
    columns: int
    note: str = ""

    def line(self) -> str:
        where = f"{self.path} (sheet {self.table})" if self.path.suffix == ".xlsx" else str(self.path)
        return f"wrote {where}: {self.rows} rows, {self.columns} columns" + (f"; {self.note}" if self.note else "")


def select_tables(tables: Iterable[str] | None) -> list[str]:
    """The mart tables to export: all of them, or those named (commas or several arguments).

    >>> select_tables(["fct_projects,dim_park"])
    ['dim_park', 'fct_projects']
    """
    if not tables:
        return list(MART_TABLES)
    names = {n.strip() for t in tables for n in t.split(",") if n.strip()}
    return [check_mart(n) for n in sorted(names)]


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[Column]:
    """The columns of a mart with their labels and descriptions (the warehouse's dictionary)."""
    try:
        return [Column(*row) for row in con.execute(COLUMNS, [table]).fetchall()]
    except duckdb.Error as exc:
        raise _query_error(table, None, exc) from exc


def table_sql(table: str, columns: list[Column], where: str | None, flatten: bool) -> str:
    """The SELECT of one export; nested values as JSON text when ``flatten``.

    >>> cols = [Column("park_id", "VARCHAR", "", ""), Column("aliases", "VARCHAR[]", "", "")]
    >>> table_sql("dim_park", cols, "article_count > 1", flatten=True)
    'select "park_id", cast(to_json("aliases") as varchar) as "aliases" from marts.dim_park where (article_count > 1)'
    """
    items = [f'cast(to_json("{c.name}") as varchar) as "{c.name}"' if flatten and c.nested else f'"{c.name}"'
             for c in columns]
    return f"select {', '.join(items)} from marts.{table}" + (f" where ({where})" if where else "")


def export_marts(warehouse: Path, out: Path, fmt: str, tables: Iterable[str] | None = None,
                 where: str | None = None) -> list[Exported]:
    """Write the marts of ``warehouse`` (all, or ``tables``; rows ``where`` a SQL condition) to ``out``."""
    if fmt not in FORMATS:
        raise ExportError(str(out), f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    names = select_tables(tables)
    out.mkdir(parents=True, exist_ok=True)
    con = connect_read_only(warehouse)
    try:
        if fmt == "xlsx":
            return write_workbook(con, names, where, out / XLSX_NAME)
        return [write_table_file(con, t, where, out / f"{t}.{fmt}", fmt) for t in names]
    finally:
        con.close()


def _batches(con: duckdb.DuckDBPyConnection, table: str, sql: str, where: str | None) -> pa.RecordBatchReader:
    try:
        return con.sql(sql).to_arrow_reader(BATCH_ROWS)
    except duckdb.Error as exc:
        raise _query_error(table, where, exc) from exc


def _query_error(table: str, where: str | None, exc: duckdb.Error) -> ExportError:
    first = str(exc).strip().splitlines()[0]
    advice = (f"check --where {where!r}, or pass --tables with only the tables that have its columns" if where
              else "rebuild the warehouse with `parkmart build`")
    return ExportError(f"marts.{table}", f"{first}; {advice}")


def write_table_file(con: duckdb.DuckDBPyConnection, table: str, where: str | None, path: Path,
                     fmt: str) -> Exported:
    """One table to ``path`` as Parquet or CSV, batch by batch."""
    columns = table_columns(con, table)
    reader = _batches(con, table, table_sql(table, columns, where, flatten=fmt == "csv"), where)
    partial = path.with_name(path.name + ".partial")
    rows = 0
    try:
        if fmt == "parquet":
            writer: pq.ParquetWriter | pa_csv.CSVWriter = pq.ParquetWriter(partial, reader.schema)
        else:
            writer = pa_csv.CSVWriter(partial, reader.schema)
        with writer:
            for batch in reader:
                writer.write_batch(batch)
                rows += batch.num_rows
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return Exported(table, path, rows, len(columns))


def _count(con: duckdb.DuckDBPyConnection, table: str, where: str | None) -> int:
    sql = f"select count(*) from marts.{table}" + (f" where ({where})" if where else "")
    try:
        return con.execute(sql).fetchall()[0][0]
    except duckdb.Error as exc:
        raise _query_error(table, where, exc) from exc


def write_workbook(con: duckdb.DuckDBPyConnection, tables: list[str], where: str | None,
                   path: Path) -> list[Exported]:
    """Every table as a sheet of one workbook (Chinese labels over column names) plus a descriptions sheet."""
    from openpyxl import Workbook  # loads in a second; only the xlsx export needs it

    counts = {t: _count(con, t, where) for t in tables}
    too_big = {t: n for t, n in counts.items() if n > XLSX_MAX_ROWS}
    if too_big:
        listed = ", ".join(f"{t} ({n} rows)" for t, n in too_big.items())
        raise ExportError(str(path), f"{listed} exceed Excel's {XLSX_MAX_ROWS + 2:,} rows per sheet; "
                          "export them as parquet or csv, or narrow them with --where")
    book = Workbook(write_only=True)
    done = []
    described: list[tuple[str, str, str, str, str]] = []
    for table in tables:
        columns = table_columns(con, table)
        ((comment,),) = con.execute(TABLE_COMMENT, [table]).fetchall()
        described.append((table, "", "", "", comment or ""))
        described += [(table, c.name, c.label_zh, c.data_type, c.description) for c in columns]
        sheet = book.create_sheet(table)
        sheet.freeze_panes = "A3"
        sheet.append([c.label_zh for c in columns])
        sheet.append([c.name for c in columns])
        changed = CellCounts()
        rows = 0
        reader = _batches(con, table, table_sql(table, columns, where, flatten=True), where)
        for batch in reader:
            for row in zip(*(col.to_pylist() for col in batch.columns), strict=True):
                sheet.append([changed.cell(v) for v in row])
                rows += 1
        done.append(Exported(table, path, rows, len(columns), changed.note()))
    sheet = book.create_sheet(DESCRIPTION_SHEET)
    sheet.append(["表", "列", "中文标签", "类型", "说明"])
    sheet.append(["table", "column", "label_zh", "data_type", "description"])
    for row in described:
        sheet.append([CellCounts().cell(v) for v in row])
    partial = path.with_name(path.name + ".partial")
    try:
        book.save(partial)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return done


class CellCounts:
    """Makes values fit an Excel cell, counting what had to change (reported, never silent)."""

    def __init__(self) -> None:
        self.cut = 0
        self.cleaned = 0

    def cell(self, value: object) -> object:
        """``value`` as openpyxl writes it: text without control characters and at most 32,767 characters.

        >>> counts = CellCounts()
        >>> counts.cell("a\\x01b"), counts.cell(1.5), len(counts.cell("x" * 40000)), counts.note()
        ('ab', 1.5, 32767, "1 cells cut to 32,767 characters (Excel's limit), 1 cells had control characters removed")
        """
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        if isinstance(value, str):
            clean = ILLEGAL_CHARACTERS_RE.sub("", value)
            self.cleaned += clean != value
            if len(clean) > XLSX_MAX_CELL:
                self.cut += 1
                clean = clean[:XLSX_MAX_CELL]
            return clean
        if isinstance(value, (int, float, bool, Decimal, dt.date, dt.datetime)) or value is None:
            return value
        return str(value)

    def note(self) -> str:
        parts = []
        if self.cut:
            parts.append(f"{self.cut} cells cut to {XLSX_MAX_CELL:,} characters (Excel's limit)")
        if self.cleaned:
            parts.append(f"{self.cleaned} cells had control characters removed")
        return ", ".join(parts)
