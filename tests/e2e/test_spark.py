"""The Spark engine (ingest/spark.py) in local mode: the Parquet raw layer it writes, the
marts dbt builds from it (equal to the local engine's), incremental re-runs and a killed run.

Skipped when pyspark (the `spark` extra) or Java is missing; `make test` installs both.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from ingest.load import connect, create_raw_schema
from ingest.spark import MANIFESTS, attach_raw_views, current_layer, ingest_spark, spark_session
from parkmart.build import build
from parkmart.devtools.compare import compare_marts
from parkmart.devtools.synth import write_corpus
from tests.helpers import CORPUS, PARKMART, ROOT, alive, descendants, run_cli

pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("the Spark engine needs Java 17 (make test installs openjdk-17-jre-headless)", allow_module_level=True)

MASTER = "local[2]"
SPARK_ENV = {"SPARK_LOCAL_IP": "127.0.0.1"}


@pytest.fixture(scope="module")
def spark():
    """One local Spark session for the in-process builds of this module (build() reuses it)."""
    os.environ.update(SPARK_ENV)
    session = spark_session(MASTER)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """corpus/ built through the CLI by both engines."""
    out = tmp_path_factory.mktemp("engines")
    corpus = out / "corpus"
    shutil.copytree(CORPUS, corpus)
    paths = {"corpus": corpus, "local": out / "local.duckdb", "spark": out / "spark.duckdb", "raw": out / "raw"}
    run_cli("build", "--corpus", str(corpus), "--warehouse", str(paths["local"]))
    proc = run_cli("build", "--corpus", str(corpus), "--warehouse", str(paths["spark"]), "--engine", "spark",
                   "--master", MASTER, "--raw", str(paths["raw"]), env=SPARK_ENV)
    paths["log"] = proc.stderr
    return paths


def _parquet_files(raw: Path) -> dict[str, tuple[int, int]]:
    """Every Parquet file of a raw layer with its (inode, mtime_ns)."""
    return {p.relative_to(raw).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in raw.rglob("*.parquet")
            if not p.relative_to(raw).as_posix().startswith(MANIFESTS)}


def _raw(warehouse: Path, sql: str) -> list[tuple]:
    con = connect(warehouse, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_spark_marts_equal_the_local_engines_on_the_sample_corpus(corpus_builds) -> None:
    same, lines = compare_marts(corpus_builds["local"], corpus_builds["spark"])
    assert same, "\n".join(lines)
    assert "files read 5 (new or changed 5, unchanged 0, removed 0), rejected 0" in corpus_builds["log"]


def test_parquet_tables_have_the_duckdb_raw_schemas(corpus_builds) -> None:
    layer = current_layer(corpus_builds["raw"])
    parquet, duck = duckdb.connect(), duckdb.connect()
    attach_raw_views(parquet, layer)
    create_raw_schema(duck)
    for table in ("files", "articles", "sentences", "boilerplate", "mentions", "rejected_files", "ingest_runs"):
        expected = [(name, kind.replace("JSON", "VARCHAR")) for name, kind, *_ in duck.execute(f"describe raw.{table}").fetchall()]
        assert [(name, kind) for name, kind, *_ in parquet.execute(f"describe raw.{table}").fetchall()] == expected
    # partitioned by run and bucket; the manifest names every live partition
    files = sorted(_parquet_files(corpus_builds["raw"]))
    assert any(f.startswith(f"articles/run={layer.run_id}/bucket=0/part-") for f in files)
    assert _raw(corpus_builds["spark"], "select count(*), count(distinct rel_path) from raw.files") == [(5, 5)]
    assert _raw(corpus_builds["local"], "select count(*) from raw.mentions") == \
        _raw(corpus_builds["spark"], "select count(*) from raw.mentions")


def test_rerun_skips_replaces_drops_and_rejects_without_rewriting(tmp_path: Path, spark) -> None:
    write_corpus(tmp_path / "synth", 40, seed=5)
    corpus, raw = tmp_path / "synth" / "corpus", tmp_path / "raw"
    spark_wh, local_wh = tmp_path / "spark.duckdb", tmp_path / "local.duckdb"
    # first run in 5 buckets, so a change touches one partition of several
    n = len(list(corpus.iterdir()))
    first, layer = ingest_spark(corpus, raw, "first", MASTER, say=lambda _: None, files_per_bucket=5)
    first_partitions = layer.partitions()
    assert (first.files_ingested, len({b for t, _, b in first_partitions if t == "files"})) == (n, 5)
    before = _parquet_files(raw)

    names = sorted(p.name for p in corpus.glob("*.txt"))
    changed, removed, touched = corpus / names[0], corpus / names[1], corpus / names[2]
    changed.write_bytes(changed.read_bytes().replace("。".encode(), "，".encode(), 1) + "\n园区新闻。".encode())
    removed.unlink()
    os.utime(touched, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02 binary \xff\xfe" * 20)
    summary = build(corpus, spark_wh, say=lambda _: None, engine="spark", raw_dir=raw)
    stats = summary.ingest
    assert (stats.files_seen, stats.files_skipped, stats.files_removed) == (n, n - 2, 1)
    assert (stats.files_ingested, stats.files_rejected) == (2, 1)  # the changed file, and broken.txt kept as bytes

    after = _parquet_files(raw)
    assert all(after.get(name, stat) == stat for name, stat in before.items())  # nothing rewritten in place
    live = current_layer(raw)
    assert live.run_id != "first" and len(live.partitions() - first_partitions) > 0
    assert _raw(spark_wh, "select rel_path, stage from raw.rejected_files") == [("broken.txt", "decode")]
    assert _raw(spark_wh, f"select count(*) from raw.files where rel_path = '{removed.name}'") == [(0,)]
    assert _raw(spark_wh, f"select mtime_ns from raw.files where rel_path = '{touched.name}'") == \
        [(1_600_000_000_000_000_000,)]

    build(corpus, local_wh, say=lambda _: None)
    same, lines = compare_marts(local_wh, spark_wh)
    assert same, "\n".join(lines)

    # the build vacuumed the first run's manifest and its replaced partitions; its other
    # partitions are still live, and the next run keeps them
    assert not (raw / MANIFESTS / "first.parquet").exists()
    assert any(run == "first" for _, run, _ in live.partitions())
    again, third = ingest_spark(corpus, raw, "again", MASTER, say=lambda _: None)
    assert (again.files_skipped, again.files_rejected) == (n - 1, 1)  # broken.txt is tried again, as locally
    con = duckdb.connect()
    attach_raw_views(con, third)
    assert con.execute("select count(*), count(distinct rel_path) from raw.files").fetchone() == (n, n)


def test_killed_spark_run_leaves_the_previous_layer_and_warehouse(corpus_builds, tmp_path: Path, spark) -> None:
    corpus, raw, warehouse = tmp_path / "corpus", tmp_path / "raw", tmp_path / "spark.duckdb"
    shutil.copytree(corpus_builds["corpus"], corpus)
    shutil.copytree(corpus_builds["raw"], raw)
    shutil.copyfile(corpus_builds["spark"], warehouse)
    pointer = (raw / "_current.json").read_text()
    write_corpus(tmp_path / "more", 30, seed=9)
    added = list((tmp_path / "more" / "corpus").iterdir())
    for path in added:
        shutil.copyfile(path, corpus / path.name)

    proc = subprocess.Popen([PARKMART, "build", "--corpus", str(corpus), "--warehouse", str(warehouse),
                             "--engine", "spark", "--master", MASTER, "--raw", str(raw)], cwd=ROOT,
                            env={**os.environ, **SPARK_ENV}, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    for line in proc.stderr:  # kill it while Spark extracts
        if line.startswith("spark ("):
            break
    time.sleep(3)
    family = descendants(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.time() + 60
    while any(alive(pid) for pid in family) and time.time() < deadline:  # the JVM exits with its parent
        time.sleep(0.5)

    assert (raw / "_current.json").read_text() == pointer
    same, lines = compare_marts(corpus_builds["spark"], warehouse)
    assert same, "\n".join(lines)
    assert json.loads(pointer)["run_id"] == current_layer(raw).run_id

    stats, layer = ingest_spark(corpus, raw, "after", MASTER, say=lambda _: None)  # removes the killed run's files
    assert (stats.files_ingested, stats.files_skipped) == (len(added), 5)
    assert {p.name for p in (raw / "files").glob("run=*")} == {f"run={json.loads(pointer)['run_id']}", "run=after"}
    con = duckdb.connect()
    attach_raw_views(con, layer)
    assert con.execute("select count(*) from raw.files").fetchone() == (len(added) + 5,)
