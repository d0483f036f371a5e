"""Read-only queries against the warehouse, formatted as an aligned table, CSV or JSON.

``parkmart query`` is safe to hand a SQL string from an analyst. Three independent layers
keep it from writing anything (see docs/SAFETY.md):

1. DuckDB's own parser (``duckdb.extract_statements``) must find exactly one statement of
   type SELECT (``select``, ``with``, ``from``, ``values``, ``describe``, ``summarize``,
   ``show``); COPY, EXPORT, ATTACH, PRAGMA, CALL, SET, CREATE and every other kind is refused
   before anything runs. DuckDB cannot write a file from a SELECT.
2. The connection is read-only, with external access (files, network, extensions) off, no
   temporary directory to spill to, a memory cap, and its configuration locked. DuckDB
   still lets such a connection write its own database file and WAL paths (``COPY … TO
   '<warehouse>.wal'``), which is why layer 1 exists.
3. On Linux with Landlock (5.13+), the ``parkmart query`` process asks the kernel to refuse
   it every file write, creation, removal or rename before it opens the warehouse
   (``forbid_file_writes``); its output goes to the already open stdout.

A statement runs at most ``timeout`` seconds (then the connection is interrupted) within
``memory_limit`` of DuckDB memory. Every failure comes back as a QueryError with DuckDB's
message, never a traceback.
"""

from __future__ import annotations

import csv
import ctypes
import datetime as dt
import io
import json
import math
import sys
import threading
import unicodedata
from decimal import Decimal
from pathlib import Path

import duckdb

from parkmart.errors import QueryError, WarehouseMissingError

DEFAULT_TIMEOUT_SECONDS = 60.0
DEFAULT_MEMORY_LIMIT = "2GB"
# Settings of the query connection: no file system, network or extension access, no
# temporary files (a query that needs more than the memory limit fails instead of
# spilling), and no SET that could turn any of that back on. memory_limit is added per call.
QUERY_CONFIG = {"enable_external_access": False, "temp_directory": "", "lock_configuration": True}
# The statement types a query may be: DuckDB parses select/with/from/values/table/
# describe/summarize/show as SELECT.
ALLOWED_STATEMENTS = {duckdb.StatementType.SELECT}


def check_statement(sql: str, warehouse: Path) -> str:
    """The one SELECT statement in ``sql``, as DuckDB's parser reads it; QueryError otherwise.

    >>> check_statement("select 1;", Path("w.duckdb"))
    'select 1'
    >>> check_statement("copy (select 1) to 'w.duckdb'", Path("w.duckdb"))
    Traceback (most recent call last):
    ...
    parkmart.errors.QueryError: w.duckdb: query failed: COPY statements are not reads; parkmart query runs one SELECT statement (select, with, from, describe, summarize, show) and nothing else
    """
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(str(warehouse), _first_line(exc), _advice(exc)) from exc
    if len(statements) != 1:
        raise QueryError(str(warehouse), f"{len(statements)} statements given",
                         "parkmart query runs exactly one SELECT statement; run them one at a time")
    statement = statements[0]
    if statement.type not in ALLOWED_STATEMENTS:
        kind = str(statement.type).rsplit(".", 1)[-1]
        raise QueryError(str(warehouse), f"{kind} statements are not reads",
                         "parkmart query runs one SELECT statement (select, with, from, describe, "
                         "summarize, show) and nothing else")
    return statement.query.strip().rstrip(";").strip()


def connect_read_only(warehouse: Path, memory_limit: str = DEFAULT_MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """A read-only, sandboxed connection to a warehouse file (see QUERY_CONFIG)."""
    if not warehouse.exists():
        raise WarehouseMissingError(str(warehouse))
    try:
        return duckdb.connect(str(warehouse), read_only=True,
                              config={**QUERY_CONFIG, "memory_limit": memory_limit})
    except duckdb.Error as exc:
        raise QueryError(str(warehouse), _first_line(exc),
                         "check that it is a DuckDB file written by `parkmart build`, and that "
                         "--memory-limit is a size such as 2GB") from exc


def run_query(warehouse: Path, sql: str, timeout: float = DEFAULT_TIMEOUT_SECONDS,
              memory_limit: str = DEFAULT_MEMORY_LIMIT) -> tuple[list[str], list[tuple]]:
    """Run one SELECT statement on a sandboxed connection; returns (columns, rows).

    The statement is checked by DuckDB's parser first (``check_statement``); after
    ``timeout`` seconds the connection is interrupted and QueryError raised.
    """
    statement = check_statement(sql, warehouse)
    con = connect_read_only(warehouse, memory_limit)
    timer = threading.Timer(timeout, con.interrupt)
    timer.daemon = True
    timer.start()
    try:
        cursor = con.execute(statement)
        columns = [d[0] for d in cursor.description] if cursor.description else []
        return columns, cursor.fetchall()
    except duckdb.InterruptException as exc:
        raise QueryError(str(warehouse), f"stopped after the {timeout:g} s time limit",
                         "make the query cheaper (filter, aggregate, limit) or pass a larger --timeout") from exc
    except duckdb.Error as exc:
        raise QueryError(str(warehouse), _first_line(exc), _advice(exc)) from exc
    finally:
        timer.cancel()
        con.close()


# Landlock (Linux): syscall numbers (the same on every architecture) and file access rights.
LANDLOCK_CREATE_RULESET, LANDLOCK_RESTRICT_SELF = 444, 446
LANDLOCK_CREATE_RULESET_VERSION = 1
PR_SET_NO_NEW_PRIVS = 38
# write_file, remove_dir, remove_file, make_char/dir/reg/sock/fifo/block/sym (ABI 1),
# refer: link or rename into another directory (ABI 2), truncate (ABI 3).
LANDLOCK_WRITE_ACCESS = {1: sum(1 << bit for bit in (1, 4, 5, 6, 7, 8, 9, 10, 11, 12)), 2: 1 << 13, 3: 1 << 14}


def forbid_file_writes() -> bool:
    """Ask the kernel to refuse this process (and its children) every file write from now on.

    Reading stays allowed, and so does writing to descriptors already open (stdout). It
    cannot be undone, so only the ``parkmart query`` command calls it, never the library.
    Returns False where Landlock is not available (not Linux, kernel before 5.13, disabled).
    """
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    abi = libc.syscall(LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0),
                       ctypes.c_uint32(LANDLOCK_CREATE_RULESET_VERSION))
    if abi < 1:
        return False
    handled = ctypes.c_uint64(sum(bits for version, bits in LANDLOCK_WRITE_ACCESS.items() if version <= abi))
    ruleset = libc.syscall(LANDLOCK_CREATE_RULESET, ctypes.byref(handled), ctypes.c_size_t(ctypes.sizeof(handled)),
                           ctypes.c_uint32(0))
    if ruleset < 0:
        return False
    try:  # no rule is added: every handled access is denied everywhere
        if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return False
        return libc.syscall(LANDLOCK_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0)) == 0
    finally:
        libc.close(ruleset)


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _advice(exc: duckdb.Error) -> str:
    """What to do about a failed query, by the kind of DuckDB error."""
    text = str(exc)
    if "read-only mode" in text:
        return "parkmart query is read-only; change data by changing the corpus and running `parkmart build`"
    if isinstance(exc, duckdb.PermissionException) or "configuration has been locked" in text:
        return "parkmart query cannot read or write other files or change settings; query the marts schema only"
    if isinstance(exc, duckdb.OutOfMemoryException):
        return "the query needs more than --memory-limit; aggregate or filter more, or pass a larger --memory-limit"
    return "see `parkmart query \"select table_schema, table_name from information_schema.tables\"` for the tables"


def format_number(value: float | Decimal) -> str:
    """A float or decimal in full: every digit of its shortest exact form, thousands separated.

    >>> format_number(22276400000000.0), format_number(950000000.5), format_number(0.1 + 0.2)
    ('22,276,400,000,000.0', '950,000,000.5', '0.30000000000000004')
    >>> format_number(1e22), format_number(Decimal("1234.50")), format_number(float("nan"))
    ('10,000,000,000,000,000,000,000.0', '1,234.50', 'nan')
    """
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        exact = Decimal(repr(value))
        text = format(exact, ",f")
        return text if "." in text else text + ".0"
    return format(value, ",f")


def format_cell(value: object) -> str:
    """A value as ``parkmart query`` prints it: floats and decimals in full with separators,
    integers as they are (years and codes read wrong with separators), nothing for null.

    >>> format_cell(2.22764e13), format_cell(2024), format_cell(None), format_cell(True)
    ('22,276,400,000,000.0', '2024', '', 'True')
    """
    if value is None:
        return ""
    if isinstance(value, (float, Decimal)):
        return format_number(value)
    return str(value)


def _width(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_table(columns: list[str], rows: list[tuple], max_width: int | None = None) -> str:
    """An aligned text table, numbers right-aligned; cells are cut with '…' only at ``max_width``.

    >>> print(format_table(["a", "名称", "amount_cny"], [(1, "嘉定区", 9.5e8), (12, "昆山市", 1.25)]))
     a | 名称   |    amount_cny
    ---+--------+--------------
     1 | 嘉定区 | 950,000,000.0
    12 | 昆山市 |          1.25
    (2 rows)
    >>> print(format_table(["title"], [("长三角一体化示范区",)], max_width=9))
    title
    ---------
    长三角一…
    (1 row)
    """
    cells = [[_cut(format_cell(v), max_width) for v in row] for row in rows]
    numeric = [bool(rows) and all(isinstance(r[i], (int, float, Decimal)) and not isinstance(r[i], bool)
                                  for r in rows if r[i] is not None) and any(r[i] is not None for r in rows)
               for i in range(len(columns))]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        return " | ".join(" " * (w - _width(v)) + v if right else v + " " * (w - _width(v))
                          for v, w, right in zip(values, widths, numeric, strict=True)).rstrip()

    out = [line(columns), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _cut(text: str, limit: int | None) -> str:
    text = text.replace("\n", " ")
    if limit is None or _width(text) <= limit:
        return text
    out, width = "", 0
    for c in text:
        width += _width(c)
        if width > limit - 1:
            break
        out += c
    return out + "…"


def format_csv(columns: list[str], rows: list[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[_json_value(v) if isinstance(v, (list, dict)) else v for v in r] for r in rows])
    return buffer.getvalue()


def _json_value(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if hasattr(value, "__float__") and not isinstance(value, (int, float, bool)):
        return float(value)
    return value


def format_json(columns: list[str], rows: list[tuple]) -> str:
    return json.dumps([{c: _json_value(v) for c, v in zip(columns, r, strict=True)} for r in rows],
                      ensure_ascii=False, indent=2)


FORMATTERS = {"table": format_table, "csv": format_csv, "json": format_json}
