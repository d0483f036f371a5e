"""Read-only queries against the warehouse, formatted as an aligned table, CSV or JSON.

``parkmart query`` is safe to hand a SQL string from an analyst: the file is opened
read-only (no write, create, drop or attach succeeds) with DuckDB's external access off
and the configuration locked, so a statement can neither read nor write other files
(``read_csv('/etc/…')``, ``COPY … TO``), install extensions nor switch that back on.
Every failure comes back as a QueryError with DuckDB's message, never a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import unicodedata
from decimal import Decimal
from pathlib import Path

import duckdb

from parkmart.errors import QueryError, WarehouseMissingError

# Settings of the query connection: no file system, network or extension access, and
# no SET that could turn it back on.
QUERY_CONFIG = {"enable_external_access": False, "lock_configuration": True}


def connect_read_only(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """A read-only, sandboxed connection to a warehouse file (see QUERY_CONFIG)."""
    if not warehouse.exists():
        raise WarehouseMissingError(str(warehouse))
    try:
        return duckdb.connect(str(warehouse), read_only=True, config=dict(QUERY_CONFIG))
    except duckdb.Error as exc:
        raise QueryError(str(warehouse), _first_line(exc),
                         "check that it is a DuckDB file written by `parkmart build`") from exc


def run_query(warehouse: Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Run one SQL statement on a read-only connection; returns (columns, rows)."""
    con = connect_read_only(warehouse)
    try:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description] if cursor.description else []
        return columns, cursor.fetchall()
    except duckdb.Error as exc:
        raise QueryError(str(warehouse), _first_line(exc), _advice(exc)) from exc
    finally:
        con.close()


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _advice(exc: duckdb.Error) -> str:
    """What to do about a failed query, by the kind of DuckDB error."""
    text = str(exc)
    if "read-only mode" in text:
        return "parkmart query is read-only; change data by changing the corpus and running `parkmart build`"
    if isinstance(exc, duckdb.PermissionException) or "configuration has been locked" in text:
        return "parkmart query cannot read or write other files or change settings; query the marts schema only"
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
