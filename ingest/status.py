"""``parkmart status``: what the warehouse holds and how it was built."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import WarehouseMissingError
from ingest.load import connect

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
    ("last ingest", "select max(finished_at)::varchar || ' (' || arg_max(files_seen, finished_at) || ' files seen)' from raw.ingest_runs"),
]


def status_lines(warehouse: Path) -> list[str]:
    if not warehouse.exists():
        raise WarehouseMissingError(str(warehouse))
    con = connect(warehouse, read_only=True)
    lines = [f"warehouse: {warehouse.resolve()} ({warehouse.stat().st_size / 1e6:.1f} MB)"]
    try:
        for label, sql in STATUS_QUERIES:
            try:
                value = con.execute(sql).fetchone()[0]
            except Exception as exc:  # a table a partial warehouse lacks
                value = f"n/a ({type(exc).__name__})"
            lines.append(f"{label}: {value}")
    finally:
        con.close()
    return lines
