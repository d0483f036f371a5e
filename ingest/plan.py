"""Incremental ingest: which files of a corpus must be (re)read, which are unchanged, which are gone.

See ``IngestPlan`` for the rule. ``plan_ingest`` reads no unchanged file. The plan lives in
a temporary DuckDB table of the planning connection, one row per file found or gone, so
the memory of a run does not grow with the corpus: the corpus walk is written to it in
batches, the comparison with ``raw.files`` is one query, and the files to read are handed
out a page at a time (``IngestPlan.todo_pages``).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest import EXTRACTOR_VERSION
from ingest.load import insert_columns
from ingest.read.files import Todo, is_utf8_name, iter_files, leaves_corpus

# A rejected JSONL/JSON line's path, `name.jsonl#12`: the '#<line>' suffix to strip.
LINE_SUFFIX = re.compile(r"#\d+$")
# The plan's table, temporary on the planning connection.
PLAN_TABLE = "ingest_plan"
# Files walked, hashed or handed out per batch: what the plan holds in Python at once.
PLAN_BATCH = 8192
# A file's action in the plan: read for the first time (new, or its stat failed), read again
# (changed: its old rows go first), unchanged, unchanged with a new stored stat, gone.
READ, REREAD, SKIP, RESTAT, REMOVED = "read", "reread", "skip", "restat", "removed"
# A known file whose sha256 decides between SKIP/RESTAT and REREAD (its stat changed, or --checksum).
HASH = "hash"
# The walk's columns, inserted a batch at a time as one list per column (``insert_columns``).
WALK_COLUMNS = {"seq": "bigint", "name": "blob", "rel_path": "varchar", "file_size": "bigint",
                "mtime_ns": "bigint", "stat_ok": "boolean", "leaves": "boolean"}


@dataclass
class IngestPlan:
    """What an ingest run has to do, decided from file stats and ``raw.files``.

    The rule: a file is unchanged, and not read at all, when ``raw.files`` holds its
    rel_path with the current extractor version and the same on-disk size and mtime_ns.
    When size or mtime differ, its sha256 decides: same hash means unchanged (only the
    stored stat is refreshed), another hash means changed (old rows replaced). An edit
    that keeps both size and mtime is therefore not seen, unless ``checksum`` is set
    (``parkmart build --checksum``): then the sha256 of every known file decides, as
    ``rsync --checksum`` does. Files in ``raw.files`` that are gone from the corpus are
    removed. A file that failed before has no ``raw.files`` row and is tried again on
    every run, and so is a link out of the corpus when links are not followed (its old
    rows, from a build that followed it, go).

    The files are rows of ``PLAN_TABLE`` on ``con`` (their order is the corpus walk's); the
    counts are plain fields, the lists are read from the table when asked for.
    """

    con: duckdb.DuckDBPyConnection = field(repr=False)
    root: Path
    seen: int = 0
    skipped: int = 0
    to_read: int = 0
    changed_count: int = 0
    removed_count: int = 0

    @property
    def has_work(self) -> bool:
        return bool(self.to_read or self.removed_count)

    def todo_pages(self, size: int = PLAN_BATCH) -> Iterator[list[Todo]]:
        """The files to read, in walk order, with their (size, mtime_ns), ``size`` at a time."""
        last = -1
        while page := self.con.execute(
                f"select seq, name, file_size, mtime_ns from {PLAN_TABLE} where action in (?, ?) and seq > ? "
                "order by seq limit ?", [READ, REREAD, last, size]).fetchall():
            last = page[-1][0]
            yield [(self.root / os.fsdecode(name), os.fsdecode(name), (file_size, mtime_ns))
                   for _, name, file_size, mtime_ns in page]

    @property
    def largest_to_read(self) -> int:
        """Size in bytes of the largest file to read (0 when there is none)."""
        return self.con.execute(f"select coalesce(max(file_size), 0) from {PLAN_TABLE} where action in (?, ?)",
                                [READ, REREAD]).fetchone()[0]

    @property
    def footprint(self) -> int:
        """Bytes the plan takes in DuckDB, in memory and spilled (it is the connection's only
        temporary table while ingesting)."""
        return self.con.execute("select coalesce(sum(memory_usage_bytes + temporary_storage_bytes), 0)::bigint "
                                "from duckdb_memory() where tag = 'IN_MEMORY_TABLE'").fetchone()[0]

    @property
    def todo(self) -> list[tuple[Path, str]]:
        """Every file to read, as (path, rel_path), in walk order."""
        return [(path, rel_path) for page in self.todo_pages() for path, rel_path, _ in page]

    @property
    def changed(self) -> list[str]:
        """Known files to read again: their old rows go first."""
        return self._rel_paths(REREAD)

    @property
    def removed(self) -> list[str]:
        """Known files gone from the corpus: their rows go."""
        return self._rel_paths(REMOVED)

    @property
    def restat(self) -> list[dict]:
        """Unchanged files whose stored size and mtime_ns are refreshed."""
        return [{"rel_path": r, "file_size": s, "mtime_ns": m} for r, s, m in self.con.execute(
            f"select rel_path, file_size, mtime_ns from {PLAN_TABLE} where action = ? order by seq", [RESTAT]).fetchall()]

    def old_rows_sql(self) -> str:
        """A query of the rel_paths whose raw rows go before the run writes: changed and removed files."""
        return f"select rel_path from {PLAN_TABLE} where action in ('{REREAD}', '{REMOVED}')"

    def _rel_paths(self, action: str) -> list[str]:
        return [r for (r,) in self.con.execute(
            f"select rel_path from {PLAN_TABLE} where action = ? order by seq nulls last, rel_path", [action]).fetchall()]


def plan_ingest(con: duckdb.DuckDBPyConnection, corpus: Path, follow_links: bool = False,
                checksum: bool = False) -> IngestPlan:
    """Compare the corpus with ``raw.files`` (see IngestPlan for the rule); reads no unchanged file
    (unless ``checksum``). The plan is the temporary table ``PLAN_TABLE`` of ``con``, replaced."""
    walk = f"{PLAN_TABLE}_walk"
    columns = ", ".join(f"{name} {kind}" for name, kind in WALK_COLUMNS.items())
    con.execute(f"create or replace temp table {walk} ({columns})")
    seen = 0
    for batch in _walk_batches(corpus, follow_links):
        seen += len(batch[0])
        insert_columns(con, walk, list(WALK_COLUMNS.items()), batch)
    columns = {c[0] for c in con.execute("describe raw.files").fetchall()}
    stat_sql = "f.file_size, f.mtime_ns" if "mtime_ns" in columns else "null, null"
    # One query writes the plan (an update of every walked row would hold each changed value
    # in memory until commit: a million-file walk ran out of the writer's 64 MB that way).
    # Files with a rejection are processed again, so raw.rejected_files always describes this run.
    con.execute(f"""
        create or replace temp table {PLAN_TABLE} as
        with compared as (
            select p.*, f.rel_path as known, f.sha256, coalesce(f.extractor_version, '') as version,
                   ({stat_sql}) is not distinct from (p.file_size, p.mtime_ns) as same_stat,
                   f.rel_path in (select regexp_replace(rel_path, $line_suffix, '') from raw.rejected_files) as rejected
            from {walk} as p left join raw.files as f on f.rel_path = p.rel_path
        )
        select seq, name, rel_path, file_size, mtime_ns, stat_ok, leaves, case
                when not stat_ok or known is null then '{READ}'
                when rejected or leaves then '{REREAD}'
                when version = $version and same_stat and not $checksum then '{SKIP}'
                when version = $version then '{HASH}'
                else '{REREAD}' end as action,
            sha256, same_stat
        from compared
        order by seq""", {"version": EXTRACTOR_VERSION, "checksum": checksum, "line_suffix": LINE_SUFFIX.pattern})
    con.execute(f"drop table {walk}")
    con.execute(f"insert into {PLAN_TABLE} (rel_path, action) select rel_path, '{REMOVED}' from raw.files "
                f"where rel_path not in (select rel_path from {PLAN_TABLE} where rel_path is not null)")
    _decide_by_hash(con, corpus.resolve())
    counts = dict(con.execute(f"select action, count(*) from {PLAN_TABLE} group by action").fetchall())
    return IngestPlan(con, corpus.resolve(), seen=seen, skipped=counts.get(SKIP, 0) + counts.get(RESTAT, 0),
                      to_read=counts.get(READ, 0) + counts.get(REREAD, 0), changed_count=counts.get(REREAD, 0),
                      removed_count=counts.get(REMOVED, 0))


def _walk_batches(corpus: Path, follow_links: bool) -> Iterator[list[list]]:
    """The corpus walk in batches of ``PLAN_BATCH`` files, a list of values per ``WALK_COLUMNS``
    column (a name that is not UTF-8 has no rel_path: it is kept as bytes, to be read and
    rejected, and never matches raw.files)."""
    rows: list[list] = [[] for _ in WALK_COLUMNS]
    for seq, (path, rel_path) in enumerate(iter_files(corpus)):
        try:
            st = path.stat()
            size, mtime, ok = st.st_size, st.st_mtime_ns, True
        except OSError:  # process_file reports why it cannot be read
            size, mtime, ok = None, None, False
        values = (seq, os.fsencode(rel_path), rel_path if is_utf8_name(rel_path) else None, size, mtime, ok,
                  bool(ok and not follow_links and leaves_corpus(path, rel_path)))
        for column, value in zip(rows, values, strict=True):
            column.append(value)
        if len(rows[0]) >= PLAN_BATCH:
            yield rows
            rows = [[] for _ in WALK_COLUMNS]
    if rows[0]:
        yield rows


def _decide_by_hash(con: duckdb.DuckDBPyConnection, root: Path) -> None:
    """Settle the files whose sha256 decides, a batch at a time: the same hash is unchanged
    (SKIP when the stat is the same too, as with --checksum, else RESTAT), another is changed (REREAD)."""
    last = -1
    while page := con.execute(
            f"select seq, name, sha256, same_stat from {PLAN_TABLE} where action = ? and seq > ? order by seq limit ?",
            [HASH, last, PLAN_BATCH]).fetchall():
        last = page[-1][0]
        actions = [_by_hash(root / os.fsdecode(name), sha, same_stat) for _, name, sha, same_stat in page]
        con.execute(f"update {PLAN_TABLE} as p set action = d.action "
                    "from (select unnest($1::bigint[]) as seq, unnest($2::varchar[]) as action) as d "
                    "where d.seq = p.seq", [[seq for seq, *_ in page], actions])


def _by_hash(path: Path, known_sha: str, same_stat: bool) -> str:
    if sha256_of(path) != known_sha:
        return REREAD
    return SKIP if same_stat else RESTAT


def sha256_of(path: Path) -> str:
    """sha256 of a regular file's bytes; '' when it is not one or cannot be read (process_file says why)."""
    digest = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return ""
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()
