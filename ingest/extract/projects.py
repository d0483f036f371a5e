"""Project events: named projects (…项目, …总部, …研发中心), parks opened or started, and
batches ("12个项目集中开工"), each with the event type of the trigger governing its clause.

Rules, in order of evidence:

* a name ending in a project head (…项目, …总部, …研发中心) whose left boundary comes from
  the jieba walk; a head with only a generic body (总部项目, 投资意向项目) takes the name of
  the example before it (恒达电子等一批投资意向项目) or of the sentence's organisation;
* a quoted facility name followed by its trigger (“…服务基地苏州分中心”揭牌);
* a park in a clause whose trigger opens, starts, unveils, completes, plans or launches it;
* a batch: a stated count of projects or parks before a trigger (14个…园区集中开工), never
  一批 without a number, never a designation (授牌).

Background milestones (自…以来, or a dated earlier event of an item the article reports
anew) and repeated mentions are dropped: one event per project name and article.
"""

from __future__ import annotations

import re

from ingest.extract.lexicon import DESIGNATION_TRIGGERS
from ingest.extract.mention import Mention, touches_damage
from ingest.extract.numbers import CN_NUMERAL_CHARS, MAX_NUMERAL_CHARS
from ingest.extract.tokenizer import name_start
from ingest.text import clause_bounds, sentence_bounds

# Heads that end a project name.
PROJECT_HEAD = re.compile(r"项目|总部(?!项目|基地)|总部基地|研发中心(?!项目)|生产基地(?!项目)")
# Bodies that do not name a project on their own (重大项目, 合作签约项目, 总部项目).
GENERIC_PROJECT_BODY = re.compile(
    r"^(?:重大|重点|合作|签约|产业|该|本|这些|首批|各类|新|优质|投资|意向|总部|研发中心|建设|招商|引进|储备|"
    r"在建|续建|新建|新开工|竣工|开工|大|好|外资|内资|相关|其他|其它|此次|本次|上述|若干|企业|成果|转化|"
    r"孵化|科技|产业化|示范|试点|民生|基础设施|工业|制造业|服务业|高质量|优质)*$"
)
# Bodies that can be completed with an organisation's name (某集团…的总部项目).
CONSTRUCTIBLE_BODY = re.compile(r"^(?:投资意向|总部|研发中心|生产基地|意向)$")
# A category of projects, not a project (“科技类项目”, 合作类项目).
CATEGORY = re.compile(r"类(?:项目)?$")
# A count right before a name: the name is counted (36个…项目), so it is a batch member.
# Numerals are bounded like every number (MAX_NUMERAL_CHARS), and the patterns are searched
# in a window before the name (LOOK_BACK), so a long run of numerals costs linear time.
COUNTED_BEFORE = re.compile(
    rf"(?<![\d{CN_NUMERAL_CHARS}几多数])(?:\d{{1,{MAX_NUMERAL_CHARS}}}|[一二三四五六七八九十百千两几多数]{{1,{MAX_NUMERAL_CHARS}}})"
    r"(?:个|家|项|批|大批)$")
# "X等一批 …项目": X is a named example of the projects.
EXAMPLE_BEFORE = re.compile(
    rf"等(?:一大批|一批|一系列|多个|\d{{1,{MAX_NUMERAL_CHARS}}}个|[二三四五六七八九十]{{1,{MAX_NUMERAL_CHARS}}}个)?$")
# How far before a name COUNTED_BEFORE and EXAMPLE_BEFORE look (longer than either match).
LOOK_BACK = 2 * MAX_NUMERAL_CHARS + 4
# A quoted facility name right before its trigger: “长三角…服务基地苏州分中心”揭牌.
QUOTED_FACILITY = re.compile(
    r"[“\"](?P<name>[^“”\"]{4,30}?(?:中心|基地|园|园区|项目|平台|工厂|总部|馆|城|港|谷|小镇|实验室|研究院))[”\"]"
    r"(?:正式|成功|顺利|集中|同时)?(?P<trigger>揭牌|开工|开园|签约|落户|竣工|投产|启用|奠基|开业|发布)"
)
# The object of a signing that is a project without a name (签下了投资意向, 签订投资协议).
INTENTION_OBJECT = re.compile(r"了?(?:投资意向|投资协议|意向协议|投资合同|落户协议)")
# Words opening a sentence that lists the items of the previous sentence's event.
LIST_INTRO = re.compile(r"^(?:包括|其中|分别是|分别为|具体包括|主要有|主要包括|涵盖)")
# Clauses that narrate an earlier milestone (自2019年开园以来, 于2021年7月17日奠基).
SINCE_CLAUSE = re.compile(r"自.{0,20}以来")
DATED_CLAUSE = re.compile(r"(?:于|在)?(?:19|20)\d{2}年")
# Park events that make a park a project (a park is not what signs or settles).
PARK_EVENT_KINDS = frozenset({"opened", "started", "unveiled", "completed", "produced", "planned", "other"})
# What a batch counts.
BATCH_HEADS = ("项目", "园区", "产业园", "基地")
# Words a project name never starts with.
PROJECT_STOP_WORDS = frozenset({"进行", "包括", "还有", "以及", "引进", "举行", "推进", "实施", "启动"})


def extract_projects(text: str, events: list[Mention], parks: list[Mention], counts: list[Mention],
                     orgs: list[Mention] | None = None) -> list[Mention]:
    """Project mentions; ``kind`` = event type, ``attrs['is_batch']`` says batch or single.

    >>> from ingest.extract.events import extract_events
    >>> from ingest.extract.quantities import extract_counts
    >>> t = "会上，12个项目集中开工。"
    >>> [(p.normalized, p.kind, p.attrs["project_count"]) for p in extract_projects(t, extract_events(t), [], extract_counts(t))]
    [('12个项目', 'started', 12)]
    """
    events = [e for e in events if e.surface_text not in DESIGNATION_TRIGGERS]
    out: list[Mention] = []
    out += _named_projects(text, events, orgs or [])
    out += _quoted_facilities(text, parks, events)
    out += _park_projects(text, events, parks)
    out += _intention_projects(text, events, orgs or [], out)
    singles = _drop_background(text, out)
    return sorted(_first_per_name(singles) + _batches(text, events, counts), key=lambda m: m.char_start)


def governing_event(text: str, events: list[Mention], start: int, end: int,
                    clause_only: bool = False) -> Mention | None:
    """The trigger governing text[start:end]: the first after it in its clause, else the
    nearest before it; else the same in its sentence; else, when the sentence opens with a
    list word (包括…), the last trigger of the sentence before."""
    left, right = clause_bounds(text, start, end)
    found = _nearest(events, left, right, start, end)
    if found or clause_only:
        return found
    s_left, s_right = sentence_bounds(text, start)
    found = _nearest(events, s_left, s_right, start, end)
    if found is None and LIST_INTRO.match(text[s_left:start].lstrip(" 　:：")) and s_left > 0:
        p_left, _ = sentence_bounds(text, s_left - 1)
        before = [e for e in events if p_left <= e.char_start < s_left]
        found = before[-1] if before else None
    return found


def _nearest(events: list[Mention], left: int, right: int, start: int, end: int) -> Mention | None:
    after = [e for e in events if end <= e.char_start < right]
    before = [e for e in events if left <= e.char_start and e.char_end <= start]
    return after[0] if after else (before[-1] if before else None)


def _project(start: int, end: int, surface: str, name: str, event: Mention, **attrs: object) -> Mention:
    return Mention("project", start, end, surface, name, kind=event.kind,
                   attrs={"is_batch": False, "trigger": event.surface_text, "trigger_start": event.char_start, **attrs})


def _named_projects(text: str, events: list[Mention], orgs: list[Mention]) -> list[Mention]:
    out = []
    for m in PROJECT_HEAD.finditer(text):
        start = name_start(text, m.start(), m.end(), max_chars=30, stop_words=PROJECT_STOP_WORDS, glued_head=True)
        if start is None or touches_damage(text, start, m.end()):
            continue
        body = text[start:m.start()]
        name = text[start:m.end()]
        if CATEGORY.search(body) or CATEGORY.search(name):
            continue
        if GENERIC_PROJECT_BODY.match(re.sub(r"[()（）“”\"]", "", body)):
            example = _example_before(text, start)
            if example is not None:
                start, name = example[0], text[example[0]:example[1]] + name
            elif CONSTRUCTIBLE_BODY.match(body or "") or m.group() in ("总部", "研发中心", "生产基地"):
                org = _sentence_org(text, orgs, start)
                if org is None:
                    continue
                name = org.normalized + name
            else:
                continue
        elif COUNTED_BEFORE.search(text, max(0, start - LOOK_BACK), start):
            continue
        event = governing_event(text, events, start, m.end())
        if event is None:
            continue
        out.append(_project(start, m.end(), text[start:m.end()], name, event))
    return out


def _example_before(text: str, start: int) -> tuple[int, int] | None:
    """Span of X in "X等一批…" right before ``start``, if any."""
    m = EXAMPLE_BEFORE.search(text, max(0, start - LOOK_BACK), start)
    if m is None:
        return None
    x_start = name_start(text, m.start(), m.start(), max_chars=16, stop_words=PROJECT_STOP_WORDS, verbs_stop=False)
    if x_start is None or m.start() - x_start < 2:
        return None
    return x_start, m.start()


def _sentence_org(text: str, orgs: list[Mention], at: int) -> Mention | None:
    """The first organisation of the sentence holding ``at`` (its subject), else of the one before."""
    left, _ = sentence_bounds(text, at)
    same = [o for o in orgs if left <= o.char_start < at]
    if same:
        return same[0]
    if left == 0:
        return None
    p_left, _ = sentence_bounds(text, left - 1)
    before = [o for o in orgs if p_left <= o.char_start < left]
    return before[0] if before else None


def _quoted_facilities(text: str, parks: list[Mention], events: list[Mention]) -> list[Mention]:
    out = []
    for m in QUOTED_FACILITY.finditer(text):
        name = m["name"]
        if CATEGORY.search(name) or any(m.start() <= p.char_start < m.end() for p in parks):
            continue
        event = next((e for e in events if e.char_start == m.start("trigger")), None)
        if event is None or touches_damage(text, m.start("name"), m.end("name")):
            continue
        out.append(_project(m.start("name"), m.end("name"), name, name, event))
    return out


def _intention_projects(text: str, events: list[Mention], orgs: list[Mention],
                        found: list[Mention]) -> list[Mention]:
    """An investment intention or agreement signed with no project named (签下了投资意向):
    a project named after the organisation that is the sentence's subject."""
    out = []
    for event in events:
        m = INTENTION_OBJECT.match(text, event.char_end)
        if event.kind != "signed" or m is None:
            continue
        left, right = sentence_bounds(text, event.char_start)
        if any(left <= p.char_start < right and p.char_start <= event.char_start + 12 for p in found):
            continue
        org = _sentence_org(text, orgs, event.char_start)
        if org is None or org.char_start < left:
            continue
        out.append(_project(event.char_start, m.end(), text[event.char_start:m.end()],
                            org.normalized + "投资意向项目", event, constructed=True))
    return out


def _park_projects(text: str, events: list[Mention], parks: list[Mention]) -> list[Mention]:
    out = []
    for park in parks:
        event = governing_event(text, events, park.char_start, park.char_end, clause_only=True)
        if event is None or event.kind not in PARK_EVENT_KINDS:
            continue
        if event.kind == "other" and event.surface_text != "发布":
            continue
        name = park.normalized + (park.attrs.get("phase") or "")
        out.append(_project(park.char_start, park.char_end, park.surface_text, name, event, park=park.normalized))
    return out


def _drop_background(text: str, projects: list[Mention]) -> list[Mention]:
    """Drop events told as background: 自…以来 clauses, and dated clauses of a name that
    has another, undated event in the article."""
    def clause(p: Mention) -> str:
        trigger = int(p.attrs["trigger_start"])
        left, right = clause_bounds(text, min(p.char_start, trigger), max(p.char_end, trigger))
        return text[left:right]

    since = {id(p) for p in projects if SINCE_CLAUSE.search(clause(p))}
    dated = {id(p) for p in projects if DATED_CLAUSE.search(clause(p))}
    current = {name_key(p.normalized) for p in projects if id(p) not in since | dated}
    return [p for p in projects if id(p) not in since and not (id(p) in dated and name_key(p.normalized) in current)]


def name_key(name: str) -> str:
    """The key that merges spellings of one project within an article.

    >>> name_key("台州（松江）科技创新园二期项目") == name_key("台州(松江)科创园二期")
    True
    """
    return re.sub(r"项目$", "", re.sub(r"[\s()（）“”\"·]", "", name.replace("科技创新园", "科创园")))


def _first_per_name(projects: list[Mention]) -> list[Mention]:
    """One event per project name: the first the article reports."""
    seen: set[str] = set()
    out = []
    for p in sorted(projects, key=lambda p: p.char_start):
        key = name_key(p.normalized)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _batches(text: str, events: list[Mention], counts: list[Mention]) -> list[Mention]:
    out = []
    for count in counts:
        counted = str(count.attrs.get("counted", ""))
        if not counted.endswith(BATCH_HEADS) or count.unit == "批" or (count.value or 0) < 2:
            continue
        if re.search(r"(?:首批|第[一二三四五六七八九十\d]+批)$", text[max(0, count.char_start - 3):count.char_start]):
            continue
        left, right = clause_bounds(text, count.char_start, count.char_end)
        after = [e for e in events if count.char_end <= e.char_start < right]
        if not after or after[0].kind == "planned":
            continue
        event = after[0]
        out.append(Mention("project", count.char_start, count.char_end, count.surface_text,
                           count.surface_text, kind=event.kind,
                           attrs={"is_batch": True, "project_count": int(count.value or 0),
                                  "trigger": event.surface_text}))
    return out
