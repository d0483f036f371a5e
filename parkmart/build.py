"""``parkmart build``: ingest a corpus, run dbt, and swap in a complete warehouse.

The build never writes the live warehouse. It copies it (to keep the raw layer for
incremental ingest) to a sibling file, ingests and runs ``dbt build`` there, and only
when every model and test passed replaces the live file atomically with ``os.replace``.
Readers that hold the old file open keep reading it; new connections see the new one.
A failed or killed build leaves the old warehouse as it was.

Hardening around the swap:

- one build per warehouse at a time: an exclusive ``flock`` on ``<warehouse>.lock``,
  released by the kernel when the build exits, however it exits;
- scratch files (``<warehouse>.building-<run>`` and its ``.wal``) of a killed build are
  removed by the next build (it holds the lock, so no live build owns them), and so is
  its dbt folder ``target/build-<run>`` once no build holds ``target/build-<run>.lock``;
- SIGTERM stops the build at once: dbt is terminated, scratch files are removed;
- the new file is checkpointed (no ``.wal`` left beside it) and fsynced before the swap,
  and the directory is fsynced after it, so a power cut leaves the old or the new file;
- a ``.wal`` left beside the live file by a crashed writer is copied with it (its changes
  are kept) and moved aside before the swap, so it is never replayed onto the new file;
- ``PARKMART_DBT_VARS`` (a YAML/JSON mapping) is passed to ``dbt build --vars``; e.g.
  ``{"parkmart_min_articles": 100}`` fails the build, keeping the old warehouse, when
  a broken crawl yields fewer articles (data-tests/assert_enough_articles.sql).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml

from ingest.load import check_database_file, connect, create_raw_schema, fsync
from ingest.pipeline import IngestStats, ingest_corpus
from ingest.spark import (
    DEFAULT_MASTER,
    RawLayer,
    SparkEngineError,
    attach_raw_views,
    current_layer,
    ingest_spark,
    vacuum,
)
from parkmart.dbt import DbtResult, run_dbt
from parkmart.errors import BuildError, BuildLockedError
from parkmart.progress import FileProgress
from parkmart.project import DEFAULT_CORPUS, DEFAULT_WAREHOUSE, MART_TABLES, PROJECT_DIR
from parkmart.state import build_state_matches, current_build, record_build_state, recorded_state

try:  # POSIX only; elsewhere builds of one warehouse must not overlap (see docs/SAFETY.md)
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

DBT_VARS_ENV = "PARKMART_DBT_VARS"
# DuckDB names a database after its file's stem; these stems would clash with the schemas.
RESERVED_STEMS = {"raw", "staging", "intermediate", "marts", "reference", "main", "system", "temp"}
# dbt target folders without an owner lock (left by older versions) go when this old.
STALE_TARGET_SECONDS = 24 * 3600
# Ingest engines: a process pool appending to DuckDB, or a Spark job writing Parquet (ingest/spark.py).
ENGINES = ("local", "spark")

Say = Callable[[str], None]


@dataclass
class BuildSummary:
    warehouse: Path
    ingest: IngestStats
    dbt_passed: int
    dbt_tests_passed: int
    mart_rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        i = self.ingest
        facts = ", ".join(f"{t} {n}" for t, n in self.mart_rows.items())
        return [
            f"files read {i.files_seen} (new or changed {i.files_ingested}, unchanged {i.files_skipped}, "
            f"removed {i.files_removed}), rejected {i.files_rejected}",
            f"articles ingested this run {i.articles}, mentions {i.mentions}",
            f"marts: {facts}",
            f"dbt: {self.dbt_passed} nodes passed, of which {self.dbt_tests_passed} tests",
            f"warehouse {self.warehouse} built in {self.seconds:.1f} s",
            rejection_line(i),
        ]


def rejection_line(stats: IngestStats) -> str:
    """The summary's last line: how many inputs were rejected and where to look.

    >>> rejection_line(IngestStats("r1", files_seen=12, files_rejected=2, documents_rejected=3))
    'build ok: 10 of 12 files usable; rejected 2 files and 3 documents inside other files (see raw.rejected_files)'
    """
    usable = stats.files_seen - stats.files_rejected
    if not stats.files_rejected and not stats.documents_rejected:
        return f"build ok: {usable} of {stats.files_seen} files usable; rejected 0 files"
    return (f"build ok: {usable} of {stats.files_seen} files usable; rejected {stats.files_rejected} files "
            f"and {stats.documents_rejected} documents inside other files (see raw.rejected_files)")


def check_warehouse_name(warehouse: Path) -> Path:
    """Refuse file names whose stem DuckDB would confuse with a schema (``raw.duckdb``: raw.files?).

    >>> check_warehouse_name(Path("marts.duckdb"))
    Traceback (most recent call last):
    ...
    parkmart.errors.BuildError: marts.duckdb: DuckDB would name this database 'marts', like the schema 'marts', and queries such as marts.dim_article would be ambiguous; choose another file name, e.g. warehouse.duckdb
    """
    stem = warehouse.name.split(".")[0].lower()
    if stem in RESERVED_STEMS:
        raise BuildError(f"{warehouse}: DuckDB would name this database '{stem}', like the schema '{stem}', and "
                         f"queries such as {stem}.dim_article would be ambiguous; choose another file name, "
                         "e.g. warehouse.duckdb")
    return warehouse


def staging_path(warehouse: Path, run_id: str) -> Path:
    return warehouse.with_name(f"{warehouse.name}.building-{run_id}")


def wal_path(database: Path) -> Path:
    """DuckDB's write-ahead log beside a database file."""
    return database.with_name(database.name + ".wal")


def default_raw_dir(warehouse: Path) -> Path:
    """Where the Spark engine keeps the raw layer unless told: beside the warehouse.

    >>> default_raw_dir(Path("/data/warehouse.duckdb"))
    PosixPath('/data/warehouse-raw')
    """
    return warehouse.with_name(f"{warehouse.name.split('.')[0]}-raw")


def build(corpus: Path = DEFAULT_CORPUS, warehouse: Path = DEFAULT_WAREHOUSE,
          say: Say = print, workers: int | None = None, engine: str = "local",
          master: str = DEFAULT_MASTER, raw_dir: Path | None = None, follow_links: bool = False,
          checksum: bool = False) -> BuildSummary:
    """Build ``warehouse`` from ``corpus``; raises BuildError and keeps the old file on failure.

    ``engine="spark"`` runs the ingest stage as a Spark job on ``master`` writing the raw
    layer as Parquet under ``raw_dir`` (default: beside the warehouse), which dbt then reads.
    ``follow_links`` reads symbolic links that point out of the corpus folder (by default
    they are rejected); ``checksum`` re-hashes every file instead of trusting size and mtime.
    """
    started = time.perf_counter()
    corpus, warehouse = corpus.resolve(), check_warehouse_name(warehouse.resolve())
    if not corpus.is_dir():
        raise BuildError(f"{corpus}: corpus directory not found; pass --corpus DIR")
    if engine not in ENGINES:
        raise BuildError(f"unknown engine '{engine}'; choose one of {', '.join(ENGINES)}")
    raw_dir = (raw_dir or default_raw_dir(warehouse)).resolve() if engine == "spark" else None
    check_database_file(warehouse)
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    previous = recorded_state(warehouse) if warehouse.exists() else {}
    live = current_layer(raw_dir) if raw_dir else None
    same_raw = _raw_layer_of(previous) == _raw_layer_of({"engine": engine, **_raw_state(live)})
    plan = (current_build(warehouse, corpus, PROJECT_DIR, follow_links, checksum)
            if warehouse.exists() and same_raw else None)
    if plan is not None:  # nothing changed since the last build: no copy, no ingest, no dbt
        say(f"{warehouse.name} is current: corpus, extractor and dbt project unchanged since its build")
        stats = IngestStats("unchanged", files_seen=plan.seen, files_skipped=plan.skipped)
        summary = BuildSummary(warehouse, stats, 0, 0, _count_marts(warehouse), time.perf_counter() - started)
        for line in summary.lines():
            say(line)
        return summary
    run_id = uuid.uuid4().hex[:12]
    new = staging_path(warehouse, run_id)
    target = PROJECT_DIR / "target" / f"build-{run_id}"
    with build_lock(warehouse), _terminate_as_exit(), _owned_folder(target):
        _remove_stale(warehouse, say)
        try:
            if warehouse.exists() and engine == "local" and previous.get("engine", "local") == "local":
                say(f"copying {warehouse.name} to keep its raw layer")
                _copy_database(warehouse, new)
            say(f"ingesting {corpus}")
            con = connect(new)
            layer: RawLayer | None = None
            try:
                if engine == "spark":
                    stats, layer = ingest_spark(corpus, raw_dir, run_id, master, say)
                    say(f"raw layer: {layer.root} (manifest of run {layer.run_id})")
                    attach_raw_views(con, layer)
                    marts_current = False  # a Spark build starts from an empty warehouse
                else:
                    create_raw_schema(con)
                    progress = FileProgress()
                    try:
                            stats = ingest_corpus(con, corpus, workers=workers, progress=progress, run_id=run_id,
                                              follow_links=follow_links, checksum=checksum)
                    finally:
                        progress.close()
                    con.execute("checkpoint")
                    marts_current = build_state_matches(con, PROJECT_DIR)
            finally:
                con.close()
            for line in stats.rejection_lines():
                say(line)
            if stats.files_seen and stats.files_rejected == stats.files_seen:
                raise BuildError(f"{corpus}: every one of the {stats.files_seen} files was rejected (reasons above); "
                                 f"{warehouse.name} was not replaced; check that --corpus points at the articles")
            if marts_current:
                say("raw layer and dbt project unchanged: marts kept, dbt not run")
                result = DbtResult(0, 0, 0, 0, {}, [], 0.0)
            else:
                say("running dbt build (seeds, models, tests)")
                parquet = layer.dbt_vars() if layer and layer.run_id else None  # an empty layer: raw tables
                result = run_dbt(["build", *_dbt_vars(parquet)], new, target)
                con = connect(new)
                try:
                    record_build_state(con, PROJECT_DIR, {**build_details(result), "engine": engine,
                                                          **_raw_state(layer)})
                finally:
                    con.close()
            _seal(new)
            rows = _count_marts(new)
            _swap(new, warehouse, run_id)
            _publish_artifacts(target)
        except BaseException:
            _remove(new)
            raise
    if layer is not None and layer.run_id:  # keep the layer just built and the one the replaced warehouse read
        try:
            vacuum(layer.root, {layer.run_id, Path(previous.get("raw_manifest", "")).stem})
        except SparkEngineError as err:
            say(f"raw layer not vacuumed ({err}); the next build will")
    summary = BuildSummary(warehouse, stats, result.passed, result.by_type.get("test", 0), rows,
                           time.perf_counter() - started)
    for line in summary.lines():
        say(line)
    return summary


def build_details(result: DbtResult) -> dict[str, str]:
    """What ``parkmart status`` reports about this build, kept in the warehouse (raw.build_state).

    >>> details = build_details(DbtResult(160, 0, 0, 0, {"test": 125}, [], 12.34))
    >>> {k: v for k, v in details.items() if k != "built_at"}
    {'dbt_passed': '160', 'dbt_tests': '125', 'dbt_failed': '0', 'dbt_seconds': '12.3'}
    """
    return {"built_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S"),
            "dbt_passed": str(result.passed), "dbt_tests": str(result.by_type.get("test", 0)),
            "dbt_failed": str(result.failed), "dbt_seconds": f"{result.seconds:.1f}"}


def _dbt_vars(extra: dict[str, str] | None = None) -> list[str]:
    """``--vars`` for dbt from PARKMART_DBT_VARS, e.g. '{"parkmart_min_articles": 100}', and ``extra``."""
    value = os.environ.get(DBT_VARS_ENV, "").strip()
    if not extra:
        return ["--vars", value] if value else []
    return ["--vars", json.dumps({**(yaml.safe_load(value) or {} if value else {}), **extra})]


def _raw_state(layer: RawLayer | None) -> dict[str, str]:
    """The build-state entry naming the Spark raw layer a build reads (its live manifest)."""
    if layer is None:
        return {}
    return {"raw_manifest": str(layer.manifest) if layer.run_id else ""}


def _raw_layer_of(state: dict[str, str]) -> tuple[str, str]:
    """Which raw layer a build state says the marts came from: (engine, manifest)."""
    return state.get("engine", "local"), state.get("raw_manifest", "")


@contextlib.contextmanager
def build_lock(warehouse: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``<warehouse>.lock`` for the build; fail fast if taken."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    lock = warehouse.with_name(warehouse.name + ".lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BuildLockedError(str(warehouse)) from exc
        yield
    finally:
        os.close(fd)  # closing releases the lock; the lock file stays (unlinking it would race)


@contextlib.contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """Turn SIGTERM into SystemExit during the build, so scratch files are removed on the way out."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _remove_stale(warehouse: Path, say: Say) -> None:
    """Delete scratch files of builds that were killed (we hold the lock: none is running)."""
    scratch = [*warehouse.parent.glob(f"{warehouse.name}.building-*"),
               *warehouse.parent.glob(f"{warehouse.name}.wal.replaced-*")]
    for path in sorted(scratch):
        say(f"removing {path.name}, left by an interrupted build")
        path.unlink(missing_ok=True)
    now = time.time()
    for path in sorted((PROJECT_DIR / "target").glob("build-*")):
        folder = path.with_name(path.name.removesuffix(".lock"))
        owner = _owner_lock(folder)
        with contextlib.suppress(OSError):
            stale = _unowned(owner) if owner.exists() else now - folder.stat().st_mtime > STALE_TARGET_SECONDS
            if stale:  # its build was killed (another warehouse's running build holds its lock)
                shutil.rmtree(folder, ignore_errors=True)
                owner.unlink(missing_ok=True)


def _owner_lock(folder: Path) -> Path:
    """The lock file a build holds for its dbt target folder (beside it: ``build-<run>.lock``)."""
    return folder.with_name(folder.name + ".lock")


@contextlib.contextmanager
def _owned_folder(folder: Path) -> Iterator[None]:
    """Hold ``folder``'s owner lock while the build runs (builds of other warehouses share
    target/); remove the folder and the lock at the end. The lock is taken before the
    folder exists, so a folder without one is an older build's and goes only when stale."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock = _owner_lock(folder)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        lock.unlink(missing_ok=True)
        os.close(fd)


def _unowned(lock: Path) -> bool:
    """True when no running build holds ``lock`` (its build was killed)."""
    if fcntl is None:  # pragma: no cover
        return False
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def _copy_database(source: Path, dest: Path) -> None:
    """Copy a DuckDB file and its write-ahead log, if any, so no committed change is lost."""
    shutil.copyfile(source, dest)
    if wal_path(source).exists():
        shutil.copyfile(wal_path(source), wal_path(dest))


def _seal(path: Path) -> None:
    """Fold any WAL into the file and flush it to disk: after this the file alone is the database."""
    con = connect(path)
    try:
        con.execute("checkpoint")
    finally:
        con.close()
    if wal_path(path).exists():
        raise BuildError(f"{path}: a write-ahead log remains after checkpoint; the warehouse was not replaced; "
                         "run the build again")
    fsync(path)


def _swap(new: Path, warehouse: Path, run_id: str) -> None:
    """Atomically make ``new`` the live warehouse."""
    stale_wal = wal_path(warehouse)
    aside = stale_wal.with_name(f"{stale_wal.name}.replaced-{run_id}")
    if stale_wal.exists():  # belongs to the old file (already copied into the new one)
        os.replace(stale_wal, aside)
    os.replace(new, warehouse)
    fsync(warehouse.parent)
    aside.unlink(missing_ok=True)


def _count_marts(path: Path) -> dict[str, int]:
    con = connect(path, read_only=True)
    try:
        # identifiers from the MART_TABLES constant only; never from data
        return {t: con.execute(f"select count(*) from marts.{t}").fetchone()[0] for t in MART_TABLES}
    finally:
        con.close()


def _publish_artifacts(target: Path) -> None:
    """Keep the last successful build's manifest and results for `parkmart docs`/`status`."""
    last = PROJECT_DIR / "target" / "last-build"
    last.mkdir(parents=True, exist_ok=True)
    for name in ("manifest.json", "run_results.json"):
        if (target / name).exists():
            shutil.copyfile(target / name, last / name)


def _remove(path: Path) -> None:
    for p in (path, wal_path(path)):
        p.unlink(missing_ok=True)


def ingest_only(corpus: Path, warehouse: Path, say: Say = print, workers: int | None = None,
                follow_links: bool = False, checksum: bool = False) -> IngestStats:
    """Ingest into the raw layer of ``warehouse`` directly (no dbt); for debugging stages."""
    con = connect(check_warehouse_name(warehouse))
    try:
        progress = FileProgress()
        try:
            stats = ingest_corpus(con, corpus.resolve(), workers=workers, progress=progress,
                                  follow_links=follow_links, checksum=checksum)
        finally:
            progress.close()
        con.execute("checkpoint")
    finally:
        con.close()
    return stats
