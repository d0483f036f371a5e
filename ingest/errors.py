"""The ingest stage's exceptions: one base class, subclasses carry the file they concern."""

from __future__ import annotations


class IngestError(Exception):
    """Base class of every error the ingest stage raises on purpose."""


class InputFileError(IngestError):
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


class WarehouseFileError(IngestError):
    """The warehouse path holds a file that is not a DuckDB database; it is left untouched.

    >>> str(WarehouseFileError("w.duckdb", "it starts with b'x\\n'"))
    "w.duckdb: not a DuckDB database (it starts with b'x\\n'); parkmart leaves it alone: move it away, or pass --warehouse with another file name"
    """

    def __init__(self, path: str, what: str) -> None:
        self.path = path
        super().__init__(f"{path}: not a DuckDB database ({what}); parkmart leaves it alone: move it away, "
                         "or pass --warehouse with another file name")
