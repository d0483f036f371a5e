"""``parkmart eval``: score a warehouse against gold files in the format of shared/gold.

Each gold file ``<id>.json`` labels the article whose source file is ``<id>.<ext>`` (or
``<id>`` itself, e.g. ``feed.jsonl#3``). Matching rules, per kind:

* amount: same currency and value within 0.5 %; kind accuracy is measured on matches;
* area: value in m² within 0.5 %;
* region: same 6-digit code, the gold's rolled up to the current division as the marts'
  are (a gold file labelled before a change names the retired code: 江干区 330104 -> 330102);
  a gold region without a code is looked up by its full name in dim_region;
* park, project: same name after dropping brackets, spaces and a trailing 项目 (for a
  name built from a company, 入驻项目 and 签约入驻项目 too: the gold conventions accept
  both ``<company>项目`` and ``<company>入驻项目``), or one name containing the other;
* batch: same project count and event type;
* cross_region: the same unordered pair of region codes (rolled up likewise).

Attribution is scored on matched items (accuracy = correct / matched):

* amount subject: the gold ``subject`` and the amount's ``subject_text`` are both null, or
  their names match (``subjects_match``: a bracketed note such as ``(1-5月)`` dropped, one
  name containing the other, or the same count of projects: ``12个项目`` = ``12个签约项目``);
* project event: the same ``event_type``;
* project investment: the gold ``investment_value`` within 0.5 % of the row's
  ``investment_value`` in the same currency, or both null;
* project region: the same region code (the gold's full name looked up in dim_region,
  a retired code mapped to its successor on both sides), or both null.

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

from ingest.extract.numbers import parse_number
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
# A bracketed note of a subject (马鞍山(1-5月), 某园(带动区域总投资)): dropped before comparing.
BRACKETED_NOTE = re.compile(r"[(（][^()（）]*[)）]")
# The stated count of a batch subject (12个项目, 15家入驻企业, 共有五个).
SUBJECT_COUNT = re.compile(r"(\d+|[一二两三四五六七八九十]+)(?:个|家)")
# The attribution scores: matched items whose subject, event, investment or region is right.
ATTRIBUTION = ("amount_subject", "project_event", "project_investment", "project_region")


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
    # attribution: correct and matched counts per ATTRIBUTION score
    attribution_correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTION, 0))
    attribution_matched: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ATTRIBUTION, 0))
    title_correct: int = 0
    published_date_correct: int = 0
    script_correct: int = 0
    missing_articles: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def amount_kind_accuracy(self) -> float:
        matched = self.scores["amount"].tp
        return self.amount_kind_correct / matched if matched else 1.0

    def attribution_accuracy(self, name: str) -> float:
        matched = self.attribution_matched[name]
        return self.attribution_correct[name] / matched if matched else 1.0

    def count_attribution(self, name: str, correct: bool) -> None:
        self.attribution_matched[name] += 1
        self.attribution_correct[name] += bool(correct)

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "kinds": {k: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
                          "recall": round(s.recall, 4), "f1": round(s.f1, 4)} for k, s in self.scores.items()},
            "exact_name": {k: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
                               "recall": round(s.recall, 4), "f1": round(s.f1, 4)}
                           for k, s in self.exact_scores.items()},
            "amount_kind_accuracy": round(self.amount_kind_accuracy, 4),
            "attribution": {name: {"accuracy": round(self.attribution_accuracy(name), 4),
                                   "correct": self.attribution_correct[name],
                                   "matched": self.attribution_matched[name]} for name in ATTRIBUTION},
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
        for name in ATTRIBUTION:
            a = d["attribution"][name]
            label = f"{name.replace('_', ' ')} accuracy"
            out.append(f"{label:<28} {a['accuracy']:.3f} ({a['correct']} of {a['matched']} matched)")
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


def subjects_match(gold: str | None, found: str | None) -> bool:
    """Whether an amount's subject as found names the gold subject (both null counts as right).

    >>> subjects_match("马鞍山(1-5月)", "马鞍山市"), subjects_match("15家入驻签约企业", "15家企业")
    (True, True)
    >>> subjects_match("5个集中开工项目", "这次开工的项目一共五个")
    True
    >>> subjects_match("星河电池项目", None), subjects_match("12个项目", "8个项目"), subjects_match(None, None)
    (False, False, True)
    """
    if not gold or not found:
        return not gold and not found
    if names_match(gold, found) or names_match(BRACKETED_NOTE.sub("", gold), found):
        return True
    counts = [parse_number(n) for n in SUBJECT_COUNT.findall(gold)], [parse_number(n) for n in SUBJECT_COUNT.findall(found)]
    return bool(counts[0]) and counts[0] == counts[1]


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
          better: Callable[[object, object], int] | None = None) -> Matching:
    """One-to-one matching of maximum size (augmenting paths, in text order).

    Pairs that ``better`` ranks higher (an exact name, the same amount kind and subject) are
    tried first, so a loose match never takes the partner of an exact one when both can pair.

    >>> m = match(["温州科创园", "温州科创园二期"], ["温州科创园二期", "温州科创园"], lambda g, p: g in p or p in g,
    ...           lambda g, p: g == p)
    >>> m.pairs, (m.score.tp, m.score.fp, m.score.fn)
    ([('温州科创园', '温州科创园'), ('温州科创园二期', '温州科创园二期')], (2, 0, 0))
    """
    edges: list[list[int]] = []
    for g in gold:
        candidates = [i for i, p in enumerate(predicted) if same(g, p)]
        if better is not None:
            candidates.sort(key=lambda i: -int(better(g, predicted[i])))
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
    return load_gold_files(sorted(path.glob("*.json")))


def load_gold_files(files: list[Path]) -> dict[str, dict]:
    """The gold of each file, by article id (the ``id`` field, else the file name)."""
    gold = {}
    for file in files:
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
        current = dict(con.execute("select region_code, coalesce(successor_code, region_code) "
                                   "from marts.dim_region").fetchall())
        region_codes = {name: current[code] for name, code in con.execute(
            "select full_name, region_code from marts.dim_region order by region_code").fetchall()}
        report = EvalReport(articles=0)
        for gid, g in gold.items():
            article = index.get(gid)
            if article is None:
                report.missing_articles.append(gid)
                article = {"article_id": None, "title": None, "published_date": None, "script": None, "body": ""}
            report.articles += 1
            _score_article(con, report, gid, g, article, region_codes, current)
        return report
    finally:
        con.close()


def _score_article(con, report: EvalReport, gid: str, g: dict, article: dict, region_codes: dict,
                   current: dict) -> None:
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

    amounts = rows("""select amount_value, currency, kind, subject_text, evidence_text from marts.fct_investments
                      where article_id = ? order by char_start""")
    gold_amounts = g.get("amounts", [])
    result = match(gold_amounts, amounts,
                   lambda ga, p: ga["currency"] == p[1] and _close(float(ga["value"]), p[0]),
                   lambda ga, p: 2 * (ga.get("kind") == p[2]) + subjects_match(ga.get("subject"), p[3]))
    add("amount", result, lambda ga: ga.get("text", ""), lambda p: p[4])
    report.amount_kind_correct += sum(1 for ga, p in result.pairs if ga.get("kind") == p[2])
    for ga, p in result.pairs:
        report.count_attribution("amount_subject", subjects_match(ga.get("subject"), p[3]))
        if not subjects_match(ga.get("subject"), p[3]):
            report.errors.append(f"{gid}: amount subject wrong: {ga.get('text')} belongs to {ga.get('subject')}, "
                                 f"found {p[3]}\n      in: {p[4]}")

    areas = rows("""select m.value_num, m.surface_text from marts.fct_mentions as m
                    where m.article_id = ? and m.mention_type = 'area' order by m.char_start""")
    add("area", match(g.get("areas", []), areas, lambda ga, p: _close(float(ga["value_m2"]), p[0])),
        lambda ga: ga.get("text", ""), lambda p: sentence_of(body, p[1]))

    regions = rows("""select ref_id, min(surface_text) from marts.fct_mentions
                      where article_id = ? and mention_type = 'region' and ref_id is not null group by ref_id order by 1""")
    # a gold code is the regions seed's code of the full name (dev/README.md): a name labelled
    # null because an older seed lacked it (江干区) takes the code dim_region now gives it
    coded = [(current.get(r["code"], r["code"]) if r.get("code") else region_codes.get(r["name"]), r["name"])
             for r in g.get("regions", [])]
    gold_regions = sorted({code for code, _ in coded if code})
    names = {code: name for code, name in coded if code}
    add("region", match(gold_regions, regions, lambda gc, p: gc == p[0]),
        lambda gc: _short_region(names.get(gc, "")), lambda p: sentence_of(body, p[1]))

    parks = rows("""select distinct normalized, case when surface_text like '%期' then regexp_extract(surface_text, '[一二三四五六七八九十0-9]+期$') end
                    from marts.fct_mentions where article_id = ? and mention_type = 'park' order by 1, 2""")
    parks = _dedupe_names(park_names(parks))
    gold_parks = g.get("parks", [])
    add("park", match(gold_parks, parks, names_match, lambda gp, p: name_key(gp) == name_key(p)),
        lambda gp: gp, lambda p: sentence_of(body, p),
        match(gold_parks, parks, lambda gp, p: name_key(gp) == name_key(p)))

    projects = rows("""select project_name, event_type, investment_value, currency, region_code, evidence_text
                       from marts.fct_projects where article_id = ? and not is_batch and not is_background
                       order by project_name""")
    labels = g.get("projects", [])
    gold_projects = [p["name"] for p in labels]
    # matched on the labels themselves (one name can be labelled twice, for two events); the
    # same event is preferred among equally good names
    by_label = match(labels, projects, lambda gp, p: names_match(gp["name"], p[0]),
                     lambda gp, p: 2 * (name_key(gp["name"]) == name_key(p[0])) + (gp.get("event") == p[1]))
    result = Matching(by_label.score, [(gp["name"], p) for gp, p in by_label.pairs],
                      [gp["name"] for gp in by_label.missed], by_label.extra)
    add("project", result, lambda gp: gp, lambda p: p[-1],
        match(gold_projects, projects, lambda gp, p: name_key(gp) == name_key(p[0])))

    def rolled(code: str | None) -> str | None:
        return current.get(code, code) if code else None

    for gp, p in by_label.pairs:
        name = gp["name"]
        checks = {
            "project_event": (gp.get("event") == p[1], f"event {gp.get('event')}, found {p[1]}"),
            "project_investment": (_same_investment(gp.get("investment_value"), gp.get("currency"), p[2], p[3]),
                                   f"investment {gp.get('investment_value')} {gp.get('currency')}, found {p[2]} {p[3]}"),
            "project_region": (rolled(region_codes.get(gp.get("region"))) == rolled(p[4]),
                               f"region {gp.get('region')} ({region_codes.get(gp.get('region'))}), found {p[4]}"),
        }
        for score, (correct, told) in checks.items():
            report.count_attribution(score, correct)
            if not correct:
                report.errors.append(f"{gid}: project {score.split('_')[1]} wrong: {name}: {told}\n      in: {p[5]}")

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


def _same_investment(gold_value: float | None, gold_currency: str | None,
                     value: float | None, currency: str | None) -> bool:
    """A project's investment as labelled: both null, or the same currency and within 0.5 %."""
    if gold_value is None or value is None:
        return gold_value is None and value is None
    return (gold_currency or "CNY") == currency and _close(float(gold_value), value)


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


def park_names(mentions: list[tuple[str, str | None]]) -> list[str]:
    """The parks an article names, from its (name, phase) mentions: each park once, and a later
    phase (二期, 三期) as a park of its own only where the article also names the park without
    a phase, as an existing park the phase extends. A first phase, or a phase the article names
    the park only by, is the park itself.

    >>> park_names([("星河科创园", None), ("星河科创园", "二期"), ("云杉产业园", "三期"), ("云杉产业园", "一期")])
    ['星河科创园', '星河科创园二期', '云杉产业园']
    """
    unphased = {name for name, phase in mentions if not phase}
    out: list[str] = []
    for name, phase in mentions:
        listed = [name] + ([name + phase] if phase and phase != "一期" and name in unphased else [])
        out += [n for n in listed if n not in out]
    return out


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
