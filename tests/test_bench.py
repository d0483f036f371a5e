"""The benchmark's extraction-versus-jieba timing runs over exactly the ingested bodies."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest.bench import BODIES_SQL, extraction_vs_jieba


def test_timing_covers_every_ingested_body_once(sample_warehouse: Path) -> None:
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    try:
        articles, chars = con.execute("select count(*), sum(length(body_text)) from raw.articles").fetchone()
        rows = con.execute(BODIES_SQL).fetchall()
        sentences = con.execute("select count(*) from raw.sentences").fetchone()[0]
    finally:
        con.close()
    assert len(rows) == articles == 5
    assert sum(len(starts) for *_, starts in rows) == sentences
    assert all(starts == sorted(starts) and starts[0] == 0 for *_, starts in rows)
    timing = extraction_vs_jieba(sample_warehouse)
    assert (timing["articles"], timing["chars"]) == (articles, chars)
    assert timing["extraction_articles_per_s"] > 0 and timing["jieba_articles_per_s"] > 0
