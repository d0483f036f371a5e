"""`parkmart export`: Parquet, CSV and Excel files written from the marts, read back and compared with SQL."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from parkmart.export import DESCRIPTION_SHEET, XLSX_NAME, CellCounts
from parkmart.project import MART_TABLES
from tests.helpers import run_cli


def sql_rows(marts, table: str, where: str = "true") -> list[tuple]:
    return marts.execute(f"select * from marts.{table} where {where}").fetchall()


def export(sample_warehouse: Path, out: Path, fmt: str, *args: str) -> list[str]:
    proc = run_cli("export", "--warehouse", str(sample_warehouse), "--format", fmt, "--out", str(out), *args)
    return proc.stdout.splitlines()


@pytest.fixture(scope="module")
def parquet_dir(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("parquet")
    return out, export(sample_warehouse, out, "parquet")


@pytest.mark.parametrize("table", MART_TABLES)
def test_parquet_round_trip_equals_sql(parquet_dir, marts, table: str) -> None:
    out, lines = parquet_dir
    rows = sql_rows(marts, table)
    assert f"wrote {out / table}.parquet: {len(rows)} rows, " in "\n".join(lines)
    read = pq.read_table(out / f"{table}.parquet")
    names = [d[0] for d in marts.execute(f"select * from marts.{table} limit 0").description]
    assert read.column_names == names
    assert [tuple(r.values()) for r in read.to_pylist()] == rows


def test_csv_round_trip_equals_sql(sample_warehouse: Path, tmp_path: Path, marts) -> None:
    lines = export(sample_warehouse, tmp_path, "csv", "--tables", "fct_investments", "dim_park")
    assert len(lines) == 2
    with (tmp_path / "fct_investments.csv").open(encoding="utf-8", newline="") as handle:
        read = list(csv.DictReader(handle))
    expected = marts.execute("select investment_id, amount_cny, fact_date, evidence_text, counts_in_totals "
                             "from marts.fct_investments").fetchall()
    assert [(r["investment_id"], float(r["amount_cny"]) if r["amount_cny"] else None, r["fact_date"] or None,
             r["evidence_text"], r["counts_in_totals"] == "true") for r in read] == [
        (i, a, d.isoformat() if d else None, e, c) for i, a, d, e, c in expected]
    with (tmp_path / "dim_park.csv").open(encoding="utf-8", newline="") as handle:
        parks = {r["park_id"]: json.loads(r["aliases"]) for r in csv.DictReader(handle)}
    assert parks == dict(marts.execute("select park_id, aliases from marts.dim_park").fetchall())


def test_where_filters_every_table_exported(sample_warehouse: Path, tmp_path: Path, marts) -> None:
    lines = export(sample_warehouse, tmp_path, "parquet", "--tables", "fct_investments,fct_projects",
                   "--where", "fact_year = 2021")
    for table in ("fct_investments", "fct_projects"):
        n = marts.execute(f"select count(*) from marts.{table} where fact_year = 2021").fetchone()[0]
        assert n > 0
        assert pq.read_table(tmp_path / f"{table}.parquet").num_rows == n
        assert f"wrote {tmp_path / table}.parquet: {n} rows, " in "\n".join(lines)


def test_bad_where_names_the_table_and_writes_nothing(sample_warehouse: Path, tmp_path: Path) -> None:
    proc = run_cli("export", "--warehouse", str(sample_warehouse), "--format", "csv", "--out", str(tmp_path),
                   "--where", "fact_year = 2021", check=False)
    assert proc.returncode == 1
    assert "marts.dim_article: export failed: Binder Error" in proc.stderr
    assert "pass --tables" in proc.stderr
    assert list(tmp_path.iterdir()) == []
    proc = run_cli("export", "--warehouse", str(sample_warehouse), "--format", "csv", "--out", str(tmp_path),
                   "--tables", "raw.files", check=False)
    assert proc.returncode == 1 and "raw.files: not a mart table" in proc.stderr


def test_where_cannot_write_or_read_files(sample_warehouse: Path, tmp_path: Path) -> None:
    proc = run_cli("export", "--warehouse", str(sample_warehouse), "--format", "csv", "--out", str(tmp_path),
                   "--tables", "dim_park", "--where", "(select count(*) from read_csv('/etc/passwd')) > 0",
                   check=False)
    assert proc.returncode == 1 and "export failed" in proc.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def workbook(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("xlsx")
    lines = export(sample_warehouse, out, "xlsx")
    return load_workbook(out / XLSX_NAME, read_only=True), lines


def test_workbook_has_a_sheet_per_mart_with_chinese_and_english_headers(workbook, marts) -> None:
    book, lines = workbook
    assert book.sheetnames == [*MART_TABLES, DESCRIPTION_SHEET]
    labels = marts.execute("select table_name, column_name, label_zh from dictionary.mart_columns "
                           "order by table_name, column_position").fetchall()
    for table in MART_TABLES:
        rows = list(book[table].iter_rows(values_only=True))
        expected = [(c, label) for t, c, label in labels if t == table]
        assert list(zip(rows[1], rows[0], strict=True)) == expected, table
        assert len(rows) - 2 == marts.execute(f"select count(*) from marts.{table}").fetchone()[0]
        assert any(line.endswith(f"(sheet {table}): {len(rows) - 2} rows, {len(expected)} columns") for line in lines)


def test_workbook_values_equal_sql(workbook, marts) -> None:
    book, _ = workbook
    rows = list(book["fct_investments"].iter_rows(min_row=2, values_only=True))
    names = rows[0]
    # openpyxl's read-only rows end at their last non-empty cell
    got = {r[names.index("investment_id")]: r + (None,) * (len(names) - len(r)) for r in rows[1:]}
    expected = marts.execute("select investment_id, amount_cny, currency, fact_year, evidence_text "
                             "from marts.fct_investments").fetchall()
    assert len(got) == len(expected)
    for investment_id, amount, currency, year, evidence in expected:
        row = got[investment_id]
        assert row[names.index("amount_cny")] == pytest.approx(amount, rel=1e-15)  # Excel keeps 15 digits
        assert row[names.index("currency")] == currency
        assert row[names.index("fact_year")] == year
        assert row[names.index("evidence_text")] == evidence
    dates = list(book["dim_date"].iter_rows(min_row=3, max_row=3, values_only=True))[0]
    first_day = marts.execute("select min(date_day) from marts.dim_date").fetchone()[0]
    assert dates[0].date() == first_day


def test_description_sheet_describes_every_table_and_column(workbook, marts) -> None:
    book, _ = workbook
    rows = list(book[DESCRIPTION_SHEET].iter_rows(min_row=3, values_only=True))
    columns = {(t, c): (label, d) for t, c, label, _, d in rows if c}
    expected = {(t, c): (label, d) for t, c, label, d in marts.execute(
        "select table_name, column_name, label_zh, description from dictionary.mart_columns").fetchall()}
    assert columns == expected
    tables = {t: d for t, c, _, _, d in rows if not c}
    assert set(tables) == set(MART_TABLES)
    assert tables["fct_investments"].startswith("One row per monetary amount (金额)")


def test_cell_counts_report_what_excel_cannot_hold() -> None:
    counts = CellCounts()
    assert counts.cell("园区\x0b名称") == "园区名称"
    assert len(counts.cell("长" * 40_000)) == 32_767
    assert counts.cell(None) is None and counts.cell(3) == 3
    assert counts.note() == "1 cells cut to 32,767 characters (Excel's limit), 1 cells had control characters removed"


def test_export_reads_the_warehouse_read_only(sample_warehouse: Path, tmp_path: Path, marts) -> None:
    """Another reader holds the file open meanwhile (a writer could not lock it)."""
    lines = export(sample_warehouse, tmp_path, "parquet", "--tables", "dim_region")
    rows, columns = marts.execute("select count(*), (select count(*) from duckdb_columns() where schema_name = "
                                  "'marts' and table_name = 'dim_region') from marts.dim_region").fetchone()
    assert lines == [f"wrote {tmp_path / 'dim_region.parquet'}: {rows} rows, {columns} columns"]
