"""The exception hierarchy: one base class, subclasses carry where things went wrong."""

from __future__ import annotations


class ParkmartError(Exception):
    """Base class of every error parkmart raises on purpose."""


class InputFileError(ParkmartError):
    """An input file that cannot be ingested; it is recorded in raw.rejected_files.

    >>> str(InputFileError("corpus/a.txt", "decode", "empty file", "remove it or add text"))
    'corpus/a.txt: empty file; remove it or add text'
    """

    def __init__(self, path: str, stage: str, reason: str, advice: str) -> None:
        self.path = path
        self.stage = stage
        self.reason = reason
        self.advice = advice
        super().__init__(f"{path}: {reason}; {advice}")


class BuildError(ParkmartError):
    """The build as a whole failed (dbt error, failed tests); the old warehouse is kept."""


class WarehouseMissingError(ParkmartError):
    """A command needs a warehouse file that does not exist yet."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"{path}: no warehouse here; run `parkmart build` first")
