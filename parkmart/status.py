"""``parkmart status``: what the warehouse holds and how it was built and scored.

Counts and the last dbt build (``raw.build_state``, written by ``parkmart build`` into the
file it swaps in) come from the warehouse itself; the scores of the last ``parkmart eval``
(``target/last-eval.json``) come from this checkout's ``target/`` folder.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import duckdb

from ingest.load import connect
from parkmart.errors import WarehouseMissingError
from parkmart.project import PROJECT_DIR

LAST_EVAL = PROJECT_DIR / "target" / "last-eval.json"

STATUS_QUERIES = [
    ("articles", "select count(*) from marts.dim_article"),
    ("reprints (duplicate_of set)", "select count(*) from marts.dim_article where duplicate_of is not null"),
    ("files ingested", "select count(*) from raw.files"),
    ("files rejected (last run)", "select count(*) from raw.rejected_files"),
    ("investments", "select count(*) from marts.fct_investments"),
    ("announced investment (CNY)",
     "select coalesce(sum(amount_cny), 0)::bigint from marts.fct_investments where counts_in_totals"),
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


def eval_line(eval_json: Path = LAST_EVAL) -> str:
    """The F1 per kind of the last ``parkmart eval`` of this checkout."""
    if not eval_json.exists():
        return "last eval: none recorded in target/last-eval.json (run `parkmart eval --gold DIR`)"
    data = json.loads(eval_json.read_text(encoding="utf-8"))
    when = datetime.fromtimestamp(eval_json.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    f1 = ", ".join(f"{kind} {s['f1']:.3f}" for kind, s in data.get("kinds", {}).items())
    return f"last eval: {when} on {data.get('articles')} articles, F1 {f1}"


def status_lines(warehouse: Path, eval_json: Path = LAST_EVAL) -> list[str]:
    """Lines saying what ``warehouse`` holds, how it was last built and how it scored."""
    if not warehouse.exists():
        raise WarehouseMissingError(str(warehouse))
    con = connect(warehouse, read_only=True)
    lines = [f"warehouse: {warehouse.resolve()} ({warehouse.stat().st_size / 1e6:.1f} MB)"]
    try:
        for label, sql in STATUS_QUERIES:
            lines.append(f"{label}: {_value(con, sql)}")
        try:
            rejected = con.execute(REJECTED).fetchall()
        except duckdb.Error:
            rejected = []
        lines.extend(f"  rejected {path} at {stage}: {message}" for path, stage, message in rejected)
        lines.append(build_line(con))
    finally:
        con.close()
    lines.append(eval_line(eval_json))
    return lines
