"""The query-escape table both lanes run: statements an analyst (or an attacker) might hand
``parkmart query``, each with the words its refusal must contain. ``{w}`` is the warehouse's
absolute path, ``{d}`` its folder."""

from __future__ import annotations

from pathlib import Path

ESCAPES: list[tuple[str, str]] = [
    # the warehouse file and its companions, which DuckDB lets a connection write
    ("copy (select 'x' as x) to '{w}' (format csv, use_tmp_file false)", "COPY statements are not reads"),
    ("copy (select 'x' as x) to '{w}' (format parquet)", "COPY statements are not reads"),
    ("copy (select 1) to '{w}.wal'", "COPY statements are not reads"),
    ("copy (select 1) to '{w}.wal.recovery'", "COPY statements are not reads"),
    ("copy (select 1) to '{w}.wal.checkpoint'", "COPY statements are not reads"),
    ("copy (select 1) to '{w}.tmp/spill.csv'", "COPY statements are not reads"),
    ("copy marts.dim_article to '{d}/dump.csv'", "COPY statements are not reads"),
    ("export database '{d}/export'", "EXPORT statements are not reads"),
    ("explain analyze copy (select 1) to '{w}'", "EXPLAIN statements are not reads"),
    # a path handed over through a macro, a view, a variable or a prepared statement
    ("create temp macro p() as '{w}'; copy (select 1) to (p())", "2 statements given"),
    ("create temp macro p() as '{w}'", "CREATE statements are not reads"),
    ("create temp view v as select '{w}.wal' as path", "CREATE statements are not reads"),
    ("create or replace temp view marts_copy as from marts.dim_article", "CREATE statements are not reads"),
    ("set variable target = '{w}'", "SET statements are not reads"),
    ("copy (select 1) to getvariable('target')", "Parser Error"),
    ("prepare dump as copy (select 1) to '{w}'", "PREPARE statements are not reads"),
    ("execute dump", "EXECUTE statements are not reads"),
    ("select * from query('copy (select 1) to ''{w}''')", "Expected a single SELECT statement"),
    # several statements, comments and odd spacing
    ("select 1; copy (select 1) to '{w}'", "2 statements given"),
    ("select 1 /* ; */; copy (select 1) to '{w}.wal'", "2 statements given"),
    ("/* select */ copy (select 1) to '{w}'", "COPY statements are not reads"),
    ("-- select\ncopy (select 1) to '{w}'", "COPY statements are not reads"),
    ("  COPY\t(SELECT 1)\nTO '{w}'  ;  ", "COPY statements are not reads"),
    ("", "0 statements given"),
    # writes to the database itself
    ("create table marts.scratch (a integer)", "CREATE statements are not reads"),
    ("drop table marts.dim_article", "DROP statements are not reads"),
    ("insert into marts.dim_article (article_id) values ('x')", "INSERT statements are not reads"),
    ("update marts.dim_article set title = 'x'", "UPDATE statements are not reads"),
    ("delete from marts.dim_article", "DELETE statements are not reads"),
    ("alter table marts.dim_article rename to gone", "ALTER statements are not reads"),
    ("checkpoint", "CALL statements are not reads"),
    ("force checkpoint", "CALL statements are not reads"),
    ("vacuum", "VACUUM statements are not reads"),
    ("begin transaction", "TRANSACTION statements are not reads"),
    # other files, other databases, extensions, settings
    ("attach '{d}/other.duckdb' as other", "ATTACH statements are not reads"),
    ("attach '{w}' as again", "ATTACH statements are not reads"),
    ("detach memory", "DETACH statements are not reads"),
    ("install httpfs", "LOAD statements are not reads"),
    ("load json", "LOAD statements are not reads"),
    ("set enable_external_access = true", "SET statements are not reads"),
    ("reset lock_configuration", "SET statements are not reads"),
    ("use memory", "SET statements are not reads"),
    ("pragma enable_profiling", "PRAGMA statements are not reads"),
    ("call pragma_database_list()", "CALL statements are not reads"),
    ("pivot marts.dim_park on park_type", "MULTI statements are not reads"),
    # reads of other files inside a SELECT: external access is off
    ("select * from read_text('/etc/hostname')", "file system operations are disabled"),
    ("select * from read_csv('/etc/passwd')", "file system operations are disabled"),
    ("select * from glob('/etc/*')", "file system operations are disabled"),
    ("select * from read_blob('{d}/../*')", "file system operations are disabled"),
    ("select * from 'https://example.invalid/x.csv'", "disabled"),
    ("selec 1", "Parser Error"),
]

# SELECTs that touch the storage layer: they run, and the file is unchanged afterwards.
HARMLESS_READS = [
    "select * from checkpoint()",
    "select database_name, path is not null as has_path from duckdb_databases() order by 1",
    "describe marts.dim_article",
    "summarize marts.dim_article",
]


def fill(sql: str, warehouse: Path) -> str:
    return sql.replace("{w}", str(warehouse)).replace("{d}", str(warehouse.parent))
