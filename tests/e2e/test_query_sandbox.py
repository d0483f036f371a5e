"""``parkmart query`` as an analyst runs it cannot change the warehouse: the escape table
(tests/query_escapes.py) through the CLI, with every layer on, against a copy of the sample
warehouse; after each statement the folder holds the same files with the same bytes."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.query_escapes import ESCAPES, HARMLESS_READS, fill


@pytest.fixture(scope="module")
def warehouse(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("query") / "warehouse.duckdb"
    shutil.copyfile(sample_warehouse, path)
    return path


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("sql", "says"), ESCAPES, ids=[s[:60] for s, _ in ESCAPES])
def test_escape_is_refused_in_one_line_and_the_warehouse_is_unchanged(warehouse: Path, sql: str, says: str):
    before = snapshot(warehouse.parent)
    proc = run_cli("query", fill(sql, warehouse), "--warehouse", str(warehouse), check=False)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    assert proc.stderr.startswith(f"parkmart: {warehouse}: query failed: ") and says in proc.stderr
    assert snapshot(warehouse.parent) == before


@pytest.mark.parametrize("sql", HARMLESS_READS)
def test_reads_that_touch_storage_change_nothing(warehouse: Path, sql: str):
    before = snapshot(warehouse.parent)
    proc = run_cli("query", sql, "--format", "csv", "--warehouse", str(warehouse))
    assert proc.stdout.strip()
    assert snapshot(warehouse.parent) == before


def test_query_reads(warehouse: Path):
    proc = run_cli("query", "select count(*) as n from marts.dim_article", "--format", "csv",
                   "--warehouse", str(warehouse))
    assert proc.stdout.strip().splitlines() == ["n", "5"]


def test_timeout_flag_stops_a_long_query(warehouse: Path):
    proc = run_cli("query", "select count(*) from range(1000000000000) as t(i) where i % 7 = 3",
                   "--timeout", "1", "--warehouse", str(warehouse), check=False)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "stopped after the 1 s time limit" in proc.stderr


def test_memory_limit_flag_caps_a_query(warehouse: Path):
    proc = run_cli("query", "select count(*) from (select i from range(50000000) as t(i) order by random())",
                   "--memory-limit", "64MB", "--warehouse", str(warehouse), check=False)
    assert proc.returncode == 1 and "Out of Memory Error" in proc.stderr and "--memory-limit" in proc.stderr
