"""Where the project lives and what it builds: the checkout, its default corpus and
warehouse, and the mart tables (the SQL files of ``models/marts``, so the list cannot drift)."""

from __future__ import annotations

from pathlib import Path

from ingest import PROJECT_DIR, SEEDS_DIR

DEFAULT_CORPUS = PROJECT_DIR / "corpus"
DEFAULT_WAREHOUSE = Path("warehouse.duckdb")
MARTS_DIR = PROJECT_DIR / "models" / "marts"
# Every mart table, in name order (dimensions first): one per models/marts/*.sql.
MART_TABLES: tuple[str, ...] = tuple(sorted(p.stem for p in MARTS_DIR.glob("*.sql")))

__all__ = ["DEFAULT_CORPUS", "DEFAULT_WAREHOUSE", "MART_TABLES", "MARTS_DIR", "PROJECT_DIR", "SEEDS_DIR"]
