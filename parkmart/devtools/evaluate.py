"""``parkmart eval``: score a warehouse against gold files in the format of shared/gold.

Each gold file ``<id>.json`` labels the article whose source file is ``<id>.<ext>`` (or
``<id>`` itself, e.g. ``feed.jsonl#3``). Matching rules, per kind:

* amount: same currency and value within 0.5 %; kind accuracy is measured on matches;
* area: value in m² within 0.5 %;
* region: same 6-digit code;
* park, project: same name after dropping brackets, spaces and a trailing 项目 (for a
  name built from a company, 入驻项目 and 签约入驻项目 too: the gold conventions accept
  both ``<company>项目`` and ``<company>入驻项目``), or one name containing the other;
* batch: same project count and event type;
* cross_region: the same unordered pair of region codes.

Parks and projects are also scored by exact name (``park_exact``, ``project_exact``): names
equal after dropping brackets, spaces and a trailing 项目, so a fragment (a name cut at 及)
that containment would accept counts as a miss and a false positive.

Matching is one-to-one and of maximum size, exact matches (same name key, same amount
kind) preferred. Scores are micro-averaged over articles: tp, fp and fn are summed over
all gold files before precision, recall and F1 are computed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest.load import connect
from parkmart.build import build_lock
from parkmart.errors import BuildLockedError, ParkmartError, WarehouseMissingError
from parkmart.state import record_eval

KINDS = ("amount", "area", "region", "park", "project", "batch", "cross_region")
# Kinds also scored by exact name (name_key equality instead of containment).
EXACT_KINDS = ("park", "project")
# The sentence shown with an error: its characters around the item, at most this many.
EVIDENCE_CHARS = 120
# The ending of a project name that is dropped before comparing: 项目, and the 入驻项目 of
# a name built from a company (``<company>项目`` and ``<company>入驻项目`` are one name).
PROJECT_ENDING = re.compile(r"(?:签约)?(?:入驻)?项目$")
# Brackets, spaces and quotes dropped before comparing names.
NAME_NOISE = re.compile(r"[\s()（）\[\]【】“”\"'‘’《》·]")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    articles: int
    scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    exact_scores: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in EXACT_KINDS})
    amount_kind_correct: int = 0
    title_correct: int = 0
    published_date_correct: int = 0
    script_correct: int = 0
    missing_articles: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def amount_kind_accuracy(self) -> float:
        matched = self.scores["amount"].tp
        return self.amount_kind_correct / matched if matched else 1.0

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "kinds": {k: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
                          "recall": round(s.recall, 4), "f1": round(s.f1, 4)} for k, s in self.scores.items()},
            "exact_name": {k: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
                               "recall": round(s.recall, 4), "f1": round(s.f1, 4)}
                           for k, s in self.exact_scores.items()},
            "amount_kind_accuracy": round(self.amount_kind_accuracy, 4),
            "title_accuracy": round(self.title_correct / self.articles, 4) if self.articles else None,
            "published_date_accuracy": round(self.published_date_correct / self.articles, 4) if self.articles else None,
            "script_accuracy": round(self.script_correct / self.articles, 4) if self.articles else None,
            "missing_articles": self.missing_articles,
            "errors": self.errors[:200],
        }

    def lines(self) -> list[str]:
        out = [f"{'kind':<13} {'precision':>9} {'recall':>7} {'f1':>6}   tp  fp  fn"]
        for kind, s in self.scores.items():
            out.append(f"{kind:<13} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.tp:>4} {s.fp:>3} {s.fn:>3}")
        for kind, s in self.exact_scores.items():
            label = f"{kind} (exact)"
            out.append(f"{label:<13} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.tp:>4} {s.fp:>3} {s.fn:>3}")
        d = self.as_dict()
        out.append(f"amount kind accuracy {d['amount_kind_accuracy']:.3f} (on {self.scores['amount'].tp} matched amounts)")
        out.append(f"title accuracy {d['title_accuracy']}, published_date accuracy {d['published_date_accuracy']}, "
                   f"script accuracy {d['script_accuracy']} over {self.articles} articles")
        if self.missing_articles:
            out.append(f"articles in gold but not in the warehouse: {', '.join(self.missing_articles)}")
        return out


def name_key(name: str) -> str:
    """Comparable form of a park or project name.

    >>> name_key("温州（嘉定）科技创新园二期项目")
    '温州嘉定科技创新园二期'
    >>> name_key("星岚科技有限公司入驻项目") == name_key("星岚科技有限公司项目")
    True
    """
    return PROJECT_ENDING.sub("", NAME_NOISE.sub("", name or ""))


def names_match(a: str, b: str) -> bool:
    ka, kb = name_key(a), name_key(b)
    return bool(ka and kb) and (ka == kb or ka in kb or kb in ka)


def _close(a: float | None, b: float | None, tolerance: float = 0.005) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= tolerance * max(abs(a), abs(b), 1.0)


@dataclass
class Matching:
    """The outcome of matching one article's gold items with its predicted items."""

    score: Score
    pairs: list[tuple]
    missed: list
    extra: list


def match(gold: list, predicted: list, same: Callable[[object, object], bool],
          better: Callable[[object, object], bool] | None = None) -> Matching:
    """One-to-one matching of maximum size (augmenting paths, in text order).

    Pairs for which ``better`` holds (an exact name, the same amount kind) are tried
    first, so a loose match never takes the partner of an exact one when both can pair.

    >>> m = match(["温州科创园", "温州科创园二期"], ["温州科创园二期", "温州科创园"], lambda g, p: g in p or p in g,
    ...           lambda g, p: g == p)
    >>> m.pairs, (m.score.tp, m.score.fp, m.score.fn)
    ([('温州科创园', '温州科创园'), ('温州科创园二期', '温州科创园二期')], (2, 0, 0))
    """
    edges: list[list[int]] = []
    for g in gold:
        candidates = [i for i, p in enumerate(predicted) if same(g, p)]
        if better is not None:
            candidates.sort(key=lambda i: not better(g, predicted[i]))
        edges.append(candidates)
    owner: dict[int, int] = {}  # predicted index -> gold index

    def augment(gi: int, seen: set[int]) -> bool:
        for pi in edges[gi]:
            if pi not in seen:
                seen.add(pi)
                if pi not in owner or augment(owner[pi], seen):
                    owner[pi] = gi
                    return True
        return False

    for gi in range(len(gold)):
        augment(gi, set())
    by_gold = {gi: pi for pi, gi in owner.items()}
    pairs = [(gold[gi], predicted[by_gold[gi]]) for gi in sorted(by_gold)]
    missed = [g for gi, g in enumerate(gold) if gi not in by_gold]
    extra = [p for pi, p in enumerate(predicted) if pi not in owner]
    return Matching(Score(len(pairs), len(extra), len(missed)), pairs, missed, extra)


def load_gold_dir(path: Path) -> dict[str, dict]:
    if not path.is_dir():
        raise ParkmartError(f"{path}: gold directory not found; pass --gold DIR (files like shared/gold/*.json)")
    gold = {}
    for file in sorted(path.glob("*.json")):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ParkmartError(f"{file}: not valid JSON ({exc.msg} at line {exc.lineno}); fix the gold file") from exc
        gold[str(data.get("id") or file.stem)] = data
    return gold


def _article_index(con) -> dict[str, dict]:
    rows = con.execute("""
        select a.article_id, a.source_file, a.title, cast(a.published_date as varchar), a.script, a.body_text
        from marts.dim_article as a
    """).fetchall()
    copies = con.execute("select source_file, article_id from staging.stg_ingest__articles").fetchall()
    by_id = {r[0]: {"article_id": r[0], "title": r[2], "published_date": r[3], "script": r[4], "body": r[5] or ""}
             for r in rows}
    index = {}
    for source_file, article_id in copies:
        if article_id in by_id:
            stem = source_file if "#" in source_file else source_file.rsplit(".", 1)[0]
            stem = stem[:-4] if stem.endswith(".txt") else stem  # name.txt.gz -> name
            index[stem] = by_id[article_id]
            index[source_file] = by_id[article_id]
    return index


def evaluate(warehouse: Path, gold: dict[str, dict]) -> EvalReport:
    """Score the marts of ``warehouse`` against ``gold``."""
    if not warehouse.exists():
        raise WarehouseMissingError(str(warehouse))
    con = connect(warehouse, read_only=True)
    try:
        try:
            index = _article_index(con)
        except duckdb.CatalogException as exc:
            raise ParkmartError(f"{warehouse}: not a complete parkmart warehouse ({exc}); "
                                f"build it with `parkmart build --warehouse {warehouse}`") from exc
        region_codes = dict(con.execute("select full_name, region_code from marts.dim_region").fetchall())
        report = EvalReport(articles=0)
        for gid, g in gold.items():
            article = index.get(gid)
            if article is None:
                report.missing_articles.append(gid)
                article = {"article_id": None, "title": None, "published_date": None, "script": None, "body": ""}
            report.articles += 1
            _score_article(con, report, gid, g, article, region_codes)
        return report
    finally:
        con.close()


def _score_article(con, report: EvalReport, gid: str, g: dict, article: dict, region_codes: dict) -> None:
    aid = article["article_id"]

    def rows(sql: str) -> list[tuple]:
        return con.execute(sql, [aid]).fetchall() if aid else []

    if aid:  # an article missing from the warehouse gets nothing right, not even a null title
        report.title_correct += (g.get("title") or None) == (article["title"] or None)
        report.published_date_correct += (g.get("published_date") or None) == (article["published_date"] or None)
        report.script_correct += g.get("script") == article["script"]

    body = article["body"]

    def add(kind: str, result: Matching, gold_text: Callable[[object], str], found_text: Callable[[object], str],
            exact: Matching | None = None) -> None:
        _add(report, kind, gid, result, lambda g: sentence_of(body, gold_text(g)), lambda p: found_text(p))
        if exact is not None:
            total = report.exact_scores[kind]
            total.tp, total.fp, total.fn = total.tp + exact.score.tp, total.fp + exact.score.fp, total.fn + exact.score.fn

    amounts = rows("select amount_value, currency, kind, evidence_text from marts.fct_investments where article_id = ? order by char_start")
    gold_amounts = g.get("amounts", [])
    result = match(gold_amounts, amounts,
                   lambda ga, p: ga["currency"] == p[1] and _close(float(ga["value"]), p[0]),
                   lambda ga, p: ga.get("kind") == p[2])
    add("amount", result, lambda ga: ga.get("text", ""), lambda p: p[3])
    report.amount_kind_correct += sum(1 for ga, p in result.pairs if ga.get("kind") == p[2])

    areas = rows("""select m.value_num, m.surface_text from marts.fct_mentions as m
                    where m.article_id = ? and m.mention_type = 'area' order by m.char_start""")
    add("area", match(g.get("areas", []), areas, lambda ga, p: _close(float(ga["value_m2"]), p[0])),
        lambda ga: ga.get("text", ""), lambda p: sentence_of(body, p[1]))

    regions = rows("""select ref_id, min(surface_text) from marts.fct_mentions
                      where article_id = ? and mention_type = 'region' and ref_id is not null group by ref_id order by 1""")
    gold_regions = sorted({r["code"] for r in g.get("regions", []) if r.get("code")})
    names = {r["code"]: r["name"] for r in g.get("regions", []) if r.get("code")}
    add("region", match(gold_regions, regions, lambda gc, p: gc == p[0]),
        lambda gc: _short_region(names.get(gc, "")), lambda p: sentence_of(body, p[1]))

    parks = rows("""select distinct normalized || coalesce(case when surface_text like '%期' then regexp_extract(surface_text, '[一二三四五六七八九十0-9]+期$') end, '')
                    from marts.fct_mentions where article_id = ? and mention_type = 'park' order by 1""")
    parks = _dedupe_names([p[0] for p in parks])
    gold_parks = g.get("parks", [])
    add("park", match(gold_parks, parks, names_match, lambda gp, p: name_key(gp) == name_key(p)),
        lambda gp: gp, lambda p: sentence_of(body, p),
        match(gold_parks, parks, lambda gp, p: name_key(gp) == name_key(p)))

    projects = rows("""select project_name, event_type, evidence_text from marts.fct_projects
                       where article_id = ? and not is_batch order by project_name""")
    gold_projects = [p["name"] for p in g.get("projects", [])]
    add("project", match(gold_projects, projects, lambda gp, p: names_match(gp, p[0]),
                         lambda gp, p: name_key(gp) == name_key(p[0])),
        lambda gp: gp, lambda p: p[2],
        match(gold_projects, projects, lambda gp, p: name_key(gp) == name_key(p[0])))

    batches = rows("""select project_count, event_type, project_name, evidence_text from marts.fct_projects
                      where article_id = ? and is_batch order by project_count""")
    add("batch", match(g.get("batches", []), batches, lambda gb, p: int(gb["count"]) == p[0] and gb["event"] == p[1]),
        lambda gb: gb.get("text", ""), lambda p: p[3])

    links = rows("select distinct region_code_a, region_code_b from marts.fct_cooperation where article_id = ?")
    links = sorted({tuple(sorted(link)) for link in links})
    gold_links = []
    for a, b in g.get("cross_region", []):
        ca, cb = region_codes.get(a), region_codes.get(b)
        if ca and cb:
            gold_links.append(tuple(sorted((ca, cb))))
        else:
            report.errors.append(f"{gid}: gold cross_region names not in dim_region: {a}, {b}")
    add("cross_region", match(sorted(set(gold_links)), links, lambda gl, p: gl == p),
        lambda gl: "", lambda p: "")


def sentence_of(body: str, needle: str) -> str:
    """The sentence of ``body`` holding ``needle`` (its first occurrence, spaces ignored), cut
    to ``EVIDENCE_CHARS`` around it; empty when the text does not hold it.

    >>> sentence_of("园区开园。会上，星河项目签约，总投资5亿元。", "星河项目")
    '会上，星河项目签约，总投资5亿元。'
    """
    needle = (needle or "").strip()
    if not needle or not body:
        return ""
    at = body.find(needle)
    squeezed = re.sub(r"项目$", "", needle.replace(" ", ""))
    for size in range(len(squeezed), 3, -1):  # the longest prefix the text holds (a name cut or rebuilt)
        if at >= 0:
            break
        at = body.find(squeezed[:size])
    if at < 0:
        return ""
    left = max(body.rfind(c, 0, at) for c in "。！？\n") + 1
    ends = [i for i in (body.find(c, at + len(needle)) for c in "。！？\n") if i >= 0]
    right = min(ends) + 1 if ends else len(body)
    if right - left > EVIDENCE_CHARS:
        left = max(left, at - EVIDENCE_CHARS // 2)
        right = min(right, left + EVIDENCE_CHARS)
    return body[left:right].strip()


def _short_region(full_name: str) -> str:
    """The last division of a full region name, as the text most likely writes it (浙江省宁波市鄞州区 -> 鄞州)."""
    parts = re.findall(r".+?(?:省|自治区|市|自治州|地区|盟|县|区|旗)", full_name)
    last = parts[-1] if parts else full_name
    return last[:-1] if len(last) > 2 else last


def _dedupe_names(names: list[str]) -> list[str]:
    """Spellings of one park within an article count once (the longest kept)."""
    kept: list[str] = []
    for name in sorted(names, key=len, reverse=True):
        if not any(name_key(name) == name_key(k) for k in kept):
            kept.append(name)
    return kept


def _add(report: EvalReport, kind: str, gid: str, result: Matching,
         gold_sentence: Callable[[object], str] = lambda g: "",
         found_sentence: Callable[[object], str] = lambda p: "") -> None:
    total = report.scores[kind]
    total.tp += result.score.tp
    total.fp += result.score.fp
    total.fn += result.score.fn

    def shown(item: object) -> object:
        return item[:-1] if isinstance(item, tuple) and kind in ("amount", "project", "batch") else item

    for p in result.extra:
        evidence = found_sentence(p)
        report.errors.append(f"{gid}: {kind} false positive: {shown(p)}" + (f"\n      in: {evidence}" if evidence else ""))
    for g in result.missed:
        evidence = gold_sentence(g)
        report.errors.append(f"{gid}: {kind} missed: {g}" + (f"\n      in: {evidence}" if evidence else ""))


def save_eval(warehouse: Path, scores: dict) -> str:
    """Record ``scores`` in ``warehouse`` itself (raw.build_state), where ``parkmart status`` reads them.

    Holds the build lock for the moment of the write; returns what happened, in words (a
    warehouse another process holds open cannot be written: the scores then stay in target/ only).
    """
    try:
        with build_lock(warehouse):
            con = connect(warehouse)
            try:
                record_eval(con, scores)
                con.execute("checkpoint")
            finally:
                con.close()
    except (BuildLockedError, duckdb.Error) as exc:
        first = str(exc).strip().splitlines()[0]
        return f"scores not recorded in {warehouse.name} ({first}); run `parkmart eval` again when it is free"
    return f"scores recorded in {warehouse.name} (raw.build_state, shown by `parkmart status`)"
