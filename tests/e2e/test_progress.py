"""Progress of `parkmart build` and `parkmart ingest`: bars with files/s, ETA and dbt's nodes on a
terminal (a pseudo-terminal here), nothing of the kind in a log."""

from __future__ import annotations

import os
import pty
import re
import select
import shutil
import subprocess
import time
from pathlib import Path

from parkmart.progress import DbtProgress
from tests.helpers import CORPUS, PARKMART, ROOT

FILES_BAR = re.compile(r"ingest: (\d+)/(\d+) files \|[^|]*\| \d\d:\d\d<\d\d:\d\d, +[\d.]+ files/s")
NODES_BAR = re.compile(r"dbt build: (\d+)/(\d+) nodes \|[^|]*\| \d\d:\d\d<\d\d:\d\d")


def run_in_terminal(*args: str, timeout: float = 600) -> tuple[int, str]:
    """Run parkmart with stdout and stderr on a pseudo-terminal; returns (exit code, everything written)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([PARKMART, *args], stdin=slave, stdout=slave, stderr=slave, cwd=ROOT,
                            env={**os.environ, "TERM": "xterm", "COLUMNS": "120"})
    os.close(slave)
    out, deadline = b"", time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1.0)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                out += chunk
            elif proc.poll() is not None:
                break
    finally:
        os.close(master)
    return proc.wait(timeout=60), out.decode("utf-8", errors="replace")


def test_build_on_a_terminal_shows_files_rate_eta_and_dbt_nodes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    code, out = run_in_terminal("build", "--corpus", str(corpus), "--warehouse", str(tmp_path / "w.duckdb"),
                                "--workers", "1")
    assert code == 0, out[-3000:]
    files = FILES_BAR.findall(out)
    n = len(list(corpus.iterdir()))
    assert files and files[-1] == (str(n), str(n)), out[-3000:]
    nodes = NODES_BAR.findall(out)
    assert nodes and nodes[-1][0] == nodes[-1][1] and int(nodes[-1][1]) > 100, out[-3000:]
    assert "dbt Done. PASS=" in out and "build ok: 5 of 5 files usable" in out
    for stage in ("ingesting ", "running dbt build"):
        assert stage in out


def test_ingest_on_a_terminal_shows_the_files_bar(tmp_path: Path) -> None:
    code, out = run_in_terminal("ingest", "--corpus", str(CORPUS), "--warehouse", str(tmp_path / "ingested.duckdb"),
                                "--workers", "1")
    assert code == 0, out[-3000:]
    assert FILES_BAR.findall(out)[-1] == ("5", "5")


def test_a_log_gets_no_bars(sample_build) -> None:
    _, proc = sample_build
    assert "\r" not in proc.stderr
    assert not FILES_BAR.search(proc.stderr) and not NODES_BAR.search(proc.stderr)
    assert "dbt Done. PASS=" in proc.stderr  # the lines worth a log stay


def test_dbt_progress_counts_nodes_and_keeps_failures() -> None:
    seen: list[str] = []
    progress = DbtProgress(echo=seen.append, interactive_stream=False)
    for line in ["12:00:00  Found 19 models, 135 data tests",
                 "12:00:01  1 of 3 START sql table model marts.dim_park .......... [RUN]",
                 "12:00:02  1 of 3 OK created sql table model marts.dim_park ..... [OK in 0.2s]",
                 "12:00:03  2 of 3 FAIL 1 unique_dim_park_park_id ............... [FAIL 1 in 0.1s]",
                 "12:00:04  3 of 3 PASS not_null_dim_park_park_id ............... [PASS in 0.1s]"]:
        progress.line(line)
    assert (progress.done, progress.total) == (3, 3)
    assert seen == ["1 of 3 OK created sql table model marts.dim_park ..... [OK in 0.2s]",
                    "2 of 3 FAIL 1 unique_dim_park_park_id ............... [FAIL 1 in 0.1s]"]
