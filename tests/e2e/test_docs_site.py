"""`parkmart docs`: the static dbt docs site, rendered in headless Chromium as a reader sees it."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from parkmart.project import MART_TABLES
from tests.e2e.headless import dump_dom, fold, screenshot, visible_text
from tests.helpers import GOLD, PARKMART, ROOT, run_cli

MARTS = list(MART_TABLES)


@pytest.fixture(scope="module")
def site(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The docs site of the sample warehouse, after an eval so the overview shows scores."""
    if GOLD.is_dir():
        run_cli("eval", "--gold", str(GOLD), "--warehouse", str(sample_warehouse))
    out = tmp_path_factory.mktemp("site")
    run_cli("docs", "--warehouse", str(sample_warehouse), "--out", str(out))
    return out


@pytest.fixture(scope="module")
def manifest(site: Path) -> dict:
    return json.loads((site / "manifest.json").read_text(encoding="utf-8"))


def test_site_is_one_self_contained_file(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert len(html) > 500_000  # manifest and catalog are inlined
    assert not re.search(r"<script[^>]*\bsrc=", html), "the site must not load scripts at view time"
    assert '"model.parkmart.fct_investments"' in html


@pytest.mark.parametrize("model", MARTS)
def test_mart_page_shows_every_column_description(site: Path, manifest: dict, model: str) -> None:
    node = manifest["nodes"][f"model.parkmart.{model}"]
    text = visible_text(dump_dom(f"{(site / 'index.html').as_uri()}#!/model/model.parkmart.{model}"))
    assert f"{model} table" in text
    assert fold(node["description"])[:60] in fold(text)
    assert node["columns"], f"{model} has no documented columns"
    for name, column in node["columns"].items():
        assert name in text
        assert fold(column["description"])[:50] in fold(text), f"{model}.{name}: description not rendered"


def test_overview_explains_the_schema_and_shows_the_last_eval(site: Path, tmp_path: Path) -> None:
    url = f"{(site / 'index.html').as_uri()}#!/overview"
    text = visible_text(dump_dom(url))
    for phrase in ("Star schema", "Safe aggregation", "a batch total to the projects inside it", "a reprint to its original", "Evidence columns",
                   "monetary amount stated in an article body"):
        assert phrase in text
    assert "PARKMART_EVAL_FIGURES" not in text
    if GOLD.is_dir():
        scores = json.loads((ROOT / "target" / "last-eval.json").read_text(encoding="utf-8"))
        amount = scores["kinds"]["amount"]
        assert f"amount {amount['precision']:.3f} {amount['recall']:.3f} {amount['f1']:.3f}" in text
    png = screenshot(url, tmp_path / "overview.png")
    assert png.stat().st_size > 20_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_on_localhost(sample_warehouse: Path, tmp_path: Path) -> None:
    port = _free_port()
    proc = subprocess.Popen([PARKMART, "docs", "--warehouse", str(sample_warehouse), "--out", str(tmp_path),
                             "--serve", "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        body = b""
        for _ in range(360):  # generating the site takes a minute or more on a loaded 2-core machine
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=5) as resp:
                    body = resp.read()
                break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.5)
        assert b"fct_investments" in body, f"nothing served on port {port}: {proc.stdout and proc.poll()}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


# Where the documentation-coverage table is kept for `make test` to print after pytest.
COVERAGE_TXT = ROOT / "target" / "dbt-coverage-doc.txt"


def test_every_mart_column_is_documented(site: Path, tmp_path: Path) -> None:
    """dbt-coverage over the site's manifest.json and catalog.json: 100 % of mart columns documented."""
    report = tmp_path / "coverage.json"
    proc = subprocess.run([str(Path(PARKMART).with_name("dbt-coverage")), "compute", "doc",
                           "--project-dir", str(ROOT), "--run-artifacts-dir", str(site),
                           "--model-path-filter", "models/marts", "--cov-report", str(report),
                           "--cov-fail-under", "1.0"], capture_output=True, text=True, cwd=ROOT)
    COVERAGE_TXT.parent.mkdir(exist_ok=True)
    COVERAGE_TXT.write_text(proc.stdout, encoding="utf-8")
    coverage = json.loads(report.read_text(encoding="utf-8"))
    undocumented = [f"{t['name']}.{c['name']}" for t in coverage["tables"] for c in t["columns"]
                    if not c["covered"]]
    assert proc.returncode == 0 and coverage["coverage"] == 1.0, f"undocumented: {undocumented}\n{proc.stdout}"
    assert {t["name"] for t in coverage["tables"]} == {f"marts.{m}" for m in MARTS}
    # every column the warehouse has is counted, not only the documented ones
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    assert coverage["total"] == sum(len(catalog["nodes"][f"model.parkmart.{m}"]["columns"]) for m in MARTS)
