"""`parkmart status`: what the warehouse holds, how it was built and how it last scored."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from parkmart.project import PROJECT_DIR
from parkmart.state import record_build_state, record_eval
from parkmart.status import build_line, eval_line
from tests.helpers import CORPUS, GOLD, run_cli


def _status(warehouse: Path) -> dict[str, str]:
    out = run_cli("status", "--warehouse", str(warehouse)).stdout
    return dict(line.split(": ", 1) for line in out.splitlines() if not line.startswith(" "))


def test_counts_equal_the_marts(sample_warehouse: Path, marts) -> None:
    status = _status(sample_warehouse)
    for label, table in [("articles", "dim_article"), ("investments", "fct_investments"),
                         ("project events", "fct_projects"), ("projects", "dim_project"), ("parks", "dim_park"),
                         ("cooperation links", "fct_cooperation"), ("mentions", "fct_mentions")]:
        assert int(status[label]) == marts.execute(f"select count(*) from marts.{table}").fetchone()[0], label
    total = marts.execute("select sum(amount_cny) from marts.fct_investments where counts_in_totals").fetchone()[0]
    yi, cny = re.fullmatch(r"([\d,.]+)亿元 \(([\d,]+) CNY, counts_in_totals\)", status["announced investment"]).groups()
    assert float(yi.replace(",", "")) == round(total / 1e8, 1)
    assert int(cny.replace(",", "")) == round(total)
    assert int(status["files ingested"]) == len(list(CORPUS.iterdir()))
    assert status["files rejected (last run)"] == "0"
    assert status["last ingest"].endswith(f"({len(list(CORPUS.iterdir()))} files seen, 0 rejected, ingested)")
    assert status["last build"].startswith("20") and " 0 failed" in status["last build"]


def test_rejected_files_are_named_with_their_reason(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first = sorted(CORPUS.iterdir())[0]
    shutil.copyfile(first, corpus / first.name)
    (corpus / "empty.txt").write_bytes(b"")
    warehouse = tmp_path / "w.duckdb"
    run_cli("build", "--corpus", str(corpus), "--warehouse", str(warehouse), "--workers", "1")
    out = run_cli("status", "--warehouse", str(warehouse)).stdout
    assert "articles: 1\n" in out
    assert "files rejected (last run): 1\n" in out
    assert "  rejected empty.txt at " in out


def test_missing_warehouse_says_what_to_do(tmp_path: Path) -> None:
    proc = run_cli("status", "--warehouse", str(tmp_path / "none.duckdb"), check=False)
    assert proc.returncode == 1
    assert "none.duckdb" in proc.stderr


@pytest.mark.parametrize(("scores", "expected"), [
    ({"evaluated_at": "2026-01-02 03:04", "articles": 5, "kinds": {"amount": {"f1": 1.0}, "park": {"f1": 0.4045}}},
     "last eval: 2026-01-02 03:04 on 5 articles, F1 amount 1.000, park 0.405"),
    ({"evaluated_at": "2026-01-02 03:04", "articles": 2, "kinds": {}}, "last eval: 2026-01-02 03:04 on 2 articles, F1 "),
    ({"evaluated_at": "2026-01-02 03:04", "articles": 5, "kinds": {"amount": {"f1": 1.0}},
      "attribution": {"amount_subject": {"accuracy": 0.8889}, "project_event": {"accuracy": 1.0}}},
     "last eval: 2026-01-02 03:04 on 5 articles, F1 amount 1.000; "
     "attribution accuracy amount subject 0.889, project event 1.000"),
])
def test_eval_line_reads_the_warehouse(scores: dict, expected: str) -> None:
    con = duckdb.connect()
    assert eval_line(con) == "last eval: none recorded in this warehouse (run `parkmart eval --gold DIR`)"
    con.execute("create schema raw")
    record_eval(con, {"evaluated_at": "2020-01-01 00:00", "articles": 1, "kinds": {}})
    record_eval(con, scores)  # replaces the older scores
    assert eval_line(con) == expected


def test_build_line_reads_the_warehouse() -> None:
    con = duckdb.connect()
    assert build_line(con) == "last build: not recorded in this warehouse (run `parkmart build` to rebuild it)"
    con.execute("create schema raw")
    con.execute("create table raw.files (rel_path varchar, sha256 varchar, extractor_version varchar)")
    con.execute("create table raw.rejected_files (rel_path varchar, sha256 varchar, reason varchar)")
    record_build_state(con, PROJECT_DIR, {"built_at": "2026-01-02 03:04:05", "dbt_passed": "2", "dbt_tests": "1",
                                          "dbt_failed": "0", "dbt_seconds": "12.5"})
    assert build_line(con) == "last build: 2026-01-02 03:04:05 UTC, dbt 2 nodes passed (1 tests), 0 failed, in 12.5 s"


def test_last_build_travels_with_the_warehouse(sample_warehouse: Path, tmp_path: Path) -> None:
    """A copied warehouse reports its own build, whatever the checkout's target/ holds."""
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(sample_warehouse, copy)
    con = duckdb.connect(str(copy))
    con.execute("update raw.build_state set value = '2020-05-06 07:08:09' where key = 'built_at'")
    con.close()
    assert _status(copy)["last build"].startswith("2020-05-06 07:08:09 UTC, dbt ")
    assert _status(sample_warehouse)["last build"] != _status(copy)["last build"]


@pytest.mark.skipif(not GOLD.is_dir(), reason="needs the sample gold labels (../shared/gold)")
def test_eval_travels_with_the_warehouse_and_a_rebuild_clears_it(sample_warehouse: Path, tmp_path: Path) -> None:
    """`parkmart eval` records its scores in the warehouse it scored; a copy shows them, whatever
    target/ holds; a build that reruns dbt (other marts) clears them."""
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(sample_warehouse, copy)
    proc = run_cli("eval", "--gold", str(GOLD), "--warehouse", str(copy))
    assert "scores recorded in copy.duckdb" in proc.stderr
    scores = json.loads((PROJECT_DIR / "target" / "last-eval.json").read_text(encoding="utf-8"))
    f1 = ", ".join(f"{kind} {s['f1']:.3f}" for kind, s in scores["kinds"].items())
    attribution = ", ".join(f"{name.replace('_', ' ')} {a['accuracy']:.3f}" for name, a in scores["attribution"].items())
    assert _status(copy)["last eval"] == (f"{scores['evaluated_at']} on {scores['articles']} articles, F1 {f1}; "
                                          f"attribution accuracy {attribution}")
    moved = tmp_path / "moved.duckdb"
    shutil.copyfile(copy, moved)
    (PROJECT_DIR / "target" / "last-eval.json").unlink()
    assert _status(moved)["last eval"] == _status(copy)["last eval"]
    con = duckdb.connect(str(moved))
    record_build_state(con, PROJECT_DIR, {"built_at": "2026-01-02 03:04:05", "dbt_passed": "1", "dbt_tests": "0",
                                          "dbt_failed": "0", "dbt_seconds": "1.0"})
    con.close()
    assert _status(moved)["last eval"].startswith("none recorded in this warehouse")


def test_status_shows_sizes_by_schema(sample_warehouse: Path) -> None:
    line = _status(sample_warehouse)["size"]
    sizes = dict(re.findall(r"(\w+) ([\d.]+) MiB", line.split("by schema: ")[1]))
    assert {"raw", "marts", "reference", "dictionary"} <= set(sizes)
    assert "intermediate" not in sizes  # built in the dbt run's scratch database, deleted after it
    assert all(float(v) > 0 for v in sizes.values())
    on_disk = float(re.match(r"([\d.,]+) MiB on disk", line).group(1).replace(",", ""))
    assert on_disk == round(sample_warehouse.stat().st_size / 2**20, 1)
    assert sum(map(float, sizes.values())) <= on_disk
