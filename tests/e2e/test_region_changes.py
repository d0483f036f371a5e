"""An article that names divisions as they were before a change (江干区, 芜湖县): the names
resolve, and every fact carries today's code (上城区 330102, 湾沚区 340210)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.helpers import run_cli

# Invented article (the park and company names are made up; the divisions are real ones).
ARTICLE = """某某科创飞地在江干区开园 芜湖县项目同日开工
2020-11-20 09:00:00 来源:某某日报
今天上午,杭州市江干区与衢州市江山市共建的某某科创飞地正式开园,首批十余家企业将陆续入驻,园区面向数字经济和智能制造招商。
同日,芜湖县的某某精密制造项目开工,总投资5亿元,建成后主要生产汽车零部件,预计年内完成主体厂房建设并实现部分投产。
"""


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("changes")
    (root / "corpus").mkdir()
    (root / "corpus" / "old_names.txt").write_text(ARTICLE, encoding="utf-8")
    run_cli("build", "--corpus", str(root / "corpus"), "--warehouse", str(root / "warehouse.duckdb"))
    return root / "warehouse.duckdb"


@pytest.fixture()
def con(warehouse: Path):
    connection = duckdb.connect(str(warehouse), read_only=True)
    yield connection
    connection.close()


@pytest.mark.parametrize(("surface", "code"), [("江干区", "330102"), ("芜湖县", "340210"), ("江山市", "330881")])
def test_old_names_resolve_to_current_codes(con, surface: str, code: str) -> None:
    codes = {c for (c,) in con.execute("select ref_id from marts.fct_mentions where mention_type = 'region' "
                                       "and surface_text = ?", [surface]).fetchall()}
    assert codes == {code}


def test_facts_roll_up_to_the_current_division(con) -> None:
    amounts = con.execute("select region_code, amount_cny from marts.fct_investments").fetchall()
    assert amounts == [("340210", 5e8)]
    pairs = con.execute("select region_code_a, region_code_b from marts.fct_cooperation").fetchall()
    assert ("330102", "330881") in pairs
    retired = con.execute("""
        select count(*) from marts.fct_mentions m join marts.dim_region r on r.region_code = m.ref_id
        where m.mention_type = 'region' and not r.is_current""").fetchone()[0]
    assert retired == 0
