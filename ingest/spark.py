"""The Spark engine: the same per-file function (``pipeline.process_chunk``) run as a Spark
job, writing every raw table as Parquet instead of appending to DuckDB.

Layout of a raw directory (every Parquet file is written once and never changed)::

    <table>/run=<run_id>/bucket=<n>/part-*.parquet   rows of one run, by a hash of the input path
    _manifests/<run_id>.parquet                      the live partitions: (table_name, run, bucket)
    _current.json                                    which manifest is live (replaced atomically)

A run plans with the local engine's rule (``plan.plan_ingest`` over the live ``files``
table), extracts the new and changed files with ``mapInArrow`` (the extractor is built
once per Python worker process), and writes a new ``run=`` directory holding their rows
plus the surviving rows of every partition that held a changed, removed or re-statted
file (copy on write: the old partition stays on disk, the new manifest stops naming it).
Only then is a manifest written and ``_current.json`` replaced, so a killed run leaves the
previous raw layer as it was; its partial ``run=`` directory is removed by the next run.
``rejected_files`` holds the latest run's rejections only and ``ingest_runs`` one row per
run, as in DuckDB. Readers (dbt, the plan, the warehouse's ``raw`` views) read a table as
the Parquet files of its live partitions: ``table_sql``.

pyspark is imported inside functions: the local engine and ``make build`` need no Java.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import itertools
import json
import math
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from ingest import EXTRACTOR_VERSION
from ingest.errors import IngestError
from ingest.load import create_raw_schema, fsync
from ingest.pipeline import (
    CHUNK_FILES,
    IngestStats,
    bounded_chunks,
    count_outcomes,
    rejection_rows,
    run_row,
)
from ingest.plan import LINE_SUFFIX, IngestPlan, plan_ingest
from ingest.process import process_chunk, worker_init
from ingest.read.files import Todo
from ingest.rows import ARROW_SCHEMAS, PER_FILE_TABLES, RAW_TABLES, from_ipc, to_arrow, to_ipc

try:  # POSIX only; elsewhere two runs must not share a raw directory at once
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

DEFAULT_MASTER = "local[*]"
MANIFESTS = "_manifests"
CURRENT = "_current.json"
# Input files per bucket of a run: a run of N files writes ceil(N / FILES_PER_BUCKET) buckets,
# so a changed file makes the next run rewrite one bucket (~this many files' rows), not its run.
FILES_PER_BUCKET = 2000
# Input files per Spark task at most; small runs get at least 3 tasks per core.
FILES_PER_TASK = 500
TASKS_PER_CORE = 3
# Row groups Spark writes: zstd, as DuckDB reads it.
PARQUET_CODEC = "zstd"
# The envelope one extraction task emits: Arrow IPC payloads of each table's rows, per bucket.
ENVELOPE_DDL = "table string, bucket int, payload binary"
ENVELOPE_SCHEMA = pa.schema([("table", pa.string()), ("bucket", pa.int32()), ("payload", pa.binary())])
STATS = "_stats"  # envelope rows carrying a task's counts and rejection messages
# The key of an input file in each per-file table (rows of `name.jsonl#3` belong to name.jsonl).
FILE_KEY = {"files": "rel_path", "articles": "rel_path"}
# Characters a raw directory's path may not hold: it is written into SQL and a format string.
UNSAFE_PATH_CHARS = set("'{}\\")

Say = Callable[[str], None]


class SparkEngineError(IngestError):
    """The Spark engine cannot run: no pyspark, no Java, a raw directory in use or unusable."""


@dataclass
class RawLayer:
    """A committed raw layer: its directory and the run whose manifest is live (None: empty)."""

    root: Path
    run_id: str | None

    @property
    def manifest(self) -> Path:
        return self.root / MANIFESTS / f"{self.run_id}.parquet"

    def partitions(self) -> set[tuple[str, str, str]]:
        """(table, run, bucket) of every live partition."""
        if self.run_id is None:
            return set()
        rows = pq.read_table(self.manifest).to_pylist()
        return {(r["table_name"], r["run"], r["bucket"]) for r in rows}

    def table_sql(self, table: str = "{name}", with_partition: bool = False) -> str:
        """A DuckDB relation (a parenthesised query) reading ``table`` from its live partitions.

        The default ``{name}`` placeholder makes it the template dbt-duckdb formats for each
        source (``external_location``); ``with_partition`` keeps the run and bucket columns.

        >>> print(RawLayer(Path("/r"), "ab12").table_sql("files"))  # doctest: +NORMALIZE_WHITESPACE
        (select t.* exclude (run, bucket) from read_parquet('/r/files/*/*/*.parquet',
          hive_partitioning = true, hive_types_autocast = false) as t semi join
          read_parquet('/r/_manifests/ab12.parquet') as m on m.table_name = 'files'
          and m.run = t.run and m.bucket = t.bucket)
        """
        columns = "t.*" if with_partition else "t.* exclude (run, bucket)"
        return (f"(select {columns} from read_parquet('{self.root}/{table}/*/*/*.parquet', "
                "hive_partitioning = true, hive_types_autocast = false) as t semi join "
                f"read_parquet('{self.manifest}') as m on m.table_name = '{table}' "
                "and m.run = t.run and m.bucket = t.bucket)")

    def dbt_vars(self) -> dict[str, str]:
        """The dbt vars that point the ``ingest`` sources at this layer (models/staging/_ingest__sources.yml)."""
        return {"raw_parquet_location": self.table_sql()}


def current_layer(root: Path) -> RawLayer:
    """The live raw layer under ``root`` (an empty one when no run has committed yet)."""
    root = check_raw_dir(root)
    pointer = root / CURRENT
    if not pointer.exists():
        return RawLayer(root, None)
    return RawLayer(root, json.loads(pointer.read_text(encoding="utf-8"))["run_id"])


def check_raw_dir(root: Path) -> Path:
    """The absolute raw directory, refused when its path cannot be written into SQL.

    >>> check_raw_dir(Path("/data/it's"))
    Traceback (most recent call last):
    ...
    ingest.spark.SparkEngineError: /data/it's: the raw directory's path may not contain ' { } or \\; pass another --raw DIR
    """
    root = root.resolve()
    if UNSAFE_PATH_CHARS & set(str(root)):
        raise SparkEngineError(f"{root}: the raw directory's path may not contain ' {{ }} or \\; pass another --raw DIR")
    return root


def attach_raw_views(con: duckdb.DuckDBPyConnection, layer: RawLayer) -> None:
    """Create the ``raw`` schema in ``con`` as views over ``layer`` (tables when it is empty).

    The warehouse a Spark build makes holds these views, so ``parkmart status``, ``query``
    and ``eval`` read its raw layer as they read the local engine's tables.
    """
    if layer.run_id is None:
        create_raw_schema(con)
        return
    con.execute("create schema if not exists raw")
    for table in RAW_TABLES:
        con.execute(f"create or replace view raw.{table} as select * from {layer.table_sql(table)}")


def bucket_of(rel_path: str, buckets: int) -> int:
    """The bucket of an input file in a run of ``buckets`` buckets: a hash of its path.

    >>> [bucket_of(p, 4) for p in ("a.txt", "d.txt", "news/0412.html", "a.txt")]
    [1, 3, 3, 1]
    """
    return int(hashlib.sha256(rel_path.encode("utf-8")).hexdigest()[:8], 16) % buckets


@contextlib.contextmanager
def raw_dir_lock(root: Path) -> Iterator[None]:
    """One run per raw directory at a time: an exclusive ``flock`` on ``<root>/.lock``."""
    root.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover
        yield
        return
    fd = os.open(root / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise SparkEngineError(f"{root}: another Spark ingest is writing this raw directory; "
                                   "wait for it to finish or pass another --raw DIR") from exc
        yield
    finally:
        os.close(fd)


def spark_session(master: str, app_name: str = "parkmart-ingest"):
    """A Spark session on ``master`` (the active one when this process already has one).

    Local masters run the executors' Python in this interpreter and bind to 127.0.0.1;
    on a cluster, set ``spark.pyspark.python`` (or PYSPARK_PYTHON) to a Python that has
    parkmart installed, as for any PySpark job.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkEngineError("the Spark engine needs pyspark: pip install -e '.[spark]' (and Java 17)") from exc
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise SparkEngineError("the Spark engine needs Java 17: apt-get install openjdk-17-jre-headless "
                               "(or set JAVA_HOME)")
    builder = (SparkSession.builder.master(master).appName(app_name)
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
               .config("spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version", "1")
               .config("spark.sql.parquet.compression.codec", PARQUET_CODEC))
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = (builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.driver.memory", "2g"))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def spark_schema(table: str, with_bucket: bool = True):
    """The Spark schema of a raw table (from load.ARROW_SCHEMAS), plus the bucket column."""
    from pyspark.sql.pandas.types import from_arrow_schema
    from pyspark.sql.types import IntegerType, StructField

    schema = from_arrow_schema(ARROW_SCHEMAS[table], prefer_timestamp_ntz=True)
    return schema.add(StructField("bucket", IntegerType())) if with_bucket else schema


_worker_ready = False


def _ensure_worker() -> None:
    """Build the extractor state once per Python worker process (Spark reuses its workers)."""
    global _worker_ready
    if not _worker_ready:
        worker_init()
        _worker_ready = True


def _envelope(rows: list[tuple[str, int, bytes]]) -> pa.RecordBatch:
    tables, buckets, payloads = zip(*rows, strict=True) if rows else ((), (), ())
    return pa.RecordBatch.from_arrays([pa.array(tables, pa.string()), pa.array(buckets, pa.int32()),
                                       pa.array(payloads, pa.binary())], schema=ENVELOPE_SCHEMA)


def extract_batches(batches: Iterator[pa.RecordBatch], run_id: str) -> Iterator[pa.RecordBatch]:
    """mapInArrow body: todo rows (path, rel_path, size, mtime_ns, bucket) -> envelope rows.

    Files go through ``process_chunk`` in chunks of one bucket; each chunk's tables (the
    per-file ones and its rejections) leave as Arrow IPC payloads, and the task ends with
    one ``_stats`` row: its counts and rejection messages, summed by the driver.
    """
    _ensure_worker()
    stats = IngestStats(run_id)
    for batch in batches:
        for bucket, group in itertools.groupby(batch.to_pylist(), key=lambda r: r["bucket"]):
            todo = [(Path(r["path"]), r["rel_path"], (r["size"], r["mtime_ns"])) for r in group]
            for files in bounded_chunks(todo):
                chunk = process_chunk(files, run_id)
                count_outcomes(stats, chunk.outcomes)
                stats.add_stages(chunk.stage_seconds)
                tables = {**chunk.tables, "rejected_files": to_arrow("rejected_files",
                                                                     rejection_rows(chunk.outcomes, run_id))}
                rows = [(name, bucket, to_ipc(t)) for name, t in tables.items() if t.num_rows]
                if rows:
                    yield _envelope(rows)
    counts = {k: v for k, v in asdict(stats).items() if k not in ("run_id", "seconds")}
    yield _envelope([(STATS, 0, json.dumps(counts, ensure_ascii=False).encode("utf-8"))])


def decode_batches(batches: Iterator[pa.RecordBatch], table: str) -> Iterator[pa.RecordBatch]:
    """mapInArrow body: envelope rows of one table -> its rows, with their bucket."""
    for batch in batches:
        for bucket, payload in zip(batch.column("bucket").to_pylist(), batch.column("payload").to_pylist(),
                                   strict=True):
            rows = from_ipc(payload)
            rows = rows.append_column("bucket", pa.array([bucket] * rows.num_rows, pa.int32()))
            yield from rows.to_batches()


@dataclass
class SparkPlan:
    """A run's plan read out of its planning connection: the driver hands the whole file list
    to Spark. ``plan`` keeps the counts; ``where`` is the (run, bucket) of every known file."""

    plan: IngestPlan
    todo: list[Todo]
    changed: list[str]
    removed: list[str]
    restat: list[dict]
    where: dict[str, tuple[str, str]]


def _plan(layer: RawLayer, corpus: Path) -> SparkPlan:
    """The incremental plan against the live layer."""
    con = duckdb.connect()
    try:
        attach_raw_views(con, layer)
        plan = plan_ingest(con, corpus)
        where: dict[str, tuple[str, str]] = {}
        if layer.run_id is not None:
            where = {p: (r, b) for p, r, b in con.execute(
                f"select rel_path, run, bucket from {layer.table_sql('files', with_partition=True)}").fetchall()}
        todo = [item for page in plan.todo_pages() for item in page]
        return SparkPlan(plan, todo, plan.changed, plan.removed, plan.restat, where)
    finally:
        con.close()


def _tasks(files: int, cores: int) -> int:
    """Spark tasks for extracting ``files`` files on ``cores`` cores.

    >>> _tasks(2000, 2), _tasks(20, 2), _tasks(100_000, 2)
    (6, 2, 200)
    """
    return max(1, min(math.ceil(files / CHUNK_FILES), max(cores * TASKS_PER_CORE, math.ceil(files / FILES_PER_TASK))))


def ingest_spark(corpus: Path, raw_dir: Path, run_id: str, master: str = DEFAULT_MASTER, say: Say = print,
                 files_per_bucket: int = FILES_PER_BUCKET) -> tuple[IngestStats, RawLayer]:
    """Ingest ``corpus`` into the Parquet raw layer under ``raw_dir`` as a Spark job.

    Returns the run's counts and the layer now live (unchanged when nothing had to be done).
    """
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    root = check_raw_dir(raw_dir)
    with raw_dir_lock(root):
        remove_uncommitted(root, say)
        layer = current_layer(root)
        plan = _plan(layer, corpus)
        stats = IngestStats(run_id, files_seen=plan.plan.seen, files_skipped=plan.plan.skipped,
                            files_removed=len(plan.removed))
        if not plan.plan.has_work and not plan.restat:
            stats.seconds = round(time.perf_counter() - started, 3)
            return stats, layer
        spark = spark_session(master)
        cores = spark.sparkContext.defaultParallelism
        buckets = max(1, math.ceil(len(plan.todo) / files_per_bucket))
        todo = sorted((bucket_of(rel, buckets), rel, str(path), *stat) for path, rel, stat in plan.todo)
        say(f"spark ({spark.sparkContext.master}, {cores} cores): extracting {len(todo)} files "
            f"in {_tasks(len(todo), cores)} tasks, {buckets} buckets")
        dropped = set(plan.changed) | set(plan.removed)
        touched = dropped | {r["rel_path"] for r in plan.restat}
        affected = {plan.where[p] for p in touched if p in plan.where}
        envelope = _extract(spark, todo, run_id, cores)
        try:
            _gather_stats(envelope, stats)
            written = _write_tables(spark, envelope, layer, run_id, affected, dropped, plan.restat, say)
        finally:
            envelope.unpersist()
        stats.seconds = round(time.perf_counter() - started, 3)
        _write_local(root, "ingest_runs", run_id, to_arrow("ingest_runs", [run_row(stats, started_at, corpus)]))
        written.add(("ingest_runs", run_id, "0"))
        new = commit(layer, run_id, written, affected)
    return stats, new


def _extract(spark, todo: list[tuple], run_id: str, cores: int):
    """The envelope DataFrame of extracting ``todo``, persisted on disk (extraction runs once)."""
    from pyspark import StorageLevel

    rows = [(path, rel, size, mtime, bucket) for bucket, rel, path, size, mtime in todo]
    frame = spark.sparkContext.parallelize(rows, _tasks(len(rows), cores)).toDF(
        "path string, rel_path string, size long, mtime_ns long, bucket int")
    envelope = frame.mapInArrow(lambda batches: extract_batches(batches, run_id), ENVELOPE_DDL)
    return envelope.persist(StorageLevel.DISK_ONLY)


def _gather_stats(envelope, stats: IngestStats) -> None:
    """Sum the tasks' ``_stats`` rows into ``stats`` (this runs the extraction)."""
    rejections: list[str] = []
    for (payload,) in envelope.filter(f"table = '{STATS}'").select("payload").collect():
        counts = json.loads(bytes(payload).decode("utf-8"))
        for key in ("files_ingested", "files_rejected", "documents_rejected", "articles", "mentions"):
            setattr(stats, key, getattr(stats, key) + counts[key])
        for stage, seconds in counts["stage_seconds"].items():
            stats.stage_seconds[stage] += seconds
        rejections.extend(counts["rejections"])
    stats.add_rejections(sorted(rejections))


def _carried(spark, layer: RawLayer, table: str, affected: set[tuple[str, str]], dropped: set[str],
             restat: list[dict]):
    """Rows of ``table`` in the affected partitions that stay: not of a changed or removed file.

    For ``files``, re-statted files (same bytes, new mtime) take their new size and mtime_ns.
    """
    from pyspark.sql import functions as F

    live = layer.partitions()
    paths = [str(layer.root / table / f"run={run}" / f"bucket={bucket}")
             for run, bucket in sorted(affected) if (table, run, bucket) in live]
    if not paths:
        return None
    rows = spark.read.option("basePath", str(layer.root / table)).parquet(*paths)
    key = F.col(FILE_KEY[table]) if table in FILE_KEY else F.regexp_replace("source_file", LINE_SUFFIX.pattern, "")
    if dropped:
        gone = spark.createDataFrame([(p,) for p in sorted(dropped)], "dropped_path string")
        rows = rows.join(F.broadcast(gone), key == F.col("dropped_path"), "left_anti")
    if table == "files" and restat:
        new_stat = spark.createDataFrame([(r["rel_path"], r["file_size"], r["mtime_ns"]) for r in restat],
                                         "restat_path string, restat_size long, restat_mtime long")
        rows = (rows.join(F.broadcast(new_stat), F.col("rel_path") == F.col("restat_path"), "left")
                .withColumn("file_size", F.coalesce("restat_size", "file_size"))
                .withColumn("mtime_ns", F.coalesce("restat_mtime", "mtime_ns")))
    columns = [F.col(f.name).cast(f.dataType) for f in spark_schema(table)]
    return rows.select(*columns)


def _write_tables(spark, envelope, layer: RawLayer, run_id: str, affected: set[tuple[str, str]],
                  dropped: set[str], restat: list[dict], say: Say) -> set[tuple[str, str, str]]:
    """Write every per-file table and the rejections of this run; returns the partitions written."""
    written: set[tuple[str, str, str]] = set()
    for table in (*PER_FILE_TABLES, "rejected_files"):
        rows = (envelope.filter(envelope.table == table).select("bucket", "payload")
                .mapInArrow(lambda batches, t=table: decode_batches(batches, t), spark_schema(table)))
        carried = _carried(spark, layer, table, affected, dropped, restat) if table in PER_FILE_TABLES else None
        if carried is not None:
            rows = rows.unionByName(carried)
        target = layer.root / table / f"run={run_id}"
        rows.write.mode("errorifexists").partitionBy("bucket").parquet(str(target))
        buckets = sorted(p.name.split("=", 1)[1] for p in target.glob("bucket=*") if any(p.glob("*.parquet")))
        if not buckets:  # no rows: one empty file keeps the table's schema readable
            _write_local(layer.root, table, run_id, to_arrow(table, []))
            buckets = ["0"]
        written |= {(table, run_id, b) for b in buckets}
        say(f"  spark wrote {table}: {len(buckets)} partitions")
    return written


def _write_local(root: Path, table: str, run_id: str, rows: pa.Table) -> None:
    """Write a small table (a run's ingest_runs row, an empty table) into bucket 0 of the run."""
    target = root / table / f"run={run_id}" / "bucket=0"
    target.mkdir(parents=True, exist_ok=True)
    tmp = target / ".part-driver.parquet.tmp"
    pq.write_table(rows, tmp, compression=PARQUET_CODEC)
    os.replace(tmp, target / "part-driver.parquet")


def commit(layer: RawLayer, run_id: str, written: set[tuple[str, str, str]],
           affected: set[tuple[str, str]]) -> RawLayer:
    """Write run ``run_id``'s manifest and make it live: the one step that changes the raw layer.

    Live after it: every partition this run wrote, the previous live partitions of the
    per-file tables and ingest_runs except the ``affected`` ones (their rows were carried
    into this run), and no earlier rejected_files partition (rejections are per run).
    """
    kept = {(t, r, b) for t, r, b in layer.partitions()
            if t != "rejected_files" and (t == "ingest_runs" or (r, b) not in affected)}
    live = sorted(kept | written)
    manifests = layer.root / MANIFESTS
    manifests.mkdir(exist_ok=True)
    manifest = pa.table({"table_name": [p[0] for p in live], "run": [p[1] for p in live],
                         "bucket": [p[2] for p in live]})
    tmp = manifests / f".{run_id}.parquet.tmp"
    pq.write_table(manifest, tmp)
    fsync(tmp)
    os.replace(tmp, manifests / f"{run_id}.parquet")
    pointer = {"run_id": run_id, "previous": layer.run_id, "extractor_version": EXTRACTOR_VERSION,
               "committed_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")}
    tmp = layer.root / f".{CURRENT}.tmp"
    tmp.write_text(json.dumps(pointer, indent=2) + "\n", encoding="utf-8")
    fsync(tmp)
    os.replace(tmp, layer.root / CURRENT)
    fsync(layer.root)
    return RawLayer(layer.root, run_id)


def _run_dirs(root: Path) -> Iterator[tuple[Path, str]]:
    for table in RAW_TABLES:
        for path in sorted((root / table).glob("run=*")):
            yield path, path.name.split("=", 1)[1]


def remove_uncommitted(root: Path, say: Say = print) -> None:
    """Delete ``run=`` directories that no manifest names: those of runs that were killed or failed
    before committing (a committed run's manifest names its own partitions)."""
    named = {run for manifest in (root / MANIFESTS).glob("*.parquet")
             for run in pq.read_table(manifest, columns=["run"]).column("run").to_pylist()}
    for path, run in _run_dirs(root):
        if run not in named:
            say(f"removing {path.relative_to(root)}, left by an interrupted Spark run")
            shutil.rmtree(path, ignore_errors=True)
    for table in RAW_TABLES:
        shutil.rmtree(root / table / "_temporary", ignore_errors=True)


def vacuum(root: Path, keep: set[str]) -> int:
    """Delete partitions and manifests that no manifest of the runs in ``keep`` names; returns
    how many partitions went. The build keeps the manifest it built from and the one the
    warehouse it replaced was built from, so readers of either still find their files."""
    root = check_raw_dir(root)
    with raw_dir_lock(root):
        live = set().union(*(RawLayer(root, run).partitions() for run in keep
                             if (root / MANIFESTS / f"{run}.parquet").exists()))
        if not live:
            return 0
        removed = 0
        for path, run in _run_dirs(root):
            for bucket_dir in sorted(path.glob("bucket=*")):
                if (path.parent.name, run, bucket_dir.name.split("=", 1)[1]) not in live:
                    shutil.rmtree(bucket_dir)
                    removed += 1
            if not any(path.glob("bucket=*")):
                shutil.rmtree(path)
        for manifest in (root / MANIFESTS).glob("*.parquet"):
            if manifest.stem not in keep:
                manifest.unlink()
        return removed
