"""End to end: `parkmart build` on the bundled corpus, then the contract of the marts."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from tests.helpers import CORPUS

# CONTRACT.md: every mart and the columns analysts, BI tools and the evaluation rely on.
CONTRACT: dict[str, dict[str, str]] = {
    "dim_article": {
        "article_id": "VARCHAR", "source_file": "VARCHAR", "title": "VARCHAR", "published_date": "DATE",
        "published_date_precision": "VARCHAR", "source_name": "VARCHAR", "source_url": "VARCHAR",
        "script": "VARCHAR", "body_text": "VARCHAR", "duplicate_of": "VARCHAR",
    },
    "fct_investments": {
        "investment_id": "VARCHAR", "article_id": "VARCHAR", "amount_value": "DOUBLE", "currency": "VARCHAR",
        "amount_cny": "DOUBLE", "qualifier": "VARCHAR", "kind": "VARCHAR", "subject_text": "VARCHAR",
        "project_id": "VARCHAR", "park_id": "VARCHAR", "region_code": "VARCHAR", "event_date": "DATE",
        "is_batch_total": "BOOLEAN", "evidence_text": "VARCHAR", "char_start": "INTEGER", "char_end": "INTEGER",
        "attribution": "VARCHAR",
    },
    "fct_projects": {
        "project_id": "VARCHAR", "article_id": "VARCHAR", "project_name": "VARCHAR", "event_type": "VARCHAR",
        "investment_value": "DOUBLE", "currency": "VARCHAR", "investment_cny": "DOUBLE", "park_id": "VARCHAR",
        "region_code": "VARCHAR", "event_date": "DATE", "is_batch": "BOOLEAN", "project_count": "INTEGER",
        "evidence_text": "VARCHAR", "is_background": "BOOLEAN", "event_date_precision": "VARCHAR",
    },
    "dim_project": {
        "project_id": "VARCHAR", "project_name": "VARCHAR", "park_id": "VARCHAR", "region_code": "VARCHAR",
        "first_reported_date": "DATE", "latest_event_type": "VARCHAR", "article_count": "BIGINT",
        "source_count": "BIGINT", "timeline": "VARCHAR[]",
    },
    "dim_park": {
        "park_id": "VARCHAR", "park_name": "VARCHAR", "aliases": "VARCHAR[]", "park_type": "VARCHAR",
        "host_region_code": "VARCHAR", "partner_region_code": "VARCHAR", "first_seen_date": "DATE",
        "article_count": "BIGINT", "source_count": "BIGINT",
    },
    "dim_region": {
        "region_code": "VARCHAR", "name": "VARCHAR", "short_name": "VARCHAR", "full_name": "VARCHAR",
        "level": "VARCHAR", "parent_code": "VARCHAR", "province_code": "VARCHAR", "city_code": "VARCHAR",
        "is_yrd": "BOOLEAN", "longitude": "DOUBLE", "latitude": "DOUBLE", "is_current": "BOOLEAN",
        "successor_code": "VARCHAR", "valid_to": "DATE",
    },
    "dim_date": {
        "date_day": "DATE", "year": "BIGINT", "quarter": "BIGINT", "month": "BIGINT", "day_of_week": "BIGINT",
        "iso_week": "BIGINT", "five_year_plan": "VARCHAR",
    },
    "fct_cooperation": {
        "cooperation_id": "VARCHAR", "article_id": "VARCHAR", "region_code_a": "VARCHAR",
        "region_code_b": "VARCHAR", "park_id": "VARCHAR", "link_type": "VARCHAR", "event_date": "DATE",
        "evidence_text": "VARCHAR",
    },
    "fct_mentions": {
        "mention_id": "VARCHAR", "article_id": "VARCHAR", "mention_type": "VARCHAR", "surface_text": "VARCHAR",
        "normalized": "VARCHAR", "ref_id": "VARCHAR", "sentence_no": "INTEGER", "char_start": "INTEGER",
        "char_end": "INTEGER",
    },
}
PRIMARY_KEYS = {
    "dim_article": "article_id", "fct_investments": "investment_id", "dim_project": "project_id",
    "dim_park": "park_id", "dim_region": "region_code", "dim_date": "date_day",
    "fct_cooperation": "cooperation_id", "fct_mentions": "mention_id", "fct_projects": "project_event_id",
}


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_every_contract_column_exists_with_its_type(marts, table: str) -> None:
    actual = dict(marts.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = 'marts' and table_name = ?", [table]).fetchall())
    for column, data_type in CONTRACT[table].items():
        assert column in actual, f"marts.{table}.{column} missing"
        assert actual[column] == data_type, f"marts.{table}.{column} is {actual[column]}, contract says {data_type}"


@pytest.mark.parametrize(("table", "key"), sorted(PRIMARY_KEYS.items()))
def test_primary_keys_are_unique_and_not_null(marts, table: str, key: str) -> None:
    rows, distinct, nulls = marts.execute(
        f"select count(*), count(distinct {key}), count(*) - count({key}) from marts.{table}").fetchone()
    assert rows > 0
    assert (distinct, nulls) == (rows, 0)


def test_only_the_dimensions_declare_primary_keys(marts) -> None:
    """A DuckDB primary key is an index in the file: the facts' keys are tested by dbt instead."""
    declared = dict(marts.execute(
        "select table_name, constraint_column_names[1] from duckdb_constraints() "
        "where schema_name = 'marts' and constraint_type = 'PRIMARY KEY'").fetchall())
    assert declared == {table: key for table, key in PRIMARY_KEYS.items() if table.startswith("dim_")}


def test_one_article_per_sample_file(marts) -> None:
    files = sorted(p.name for p in CORPUS.iterdir() if p.suffix == ".txt")
    rows = marts.execute("select source_file from marts.dim_article order by 1").fetchall()
    assert [r[0] for r in rows] == files


def test_article_ids_are_stable_hashes_of_the_body(marts) -> None:
    from ingest.process import article_id_for

    for article_id, body in marts.execute("select article_id, body_text from marts.dim_article").fetchall():
        assert article_id == article_id_for(body)
        assert re.fullmatch(r"[0-9a-f]{16}", article_id)


def test_dim_region_holds_all_of_china(marts) -> None:
    total, provinces, cities, yrd = marts.execute("""
        select count(*), count(*) filter (level = 'province'), count(*) filter (level = 'city'),
               count(*) filter (is_yrd and level = 'province')
        from marts.dim_region""").fetchone()
    assert total >= 3000
    assert provinces == 34
    assert cities >= 330
    assert yrd == 4


@pytest.mark.parametrize(("code", "full_name", "short_name", "parent"), [
    ("310114", "上海市嘉定区", "嘉定", "310000"),
    ("320583", "江苏省苏州市昆山市", "昆山", "320500"),
    ("320505", "江苏省苏州市虎丘区", "虎丘", "320500"),
    ("330300", "浙江省温州市", "温州", "330000"),
    ("340100", "安徽省合肥市", "合肥", "340000"),
])
def test_dim_region_resolves_codes(marts, code: str, full_name: str, short_name: str, parent: str) -> None:
    row = marts.execute(
        "select full_name, short_name, parent_code, longitude between 73 and 136, latitude between 3 and 54 "
        "from marts.dim_region where region_code = ?", [code]).fetchone()
    assert row == (full_name, short_name, parent, True, True)


@pytest.mark.parametrize(("old", "old_name", "current", "current_name", "valid_to"), [
    ("330104", "江干区", "330102", "上城区", "2020-12-31"),  # 杭州 2021: merged
    ("330103", "下城区", "330105", "拱墅区", "2020-12-31"),  # 杭州 2021: merged
    ("340203", "弋江区", "340209", "弋江区", "2019-12-31"),  # 芜湖 2020: renumbered
    ("340221", "芜湖县", "340210", "湾沚区", "2019-12-31"),  # 芜湖 2020: county became a district
])
def test_dim_region_rolls_retired_codes_up(marts, old: str, old_name: str, current: str, current_name: str,
                                           valid_to: str) -> None:
    row = marts.execute("""
        select r.name, r.is_current, cast(r.valid_to as varchar), s.region_code, s.name, s.is_current
        from marts.dim_region r join marts.dim_region s on s.region_code = coalesce(r.successor_code, r.region_code)
        where r.region_code = ?""", [old]).fetchone()
    assert row == (old_name, False, valid_to, current, current_name, True)


def test_facts_carry_current_region_codes(marts) -> None:
    retired = marts.execute("""
        select count(*) from marts.dim_region r
        join (select region_code from marts.fct_investments union all select region_code from marts.fct_projects
              union all select region_code_a from marts.fct_cooperation union all select region_code_b
              from marts.fct_cooperation union all select host_region_code from marts.dim_park
              union all select ref_id from marts.fct_mentions where mention_type = 'region') f using (region_code)
        where not r.is_current""").fetchone()[0]
    assert retired == 0


def test_dim_date_spans_every_fact_date(marts) -> None:
    missing = marts.execute("""
        select count(*) from (
            select event_date as d from marts.fct_investments union all
            select event_date from marts.fct_projects union all
            select event_date from marts.fct_cooperation union all
            select published_date from marts.dim_article
        ) where d is not null and d not in (select date_day from marts.dim_date)""").fetchone()[0]
    assert missing == 0
    assert marts.execute("select five_year_plan from marts.dim_date where date_day = date '2023-06-22'").fetchone() == ("十四五",)


def test_mention_spans_slice_the_body(marts) -> None:
    bad = marts.execute("""
        select count(*) from marts.fct_mentions m join marts.dim_article a using (article_id)
        where substr(a.body_text, m.char_start + 1, m.char_end - m.char_start) <> m.surface_text""").fetchone()[0]
    total = marts.execute("select count(*) from marts.fct_mentions").fetchone()[0]
    assert total > 50
    assert bad == 0


def test_investment_amounts_of_the_samples(marts) -> None:
    rows = marts.execute("""
        select i.amount_value, i.currency from marts.fct_investments i
        order by i.amount_value""").fetchall()
    values = [(round(v), c) for v, c in rows]
    assert (950_000_000, "CNY") in values
    assert (180_000_000, "USD") in values
    assert (53_600_000_000, "CNY") in values
    usd_cny = marts.execute(
        "select amount_cny / amount_value from marts.fct_investments where currency = 'USD'").fetchone()[0]
    assert 6.0 < usd_cny < 7.5


def test_build_prints_a_summary(sample_build) -> None:
    _, proc = sample_build
    output = proc.stderr
    assert "files read 5" in output
    assert "rejected 0" in output
    assert re.search(r"dbt: \d+ nodes passed, of which \d+ tests", output)
    assert re.search(r"built in [\d.]+ s", output)


def test_bi_tool_reads_through_sqlalchemy(sample_warehouse) -> None:
    engine = sa.create_engine(f"duckdb:///{sample_warehouse}", connect_args={"read_only": True})
    with engine.connect() as con:
        rows = con.execute(sa.text("""
            select r.name, count(*) as n
            from marts.fct_mentions m join marts.dim_region r on m.ref_id = r.region_code
            where m.mention_type = 'region' and r.level = 'province'
            group by r.name order by n desc, r.name limit 3""")).fetchall()
        tables = sa.inspect(con).get_table_names(schema="marts")
    engine.dispose()
    assert rows[0][0] in ("上海市", "江苏省")
    assert set(CONTRACT) <= set(tables)


def test_file_opens_in_duckdb_1_4_storage(sample_warehouse) -> None:
    import duckdb

    con = duckdb.connect(str(sample_warehouse), read_only=True)
    try:
        tags = con.execute("select tags from duckdb_databases() where database_name = 'warehouse'").fetchone()[0]
    finally:
        con.close()
    assert tags["storage_version"].startswith("v1.4")
