"""Progress bars of ``parkmart build`` and ``parkmart ingest`` (tqdm): files/s and ETA while
ingesting, dbt's nodes while it builds; nothing when stderr is not a terminal (logs, pipes, CI).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable
from typing import TextIO

from tqdm import tqdm

# A dbt line that finishes a node: "12:00:01  7 of 189 OK created sql table model marts.dim_park".
DBT_NODE_DONE = re.compile(r"^\S+\s+(\d+) of (\d+) (OK|PASS|ERROR|FAIL|WARN|SKIP|NO-OP)\b")
# Bar layout: stage, count, bar, elapsed<remaining, rate.
BAR_FORMAT = "{desc}: {n_fmt}/{total_fmt}{unit} |{bar}| {elapsed}<{remaining}, {rate_fmt}{postfix}"


def interactive(stream: TextIO | None = None) -> bool:
    """True when progress bars make sense: ``stream`` (stderr) is a terminal that is not 'dumb'."""
    stream = stream or sys.stderr
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def bar(stage: str, total: int, unit: str, stream: TextIO | None = None) -> tqdm:
    """A progress bar for one stage of the build, on ``stream`` (stderr); disabled off a terminal."""
    stream = stream or sys.stderr
    # the terminal's size (COLUMNS/LINES, else 80x24, when the terminal reports none: tqdm hides
    # bars below a screen of 0 lines)
    size = shutil.get_terminal_size()
    return tqdm(total=total, desc=stage, unit=unit, file=stream, disable=not interactive(stream),
                bar_format=BAR_FORMAT, ncols=size.columns, nrows=size.lines, mininterval=0.2, leave=True)


class FileProgress:
    """The ingest callback (done, total, name) drawing a bar of files with files/s and ETA.

    Off a terminal it draws nothing. ``close()`` ends the bar (the build calls it after ingest).
    """

    def __init__(self, stage: str = "ingest", stream: TextIO | None = None) -> None:
        self.stage, self.stream = stage, stream
        self.bar: tqdm | None = None

    def __call__(self, done: int, total: int, name: str) -> None:
        if self.bar is None:
            self.bar = bar(self.stage, total, " files", self.stream)
        self.bar.update(done - self.bar.n)
        if not self.bar.disable:
            self.bar.set_postfix_str(name[-40:], refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str("", refresh=False)
            self.bar.close()


class DbtProgress:
    """Reads dbt's output lines: a bar of nodes finished on a terminal, else the lines worth a log.

    >>> seen = []
    >>> progress = DbtProgress(echo=seen.append, interactive_stream=False)
    >>> progress.line("12:00:01  7 of 189 OK created sql table model marts.dim_park ...... [OK in 0.2s]")
    >>> progress.done, progress.total, seen
    (7, 189, ['7 of 189 OK created sql table model marts.dim_park ...... [OK in 0.2s]'])
    """

    # dbt output lines worth showing in a log: models built, failures, the totals.
    LOG_LINE = re.compile(r" OK (created|loaded)|ERROR|FAIL |WARN |Finished running|Done\. PASS=")
    # On a terminal, besides the bar: what went wrong and the totals.
    TERMINAL_LINE = re.compile(r"ERROR|FAIL |WARN |Done\. PASS=")

    def __init__(self, echo: Callable[[str], None], interactive_stream: bool | None = None,
                 stream: TextIO | None = None) -> None:
        self.echo = echo
        self.stream = stream
        self.interactive = interactive(stream) if interactive_stream is None else interactive_stream
        self.bar: tqdm | None = None
        self.done = self.total = 0

    def line(self, text: str) -> None:
        text = text.rstrip("\n")
        node = DBT_NODE_DONE.match(text)
        if node:
            self.done, self.total = max(self.done, int(node.group(1))), int(node.group(2))
        shown = text.split("  ", 1)[-1].strip()
        if not self.interactive:
            if self.LOG_LINE.search(text):
                self.echo(shown)
            return
        if node:
            if self.bar is None:
                self.bar = bar("dbt build", self.total, " nodes", self.stream)
            self.bar.update(self.done - self.bar.n)
        if self.TERMINAL_LINE.search(text):
            tqdm.write("  dbt " + shown, file=self.stream or sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
