"""kill -9 at random moments: a killed ``parkmart build`` never changes the live warehouse.

A warehouse is built from two sample articles; then a build of the whole sample corpus
is started and killed with SIGKILL after a random delay (uniform over the length of one
uninterrupted build, measured first), until N builds were killed (one that finished
before its kill is not counted, and the warehouse is reset). After each kill the live file must have the
same sha256 as before, still open and hold two articles, and no child of the killed build
(dbt, a pool worker) may still run. A last build must then succeed and leave no scratch
file or dbt folder of the killed ones behind.

    .venv/bin/python -m tests.e2e.kill_loop --kills 20
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from tests.helpers import CORPUS, PARKMART, ROOT, alive, descendants


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def articles(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select count(*) from marts.dim_article").fetchone()[0]
    finally:
        con.close()


def build(warehouse: Path) -> subprocess.Popen:
    return subprocess.Popen([PARKMART, "build", "--corpus", str(CORPUS), "--warehouse", str(warehouse)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)


def kill_loop(kills: int, seed: int = 0, say=print) -> list[dict]:
    """Run the loop; returns one record per kill. Raises AssertionError on the first broken promise."""
    rng = random.Random(seed)
    records: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="parkmart-kill-") as tmp:
        root = Path(tmp)
        small = root / "small"
        small.mkdir()
        for path in sorted(CORPUS.glob("*.txt"))[:2]:
            shutil.copyfile(path, small / path.name)
        warehouse = root / "warehouse.duckdb"
        subprocess.run([PARKMART, "build", "--corpus", str(small), "--warehouse", str(warehouse)], check=True,
                       capture_output=True, cwd=ROOT)
        before = sha256(warehouse)
        base = root / "base.duckdb"
        shutil.copyfile(warehouse, base)
        started = time.monotonic()
        probe = build(root / "probe.duckdb")
        probe.wait()
        full = time.monotonic() - started
        say(f"one uninterrupted build of the sample corpus takes {full:.1f} s; warehouse sha256 {before[:16]}")
        targets = {p.name for p in (ROOT / "target").glob("build-*")}
        n = 0
        while sum(not r["finished_first"] for r in records) < kills:
            n += 1
            delay = rng.uniform(0.0, full)
            proc = build(warehouse)
            deadline = time.monotonic() + delay
            children: set[int] = set()
            while time.monotonic() < deadline and proc.poll() is None:
                children.update(descendants(proc.pid))
                time.sleep(0.05)
            finished = proc.poll() is not None
            if not finished:
                children.update(descendants(proc.pid))
                proc.send_signal(signal.SIGKILL)
            proc.wait()
            wait_until = time.monotonic() + 20
            while time.monotonic() < wait_until and any(alive(pid) for pid in children):
                time.sleep(0.1)
            record = {"kill": n, "delay_s": round(delay, 2), "finished_first": finished,
                      "sha256_unchanged": sha256(warehouse) == before, "articles": articles(warehouse),
                      "children_seen": len(children), "orphans": [pid for pid in children if alive(pid)],
                      "scratch_files": sorted(p.name for p in root.glob("warehouse.duckdb.building-*"))}
            records.append(record)
            say(f"run {n:2d}, kill after {delay:5.2f} s: sha256 {'unchanged' if record['sha256_unchanged'] else 'CHANGED'}, "
                f"{record['articles']} articles, {len(children)} children seen, orphans {record['orphans']}"
                + (" (the build finished before the kill: warehouse reset)" if finished else ""))
            if finished:  # a complete build may replace the file; start again from the old one
                shutil.copyfile(base, warehouse)
                continue
            assert record["sha256_unchanged"] and record["articles"] == 2, record
            assert record["orphans"] == [], record
        last = subprocess.run([PARKMART, "build", "--corpus", str(CORPUS), "--warehouse", str(warehouse)],
                              capture_output=True, text=True, cwd=ROOT)
        assert last.returncode == 0, last.stderr[-2000:]
        leftovers = sorted(p.name for p in root.iterdir() if p.name.startswith("warehouse.duckdb.building-"))
        new_targets = {p.name for p in (ROOT / "target").glob("build-*")} - targets
        say(f"then a full build: exit {last.returncode}, {articles(warehouse)} articles, "
            f"scratch files left {leftovers}, dbt folders left {sorted(new_targets)}")
        assert articles(warehouse) == 5 and leftovers == [] and new_targets == set()
    return records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    records = kill_loop(args.kills, args.seed)
    killed = [r for r in records if not r["finished_first"]]
    print(f"{len(killed)} kills, warehouse sha256 unchanged after {sum(r['sha256_unchanged'] for r in killed)}, "
          f"orphans after {sum(bool(r['orphans']) for r in killed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
