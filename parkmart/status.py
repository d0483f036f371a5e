"""``parkmart status``: what the warehouse holds and how it was built and scored.

Everything comes from the warehouse itself, so a copied file reports its own figures: the
counts, announced investment in 亿元, the storage each schema takes, the last dbt build and
the last ``parkmart eval`` of its marts (both kept in ``raw.build_state`` by ``parkmart build``
and ``parkmart eval``).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest.load import connect
from parkmart.errors import WarehouseMissingError
from parkmart.report import yi
from parkmart.state import recorded_eval

STATUS_QUERIES = [
    ("articles", "select count(*) from marts.dim_article"),
    ("reprints (duplicate_of set)", "select count(*) from marts.dim_article where duplicate_of is not null"),
    ("files ingested", "select count(*) from raw.files"),
    ("files rejected (last run)", "select count(*) from raw.rejected_files"),
    ("investments", "select count(*) from marts.fct_investments"),
    ("project events", "select count(*) from marts.fct_projects"),
    ("projects", "select count(*) from marts.dim_project"),
    ("parks", "select count(*) from marts.dim_park"),
    ("cooperation links", "select count(*) from marts.fct_cooperation"),
    ("mentions", "select count(*) from marts.fct_mentions"),
    ("last ingest",
     "select max(finished_at)::varchar || ' (' || arg_max(files_seen, finished_at) || ' files seen, '"
     " || arg_max(files_rejected, finished_at) || ' rejected, ' || arg_max(status, finished_at) || ')'"
     " from raw.ingest_runs"),
]
REJECTED = "select rel_path, stage, message from raw.rejected_files order by rel_path limit 10"
ANNOUNCED = "select sum(amount_cny) from marts.fct_investments where counts_in_totals"
TABLES = "select schema_name, table_name from duckdb_tables() where database_name = current_database()"
# The storage blocks a table's columns occupy (each pragma_database_size().block_size bytes).
TABLE_BLOCKS = """
select distinct unnest(list_prepend(block_id, coalesce(additional_block_ids, [])))
from pragma_storage_info(?) where persistent and block_id >= 0
"""


def _value(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    try:
        return con.execute(sql).fetchone()[0]
    except duckdb.Error as exc:  # a table a partial warehouse lacks
        return f"n/a ({type(exc).__name__})"


def build_line(con: duckdb.DuckDBPyConnection) -> str:
    """The dbt build that made this warehouse's marts, as ``parkmart build`` recorded it."""
    try:
        state = dict(con.execute("select key, value from raw.build_state").fetchall())
    except duckdb.Error:
        state = {}
    if "built_at" not in state:
        return "last build: not recorded in this warehouse (run `parkmart build` to rebuild it)"
    return (f"last build: {state['built_at']} UTC, dbt {state['dbt_passed']} nodes passed "
            f"({state['dbt_tests']} tests), {state['dbt_failed']} failed, in {state['dbt_seconds']} s")


def investment_line(con: duckdb.DuckDBPyConnection) -> str:
    """The announced investment (the safe total) in 亿元, and in yuan in full."""
    try:
        total = con.execute(ANNOUNCED).fetchall()[0][0] or 0.0
    except duckdb.Error as exc:
        return f"announced investment: n/a ({type(exc).__name__})"
    return f"announced investment: {yi(total)} ({round(total):,} CNY, counts_in_totals)"


def mib(n_bytes: float) -> str:
    """Bytes in MiB, one decimal.

    >>> mib(3 * 1024 * 1024), mib(262144)
    ('3.0 MiB', '0.2 MiB')
    """
    return f"{n_bytes / 2**20:,.1f} MiB"


def size_line(con: duckdb.DuckDBPyConnection, warehouse: Path) -> str:
    """The file's size and the storage of each schema (blocks its tables occupy; views take none)."""
    line = f"size: {mib(warehouse.stat().st_size)} on disk"
    try:
        block_size, free = con.execute("select block_size, free_blocks from pragma_database_size()").fetchall()[0]
        blocks: dict[str, set[int]] = {}
        for schema, table in con.execute(TABLES).fetchall():
            name = '"' + schema.replace('"', '""') + '"."' + table.replace('"', '""') + '"'
            blocks.setdefault(schema, set()).update(b for (b,) in con.execute(TABLE_BLOCKS, [name]).fetchall())
    except duckdb.Error as exc:
        return f"{line}; by schema: n/a ({type(exc).__name__})"
    ranked = sorted(blocks.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return (line + f" ({mib(free * block_size)} free blocks); by schema: "
            + ", ".join(f"{schema} {mib(len(b) * block_size)}" for schema, b in ranked))


def eval_line(con: duckdb.DuckDBPyConnection) -> str:
    """The F1 per kind of the last ``parkmart eval`` of this warehouse's marts, as recorded in it."""
    data = recorded_eval(con)
    if data is None:
        return "last eval: none recorded in this warehouse (run `parkmart eval --gold DIR`)"
    f1 = ", ".join(f"{kind} {s['f1']:.3f}" for kind, s in data.get("kinds", {}).items())
    attribution = ", ".join(f"{name.replace('_', ' ')} {a['accuracy']:.3f}"
                            for name, a in data.get("attribution", {}).items())
    return (f"last eval: {data.get('evaluated_at', '?')} on {data.get('articles')} articles, F1 {f1}"
            + (f"; attribution accuracy {attribution}" if attribution else ""))


def status_lines(warehouse: Path) -> list[str]:
    """Lines saying what ``warehouse`` holds, how it was last built and how it scored."""
    if not warehouse.exists():
        raise WarehouseMissingError(str(warehouse))
    con = connect(warehouse, read_only=True)
    lines = [f"warehouse: {warehouse.resolve()}"]
    try:
        lines.append(size_line(con, warehouse))
        for label, sql in STATUS_QUERIES:
            lines.append(f"{label}: {_value(con, sql)}")
            if label == "investments":
                lines.append(investment_line(con))
        try:
            rejected = con.execute(REJECTED).fetchall()
        except duckdb.Error:
            rejected = []
        lines.extend(f"  rejected {path} at {stage}: {message}" for path, stage, message in rejected)
        lines.append(build_line(con))
        lines.append(eval_line(con))
    finally:
        con.close()
    return lines
