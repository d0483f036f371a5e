"""Readers never see a half-built warehouse; a failed or killed build leaves the old one usable.

A small warehouse (two sample articles) is built once per module and copied per test; the
builds under test then use the whole sample corpus (five articles), so which file a
reader sees is plain from its article count.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
import sqlalchemy

from tests.helpers import CORPUS, PARKMART, ROOT, run_cli

COUNT_SQL = "select count(*) from marts.dim_article"
# A reader in another process (a BI tool, DBeaver): holds one read-only connection open and
# queries until the stop file appears, then prints what it saw.
# A reader in another process (a BI tool, DBeaver, a notebook): holds one read-only connection
# (plain duckdb, or SQLAlchemy through duckdb-engine) open and queries until the stop file
# appears, then prints the article counts it saw and any errors.
OTHER_PROCESS_READER = """
import json, pathlib, sys, time
import duckdb, sqlalchemy
path, stop, kind, sql = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3], sys.argv[4]
if kind == "duckdb":
    con = duckdb.connect(path, read_only=True)
    run = lambda q: con.execute(q).fetchall()
else:
    con = sqlalchemy.create_engine("duckdb:///" + path, connect_args={"read_only": True}).connect()
    run = lambda q: con.execute(sqlalchemy.text(q)).fetchall()
seen, errors = set(), []
print("ready", flush=True)
while not stop.exists():
    try:
        run("select * from marts.fct_mentions join marts.dim_article using (article_id)")
        seen.add(run(sql)[0][0])
    except Exception as exc:
        errors.append(repr(exc))
    time.sleep(0.05)
print(json.dumps({"seen": sorted(seen), "errors": errors}), flush=True)
"""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def article_count(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(COUNT_SQL).fetchone()[0]
    finally:
        con.close()


@pytest.fixture(scope="module")
def base_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built from two of the sample articles."""
    root = tmp_path_factory.mktemp("atomic-base")
    corpus = root / "corpus"
    corpus.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:2]:
        shutil.copyfile(path, corpus / path.name)
    warehouse = root / "warehouse.duckdb"
    run_cli("build", "--corpus", str(corpus), "--warehouse", str(warehouse))
    assert article_count(warehouse) == 2
    return warehouse


@pytest.fixture()
def warehouse(base_warehouse: Path, tmp_path: Path) -> Path:
    target = tmp_path / "warehouse.duckdb"
    shutil.copyfile(base_warehouse, target)
    return target


def test_readers_keep_reading_during_a_full_build(warehouse: Path, tmp_path: Path):
    """duckdb and SQLAlchemy readers, in this process and others, never error while a build swaps the file."""
    con = duckdb.connect(str(warehouse), read_only=True)
    stop_file = tmp_path / "stop"
    others = {kind: subprocess.Popen([sys.executable, "-c", OTHER_PROCESS_READER, str(warehouse), str(stop_file),
                                      kind, COUNT_SQL], stdout=subprocess.PIPE, text=True)
              for kind in ("duckdb", "sqlalchemy")}
    for other in others.values():
        assert other.stdout.readline().strip() == "ready"
    seen: set[int] = set()
    errors: list[str] = []
    done = threading.Event()

    def read() -> None:
        cursor = con.cursor()
        while not done.is_set():
            try:
                seen.add(cursor.execute(COUNT_SQL).fetchone()[0])
            except Exception as exc:  # any reader error fails the test below
                errors.append(repr(exc))
            time.sleep(0.05)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        proc = run_cli("build", "--corpus", str(CORPUS), "--warehouse", str(warehouse))
    finally:
        done.set()
        reader.join()
        stop_file.touch()
        results = {kind: json.loads(other.communicate(timeout=60)[0].strip().splitlines()[-1])
                   for kind, other in others.items()}
    assert proc.returncode == 0 and "build ok:" in proc.stderr
    assert errors == [] and results["duckdb"]["errors"] == [] and results["sqlalchemy"]["errors"] == []
    # connections opened before the swap keep reading the old file, whole and consistent
    assert seen == {2} and results["duckdb"]["seen"] == [2] and results["sqlalchemy"]["seen"] == [2]
    assert con.execute(COUNT_SQL).fetchone()[0] == 2
    # a new connection from a new process sees the new warehouse at once
    fresh = run_cli("query", COUNT_SQL, "--format", "json", "--warehouse", str(warehouse))
    assert json.loads(fresh.stdout) == [{"count_star()": 5}]
    # in this process DuckDB shares one database per path while any connection is open:
    # close them all, then reconnect (docs/SAFETY.md)
    con.close()
    assert article_count(warehouse) == 5
    engine = sqlalchemy.create_engine(f"duckdb:///{warehouse}", connect_args={"read_only": True})
    with engine.connect() as again:
        assert again.execute(sqlalchemy.text(COUNT_SQL)).scalar_one() == 5
    engine.dispose()
    assert sorted(p.name for p in warehouse.parent.iterdir() if p.name.startswith("warehouse")) == [
        "warehouse.duckdb", "warehouse.duckdb.lock"]


@pytest.fixture(scope="module")
def attempts(base_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """On one copy of the base warehouse: a build failing a dbt test, a build killed mid-dbt, a writer
    crashing with a .wal left beside the live file, then a good build."""
    warehouse = tmp_path_factory.mktemp("attempts") / "warehouse.duckdb"
    shutil.copyfile(base_warehouse, warehouse)
    state: dict = {"warehouse": warehouse, "before": sha256(warehouse)}

    failed = run_cli("build", "--corpus", str(CORPUS), "--warehouse", str(warehouse), check=False,
                     env={"PARKMART_DBT_VARS": '{"parkmart_min_articles": 1000}'})
    state["failed"] = failed
    state["after_failed"] = (sha256(warehouse), article_count(warehouse),
                             sorted(p.name for p in warehouse.parent.iterdir()))

    # SIGTERM inside dbt: the build stops now (dbt too) and cleans up after itself
    targets_before = _target_folders()
    proc, lines = _build_until_dbt(warehouse)
    children = _children(proc.pid)
    sent = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    state["terminated"] = (proc.returncode, time.monotonic() - sent, proc.stderr.read(), children)
    state["after_terminated"] = (sha256(warehouse), sorted(p.name for p in warehouse.parent.iterdir()),
                                 _target_folders() - targets_before, [pid for pid in children if _alive(pid)])

    proc, lines = _build_until_dbt(warehouse)
    children = _children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    state["killed"] = (proc.returncode, lines, children)
    state["after_killed"] = (sha256(warehouse), article_count(warehouse),
                             sorted(p.name for p in warehouse.parent.iterdir()))
    state["killed_targets"] = _target_folders() - targets_before
    deadline = time.time() + 20
    while time.time() < deadline and any(_alive(pid) for pid in children):
        time.sleep(0.2)
    state["orphans"] = [pid for pid in children if _alive(pid)]

    # a writer that crashed on the live file left a .wal beside it
    con = duckdb.connect(str(warehouse))
    con.execute("pragma disable_checkpoint_on_shutdown")
    con.execute("create table raw.analyst_notes as select 'keep me' as note")
    con.close()
    state["stale_wal"] = warehouse.with_name("warehouse.duckdb.wal").exists()

    state["next"] = run_cli("build", "--corpus", str(CORPUS), "--warehouse", str(warehouse))
    state["after_next"] = (article_count(warehouse), sorted(p.name for p in warehouse.parent.iterdir()))
    state["targets_after_next"] = _target_folders() & state["killed_targets"]
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        state["notes"] = con.execute("select note from raw.analyst_notes").fetchall()
    finally:
        con.close()
    return state


def _build_until_dbt(warehouse: Path) -> tuple[subprocess.Popen, list[str]]:
    """Start a build of the sample corpus and return once it is well inside dbt."""
    proc = subprocess.Popen([PARKMART, "build", "--corpus", str(CORPUS), "--warehouse", str(warehouse)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if line.startswith("running dbt build"):
            break
    time.sleep(3)  # well inside dbt: seeds and models are being written to the scratch file
    return proc, lines


def _target_folders() -> set[str]:
    """The per-build dbt folders (and their owner locks) in the checkout's target/."""
    return {p.name for p in (ROOT / "target").glob("build-*")}


def _children(pid: int) -> list[int]:
    """Child process ids of ``pid`` (Linux /proc); empty elsewhere."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    """Running (not gone, not a zombie waiting to be reaped)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def test_failed_dbt_test_keeps_previous_warehouse(attempts):
    failed = attempts["failed"]
    assert failed.returncode == 1
    assert "assert_enough_articles" in failed.stderr and "Traceback" not in failed.stderr
    digest, count, names = attempts["after_failed"]
    assert digest == attempts["before"] and count == 2
    assert names == ["warehouse.duckdb", "warehouse.duckdb.lock"]  # its scratch file was removed


def test_killed_build_keeps_previous_warehouse(attempts):
    returncode, lines, children = attempts["killed"]
    assert returncode == -signal.SIGKILL
    assert any(line.startswith("running dbt build") for line in lines)
    digest, count, names = attempts["after_killed"]
    assert digest == attempts["before"] and count == 2
    assert any(n.startswith("warehouse.duckdb.building-") for n in names)  # left behind by the kill


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux only")
def test_killed_build_leaves_no_dbt_orphan(attempts):
    _, _, children = attempts["killed"]
    assert children, "the build had no child process (dbt) when it was killed"
    assert attempts["orphans"] == []


def test_sigterm_inside_dbt_stops_the_build_and_dbt_at_once(attempts):
    returncode, seconds, stderr, children = attempts["terminated"]
    assert returncode == 128 + signal.SIGTERM and "Traceback" not in stderr
    assert children, "the build had no child process (dbt) when it was terminated"
    assert seconds < 15  # dbt alone takes longer; it was stopped, not waited for
    digest, names, new_targets, orphans = attempts["after_terminated"]
    assert digest == attempts["before"]
    assert names == ["warehouse.duckdb", "warehouse.duckdb.lock"]  # scratch file removed
    assert new_targets == set() and orphans == []  # its dbt folder removed, dbt gone


def test_next_build_removes_the_dbt_folder_of_a_killed_build(attempts):
    assert attempts["killed_targets"], "the killed build left no target/build-<run> folder"
    assert attempts["targets_after_next"] == set()


def test_next_build_succeeds_and_removes_stale_scratch(attempts):
    nxt = attempts["next"]
    assert nxt.returncode == 0
    assert "left by an interrupted build" in nxt.stderr
    count, names = attempts["after_next"]
    assert count == 5
    assert names == ["warehouse.duckdb", "warehouse.duckdb.lock"]


def test_concurrent_build_of_same_warehouse_is_refused(warehouse: Path):
    """The lock: while one build holds it, another fails fast with a clear message."""
    import fcntl

    fd = os.open(warehouse.with_name("warehouse.duckdb.lock"), os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        proc = run_cli("build", "--corpus", str(CORPUS), "--warehouse", str(warehouse), check=False)
    finally:
        os.close(fd)
    assert proc.returncode == 1
    assert "another parkmart build of this warehouse is running" in proc.stderr
    assert article_count(warehouse) == 2


def test_stale_wal_of_the_live_file_is_kept_not_replayed_onto_the_new_one(attempts):
    assert attempts["stale_wal"]
    count, names = attempts["after_next"]
    assert count == 5 and "warehouse.duckdb.wal" not in names
    assert attempts["notes"] == [("keep me",)]
