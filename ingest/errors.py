"""The exception hierarchy: one base class, subclasses carry where things went wrong."""

from __future__ import annotations


class ParkmartError(Exception):
    """Base class of every error parkmart raises on purpose."""


class InputFileError(ParkmartError):
    """An input file that cannot be ingested; it is recorded in raw.rejected_files.

    >>> str(InputFileError("corpus/a.txt", "decode", "empty file", "remove it or add text"))
    'corpus/a.txt: empty file; remove it or add text'
    """

    def __init__(self, path: str, stage: str, reason: str, advice: str,
                 sha256: str | None = None, size_bytes: int | None = None) -> None:
        self.path = path
        self.stage = stage
        self.reason = reason
        self.advice = advice
        self.sha256 = sha256  # of the bytes on disk, when they could be read
        self.size_bytes = size_bytes  # as found on disk, when it could be stat'ed
        super().__init__(f"{path}: {reason}; {advice}")


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
