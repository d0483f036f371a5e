"""The MetricFlow semantic layer (models/semantic/): dbt accepts it, MetricFlow validates it
against the sample warehouse, and `mf query` prints the same numbers as the SQL twin run
through `parkmart query`."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.helpers import ROOT, run_cli

BIN = Path(sys.executable).parent
EXPECTED_METRICS = {
    "announced_investment_cny", "announced_investment_yi", "investment_amounts",
    "projects_announced", "project_events", "distinct_projects", "parks", "co_built_parks",
    "cooperation_links", "articles",
}
EXPECTED_SEMANTIC_MODELS = {
    "investments", "project_events", "projects", "parks", "cooperation_links", "articles",
    "regions", "provinces",
}


@pytest.fixture(scope="module")
def mf_env(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for dbt/mf: the committed profile pointed at the sample warehouse."""
    # mf reads the manifest from the project's target-path (dbt_project.yml), whatever
    # DBT_TARGET_PATH says, so dbt parse writes it there, fresh (--no-partial-parse).
    # The profile's read_only target: mf reads the warehouse without write access.
    target = ROOT / "target"
    return {**os.environ, "PARKMART_WAREHOUSE": str(sample_warehouse), "DBT_PROFILES_DIR": str(ROOT),
            "DBT_TARGET_PATH": str(target), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DBT_TARGET": "read_only"}


def run_tool(name: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run a console script of this virtualenv (dbt, mf) in the project root; fail with its output."""
    proc = subprocess.run([str(BIN / name), *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=300)
    assert proc.returncode == 0, f"{name} {' '.join(args)} exited {proc.returncode}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def semantic_manifest(mf_env: dict[str, str]) -> dict:
    """`dbt parse` (dbt-core 1.11 validates the semantic manifest) and the manifest it writes."""
    run_tool("dbt", "parse", "--no-partial-parse", env=mf_env)
    return json.loads((Path(mf_env["DBT_TARGET_PATH"]) / "semantic_manifest.json").read_text())


def test_dbt_parse_accepts_semantic_models_and_metrics(semantic_manifest: dict) -> None:
    assert {m["name"] for m in semantic_manifest["semantic_models"]} == EXPECTED_SEMANTIC_MODELS
    assert {m["name"] for m in semantic_manifest["metrics"]} == EXPECTED_METRICS


def test_time_spine_is_dim_date_daily(semantic_manifest: dict, marts) -> None:
    spines = semantic_manifest["project_configuration"]["time_spines"]
    assert [(s["node_relation"]["alias"], s["primary_column"]["name"], s["primary_column"]["time_granularity"])
            for s in spines] == [("metricflow_time_spine", "date_day", "day")]
    spine_days, dim_days = marts.execute(
        "select (select count(*) from semantic.metricflow_time_spine), (select count(*) from marts.dim_date)").fetchone()
    assert spine_days == dim_days > 0


def test_every_total_measure_applies_the_safe_aggregation_flag(semantic_manifest: dict) -> None:
    """Measures over facts that carry counts_in_totals must filter on it (except the plain row count)."""
    facts = {"investments", "project_events", "cooperation_links"}
    for model in semantic_manifest["semantic_models"]:
        if model["name"] in facts:
            for measure in model["measures"]:
                if measure["name"] != "stated_amounts":
                    assert "counts_in_totals" in measure["expr"], (model["name"], measure["name"])


def test_mf_validate_configs_finds_no_errors_or_warnings(semantic_manifest: dict, mf_env: dict[str, str]) -> None:
    out = run_tool("mf", "validate-configs", "--show-all", env=mf_env).stdout
    assert "Successfully validated the semantics of built manifest (ERRORS: 0, FUTURE_ERRORS: 0, WARNINGS: 0)" in out
    for part in ("semantic models", "dimensions", "entities", "measures", "metrics"):
        assert f"Successfully validated {part} against data warehouse (ERRORS: 0" in out, part


TWINS_SQL_PROVINCE = """
    select p.name as province_name,
           sum(i.amount_cny) filter (where i.counts_in_totals) as announced_investment_cny
    from marts.fct_investments i
    left join marts.dim_region r on r.region_code = i.region_code
    left join marts.dim_region p on p.region_code = r.province_code
    group by all"""

# [mf query arguments, the SQL twin analysts would write by hand]
TWINS = [
    pytest.param(["--metrics", "announced_investment_cny"],
                 "select sum(amount_cny) filter (where counts_in_totals) from marts.fct_investments",
                 id="total"),
    pytest.param(["--metrics", "announced_investment_cny", "--group-by", "region__province__province_name"],
                 TWINS_SQL_PROVINCE, id="by-province"),
    pytest.param(["--metrics", "announced_investment_cny,announced_investment_yi",
                  "--group-by", "metric_time__quarter,region__name"],
                 """select date_trunc('quarter', i.fact_date) as quarter, r.name,
                           sum(i.amount_cny) filter (where i.counts_in_totals),
                           sum(i.amount_cny) filter (where i.counts_in_totals) / 1e8
                    from marts.fct_investments i left join marts.dim_region r using (region_code)
                    group by all""", id="by-quarter-and-region"),
    pytest.param(["--metrics", "announced_investment_cny", "--group-by", "investment__fact_year"],
                 "select fact_year, sum(amount_cny) filter (where counts_in_totals) from marts.fct_investments group by all",
                 id="by-fact-year"),
    pytest.param(["--metrics", "announced_investment_cny,projects_announced,cooperation_links",
                  "--group-by", "metric_time__year"],
                 """select y, sum(i), sum(p), sum(c) from (
                        select date_trunc('year', fact_date) as y, case when counts_in_totals then amount_cny end as i,
                               null as p, null as c from marts.fct_investments
                        union all
                        select date_trunc('year', fact_date), null,
                               case when counts_in_totals and batch_project_event_id is null then project_count else 0 end,
                               null from marts.fct_projects
                        union all
                        select date_trunc('year', fact_date), null, null, case when counts_in_totals then 1 else 0 end
                        from marts.fct_cooperation) group by y""",
                 id="facts-by-year"),
    pytest.param(["--metrics", "projects_announced,project_events", "--group-by", "project_event__event_type"],
                 """select event_type,
                           sum(project_count) filter (where counts_in_totals and batch_project_event_id is null),
                           count(*) filter (where counts_in_totals)
                    from marts.fct_projects group by all""", id="projects-by-event-type"),
    pytest.param(["--metrics", "cooperation_links", "--group-by", "cooperation__link_type"],
                 "select link_type, count(*) filter (where counts_in_totals) from marts.fct_cooperation group by all",
                 id="links-by-type"),
    pytest.param(["--metrics", "parks,co_built_parks", "--group-by", "park__park_type"],
                 """select park_type, count(*), count(*) filter (where partner_region_code is not null)
                    from marts.dim_park group by all""", id="parks-by-type"),
]


def normalise(rows: list[list[str]]) -> list[tuple]:
    """CSV cells as comparable values: numbers rounded to 9 significant digits, timestamps to their day,
    empty cells as None; sorted so that row order does not matter."""
    def cell(v: str):
        if v in ("", "None", "NULL"):
            return None
        try:
            x = float(v)
        except ValueError:
            return v[:10] if len(v) >= 19 and v[4] == "-" and v[10] in "T " else v
        return float(f"{x:.9g}") if math.isfinite(x) else x
    return sorted((tuple(cell(v) for v in row) for row in rows), key=repr)


def read_csv(text: str) -> list[list[str]]:
    """Data rows of a CSV text (header and blank lines dropped)."""
    return [r for r in list(csv.reader(io.StringIO(text)))[1:] if r]


@pytest.mark.parametrize(("mf_args", "twin_sql"), TWINS)
def test_mf_query_equals_its_sql_twin(semantic_manifest: dict, mf_env: dict[str, str], sample_warehouse: Path,
                                      tmp_path: Path, mf_args: list[str], twin_sql: str) -> None:
    out = tmp_path / "mf.csv"
    # a reader holds the file open meanwhile: a writer could not lock it, so mf must open it read-only
    with duckdb.connect(str(sample_warehouse), read_only=True):
        run_tool("mf", "query", *mf_args, "--csv", str(out), env=mf_env)
    mf_rows = normalise(read_csv(out.read_text(encoding="utf-8")))
    twin = run_cli("query", "--warehouse", str(sample_warehouse), "--format", "csv", twin_sql)
    twin_rows = normalise(read_csv(twin.stdout))
    assert mf_rows, "mf query returned no rows"
    assert mf_rows == twin_rows


def test_announced_total_leaves_out_what_must_not_be_added(mf_env: dict[str, str], semantic_manifest: dict,
                                                           sample_warehouse: Path, tmp_path: Path) -> None:
    """The metric is the safe total, not the plain sum of every amount (targets, reprints, batch members)."""
    out = tmp_path / "mf.csv"
    run_tool("mf", "query", "--metrics", "announced_investment_cny", "--csv", str(out), env=mf_env)
    (total,) = normalise(read_csv(out.read_text(encoding="utf-8")))
    with duckdb.connect(str(sample_warehouse), read_only=True) as con:  # after mf has let go of the file
        plain, safe = con.execute("""select sum(amount_cny), sum(amount_cny) filter (where counts_in_totals)
                                     from marts.fct_investments""").fetchone()
    assert total[0] == pytest.approx(safe)
    assert safe < plain
