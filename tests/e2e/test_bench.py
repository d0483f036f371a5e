"""The benchmark measures what it says: every ingested body once, and the whole process tree's memory."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from parkmart.devtools.bench import BODIES_SQL, TreePeak, extraction_vs_jieba, tree_rss_mb


def test_timing_covers_every_ingested_body_once(sample_warehouse: Path) -> None:
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    try:
        articles, chars = con.execute("select count(*), sum(length(body_text)) from raw.articles").fetchone()
        rows = con.execute(BODIES_SQL, {"step": 1}).fetchall()
        every_other = con.execute(BODIES_SQL, {"step": 2}).fetchall()
        sentences = con.execute("select count(*) from raw.sentences").fetchone()[0]
    finally:
        con.close()
    assert len(rows) == articles == 5
    assert every_other == rows[::2]  # a larger corpus is timed on every step-th body
    assert sum(len(starts) for *_, starts in rows) == sentences
    assert all(starts == sorted(starts) and starts[0] == 0 for *_, starts in rows)
    timing = extraction_vs_jieba(sample_warehouse)
    assert (timing["articles"], timing["chars"]) == (articles, chars)
    assert timing["extraction_articles_per_s"] > 0 and timing["jieba_articles_per_s"] > 0


def test_tree_rss_counts_a_child_with_its_parent() -> None:
    """A child holding 200 MiB shows in the tree figure, not in the parent's own."""
    child = subprocess.Popen([sys.executable, "-c", "import sys, time; block = b'x' * (200 << 20); "
                              "print('ready', flush=True); sys.stdin.read()"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        child_mb = tree_rss_mb(child.pid)
        own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        assert child_mb >= 200
        with TreePeak(interval=0.05) as peak:
            time.sleep(0.2)
        assert peak.peak_mb >= child_mb + 0.5 * own_mb
        assert peak.peak_mb < child_mb + own_mb + 200
    finally:
        child.communicate("")
