"""The raw tables' columns, and their rows as Arrow tables.

Workers build every row into an Arrow table with the schema of its raw table
(``to_arrow``) and hand it to the writer as an Arrow IPC stream (``to_ipc``), so the
writer only concatenates and appends (``ingest.load``). Nothing here imports DuckDB,
which a worker never needs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import pyarrow as pa

# Each input's bytes are kept once, in raw.files.raw_bytes; text that can be rebuilt from them
# (the decoded file, the normalised page, each sentence: its offsets into body_text) is not
# stored again. Long text columns are
# zstd-compressed (DuckDB's default, FSST, keeps Chinese text at about two thirds of its
# UTF-8 size and does not compress a blob at all; zstd keeps about a fifth).
RAW_TABLES: dict[str, str] = {
    "ingest_runs": """
        run_id varchar primary key, started_at timestamp, finished_at timestamp, corpus varchar,
        files_seen integer, files_skipped integer, files_ingested integer, files_rejected integer,
        files_removed integer, articles integer, mentions integer, extractor_version varchar,
        seconds double, status varchar""",
    "files": """
        rel_path varchar primary key, sha256 varchar not null, size_bytes bigint, compressed boolean,
        encoding varchar, encoding_confidence double, encoding_note varchar,
        raw_bytes blob using compression zstd, documents integer, extractor_version varchar, ingested_at timestamp,
        run_id varchar, file_size bigint, mtime_ns bigint""",
    "rejected_files": """
        rel_path varchar, sha256 varchar, size_bytes bigint, stage varchar, reason varchar,
        message varchar, run_id varchar, rejected_at timestamp""",
    "articles": """
        source_file varchar primary key, rel_path varchar not null, line_no integer,
        article_id varchar not null, file_sha256 varchar, title varchar, published_date date,
        published_date_precision varchar, published_month integer, published_day integer,
        published_time varchar, source_name varchar, source_url varchar, script varchar,
        encoding varchar, body_text varchar using compression zstd, body_minhash integer[],
        normalization_steps json, extractor_version varchar, run_id varchar, ingested_at timestamp,
        author varchar, editor varchar""",
    "sentences": """
        source_file varchar, article_id varchar, sentence_no integer, paragraph_no integer,
        char_start integer, char_end integer""",
    "boilerplate": """
        source_file varchar, article_id varchar, line_no integer, label varchar,
        text varchar using compression zstd""",
    "mentions": """
        source_file varchar, article_id varchar, mention_no integer, mention_type varchar,
        surface_text varchar, normalized varchar, ref_id varchar, sentence_no integer,
        char_start integer, char_end integer, value double, value_high double, unit varchar,
        qualifier varchar, kind varchar, attrs json using compression zstd""",
}
# Columns added after a table was first released: added to older warehouses on open.
ADDED_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("author varchar", "editor varchar", "body_minhash integer[]"),
    "files": ("file_size bigint", "mtime_ns bigint"),
}
# Columns of older warehouses that are no longer written: dropped on open (the text of a
# sentence is cut from its article's body in staging).
DROPPED_COLUMNS: dict[str, tuple[str, ...]] = {
    "sentences": ("sentence_text",),
}
# Tables whose rows belong to one input file (by rel_path) and go when the file changes.
PER_FILE_TABLES = ("files", "articles", "sentences", "boilerplate", "mentions")
# The Arrow type of each DuckDB type used in RAW_TABLES (json travels as its text).
ARROW_TYPES: dict[str, pa.DataType] = {
    "varchar": pa.string(), "json": pa.string(), "integer": pa.int32(), "bigint": pa.int64(),
    "double": pa.float64(), "boolean": pa.bool_(), "date": pa.date32(), "timestamp": pa.timestamp("us"),
    "blob": pa.binary(), "integer[]": pa.list_(pa.int32()),
}


def _columns(table: str) -> list[tuple[str, str]]:
    """(name, DuckDB type) of every column of ``raw.<table>``, added columns included."""
    definitions = RAW_TABLES[table].split(",") + list(ADDED_COLUMNS.get(table, ()))
    pairs = [tuple(d.split()[:2]) for d in definitions]
    return list(dict(pairs).items())


# The Arrow schema of every raw table, from its column definitions.
ARROW_SCHEMAS: dict[str, pa.Schema] = {
    table: pa.schema([(name, ARROW_TYPES[kind]) for name, kind in _columns(table)]) for table in RAW_TABLES
}
JSON_COLUMNS: dict[str, tuple[str, ...]] = {
    table: tuple(name for name, kind in _columns(table) if kind == "json") for table in RAW_TABLES
}


def use_system_allocator() -> None:
    """Allocate this process's Arrow buffers with malloc, which hands freed memory back,
    rather than pyarrow's default pool, which keeps it for reuse: over a 100k ingest that
    pool grew each worker from 313 to 386 MiB and the writer by 55 MiB, in about the same time.

    >>> use_system_allocator(); pa.default_memory_pool().backend_name
    'system'
    """
    pa.set_memory_pool(pa.system_memory_pool())


def to_arrow(table: str, rows: Iterable[dict]) -> pa.Table:
    """Dict rows as an Arrow table with the schema of ``raw.<table>``.

    A missing key is a null; values of JSON columns (dicts and lists) are serialised in place;
    a list for an ``integer[]`` column becomes a DuckDB list.

    >>> to_arrow("boilerplate", [{"line_no": 3, "label": "ad"}]).column("label").to_pylist()
    ['ad']
    """
    rows = list(rows)
    for column in JSON_COLUMNS[table]:
        for row in rows:
            row[column] = _plain(row.get(column))
    return pa.Table.from_pylist(rows, schema=ARROW_SCHEMAS[table])


def to_ipc(table: pa.Table) -> bytes:
    """An Arrow table as one Arrow IPC stream: how rows leave a worker process.

    >>> from_ipc(to_ipc(pa.table({"a": [1, 2]}))).column("a").to_pylist()
    [1, 2]
    """
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def from_ipc(payload: bytes) -> pa.Table:
    """The Arrow table of one ``to_ipc`` stream."""
    return pa.ipc.open_stream(payload).read_all()


# The JSON text of a JSON column, keys sorted (one encoder: ``json.dumps`` with options builds
# a new one per call, and every mention has an ``attrs`` value).
JSON_TEXT = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def column_lists(table: str, rows: list[dict]) -> tuple[list[tuple[str, str]], list[list]]:
    """The (name, DuckDB type) columns of ``raw.<table>`` and the values of ``rows`` column by
    column, JSON values serialised (a missing key is a null): the rows the writer makes itself
    go to DuckDB this way (``ingest.load.write_rows``), never through pyarrow.

    >>> column_lists("sentences", [{"sentence_no": 1, "char_start": 0}])[1][2:5]
    [[1], [None], [0]]
    """
    columns = _columns(table)
    json_columns = set(JSON_COLUMNS[table])
    return columns, [[_plain(row.get(name)) if name in json_columns else row.get(name) for row in rows]
                     for name, _ in columns]


def _plain(value: object) -> object:
    if isinstance(value, (dict, list)):
        return JSON_TEXT.encode(value)
    return value
