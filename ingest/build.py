"""``parkmart build``: ingest a corpus, run dbt, and swap in a complete warehouse.

The build never writes the live warehouse. It copies it (to keep the raw layer for
incremental ingest) to a sibling file, ingests and runs ``dbt build`` there, and only
when every model and test passed replaces the live file atomically with ``os.replace``.
Readers that hold the old file open keep reading it; new connections see the new one.
A failed or killed build leaves the old warehouse as it was.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.dbt import PROJECT_DIR, DbtResult, run_dbt
from ingest.errors import BuildError
from ingest.load import connect, create_raw_schema
from ingest.pipeline import (
    IngestStats,
    build_state_matches,
    current_build,
    ingest_corpus,
    record_build_state,
)

DEFAULT_CORPUS = PROJECT_DIR / "corpus"
DEFAULT_WAREHOUSE = Path("warehouse.duckdb")
MART_TABLES = ("dim_article", "dim_region", "dim_date", "dim_park", "dim_project",
               "fct_investments", "fct_projects", "fct_cooperation", "fct_mentions")

Say = Callable[[str], None]


@dataclass
class BuildSummary:
    warehouse: Path
    ingest: IngestStats
    dbt_passed: int
    dbt_tests_passed: int
    mart_rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        i = self.ingest
        facts = ", ".join(f"{t} {n}" for t, n in self.mart_rows.items())
        return [
            f"files read {i.files_seen} (new or changed {i.files_ingested}, unchanged {i.files_skipped}, "
            f"removed {i.files_removed}), rejected {i.files_rejected}",
            f"articles ingested this run {i.articles}, mentions {i.mentions}",
            f"marts: {facts}",
            f"dbt: {self.dbt_passed} nodes passed, of which {self.dbt_tests_passed} tests",
            f"warehouse {self.warehouse} built in {self.seconds:.1f} s",
        ]


def staging_path(warehouse: Path, run_id: str) -> Path:
    return warehouse.with_name(f"{warehouse.name}.building-{run_id}")


def build(corpus: Path = DEFAULT_CORPUS, warehouse: Path = DEFAULT_WAREHOUSE,
          say: Say = print, workers: int | None = None) -> BuildSummary:
    """Build ``warehouse`` from ``corpus``; raises BuildError and keeps the old file on failure."""
    started = time.perf_counter()
    corpus, warehouse = corpus.resolve(), warehouse.resolve()
    if not corpus.is_dir():
        raise BuildError(f"{corpus}: corpus directory not found; pass --corpus DIR")
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    plan = current_build(warehouse, corpus, PROJECT_DIR) if warehouse.exists() else None
    if plan is not None:  # nothing changed since the last build: no copy, no ingest, no dbt
        say(f"{warehouse.name} is current: corpus, extractor and dbt project unchanged since its build")
        stats = IngestStats("unchanged", files_seen=plan.seen, files_skipped=plan.skipped)
        summary = BuildSummary(warehouse, stats, 0, 0, _count_marts(warehouse), time.perf_counter() - started)
        for line in summary.lines():
            say(line)
        return summary
    run_id = uuid.uuid4().hex[:12]
    new = staging_path(warehouse, run_id)
    target = PROJECT_DIR / "target" / f"build-{run_id}"
    try:
        if warehouse.exists():
            say(f"copying {warehouse.name} to keep its raw layer")
            shutil.copyfile(warehouse, new)
        say(f"ingesting {corpus}")
        con = connect(new)
        try:
            create_raw_schema(con)
            stats = ingest_corpus(con, corpus, workers=workers, progress=_progress(say), run_id=run_id)
            con.execute("checkpoint")
            marts_current = build_state_matches(con, PROJECT_DIR)
        finally:
            con.close()
        for message in stats.rejections:
            say(f"rejected: {message}")
        if marts_current:
            say("raw layer and dbt project unchanged: marts kept, dbt not run")
            result = DbtResult(0, 0, 0, 0, {}, [], 0.0)
        else:
            say("running dbt build (seeds, models, tests)")
            result = run_dbt(["build"], new, target)
            con = connect(new)
            try:
                record_build_state(con, PROJECT_DIR)
            finally:
                con.close()
        rows = _count_marts(new)
        os.replace(new, warehouse)
        _publish_artifacts(target)
    except BaseException:
        _remove(new)
        raise
    finally:
        shutil.rmtree(target, ignore_errors=True)
    summary = BuildSummary(warehouse, stats, result.passed, result.by_type.get("test", 0), rows,
                           time.perf_counter() - started)
    for line in summary.lines():
        say(line)
    return summary


def _progress(say: Say) -> Callable[[int, int, str], None]:
    last = [0.0]

    def report(done: int, total: int, name: str) -> None:
        now = time.perf_counter()
        if done == total or now - last[0] > 2.0:
            last[0] = now
            say(f"  ingest {done}/{total} files ({name})")

    return report


def _count_marts(path: Path) -> dict[str, int]:
    con = connect(path, read_only=True)
    try:
        return {t: con.execute(f"select count(*) from marts.{t}").fetchone()[0] for t in MART_TABLES}
    finally:
        con.close()


def _publish_artifacts(target: Path) -> None:
    """Keep the last successful build's manifest and results for `parkmart docs`/`status`."""
    last = PROJECT_DIR / "target" / "last-build"
    last.mkdir(parents=True, exist_ok=True)
    for name in ("manifest.json", "run_results.json"):
        if (target / name).exists():
            shutil.copyfile(target / name, last / name)


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + ".wal")):
        try:
            p.unlink()
        except FileNotFoundError:
            pass


def ingest_only(corpus: Path, warehouse: Path, say: Say = print, workers: int | None = None) -> IngestStats:
    """Ingest into the raw layer of ``warehouse`` directly (no dbt); for debugging stages."""
    con = connect(warehouse)
    try:
        stats = ingest_corpus(con, corpus.resolve(), workers=workers, progress=_progress(say))
        con.execute("checkpoint")
    finally:
        con.close()
    return stats
