"""Incremental ingest: unchanged files are skipped, changed replaced, deleted removed."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from ingest.pipeline import ingest_corpus, ingest_memory_limit
from ingest.plan import plan_ingest
from parkmart.devtools.synth import write_corpus
from parkmart.project import PROJECT_DIR
from parkmart.state import current_build
from tests.helpers import CORPUS, run_cli


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    write_corpus(tmp_path / "synth", 12, seed=3)
    return tmp_path / "synth" / "corpus"


@pytest.fixture()
def con(tmp_path: Path):
    connection = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield connection
    connection.close()


def _articles(con) -> dict[str, str]:
    return dict(con.execute("select source_file, article_id from raw.articles").fetchall())


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_rerun_on_unchanged_corpus_does_no_work(corpus: Path, con) -> None:
    first = ingest_corpus(con, corpus, workers=1)
    before = _articles(con)
    second = ingest_corpus(con, corpus, workers=1)
    assert (first.files_ingested, first.files_skipped) == (first.files_seen, 0)
    assert (second.files_ingested, second.files_skipped, second.articles) == (0, second.files_seen, 0)
    assert _articles(con) == before


def test_touched_file_is_hashed_once_then_skipped_by_stat(corpus: Path, con) -> None:
    ingest_corpus(con, corpus, workers=1)
    path = sorted(corpus.glob("*.txt"))[0]
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    plan = plan_ingest(con, corpus)
    assert (plan.todo, [r["rel_path"] for r in plan.restat]) == ([], [path.name])
    stats = ingest_corpus(con, corpus, workers=1)
    assert stats.files_ingested == 0
    assert con.execute("select mtime_ns from raw.files where rel_path = ?", [path.name]).fetchone()[0] \
        == 1_600_000_000_000_000_000


def test_same_size_and_mtime_is_trusted_without_reading(corpus: Path, con) -> None:
    """The documented rule: size + mtime_ns + extractor version equal means unchanged."""
    ingest_corpus(con, corpus, workers=1)
    path = sorted(corpus.glob("*.txt"))[0]
    st = path.stat()
    data = bytearray(path.read_bytes())
    data[-2:] = b"  "  # same size, different content
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert plan_ingest(con, corpus).todo == []


def test_checksum_sees_an_edit_that_keeps_size_and_mtime(corpus: Path, con) -> None:
    """``--checksum`` (plan_ingest(checksum=True)) compares every file's sha256, as rsync does."""
    ingest_corpus(con, corpus, workers=1)
    path = [p for p in sorted(corpus.glob("*.txt")) if _is_utf8(p.read_bytes())][0]
    st = path.stat()
    path.write_bytes(path.read_bytes().replace("。".encode(), "！".encode(), 1))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    plan = plan_ingest(con, corpus, checksum=True)
    assert ([rel for _, rel in plan.todo], plan.changed, plan.skipped) == ([path.name], [path.name], plan.seen - 1)
    stats = ingest_corpus(con, corpus, workers=1, checksum=True)
    assert stats.files_ingested == 1
    assert "！" in con.execute("select body_text from raw.articles where source_file = ?", [path.name]).fetchone()[0]
    assert plan_ingest(con, corpus, checksum=True).todo == []


def test_build_checksum_rebuilds_what_size_and_mtime_miss(sample_warehouse: Path, tmp_path: Path) -> None:
    """The "is current" shortcut of `parkmart build` trusts size and mtime too, unless --checksum."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)  # copy2: same sizes and mtimes as the files the sample was built from
    assert current_build(sample_warehouse, corpus, PROJECT_DIR) is not None
    path = sorted(corpus.glob("*.txt"))[0]
    st = path.stat()
    path.write_bytes(path.read_bytes().replace("。".encode(), "！".encode(), 1))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert current_build(sample_warehouse, corpus, PROJECT_DIR) is not None  # the documented blind spot
    assert current_build(sample_warehouse, corpus, PROJECT_DIR, checksum=True) is None


def test_changed_file_replaces_its_rows_and_deleted_file_is_removed(corpus: Path, con) -> None:
    ingest_corpus(con, corpus, workers=1)
    changed, deleted = [p for p in sorted(corpus.glob("*.txt")) if _is_utf8(p.read_bytes())][:2]
    old_id = _articles(con)[changed.name]
    text = changed.read_bytes().decode("utf-8", "replace").replace("。", "。园区新增一段说明文字。", 1)
    changed.write_bytes(text.encode("utf-8"))
    deleted.unlink()
    stats = ingest_corpus(con, corpus, workers=1)
    assert (stats.files_ingested, stats.files_removed) == (1, 1)
    articles = _articles(con)
    assert deleted.name not in articles and articles[changed.name] != old_id
    orphans = con.execute("select count(*) from raw.mentions where source_file not in "
                          "(select source_file from raw.articles)").fetchone()[0]
    assert orphans == 0


def test_older_extractor_version_is_re_extracted(corpus: Path, con) -> None:
    ingest_corpus(con, corpus, workers=1)
    name = sorted(corpus.glob("*.txt"))[0].name
    con.execute("update raw.files set extractor_version = '0' where rel_path = ?", [name])
    stats = ingest_corpus(con, corpus, workers=1)
    assert stats.files_ingested == 1
    assert con.execute("select count(*) from raw.files where extractor_version = '0'").fetchone()[0] == 0


def test_build_twice_skips_copy_ingest_and_dbt(sample_warehouse: Path, tmp_path: Path) -> None:
    """The second build of the unchanged sample corpus says the warehouse is current."""
    warehouse = tmp_path / "copy.duckdb"
    shutil.copyfile(sample_warehouse, warehouse)
    proc = run_cli("build", "--corpus", str(CORPUS), "--warehouse", str(warehouse))
    assert "is current" in proc.stderr
    assert "running dbt build" not in proc.stderr


def test_plan_hands_out_the_files_a_page_at_a_time(corpus: Path, con) -> None:
    """The plan is a table of the planning connection: the files to read come out in walk
    order, a page at a time, each with the size and mtime_ns it is recorded with."""
    ingest_corpus(con, corpus, workers=1)
    first, second = sorted(corpus.iterdir())[:2]
    first.write_bytes(first.read_bytes() + b"\n")
    (corpus / "zz_new.txt").write_text("某某园区举行新项目签约仪式，总投资三亿元。" * 3, encoding="utf-8")
    second.unlink()
    plan = plan_ingest(con, corpus)
    pages = list(plan.todo_pages(size=1))
    assert [[rel for _, rel, _ in page] for page in pages] == [[first.name], ["zz_new.txt"]]
    stat = (corpus / "zz_new.txt").stat()
    assert pages[1][0][2] == (stat.st_size, stat.st_mtime_ns)
    assert (plan.changed, plan.removed, plan.to_read, plan.seen) == ([first.name], [second.name], 2, plan.skipped + 2)
    assert plan.largest_to_read == max(first.stat().st_size, stat.st_size)


def test_the_writers_memory_limit_follows_the_largest_file_to_read(corpus: Path, con) -> None:
    """The writer's DuckDB cap is the floor plus twice the largest file to read (a raw_bytes
    value is appended as one block) plus the plan's bytes: the floor for news pages."""
    ingest_corpus(con, corpus, workers=1)
    assert con.execute("select current_setting('memory_limit')").fetchone()[0] == "61.0 MiB"  # 64 MB
    big = corpus / "zz_feed.jsonl"
    line = json.dumps({"title": "某园区新项目签约", "content": "某某园区举行新项目签约仪式，总投资三亿元。" * 20},
                      ensure_ascii=False) + "\n"
    big.write_text(line * (40_000_000 // len(line.encode("utf-8"))), encoding="utf-8")
    plan = plan_ingest(con, corpus)
    assert plan.largest_to_read == big.stat().st_size
    assert ingest_memory_limit(big.stat().st_size) == f"{(64 << 20) + 2 * big.stat().st_size >> 20}MB"
    # The plan's own bytes are added: a few blocks for a few files.
    assert 0 < plan.footprint < 4 << 20
    assert ingest_memory_limit(0, 30 << 20) == "94MB"
