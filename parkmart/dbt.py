"""Run dbt as a subprocess against one warehouse file and read its results."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ingest.process import die_with_parent
from parkmart.errors import BuildError
from parkmart.progress import DbtProgress
from parkmart.project import PROJECT_DIR

# Seconds dbt has to exit after SIGTERM before it is killed.
STOP_SECONDS = 5


@dataclass
class DbtResult:
    passed: int
    failed: int
    warned: int
    skipped: int
    by_type: dict[str, int]
    failures: list[str]
    seconds: float


def dbt_executable() -> str:
    """The dbt entry point installed beside this Python, else the one on PATH."""
    local = Path(sys.executable).with_name("dbt")
    if local.exists():
        return str(local)
    found = shutil.which("dbt")
    if not found:
        raise BuildError("dbt is not installed; run `make setup` (pip install -e .)")
    return found


def run_dbt(args: list[str], warehouse: Path, target_path: Path, echo: bool = True) -> DbtResult:
    """Run ``dbt <args>`` on ``warehouse``; raises BuildError when dbt fails."""
    env = dict(os.environ)
    scratch = target_path / "scratch.duckdb"  # the intermediate models' tables (profiles.yml)
    env.update({
        "PARKMART_WAREHOUSE": str(warehouse),
        "PARKMART_SCRATCH": str(scratch),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_USE_COLORS": "false",
        "DBT_PARTIAL_PARSE": "true",
    })
    log_path = target_path / "logs"
    command = [
        dbt_executable(), *args,
        "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR),
        "--target-path", str(target_path), "--log-path", str(log_path),
    ]
    tail: list[str] = []
    progress = DbtProgress(echo=lambda text: print("  dbt " + text, file=sys.stderr, flush=True))
    # dbt gets SIGKILL when parkmart dies (Linux), so a killed build leaves no orphan writing.
    with subprocess.Popen(command, env=env, cwd=PROJECT_DIR, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True,
                          preexec_fn=functools.partial(die_with_parent, os.getpid())
                          if sys.platform == "linux" else None) as proc:
        assert proc.stdout is not None
        try:
            for line in proc.stdout:
                tail = (tail + [line])[-40:]
                if echo:
                    progress.line(line)
        except BaseException:  # SIGTERM (as SystemExit), Ctrl-C: stop dbt now, not when it is done
            _stop(proc)
            raise
        finally:
            progress.close()
            for path in (scratch, scratch.with_name(scratch.name + ".wal")):
                path.unlink(missing_ok=True)
    result = read_run_results(target_path / "run_results.json")
    if proc.returncode != 0:
        detail = "; ".join(result.failures[:10]) if result.failures else "".join(tail)[-2000:]
        raise BuildError(f"dbt {' '.join(args)} failed: {detail or 'see ' + str(log_path / 'dbt.log')}")
    return result


def _stop(proc: subprocess.Popen) -> None:
    """Terminate dbt, and kill it if it has not exited a few seconds later."""
    proc.terminate()
    try:
        proc.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def read_run_results(path: Path) -> DbtResult:
    """Counts of passed/failed nodes by resource type from dbt's run_results.json."""
    if not path.exists():
        return DbtResult(0, 0, 0, 0, {}, [], 0.0)
    data = json.loads(path.read_text(encoding="utf-8"))
    passed = failed = warned = skipped = 0
    by_type: dict[str, int] = {}
    failures: list[str] = []
    for r in data.get("results", []):
        kind = r["unique_id"].split(".")[0]
        status = r["status"]
        if status in ("success", "pass"):
            passed += 1
            by_type[kind] = by_type.get(kind, 0) + 1
        elif status in ("error", "fail", "runtime error"):
            failed += 1
            failures.append(f"{r['unique_id']}: {(r.get('message') or status).strip()}")
        elif status == "warn":
            warned += 1
        else:
            skipped += 1
    return DbtResult(passed, failed, warned, skipped, by_type, failures, data.get("elapsed_time", 0.0))
