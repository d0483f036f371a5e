"""The parkmart command as a user runs it: query formats, help with examples, errors."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.helpers import run_cli


def test_query_prints_an_aligned_table(sample_warehouse) -> None:
    proc = run_cli("query", "select region_code, full_name from marts.dim_region where region_code in ('310114', '320583') order by 1",
                   "--warehouse", str(sample_warehouse))
    lines = proc.stdout.strip().splitlines()
    assert lines[0].split(" | ") == ["region_code", "full_name"]
    assert lines[2].split()[:3] == ["310114", "|", "上海市嘉定区"]
    assert lines[-1] == "(2 rows)"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_query_formats(sample_warehouse, fmt: str) -> None:
    proc = run_cli("query", "select count(*) as n, min(published_date) as first from marts.dim_article",
                   "--format", fmt, "--warehouse", str(sample_warehouse))
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(proc.stdout)))
        assert rows == [{"n": "5", "first": "2021-05-28"}]
    else:
        assert json.loads(proc.stdout) == [{"n": 5, "first": "2021-05-28"}]


def test_query_prints_money_in_full_and_text_uncut(sample_warehouse, marts) -> None:
    total, longest = marts.execute("select sum(amount_cny) filter (where counts_in_totals), "
                                   "max_by(evidence_text, length(evidence_text)) from marts.fct_investments").fetchone()
    proc = run_cli("query", "select sum(amount_cny) filter (where counts_in_totals) as total from marts.fct_investments",
                   "--warehouse", str(sample_warehouse))
    shown = proc.stdout.splitlines()[2].strip()
    assert float(shown.replace(",", "")) == total  # every digit, not 8.51919e+10
    assert "," in shown and "e+" not in shown
    sql = "select max_by(evidence_text, length(evidence_text)) as e from marts.fct_investments"
    assert len(longest) > 60
    assert run_cli("query", sql, "--warehouse", str(sample_warehouse)).stdout.splitlines()[2] == longest
    cut = run_cli("query", sql, "--max-width", "20", "--warehouse", str(sample_warehouse)).stdout.splitlines()[2]
    assert cut.endswith("…") and longest.startswith(cut[:-1]) and len(cut) <= 20


def test_query_without_warehouse_says_what_to_do(tmp_path) -> None:
    proc = run_cli("query", "select 1", "--warehouse", str(tmp_path / "none.duckdb"), check=False)
    assert proc.returncode == 1
    assert "run `parkmart build` first" in proc.stderr


@pytest.mark.parametrize("command", ["build", "ingest", "query", "export", "docs", "status", "eval", "refdata"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    proc = run_cli(command, "--help")
    assert "example:" in proc.stdout
    assert "parkmart " + command in proc.stdout


def test_build_rejects_a_missing_corpus(tmp_path) -> None:
    proc = run_cli("build", "--corpus", str(tmp_path / "nowhere"), "--warehouse", str(tmp_path / "w.duckdb"), check=False)
    assert proc.returncode == 1
    assert "corpus directory not found" in proc.stderr
    assert not (tmp_path / "w.duckdb").exists()
