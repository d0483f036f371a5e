"""Compare the marts of two warehouses row for row: each mart ordered by its key and hashed.

Used to check that the Spark engine's raw layer gives the same marts as the local one
(``parkmart compare local.duckdb spark.duckdb``). A mart's key is its column with a
``unique`` test in models/marts/_marts__models.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ingest.load import connect
from parkmart.project import MART_TABLES, MARTS_DIR


@dataclass
class MartDigest:
    table: str
    key: str
    rows: int
    digest: str  # md5 over the md5 of every row (as text), in key order


def mart_keys() -> dict[str, str]:
    """The key column of every mart: its first column with a ``unique`` test."""
    models = yaml.safe_load((MARTS_DIR / "_marts__models.yml").read_text(encoding="utf-8"))["models"]
    keys = {}
    for model in models:
        for column in model.get("columns", []):
            if any(test == "unique" or (isinstance(test, dict) and "unique" in test)
                   for test in column.get("data_tests") or []):
                keys[model["name"]] = column["name"]
                break
    return keys


def mart_digests(warehouse: Path) -> list[MartDigest]:
    """Row count and digest of every mart in ``warehouse``."""
    keys = mart_keys()
    con = connect(warehouse, read_only=True)
    try:
        digests = []
        for table in MART_TABLES:  # identifiers from MART_TABLES and the models' yml only
            rows, digest = con.execute(
                f"select count(*), md5(coalesce(string_agg(md5(cast(t as varchar)), '' order by t.{keys[table]}), '')) "
                f"from marts.{table} as t").fetchone()
            digests.append(MartDigest(table, keys[table], rows, digest))
        return digests
    finally:
        con.close()


def compare_marts(left: Path, right: Path) -> tuple[bool, list[str]]:
    """(all equal, one line per mart) for the marts of two warehouses."""
    lines, same = [], True
    for a, b in zip(mart_digests(left), mart_digests(right), strict=True):
        equal = (a.rows, a.digest) == (b.rows, b.digest)
        same &= equal
        lines.append(f"{a.table:<16} key {a.key:<17} rows {a.rows:>7} {b.rows:>7}  md5 {a.digest[:12]} "
                     f"{b.digest[:12]}  {'equal' if equal else 'DIFFERENT'}")
    lines.append(f"marts {'equal' if same else 'DIFFERENT'}: {left} vs {right}")
    return same, lines
