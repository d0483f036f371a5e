"""Rules the ingest stage shares with the dbt models, read from the ``vars:`` block of
``dbt_project.yml`` so each is written once: the YRD provinces, park-suffix aliases and the
characters a park key drops, and the near-duplicate MinHash parameters."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from ingest import PROJECT_DIR

DBT_PROJECT = PROJECT_DIR / "dbt_project.yml"


@lru_cache(maxsize=1)
def load_dbt_vars() -> dict[str, Any]:
    """The ``vars:`` of ``dbt_project.yml`` (YAML, written by hand; see its comments).

    >>> load_dbt_vars()["yrd_province_codes"]
    ['310000', '320000', '330000', '340000']
    """
    with DBT_PROJECT.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["vars"]


def yrd_province_codes() -> frozenset[str]:
    """Codes of the four Yangtze River Delta provinces (上海, 江苏, 浙江, 安徽)."""
    return frozenset(load_dbt_vars()["yrd_province_codes"])


def park_suffix_aliases() -> tuple[tuple[str, str], ...]:
    """(long, short) spellings of one park suffix, e.g. (科技创新园, 科创园)."""
    return tuple((long, short) for long, short in load_dbt_vars()["park_suffix_aliases"])
