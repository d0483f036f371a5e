"""Batches: a stated count of projects, enterprises or agreements with the event they share
("12个项目集中开工", "签约项目共67个", "8家企业集中入驻", "其中产业类项目7个", "定远14个").

Rules, in order:

* what is counted: a count mention (``extract_counts``) whose noun ends in a batch head
  (项目, 企业, 协议 …), or a bare count ("定远14个", "市开发区8个", "现场签约10个") after a
  place, a zone or a trigger in a paragraph that speaks of projects; "A、B、C各3个" is one
  batch per place;
* not batches: a count below 2, 一批, an investment-size bin (10亿元以上项目8个: an amount,
  see ``size_bins``), a count that restates an earlier one (在76个新签约项目中 after
  新签约项目76个; the same count with the same event);
* the event: a trigger inside the count's phrase (签约项目共67个), else the first after it
  in its clause (12个项目集中签约), else the nearest before it (集中签约的24个项目); two
  different triggers side by side (签约、开工, 开竣工) are a mixed event (``other``);
  计划 before the trigger makes it a plan (年度计划开工项目33个 -> planned);
* with no trigger in its clause: a status word (规上, 复工, 注册) -> ``other``; else the
  event of the larger batch it breaks down (其中外资项目49个), earlier in its paragraph;
  else the trigger before it in its sentence; else a key-project list (重点建设项目) ->
  ``planned``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.extract.amounts import size_bins
from ingest.extract.lexicon import PARK_SUFFIXES
from ingest.extract.mention import Mention, touches_damage
from ingest.extract.numbers import NUMBER, continues_number, is_vague_or_ordinal, parse_number
from ingest.gazetteer import load_regions
from ingest.text import clause_bounds, sentence_bounds

# What a batch counts: projects, parks, enterprises and agreements (the noun's last word).
BATCH_HEADS = ("项目", "园区", "产业园", "基地", "企业", "公司", "协议")
# A count with nothing counted after it, before a clause break: 定远14个, 市开发区8个。
BARE_COUNT = re.compile(rf"(?P<num>{NUMBER}) ?(?P<mid>余|多)?(?P<clf>个|家)(?=[，,。；;、）)\n]|$)")
# Words before a bare count that are not the place it belongs to (其中定远14个).
BARE_LEAD = re.compile(r"^(?:其中|只有|另有|仅有|其余|分别为|分别是|此外|以及|还有|和|、)+")
# "A、B、C各3个": one count for each place.
EACH = re.compile(r"各$")
# Zone words that make a bare count's owner a platform (市开发区8个, 某某产业园3个).
PLATFORM_END = re.compile("(?:" + "|".join(PARK_SUFFIXES) + r"|园区|开发区|新区|片区|区|园)$")
# Two triggers side by side make a mixed event: 签约、开工, 签约和集中开工.
TRIGGER_JOIN = re.compile(r"^(?:[、和及与暨并]|以及)?(?:集中|正式|同时)?$")
# 计划 right before the trigger makes the count a plan: 年度计划开工项目33个.
PLAN_BEFORE = re.compile(r"计划(?:新)?$")
# Status words: the count reports a state, not an event (规上企业315家, 复工复产, 注册).
STATUS_WORDS = re.compile(r"规上|规模以上|复工|复产|注册")
# A key-project list with no event of its own: 440个市重点建设项目.
KEY_PROJECTS = re.compile(r"重点|重大")
# 首批/第二批 before a count: an ordinal batch of a series is still a batch, but 批 itself
# is never the count (一批项目 has no number).
# A count followed by 中 refers back to a set (在76个新签约项目中).
REFERS_BACK = re.compile(r"中[,，、]?")
# Planned-events triggers that do not make a plan list on their own (打造一流园区).
WEAK_PLAN_TRIGGERS = frozenset({"打造"})


def extract_batches(text: str, events: list[Mention], counts: list[Mention]) -> list[Mention]:
    """Batch project mentions (``attrs['is_batch']``, ``attrs['project_count']``), in text order.

    >>> from ingest.extract.events import extract_events
    >>> from ingest.extract.quantities import extract_counts
    >>> t = "签约项目共30个,其中产业类项目18个。8家企业集中入驻。"
    >>> [(b.surface_text, b.kind, b.attrs["project_count"]) for b in extract_batches(t, extract_events(t), extract_counts(t))]
    [('签约项目共30个', 'signed', 30), ('其中产业类项目18个', 'signed', 18), ('8家企业', 'settled', 8)]
    """
    bins = size_bins(text)
    candidates = [(c.char_start, c.char_end, c, None) for c in counts
                  if str(c.attrs.get("counted", "")).endswith(BATCH_HEADS)]
    candidates += _bare_counts(text, counts, bins)
    out: list[Mention] = []
    seen: list[tuple[int, str, str]] = [(b.count, "", "\0bin") for b in bins]
    for start, end, count, place in sorted(candidates, key=lambda c: (c[0], c[1])):
        value = int(count.value or 0) if count is not None else int(place[1])
        num_start = count.char_start if count is not None else place[2]
        if any(b.count_start <= num_start < b.count_end or (count is not None and b.count_start >= count.char_start
               and b.count_end <= count.char_end) for b in bins):
            continue
        if value < 2:
            continue
        event = _batch_event(text, events, start, end, count, out)
        if event is None:
            continue
        kind, trigger = event
        owner = place[0] if place is not None else str(count.attrs.get("counted", "")) if count is not None else ""
        if REFERS_BACK.match(text, end) and any(v == value for v, _, _ in seen):
            continue
        if any(v == value and k == kind and _same_set(o, owner, place is not None) for v, k, o in seen):
            continue
        seen.append((value, kind, owner))
        surface = text[start:end]
        out.append(Mention("project", start, end, surface, surface, kind=kind,
                           attrs={"is_batch": True, "project_count": value, "trigger": trigger}))
    return out


def _batch_event(text: str, events: list[Mention], start: int, end: int, count: Mention | None,
                 batches: list[Mention]) -> tuple[str, str] | None:
    """(event type, trigger) of the batch at text[start:end], or None when nothing governs it."""
    left, right = clause_bounds(text, start, end)
    inside = [e for e in events if start <= e.char_start and e.char_end <= end]
    after = [e for e in events if end <= e.char_start < right]
    before = [e for e in events if left <= e.char_start and e.char_end <= start]
    chosen = inside[-1] if inside else (after[0] if after else (before[-1] if before else None))
    if chosen is not None and chosen.kind == "planned" and chosen.surface_text in WEAK_PLAN_TRIGGERS:
        chosen = None
    if chosen is not None:
        if any(e.kind != chosen.kind and _side_by_side(text, e, chosen) for e in events):
            return "other", chosen.surface_text
        if PLAN_BEFORE.search(text, max(0, chosen.char_start - 3), chosen.char_start):
            return "planned", chosen.surface_text
        return chosen.kind, chosen.surface_text
    phrase = text[left:right]
    if STATUS_WORDS.search(phrase):
        return "other", STATUS_WORDS.search(phrase).group()
    parent = _parent(text, start, count, batches)
    if parent is not None:
        return str(parent.kind), str(parent.attrs.get("trigger", ""))
    s_left, _ = sentence_bounds(text, start)
    earlier = [e for e in events if s_left <= e.char_start and e.char_end <= start
               and e.surface_text not in WEAK_PLAN_TRIGGERS]
    if earlier:
        return earlier[-1].kind, earlier[-1].surface_text
    if count is not None and KEY_PROJECTS.search(str(count.attrs.get("counted", ""))):
        return "planned", "重点"
    return None


def _same_set(seen_owner: str, owner: str, bare: bool) -> bool:
    """True when two counts of the same size and event name the same set: the same place
    for a bare count, else one counted noun containing the other (重大项目, 项目)."""
    if bare:
        return seen_owner == owner
    return bool(seen_owner and owner) and (seen_owner in owner or owner in seen_owner)


def _side_by_side(text: str, a: Mention, b: Mention) -> bool:
    """True when two triggers stand next to each other, at most joined by 、/和/及 (签约、开工)."""
    first, second = (a, b) if a.char_start < b.char_start else (b, a)
    if first.char_end > second.char_start:
        return False
    return bool(TRIGGER_JOIN.match(text[first.char_end:second.char_start]))


def _parent(text: str, start: int, count: Mention | None, batches: list[Mention]) -> Mention | None:
    """The larger batch earlier in the paragraph that this count breaks down."""
    paragraph_start = text.rfind("\n", 0, start) + 1
    value = int(count.value or 0) if count is not None else None
    for batch in reversed(batches):
        if batch.char_start < paragraph_start:
            break
        if value is None or int(batch.attrs["project_count"]) > value:
            return batch
    return None


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Division names and short names a bare count can belong to (定远, 南谯区, 桐城市)."""
    names = set()
    for region in load_regions().values():
        names.add(region.name)
        if len(region.short_name) >= 2:
            names.add(region.short_name)
    return frozenset(names)


def _bare_counts(text: str, counts: list[Mention], bins: list) -> list[tuple[int, int, None, tuple[str, float, int]]]:
    """Bare counts whose owner is a place or a zone (定远14个), or that follow a trigger
    (现场签约10个); "A、B各3个" gives one per place. Only in a paragraph that speaks of
    projects or enterprises."""
    from ingest.extract.lexicon import TRIGGER

    out = []
    for m in BARE_COUNT.finditer(text):
        num_start = m.start("num")
        if continues_number(text, num_start) or is_vague_or_ordinal(text, num_start):
            continue
        if touches_damage(text, m.start(), m.end()) or any(
                c.char_start <= num_start < c.char_end and str(c.attrs.get("counted", "")).endswith(BATCH_HEADS)
                for c in counts):
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
        if owner and TRIGGER.search(owner) and TRIGGER.search(owner).end() >= len(owner) - 1:
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


def _is_owner(word: str) -> bool:
    """True when ``word`` names a place or a zone a bare count can belong to."""
    word = word.strip()
    if not 2 <= len(word) <= 12:
        return False
    return word in _place_names() or bool(PLATFORM_END.search(word)) and len(word) >= 3
