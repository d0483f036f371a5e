"""Shared fixtures: a real warehouse built from the bundled corpus through the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, settings

# Property tests: 500 examples each in CI and by default; HYPOTHESIS_PROFILE=dev for a quick run.
settings.register_profile("ci", max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = next((p for p in (ROOT.parent / "shared" / "gold", ROOT.parent.parent / "shared" / "gold") if p.is_dir()),
            ROOT.parent / "shared" / "gold")
PARKMART = str(Path(sys.executable).with_name("parkmart"))


def run_cli(*args: str, check: bool = True, timeout: int = 600, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the parkmart command as a user would; returns the finished process."""
    proc = subprocess.run([PARKMART, *args], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT, env={**os.environ, **(env or {})})
    if check and proc.returncode != 0:
        raise AssertionError(f"parkmart {' '.join(args)} exited {proc.returncode}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


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


def load_gold() -> dict[str, dict]:
    """The hand-labelled gold files, keyed by seed file id; empty when shared/ is absent."""
    if not GOLD.is_dir():
        return {}
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}
