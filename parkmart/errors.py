"""The application's exceptions: one base class, subclasses carry where things went wrong.

The ingest stage has its own base (``ingest.errors.IngestError``); the CLI reports both.
"""

from __future__ import annotations


class ParkmartError(Exception):
    """Base class of every error the parkmart application raises on purpose."""


class BuildError(ParkmartError):
    """The build as a whole failed (dbt error, failed tests); the old warehouse is kept."""


class BuildLockedError(BuildError):
    """Another ``parkmart build`` is writing the same warehouse right now."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"{path}: another parkmart build of this warehouse is running; "
                         "wait for it to finish (the lock is released when it exits, even if killed)")


class QueryError(ParkmartError):
    """A ``parkmart query`` statement failed: a write on the read-only warehouse, a SQL error.

    >>> str(QueryError("w.duckdb", "Catalog Error: Table with name x does not exist!"))
    'w.duckdb: query failed: Catalog Error: Table with name x does not exist!'
    """

    def __init__(self, path: str, detail: str, advice: str = "") -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"{path}: query failed: {detail}" + (f"; {advice}" if advice else ""))


class WarehouseMissingError(ParkmartError):
    """A command needs a warehouse file that does not exist yet."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"{path}: no warehouse here; run `parkmart build` first")


class ExportError(ParkmartError):
    """``parkmart export`` could not write a table: a bad --where, a sheet too large for Excel.

    >>> str(ExportError("marts.dim_park", "Binder Error: column x not found"))
    'marts.dim_park: export failed: Binder Error: column x not found'
    """

    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        super().__init__(f"{path}: export failed: {detail}")
