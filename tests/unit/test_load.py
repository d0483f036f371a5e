"""The writer's own rows reach DuckDB typed as their raw table says, through DuckDB lists."""

from __future__ import annotations

import datetime as dt

import duckdb

from ingest.load import create_raw_schema, write_rows


def test_rows_keep_json_list_and_date_columns_and_missing_keys_are_nulls() -> None:
    con = duckdb.connect()
    create_raw_schema(con)
    assert write_rows(con, "mentions", [{"source_file": "a.txt#1", "mention_no": 1, "attrs": {"k": [1, "园"]},
                                         "value": 1.5}, {"source_file": "b.txt#1"}]) == 2
    assert con.execute("select source_file, attrs, value from raw.mentions order by 1").fetchall() == [
        ("a.txt#1", '{"k": [1, "园"]}', 1.5), ("b.txt#1", None, None)]
    write_rows(con, "articles", [{"source_file": "a.txt#1", "rel_path": "a.txt", "article_id": "x",
                                  "body_minhash": [1, -2], "published_date": dt.date(2024, 1, 2)}])
    assert con.execute("select body_minhash, published_date from raw.articles").fetchall() == [
        ([1, -2], dt.date(2024, 1, 2))]


def test_no_rows_write_nothing() -> None:
    con = duckdb.connect()
    create_raw_schema(con)
    assert write_rows(con, "rejected_files", []) == 0
    assert con.execute("select count(*) from raw.rejected_files").fetchone() == (0,)
