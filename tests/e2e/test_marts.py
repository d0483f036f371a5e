"""The marts as an analyst meets them: attribution, safe totals, parks, links, analyses.

Everything runs on the session warehouse built from corpus/ (``sample_build``); the
analyses are compiled once by dbt against a copy of it and run read-only.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from ingest.dedupe import MIN_SIMILARITY, minhash, similarity
from parkmart.dbt import run_dbt
from parkmart.project import MART_TABLES, PROJECT_DIR
from tests.helpers import run_cli

ANALYSES = sorted(p.stem for p in (PROJECT_DIR / "analyses").glob("*.sql"))
MARTS = MART_TABLES
# An invented wire story (no sample text), reprinted with a byline, a dateline and a tail.
STORY = (
    "某市高新区今日举行重大项目集中签约仪式，共有二十个项目现场签约，涉及新能源汽车零部件、"
    "集成电路、生物医药和高端装备等领域。仪式上，区负责人介绍了园区近年来的招商成果和营商环境，"
    "表示将为落户企业提供全周期服务。据了解，签约项目全部达产后预计可形成较大规模的产业集群，"
    "带动上下游企业集聚发展，为区域经济高质量发展注入新的动能。"
)


def fx_rate(year: int, currency: str) -> float:
    """The seeded annual average rate, read from the seed file itself."""
    with (PROJECT_DIR / "seeds" / "fx_rates.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["currency"] == currency]
    best = min(rows, key=lambda r: (abs(int(r["year"]) - year), int(r["year"])))
    return float(best["cny_per_unit"])


@pytest.fixture(scope="module")
def compiled_analyses(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dbt compiles analyses/ against a copy of the sample warehouse; returns the target dir."""
    work = tmp_path_factory.mktemp("analyses")
    copy = work / "warehouse.duckdb"
    shutil.copyfile(sample_warehouse, copy)
    run_dbt(["compile", "--select", "path:analyses"], copy, work / "target", echo=False)
    return work / "target"


def run_analysis(target: Path, name: str, con: duckdb.DuckDBPyConnection) -> list[dict]:
    sql = (target / "compiled" / "parkmart" / "analyses" / f"{name}.sql").read_text(encoding="utf-8")
    cur = con.execute(sql)
    columns = [c[0] for c in cur.description]
    return [dict(zip(columns, row, strict=True)) for row in cur.fetchall()]


def test_there_are_at_least_eight_analyses():
    assert len(ANALYSES) >= 8


@pytest.mark.parametrize("name", ANALYSES)
def test_every_analysis_compiles_and_returns_rows(compiled_analyses, marts, name):
    assert run_analysis(compiled_analyses, name, marts), f"analyses/{name}.sql returned no rows"


def test_investment_by_province_year_is_the_safe_total(compiled_analyses, marts):
    rows = run_analysis(compiled_analyses, "investment_by_province_year", marts)
    safe_total = marts.execute(
        "select sum(amount_cny) / 1e8 from marts.fct_investments where counts_in_totals").fetchone()[0]
    assert sum(r["investment_yi_cny"] for r in rows) == pytest.approx(safe_total, abs=0.05)
    # 9.5亿元 (002, a park in 上海市嘉定区) is in Shanghai's total
    assert any(r["province"] == "上海市" and r["investment_yi_cny"] >= 9.5 for r in rows)


def test_largest_foreign_currency_amount_is_converted_at_its_years_rate(compiled_analyses, marts):
    rows = run_analysis(compiled_analyses, "largest_foreign_currency_projects", marts)
    usd = [r for r in rows if r["currency"] == "USD" and r["amount_value"] == pytest.approx(1.8e8)]
    assert usd, rows
    assert usd[0]["fx_rate_year"] == 2024  # 004 was published 2024-09-24
    assert usd[0]["amount_yi_cny"] == pytest.approx(1.8 * fx_rate(2024, "USD"), abs=0.01)


def test_cross_province_network_links_shanghai_with_jiangsu_and_zhejiang(compiled_analyses, marts):
    rows = run_analysis(compiled_analyses, "cross_province_links", marts)
    pairs = {(r["province_a"], r["province_b"]) for r in rows}
    assert ("上海市", "江苏省") in pairs  # 000: 上海 x 常熟
    assert ("上海市", "浙江省") in pairs  # 002: 温州 enclave in 嘉定


def test_articles_per_outlet_and_duplicate_rate(compiled_analyses, marts):
    outlets = run_analysis(compiled_analyses, "articles_per_outlet", marts)
    assert sum(r["articles"] for r in outlets) == 5
    (rate,) = run_analysis(compiled_analyses, "duplicate_rate", marts)
    assert (rate["articles"], rate["stories"], rate["reprints"], rate["duplicate_rate"]) == (5, 5, 0, 0)


def test_every_mart_column_is_described(compiled_analyses):
    manifest = json.loads((compiled_analyses / "manifest.json").read_text(encoding="utf-8"))
    missing = []
    for node in manifest["nodes"].values():
        if node["resource_type"] == "model" and node["name"] in MARTS:
            assert node["description"].strip(), node["name"]
            assert node["config"]["contract"]["enforced"], node["name"]
            missing += [f"{node['name']}.{c}" for c, col in node["columns"].items() if not col["description"].strip()]
    assert missing == []


def test_overview_page_states_the_safe_aggregation_rule(compiled_analyses):
    manifest = json.loads((compiled_analyses / "manifest.json").read_text(encoding="utf-8"))
    overview = next(d for d in manifest["docs"].values() if d["name"] == "__overview__" and d["package_name"] == "parkmart")
    assert "counts_in_totals" in overview["block_contents"]


@pytest.mark.parametrize(("source_file", "value", "currency", "kind", "counts"), [
    ("002_4ccc7ba70e5da29f.txt", 9.5e8, "CNY", "investment", True),     # 总投资9.5亿元
    ("001_8666b091d84f0278.txt", 2.926e10, "CNY", "investment", True),  # batch total of 14 parks
    ("001_8666b091d84f0278.txt", 8e10, "CNY", "output", False),         # 产值超800亿元: a target
    ("000_be9f5e73acee2347.txt", 5e10, "CNY", "output", False),         # 500亿元产出规模
])
def test_amounts_count_in_totals_only_when_investment(marts, source_file, value, currency, kind, counts):
    row = marts.execute("""
        select i.kind, i.counts_in_totals, i.amount_cny
        from marts.fct_investments as i join marts.dim_article as a using (article_id)
        where a.source_file = ? and i.currency = ? and abs(i.amount_value - ?) < 1
    """, [source_file, currency, value]).fetchone()
    assert row is not None
    assert row[0] == kind and row[1] is counts and row[2] == pytest.approx(value)


def test_amounts_of_a_promotion_held_elsewhere_go_to_the_promoter(marts):
    """003: a 苏州高新区 promotion held in 上海浦东 signs 536亿; the venue is not where it goes."""
    row = marts.execute("""
        select i.region_code from marts.fct_investments as i join marts.dim_article as a using (article_id)
        where a.source_file = '003_5daf4f7823716356.txt' and i.amount_value = 5.36e10
    """).fetchone()
    assert row == ("320505",)  # 苏州市虎丘区, the district run with 苏州高新区


def test_batch_is_one_row_with_its_count_and_total(marts):
    row = marts.execute("""
        select p.project_count, p.event_type, p.investment_value, i.is_batch_total
        from marts.fct_projects as p
        join marts.dim_article as a using (article_id)
        left join marts.fct_investments as i on p.investment_id = i.investment_id
        where a.source_file = '001_8666b091d84f0278.txt' and p.is_batch and p.project_count = 14
    """).fetchone()
    assert row == (14, "started", pytest.approx(2.926e10), True)


def test_every_amount_says_how_its_subject_was_linked(marts):
    """No article-level fallback: an amount without a subject has none (attribution 'none')."""
    rows = dict(marts.execute("select attribution, count(*) from marts.fct_investments group by 1").fetchall())
    assert set(rows) <= {"clause", "sentence", "batch", "enumeration", "none"}
    assert marts.execute("""select count(*) from marts.fct_investments
                            where attribution = 'none' and (subject_text is not null or project_id is not null)
                         """).fetchone() == (0,)


def test_the_investors_money_goes_to_the_park_it_co_builds(marts):
    """004: the 1亿元 启动资金 惠山 puts into the park it co-builds in 徐州 is the park's, not a company's project."""
    row = marts.execute("""
        select i.subject_text, i.attribution, p.project_name
        from marts.fct_investments as i join marts.dim_article as a using (article_id)
        left join marts.fct_projects as p on i.project_event_id = p.project_event_id
        where a.source_file = '004_636a7f506121bb8a.txt' and i.amount_value = 1e8
    """).fetchone()
    assert row == ("惠山贾汪工业园区", "clause", "惠山贾汪工业园区")


def test_no_batch_total_on_a_single_project(marts):
    assert marts.execute("""
        select count(*) from marts.fct_projects as p join marts.fct_investments as i using (investment_id)
        where not p.is_batch and i.is_batch_total
    """).fetchone() == (0,)


def test_projects_count_their_articles_and_outlets(marts):
    assert marts.execute("""
        select count(*) from marts.dim_project where source_count < 1 or source_count > article_count
    """).fetchone() == (0,)


def test_park_spellings_and_phases_are_one_park(marts):
    rows = marts.execute("""
        select park_name, aliases, phases, park_type, host_region_code, partner_region_code
        from marts.dim_park where list_contains(aliases, '温州(嘉定)科创园')
    """).fetchall()
    assert len(rows) == 1
    name, aliases, phases, park_type, host, partner = rows[0]
    assert set(aliases) >= {"温州(嘉定)科创园", "温州(嘉定)科技创新园"}
    assert phases == ["二期"]
    assert (park_type, host, partner) == ("enclave", "310114", "330300")


def test_project_investment_goes_to_the_phase_named_with_it(marts):
    row = marts.execute("""
        select project_name, event_type, investment_value
        from marts.fct_projects where investment_value = 9.5e8
    """).fetchone()
    assert row[0].removesuffix("项目") == "温州(嘉定)科技创新园二期"
    assert row[1:] == ("started", 9.5e8)


@pytest.mark.parametrize(("source_file", "pair", "link_type"), [
    ("002_4ccc7ba70e5da29f.txt", ("310114", "330300"), "enclave"),
    ("000_be9f5e73acee2347.txt", ("310000", "320581"), "signing"),
])
def test_cooperation_links(marts, source_file, pair, link_type):
    rows = marts.execute("""
        select region_code_a, region_code_b, link_type
        from marts.fct_cooperation join marts.dim_article using (article_id)
        where source_file = ?
    """, [source_file]).fetchall()
    assert (*pair, link_type) in rows


def test_every_article_has_a_signature_and_is_its_own_story(marts):
    # the signature is kept once, in the raw layer, where the near-duplicate clustering reads it
    rows = marts.execute("select r.body_minhash, d.duplicate_of, d.cluster_size "
                         "from marts.dim_article as d join raw.articles as r using (source_file)").fetchall()
    assert len(rows) == 5
    assert all(s is not None and d is None and n == 1 for s, d, n in rows)


REPRINT_EDITS = {
    "byline added": lambda body: body + "（本报记者 张某某 通讯员 李某）",
    "outlet and dateline added": lambda body: "来源：某某日报 2023-05-01 10:20 " + body,
    "ascii punctuation": lambda body: body.replace("，", ",").replace("。", "."),
}


@pytest.mark.parametrize("edit", list(REPRINT_EDITS))
def test_minhash_reprints_of_each_sample_article_are_near(marts, edit):
    for (body,) in marts.execute("select body_text from marts.dim_article").fetchall():
        assert similarity(minhash(body), minhash(REPRINT_EDITS[edit](body))) >= MIN_SIMILARITY


def test_minhash_different_stories_are_far(marts):
    bodies = [b for (b,) in marts.execute("select body_text from marts.dim_article order by 1").fetchall()]
    signatures = [minhash(b) for b in bodies] + [minhash(STORY * 2)]
    similarities = [similarity(a, b) for i, a in enumerate(signatures) for b in signatures[i + 1:]]
    assert max(similarities) < 0.2
    # half of a story is a different text, not a reprint
    assert all(similarity(minhash(b), minhash(b[: len(b) // 2])) < MIN_SIMILARITY for b in bodies)


@pytest.mark.parametrize(("text", "expected"), [
    ("太短的文本。", None),
    ("", None),
])
def test_minhash_needs_enough_text(text, expected):
    assert minhash(text) is expected


# Two invented articles: one names a zone only by its long suffix, the other only by its short one.
LONG_SUFFIX_ARTICLE = (
    "青岚高新技术产业开发区举行重大项目集中签约仪式\n"
    "2024年3月5日，青岚高新技术产业开发区举行一季度重大项目集中签约仪式，共签约项目8个，"
    "总投资56亿元，涉及智能装备、新材料和生物医药等领域。\n"
)
SHORT_SUFFIX_ARTICLE = (
    "青岚高新区召开招商工作推进会\n"
    "2024年4月9日，青岚高新区召开招商工作推进会，总结一季度招商成果，部署下一阶段重点工作，"
    "要求各部门加快项目落地，优化营商环境。\n"
)


def built_marts(tmp_path: Path, articles: dict[str, str]) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse `parkmart build` makes of these articles."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in articles.items():
        (corpus / name).write_text(text, encoding="utf-8")
    warehouse = tmp_path / "warehouse.duckdb"
    run_cli("build", "--corpus", str(corpus), "--warehouse", str(warehouse))
    return duckdb.connect(str(warehouse), read_only=True)


def test_long_and_short_suffix_spellings_across_articles_are_one_park(tmp_path: Path):
    """高新技术产业开发区 and 高新区 (dbt var park_suffix_aliases, read by Python and SQL alike)."""
    con = built_marts(tmp_path, {"long.txt": LONG_SUFFIX_ARTICLE, "short.txt": SHORT_SUFFIX_ARTICLE})
    try:
        rows = con.execute("select park_name, list_sort(aliases), article_count from marts.dim_park "
                           "where park_name like '青岚%'").fetchall()
    finally:
        con.close()
    assert rows == [("青岚高新技术产业开发区", ["青岚高新区", "青岚高新技术产业开发区"], 2)]


# Two invented articles of two outlets about one park: the first recalls its milestones
# (奠基, 开工) before the opening it reports, the second reports a later event.
OPENING_ARTICLE = (
    "星湾智造产业园正式开园\n"
    "2023年6月20日 来源：星河日报\n"
    "星湾智造产业园于2021年3月18日正式奠基，2022年1月开工，今日正式开园。园区一期建成标准厂房10栋。\n"
)
UNVEILING_ARTICLE = (
    "星湾智造产业园揭牌\n"
    "2023年9月8日 来源：云帆晚报\n"
    "9月8日，星湾智造产业园揭牌，首批12家企业签约入驻，涉及智能装备、新材料和生物医药等领域，"
    "园区将加快配套设施建设，优化营商环境，推动入驻企业尽快投产。\n"
)


def test_background_milestones_make_one_timeline_across_articles(tmp_path: Path):
    """Every dated milestone is a fct_projects row (is_background for the recalled ones, which
    never count in totals); dim_project and dim_park merge the two articles of two outlets."""
    con = built_marts(tmp_path, {"opening.txt": OPENING_ARTICLE, "unveiling.txt": UNVEILING_ARTICLE})
    try:
        events = con.execute(
            "select event_type, cast(event_date as varchar), event_date_precision, trigger_text, is_background, "
            "counts_in_totals from marts.fct_projects where project_name = '星湾智造产业园' "
            "order by event_date").fetchall()
        project = con.execute(
            "select first_reported_date::varchar, first_event_type, latest_event_type, article_count, source_count, "
            "timeline from marts.dim_project where project_name = '星湾智造产业园'").fetchall()
        park = con.execute("select article_count, source_count from marts.dim_park "
                           "where park_name = '星湾智造产业园'").fetchall()
    finally:
        con.close()
    assert events == [
        ("started", "2021-03-18", "day", "奠基", True, False),
        ("started", "2022-01-01", "month", "开工", True, False),
        ("opened", "2023-06-20", "day", "开园", False, True),  # its own clause's 今日, not the sentence's 奠基 date
        ("unveiled", "2023-09-08", None, "揭牌", False, True),
    ]
    assert project == [("2021-03-18", "started", "unveiled", 2, 2,
                        ["2021-03-18 started", "2022-01-01 started", "2023-06-20 opened", "2023-09-08 unveiled"])]
    assert park == [(2, 2)]
