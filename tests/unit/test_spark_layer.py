"""The Spark engine's raw layer without Spark: which partitions a commit makes live, what a
killed run leaves and what vacuum removes (ingest/spark.py; Parquet files made by pyarrow)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from ingest.rows import to_arrow
from ingest.spark import (
    CURRENT,
    RawLayer,
    SparkEngineError,
    attach_raw_views,
    check_raw_dir,
    commit,
    current_layer,
    remove_uncommitted,
    vacuum,
)


def _write(root: Path, table: str, run: str, bucket: str, rel_paths: list[str]) -> tuple[str, str, str]:
    """One partition of ``table`` holding a row per rel_path."""
    target = root / table / f"run={run}" / f"bucket={bucket}"
    target.mkdir(parents=True)
    key = "rel_path" if table in ("files", "rejected_files") else "run_id"
    rows = [{key: p, "sha256": "0" * 64} if table == "files" else {key: p} for p in rel_paths]
    pq.write_table(to_arrow(table, rows), target / "part-0.parquet")
    return table, run, bucket


def _first_run(root: Path) -> RawLayer:
    written = {_write(root, "files", "r1", "0", ["a.txt", "b.txt"]), _write(root, "files", "r1", "1", ["c.txt"]),
               _write(root, "rejected_files", "r1", "0", ["bad.txt"]), _write(root, "ingest_runs", "r1", "0", ["r1"])}
    written |= {_write(root, table, "r1", "0", []) for table in ("articles", "sentences", "boilerplate", "mentions")}
    return commit(RawLayer(root, None), "r1", written, set())


def test_commit_replaces_affected_partitions_and_the_rejections(tmp_path: Path) -> None:
    first = _first_run(tmp_path)
    # run 2 re-reads b.txt: bucket 0 of r1 is affected, its survivor a.txt is carried into r2
    written = {_write(tmp_path, "files", "r2", "0", ["a.txt", "b.txt"]), _write(tmp_path, "rejected_files", "r2", "0", []),
               _write(tmp_path, "ingest_runs", "r2", "0", ["r2"])}
    second = commit(first, "r2", written, {("r1", "0")})
    assert sorted(second.partitions()) == [
        ("files", "r1", "1"), ("files", "r2", "0"), ("ingest_runs", "r1", "0"), ("ingest_runs", "r2", "0"),
        ("rejected_files", "r2", "0")]
    assert current_layer(tmp_path).run_id == "r2"
    con = duckdb.connect()
    attach_raw_views(con, second)
    assert con.execute("select rel_path from raw.files order by 1").fetchall() == [("a.txt",), ("b.txt",), ("c.txt",)]
    assert con.execute("select count(*) from raw.rejected_files").fetchone() == (0,)
    assert con.execute("select run_id from raw.ingest_runs order by 1").fetchall() == [("r1",), ("r2",)]


def test_killed_run_is_invisible_and_removed_by_the_next(tmp_path: Path) -> None:
    first = _first_run(tmp_path)
    _write(tmp_path, "files", "killed", "0", ["a.txt"])  # written, never committed
    con = duckdb.connect()
    attach_raw_views(con, current_layer(tmp_path))
    assert con.execute("select count(*) from raw.files").fetchone() == (3,)
    remove_uncommitted(tmp_path, say=lambda _: None)
    assert sorted(p.name for p in (tmp_path / "files").iterdir()) == ["run=r1"]
    assert current_layer(tmp_path) == first


def test_vacuum_keeps_what_the_kept_manifests_name(tmp_path: Path) -> None:
    first = _first_run(tmp_path)
    written = {_write(tmp_path, "files", "r2", "0", ["a.txt", "b.txt"]), _write(tmp_path, "rejected_files", "r2", "0", []),
               _write(tmp_path, "ingest_runs", "r2", "0", ["r2"])}
    commit(first, "r2", written, {("r1", "0")})
    assert vacuum(tmp_path, {"r2"}) == 6  # r1/0 of the per-file tables (carried into r2) and r1's rejections
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.glob("*/run=*/bucket=*")) == [
        "files/run=r1/bucket=1", "files/run=r2/bucket=0", "ingest_runs/run=r1/bucket=0",
        "ingest_runs/run=r2/bucket=0", "rejected_files/run=r2/bucket=0"]
    assert [p.name for p in (tmp_path / "_manifests").iterdir()] == ["r2.parquet"]
    remove_uncommitted(tmp_path, say=lambda _: None)  # r1 has no manifest left, but r2's names its live partitions
    assert (tmp_path / "files" / "run=r1" / "bucket=1").is_dir()
    assert (tmp_path / CURRENT).exists()


@pytest.mark.parametrize("path", ["/data/it's", "/data/{name}", "/data/a\\b"])
def test_raw_dir_paths_that_cannot_be_quoted_are_refused(path: str) -> None:
    with pytest.raises(SparkEngineError, match="may not contain"):
        check_raw_dir(Path(path))
