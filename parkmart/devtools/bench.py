"""``parkmart bench``: build synthetic corpora of several sizes end to end and measure it.

For each size N the corpus is generated once (cached under DIR) and measured in a fresh
child process, so that peak-RSS figures belong to that size alone:

1. ingest into a new warehouse (articles/s, MB/s, peak RSS of the largest worker),
   then ``parkmart build`` on it (dbt seconds; the build copies the
   warehouse and finds nothing left to ingest);
2. re-run ``build`` on the unchanged corpus (re-run seconds); through steps 1 and 2 the
   resident memory of the whole process tree (parent, workers, dbt) is sampled, and its
   peak is the memory figure the machine must have;
3. run the analyst queries (every ``analyses/*.sql`` with ``ref()`` resolved to ``marts``,
   or, when there are none, ``FALLBACK_QUERIES``) ``QUERY_REPEATS`` times: p50/p95 ms;
4. score extraction against the synthetic gold (``parkmart.devtools.evaluate``; at most
   ``EVAL_SAMPLE`` articles, evenly spread, to keep the per-article queries affordable);
5. on one core, over every article body in ``raw.articles`` (reprints included: ingest
   extracted from each), time parkmart's extraction (``extract_article``: every extractor,
   with the body's sentence starts, publication date and title, as ingest calls it) and
   plain ``jieba.lcut``, batch by batch in turn so both see the same texts under the
   same machine load.

With ``--engine spark`` (or ``local,spark``) the same corpus is also ingested by the Spark
engine (``measure_spark``): its fixed start-up cost (the session, then a one-file run that
starts the Python workers and builds their extractors) is timed apart from the ingest of the
corpus that follows, so articles/s per core is the engine's throughput once started; then
the build (dbt over the Parquet), the re-run and the Parquet size.

Ingest adds up the CPU seconds of each of its stages (``ingest.process.STAGES``: read,
decode, split, normalise, segment, extract, sign, rows, transfer, write) over every process;
the bench prints them with their shares and milliseconds per article, so the place the time
goes is visible.

The headline ratio is extraction articles/s over jieba articles/s on one core. The
whole-ingest ratio (ingest articles/s per worker over jieba articles/s) is printed too:
it also counts reading, decoding, cleaning, segmenting, near-duplicate signatures and
writing to DuckDB, which jieba does not do.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import jieba

from ingest.extract import extract_article
from ingest.load import connect
from ingest.process import worker_init
from ingest.spark import ingest_spark, spark_session
from parkmart.build import build, ingest_only
from parkmart.devtools.evaluate import evaluate, load_gold_files
from parkmart.devtools.synth import SYNTH_VERSION, write_corpus
from parkmart.errors import ParkmartError
from parkmart.project import PROJECT_DIR
from parkmart.status import size_line

QUERY_REPEATS = 20
# Corpora up to this many articles stay cached in DIR; a larger one (1,000,000 articles: about
# 2.6 GB of files and 3 GB of gold) is generated for its measurement and removed afterwards.
CACHE_MAX_ARTICLES = 100_000
EVAL_SAMPLE = 2000
# Realistic analyst questions on the marts, used when analyses/ holds no query.
FALLBACK_QUERIES = {
    "investment_by_province_year": """
        select r.province_code, year(i.event_date) as year, count(*) as amounts, sum(i.amount_cny) / 1e8 as yi_cny
        from marts.fct_investments as i left join marts.dim_region as r using (region_code)
        where i.kind = 'investment' group by all order by yi_cny desc nulls last limit 50""",
    "top_parks_by_articles": """
        select park_name, park_type, article_count from marts.dim_park order by article_count desc limit 20""",
    "cooperation_pairs": """
        select a.name as region_a, b.name as region_b, count(*) as links
        from marts.fct_cooperation as c
        join marts.dim_region as a on a.region_code = c.region_code_a
        join marts.dim_region as b on b.region_code = c.region_code_b
        group by all order by links desc limit 20""",
    "project_events_by_month": """
        select date_trunc('month', event_date) as month, event_type, count(*) as events, sum(investment_cny) / 1e8 as yi_cny
        from marts.fct_projects group by all order by month""",
    "largest_batches": """
        select p.project_name, p.project_count, p.investment_cny, a.title
        from marts.fct_projects as p join marts.dim_article as a using (article_id)
        where p.is_batch order by p.investment_cny desc nulls last limit 20""",
}
# {{ ref('model') }} in an analysis, resolved to the marts schema.
REF = re.compile(r"\{\{\s*ref\(\s*['\"](?P<name>\w+)['\"]\s*\)\s*\}\}")

Say = Callable[[str], None]


def corpus_for(size: int, bench_dir: Path, seed: int, say: Say) -> Path:
    """The cached synthetic corpus of ``size`` articles, generated when absent."""
    out = bench_dir / f"synth-{size}-seed{seed}-v{SYNTH_VERSION}"
    done = out / ".complete"
    if not done.exists():
        say(f"generating {size} synthetic articles in {out}")
        write_corpus(out, size, seed)
        done.write_text("ok\n")
    return out


def analysis_queries() -> dict[str, str]:
    """Every analyses/*.sql with ref() resolved, else the fallback queries."""
    files = sorted((PROJECT_DIR / "analyses").glob("**/*.sql"))
    if not files:
        return dict(FALLBACK_QUERIES)
    return {f.stem: REF.sub(lambda m: f"marts.{m['name']}", f.read_text(encoding="utf-8")) for f in files}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def time_queries(warehouse: Path) -> dict:
    con = connect(warehouse, read_only=True)
    try:
        timings: list[float] = []
        per_query = {}
        for name, sql in analysis_queries().items():
            runs = []
            for _ in range(QUERY_REPEATS):
                t = time.perf_counter()
                con.execute(sql).fetchall()
                runs.append((time.perf_counter() - t) * 1000)
            per_query[name] = round(statistics.median(runs), 2)
            timings += runs
        return {"source": "analyses/" if (PROJECT_DIR / "analyses").is_dir() and any(
                    (PROJECT_DIR / "analyses").glob("**/*.sql")) else "fallback mart queries (analyses/ empty)",
                "p50_ms": round(_percentile(timings, 0.5), 2), "p95_ms": round(_percentile(timings, 0.95), 2),
                "median_ms_by_query": per_query}
    finally:
        con.close()


def score(warehouse: Path, gold_dir: Path) -> dict:
    """F1 per kind over at most about EVAL_SAMPLE gold files, evenly spread (only those are read)."""
    files = sorted(gold_dir.glob("*.json"))
    step = max(1, len(files) // EVAL_SAMPLE)
    report = evaluate(warehouse, load_gold_files(files[::step])).as_dict()
    return {"articles_scored": report["articles"],
            "f1": {k: v["f1"] for k, v in report["kinds"].items()},
            "amount_kind_accuracy": report["amount_kind_accuracy"],
            "missing_articles": len(report["missing_articles"])}


# Bodies timed against jieba at most: every ingested body up to this many, else this many
# evenly spread (10,000 bodies take about ten minutes per engine on one core).
TIMING_BODIES = 10_000
# Ingested bodies (every step-th by source file) with what extraction is given besides them, in a stable order.
BODIES_SQL = """
    with numbered as (
        select *, row_number() over (order by source_file) - 1 as n from raw.articles
    )
    select a.body_text, a.title, a.published_date, a.published_date_precision,
           list(s.char_start order by s.sentence_no) filter (where s.char_start is not null)
    from numbered as a left join raw.sentences as s using (source_file)
    where a.n % $step = 0
    group by a.source_file, a.body_text, a.title, a.published_date, a.published_date_precision
    order by a.source_file"""
TIMING_BATCH = 500  # bodies timed by extraction, then by jieba, in turn


def extraction_vs_jieba(warehouse: Path) -> dict:
    """Extraction and plain jieba.lcut over the same bodies on one core; loading is not timed."""
    worker_init()
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    con = connect(warehouse, read_only=True)
    articles = chars = 0
    extract_s = jieba_s = extract_cpu_s = jieba_cpu_s = 0.0
    try:
        total = con.execute("select count(*) from raw.articles").fetchone()[0]
        cursor = con.execute(BODIES_SQL, {"step": max(1, -(-total // TIMING_BODIES))})
        while rows := cursor.fetchmany(TIMING_BATCH):
            t, cpu = time.perf_counter(), time.process_time()
            for body, title, published, precision, starts in rows:
                day = published if precision == "day" else None
                extract_article(body, starts, day, published.year if published else None, title=title)
            extract_s += time.perf_counter() - t
            extract_cpu_s += time.process_time() - cpu
            t, cpu = time.perf_counter(), time.process_time()
            for body, *_ in rows:
                tokenizer.lcut(body)
            jieba_s += time.perf_counter() - t
            jieba_cpu_s += time.process_time() - cpu
            articles += len(rows)
            chars += sum(len(body) for body, *_ in rows)
    finally:
        con.close()
    return {"articles": articles, "chars": chars,
            "extraction_s": round(extract_s, 2), "jieba_s": round(jieba_s, 2),
            "extraction_articles_per_s": round(articles / extract_s, 1) if extract_s else None,
            "jieba_articles_per_s": round(articles / jieba_s, 1) if jieba_s else None,
            "extraction_cpu_s": round(extract_cpu_s, 2), "jieba_cpu_s": round(jieba_cpu_s, 2),
            "extraction_articles_per_cpu_s": round(articles / extract_cpu_s, 1) if extract_cpu_s else None,
            "jieba_articles_per_cpu_s": round(articles / jieba_cpu_s, 1) if jieba_cpu_s else None}


def process_tree(root: int) -> list[int]:
    """``root`` and every process descended from it (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:  # the process ended meanwhile
            continue
        parent = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def tree_rss_mb(root: int) -> float:
    """Resident memory now of ``root`` and every process descended from it, in MiB (Linux /proc).

    Shared pages count once per process, so the figure errs high, never low.
    """
    pages = 0
    for pid in process_tree(root):
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                pages += int(handle.read().split()[1])
        except OSError:
            continue
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def tree_cpu_ticks(root: int) -> dict[int, int]:
    """CPU time so far (user + system, in clock ticks) of ``root`` and each of its descendants."""
    ticks = {}
    for pid in process_tree(root):
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2:].split()
        ticks[pid] = int(fields[11]) + int(fields[12])
    return ticks


class TreePeak:
    """While entered, samples ``tree_rss_mb`` of this process every ``interval`` s; keeps the peak.

    Sums what runs at the same moment (parent, extraction workers, the dbt child), which
    the per-process ``ru_maxrss`` figures cannot; a peak shorter than the interval can be missed.
    It also keeps the CPU time of every process of the tree (``cpu_s``): unlike wall time on
    a shared machine, CPU seconds per article do not depend on what else runs (a process's
    last interval before it exits is missed).
    """

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.peak_mb = 0.0
        self._ticks: dict[int, int] = {}
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while True:
            self._sample_cpu()
            self.peak_mb = max(self.peak_mb, tree_rss_mb(os.getpid()))
            if self._done.wait(self.interval):
                return

    def _sample_cpu(self) -> None:
        ticks = tree_cpu_ticks(os.getpid())
        with self._lock:
            for pid, n in ticks.items():
                self._ticks[pid] = max(self._ticks.get(pid, 0), n)

    def cpu_s(self) -> float:
        """CPU seconds of the process tree since it was entered (sampled now)."""
        self._sample_cpu()
        with self._lock:
            return sum(self._ticks.values()) / os.sysconf("SC_CLK_TCK")

    def __enter__(self) -> TreePeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()


def _rss_mb(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # MiB: ru_maxrss is in KiB on Linux


def measure(size: int, bench_dir: Path, seed: int, workers: int | None) -> dict:
    """Every figure for one corpus size; meant to run in a fresh process."""
    quiet: Say = lambda _line: None  # noqa: E731
    source = corpus_for(size, bench_dir, seed, quiet)
    corpus = source / "corpus"
    warehouse = bench_dir / f"warehouse-{size}.duckdb"
    for stale in bench_dir.glob(f"warehouse-{size}.duckdb*"):
        stale.unlink()
    corpus_bytes = sum(p.stat().st_size for p in corpus.iterdir())
    cores = workers or os.cpu_count() or 1

    with TreePeak() as tree:
        t, cpu = time.perf_counter(), tree.cpu_s()
        stats = ingest_only(corpus, warehouse, say=quiet, workers=workers)
        ingest_s, ingest_cpu_s = time.perf_counter() - t, tree.cpu_s() - cpu
        rss_worker = _rss_mb(resource.RUSAGE_CHILDREN)  # only the workers have ended by now
        t = time.perf_counter()
        build(corpus, warehouse, say=quiet, workers=workers)
        build_s = time.perf_counter() - t
        dbt_s = json.loads((PROJECT_DIR / "target" / "last-build" / "run_results.json").read_text()).get("elapsed_time")
        t = time.perf_counter()
        rerun = build(corpus, warehouse, say=quiet, workers=workers)
        rerun_s = time.perf_counter() - t
    result = {
        "engine": "local", "articles": size, "files": stats.files_seen, "corpus_mb": round(corpus_bytes / 1e6, 1),
        "articles_ingested": stats.articles, "mentions": stats.mentions, "workers": cores,
        "ingest_s": round(ingest_s, 2), "articles_per_s": round(stats.articles / ingest_s, 1),
        "ingest_cpu_s": round(ingest_cpu_s, 2), "articles_per_cpu_s": round(stats.articles / ingest_cpu_s, 1),
        "mb_per_s": round(corpus_bytes / 1e6 / ingest_s, 2),
        "build_after_ingest_s": round(build_s, 2), "dbt_s": round(dbt_s, 2) if dbt_s else None,
        "end_to_end_s": round(ingest_s + build_s, 2),
        "rerun_s": round(rerun_s, 2), "rerun_dbt_nodes": rerun.dbt_passed,
        "peak_rss_parent_mb": _rss_mb(resource.RUSAGE_SELF),
        "peak_rss_process_tree_mb": round(tree.peak_mb, 1),
        "peak_rss_largest_worker_mb": rss_worker,
        "peak_rss_largest_child_incl_dbt_mb": _rss_mb(resource.RUSAGE_CHILDREN),
        "warehouse_mb": round(warehouse.stat().st_size / 1e6, 1),
        "warehouse_vs_input": round(warehouse.stat().st_size / corpus_bytes, 2),
        "stage_cpu_s": {stage: round(seconds, 2) for stage, seconds in stats.stage_seconds.items()},
    }
    con = connect(warehouse, read_only=True)
    try:
        result["warehouse_storage"] = size_line(con, warehouse)
    finally:
        con.close()
    result["queries"] = time_queries(warehouse)
    result["eval"] = score(warehouse, source / "gold")
    timing = result["jieba"] = extraction_vs_jieba(warehouse)
    per_core = result["articles_per_s"] / cores
    result["parkmart_articles_per_s_per_core"] = round(per_core, 1)
    jieba_rate = timing["jieba_articles_per_s"]
    result["ratio_extraction_vs_jieba"] = (
        round(timing["extraction_articles_per_s"] / jieba_rate, 3) if jieba_rate else None)
    result["ratio_ingest_per_core_vs_jieba"] = round(per_core / jieba_rate, 3) if jieba_rate else None
    # The same ratios in CPU seconds: what one core does when it is not shared (wall time on a
    # busy machine counts the other programs' turns too).
    jieba_cpu_rate = timing["jieba_articles_per_cpu_s"]
    result["ratio_extraction_vs_jieba_cpu"] = (
        round(timing["extraction_articles_per_cpu_s"] / jieba_cpu_rate, 3) if jieba_cpu_rate else None)
    result["ratio_ingest_vs_jieba_cpu"] = (
        round(result["articles_per_cpu_s"] / jieba_cpu_rate, 3) if jieba_cpu_rate else None)
    return result


def measure_spark(size: int, bench_dir: Path, seed: int, workers: int | None) -> dict:
    """The Spark engine's figures for one corpus size (local[workers]); meant to run in a fresh process."""
    quiet: Say = lambda _line: None  # noqa: E731
    corpus = corpus_for(size, bench_dir, seed, quiet) / "corpus"
    cores = workers or os.cpu_count() or 1
    work = bench_dir / f"spark-{size}"
    shutil.rmtree(work, ignore_errors=True)
    one = work / "one-file"
    one.mkdir(parents=True)
    shutil.copyfile(min(corpus.iterdir()), one / min(corpus.iterdir()).name)
    warehouse, raw = work / "warehouse.duckdb", work / "raw"
    corpus_bytes = sum(p.stat().st_size for p in corpus.iterdir())
    with TreePeak() as tree:
        t = time.perf_counter()
        spark = spark_session(f"local[{cores}]")
        start_s = time.perf_counter() - t
        t, cpu = time.perf_counter(), tree.cpu_s()
        ingest_spark(one, work / "raw-one-file", "warmup", say=quiet)
        fixed_job_s, fixed_cpu_s = time.perf_counter() - t, tree.cpu_s() - cpu
        t, cpu = time.perf_counter(), tree.cpu_s()
        stats, _ = ingest_spark(corpus, raw, "bench", say=quiet)
        ingest_s, ingest_cpu_s = time.perf_counter() - t, tree.cpu_s() - cpu
        t = time.perf_counter()
        build(corpus, warehouse, say=quiet, engine="spark", raw_dir=raw)
        build_s = time.perf_counter() - t
        dbt_s = json.loads((PROJECT_DIR / "target" / "last-build" / "run_results.json").read_text()).get("elapsed_time")
        t = time.perf_counter()
        rerun = build(corpus, warehouse, say=quiet, engine="spark", raw_dir=raw)
        rerun_s = time.perf_counter() - t
    spark.stop()
    parquet_bytes = sum(p.stat().st_size for p in raw.rglob("*.parquet"))
    return {
        "engine": "spark", "articles": size, "files": stats.files_seen, "corpus_mb": round(corpus_bytes / 1e6, 1),
        "articles_ingested": stats.articles, "mentions": stats.mentions, "workers": cores,
        "spark_start_s": round(start_s, 2), "spark_fixed_job_s": round(fixed_job_s, 2),
        "spark_fixed_job_cpu_s": round(fixed_cpu_s, 2),
        "ingest_s": round(ingest_s, 2), "articles_per_s": round(stats.articles / ingest_s, 1),
        "ingest_cpu_s": round(ingest_cpu_s, 2), "articles_per_cpu_s": round(stats.articles / ingest_cpu_s, 1),
        "parkmart_articles_per_s_per_core": round(stats.articles / ingest_s / cores, 1),
        "mb_per_s": round(corpus_bytes / 1e6 / ingest_s, 2),
        "build_after_ingest_s": round(build_s, 2), "dbt_s": round(dbt_s, 2) if dbt_s else None,
        "end_to_end_s": round(start_s + fixed_job_s + ingest_s + build_s, 2),
        "rerun_s": round(rerun_s, 2), "rerun_dbt_nodes": rerun.dbt_passed,
        "peak_rss_process_tree_mb": round(tree.peak_mb, 1),
        "parquet_mb": round(parquet_bytes / 1e6, 1), "warehouse_mb": round(warehouse.stat().st_size / 1e6, 1),
        "stage_cpu_s": {stage: round(seconds, 2) for stage, seconds in stats.stage_seconds.items()},
    }


def spark_lines(r: dict) -> list[str]:
    return [
        f"== {r['articles']} articles ({r['files']} files, {r['corpus_mb']} MB), Spark local[{r['workers']}]",
        f"start-up    {r['spark_start_s']} s session, {r['spark_fixed_job_s']} s one-file run (workers, extractors, "
        f"writes; {r['spark_fixed_job_cpu_s']} CPU s)",
        f"ingest      {r['ingest_s']} s: {r['articles_per_s']} articles/s, {r['mb_per_s']} MB/s "
        f"({r['parkmart_articles_per_s_per_core']} articles/s per core); {r['ingest_cpu_s']} CPU s: "
        f"{r['articles_per_cpu_s']} articles per CPU second",
        f"dbt build   {r['dbt_s']} s over the Parquet (build {r['build_after_ingest_s']} s); end to end "
        f"{r['end_to_end_s']} s with start-up",
        f"re-run      {r['rerun_s']} s on the unchanged corpus (dbt nodes run: {r['rerun_dbt_nodes']})",
        f"peak RSS    {r['peak_rss_process_tree_mb']} MiB for the process tree (driver JVM, Python workers, dbt)",
        f"raw layer   {r['parquet_mb']} MB of Parquet; warehouse {r['warehouse_mb']} MB",
        stage_line(r),
    ]


def stage_line(r: dict) -> str:
    """CPU seconds per ingest stage (all processes), its share, and ms per article."""
    stages = r["stage_cpu_s"]
    total = sum(stages.values()) or 1.0
    articles = r["articles_ingested"] or 1
    return ("stages      CPU s (share, ms per article): "
            + ", ".join(f"{stage} {s} ({s / total:.0%}, {1000 * s / articles:.2f})" for stage, s in stages.items())
            + f"; total {round(total, 2)}")


def table_lines(results: list[dict]) -> list[str]:
    """One row per (engine, size): the comparison docs/SCALE.md quotes."""
    head = ("| engine | articles | cores | ingest s | articles/s | per core | articles per CPU s "
            "| fixed start-up s | dbt s | end to end s | re-run s | raw MB |")
    rows = [head, "|" + " --- |" * 12]
    for r in results:
        fixed = (r["spark_start_s"] + r["spark_fixed_job_s"]) if r["engine"] == "spark" else 0.0
        raw_mb = r.get("parquet_mb", r["warehouse_mb"])
        rows.append(f"| {r['engine']} | {r['articles']} | {r['workers']} | {r['ingest_s']} | {r['articles_per_s']} "
                    f"| {r['parkmart_articles_per_s_per_core']} | {r['articles_per_cpu_s']} | {round(fixed, 2)} | {r['dbt_s']} "
                    f"| {r['end_to_end_s']} | {r['rerun_s']} | {raw_mb} |")
    return rows


def lines(r: dict) -> list[str]:
    if r["engine"] == "spark":
        return spark_lines(r)
    q, e, j = r["queries"], r["eval"], r["jieba"]
    return [
        f"== {r['articles']} articles ({r['files']} files, {r['corpus_mb']} MB), {r['workers']} workers",
        f"ingest      {r['ingest_s']} s: {r['articles_per_s']} articles/s, {r['mb_per_s']} MB/s "
        f"({r['parkmart_articles_per_s_per_core']} articles/s per core); {r['ingest_cpu_s']} CPU s: "
        f"{r['articles_per_cpu_s']} articles per CPU second",
        f"extraction  {j['extraction_s']} s over {j['articles']} bodies ({j['chars']} chars): "
        f"{j['extraction_articles_per_s']} articles/s on 1 core",
        f"jieba.lcut  {j['jieba_s']} s over the same bodies: {j['jieba_articles_per_s']} articles/s on 1 core",
        f"ratio parkmart/jieba: extraction {r['ratio_extraction_vs_jieba']} (headline); "
        f"whole ingest per core {r['ratio_ingest_per_core_vs_jieba']}; in CPU seconds: extraction "
        f"{r['ratio_extraction_vs_jieba_cpu']} ({j['extraction_articles_per_cpu_s']} vs "
        f"{j['jieba_articles_per_cpu_s']} articles per CPU s), whole ingest {r['ratio_ingest_vs_jieba_cpu']}",
        f"dbt build   {r['dbt_s']} s (build after ingest {r['build_after_ingest_s']} s); end to end {r['end_to_end_s']} s",
        f"re-run      {r['rerun_s']} s on the unchanged corpus (dbt nodes run: {r['rerun_dbt_nodes']})",
        f"peak RSS    {r['peak_rss_process_tree_mb']} MiB for parent, workers and dbt together (sampled every "
        f"0.5 s through ingest, build and re-run); per process: parent {r['peak_rss_parent_mb']} MiB, "
        f"largest worker {r['peak_rss_largest_worker_mb']} MiB, largest child (worker or dbt) "
        f"{r['peak_rss_largest_child_incl_dbt_mb']} MiB",
        stage_line(r),
        f"warehouse   {r['warehouse_mb']} MB, {r['warehouse_vs_input']}x the input; {r['warehouse_storage']}",
        f"queries     p50 {q['p50_ms']} ms, p95 {q['p95_ms']} ms ({q['source']}, {QUERY_REPEATS} runs each)",
        "F1          " + ", ".join(f"{k} {v}" for k, v in e["f1"].items())
        + f" (on {e['articles_scored']} articles; amount kind accuracy {e['amount_kind_accuracy']})",
    ]


def remove_size(size: int, bench_dir: Path, seed: int) -> None:
    """Delete the corpus of ``size`` articles and what was built from it."""
    shutil.rmtree(bench_dir / f"synth-{size}-seed{seed}-v{SYNTH_VERSION}", ignore_errors=True)
    shutil.rmtree(bench_dir / f"spark-{size}", ignore_errors=True)
    for built in bench_dir.glob(f"warehouse-{size}.duckdb*"):
        built.unlink()


def run_bench(sizes: list[int], bench_dir: Path, seed: int = 0, workers: int | None = None,
              json_out: Path | None = None, say: Say = print, engines: tuple[str, ...] = ("local",)) -> list[dict]:
    """Measure every size and engine in its own process; print the figures and write them as JSON."""
    bench_dir = bench_dir.resolve()
    bench_dir.mkdir(parents=True, exist_ok=True)
    results = []
    for size in sizes:
        corpus_for(size, bench_dir, seed, say)
        for engine in engines:
            say(f"measuring {size} articles, {engine} engine")
            command = [sys.executable, "-m", "parkmart.devtools.bench", str(size), str(bench_dir), str(seed),
                       str(workers or 0), engine]
            proc = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT_DIR)
            if proc.returncode != 0:
                raise ParkmartError(f"bench of {size} articles ({engine}) failed:\n{proc.stderr[-3000:]}")
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            results.append(result)
            for line in lines(result):
                print(line, flush=True)
        if size > CACHE_MAX_ARTICLES:
            say(f"removing the {size}-article corpus and its warehouses (only corpora up to "
                f"{CACHE_MAX_ARTICLES} articles are kept)")
            remove_size(size, bench_dir, seed)
    for line in table_lines(results):
        print(line, flush=True)
    text = json.dumps(results, ensure_ascii=False, indent=2)
    for out in [bench_dir / "bench.json"] + ([json_out] if json_out else []):
        out.write_text(text, encoding="utf-8")
    say(f"results written to {bench_dir / 'bench.json'}")
    return results


if __name__ == "__main__":
    n, directory, seed_arg, workers_arg, engine_arg = sys.argv[1:6]
    measure_engine = measure_spark if engine_arg == "spark" else measure
    figures = measure_engine(int(n), Path(directory), int(seed_arg), int(workers_arg) or None)
    print(json.dumps(figures, ensure_ascii=False))
