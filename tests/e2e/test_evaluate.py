"""``parkmart eval``: a perfect warehouse scores 1.0 everywhere; deliberate errors cost exactly what they should."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import duckdb
import pytest

from parkmart.devtools.evaluate import (
    evaluate,
    load_gold_dir,
    match,
    name_key,
    names_match,
    park_names,
)
from parkmart.errors import ParkmartError
from tests.helpers import run_cli

PARK_SQL = """select distinct normalized, case when surface_text like '%期'
              then regexp_extract(surface_text, '[一二三四五六七八九十0-9]+期$') end
              from marts.fct_mentions where article_id = ? and mention_type = 'park' order by 1, 2"""


def gold_from_warehouse(warehouse: Path) -> dict[str, dict]:
    """Gold files that say exactly what the warehouse says, in the format of shared/gold."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        names = dict(con.execute("select region_code, full_name from marts.dim_region").fetchall())
        gold = {}
        for aid, source_file, title, published, script in con.execute(
                "select article_id, source_file, title, cast(published_date as varchar), script "
                "from marts.dim_article order by source_file").fetchall():
            def rows(sql: str, aid: str = aid) -> list[tuple]:
                return con.execute(sql, [aid]).fetchall()
            gid = source_file.rsplit(".", 1)[0]
            parks = sorted(park_names(rows(PARK_SQL)), key=len, reverse=True)
            gold[gid] = {
                "id": gid, "title": title, "published_date": published, "script": script,
                "amounts": [{"text": t, "value": v, "currency": c, "kind": k, "subject": sub} for v, c, k, sub, t in rows(
                    "select amount_value, currency, kind, subject_text, evidence_text from marts.fct_investments "
                    "where article_id = ? order by char_start")],
                "areas": [{"text": "", "value_m2": v} for (v,) in rows(
                    "select value_num from marts.fct_mentions where article_id = ? and mention_type = 'area'")],
                "regions": [{"name": names[c], "code": c} for (c,) in rows(
                    "select distinct ref_id from marts.fct_mentions where article_id = ? "
                    "and mention_type = 'region' and ref_id is not null")],
                "parks": [p for i, p in enumerate(parks) if all(name_key(p) != name_key(q) for q in parks[:i])],
                "projects": [{"name": n, "event": e, "investment_value": v, "currency": c if v is not None else None,
                              "region": names.get(r)} for n, e, v, c, r in rows(
                    "select project_name, event_type, investment_value, currency, region_code from marts.fct_projects "
                    "where article_id = ? and not is_batch and not is_background")],  # gold lists no background milestone
                "batches": [{"text": n, "count": c, "event": e} for c, e, n in rows(
                    "select project_count, event_type, project_name from marts.fct_projects "
                    "where article_id = ? and is_batch")],
                "cross_region": sorted({tuple(sorted((names[a], names[b]))) for a, b in rows(
                    "select region_code_a, region_code_b from marts.fct_cooperation where article_id = ?")}),
            }
        return gold
    finally:
        con.close()


def write_gold(directory: Path, gold: dict[str, dict]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for gid, data in gold.items():
        (directory / f"{gid}.json").write_text(json.dumps(data, ensure_ascii=False, default=list), encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def perfect_gold(sample_warehouse: Path) -> dict[str, dict]:
    gold = gold_from_warehouse(sample_warehouse)
    # the sample must exercise every kind, or a perfect score would prove little
    for key in ("amounts", "areas", "regions", "parks", "projects", "batches", "cross_region"):
        assert sum(len(g[key]) for g in gold.values()) > 0, key
    return gold


def test_perfect_warehouse_scores_one_everywhere(sample_warehouse: Path, perfect_gold: dict, tmp_path: Path) -> None:
    gold_dir = write_gold(tmp_path / "gold", perfect_gold)
    out = tmp_path / "scores.json"
    proc = run_cli("eval", "--gold", str(gold_dir), "--warehouse", str(sample_warehouse), "--json", str(out))
    scores = json.loads(out.read_text(encoding="utf-8"))
    assert scores["articles"] == len(perfect_gold) == 5
    for kind, s in scores["kinds"].items():
        assert (s["precision"], s["recall"], s["f1"], s["fp"], s["fn"]) == (1.0, 1.0, 1.0, 0, 0), kind
    assert scores["kinds"]["amount"]["tp"] == sum(len(g["amounts"]) for g in perfect_gold.values())
    assert scores["kinds"]["region"]["tp"] == sum(len(g["regions"]) for g in perfect_gold.values())
    assert scores["amount_kind_accuracy"] == 1.0
    for name, a in scores["attribution"].items():
        assert (a["accuracy"], a["correct"]) == (1.0, a["matched"]), name
        assert a["matched"] > 0, name  # the sample exercises every attribution score
    assert (scores["title_accuracy"], scores["published_date_accuracy"], scores["script_accuracy"]) == (1.0, 1.0, 1.0)
    assert scores["missing_articles"] == [] and scores["errors"] == []
    assert "amount kind accuracy 1.000" in proc.stdout


def test_wrong_warehouse_scores_exactly(sample_warehouse: Path, perfect_gold: dict, tmp_path: Path) -> None:
    gold = copy.deepcopy(perfect_gold)
    n_amounts = sum(len(g["amounts"]) for g in gold.values())
    n_areas = sum(len(g["areas"]) for g in gold.values())
    n_regions = sum(len(g["regions"]) for g in gold.values())
    with_amounts = [g for g in gold.values() if len(g["amounts"]) >= 2]
    assert with_amounts, "the sample needs an article with two amounts"
    a = with_amounts[0]["amounts"]
    a[0]["value"] *= 1.004  # within 0.5 %: still a match
    a[0]["kind"] = "tax" if a[0]["kind"] != "tax" else "fund"  # matched, but the kind is wrong
    a[1]["value"] *= 1.02  # 2 % off: a miss and a false positive
    a.append({"text": "invented", "value": 123456789, "currency": "CNY", "kind": "investment"})  # a miss
    with_project = next(g for g in gold.values() if g["projects"])
    with_project["projects"][0]["event"] = "invented"  # matched, but the event is wrong
    with_project["projects"][0]["region"] = None if with_project["projects"][0]["region"] else "上海市"  # wrong region
    a[0]["subject"] = "某某不存在的主体"  # matched amount, wrong subject
    with_area = next(g for g in gold.values() if g["areas"])
    with_area["areas"].pop()  # the warehouse's area is now a false positive
    with_currency = next(g for g in gold.values() if g is not with_amounts[0] and g["amounts"])
    with_currency["amounts"][0]["currency"] = "XXX"  # wrong currency: a miss and a false positive
    with_regions = next(g for g in gold.values() if g["regions"])
    with_regions["regions"].append({"name": "invented", "code": "999999"})  # a miss
    with_regions["regions"].append({"name": "no code", "code": None})  # ignored
    for g in gold.values():
        g["title"] = "wrong title" if g is with_regions else g["title"]
    missing = {"id": "999_not_in_the_corpus", "amounts": [{"value": 1e8, "currency": "CNY", "kind": "other"}],
               "areas": [], "regions": [], "parks": ["某某产业园"], "projects": [], "batches": [], "cross_region": []}
    gold[missing["id"]] = missing

    report = evaluate(sample_warehouse, load_gold_dir(write_gold(tmp_path / "gold", gold)))
    s = report.scores
    assert (s["amount"].tp, s["amount"].fp, s["amount"].fn) == (n_amounts - 2, 2, 4)
    assert report.amount_kind_correct == n_amounts - 3
    assert report.amount_kind_accuracy == pytest.approx((n_amounts - 3) / (n_amounts - 2))
    assert report.attribution_matched["amount_subject"] == n_amounts - 2
    assert report.attribution_correct["amount_subject"] == n_amounts - 3
    n_projects = report.attribution_matched["project_event"]
    assert report.attribution_correct["project_event"] == n_projects - 1
    assert report.attribution_correct["project_region"] == n_projects - 1
    assert report.attribution_correct["project_investment"] == n_projects
    assert any("project event wrong" in e and "invented" in e for e in report.errors)
    assert (s["area"].tp, s["area"].fp, s["area"].fn) == (n_areas - 1, 1, 0)
    assert (s["region"].tp, s["region"].fp, s["region"].fn) == (n_regions, 0, 1)
    assert (s["park"].fp, s["park"].fn) == (0, 1)
    assert report.missing_articles == ["999_not_in_the_corpus"]
    assert report.articles == 6 and report.title_correct == 4
    assert any("amount missed" in e and "123456789" in e for e in report.errors)
    assert s["amount"].precision == pytest.approx((n_amounts - 2) / n_amounts)
    assert s["amount"].recall == pytest.approx((n_amounts - 2) / (n_amounts + 2))


def test_eval_on_the_real_gold_meets_the_amount_bar(sample_warehouse: Path) -> None:
    from tests.helpers import GOLD

    if not GOLD.is_dir():
        pytest.skip("shared/gold is not beside this clone")
    report = evaluate(sample_warehouse, load_gold_dir(GOLD))
    assert report.scores["amount"].f1 >= 0.95
    assert report.amount_kind_accuracy >= 0.9
    assert report.scores["area"].f1 >= 0.9


@pytest.mark.parametrize(("a", "b", "same"), [
    ("温州(嘉定)科技创新园二期", "温州（嘉定）科技创新园二期项目", True),
    ("某某 产业园", "某某产业园", True),
    ("某某产业园", "某某产业园二期", True),  # one contains the other
    ("【某某】科创园", "某某科创园", True),
    ("某某产业园", "另一产业园", False),
    ("", "某某产业园", False),
    ("项目", "某某产业园", False),
])
def test_names_match(a: str, b: str, same: bool) -> None:
    assert names_match(a, b) is same


def test_match_is_one_to_one_and_maximal() -> None:
    # greedy in order would pair 甲 with 甲乙 and leave 甲乙 without a partner
    m = match(["甲", "甲乙"], ["甲乙", "丙"], lambda g, p: g in p or p in g)
    assert (m.score.tp, m.score.fp, m.score.fn) == (1, 1, 1)
    m = match(["甲", "甲乙"], ["甲乙", "甲"], lambda g, p: g in p or p in g, lambda g, p: g == p)
    assert m.pairs == [("甲", "甲"), ("甲乙", "甲乙")]
    m = match([1, 1], [1], lambda g, p: g == p)
    assert (m.score.tp, m.score.fp, m.score.fn) == (1, 0, 1)


def test_eval_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ParkmartError, match="gold directory not found"):
        load_gold_dir(tmp_path / "absent")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ParkmartError, match="bad.json: not valid JSON"):
        load_gold_dir(tmp_path)
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(ParkmartError, match="not a complete parkmart warehouse"):
        evaluate(empty, {})
    proc = run_cli("eval", "--gold", str(tmp_path / "absent"), "--warehouse", str(empty), check=False)
    assert proc.returncode == 1 and "gold directory not found" in proc.stderr
