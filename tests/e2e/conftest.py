"""Fixtures of the end-to-end lane: a real warehouse built from the bundled corpus through the CLI."""

from __future__ import annotations

import subprocess
from pathlib import Path

import duckdb
import pytest

from tests.helpers import CORPUS, run_cli


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    """Build a warehouse from corpus/ into a temporary directory, once per test session."""
    warehouse = tmp_path_factory.mktemp("sample") / "warehouse.duckdb"
    proc = run_cli("build", "--corpus", str(CORPUS), "--warehouse", str(warehouse))
    return warehouse, proc


@pytest.fixture(scope="session")
def sample_warehouse(sample_build) -> Path:
    return sample_build[0]


@pytest.fixture()
def marts(sample_warehouse: Path):
    """A read-only connection to the sample warehouse."""
    con = duckdb.connect(str(sample_warehouse), read_only=True)
    yield con
    con.close()
