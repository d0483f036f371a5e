"""Every client reads the warehouse: its own descriptions (table and column comments, the data
dictionary), table reflection through SQLAlchemy and pandas as notebooks and BI tools do it
(Superset's dataset creation calls the same inspector methods), the read-only Python API, and
a DuckDB 1.4 client (the drivers BI tools ship) opening the file read-only."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
import yaml

import parkmart
from parkmart.errors import ParkmartError
from parkmart.project import MART_TABLES, PROJECT_DIR
from tests.helpers import ROOT

HAN = re.compile(r"[一-鿿]")
MARTS_YML = PROJECT_DIR / "models" / "marts" / "_marts__models.yml"


@pytest.fixture(scope="module")
def manifest(sample_warehouse: Path) -> dict:
    """The manifest of the build that made the sample warehouse (descriptions rendered)."""
    return json.loads((ROOT / "target" / "last-build" / "manifest.json").read_text(encoding="utf-8"))


def yml_labels() -> dict[tuple[str, str], str]:
    models = yaml.safe_load(MARTS_YML.read_text(encoding="utf-8"))["models"]
    return {(m["name"], c["name"]): c["meta"]["label_zh"] for m in models for c in m["columns"]}


@pytest.fixture()
def engine(sample_warehouse: Path):
    engine = parkmart.connect(warehouse=sample_warehouse)
    yield engine
    engine.dispose()


def test_every_mart_column_has_its_description_as_comment(marts, manifest: dict) -> None:
    comments = {(t, c): comment for t, c, comment in marts.execute(
        "select table_name, column_name, comment from duckdb_columns() where schema_name = 'marts'").fetchall()}
    expected = {(n["name"], c["name"]): c["description"] for n in manifest["nodes"].values()
                if n["resource_type"] == "model" and n["fqn"][1] == "marts" for c in n["columns"].values()}
    assert set(comments) == set(expected)
    assert len(comments) >= 140
    for key, comment in comments.items():
        assert comment == expected[key], key
        assert HAN.search(comment), f"{key}: the comment names no Chinese term"


def test_every_mart_table_has_its_description_as_comment(marts, manifest: dict) -> None:
    comments = dict(marts.execute(
        "select table_name, comment from duckdb_tables() where schema_name = 'marts'").fetchall())
    assert set(comments) == set(MART_TABLES)
    for table, comment in comments.items():
        assert comment == manifest["nodes"][f"model.parkmart.{table}"]["description"]
        assert comment.startswith(("One row per", "The evidence layer")), table
        assert HAN.search(comment), table


def test_the_dictionary_holds_every_columns_chinese_label(marts) -> None:
    rows = marts.execute("select table_name, column_name, label_zh, description from dictionary.mart_columns").fetchall()
    labels = yml_labels()
    assert {(t, c): label for t, c, label, _ in rows} == labels
    assert all(HAN.search(label) for label in labels.values())
    columns = set(marts.execute("select table_name, column_name from duckdb_columns() "
                                "where schema_name = 'marts'").fetchall())
    assert {(t, c) for t, c, _, _ in rows} == columns
    assert ("fct_investments", "fact_year", "归属年份") in {(t, c, label) for t, c, label, _ in rows}


def test_sqlalchemy_reflects_the_marts_with_their_comments(engine: sa.Engine) -> None:
    inspector = sa.inspect(engine)
    assert sorted(inspector.get_table_names(schema="marts")) == sorted(MART_TABLES)
    assert "marts" in {s.split(".")[-1] for s in inspector.get_schema_names()}
    columns = inspector.get_columns("fct_investments", schema="marts")
    by_name = {c["name"]: c for c in columns}
    assert {"amount_cny", "fact_date", "fact_year", "fact_date_source"} <= set(by_name)
    assert isinstance(by_name["amount_cny"]["type"], sa.Float)
    assert isinstance(by_name["fact_date"]["type"], sa.Date)
    assert "(归属年份)" in by_name["fact_year"]["comment"]
    assert inspector.get_table_comment("dim_park", schema="marts")["text"].startswith("One row per distinct park")


@pytest.mark.parametrize("table", MART_TABLES)
def test_superset_dataset_creation_calls_succeed(engine: sa.Engine, table: str) -> None:
    """The inspector calls Superset makes to create a dataset from a physical table and preview it."""
    inspector = sa.inspect(engine)
    assert inspector.has_table(table, schema="marts")
    columns = inspector.get_columns(table, schema="marts")
    assert [c["name"] for c in columns] == [c["name"] for c in yaml_columns(table)]
    assert inspector.get_pk_constraint(table, schema="marts") is not None
    assert inspector.get_foreign_keys(table, schema="marts") == []
    with warnings.catch_warnings():  # duckdb-engine warns that it reflects no indexes
        warnings.simplefilter("ignore")
        assert inspector.get_indexes(table, schema="marts") == []
    assert inspector.get_table_comment(table, schema="marts")["text"]


def yaml_columns(table: str) -> list[dict]:
    models = yaml.safe_load(MARTS_YML.read_text(encoding="utf-8"))["models"]
    return next(m["columns"] for m in models if m["name"] == table)


def sql(engine: sa.Engine, query: str) -> list[tuple]:
    """Rows of a query through the engine (a plain duckdb connection to the same file in this process
    would need the same configuration as duckdb-engine's)."""
    with engine.connect() as con:
        return [tuple(r) for r in con.execute(sa.text(query)).fetchall()]


def test_pandas_read_sql_table_equals_sql(engine: sa.Engine) -> None:
    df = pd.read_sql_table("fct_investments", engine, schema="marts")
    assert list(df.columns) == [c["name"] for c in yaml_columns("fct_investments")]
    assert len(df) == sql(engine, "select count(*) from marts.fct_investments")[0][0]
    safe = sql(engine, "select sum(amount_cny) from marts.fct_investments where counts_in_totals")[0][0]
    assert df.loc[df["counts_in_totals"], "amount_cny"].sum() == pytest.approx(safe)


def test_read_mart_filters_and_labels(sample_warehouse: Path, engine: sa.Engine) -> None:
    df = parkmart.read_mart("fct_investments", where="counts_in_totals and fact_year is not null",
                            warehouse=sample_warehouse)
    by_year = df.groupby("fact_year")["amount_cny"].sum().to_dict()
    expected = dict(sql(engine, "select fact_year, sum(amount_cny) from marts.fct_investments "
                                "where counts_in_totals and fact_year is not null group by all"))
    assert len(expected) >= 2
    assert by_year == pytest.approx(expected)
    assert df.attrs["label_zh"]["amount_cny"] == yml_labels()[("fct_investments", "amount_cny")]
    assert "(年平均汇率)" in df.attrs["description"]["fx_rate_year"]
    chinese = parkmart.read_mart("dim_park", warehouse=sample_warehouse, chinese_headers=True)
    assert list(chinese.columns[:2]) == [yml_labels()[("dim_park", "park_id")], yml_labels()[("dim_park", "park_name")]]


def test_the_api_is_read_only_and_says_what_is_wrong(sample_warehouse: Path, engine: sa.Engine, tmp_path: Path) -> None:
    with engine.connect() as con, pytest.raises(sa.exc.DBAPIError, match="read-only"):
        con.execute(sa.text("create table marts.x (a int)"))
    with pytest.raises(ParkmartError, match="not a mart table"):
        parkmart.read_mart("raw.files", warehouse=sample_warehouse)
    with pytest.raises(ParkmartError, match="no_such_column"):
        parkmart.read_mart("dim_park", where="no_such_column = 1", warehouse=sample_warehouse)
    with pytest.raises(ParkmartError, match="no warehouse here"):
        parkmart.connect(warehouse=tmp_path / "absent.duckdb")


# A DuckDB 1.4 client (the version the drivers of BI tools ship) in its own virtualenv, cached.
DUCKDB_14 = "1.4.5"
CLIENT_VENV = ROOT / "target" / "clients" / f"duckdb-{DUCKDB_14}"
CLIENT_SCRIPT = """
import json, sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(json.dumps({
    "version": duckdb.__version__,
    "safe_total": con.execute("select sum(amount_cny) from marts.fct_investments where counts_in_totals").fetchone()[0],
    "by_year": con.execute("select fact_year, sum(amount_cny) from marts.fct_investments where counts_in_totals "
                           "group by all order by 1 nulls last").fetchall(),
    "comment": con.execute("select comment from duckdb_columns() where schema_name = 'marts' "
                           "and table_name = 'fct_investments' and column_name = 'fact_year'").fetchone()[0],
}))
"""


@pytest.fixture(scope="module")
def duckdb14_python() -> Path:
    python = CLIENT_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(CLIENT_VENV)], check=True)
        proc = subprocess.run([str(CLIENT_VENV / "bin" / "pip"), "install", "--quiet", f"duckdb=={DUCKDB_14}"],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            pytest.skip(f"could not install duckdb=={DUCKDB_14} from the package index: {proc.stderr[-500:]}")
    return python


def test_duckdb_14_reads_the_warehouse_read_only(duckdb14_python: Path, sample_warehouse: Path, marts) -> None:
    proc = subprocess.run([str(duckdb14_python), "-c", CLIENT_SCRIPT, str(sample_warehouse)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    assert seen["version"] == DUCKDB_14
    safe, by_year = marts.execute("select sum(amount_cny) filter (where counts_in_totals) from marts.fct_investments"
                                  ).fetchone()[0], marts.execute(
        "select fact_year, sum(amount_cny) from marts.fct_investments where counts_in_totals "
        "group by all order by 1 nulls last").fetchall()
    assert seen["safe_total"] == pytest.approx(safe)
    assert [tuple(r) for r in seen["by_year"]] == [tuple(r) for r in by_year]
    assert "(归属年份)" in seen["comment"]
