"""Same input, same marts: two builds of one corpus into fresh warehouses agree row for row.

The corpus is the 60-article dev set beside the checkout (../shared/dev/articles) when it
is there, else the bundled sample. The builds differ in what may vary between runs: the
number of extraction processes, and the way DuckDB's threads happen to split each
aggregation and window; a pick among ties (``arg_max``, ``any_value``, ``mode``, a window
without a total order) shows up here as a differing row.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from parkmart.project import MART_TABLES
from tests.helpers import CORPUS, ROOT, run_cli

DEV_ARTICLES = ROOT.parent / "shared" / "dev" / "articles"
DETERMINISM_CORPUS = DEV_ARTICLES if DEV_ARTICLES.is_dir() else CORPUS


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    first = tmp_path_factory.mktemp("same-a") / "warehouse.duckdb"
    second = tmp_path_factory.mktemp("same-b") / "warehouse.duckdb"
    run_cli("build", "--corpus", str(DETERMINISM_CORPUS), "--warehouse", str(first), "--workers", "1")
    run_cli("build", "--corpus", str(DETERMINISM_CORPUS), "--warehouse", str(second), "--workers", "2")
    return first, second


def mart_rows(warehouse: Path, table: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        # identifiers from MART_TABLES only
        return con.execute(f"select * from marts.{table} order by all").fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("table", MART_TABLES)
def test_two_builds_give_the_same_mart_rows(two_builds, table: str):
    first, second = (mart_rows(w, table) for w in two_builds)
    assert first, f"marts.{table} is empty"
    assert len(first) == len(second)
    differing = [(a, b) for a, b in zip(first, second, strict=True) if a != b]
    assert differing == [], f"marts.{table}: {len(differing)} rows differ, first: {differing[:1]}"
