#!/usr/bin/env bash
# Opt-in: install Apache Superset in its own virtualenv, register the warehouse read-only,
# import the parkmart dashboard (bi/superset/), check every chart's query, and serve it on
# 127.0.0.1. Run from anywhere:  make superset   (or bi/superset.sh)
#
# Environment:
#   PARKMART_WAREHOUSE  warehouse file (default: warehouse.duckdb at the project root; built if missing)
#   SUPERSET_PORT       port to serve on (default 8088)
#   SUPERSET_VENV       Superset's virtualenv (default bi/.venv-superset)
#   SUPERSET_HOME       metadata DB, secret key and config (default bi/.superset-home)
#   SUPERSET_NO_SERVE=1 stop after the import and the chart check (what the opt-in test uses)
#   SUPERSET_ADMIN_PASSWORD  password of the local 'admin' user (default: admin)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BI="$ROOT/bi"
PYTHON="${PYTHON:-python3}"
VENV="${SUPERSET_VENV:-$BI/.venv-superset}"
SS_HOME="${SUPERSET_HOME:-$BI/.superset-home}"
PORT="${SUPERSET_PORT:-8088}"
WAREHOUSE="${PARKMART_WAREHOUSE:-$ROOT/warehouse.duckdb}"
ADMIN_PASSWORD="${SUPERSET_ADMIN_PASSWORD:-admin}"

say() { printf '== %s\n' "$*"; }

# 1. Superset's virtualenv, pinned by bi/requirements-superset.txt (reinstalled when it changes).
STAMP="$VENV/.installed"
if [[ ! -f "$STAMP" || "$BI/requirements-superset.txt" -nt "$STAMP" ]]; then
    say "installing apache-superset into $VENV (a few minutes the first time)"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade "pip>=24"
    "$VENV/bin/pip" install --quiet -r "$BI/requirements-superset.txt"
    touch "$STAMP"
fi
say "$("$VENV/bin/pip" list 2>/dev/null | grep -iE '^(apache.superset|duckdb|duckdb.engine|sqlalchemy|pandas) ' | tr -s ' ' | paste -sd, -)"

# 2. The warehouse (built from corpus/ when missing).
if [[ ! -f "$WAREHOUSE" ]]; then
    say "no warehouse at $WAREHOUSE: building it from corpus/"
    "$ROOT/.venv/bin/parkmart" build --warehouse "$WAREHOUSE"
fi
WAREHOUSE="$(cd "$(dirname "$WAREHOUSE")" && pwd)/$(basename "$WAREHOUSE")"

# 3. Superset's home: config with a secret key made once, SQLite metadata DB.
mkdir -p "$SS_HOME"
if [[ ! -f "$SS_HOME/secret_key" ]]; then
    "$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(42))' > "$SS_HOME/secret_key"
    chmod 600 "$SS_HOME/secret_key"
fi
cat > "$SS_HOME/superset_config.py" <<EOF
# Written by bi/superset.sh; local, single-user Superset for the parkmart dashboard.
from pathlib import Path
SECRET_KEY = Path("$SS_HOME/secret_key").read_text().strip()
SQLALCHEMY_DATABASE_URI = "sqlite:///$SS_HOME/superset.db"
DATA_DIR = "$SS_HOME"
WTF_CSRF_ENABLED = True
TALISMAN_ENABLED = False
FEATURE_FLAGS = {"DASHBOARD_RBAC": False}
EOF
export SUPERSET_CONFIG_PATH="$SS_HOME/superset_config.py" SUPERSET_HOME="$SS_HOME" FLASK_APP=superset
SUPERSET="$VENV/bin/superset"

say "initialising the metadata database in $SS_HOME"
"$SUPERSET" db upgrade >"$SS_HOME/db-upgrade.log" 2>&1 || { tail -30 "$SS_HOME/db-upgrade.log"; exit 1; }
if ! "$SUPERSET" fab list-users 2>/dev/null | grep -q "username:admin"; then
    "$SUPERSET" fab create-admin --username admin --firstname parkmart --lastname admin \
        --email admin@localhost --password "$ADMIN_PASSWORD" >/dev/null
fi
"$SUPERSET" init >"$SS_HOME/init.log" 2>&1 || { tail -30 "$SS_HOME/init.log"; exit 1; }

# 4. The import bundle: bi/superset/ with the database URI pointed at this warehouse, read-only.
BUNDLE_DIR="$(mktemp -d)"
trap 'rm -rf "$BUNDLE_DIR"' EXIT
cp -r "$BI/superset" "$BUNDLE_DIR/parkmart_dashboard"
"$VENV/bin/python" - "$BUNDLE_DIR/parkmart_dashboard/databases/parkmart.yaml" "$WAREHOUSE" <<'EOF'
import sys, yaml
path, warehouse = sys.argv[1], sys.argv[2]
db = yaml.safe_load(open(path, encoding="utf-8"))
db["sqlalchemy_uri"] = f"duckdb:///{warehouse}"
assert db["extra"]["engine_params"]["connect_args"]["read_only"] is True
yaml.safe_dump(db, open(path, "w", encoding="utf-8"), allow_unicode=True, sort_keys=False)
EOF
(cd "$BUNDLE_DIR" && "$VENV/bin/python" -m zipfile -c parkmart_dashboard.zip parkmart_dashboard/)
say "importing the dashboard (database duckdb:///$WAREHOUSE, read_only)"
if ! "$SUPERSET" import-dashboards --path "$BUNDLE_DIR/parkmart_dashboard.zip" --username admin \
        >"$SS_HOME/import.log" 2>&1 || grep -q "Import dashboard failed" "$SS_HOME/import.log"; then
    tail -40 "$SS_HOME/import.log"
    echo "superset import-dashboards failed (log: $SS_HOME/import.log)" >&2
    exit 1
fi

# 5. Every chart's query, through Superset itself.
say "running every chart's query"
"$VENV/bin/python" "$BI/superset_check.py"

# 6. Serve.
if [[ "${SUPERSET_NO_SERVE:-}" == "1" ]]; then
    exit 0
fi
say "serving on http://127.0.0.1:$PORT/superset/dashboard/parkmart/ (user admin); Ctrl-C stops"
exec "$SUPERSET" run --host 127.0.0.1 --port "$PORT" --with-threads
