"""Incremental ingest: which files of a corpus must be (re)read, which are unchanged, which are gone.

See ``IngestPlan`` for the rule. ``plan_ingest`` reads no unchanged file.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest import EXTRACTOR_VERSION
from ingest.read.files import iter_files, leaves_corpus

# A rejected JSONL/JSON line's path, `name.jsonl#12`: the '#<line>' suffix to strip.
LINE_SUFFIX = re.compile(r"#\d+$")


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
    """

    todo: list[tuple[Path, str]] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    restat: list[dict] = field(default_factory=list)
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)
    seen: int = 0
    skipped: int = 0

    @property
    def has_work(self) -> bool:
        return bool(self.todo or self.removed)


def plan_ingest(con: duckdb.DuckDBPyConnection, corpus: Path, follow_links: bool = False,
                checksum: bool = False) -> IngestPlan:
    """Compare the corpus with ``raw.files`` (see IngestPlan for the rule); reads no unchanged file
    (unless ``checksum``)."""
    plan = IngestPlan()
    columns = {c[0] for c in con.execute("describe raw.files").fetchall()}
    stat_sql = "file_size, mtime_ns" if "mtime_ns" in columns else "null, null"
    known = {row[0]: row[1:] for row in con.execute(
        f"select rel_path, sha256, coalesce(extractor_version, ''), {stat_sql} from raw.files").fetchall()}
    # Files with a rejection are processed again, so raw.rejected_files always describes this run.
    had_rejection = {LINE_SUFFIX.sub("", p) for (p,) in con.execute("select rel_path from raw.rejected_files").fetchall()}
    seen: set[str] = set()
    for path, rel_path in iter_files(corpus):
        plan.seen += 1
        seen.add(rel_path)
        try:
            st = path.stat()
            plan.stats[rel_path] = (st.st_size, st.st_mtime_ns)
        except OSError:
            plan.todo.append((path, rel_path))  # process_file reports why it cannot be read
            continue
        previous = known.get(rel_path)
        if previous is None or rel_path in had_rejection or (not follow_links and leaves_corpus(path, rel_path)):
            if previous is not None:
                plan.changed.append(rel_path)
            plan.todo.append((path, rel_path))
            continue
        sha, version, size, mtime_ns = previous
        same_stat = (size, mtime_ns) == (st.st_size, st.st_mtime_ns)
        if version == EXTRACTOR_VERSION and same_stat and not checksum:
            plan.skipped += 1
        elif version == EXTRACTOR_VERSION and sha256_of(path) == sha:
            plan.skipped += 1
            if not same_stat:
                plan.restat.append({"rel_path": rel_path, "file_size": st.st_size, "mtime_ns": st.st_mtime_ns})
        else:
            plan.changed.append(rel_path)
            plan.todo.append((path, rel_path))
    plan.removed = [p for p in known if p not in seen]
    return plan


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


