"""Areas (350亩, 6.8万平方米, 5万方, 3.2平方公里 -> m²) and counts (16个项目, 29家企业)."""

from __future__ import annotations

import re

from ingest.extract.lexicon import TRIGGER
from ingest.extract.mention import Mention, touches_damage
from ingest.extract.numbers import (
    CN_NUMERAL_CHARS,
    MAGNITUDE,
    NUMBER,
    NUMBER_START,
    POST_QUALIFIER,
    PRE_QUALIFIER,
    RANGE_SEP,
    continues_number,
    is_vague_or_ordinal,
    magnitude,
    parse_number,
    qualifier_of,
)
from ingest.text import DAMAGE, HAN_BASIC, RunsHolding, clause_before, finditer_in_runs

# Area units to square metres (1亩 = 10000/15 m², 1公顷 = 10000 m², 1平方公里 = 10⁶ m²).
AREA_UNITS = {
    "平方公里": 1_000_000.0, "平方千米": 1_000_000.0, "km²": 1_000_000.0, "km2": 1_000_000.0,
    "公顷": 10_000.0, "亩": 10_000 / 15, "平方米": 1.0, "平米": 1.0, "㎡": 1.0, "m²": 1.0, "m2": 1.0,
}
AREA_UNIT = "(?:" + "|".join(re.escape(u) for u in sorted(AREA_UNITS, key=len, reverse=True)) + ")"
# An area: [约|超] number [- number] [余|多] [magnitude] [余|多] unit; 方 only as 万方 (10,000 m² of floor space).
AREA = re.compile(
    rf"{NUMBER_START}"
    rf"(?P<pre>{PRE_QUALIFIER})?(?P<num>{NUMBER})"
    rf"(?:(?P<mag_lo>{MAGNITUDE})?(?:{AREA_UNIT})?{RANGE_SEP}(?P<high>{NUMBER}))?"
    rf"(?P<mid>余|多)?(?P<mag>{MAGNITUDE})?(?P<mid2>余|多)?"
    rf"(?P<unit>{AREA_UNIT}|方(?![案面式向法针便位言能可才得圆正略志舟阵]))"
)
# Earthwork, concrete or water before 万方: a volume in cubic metres, not an area.
VOLUME_CONTEXT = re.compile(r"土方|土石方|石方|挖方|填方|混凝土|砼|方量|清淤|疏浚|水|沙|立方|燃气|天然气")

# Head nouns a count can count, longest first (园区 before 园).
COUNT_HEADS = sorted([
    "项目", "企业", "公司", "厂房", "标准厂房", "园区", "产业园", "基地", "平台", "中心", "工厂", "机构",
    "楼宇", "载体", "集群", "车间", "工程", "总部", "实验室", "研究院", "孵化器", "众创空间", "高校",
    "院所", "协议", "合同", "商户", "门店", "小镇", "产业链", "园", "楼", "分园", "示范区", "开发区",
], key=len, reverse=True)
COUNT_HEAD = "(?:" + "|".join(COUNT_HEADS) + ")"
# A count of things: [超|近] N [余|多] classifier, then the counted noun up to its head word
# (两大项目: 大 counts too; 三项目, 8企业 need none; a stray space may stand around the
# number: 有 24 个项目). The noun holds no digit (两个飞地已吸引30家企业 is two counts).
COUNT = re.compile(
    rf"{NUMBER_START}"
    rf"(?P<pre>{PRE_QUALIFIER})?(?P<num>{NUMBER}) ?(?P<mid>余|多)?(?P<clf>个|家|栋|幢|座|项|所|处|大|(?=项目|企业))"
    rf"(?P<noun>[“”\"「」『』《》A-Za-z{HAN_BASIC}]{{0,14}}?{COUNT_HEAD})"
)
# Words between the counted noun and a count written after it: 项目共有12个, 企业总数达到22家.
COUNT_LINK = r"(?:总数|数量)?(?:已|均|仅|则)?(?:共涉及|共有|共计|合计|总计|累计|涉及|达到|达|为|有|共|计|分别为)?"
# A trigger phrase between the noun and its count: 重大项目的签约和集中开工共95个.
NOUN_TRIGGERS = rf"(?:的?(?:集中|正式)?(?:{TRIGGER.pattern})(?:[和、及与]|暨)?)*"
# A count written after the counted noun: 签约项目共67个, 外资项目49个, 引进企业204家. The noun
# holds no digit and no break; the count is not followed by a noun of its own (项目共5个重点项目
# is the count before 重点项目).
COUNT_AFTER = re.compile(
    rf"(?P<noun>[“”‘’\"「」『』《》()（）·A-Za-z{HAN_BASIC}]{{0,16}}?{COUNT_HEAD})"
    rf"(?P<link>{NOUN_TRIGGERS}{COUNT_LINK}) ?(?P<pre>{PRE_QUALIFIER})?(?P<num>{NUMBER}) ?(?P<mid>余|多)?(?P<clf>个|家|项)"
)
# The runs of characters a COUNT_AFTER match is made of that hold the number and classifier
# it ends in: the only places it is scanned for (``finditer_in_runs``).
COUNT_AFTER_RUNS = RunsHolding(rf"“”‘’\"「」『』《》()（）·A-Za-z{HAN_BASIC}\d、 ,.",
                               rf"[\d{CN_NUMERAL_CHARS}] ?(?:余|多)?[个家项]")
# Words that show the "noun" is a clause, not what is counted (3个方面推进项目).
NOT_A_NOUN = re.compile(r"方面|领域|方向|环节|推动|加快|围绕|实现|打造|聚焦|推进")
# Words opening a clause that are not part of the counted noun (其中外资项目5个).
NOUN_LEAD = re.compile(r"^(?:其中|另有|此外|以及|还有|其余|包括|分别是|分别为|同时|和|及)+")
# A number and a range separator right before a count: the count ends a range (500-800家).
RANGE_BEFORE = re.compile(rf"{NUMBER}{RANGE_SEP}$")
# Closing quotes that belong to a quoted counted noun (8个“科技类项目”).
CLOSING_QUOTE = re.compile(r"[”\"」』》]")


def extract_areas(text: str) -> list[Mention]:
    """Area mentions, ``value`` in square metres (``value_high`` for a range).

    >>> [(m.surface_text, round(m.value)) for m in extract_areas("规划用地约360亩，建筑面积5万方")]
    [('约360亩', 240000), ('5万方', 50000)]
    """
    out = []
    for m in AREA.finditer(text):
        start, end = m.start(), m.end()
        num_start = m.start("num")
        if continues_number(text, num_start) or text[num_start - 1:num_start] == "/":
            continue
        if touches_damage(text, start, end) or is_vague_or_ordinal(text, num_start):
            continue
        unit = m["unit"]
        if unit == "方":
            if m["mag"] != "万" or VOLUME_CONTEXT.search(clause_before(text, start, 12)):
                continue
            unit, factor = "万方", 10_000.0
        else:
            factor = magnitude(m["mag"]) * AREA_UNITS[unit]
        low, high = parse_number(m["num"]), parse_number(m["high"]) if m["high"] else None
        if low is None or (m["high"] and high is None):
            continue
        low *= magnitude(m["mag_lo"]) * AREA_UNITS.get(unit, 1.0) if m["mag_lo"] else factor
        high = high * factor if high is not None else None
        post = POST_QUALIFIER.match(text, end)
        if post:
            end = post.end()
        qualifier = qualifier_of(m["pre"], m["mid"] or m["mid2"], post.group() if post else None, high is not None)
        span_start = num_start if m["pre"] is None else start
        out.append(Mention("area", span_start, end, text[span_start:end], f"{low:.2f} m2", value=low,
                           value_high=high, unit=unit, qualifier=qualifier))
    return out


def extract_counts(text: str) -> list[Mention]:
    """Count mentions: ``value`` is N, ``attrs['counted']`` what is counted, written before
    the count (``29家企业``) or after it (``签约项目共12个``; ``attrs['counted_first']``).

    >>> [(m.value, m.attrs["counted"]) for m in extract_counts("共有36个合作项目签约，29家企业入驻")]
    [(36.0, '合作项目'), (29.0, '企业')]
    >>> [(m.surface_text, m.value, m.attrs["counted"]) for m in extract_counts("本次集中签约的项目共12个,其中外资项目5个")]
    [('本次集中签约的项目共12个', 12.0, '本次集中签约的项目'), ('外资项目5个', 5.0, '外资项目')]
    """
    out = []
    for m in COUNT.finditer(text):
        mention = _count(text, m, m.start(), m.end(), m["noun"], counted_first=False)
        if mention is not None:
            out.append(mention)
    before = list(out)
    for m in finditer_in_runs(COUNT_AFTER, text, COUNT_AFTER_RUNS):
        if any(c.char_start <= m.start("num") < c.char_end for c in before):
            continue  # the number counts the noun after it
        mention = _count(text, m, m.start(), m.end(), m["noun"], counted_first=True)
        if mention is not None:
            out.append(mention)
    return sorted(out, key=lambda c: c.char_start)


def _count(text: str, m: re.Match, start: int, end: int, noun: str, counted_first: bool) -> Mention | None:
    """The count matched by ``m`` (its noun before or after the number), or None."""
    num_start = m.start("num")
    if continues_number(text, num_start) or is_vague_or_ordinal(text, num_start):
        return None
    if NOT_A_NOUN.search(noun):
        return None
    if not counted_first and noun[:1] in "“\"「『《" and CLOSING_QUOTE.match(text, end):
        end += 1
    if counted_first and RANGE_BEFORE.search(text, 0, num_start):
        return None  # 引进企业500-800家: a range target, not a count
    if touches_damage(text, start, end):
        return None
    value = parse_number(m["num"])
    if value is None or value != int(value) or value == 0:
        return None
    if m["clf"] == "大" and m["num"][0].isdigit():
        return None  # 大 counts only after a Chinese numeral (两大项目)
    if m["clf"] == "" and (len(m["num"]) > 3 or m["pre"] or m["mid"]):
        return None  # 2023项目 is a year
    if "”" in noun and "“" not in noun or "」" in noun and "「" not in noun:
        return None  # the number stands inside a quoted slogan (“四个一流”重大项目)
    if counted_first:
        lead = NOUN_LEAD.match(noun)
        if lead:
            start, noun = start + lead.end(), noun[lead.end():]
    span_start = start if counted_first or m["pre"] is not None else num_start
    counted = noun.strip("“”\"「」『』《》")
    qualifier = qualifier_of(m["pre"], m["mid"], None)
    attrs: dict[str, object] = {"counted": counted}
    if counted_first:
        attrs["counted_first"] = True
    return Mention("count", span_start, end, text[span_start:end], f"{int(value)} {counted}", value=value,
                   unit=m["clf"], qualifier=qualifier, attrs=attrs)


def repair_counts_from_title(text: str, title: str | None) -> list[Mention]:
    """Counts whose leading digits were lost to damaged bytes, restored from the headline.

    A count right after a damaged run (``\ufffd5家企业入驻``) is normally not read. It is
    restored only when the headline states exactly one count of the same thing, with the
    same classifier, whose digits end with the digits still visible (``35家企业``): the
    lost characters are then certain. ``attrs['repaired_from']`` says so.

    >>> [(m.surface_text, m.value) for m in repair_counts_from_title("签约\ufffd\ufffd5家企业入驻", "35家企业入驻新区")]
    [('5家企业', 35.0)]
    >>> repair_counts_from_title("签约\ufffd5家企业入驻", "签约15个项目")
    []
    """
    if not title or DAMAGE not in text:
        return []
    headline = extract_counts(title)
    out = []
    for m in COUNT.finditer(text):
        num_start = m.start("num")
        if num_start == 0 or text[num_start - 1] != DAMAGE or not m["num"].isdigit():
            continue
        end = m.end()
        if touches_damage(text, num_start + 1, end):
            continue
        counted = m["noun"].strip("“”\"「」『』《》")
        values = {
            int(h.value) for h in headline
            if h.unit == m["clf"] and h.value is not None
            and str(int(h.value)).endswith(m["num"]) and len(str(int(h.value))) > len(m["num"])
            and (counted.endswith(str(h.attrs["counted"])) or str(h.attrs["counted"]).endswith(counted))
        }
        if len(values) != 1:
            continue
        value = float(values.pop())
        out.append(Mention("count", num_start, end, text[num_start:end], f"{int(value)} {counted}", value=value,
                           unit=m["clf"], qualifier="exact", attrs={"counted": counted, "repaired_from": "title"}))
    return out
