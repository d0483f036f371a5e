"""Parallel extraction gives exactly the rows a single process gives, in corpus order, and its
workers do not outlive the process that started them."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from ingest.pipeline import PARALLEL_THRESHOLD, chunk_results, ingest_corpus
from ingest.read.files import iter_files
from parkmart.devtools.synth import write_corpus
from tests.helpers import PARKMART, ROOT, alive, descendants


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("par")
    files, _ = write_corpus(out, 2 * PARALLEL_THRESHOLD, seed=11)  # some files are JSONL bundles
    assert files >= PARALLEL_THRESHOLD, "too few files to start a pool"
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


# Runs in a fresh interpreter, so no module an earlier test imported is counted.
WRITER_MODULES = """
import sys
from pathlib import Path
import duckdb
from ingest.pipeline import ingest_corpus
if __name__ == "__main__":
    con = duckdb.connect(sys.argv[2])
    stats = ingest_corpus(con, Path(sys.argv[1]), workers=2)
    print(stats.articles, *(name for name in ("pandas", "jieba.posseg", "trafilatura") if name in sys.modules))
"""


def test_the_writer_never_loads_what_only_workers_need(corpus: Path, tmp_path: Path) -> None:
    """With a pool, the writer process imports the pipeline but never tags, parses HTML or
    converts Python values with pyarrow: jieba's HMM tables (50 MB), pandas (56 MB, which
    pyarrow imports on its first conversion) and trafilatura stay out of it."""
    script = tmp_path / "writer.py"
    script.write_text(WRITER_MODULES, encoding="utf-8")
    out = subprocess.run([sys.executable, str(script), str(corpus), str(tmp_path / "w.duckdb")], cwd=ROOT,
                         capture_output=True, text=True, timeout=600, check=True).stdout.split()
    assert int(out[0]) >= PARALLEL_THRESHOLD
    assert out[1:] == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux only")
def test_pool_workers_exit_when_the_parent_is_killed(corpus: Path, tmp_path: Path) -> None:
    proc = subprocess.Popen([PARKMART, "ingest", "--corpus", str(corpus), "--warehouse", str(tmp_path / "w.duckdb"),
                             "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.time() + 120
    workers: list[int] = []
    while time.time() < deadline and len(workers) < 2 and proc.poll() is None:
        time.sleep(0.2)
        workers = [pid for pid in descendants(proc.pid)
                   if b"multiprocessing" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    assert len(workers) >= 2, "the ingest started no pool"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.time() + 20
    while time.time() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.2)
    assert [pid for pid in workers if alive(pid)] == []
