"""What ingest does to one file, in whichever process does it: read, decode, split,
normalise, segment, extract, sign, and build the Arrow rows of the raw tables.

``process_file`` is pure: bytes in, Arrow tables out; a document whose rows cannot be
stored, or that takes over DOCUMENT_SECONDS, is rejected here. ``process_chunk`` handles
files together, and ``process_chunk_packed`` is what a pool worker of
``ingest.pipeline.chunk_results`` runs. This module never imports DuckDB: a worker holds
only what it needs (the writer, the plan and DuckDB stay in the parent).
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import hashlib
import os
import re
import signal
import stat
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from ingest import EXTRACTOR_VERSION
from ingest.dedupe import minhash
from ingest.errors import InputFileError
from ingest.extract import extract_article
from ingest.extract.regions import load_region_automaton
from ingest.extract.tokenizer import load_tokenizer
from ingest.normalize import load_converters, normalize
from ingest.read.decode import Decoded, decode
from ingest.read.document import Document
from ingest.read.files import (
    JSON_SUFFIXES,
    SUPPORTED_SUFFIXES,
    InputFile,
    Todo,
    content_suffix,
    is_utf8_name,
    read_file,
    shown_name,
)
from ingest.read.html import html_document
from ingest.read.split import split_documents
from ingest.rows import PER_FILE_TABLES, from_ipc, to_arrow, to_ipc, use_system_allocator
from ingest.segment import segment
from ingest.text import HAN_LETTERS, mark_surrogates

# Longest text taken as one article. A long news article is ~20,000 characters and a full
# government work report ~100,000; extraction runs at about a million characters a second.
MAX_DOCUMENT_CHARS = 1_000_000
# Seconds one document may take to be split out of its file and normalised, segmented and
# extracted before it is rejected; a 1,000,000-character article takes about two.
DOCUMENT_SECONDS = 60.0
# Rows (of every table) of one file's documents that become Arrow together: a JSONL file
# of thousands of articles never holds more than about this many rows as Python objects.
SEAL_ROWS = 10_000
# A body whose letters are less than this share Han characters is not Chinese news.
MIN_HAN_SHARE = 0.2
BUG_ADVICE = "this is a parkmart bug: please report it with the file attached"
# The stages of ingest whose CPU seconds a run adds up (``IngestStats.stage_seconds``), in order:
# read the file, decode its bytes, split it into documents (HTML main content, JSON lines),
# normalise, segment, extract mentions, sign (article id and MinHash), build the Arrow rows,
# hand them from the worker to the writer (Arrow IPC both ways), write them to DuckDB.
STAGES = ("read", "decode", "split", "normalise", "segment", "extract", "sign", "rows", "transfer", "write")
# A run of Han characters of the basic block and extension A (all letters; 4DC0-4DFF are hexagram symbols).
HAN_LETTER_RUN = re.compile(f"[{HAN_LETTERS}]+")
# A run of ASCII letters.
ASCII_LETTER_RUN = re.compile(r"[A-Za-z]+")
# Any other non-ASCII character (punctuation, rare Han, other scripts).
OTHER_NON_ASCII = re.compile(f"[^\\x00-\\x7f{HAN_LETTERS}]")



class DocumentTimeout(Exception):
    """A document took longer than DOCUMENT_SECONDS."""


@contextlib.contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout inside the block once ``seconds`` have passed.

    Uses SIGALRM, which interrupts even a long regular-expression match; off the main
    thread, or where there is no ``setitimer``, the block runs without a limit.
    """
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise DocumentTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# The rows one document contributes, by raw table.
DocumentRows = dict[str, list[dict]]


class StageClock:
    """CPU seconds spent in each of STAGES, added up as ``with clock("decode"): ...`` blocks end.

    CPU time, not wall time: on a shared machine it does not depend on what else runs.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = dict.fromkeys(STAGES, 0.0)

    @contextlib.contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.process_time()
        try:
            yield
        finally:
            self.seconds[stage] += time.process_time() - started

    def add(self, seconds: dict[str, float]) -> None:
        for stage, value in seconds.items():
            self.seconds[stage] = self.seconds.get(stage, 0.0) + value


@dataclass
class FileResult:
    """Everything one input file contributes to the raw layer: Arrow tables, and rejections.

    Rows become Arrow in the per-file process, as each block of documents is done
    (``add``/``seal``): a row that Arrow or DuckDB cannot store rejects its document, not
    the build, and a large JSONL file never holds all its rows as Python objects.
    ``process_chunk`` leaves the last block of each file pending and seals the files of a
    chunk together (``seal_chunk``): one Arrow array per column for sixteen files, not one each.
    """

    rel_path: str
    sha256: str | None = None
    size_bytes: int | None = None
    tables: dict[str, list[pa.Table]] = field(default_factory=lambda: {t: [] for t in PER_FILE_TABLES})
    rejected: list[dict] = field(default_factory=list)
    articles: int = 0
    mentions: int = 0
    pending: list[tuple[str, DocumentRows]] = field(default_factory=list)
    pending_rows: int = 0
    pending_file: dict | None = None
    decoded_note: str | None = None
    kept: bool = False  # its raw.files row is sealed
    clock: StageClock = field(default_factory=StageClock)

    def table(self, name: str) -> pa.Table:
        """All of this file's rows of ``raw.<name>`` as one Arrow table."""
        return pa.concat_tables(self.tables[name]) if self.tables[name] else to_arrow(name, [])

    def reject(self, err: InputFileError) -> None:
        """Record a rejection (of the file, or of one document inside it)."""
        size = err.size_bytes if err.size_bytes is not None else self.size_bytes
        self.rejected.append({
            "rel_path": err.path, "sha256": err.sha256 or self.sha256, "size_bytes": size, "stage": err.stage,
            "reason": mark_surrogates(err.reason)[0], "message": mark_surrogates(str(err))[0],
        })

    def add(self, source_file: str, rows: DocumentRows) -> None:
        """Take one document's rows; they become Arrow with the next ``seal``."""
        self.pending.append((source_file, rows))
        self.pending_rows += sum(map(len, rows.values()))
        if self.pending_rows >= SEAL_ROWS:
            with self.clock("rows"):
                self.seal_documents()

    def keep_file(self, row: dict, decoded_note: str | None = None) -> None:
        """Take the file's own raw.files row; it becomes Arrow with ``seal``. With ``decoded_note``
        (the file's documents were read), its encoding_note is set then: that note, or
        'rejected: …' when none of the documents became an article."""
        self.pending_file, self.decoded_note = row, decoded_note

    def seal(self) -> None:
        """Turn every pending row into Arrow: the documents', then the file's own."""
        with self.clock("rows"):
            self.seal_documents()
            self._seal_file()

    def seal_documents(self) -> None:
        """Turn the pending documents' rows into Arrow, together; when that fails, one by one,
        rejecting each document whose rows cannot be stored."""
        pending, self.pending, self.pending_rows = self.pending, [], 0
        if not pending:
            return
        try:
            parts = [(_arrow(_merged(pending)), [rows for _, rows in pending])]
        except Exception:
            parts = []
            for source_file, rows in pending:
                try:
                    parts.append((_arrow(rows), [rows]))
                except Exception as exc:
                    self.reject(InputFileError(source_file, "load", f"cannot be stored ({type(exc).__name__}: {exc})",
                                               f"{BUG_ADVICE}; the file's raw bytes are kept in raw.files"))
        for tables, documents in parts:
            for name, table in tables.items():
                if table.num_rows:
                    self.tables[name].append(table)
            self.count(documents)

    def count(self, documents: list[DocumentRows]) -> None:
        """Count sealed documents' articles and mentions."""
        self.articles += sum(len(rows["articles"]) for rows in documents)
        self.mentions += sum(len(rows["mentions"]) for rows in documents)

    def file_row(self) -> dict:
        """The pending raw.files row, its encoding note set from the documents sealed so far."""
        row = self.pending_file
        if self.decoded_note is not None:
            row["encoding_note"] = self.decoded_note
            if not self.articles and self.rejected:
                row["encoding_note"] = f"rejected: {self.rejected[0]['reason']}" + (
                    f"; {self.decoded_note}" if self.decoded_note else "")
        return row

    def _seal_file(self) -> None:
        """The file's own raw.files row as Arrow; if even that cannot be stored, reject the whole file."""
        if self.pending_file is None:
            return
        try:
            self.tables["files"].append(to_arrow("files", [self.file_row()]))
            self.kept = True
        except Exception as exc:
            self.tables = {t: [] for t in PER_FILE_TABLES}
            self.articles = self.mentions = 0
            self.kept = False
            self.reject(InputFileError(self.rel_path, "load", f"cannot be stored ({type(exc).__name__}: {exc})",
                                       BUG_ADVICE))
        self.pending_file = None


def seal_chunk(results: list[FileResult]) -> dict[str, pa.Table]:
    """The rows of a chunk's files as one Arrow table per raw table, their last blocks left
    pending by ``process_file(..., seal=False)``: converted together, or, when that fails, file
    by file (each file's ``seal`` rejects the documents, or the file, whose rows cannot be stored)."""
    before = [(r.articles, r.mentions) for r in results]
    try:
        documents = _arrow(_merged([doc for r in results for doc in r.pending]))
        for r in results:
            r.count([rows for _, rows in r.pending])
        documents["files"] = to_arrow("files", [r.file_row() for r in results if r.pending_file is not None])
    except Exception:
        for r, (articles, mentions) in zip(results, before, strict=True):
            r.articles, r.mentions = articles, mentions
            r.seal()
        documents = {}
    else:
        for r in results:
            r.kept = r.kept or r.pending_file is not None
            r.pending, r.pending_rows, r.pending_file = [], 0, None
    tables = {}
    for t in PER_FILE_TABLES:
        parts = [table for r in results for table in r.tables[t]] + ([documents[t]] if t in documents else [])
        tables[t] = pa.concat_tables(parts) if parts else to_arrow(t, [])
    return tables


def _merged(pending: list[tuple[str, DocumentRows]]) -> DocumentRows:
    return {t: [row for _, rows in pending for row in rows[t]] for t in PER_FILE_TABLES}


def _arrow(rows: DocumentRows) -> dict[str, pa.Table]:
    return {t: to_arrow(t, rows.get(t, [])) for t in PER_FILE_TABLES if t != "files"}


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
    stage_seconds: dict[str, float] = field(default_factory=dict)

    @property
    def nbytes(self) -> int:
        """Bytes the chunk's tables hold."""
        return sum(table.nbytes for table in self.tables.values())


def article_id_for(body_text: str) -> str:
    """Stable id of an article: the first 16 hex digits of sha256 of its normalised body.

    >>> article_id_for("园区开园。")
    'bb9ddce24b72e054'
    """
    return hashlib.sha256(body_text.encode("utf-8")).hexdigest()[:16]


def _file_row(file: InputFile, decoded: Decoded | None, now: dt.datetime, note: str,
              documents: int, run_id: str | None, disk_stat: tuple[int | None, int | None]) -> dict:
    """The raw.files row of a file that was read: its bytes (its text is rebuilt from them by decode)."""
    return {
        "rel_path": file.rel_path, "sha256": file.sha256, "size_bytes": file.size_bytes,
        "compressed": file.compressed, "encoding": decoded.encoding if decoded else None,
        "encoding_confidence": decoded.confidence if decoded else None, "encoding_note": note,
        "raw_bytes": file.data, "documents": documents,
        "extractor_version": EXTRACTOR_VERSION, "ingested_at": now,
        "run_id": run_id, "file_size": disk_stat[0], "mtime_ns": disk_stat[1],
    }


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


def _over_time(name: str, stage: str) -> InputFileError:
    return InputFileError(
        name, stage, f"took over {DOCUMENT_SECONDS:g} s, the time limit for one document",
        "check that it is a real article (its raw bytes are kept in raw.files); report it if it is")


def process_file(path: Path, rel_path: str, run_id: str | None = None,
                 disk_stat: tuple[int | None, int | None] = (None, None), follow_links: bool = False,
                 seal: bool = True) -> FileResult:
    """Read, decode, split, normalise, segment and extract one file. Never raises for bad input.

    Its rows are Arrow tables on return, or, with ``seal=False``, the last block of them is left
    pending for ``seal_chunk``. See ``_read_and_extract``.
    """
    result = _read_and_extract(path, rel_path, run_id, disk_stat, follow_links)
    if seal:
        result.seal()
    return result


def _read_and_extract(path: Path, rel_path: str, run_id: str | None, disk_stat: tuple[int | None, int | None],
                      follow_links: bool) -> FileResult:
    """The work of ``process_file``.

    A file that cannot be read is recorded in ``rejected`` only; a file that was read is
    kept byte for byte in raw.files, with ``encoding_note`` 'rejected: …' when none of it
    became an article. Each document has DOCUMENT_SECONDS to be split out and extracted.
    ``run_id`` and ``disk_stat`` (size, mtime_ns) are stamped on the rows.
    """
    if not is_utf8_name(rel_path):
        result = FileResult(shown_name(rel_path), size_bytes=_disk_size(path))
        result.reject(InputFileError(
            result.rel_path, "read", "file name is not valid UTF-8",
            "rename it with a UTF-8 name (e.g. `convmv -f gbk -t utf-8 --notest`); it was not read"))
        return result
    result = FileResult(rel_path)
    unsupported = InputFileError(
        rel_path, "read", f"unsupported file type '{content_suffix(rel_path) or '(none)'}'",
        "save articles as .txt, .html or .jsonl (optionally .gz)")
    if content_suffix(rel_path) in SUPPORTED_SUFFIXES:
        unsupported = None
    elif _is_plain_file(path):  # links and special files go through read_file, which says what they are
        result.size_bytes = _disk_size(path)
        result.reject(unsupported)
        return result
    try:
        with result.clock("read"):
            file = read_file(path, rel_path, follow_links)
    except InputFileError as err:
        result.size_bytes = err.size_bytes if err.size_bytes is not None else _disk_size(path)
        result.reject(err)
        return result
    result.sha256, result.size_bytes = file.sha256, file.size_bytes
    if unsupported:
        result.reject(unsupported)
        return result
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    try:
        with result.clock("decode"):
            decoded = decode(file.data, rel_path)
    except InputFileError as err:
        result.reject(err)
        result.keep_file(_file_row(file, None, now, f"rejected: {err.reason}", 0, run_id, disk_stat))
        return result
    if content_suffix(rel_path) not in JSON_SUFFIXES and len(decoded.text) > MAX_DOCUMENT_CHARS:
        err = _too_long(rel_path, len(decoded.text))
        result.reject(err)
        result.keep_file(_file_row(file, decoded, now, f"rejected: {err.reason}", 0, run_id, disk_stat))
        return result
    documents = split_documents(file, decoded)
    count = 0
    while True:
        try:
            with time_budget(DOCUMENT_SECONDS), result.clock("split"):
                doc = next(documents, None)
        except DocumentTimeout:
            result.reject(_over_time(rel_path, "split"))
            break
        except Exception as exc:  # a parser bug must not stop the build: quarantine the rest of the file
            result.reject(InputFileError(rel_path, "split", f"internal error while splitting ({type(exc).__name__}: "
                                         f"{exc})", f"{BUG_ADVICE}; its raw bytes are kept in raw.files"))
            break
        if doc is None:
            break
        count += 1
        if doc.meta.get("error"):
            result.reject(InputFileError(doc.source_file, "split", doc.meta["error"], "fix or remove that line/page"))
            continue
        if len(doc.text) > MAX_DOCUMENT_CHARS:
            result.reject(_too_long(doc.source_file, len(doc.text)))
            continue
        try:
            with time_budget(DOCUMENT_SECONDS):
                rows = _document_rows(doc, rel_path, file.sha256, decoded.encoding, now, run_id, result.clock)
        except InputFileError as err:  # no body, not Chinese
            result.reject(err)
            continue
        except DocumentTimeout:
            result.reject(_over_time(doc.source_file, "extract"))
            continue
        except Exception as exc:  # an extractor bug must not stop the build: drop this document
            result.reject(InputFileError(
                doc.source_file, "extract", f"internal error while extracting ({type(exc).__name__}: {exc})",
                f"{BUG_ADVICE}; the file's raw bytes are kept in raw.files"))
            continue
        result.add(doc.source_file, rows)
    result.keep_file(_file_row(file, decoded, now, decoded.note, count, run_id, disk_stat), decoded.note)
    return result


def _document_rows(doc: Document, rel_path: str, sha: str, encoding: str, now: dt.datetime,
                   run_id: str | None, clock: StageClock) -> DocumentRows:
    """Normalise, segment and extract one document into its raw rows; InputFileError when it is no article."""
    with clock("normalise"):
        norm = normalize(doc.text)
        norm.steps["lone_surrogates_marked"] += int(doc.meta.get("lone_surrogates_marked", 0))
        if doc.meta.get("fallback"):  # an HTML page without a main content found: its whole text was taken
            norm.steps["whole_page_text_used"] = 1
        title = normalize(doc.title).text if doc.title else None
        page = normalize(doc.meta["page_text"]).text if doc.meta.get("page_text") else None
    with clock("segment"):
        seg = segment(norm.text, title=title, published_at=doc.published_at, page_text=page)
    size = len(doc.text.encode("utf-8", errors="replace"))
    if not seg.body_text.strip():
        raise InputFileError(doc.source_file, "segment", "no article body found",
                             f"title: {seg.title or 'none'}; the raw bytes are kept in raw.files; "
                             "check the page was saved completely", sha, size)
    han, letters = han_share(seg.body_text)
    if han < MIN_HAN_SHARE * letters:
        raise InputFileError(doc.source_file, "segment", "not Chinese text",
                             f"{han} of {letters} letters in the body are Chinese characters; parkmart extracts "
                             "from Chinese news only: remove it from the corpus (its raw bytes are kept in raw.files)",
                             sha, size)
    with clock("sign"):
        article_id = article_id_for(seg.body_text)
        signature = minhash(seg.body_text)
    published = dt.date.fromisoformat(seg.published_date) if seg.published_date else None
    day_known = seg.published_precision == "day"
    with clock("extract"):
        mentions = extract_article(seg.body_text, [s.char_start for s in seg.sentences],
                                   published if day_known else None, published.year if published else None,
                                   title=seg.title)
    line_no = int(doc.source_file[len(rel_path) + 1:]) if doc.source_file != rel_path else None
    rows: DocumentRows = {t: [] for t in PER_FILE_TABLES}
    rows["articles"].append({
        "source_file": doc.source_file, "rel_path": rel_path, "line_no": line_no, "article_id": article_id, "file_sha256": sha, "title": seg.title,
        "published_date": published, "published_date_precision": seg.published_precision,
        "published_month": seg.published_month, "published_day": seg.published_day,
        "published_time": seg.published_time, "source_name": seg.source_name or doc.source_name,
        "source_url": seg.source_url or doc.source_url, "script": norm.script, "encoding": encoding,
        "author": seg.author, "editor": seg.editor, "body_text": seg.body_text,
        "body_minhash": signature, "normalization_steps": norm.steps,
        "extractor_version": EXTRACTOR_VERSION, "run_id": run_id, "ingested_at": now,
    })
    for s in seg.sentences:
        rows["sentences"].append({
            "source_file": doc.source_file, "article_id": article_id, "sentence_no": s.sentence_no,
            "paragraph_no": s.paragraph_no, "char_start": s.char_start, "char_end": s.char_end,
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
    return rows


def han_share(text: str) -> tuple[int, int]:
    """(Han characters, letters) in ``text``: how Chinese a body is.

    Every character of the basic and extension-A Han blocks is a letter, so those are
    counted in runs by one regex; only the remaining non-ASCII characters are looked at one by one.

    >>> han_share("星湾智造园区 opened a plant")
    (6, 18)
    """
    han = sum(map(len, HAN_LETTER_RUN.findall(text)))
    letters = han + sum(map(len, ASCII_LETTER_RUN.findall(text)))
    for c in OTHER_NON_ASCII.findall(text):
        if c.isalpha():
            letters += 1
            han += "\uf900" <= c <= "\ufaff" or "\U00020000" <= c <= "\U0003134f"
    return han, letters


def die_with_parent(parent_pid: int | None = None) -> None:
    """Linux: have the kernel SIGKILL this process when its parent dies, so no orphan keeps working.

    For pool workers and the dbt child. With ``parent_pid``, exit at once when that parent
    is already gone (it died before the request took effect).
    """
    if not sys.platform.startswith("linux"):
        return
    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)


def worker_init(parent_pid: int | None = None) -> None:
    """Tie a pool worker to its parent's life, and build the expensive extractor state once."""
    die_with_parent(parent_pid)
    use_system_allocator()
    load_region_automaton()
    load_tokenizer()
    load_converters()
    html_document("warm-up.html", WARM_UP_HTML)  # imports trafilatura and builds its stoplists once


def pool_worker_init(parent_pid: int) -> None:
    """``worker_init`` for a pool worker of ``chunk_results``, which never imports pandas.

    pyarrow imports pandas (about 90 MB) the first time it converts Python values, only to
    ask whether they are pandas objects; a worker never has any, so the import is blocked.
    """
    sys.modules.setdefault("pandas", None)  # type: ignore[arg-type]  # None in sys.modules: ImportError
    worker_init(parent_pid)


# A tiny page whose extraction loads everything trafilatura loads lazily.
WARM_UP_HTML = "<html><body><article><p>" + "园区项目开工建设，总投资十亿元。" * 8 + "</p></article></body></html>"


def process_chunk(chunk: list[Todo], run_id: str, follow_links: bool = False) -> ChunkResult:
    """Process files into Arrow tables stamped with the run and their file stats."""
    results = [process_file(path, rel_path, run_id, disk_stat, follow_links, seal=False)
               for path, rel_path, disk_stat in chunk]
    clock = StageClock()
    for r in results:
        clock.add(r.clock.seconds)
    with clock("rows"):
        tables = seal_chunk(results)
    outcomes = [FileOutcome(r.rel_path, r.kept, r.articles, r.mentions, r.rejected) for r in results]
    return ChunkResult(tables, outcomes, clock.seconds)


@dataclass
class PackedChunk:
    """A ChunkResult on its way from a pool worker to the writer: each table as an Arrow IPC
    stream, which crosses the process boundary as one buffer per table."""

    payloads: dict[str, bytes]
    outcomes: list[FileOutcome]
    stage_seconds: dict[str, float]

    def unpack(self) -> ChunkResult:
        """The chunk's tables back as Arrow (in the writer; counted as transfer)."""
        clock = StageClock()
        clock.add(self.stage_seconds)
        with clock("transfer"):
            tables = {name: from_ipc(payload) for name, payload in self.payloads.items()}
        return ChunkResult(tables, self.outcomes, clock.seconds)


def process_chunk_packed(chunk: list[Todo], run_id: str, follow_links: bool = False) -> PackedChunk:
    """``process_chunk`` in a pool worker, its tables packed as Arrow IPC for the writer."""
    result = process_chunk(chunk, run_id, follow_links)
    clock = StageClock()
    clock.add(result.stage_seconds)
    with clock("transfer"):
        payloads = {name: to_ipc(table) for name, table in result.tables.items()}
    return PackedChunk(payloads, result.outcomes, clock.seconds)
