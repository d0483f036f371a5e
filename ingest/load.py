"""The raw layer in DuckDB: the warehouse connection, the raw schema and batched writes.

Ingest owns the ``raw`` schema; dbt reads it through sources and owns everything else.
Its tables and their Arrow form are defined in ``ingest.rows``, which workers use to build
rows without DuckDB; every write here is one ``append`` of such an Arrow table, never SQL
built from data.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pyarrow as pa

from ingest.errors import WarehouseFileError
from ingest.rows import ADDED_COLUMNS, DROPPED_COLUMNS, RAW_TABLES, column_lists

# DuckDB 1.4 clients (most BI drivers today) must be able to open the file.
STORAGE_COMPATIBILITY = "v1.4.0"
# Every DuckDB database file holds these bytes at offset 8, after a checksum.
DUCKDB_MAGIC = b"DUCK"

def check_database_file(path: Path) -> None:
    """Raise WarehouseFileError when ``path`` exists but is not a DuckDB database file."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise WarehouseFileError(str(path), f"it cannot be opened: {exc.strerror}") from exc
    if head[8:12] == DUCKDB_MAGIC:
        return
    what = "it is empty" if not head else "an SQLite database" if head.startswith(b"SQLite format 3") else \
        f"it starts with {head[:12]!r}"
    raise WarehouseFileError(str(path), what)


def connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a warehouse file; new files are written for DuckDB 1.4 readers.

    An existing file that is not a DuckDB database raises WarehouseFileError (it is never
    overwritten).
    """
    check_database_file(path)
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    return duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY})


def create_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists raw")
    for name, columns in RAW_TABLES.items():
        con.execute(f"create table if not exists raw.{name} ({columns})")
    for name, added in ADDED_COLUMNS.items():
        for column in added:
            con.execute(f"alter table raw.{name} add column if not exists {column}")
    for name, dropped in DROPPED_COLUMNS.items():
        for column in dropped:
            con.execute(f"alter table raw.{name} drop column if exists {column}")


def append(con: duckdb.DuckDBPyConnection, table: str, batch: pa.Table) -> int:
    """Append an Arrow table (schema of ``to_arrow``) to ``raw.<table>``; returns the row count."""
    if not batch.num_rows:
        return 0
    con.execute(f"insert into raw.{table} by name select * from batch")
    return batch.num_rows


def write_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Iterable[dict]) -> int:
    """Append dict rows to ``raw.<table>`` (see ``insert_columns``); returns the count."""
    rows = list(rows)
    if rows:
        insert_columns(con, f"raw.{table}", *column_lists(table, rows))
    return len(rows)


def insert_columns(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]],
                   values: list[list]) -> None:
    """Insert rows given column by column into ``table``: ``values`` holds one list per
    (name, DuckDB type) of ``columns``, all of the same length.

    How the writer inserts the Python values it makes itself (the corpus walk, rejections, the
    run's row): DuckDB converts the lists, whereas pyarrow imports pandas (56 MB) the first
    time it converts Python values, only to ask whether they are pandas objects.
    """
    select = ", ".join(f"unnest(${n}::{kind}[]) as {name}" for n, (name, kind) in enumerate(columns, 1))
    con.execute(f"insert into {table} by name select {select}", values)


def delete_file_rows(con: duckdb.DuckDBPyConnection, paths: duckdb.DuckDBPyRelation) -> None:
    """Remove every raw row that came from the input files in ``paths`` (a relation of ``con``
    with a ``rel_path`` column: the changed and removed files of an ingest plan)."""
    con.execute("delete from raw.mentions where source_file in (select source_file from raw.articles where rel_path in (select rel_path from paths))")
    con.execute("delete from raw.sentences where source_file in (select source_file from raw.articles where rel_path in (select rel_path from paths))")
    con.execute("delete from raw.boilerplate where source_file in (select source_file from raw.articles where rel_path in (select rel_path from paths))")
    con.execute("delete from raw.articles where rel_path in (select rel_path from paths)")
    con.execute("delete from raw.files where rel_path in (select rel_path from paths)")


def fsync(path: Path) -> None:
    """Flush a file (or a directory's entry table) to disk, so a rename that follows survives
    a crash; a no-op where directories cannot be opened or refuse fsync."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - directories on Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some filesystems refuse fsync on directories
        pass
    finally:
        os.close(fd)
