# parkmart: every target sets itself up from scratch on a machine with only Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SPARK_STAMP := $(VENV)/.spark-installed
# sqlfluff's dbt templater compiles the project through the committed profiles.yml; this is
# the DuckDB file that profile opens while linting (never the real warehouse).
LINT_DB := target/sqlfluff.duckdb

.PHONY: setup build test test-fast lint bench docs report clean chromium java spark superset

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP)

# The Spark engine's extra (pyspark, pandas<3): `make test` installs it; `make build` does not.
$(SPARK_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev,spark]"
	touch $(SPARK_STAMP)

spark: $(SPARK_STAMP) java

# Java 17 for the Spark tests: Debian's headless runtime, installed when missing and we are
# root; otherwise those tests skip and say why.
java:
	@command -v java >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
		&& (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null) \
		|| echo "java not installed: Spark engine tests will skip"; }

build: setup          ## build warehouse.duckdb from corpus/
	$(BIN)/parkmart build

# Headless Chromium and a CJK font for the browser tests (docs site, report): Debian's
# packages, installed when missing and we are root; otherwise those tests skip and say why.
chromium:
	@{ command -v chromium >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; } \
		|| { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
		&& (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) \
		|| echo "chromium or a CJK font not installed: browser tests will skip"; }

lint: setup           ## ruff over Python; sqlfluff (dbt templater, duckdb dialect, .sqlfluff) over models/
	$(BIN)/ruff check ingest parkmart tests
	@mkdir -p target
	PARKMART_WAREHOUSE=$(LINT_DB) $(BIN)/sqlfluff lint models --processes 1
	@echo "sqlfluff: models/ clean"

# The unit lane: pure functions, rule tables and doctests (tests/unit, ingest/, parkmart/); seconds.
test-fast: setup      ## unit tests and doctests only
	$(BIN)/pytest tests/unit ingest parkmart

# pytest runs dbt build, the browser tests and dbt-coverage (tests/e2e/test_docs_site.py fails
# unless 100 % of mart columns are documented); its table is printed after the tests.
test: setup spark chromium lint  ## lint, then every test (the Spark engine's in local mode too)
	$(BIN)/pytest
	@grep -h '^Total' target/dbt-coverage-doc.txt | tr -s ' ' | sed 's/^/dbt-coverage (doc, marts columns documented): /'

bench: setup
	$(BIN)/parkmart bench

docs: setup
	$(BIN)/parkmart docs --serve

report: setup         ## report.html from warehouse.duckdb (built first when missing)
	test -f warehouse.duckdb || $(BIN)/parkmart build
	$(BIN)/parkmart report --out report.html

clean:
	rm -rf $(VENV) target logs warehouse.duckdb warehouse.duckdb.* report.html

# Opt-in, not part of `make test`: Superset 6.1 in its own virtualenv (bi/.venv-superset), the
# warehouse registered read-only, the dashboard in bi/superset/ imported, every chart query
# checked, then served on http://127.0.0.1:8088/ (docs/SUPERSET.md).
.PHONY: superset
superset: setup
	PYTHON=$(PYTHON) bash bi/superset.sh
