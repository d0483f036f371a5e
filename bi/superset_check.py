"""Run every chart of the imported parkmart dashboard through Superset's own query engine.

Runs inside Superset's virtualenv (bi/superset.sh calls it after the import): for each chart
of the dashboard it builds the chart-data request the chart sends (metrics, group-bys, columns
from its saved params), executes it with Superset's ChartDataCommand against the read-only
DuckDB connection, and prints one line per chart. Exits 1 when a chart fails or returns no rows.

    SUPERSET_CONFIG_PATH=bi/.superset-home/superset_config.py bi/.venv-superset/bin/python bi/superset_check.py
"""

from __future__ import annotations

import json
import sys

DASHBOARD_SLUG = "parkmart"


def query_of(params: dict) -> dict:
    """The one query a chart of these viz types sends, from its saved form data."""
    viz = params["viz_type"]
    metrics = params.get("metrics") or ([params["metric"]] if params.get("metric") else [])
    if viz == "table" and params.get("query_mode") == "raw":
        order = [json.loads(o) for o in params.get("order_by_cols", [])]
        return {"columns": params["all_columns"], "metrics": [], "orderby": order, "row_limit": params["row_limit"]}
    if viz == "echarts_timeseries_bar":
        columns = [params["x_axis"], *params.get("groupby", [])]
    elif viz == "sankey_v2":
        columns = [params["source"], params["target"]]
    else:
        columns = params.get("groupby", [])
    query = {"columns": columns, "metrics": metrics, "row_limit": params.get("row_limit", 10000)}
    if params.get("timeseries_limit_metric"):
        query["orderby"] = [[params["timeseries_limit_metric"], not params.get("order_desc", True)]]
    return query


def main() -> int:
    from superset.app import create_app

    app = create_app()
    with app.app_context():
        from superset import security_manager
        from superset.charts.schemas import ChartDataQueryContextSchema
        from superset.commands.chart.data.get_data_command import ChartDataCommand
        from superset.models.dashboard import Dashboard
        from superset.utils.core import override_user

        dashboard = Dashboard.get(DASHBOARD_SLUG)
        if dashboard is None:
            print(f"dashboard '{DASHBOARD_SLUG}' not found: run bi/superset.sh to import bi/superset/ first")
            return 1
        admin = security_manager.find_user(username="admin")
        failed = 0
        print(f"dashboard '{dashboard.dashboard_title}': {len(dashboard.slices)} charts")
        with override_user(admin):
            for chart in sorted(dashboard.slices, key=lambda c: c.slice_name):
                params = json.loads(chart.params)
                payload = {"datasource": {"id": chart.datasource_id, "type": "table"},
                           "queries": [query_of(params)], "result_type": "full", "result_format": "json",
                           "form_data": params}
                try:
                    context = ChartDataQueryContextSchema().load(payload)
                    command = ChartDataCommand(context)
                    command.validate()
                    result = command.run()["queries"][0]
                    error, rows = result.get("error"), result.get("rowcount", 0)
                except Exception as exc:  # report every chart, then fail
                    error, rows = f"{type(exc).__name__}: {exc}", 0
                status = "ok" if rows and not error else "FAILED"
                failed += status != "ok"
                print(f"  {status:6} {rows:5d} rows  {chart.slice_name} ({chart.viz_type}, dataset {chart.datasource.table_name})"
                      + (f"\n         {error}" if error else ""))
        print(f"{len(dashboard.slices) - failed} of {len(dashboard.slices)} chart queries returned rows")
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
