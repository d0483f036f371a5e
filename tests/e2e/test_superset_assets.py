"""The Superset dashboard bundle under bi/superset/: static checks in the default run (YAML parses,
references resolve, every dataset's SQL returns rows on the sample warehouse), and an opt-in
end-to-end run (PARKMART_SUPERSET=1) of bi/superset.sh that installs Superset, imports the bundle
and runs every chart's query through Superset."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import duckdb
import pytest
import yaml

from tests.helpers import ROOT

BUNDLE = ROOT / "bi" / "superset"
EXPECTED_CHARTS = {"investment_by_province_quarter", "top_parks", "project_lifecycle", "cross_region_links",
                   "latest_projects", "announced_investment_total"}
# A metric expression of a dataset: an aggregate over one of its columns, or COUNT(*).
METRIC_EXPR = re.compile(r"^(SUM|COUNT|AVG|MIN|MAX)\((\*|\w+)\)$")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def datasets() -> dict[str, dict]:
    return {d["uuid"]: d for d in map(load, sorted(BUNDLE.glob("datasets/*/*.yaml")))}


def charts() -> dict[str, dict]:
    return {p.stem: load(p) for p in sorted(BUNDLE.glob("charts/*.yaml"))}


def test_bundle_has_the_import_layout() -> None:
    assert load(BUNDLE / "metadata.yaml") | {"timestamp": None} == {
        "version": "1.0.0", "type": "Dashboard", "timestamp": None}
    assert [p.name for p in sorted((BUNDLE / "databases").glob("*.yaml"))] == ["parkmart.yaml"]
    assert len(list((BUNDLE / "dashboards").glob("*.yaml"))) == 1
    assert set(charts()) == EXPECTED_CHARTS


@pytest.mark.parametrize("name", ["latest_projects", "top_parks"])
def test_table_charts_show_article_text_as_text_not_html(name: str) -> None:
    """A title or URL from an article (javascript:…, <img onerror>) must never be rendered as HTML."""
    assert charts()[name]["params"]["allow_render_html"] is False


def test_database_is_duckdb_and_read_only() -> None:
    db = load(BUNDLE / "databases" / "parkmart.yaml")
    assert db["sqlalchemy_uri"].startswith("duckdb:///")
    assert db["extra"]["engine_params"]["connect_args"] == {"read_only": True}
    assert not (db["allow_dml"] or db["allow_ctas"] or db["allow_cvas"] or db["allow_file_upload"])
    assert {d["database_uuid"] for d in datasets().values()} == {db["uuid"]}


@pytest.mark.parametrize("name", sorted(EXPECTED_CHARTS))
def test_chart_references_its_dataset_columns_and_metrics(name: str) -> None:
    chart = charts()[name]
    dataset = datasets().get(chart["dataset_uuid"])
    assert dataset is not None, f"charts/{name}.yaml: dataset_uuid {chart['dataset_uuid']} is not in datasets/"
    params = chart["params"]
    assert params["viz_type"] == chart["viz_type"]
    columns = {c["column_name"] for c in dataset["columns"]}
    metrics = {m["metric_name"] for m in dataset["metrics"]}
    used_columns = [*params.get("groupby", []), *params.get("all_columns", [])]
    used_columns += [params[k] for k in ("x_axis", "source", "target") if k in params]
    used_columns += [json.loads(o)[0] for o in params.get("order_by_cols", [])]
    used_metrics = [*params.get("metrics", [])]
    used_metrics += [params[k] for k in ("metric", "timeseries_limit_metric") if k in params]
    assert used_columns or used_metrics
    assert set(used_columns) <= columns, set(used_columns) - columns
    assert set(used_metrics) <= metrics, set(used_metrics) - metrics


def test_dashboard_places_every_chart_once() -> None:
    (dashboard,) = map(load, (BUNDLE / "dashboards").glob("*.yaml"))
    placed = [v["meta"]["uuid"] for v in dashboard["position"].values()
              if isinstance(v, dict) and v.get("type") == "CHART"]
    assert sorted(placed) == sorted(c["uuid"] for c in charts().values())
    rows = [v for v in dashboard["position"].values() if isinstance(v, dict) and v.get("type") == "ROW"]
    for row in rows:  # a row of Superset's grid is 12 columns wide
        assert sum(dashboard["position"][c]["meta"]["width"] for c in row["children"]) <= 12


def test_uuids_are_unique() -> None:
    uuids = [d["uuid"] for d in datasets().values()] + [c["uuid"] for c in charts().values()]
    uuids += [load(p)["uuid"] for p in BUNDLE.glob("d*s/*.yaml")]
    assert len(uuids) == len(set(uuids))


@pytest.mark.parametrize("dataset", sorted(datasets().values(), key=lambda d: d["table_name"]),
                         ids=lambda d: d["table_name"])
def test_dataset_sql_returns_rows_with_its_declared_columns(sample_warehouse: Path, dataset: dict) -> None:
    """Superset wraps a virtual dataset's SQL as a subquery; do the same on the sample warehouse."""
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        rel = con.execute(f"select * from ({dataset['sql']}) as virtual_table")
        names = [c[0] for c in rel.description]
        rows = rel.fetchall()
        assert rows, f"dataset {dataset['table_name']} returned no rows"
        assert names == [c["column_name"] for c in dataset["columns"]]
        for metric in dataset["metrics"]:
            assert METRIC_EXPR.match(metric["expression"]), metric["expression"]
            (value,) = con.execute(f"select {metric['expression']} from ({dataset['sql']}) as virtual_table").fetchone()
            assert value is not None and value > 0, (dataset["table_name"], metric["metric_name"])


def test_announced_investment_dataset_total_equals_the_marts(sample_warehouse: Path) -> None:
    (dataset,) = [d for d in datasets().values() if d["table_name"] == "investment_by_province_quarter"]
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        (from_dataset,) = con.execute(f"select sum(amount_yi) from ({dataset['sql']}) as v").fetchone()
        (from_marts,) = con.execute(
            "select sum(amount_cny) filter (where counts_in_totals) / 1e8 from marts.fct_investments").fetchone()
    assert from_dataset == pytest.approx(from_marts)


@pytest.mark.skipif(os.environ.get("PARKMART_SUPERSET") != "1",
                    reason="opt-in: PARKMART_SUPERSET=1 installs Superset in bi/.venv-superset and runs it")
def test_superset_imports_the_dashboard_and_every_chart_returns_rows(sample_warehouse: Path,
                                                                     tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    warehouse.write_bytes(sample_warehouse.read_bytes())
    proc = subprocess.run(["bash", str(ROOT / "bi" / "superset.sh")], capture_output=True, text=True,
                          timeout=3600, cwd=ROOT,
                          env={**os.environ, "PARKMART_WAREHOUSE": str(warehouse), "SUPERSET_NO_SERVE": "1",
                               "SUPERSET_HOME": str(tmp_path / "superset-home")})
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    lines = proc.stdout.splitlines()
    ok = [line for line in lines if line.strip().startswith("ok ")]
    assert len(ok) == len(EXPECTED_CHARTS), proc.stdout[-4000:]
    assert f"{len(EXPECTED_CHARTS)} of {len(EXPECTED_CHARTS)} chart queries returned rows" in lines


HAN = re.compile(r"[一-鿿]")


def test_dataset_columns_carry_the_marts_chinese_labels(sample_warehouse: Path) -> None:
    """A dataset column named like a column of a mart it reads has that column's label_zh as verbose
    name and its description; computed columns (province, amount_yi …) have their own Chinese label."""
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:
        rows = con.execute("select table_name, column_name, label_zh, description from dictionary.mart_columns").fetchall()
    dictionary = {(t, c): (label, description) for t, c, label, description in rows}
    checked = 0
    for dataset in datasets().values():
        tables = set(re.findall(r"marts\.(\w+)", dataset["sql"]))
        for column in dataset["columns"]:
            name = column["column_name"]
            assert column["verbose_name"] and HAN.search(column["verbose_name"]), (dataset["table_name"], name)
            assert column["description"], (dataset["table_name"], name)
            sources = {dictionary[(t, name)] for t in tables if (t, name) in dictionary}
            if sources:
                assert (column["verbose_name"], column["description"]) in sources, (dataset["table_name"], name)
                checked += 1
        for metric in dataset["metrics"]:
            assert HAN.search(metric["verbose_name"]), (dataset["table_name"], metric["metric_name"])
    assert checked >= 20


def test_datasets_date_facts_by_fact_date() -> None:
    """The one year rule: datasets bucket by fact_date/fact_year, never by event_date or published_date."""
    for dataset in datasets().values():
        assert not re.search(r"\b(event_date|published_date)\b", dataset["sql"]), dataset["table_name"]
        if dataset["main_dttm_col"]:
            assert dataset["main_dttm_col"] in {"fact_date", "quarter_start"}, dataset["table_name"]
