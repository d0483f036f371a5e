"""Ingest a corpus directory into the raw layer: plan, hand the files out, write the rows.

Files are processed independently (``ingest.process``), in chunks, in a process pool when
there are many (a bounded number of chunks in flight, so memory does not grow with the
corpus; workers die with the parent); this process, the writer, only concatenates their
Arrow tables and appends them to DuckDB. Ingest is incremental (see ``IngestPlan``): a
file whose path, size and mtime_ns are in ``raw.files`` with the current extractor version
is skipped without being read; otherwise its sha256 decides; a changed file replaces its
old rows; a file that is gone has its rows removed.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from ingest import EXTRACTOR_VERSION
from ingest.load import append, create_raw_schema, delete_file_rows, write_rows
from ingest.plan import PLAN_TABLE, RESTAT, plan_ingest
from ingest.process import (
    STAGES,
    ChunkResult,
    FileOutcome,
    pool_worker_init,
    process_chunk,
    process_chunk_packed,
)
from ingest.read.files import MAX_FILE_BYTES, Todo
from ingest.rows import PER_FILE_TABLES, use_system_allocator

# A pool task (a chunk) holds at most CHUNK_FILES files and, past its first file, at most
# CHUNK_BYTES of input; the writer appends a batch to DuckDB once it holds BATCH_FILES files or
# BATCH_BYTES of Arrow tables (about five times the input). A feed file carries dozens of
# articles: counted in files alone, the feeds at the end of a 100k walk took its workers from
# 313 to 338 MiB and the writer from 275 to 319 MiB. An average page is about 2.7 KB, so
# ordinary chunks and batches still end at their file count.
CHUNK_FILES = 16
CHUNK_BYTES = 64 << 10
BATCH_FILES = 512
BATCH_BYTES = 8 << 20
PARALLEL_THRESHOLD = 64  # below this many files to process, no pool is started
IN_FLIGHT_PER_WORKER = 4  # pool tasks queued ahead of the writer, per worker
# DuckDB buffer pool of the writing connection (it spills beyond), so its memory does not
# grow with the corpus: this much, plus twice the largest file to read, since one raw_bytes
# value is appended as a single block while the batch holding it is still in the pool. At
# 10,000 files 64 MB (against 128 MB) took the writer from 360 to 300 MiB, and no longer.
INGEST_MEMORY_FLOOR = 64 << 20
# DuckDB memory of the planning query, which runs before any worker exists: comparing a walk
# of 962,000 files with as many in raw.files ran out of 64 MB, and took 17 s within 256 MB.
PLAN_MEMORY_LIMIT = "256MB"
# Rejection messages a run keeps to print; every rejection is a row of raw.rejected_files,
# so a corpus of millions of bad lines neither floods the terminal nor fills the writer.
SHOWN_REJECTIONS = 20

Progress = Callable[[int, int, str], None]


def ingest_memory_limit(largest_file: int, plan_bytes: int = 0) -> str:
    """The writer's DuckDB memory limit for a run whose largest file has ``largest_file`` bytes
    and whose plan takes ``plan_bytes`` (``IngestPlan.footprint``: about 90 bytes a file, so
    the plan of a million files would otherwise crowd the batches out of the floor).

    A file over MAX_FILE_BYTES is rejected without its bytes: it counts as MAX_FILE_BYTES.

    >>> ingest_memory_limit(300_000), ingest_memory_limit(50 << 20), ingest_memory_limit(1 << 40)
    ('64MB', '164MB', '192MB')
    >>> ingest_memory_limit(300_000, 85 << 20)  # a million files
    '149MB'
    """
    return f"{(INGEST_MEMORY_FLOOR + 2 * min(largest_file, MAX_FILE_BYTES) + plan_bytes) >> 20}MB"


@dataclass
class IngestStats:
    run_id: str
    files_seen: int = 0
    files_skipped: int = 0
    files_ingested: int = 0
    files_rejected: int = 0  # files of which nothing became an article
    documents_rejected: int = 0  # rejected documents inside files that also gave articles (JSONL lines)
    files_removed: int = 0
    articles: int = 0
    mentions: int = 0
    seconds: float = 0.0
    rejections: list[str] = field(default_factory=list)  # the first SHOWN_REJECTIONS messages
    rejection_count: int = 0  # every message, shown or not
    stage_seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    def add_rejections(self, messages: Iterable[str]) -> None:
        """Count rejection messages, keeping the first SHOWN_REJECTIONS to print."""
        for message in messages:
            self.rejection_count += 1
            if len(self.rejections) < SHOWN_REJECTIONS:
                self.rejections.append(message)

    def rejection_lines(self) -> list[str]:
        """What a run says about its rejections: the kept messages, then how many more.

        >>> stats = IngestStats("r")
        >>> stats.add_rejections(f"a{i}.json#1: no article body found" for i in range(SHOWN_REJECTIONS + 5))
        >>> lines = stats.rejection_lines()
        >>> len(lines), lines[0], lines[-1]  # doctest: +NORMALIZE_WHITESPACE
        (21, 'rejected: a0.json#1: no article body found',
         'rejected: ... and 5 more; every rejection is a row of raw.rejected_files')
        """
        lines = [f"rejected: {message}" for message in self.rejections]
        more = self.rejection_count - len(self.rejections)
        if more:
            lines.append(f"rejected: ... and {more} more; every rejection is a row of raw.rejected_files")
        return lines

    def add_stages(self, seconds: dict[str, float]) -> None:
        """Add CPU seconds per stage (of a chunk, or of the writer) to the run's."""
        for stage, value in seconds.items():
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + value


def chunk_results(todo: Iterable[Todo], workers: int, run_id: str, follow_links: bool = False,
                  files: int | None = None) -> Iterator[ChunkResult]:
    """Chunk results in ``todo`` order, from a process pool when there is enough work.

    ``todo`` is read as the chunks are handed out, and at most ``IN_FLIGHT_PER_WORKER``
    chunks per worker are submitted ahead of the consumer, so memory holds a bounded number
    of files whatever the corpus size (``files`` is how many ``todo`` holds, when it is no
    list). Workers are spawned, not forked (the parent holds DuckDB threads), so a script
    calling this needs the usual ``if __name__ == "__main__":`` guard; they die with the
    parent (``die_with_parent``).
    """
    files = len(todo) if files is None else files  # type: ignore[arg-type]
    chunks = bounded_chunks(todo)
    if workers <= 1 or files < PARALLEL_THRESHOLD:
        for chunk in chunks:
            yield process_chunk(chunk, run_id, follow_links)
        return
    context = multiprocessing.get_context("spawn")  # no fork of a process holding DuckDB threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=pool_worker_init,
                             initargs=(os.getpid(),)) as pool:
        pending: deque = deque()
        try:
            for chunk in chunks:
                pending.append(pool.submit(process_chunk_packed, chunk, run_id, follow_links))
                if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    yield pending.popleft().result().unpack()
            while pending:
                yield pending.popleft().result().unpack()
        finally:  # stopped early (SIGTERM, an error): drop the queued chunks, wait only for running ones
            pool.shutdown(wait=False, cancel_futures=True)


def bounded_chunks(todo: Iterable[Todo], max_files: int = CHUNK_FILES,
                   max_bytes: int = CHUNK_BYTES) -> Iterator[list[Todo]]:
    """``todo`` in order, in lists of at most ``max_files`` files whose sizes add up to at most
    ``max_bytes``, except that a list always takes its first file (a file of unknown size
    counts as empty).

    >>> todo = [(Path(n), n, (size, 0)) for n, size in [("a", 10), ("b", 10), ("c", 90), ("d", 5), ("e", None)]]
    >>> [[rel for _, rel, _ in chunk] for chunk in bounded_chunks(todo, 3, 50)]
    [['a', 'b'], ['c'], ['d', 'e']]
    """
    chunk: list[Todo] = []
    chunk_bytes = 0
    for item in todo:
        size = item[2][0] or 0
        if chunk and (len(chunk) == max_files or chunk_bytes + size > max_bytes):
            yield chunk
            chunk, chunk_bytes = [], 0
        chunk.append(item)
        chunk_bytes += size
    if chunk:
        yield chunk


def ingest_corpus(con: duckdb.DuckDBPyConnection, corpus: Path, workers: int | None = None,
                  progress: Progress | None = None, run_id: str | None = None, follow_links: bool = False,
                  checksum: bool = False) -> IngestStats:
    """Ingest every file under ``corpus`` into ``raw``; returns what happened.

    ``follow_links`` reads links that point out of the corpus folder; ``checksum`` compares
    the sha256 of every known file instead of trusting size and mtime (see IngestPlan).
    """
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    stats = IngestStats(run_id or uuid.uuid4().hex[:12])
    use_system_allocator()
    create_raw_schema(con)
    con.execute(f"set memory_limit = '{PLAN_MEMORY_LIMIT}'")  # no worker runs yet
    # No checkpoint per batch: each one recompresses the partly filled last row group of every
    # table (up to 122,880 rows), which made a 100k ingest quadratic (520 s instead of 215 s).
    # Appended rows wait in DuckDB's buffer pool (spilled to disk beyond the memory limit) and
    # the log; the build checkpoints once at the end, and a log past 1 GB is checkpointed early.
    con.execute("set wal_autocheckpoint = '1GB'")
    plan = plan_ingest(con, corpus, follow_links=follow_links, checksum=checksum)
    stats.files_seen, stats.files_skipped, stats.files_removed = plan.seen, plan.skipped, plan.removed_count
    con.execute(f"set memory_limit = '{ingest_memory_limit(plan.largest_to_read, plan.footprint)}'")
    if plan.changed_count or plan.removed_count:
        delete_file_rows(con, con.sql(plan.old_rows_sql()))
    con.execute(f"update raw.files set file_size = p.file_size, mtime_ns = p.mtime_ns from {PLAN_TABLE} as p "
                f"where p.action = '{RESTAT}' and raw.files.rel_path = p.rel_path")
    con.execute("delete from raw.rejected_files")  # rejections describe the latest run only

    todo = (item for page in plan.todo_pages() for item in page)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    done = batch_files = batch_bytes = 0
    batch: list[ChunkResult] = []
    for chunk in chunk_results(todo, workers, stats.run_id, follow_links, files=plan.to_read):
        stats.add_stages(chunk.stage_seconds)
        batch.append(chunk)
        batch_files += len(chunk.outcomes)
        batch_bytes += chunk.nbytes
        for outcome in chunk.outcomes:
            done += 1
            if progress:
                progress(done, plan.to_read, outcome.rel_path)
        if batch_files >= BATCH_FILES or batch_bytes >= BATCH_BYTES:
            _flush(con, batch, stats)
            batch, batch_files, batch_bytes = [], 0, 0
    _flush(con, batch, stats)
    stats.seconds = round(time.perf_counter() - started, 3)
    write_rows(con, "ingest_runs", [run_row(stats, started_at, corpus)])
    return stats


def run_row(stats: IngestStats, started_at: dt.datetime, corpus: Path) -> dict:
    """The raw.ingest_runs row of a finished run (both engines)."""
    return {
        "run_id": stats.run_id, "started_at": started_at,
        "finished_at": dt.datetime.now(dt.UTC).replace(tzinfo=None), "corpus": str(corpus),
        "files_seen": stats.files_seen, "files_skipped": stats.files_skipped,
        "files_ingested": stats.files_ingested, "files_rejected": stats.files_rejected,
        "files_removed": stats.files_removed, "articles": stats.articles, "mentions": stats.mentions,
        "extractor_version": EXTRACTOR_VERSION, "seconds": stats.seconds, "status": "ingested",
    }


def _flush(con: duckdb.DuckDBPyConnection, batch: list[ChunkResult], stats: IngestStats) -> None:
    """Append a batch of chunk results to the raw tables and count them in ``stats``."""
    if not batch:
        return
    started = time.process_time()
    for table in PER_FILE_TABLES:
        append(con, table, pa.concat_tables([chunk.tables[table] for chunk in batch]))
    outcomes = [outcome for chunk in batch for outcome in chunk.outcomes]
    write_rows(con, "rejected_files", rejection_rows(outcomes, stats.run_id))
    stats.add_stages({"write": time.process_time() - started})
    count_outcomes(stats, outcomes)


def rejection_rows(outcomes: list[FileOutcome], run_id: str) -> list[dict]:
    """The raw.rejected_files rows of processed files, stamped with the run and the time."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return [dict(r, run_id=run_id, rejected_at=now) for outcome in outcomes for r in outcome.rejected]


def count_outcomes(stats: IngestStats, outcomes: list[FileOutcome]) -> None:
    """Add processed files to the run's counts: kept, rejected, articles, mentions (both engines)."""
    for outcome in outcomes:
        stats.files_ingested += outcome.kept
        if outcome.rejected and not outcome.articles:
            stats.files_rejected += 1
        else:
            stats.documents_rejected += len(outcome.rejected)
        stats.add_rejections(r["message"] for r in outcome.rejected)
        stats.articles += outcome.articles
        stats.mentions += outcome.mentions
