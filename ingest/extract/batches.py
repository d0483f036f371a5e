"""Batches: a stated count of projects, enterprises or agreements with the event they share
("12个项目集中开工", "签约项目共58个", "8家企业集中入驻", "其中产业类项目7个", "浏阳19个").

Rules, in order:

* what is counted: a count mention (``extract_counts``) whose noun ends in a batch head
  (项目, 企业, 协议 …), or a bare count ("浏阳19个", "市开发区6个", "现场签约9个") after a
  place, a zone or a trigger in a paragraph that speaks of projects; "A、B、C各3个" is one
  batch per place;
* not batches: a count below 2, 一批, an investment-size bin (10亿元以上项目8个: an amount,
  see ``size_bins``), a count that restates an earlier one (在52个新签约项目中 after
  新签约项目52个; the same count with the same event);
* the event: a trigger inside the count's phrase (签约项目共58个), else the first after it
  in its clause (12个项目集中签约), else the nearest before it (集中签约的31个项目); two
  different triggers side by side (签约、开工, 开竣工) are a mixed event (``other``);
  计划 before the trigger makes it a plan (年度计划开工项目29个 -> planned);
* with no trigger in its clause: a status word (规上, 复工, 注册) -> ``other``; else the
  event of the larger batch it breaks down (其中外资项目21个), earlier in its paragraph;
  else the trigger before it in its sentence; else a key-project list (重点建设项目) ->
  ``planned``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.extract.amounts import size_bins
from ingest.extract.lexicon import PARK_SUFFIXES, TRIGGER
from ingest.extract.mention import Mention, touches_damage
from ingest.extract.numbers import NUMBER, continues_number, is_vague_or_ordinal, parse_number
from ingest.gazetteer import load_regions
from ingest.text import clause_bounds, sentence_bounds

# What a batch counts: projects, parks, enterprises and agreements (the noun's last word).
BATCH_HEADS = ("项目", "园区", "产业园", "基地", "企业", "公司", "协议")
# Words that tie a count to the article's own event (本次共有16个项目).
THIS_EVENT = re.compile(r"本次|此次|这次")
# A category of projects (城建类项目, 产业类项目).
CATEGORY_HEADS = ("类项目", "类企业")
# Batch heads that count parks, not projects or enterprises.
PARK_HEADS = ("园区", "产业园", "基地")
# Classifiers of a batch count (12栋…企业总部 counts buildings).
BATCH_CLASSIFIERS = frozenset({"个", "家", "项", "大", ""})
# A count with nothing counted after it, before a clause break: 浏阳19个, 市开发区6个。
BARE_COUNT = re.compile(rf"(?P<num>{NUMBER}) ?(?P<mid>余|多)?(?P<clf>个|家)(?=[，,。；;、）)\n]|$)")
# A trigger ending the words before a bare count (现场签约9个, 已落地开工6个).
TRIGGER_AT_END = re.compile(rf"(?:{TRIGGER.pattern})了?$")
# Words before a bare count that are not the place it belongs to (其中浏阳19个).
BARE_LEAD = re.compile(r"^(?:其中|只有|另有|仅有|其余|分别为|分别是|此外|以及|还有|和|、)+")
# "A、B、C各3个": one count for each place.
EACH = re.compile(r"各$")
# Zone words that make a bare count's owner a platform (市开发区6个, 某某产业园3个).
PLATFORM_END = re.compile("(?:" + "|".join(PARK_SUFFIXES) + r"|园区|开发区|新区|片区|区|园)$")
# Two triggers side by side make a mixed event: 签约、开工, 签约和集中开工.
TRIGGER_JOIN = re.compile(r"^(?:[、和及与暨并]|以及)?(?:集中|正式|同时)?$")
# 计划 right before the trigger makes the count a plan: 年度计划开工项目29个.
PLAN_BEFORE = re.compile(r"计划(?:新)?$")
# Status words: the count reports a state, not an event (规上企业268家, 复工复产, 注册).
STATUS_WORDS = re.compile(r"规上|规模以上|复工|复产|注册")
# A key-project list with no event of its own: 380个市重点建设项目.
KEY_PROJECTS = re.compile(r"重点|重大")
# 首批/第二批 before a count: an ordinal batch of a series is still a batch, but 批 itself
# is never the count (一批项目 has no number).
# A count followed by 中 refers back to a set (在52个新签约项目中).
REFERS_BACK = re.compile(r"中[,，、]?")
# Planned-events triggers that do not make a plan list on their own (打造一流园区).
WEAK_PLAN_TRIGGERS = frozenset({"打造"})


def extract_batches(text: str, events: list[Mention], counts: list[Mention]) -> list[Mention]:
    """Batch project mentions (``attrs['is_batch']``, ``attrs['project_count']``), in text order.

    >>> from ingest.extract.events import extract_events
    >>> from ingest.extract.quantities import extract_counts
    >>> t = "签约项目共30个,其中产业类项目18个。8家企业集中入驻。"
    >>> [(b.surface_text, b.kind, b.attrs["project_count"]) for b in extract_batches(t, extract_events(t), extract_counts(t))]
    [('签约项目共30个', 'signed', 30), ('产业类项目18个', 'signed', 18), ('8家企业', 'settled', 8)]
    """
    bins = size_bins(text)
    candidates = [(c.char_start, c.char_end, c, None) for c in counts
                  if str(c.attrs.get("counted", "")).endswith(BATCH_HEADS) and c.unit in BATCH_CLASSIFIERS
                  and not _platform_first(c)]
    candidates += _bare_counts(text, counts, bins)
    out: list[Mention] = []
    sets: list[Mention] = []
    seen: list[tuple[int, str, str]] = [(b.count, "", "\0bin") for b in bins]
    for start, end, count, place in sorted(candidates, key=lambda c: (c[0], c[1])):
        value = int(count.value or 0) if count is not None else int(place[1])
        num_start = count.char_start if count is not None else place[2]
        if any(b.count_start <= num_start < b.count_end or (count is not None and b.count_start >= count.char_start
               and b.count_end <= count.char_end) for b in bins):
            continue
        if value < 2:
            continue
        event = _batch_event(text, events, start, end, count, sets)
        if event is None:
            continue
        kind, trigger = event
        owner = place[0] if place is not None else ""
        surface = text[start:end]
        batch = Mention("project", start, end, surface, surface, kind=kind,
                        attrs={"is_batch": True, "project_count": value, "trigger": trigger,
                               "head": _family(str(count.attrs.get("counted", ""))) if count is not None else None})
        sets.append(batch)  # a restated count still is the set later counts break down
        if REFERS_BACK.match(text, end) and any(v == value for v, _, _ in seen):
            continue
        if any(v == value and k == kind and (place is None or o == owner) for v, k, o in seen):
            continue
        seen.append((value, kind, owner))
        out.append(batch)
    return out


def _batch_event(text: str, events: list[Mention], start: int, end: int, count: Mention | None,
                 batches: list[Mention]) -> tuple[str, str] | None:
    """(event type, trigger) of the batch at text[start:end], or None when nothing governs it."""
    left, right = clause_bounds(text, start, end)
    inside = [e for e in events if start <= e.char_start and e.char_end <= end]
    if count is not None and not count.attrs.get("counted_first"):
        inside = [e for e in inside if e.kind != "planned"]  # 4个规划交通项目: 规划 describes the noun
    after = [e for e in events if end <= e.char_start < right]
    before = [e for e in events if left <= e.char_start and e.char_end <= start]
    inside = [e for e in inside if e.kind != "settled"] or inside  # 签约…入驻项目9个 is a signing
    chosen = inside[-1] if inside else (after[0] if after else (before[-1] if before else None))
    if chosen is not None and chosen.kind == "planned" and chosen.surface_text in WEAK_PLAN_TRIGGERS:
        chosen = None
    if chosen is not None:
        pair = [e for e in events if e.kind != chosen.kind and _side_by_side(text, e, chosen)]
        if pair and "settled" in (chosen.kind, pair[0].kind):
            # 入驻签约, 落地开工: settling goes with the other event, which names it
            chosen = chosen if chosen.kind != "settled" else pair[0]
        elif pair:
            return "other", chosen.surface_text
        if PLAN_BEFORE.search(text, max(0, chosen.char_start - 3), chosen.char_start):
            return "planned", chosen.surface_text
        return chosen.kind, chosen.surface_text
    phrase = text[left:right]
    status = STATUS_WORDS.search(phrase)
    if status:
        return "other", status.group()
    s_left, _ = sentence_bounds(text, start)
    earlier = [e for e in events if s_left <= e.char_start and e.char_end <= start
               and e.surface_text not in WEAK_PLAN_TRIGGERS]
    if count is None and earlier:
        return earlier[-1].kind, earlier[-1].surface_text  # 从签约项目总数来看,浏阳19个
    parent = _parent(text, start, count, batches)
    if parent is not None:
        return str(parent.kind), str(parent.attrs.get("trigger", ""))
    if count is not None and KEY_PROJECTS.search(str(count.attrs.get("counted", ""))):
        return "planned", "重点"
    return None


def _side_by_side(text: str, a: Mention, b: Mention) -> bool:
    """True when two triggers stand next to each other, at most joined by 、/和/及 (签约、开工)."""
    first, second = (a, b) if a.char_start < b.char_start else (b, a)
    if first.char_end > second.char_start:
        return False
    return bool(TRIGGER_JOIN.match(text[first.char_end:second.char_start]))


def _parent(text: str, start: int, count: Mention | None, batches: list[Mention]) -> Mention | None:
    """The nearest larger batch of projects or enterprises before ``start``, in its
    paragraph or the one before (anywhere before for a part of "this" event or a category:
    本次共有16个项目, 城建类项目40个): the set this count breaks down."""
    value = int(count.value or 0) if count is not None else None
    counted = str(count.attrs.get("counted", "")) if count is not None else ""
    head = _family(counted) if count is not None else None
    if head == "park":
        return None  # a count of parks states its own event (遴选了9个园区 breaks nothing down)
    paragraph_start = text.rfind("\n", 0, start) + 1
    window_start = text.rfind("\n", 0, max(0, paragraph_start - 1)) + 1
    left, _ = clause_bounds(text, start, start)
    if THIS_EVENT.search(text, left, start + len(counted) + 1) or counted.endswith(CATEGORY_HEADS):
        window_start = 0  # 本次共有16个项目, 城建类项目40个: a part of the article's event
    for batch in reversed(batches):
        if batch.char_start < window_start:
            break
        if batch.char_start < start and (value is None or int(batch.attrs["project_count"]) > value) \
                and (head is None or batch.attrs.get("head") in (None, head)):
            return batch
    return None


def _family(counted: str) -> str | None:
    """What a counted noun counts: ``park`` for parks and bases (共建园区), else ``project``
    (projects, enterprises and agreements break down one another: 28个项目中包含7个协议)."""
    if not counted:
        return None
    return "park" if counted.endswith(PARK_HEADS) else "project"


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Division names and short names a bare count can belong to (浏阳, 醴陵市, 攸县)."""
    names = set()
    for region in load_regions().values():
        names.add(region.name)
        if len(region.short_name) >= 2:
            names.add(region.short_name)
    return frozenset(names)


def _bare_counts(text: str, counts: list[Mention], bins: list) -> list[tuple[int, int, None, tuple[str, float, int]]]:
    """Bare counts whose owner is a place or a zone (浏阳19个), or that follow a trigger
    (现场签约9个); "A、B各3个" gives one per place. Only in a paragraph that speaks of
    projects or enterprises."""
    out = []
    for m in BARE_COUNT.finditer(text):
        num_start = m.start("num")
        if continues_number(text, num_start) or is_vague_or_ordinal(text, num_start):
            continue
        if touches_damage(text, m.start(), m.end()) or any(
                c.char_start <= num_start < c.char_end and str(c.attrs.get("counted", "")).endswith(BATCH_HEADS)
                and not _platform_first(c) for c in counts):
            continue
        value = parse_number(m["num"])
        if value is None or value != int(value):
            continue
        left, _ = clause_bounds(text, num_start, num_start)
        paragraph_start = text.rfind("\n", 0, num_start) + 1
        if not re.search(r"项目|企业", text[paragraph_start:num_start]):
            continue
        lead = text[left:num_start]
        owner = BARE_LEAD.sub("", lead)
        if owner and TRIGGER_AT_END.search(owner):
            out.append((left + len(lead) - len(owner), m.end(), None, (owner, value, num_start)))
            continue
        each = bool(EACH.search(owner))
        places = owner[:-1].split("、") if each else [owner]
        if not places or not all(_is_owner(p) for p in places):
            continue
        offset = left + len(lead) - len(owner)
        for place in places:
            out.append((offset, m.end(), None, (place, value, num_start)))
            offset += len(place) + 1
    return out


def _platform_first(count: Mention) -> bool:
    """True for a park written before a bare count (星河产业园3个): the park owns the count,
    it is not what is counted."""
    return bool(count.attrs.get("counted_first")) and str(count.attrs.get("counted", "")).endswith(PARK_HEADS)


def _is_owner(word: str) -> bool:
    """True when ``word`` names a place or a zone a bare count can belong to."""
    word = word.strip()
    if not 2 <= len(word) <= 12:
        return False
    return word in _place_names() or bool(PLATFORM_END.search(word)) and len(word) >= 3
