"""The read-only Python API analysts use from a notebook: a SQLAlchemy engine and marts as DataFrames.

    >>> import parkmart
    >>> engine = parkmart.connect(warehouse="warehouse.duckdb")   # doctest: +SKIP
    >>> df = parkmart.read_mart("fct_investments", where="counts_in_totals")   # doctest: +SKIP
    >>> df.attrs["label_zh"]["amount_cny"]   # doctest: +SKIP
    '金额（元）'

Both open the warehouse read-only (DuckDB allows one writer; a reader never blocks another
reader, and ``parkmart build`` swaps in a new file without disturbing open readers). The
Chinese labels and descriptions come from the warehouse's own data dictionary
(``dictionary.mart_columns``), so a copied file carries them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from parkmart.errors import ParkmartError, WarehouseMissingError
from parkmart.project import DEFAULT_WAREHOUSE, MART_TABLES

if TYPE_CHECKING:  # pandas and SQLAlchemy load when first used, not when the CLI starts
    import pandas as pd
    import sqlalchemy as sa

DICTIONARY = ("select column_name, label_zh, description from dictionary.mart_columns "
              "where table_name = :t order by column_position")


def engine_url(warehouse: Path) -> str:
    """The SQLAlchemy URL of a warehouse file (duckdb-engine), absolute.

    >>> engine_url(Path("/data/warehouse.duckdb"))
    'duckdb:////data/warehouse.duckdb'
    """
    return f"duckdb:///{warehouse.resolve()}"


def connect(warehouse: Path | str = DEFAULT_WAREHOUSE) -> sa.Engine:
    """A SQLAlchemy engine on ``warehouse``, opened read-only (pandas.read_sql, reflection, BI tools)."""
    import sqlalchemy as sa

    path = Path(warehouse)
    if not path.exists():
        raise WarehouseMissingError(str(path))
    return sa.create_engine(engine_url(path), connect_args={"read_only": True})


def mart_labels(name: str, warehouse: Path | str = DEFAULT_WAREHOUSE,
                engine: sa.Engine | None = None) -> list[tuple[str, str, str]]:
    """(column, Chinese label, description) of every column of mart ``name``, in table order."""
    import sqlalchemy as sa

    check_mart(name)
    own = engine is None
    engine = engine or connect(warehouse)
    try:
        with engine.connect() as con:
            rows = con.execute(sa.text(DICTIONARY), {"t": name}).fetchall()
    except sa.exc.DBAPIError as exc:
        raise ParkmartError(f"{engine.url.database}: no data dictionary (dictionary.mart_columns); the warehouse "
                            "was built by an older parkmart: run `parkmart build`") from exc
    finally:
        if own:
            engine.dispose()
    return [(c, label, description) for c, label, description in rows]


def read_mart(name: str, where: str | None = None, warehouse: Path | str = DEFAULT_WAREHOUSE,
              chinese_headers: bool = False) -> pd.DataFrame:
    """The rows of ``marts.<name>`` (optionally ``where`` a SQL condition) as a DataFrame, with
    nullable dtypes (a year column with gaps stays integer).

    ``df.attrs["label_zh"]`` and ``df.attrs["description"]`` map each column to its Chinese label
    and description; ``chinese_headers=True`` names the columns by their Chinese labels instead.
    """
    import pandas as pd
    import sqlalchemy as sa

    engine = connect(warehouse)
    labels = mart_labels(name, engine=engine)
    # the table name is one of MART_TABLES (checked above); the condition is the caller's own SQL
    sql = f"select * from marts.{name}" + (f" where {where}" if where else "")
    try:
        with engine.connect() as con:
            df = pd.read_sql_query(sa.text(sql), con, dtype_backend="numpy_nullable")
    except (sa.exc.DBAPIError, pd.errors.DatabaseError) as exc:  # pandas wraps SQLAlchemy's error
        cause = exc if isinstance(exc, sa.exc.DBAPIError) else exc.__cause__
        detail = str(getattr(cause, "orig", None) or exc).strip().splitlines()[0]
        raise ParkmartError(f"read_mart({name!r}, where={where!r}): {detail}") from exc
    finally:
        engine.dispose()
    df.attrs["label_zh"] = {c: label for c, label, _ in labels}
    df.attrs["description"] = {c: description for c, _, description in labels}
    if chinese_headers:
        df = df.rename(columns=df.attrs["label_zh"])
    return df


def check_mart(name: str) -> str:
    """``name`` if it is a mart table, else an error listing them.

    >>> check_mart("dim_park")
    'dim_park'
    >>> check_mart("raw.files")
    Traceback (most recent call last):
    ...
    parkmart.errors.ParkmartError: raw.files: not a mart table; choose one of dim_article, dim_date, dim_park, dim_project, dim_region, fct_cooperation, fct_investments, fct_mentions, fct_projects
    """
    if name not in MART_TABLES:
        raise ParkmartError(f"{name}: not a mart table; choose one of {', '.join(MART_TABLES)}")
    return name
