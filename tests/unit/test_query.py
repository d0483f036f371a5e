"""``parkmart query``'s sandbox, layer by layer, on a small DuckDB file made here.

The escape table (tests/query_escapes.py) runs through ``run_query`` in this process, so it
proves the statement check and the read-only connection without the kernel layer; the
kernel layer is proven alone by a child process that skips the statement check.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from parkmart.errors import QueryError
from parkmart.query import check_statement, run_query
from tests.helpers import ROOT
from tests.query_escapes import ESCAPES, HARMLESS_READS, fill


@pytest.fixture()
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    con.execute("create table marts.dim_article (article_id varchar primary key, title varchar)")
    con.execute("insert into marts.dim_article values ('a1', '园区开工'), ('a2', '项目签约')")
    con.execute("create table marts.dim_park (park_id varchar, park_type varchar)")
    con.close()
    return path


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its sha256: what a query must leave unchanged."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("sql", "says"), ESCAPES, ids=[s[:60] for s, _ in ESCAPES])
def test_escape_is_refused_and_nothing_is_written(warehouse: Path, sql: str, says: str):
    before = snapshot(warehouse.parent)
    with pytest.raises(QueryError) as caught:
        run_query(warehouse, fill(sql, warehouse))
    assert says in str(caught.value)
    assert str(caught.value).startswith(f"{warehouse}: query failed: ")
    assert snapshot(warehouse.parent) == before


@pytest.mark.parametrize("sql", HARMLESS_READS)
def test_selects_that_touch_storage_run_and_change_nothing(warehouse: Path, sql: str):
    before = snapshot(warehouse.parent)
    columns, _ = run_query(warehouse, sql)
    assert columns
    assert snapshot(warehouse.parent) == before


@pytest.mark.parametrize(("sql", "kept"), [
    ("select 1;", "select 1"),
    ("  with x as (select 1 as a) select a from x ;\n", "with x as (select 1 as a) select a from x"),
    ("from marts.dim_article", "from marts.dim_article"),
    ("-- count\nselect count(*) from marts.dim_article", "select count(*) from marts.dim_article"),
])
def test_reads_pass_the_statement_check(sql: str, kept: str):
    assert check_statement(sql, Path("w.duckdb")) == kept


def test_reads_return_rows(warehouse: Path):
    assert run_query(warehouse, "select article_id, title from marts.dim_article order by 1") == (
        ["article_id", "title"], [("a1", "园区开工"), ("a2", "项目签约")])


def test_timeout_interrupts_the_query(warehouse: Path):
    started = time.perf_counter()
    with pytest.raises(QueryError, match=r"stopped after the 0.5 s time limit; .*--timeout"):
        run_query(warehouse, "select count(*) from range(1000000000000) as t(i) where i % 7 = 3", timeout=0.5)
    assert time.perf_counter() - started < 10


def test_memory_limit_caps_the_query_without_spilling(warehouse: Path):
    before = snapshot(warehouse.parent)
    with pytest.raises(QueryError, match=r"Out of Memory Error.*--memory-limit"):
        run_query(warehouse, "select count(*) from (select i from range(50000000) as t(i) order by random())",
                  memory_limit="64MB")
    assert snapshot(warehouse.parent) == before


def test_a_bad_memory_limit_is_a_clear_error(warehouse: Path):
    with pytest.raises(QueryError, match="--memory-limit is a size such as 2GB"):
        run_query(warehouse, "select 1", memory_limit="lots")


# The kernel layer alone: no statement check, a COPY to the warehouse straight on the connection.
KERNEL_ONLY = """
import sys
from pathlib import Path
from parkmart.query import connect_read_only, forbid_file_writes
warehouse = Path(sys.argv[1])
if not forbid_file_writes():
    print("unavailable")
    sys.exit(0)
con = connect_read_only(warehouse)
print(con.execute("select count(*) from marts.dim_article").fetchone()[0])
for target in (warehouse, Path(str(warehouse) + ".wal")):
    try:
        con.execute(f"copy (select 'x' as x) to '{target}' (format csv, use_tmp_file false)")
        print("written")
    except Exception as exc:
        print(type(exc).__name__, "Permission denied" in str(exc))
"""


def test_kernel_refuses_writes_even_without_the_statement_check(warehouse: Path):
    before = snapshot(warehouse.parent)
    proc = subprocess.run([sys.executable, "-c", KERNEL_ONLY, str(warehouse)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    if proc.stdout.strip() == "unavailable":
        pytest.skip("Landlock is not available on this kernel")
    assert proc.stdout.split() == ["2", "IOException", "True", "IOException", "True"]
    assert snapshot(warehouse.parent) == before
