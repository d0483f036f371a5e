"""Parallel extraction gives exactly the rows a single process gives, in corpus order."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ingest.pipeline import PARALLEL_THRESHOLD, chunk_results, ingest_corpus
from ingest.read.files import iter_files
from parkmart.devtools.synth import write_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("par")
    write_corpus(out, PARALLEL_THRESHOLD + 16, seed=11)
    return out / "corpus"


def _rows(path: Path, corpus: Path, workers: int) -> tuple[list, list]:
    con = duckdb.connect(str(path))
    try:
        stats = ingest_corpus(con, corpus, workers=workers)
        assert stats.files_ingested == stats.files_seen
        articles = con.execute("select source_file, article_id, title from raw.articles order by 1").fetchall()
        mentions = con.execute("select source_file, mention_no, mention_type, normalized "
                               "from raw.mentions order by 1, 2").fetchall()
        return articles, mentions
    finally:
        con.close()


def test_pool_and_single_process_write_the_same_rows(corpus: Path, tmp_path: Path) -> None:
    single = _rows(tmp_path / "one.duckdb", corpus, workers=1)
    pooled = _rows(tmp_path / "two.duckdb", corpus, workers=2)
    assert len(single[0]) >= PARALLEL_THRESHOLD
    assert pooled == single


def test_pool_results_come_in_corpus_order(corpus: Path) -> None:
    todo = [(path, rel, (None, None)) for path, rel in iter_files(corpus)]
    chunks = list(chunk_results(todo, workers=2, run_id="order"))
    assert [o.rel_path for c in chunks for o in c.outcomes] == [rel for _, rel, _ in todo]
    assert sum(c.tables["articles"].num_rows for c in chunks) == sum(o.articles for c in chunks for o in c.outcomes)
