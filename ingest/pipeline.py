"""Ingest a corpus directory into the raw layer: read, decode, normalise, segment, extract.

Files are processed independently (``process_file`` is pure: bytes in, rows out), in
chunks that become Arrow tables where they were processed (``process_chunk``), in a
process pool when there are many (a bounded number of chunks in flight, so memory does
not grow with the corpus); the writer only concatenates and appends them to DuckDB. Ingest is incremental
(see ``IngestPlan``): a file whose path, size and mtime_ns are in ``raw.files`` with the
current extractor version is skipped without being read; otherwise its sha256 decides; a
changed file replaces its old rows; a file that is gone has its rows removed.
``current_build`` lets ``build`` skip copy, ingest and dbt when nothing changed at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import re
import stat
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from ingest import EXTRACTOR_VERSION
from ingest.dedupe import minhash
from ingest.errors import InputFileError
from ingest.extract import extract_article
from ingest.extract.regions import load_region_automaton
from ingest.extract.tokenizer import load_tokenizer
from ingest.load import (
    PER_FILE_TABLES,
    append,
    create_raw_schema,
    delete_file_rows,
    to_arrow,
    write_rows,
)
from ingest.normalize import load_converters, normalize
from ingest.plan import plan_ingest
from ingest.read.decode import Decoded, decode
from ingest.read.files import (
    JSON_SUFFIXES,
    SUPPORTED_SUFFIXES,
    InputFile,
    content_suffix,
    read_file,
)
from ingest.read.html import html_document
from ingest.read.split import split_documents
from ingest.segment import segment
from ingest.text import HAN_LETTERS

BATCH_FILES = 512  # files per Arrow batch written to DuckDB
PARALLEL_THRESHOLD = 64  # below this many files to process, no pool is started
CHUNK_FILES = 16  # files per pool task
IN_FLIGHT_PER_WORKER = 4  # pool tasks queued ahead of the writer, per worker
INGEST_MEMORY_LIMIT = "256MB"  # DuckDB buffer pool of the writing connection (it spills beyond)
# Longest text taken as one article. A long news article is ~20,000 characters and a full
# government work report ~100,000; extraction runs at about a million characters a second.
MAX_DOCUMENT_CHARS = 1_000_000
# A body whose letters are less than this share Han characters is not Chinese news.
MIN_HAN_SHARE = 0.2
BUG_ADVICE = "this is a parkmart bug: please report it with the file attached"
# A run of Han characters of the basic block and extension A (all letters; 4DC0-4DFF are hexagram symbols).
HAN_LETTER_RUN = re.compile(f"[{HAN_LETTERS}]+")
# A run of ASCII letters.
ASCII_LETTER_RUN = re.compile(r"[A-Za-z]+")
# Any other non-ASCII character (punctuation, rare Han, other scripts).
OTHER_NON_ASCII = re.compile(f"[^\\x00-\\x7f{HAN_LETTERS}]")

Progress = Callable[[int, int, str], None]


@dataclass
class FileResult:
    """Everything one input file contributes to the raw layer."""

    rel_path: str
    rows: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in PER_FILE_TABLES})
    rejected: list[dict] = field(default_factory=list)


@dataclass
class FileOutcome:
    """What the writer needs to know about one processed file besides its rows."""

    rel_path: str
    kept: bool  # has a raw.files row
    articles: int
    mentions: int
    rejected: list[dict]


@dataclass
class ChunkResult:
    """Files processed together: their rows as Arrow tables ready to append, and their outcomes."""

    tables: dict[str, pa.Table]
    outcomes: list[FileOutcome]


# One file to process: path, rel_path and the on-disk (size, mtime_ns) to record with it.
Todo = tuple[Path, str, tuple[int | None, int | None]]


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
    rejections: list[str] = field(default_factory=list)


def article_id_for(body_text: str) -> str:
    """Stable id of an article: the first 16 hex digits of sha256 of its normalised body.

    >>> article_id_for("园区开园。")
    'bb9ddce24b72e054'
    """
    return hashlib.sha256(body_text.encode("utf-8")).hexdigest()[:16]


def _reject(result: FileResult, rel_path: str, sha: str | None, size: int | None, err: InputFileError) -> None:
    result.rejected.append({
        "rel_path": rel_path, "sha256": sha, "size_bytes": size, "stage": err.stage,
        "reason": err.reason, "message": str(err),
    })


def _keep_bytes(result: FileResult, file: InputFile, decoded: Decoded | None, now: dt.datetime,
                note: str) -> None:
    """Record a file in raw.files even though none of it became an article: nothing readable is lost."""
    result.rows["files"].append({
        "rel_path": file.rel_path, "sha256": file.sha256, "size_bytes": file.size_bytes,
        "compressed": file.compressed, "encoding": decoded.encoding if decoded else None,
        "encoding_confidence": decoded.confidence if decoded else None, "encoding_note": note,
        "raw_bytes": file.data, "decoded_text": None, "documents": 0,
        "extractor_version": EXTRACTOR_VERSION, "ingested_at": now,
    })


def _is_plain_file(path: Path) -> bool:
    """A regular file that is not a symbolic link."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _disk_size(path: Path) -> int | None:
    try:
        return path.lstat().st_size
    except OSError:
        return None


def _too_long(name: str, chars: int) -> InputFileError:
    return InputFileError(
        name, "split", f"{chars} characters, over the {MAX_DOCUMENT_CHARS} character limit for one article",
        "split it into one file per article (its raw bytes are kept in raw.files)")


def process_file(path: Path, rel_path: str) -> FileResult:
    """Read, decode, split, normalise, segment and extract one file. Never raises for bad input.

    A file that cannot be read is recorded in ``rejected`` only; a file that was read but
    is not usable (binary, undecodable, too long) is also kept byte for byte in raw.files.
    """
    result = FileResult(rel_path)
    unsupported = InputFileError(
        rel_path, "read", f"unsupported file type '{content_suffix(rel_path) or '(none)'}'",
        "save articles as .txt, .html or .jsonl (optionally .gz)")
    if content_suffix(rel_path) in SUPPORTED_SUFFIXES:
        unsupported = None
    elif _is_plain_file(path):  # links and special files go through read_file, which says what they are
        _reject(result, rel_path, None, _disk_size(path), unsupported)
        return result
    try:
        file = read_file(path, rel_path)
    except InputFileError as err:
        _reject(result, rel_path, err.sha256, err.size_bytes if err.size_bytes is not None else _disk_size(path), err)
        return result
    if unsupported:
        _reject(result, rel_path, file.sha256, file.size_bytes, unsupported)
        return result
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    try:
        decoded = decode(file.data, rel_path)
    except InputFileError as err:
        _keep_bytes(result, file, None, now, f"rejected: {err.reason}")
        _reject(result, rel_path, file.sha256, file.size_bytes, err)
        return result
    if content_suffix(rel_path) not in JSON_SUFFIXES and len(decoded.text) > MAX_DOCUMENT_CHARS:
        err = _too_long(rel_path, len(decoded.text))
        _keep_bytes(result, file, decoded, now, f"rejected: {err.reason}")
        _reject(result, rel_path, file.sha256, file.size_bytes, err)
        return result
    try:
        documents = split_documents(file, decoded)
    except Exception as exc:  # a parser bug must not stop the build: quarantine the file
        err = InputFileError(rel_path, "split", f"internal error while splitting ({type(exc).__name__}: {exc})",
                             f"{BUG_ADVICE}; its raw bytes are kept in raw.files")
        _keep_bytes(result, file, decoded, now, f"rejected: {err.reason}")
        _reject(result, rel_path, file.sha256, file.size_bytes, err)
        return result
    result.rows["files"].append({
        "rel_path": rel_path, "sha256": file.sha256, "size_bytes": file.size_bytes,
        "compressed": file.compressed, "encoding": decoded.encoding,
        "encoding_confidence": decoded.confidence, "encoding_note": decoded.note,
        "raw_bytes": file.data, "decoded_text": decoded.text, "documents": len(documents),
        "extractor_version": EXTRACTOR_VERSION, "ingested_at": now,
    })
    for doc in documents:
        if doc.meta.get("error"):
            _reject(result, doc.source_file, file.sha256, file.size_bytes,
                    InputFileError(doc.source_file, "split", doc.meta["error"], "fix or remove that line/page"))
            continue
        if len(doc.text) > MAX_DOCUMENT_CHARS:
            _reject(result, doc.source_file, file.sha256, file.size_bytes, _too_long(doc.source_file, len(doc.text)))
            continue
        marks = {table: len(rows) for table, rows in result.rows.items()}
        try:
            _process_document(result, doc, file.sha256, decoded.encoding, now)
        except Exception as exc:  # an extractor bug must not stop the build: drop this document's rows
            for table, rows in result.rows.items():
                del rows[marks[table]:]
            _reject(result, doc.source_file, file.sha256, file.size_bytes, InputFileError(
                doc.source_file, "extract", f"internal error while extracting ({type(exc).__name__}: {exc})",
                f"{BUG_ADVICE}; the file's raw bytes are kept in raw.files"))
    return result


def _process_document(result: FileResult, doc, sha: str, encoding: str, now: dt.datetime) -> None:
    norm = normalize(doc.text)
    title = normalize(doc.title).text if doc.title else None
    page = normalize(doc.meta["page_text"]).text if doc.meta.get("page_text") else None
    seg = segment(norm.text, title=title, published_at=doc.published_at, page_text=page)
    if not seg.body_text.strip():
        result.rejected.append({
            "rel_path": doc.source_file, "sha256": sha, "size_bytes": len(doc.text.encode("utf-8")),
            "stage": "segment", "reason": "no article body found",
            "message": f"{doc.source_file}: no article body found (title: {seg.title or 'none'}); "
                       "the raw bytes are kept in raw.files; check the page was saved completely",
        })
        return
    han, letters = han_share(seg.body_text)
    if han < MIN_HAN_SHARE * letters:
        result.rejected.append({
            "rel_path": doc.source_file, "sha256": sha, "size_bytes": len(doc.text.encode("utf-8")),
            "stage": "segment", "reason": "not Chinese text",
            "message": f"{doc.source_file}: not Chinese text ({han} of {letters} letters in the body are Chinese "
                       "characters); parkmart extracts from Chinese news only: remove it from the corpus "
                       "(its raw bytes are kept in raw.files)",
        })
        return
    article_id = article_id_for(seg.body_text)
    published = dt.date.fromisoformat(seg.published_date) if seg.published_date else None
    day_known = seg.published_precision == "day"
    mentions = extract_article(seg.body_text, [s.char_start for s in seg.sentences],
                               published if day_known else None, published.year if published else None,
                               title=seg.title)
    line_no = int(doc.source_file.rsplit("#", 1)[1]) if "#" in doc.source_file else None
    rows = result.rows
    rows["articles"].append({
        "source_file": doc.source_file, "rel_path": result.rel_path, "line_no": line_no,
        "article_id": article_id, "file_sha256": sha, "title": seg.title,
        "published_date": published, "published_date_precision": seg.published_precision,
        "published_month": seg.published_month, "published_day": seg.published_day,
        "published_time": seg.published_time, "source_name": seg.source_name or doc.source_name,
        "source_url": seg.source_url or doc.source_url, "script": norm.script, "encoding": encoding,
        "author": seg.author, "editor": seg.editor, "body_text": seg.body_text,
        "body_minhash": minhash(seg.body_text), "page_text": norm.text, "normalization_steps": norm.steps,
        "extractor_version": EXTRACTOR_VERSION, "ingested_at": now,
    })
    for s in seg.sentences:
        rows["sentences"].append({
            "source_file": doc.source_file, "article_id": article_id, "sentence_no": s.sentence_no,
            "paragraph_no": s.paragraph_no, "char_start": s.char_start, "char_end": s.char_end,
            "sentence_text": s.text,
        })
    for b in seg.boilerplate:
        rows["boilerplate"].append({"source_file": doc.source_file, "article_id": article_id,
                                    "line_no": b.line_no, "label": b.label, "text": b.text})
    for n, m in enumerate(mentions):
        rows["mentions"].append({
            "source_file": doc.source_file, "article_id": article_id, "mention_no": n,
            "mention_type": m.mention_type, "surface_text": m.surface_text, "normalized": m.normalized,
            "ref_id": m.ref_id, "sentence_no": m.sentence_no, "char_start": m.char_start,
            "char_end": m.char_end, "value": m.value, "value_high": m.value_high, "unit": m.unit,
            "qualifier": m.qualifier, "kind": m.kind, "attrs": m.attrs,
        })


def han_share(text: str) -> tuple[int, int]:
    """(Han characters, letters) in ``text``: how Chinese a body is.

    Every character of the basic and extension-A Han blocks is a letter, so those are
    counted in runs by one regex; only the remaining non-ASCII characters are looked at one by one.

    >>> han_share("苏州工业园区 opened a plant")
    (6, 18)
    """
    han = sum(map(len, HAN_LETTER_RUN.findall(text)))
    letters = han + sum(map(len, ASCII_LETTER_RUN.findall(text)))
    for c in OTHER_NON_ASCII.findall(text):
        if c.isalpha():
            letters += 1
            han += "\uf900" <= c <= "\ufaff" or "\U00020000" <= c <= "\U0003134f"
    return han, letters


def worker_init() -> None:
    """Build the expensive extractor state once per worker process."""
    load_region_automaton()
    load_tokenizer()
    load_converters()
    html_document("warm-up.html", WARM_UP_HTML)  # imports trafilatura and builds its stoplists once


# A tiny page whose extraction loads everything trafilatura loads lazily.
WARM_UP_HTML = "<html><body><article><p>" + "园区项目开工建设，总投资十亿元。" * 8 + "</p></article></body></html>"


def process_chunk(chunk: list[Todo], run_id: str) -> ChunkResult:
    """Process files and turn their rows into Arrow tables, stamped with the run and file stats."""
    results = [process_file(path, rel_path) for path, rel_path, _ in chunk]
    for (_, _, (size, mtime_ns)), result in zip(chunk, results, strict=True):
        for row in result.rows["files"]:
            row.update(run_id=run_id, file_size=size, mtime_ns=mtime_ns)
        for row in result.rows["articles"]:
            row["run_id"] = run_id
    tables = {table: to_arrow(table, [row for r in results for row in r.rows[table]]) for table in PER_FILE_TABLES}
    outcomes = [FileOutcome(r.rel_path, bool(r.rows["files"]), len(r.rows["articles"]), len(r.rows["mentions"]),
                            r.rejected) for r in results]
    return ChunkResult(tables, outcomes)


def chunk_results(todo: list[Todo], workers: int, run_id: str) -> Iterator[ChunkResult]:
    """Chunk results in ``todo`` order, from a process pool when there is enough work.

    At most ``IN_FLIGHT_PER_WORKER`` chunks per worker are submitted ahead of the consumer,
    so memory holds a bounded number of files whatever the corpus size. Workers are spawned,
    not forked (the parent holds DuckDB threads), so a script calling this needs the usual
    ``if __name__ == "__main__":`` guard.
    """
    chunks = [todo[i:i + CHUNK_FILES] for i in range(0, len(todo), CHUNK_FILES)]
    if workers <= 1 or len(todo) < PARALLEL_THRESHOLD:
        for chunk in chunks:
            yield process_chunk(chunk, run_id)
        return
    context = multiprocessing.get_context("spawn")  # no fork of a process holding DuckDB threads
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=worker_init) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.submit(process_chunk, chunk, run_id))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def ingest_corpus(con: duckdb.DuckDBPyConnection, corpus: Path, workers: int | None = None,
                  progress: Progress | None = None, run_id: str | None = None) -> IngestStats:
    """Ingest every file under ``corpus`` into ``raw``; returns what happened."""
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    stats = IngestStats(run_id or uuid.uuid4().hex[:12])
    create_raw_schema(con)
    con.execute(f"set memory_limit = '{INGEST_MEMORY_LIMIT}'")  # DuckDB's cache would otherwise grow with the corpus
    # No checkpoint per batch: each one recompresses the partly filled last row group of every
    # table (up to 122,880 rows), which made a 100k ingest quadratic (520 s instead of 215 s).
    # Appended rows wait in DuckDB's buffer pool (spilled to disk beyond the memory limit) and
    # the log; the build checkpoints once at the end, and a log past 1 GB is checkpointed early.
    con.execute("set wal_autocheckpoint = '1GB'")
    plan = plan_ingest(con, corpus)
    stats.files_seen, stats.files_skipped, stats.files_removed = plan.seen, plan.skipped, len(plan.removed)
    delete_file_rows(con, plan.changed + plan.removed)
    if plan.restat:
        restat = pa.Table.from_pylist(plan.restat)  # noqa: F841 - referenced by name in the SQL below
        con.execute("update raw.files set file_size = r.file_size, mtime_ns = r.mtime_ns "
                    "from restat as r where raw.files.rel_path = r.rel_path")
    con.execute("delete from raw.rejected_files")  # rejections describe the latest run only

    todo = [(path, rel_path, plan.stats.get(rel_path, (None, None))) for path, rel_path in plan.todo]
    workers = workers if workers is not None else (os.cpu_count() or 1)
    done = batch_files = 0
    batch: list[ChunkResult] = []
    for chunk in chunk_results(todo, workers, stats.run_id):
        batch.append(chunk)
        batch_files += len(chunk.outcomes)
        for outcome in chunk.outcomes:
            done += 1
            if progress:
                progress(done, len(todo), outcome.rel_path)
        if batch_files >= BATCH_FILES:
            _flush(con, batch, stats)
            batch, batch_files = [], 0
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
    for table in PER_FILE_TABLES:
        append(con, table, pa.concat_tables([chunk.tables[table] for chunk in batch]))
    outcomes = [outcome for chunk in batch for outcome in chunk.outcomes]
    write_rows(con, "rejected_files", rejection_rows(outcomes, stats.run_id))
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
        stats.rejections.extend(r["message"] for r in outcome.rejected)
        stats.articles += outcome.articles
        stats.mentions += outcome.mentions


