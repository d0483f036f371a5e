"""Build state: fingerprints of the raw layer and the dbt project that a warehouse's marts
were built from, stored in ``raw.build_state``, so an unchanged build does nothing at all.

The same table keeps what ``parkmart status`` reports about the marts: how the dbt build
ran, and the scores of the last ``parkmart eval`` of these marts (a rebuild clears them, as
they scored other marts), so a copied warehouse reports its own build and its own eval."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import duckdb

from ingest import EXTRACTOR_VERSION
from ingest.load import connect
from ingest.plan import IngestPlan, plan_ingest, sha256_of

# The key of raw.build_state that holds the last eval's scores (JSON).
EVAL_KEY = "last_eval"
BUILD_STATE_DDL = "create table if not exists raw.build_state (key varchar primary key, value varchar)"
# dbt project inputs whose content decides the marts, besides the raw layer.
PROJECT_INPUTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "data-tests", "snapshots")


def project_fingerprint(project_dir: Path) -> str:
    """sha256 over every dbt project input file (path and bytes) and the extractor version."""
    digest = hashlib.sha256(EXTRACTOR_VERSION.encode())
    digest.update(os.environ.get("PARKMART_DBT_VARS", "").encode() + b"\0")  # dbt --vars change results
    for name in PROJECT_INPUTS:
        root = project_dir / name
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        for file in files:
            digest.update(file.relative_to(project_dir).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def raw_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """Order-independent fingerprint of the raw layer: which files, with which content and version."""
    files = con.execute("select count(*), coalesce(sum(hash(rel_path, sha256, extractor_version)), 0) "
                        "from raw.files").fetchone()
    rejected = con.execute("select count(*), coalesce(sum(hash(rel_path, sha256, reason)), 0) "
                           "from raw.rejected_files").fetchone()
    return f"{files[0]}:{files[1]}:{rejected[0]}:{rejected[1]}"


def record_build_state(con: duckdb.DuckDBPyConnection, project_dir: Path,
                       details: dict[str, str] | None = None) -> None:
    """Remember, in the warehouse, the raw layer and project that its marts were built from.

    ``details`` (e.g. when and how the dbt build ran) are stored beside the fingerprints,
    so ``parkmart status`` can report them from the warehouse itself.
    """
    con.execute(BUILD_STATE_DDL)
    con.execute("delete from raw.build_state")
    rows = {"raw": raw_fingerprint(con), "project": project_fingerprint(project_dir), **(details or {})}
    con.executemany("insert into raw.build_state values (?, ?)", list(rows.items()))


def record_eval(con: duckdb.DuckDBPyConnection, scores: dict) -> None:
    """Keep the scores of an eval of this warehouse's marts beside its build state (replacing older ones)."""
    con.execute(BUILD_STATE_DDL)
    con.execute("delete from raw.build_state where key = ?", [EVAL_KEY])
    con.execute("insert into raw.build_state values (?, ?)", [EVAL_KEY, json.dumps(scores, ensure_ascii=False)])


def recorded_eval(con: duckdb.DuckDBPyConnection) -> dict | None:
    """The scores ``record_eval`` kept in this warehouse, or None."""
    try:
        rows = con.execute("select value from raw.build_state where key = ?", [EVAL_KEY]).fetchall()
    except duckdb.Error:  # no raw.build_state: a warehouse never built by parkmart build
        return None
    return json.loads(rows[0][0]) if rows else None


def build_state_matches(con: duckdb.DuckDBPyConnection, project_dir: Path) -> bool:
    """True when the marts in this warehouse were built from exactly this raw layer and project."""
    exists = con.execute("select count(*) from information_schema.tables "
                         "where table_schema = 'raw' and table_name = 'build_state'").fetchone()[0]
    if not exists:
        return False
    state = dict(con.execute("select key, value from raw.build_state").fetchall())
    return state.get("raw") == raw_fingerprint(con) and state.get("project") == project_fingerprint(project_dir)


def recorded_state(warehouse: Path) -> dict[str, str]:
    """What ``record_build_state`` stored in ``warehouse`` (empty when it has no build state)."""
    try:
        con = connect(warehouse, read_only=True)
    except duckdb.Error:
        return {}
    try:
        return dict(con.execute("select key, value from raw.build_state").fetchall())
    except duckdb.Error:
        return {}
    finally:
        con.close()


def current_build(warehouse: Path, corpus: Path, project_dir: Path, follow_links: bool = False,
                  checksum: bool = False) -> IngestPlan | None:
    """The (empty) ingest plan when ``warehouse`` is already built from ``corpus``, else None.

    Current means: no file is new, changed or removed (by the IngestPlan rule), files that
    were rejected last time still have the same sha256, and the marts were built from this
    raw layer and dbt project. Nothing is written; files whose mtime alone changed are
    re-hashed and keep their old stored stat until the next real build. ``follow_links`` and
    ``checksum`` are those of the build (see IngestPlan).
    """
    con = connect(warehouse, read_only=True)
    try:
        if not build_state_matches(con, project_dir):
            return None
        plan = plan_ingest(con, corpus, follow_links=follow_links, checksum=checksum)
        if plan.removed_count or plan.changed_count:
            return None
        rejected = dict(con.execute("select rel_path, sha256 from raw.rejected_files").fetchall())
        for path, rel_path in plan.todo:
            if rejected.get(rel_path) is None or sha256_of(path) != rejected[rel_path]:
                return None
        return plan
    except duckdb.Error:
        return None
    finally:
        con.close()
