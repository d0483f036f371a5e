"""examples/analyst_questions.ipynb, executed as an analyst runs it (nbclient, a real kernel) against
the sample warehouse; its five answers are compared with SQL written independently here."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.helpers import ROOT

NOTEBOOK = ROOT / "examples" / "analyst_questions.ipynb"
ANSWERS = ["by_city_year", "enclaves", "largest_signed", "latest_stage_counts", "lifecycles", "links_by_province_pair"]
# Run after the notebook (not saved in it): its answers as JSON on stdout.
DUMP = f"""
import json as _json
_answers = {{name: globals()[name] for name in {ANSWERS!r}}}
_answers["latest_stage_counts"] = _answers["latest_stage_counts"].reset_index()
print(_json.dumps({{k: v.astype(object).where(v.notna(), None).to_dict("records") for k, v in _answers.items()}},
                  default=str, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def executed(sample_warehouse: Path) -> tuple[nbformat.NotebookNode, dict]:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the notebook without outputs"
    nb.cells.append(nbformat.v4.new_code_cell(DUMP))
    previous = os.environ.get("PARKMART_WAREHOUSE")
    os.environ["PARKMART_WAREHOUSE"] = str(sample_warehouse)  # the kernel inherits the environment
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    finally:
        if previous is None:
            os.environ.pop("PARKMART_WAREHOUSE")
        else:
            os.environ["PARKMART_WAREHOUSE"] = previous
    return nb, json.loads(_stdout(nb.cells[-1]))


def _stdout(cell: nbformat.NotebookNode) -> str:
    """What a cell printed: the kernel may send one print in several stream messages."""
    return "".join(o["text"] for o in cell.outputs if o.output_type == "stream" and o.name == "stdout")


def test_every_cell_ran_without_error(executed) -> None:
    nb, _ = executed
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not [o for o in cell.outputs if o.output_type == "error"], cell.source[:80]
    assert "divisions" in _stdout(nb.cells[1])


def test_investment_by_city_and_year(executed, marts) -> None:
    _, answers = executed
    got = {(r["city"], r["fact_year"]): r["investment_yi"] for r in answers["by_city_year"]}
    expected = {(city, year): v for city, year, v in marts.execute("""
        select coalesce(c.name, r.name, '(unknown)'), i.fact_year, sum(i.amount_cny) / 1e8
        from marts.fct_investments i
        left join marts.dim_region r on r.region_code = i.region_code
        left join marts.dim_region c on c.region_code = r.city_code
        where i.counts_in_totals group by all""").fetchall()}
    assert len(expected) >= 3
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert got[key] == pytest.approx(value), key


def test_enclaves_with_host_and_partner(executed, marts) -> None:
    _, answers = executed
    got = {(r["park_name"], r["park_type"], r["host"], r["partner"]) for r in answers["enclaves"]}
    expected = set(marts.execute("""
        select k.park_name, k.park_type, h.full_name, p.full_name from marts.dim_park k
        left join marts.dim_region h on h.region_code = k.host_region_code
        left join marts.dim_region p on p.region_code = k.partner_region_code
        where k.partner_region_code is not null or k.park_type = 'enclave'""").fetchall())
    assert got == expected and any(t == "enclave" for _, t, _, _ in got)


def test_largest_signed_projects_with_evidence(executed, marts) -> None:
    _, answers = executed
    got = [(r["project_name"], r["investment_yi"], r["evidence_text"]) for r in answers["largest_signed"]]
    expected = marts.execute("""
        select project_name, investment_cny / 1e8, evidence_text from marts.fct_projects
        where event_type = 'signed' and counts_in_totals and investment_cny is not null
        order by investment_cny desc, project_name limit 10""").fetchall()
    assert got == [(n, pytest.approx(v), e) for n, v, e in expected] and got


def test_project_lifecycles(executed, marts) -> None:
    _, answers = executed
    counts = {r["latest_event_type"]: r["projects"] for r in answers["latest_stage_counts"]}
    assert counts == dict(marts.execute("select latest_event_type, count(*) from marts.dim_project group by 1").fetchall())
    assert len(answers["lifecycles"]) == marts.execute("select count(*) from marts.dim_project").fetchone()[0]
    labels = dict(marts.execute("select event_type, label_zh from reference.event_types").fetchall())
    for row in answers["lifecycles"]:
        assert labels[row["latest_event_type"]] in row["history"].split(" → "), row


def test_links_by_province_pair(executed, marts) -> None:
    _, answers = executed
    got = {(r["province_pair"], r["link_type"]): r["links"] for r in answers["links_by_province_pair"]}
    expected = {(pair, t): n for pair, t, n in marts.execute("""
        select array_to_string(list_sort([pa.name, pb.name]), ' – '), c.link_type, count(*)
        from marts.fct_cooperation c
        join marts.dim_region a on a.region_code = c.region_code_a
        join marts.dim_region b on b.region_code = c.region_code_b
        join marts.dim_region pa on pa.region_code = a.province_code
        join marts.dim_region pb on pb.region_code = b.province_code
        where c.counts_in_totals group by all""").fetchall()}
    assert got == expected and sum(expected.values()) > 0
