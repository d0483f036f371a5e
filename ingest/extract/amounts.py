"""Monetary amounts: 总投资12.5亿元, 约2.3亿美元, 超600亿元, 10-20亿元, 2000万消费券.

An amount is a number with a currency (元, 美元 …), or a number with 亿/万 and no unit
when the clause around it speaks of money (投资金额达128亿). Per-unit prices (20万元/亩,
亩均税收), changes (同比增长2亿元), vague figures (数十亿元) and scale classes (千亿级)
are not amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
    is_chinese_numeral,
    is_vague_or_ordinal,
    magnitude,
    parse_number,
    qualifier_of,
)
from ingest.extract.quantities import COUNT_LINK, extract_counts
from ingest.text import HAN_BASIC, clause_before, finditer_gated, sentence_bounds

# Currency words as written, mapped to ISO 4217.
CURRENCIES = {
    "人民币": "CNY", "元": "CNY", "美元": "USD", "美金": "USD", "欧元": "EUR", "日元": "JPY",
    "港元": "HKD", "港币": "HKD", "英镑": "GBP", "韩元": "KRW", "澳元": "AUD", "加元": "CAD",
    "加拿大元": "CAD", "新加坡元": "SGD", "新元": "SGD", "瑞士法郎": "CHF", "新台币": "TWD",
    "卢布": "RUB", "泰铢": "THB", "澳门元": "MOP", "澳币": "AUD",
}
CURRENCY = "(?:" + "|".join(sorted(CURRENCIES, key=len, reverse=True)) + ")"
# The amount: [qualifier] number [[magnitude][currency] - number] [余|多] [magnitude] [余|多] [currency].
AMOUNT = re.compile(
    rf"{NUMBER_START}"
    rf"(?P<pre>{PRE_QUALIFIER})?"
    rf"(?P<num>{NUMBER})"
    rf"(?:(?P<mag_lo>{MAGNITUDE})?(?P<cur_lo>{CURRENCY})?{RANGE_SEP}(?P<high>{NUMBER}))?"
    rf"(?P<mid>余|多)?(?P<mag>{MAGNITUDE})?(?P<mid2>余|多)?"
    rf"(?P<cur>{CURRENCY})?"
)
# "人民币" repeated after 元 (10亿元人民币) belongs to the span.
TRAILING_RMB = re.compile(r"人民币")
# Units or nouns after a bare 亿/万 that make it a quantity, not money (5000万人, 10万吨, 千亿级).
NOT_MONEY_AFTER = re.compile(
    r"(人|名|位|平方|方|立方|吨|亩|公顷|千瓦|度|台|辆|件|套|个|家|户|次|只|头|株|册|份|条|张|双|片|颗|粒|支|瓶|盒|箱"
    r"|标箱|桶|公里|千米|米|字|年|级|倍|美元|欧元|日元|港元|英镑|%|％)"
)
# A per-unit price after the amount: 20万元/亩, 1.5万元每平方米 (but 10亿元每年 is an amount).
PER_UNIT_AFTER = re.compile(r"\s*(?:/|／|每(?!年|月|天|日|季度))")
# A size class after an amount with 以上 (20亿元以上项目乡镇全覆盖, 签约…亿元以上项目): a
# criterion, not an amount, unless it is a bin with its count (see ``size_bins``).
SIZE_CLASS_AFTER = re.compile(rf"的?[{HAN_BASIC}]{{0,6}}?项目")
# A per-unit figure named before the amount in its clause: 人均, 亩均, 每亩, 单价, 均价.
PER_UNIT_BEFORE = re.compile(
    r"(?:人均|亩均|户均|地均|单价|均价|售价|房价|地价|票价|起价|股价|"
    r"每(?:亩|平方米|平米|吨|人|户|股|件|台|公斤|千克|斤|度|千瓦时|间|套|个|家))"
)
# A change rather than a level, written just before the amount: 同比增长2亿元, 减少500万元.
CHANGE_BEFORE = re.compile(r"(?:增长|增加|减少|下降|提高|提升|上升|净增|多出|少了|增长了|增加了|减少了|下降了)$")
# Words that say a bare 亿/万 is money (投资金额达128亿, 2000万消费券).
MONEY_CONTEXT = re.compile(
    r"投资|投入|金额|资金|资本|产值|产出|税|授信|贷款|基金|营收|收入|销售|融资|消费券|补贴|奖励|"
    r"估值|市值|GDP|生产总值|总额|利润|成交|交易额|出资|注资|拨付|预算|经费|花费|耗资|造价"
)
# Nouns that say a bare 亿/万 counts people or things (人口超1000万, 游客达1.2亿).
QUANTITY_CONTEXT = re.compile(
    r"人口|游客|用户|人次|粉丝|观众|客流|旅客|访客|学生|职工|员工|居民|就业|岗位|产能|产量|"
    r"面积|车辆|销量|下载|播放|阅读|浏览|点击|粮食|吞吐"
)
# Cue words before the amount deciding its kind; the nearest wins, the longest on a tie.
KIND_CUES: dict[str, str] = {
    "总投资": "investment", "投资总额": "investment", "投资额": "investment", "计划投资": "investment",
    "签约金额": "investment", "签约总额": "investment", "投资金额": "investment", "协议投资": "investment",
    "投资": "investment", "投入": "investment", "注资": "investment", "出资": "investment",
    "增资": "investment", "引资": "investment", "融资": "investment", "建设资金": "investment",
    "到位资金": "investment", "合同金额": "investment", "合同额": "investment", "签约": "investment",
    "耗资": "investment", "造价": "investment", "外资": "investment",
    "产值": "output", "产出": "output", "增加值": "output",
    "税收": "tax", "纳税": "tax", "税额": "tax", "税金": "tax", "利税": "tax", "缴税": "tax",
    "税收收入": "tax", "减税": "tax", "退税": "tax",
    "授信": "credit", "贷款": "credit", "信贷": "credit", "放贷": "credit", "借款": "credit",
    "债券": "credit", "发债": "credit",
    "基金": "fund", "母基金": "fund", "基金规模": "fund",
    "营收": "revenue", "营业收入": "revenue", "销售额": "revenue", "销售收入": "revenue",
    "营业额": "revenue", "收入": "revenue", "销售": "revenue", "成交额": "revenue",
    "交易额": "revenue", "出口额": "revenue", "利润": "revenue", "净利润": "revenue",
    "消费券": "other", "工资": "other", "薪酬": "other", "补贴": "other", "补助": "other",
    "奖励": "other", "奖金": "other", "资助": "other", "捐款": "other", "捐赠": "other",
    "生产总值": "other", "GDP": "other", "财政收入": "other", "预算收入": "other", "租金": "other",
    "罚款": "other", "票房": "other", "市值": "other", "估值": "other", "专项资金": "other",
    "注册资本": "other", "经费": "other",
}
KIND_CUE = re.compile("|".join(sorted(KIND_CUES, key=len, reverse=True)))
# Nouns right after the amount that decide its kind (300亿元产出规模, 10亿元产业基金, 2000万消费券).
KIND_AFTER = re.compile(
    r"的?(?:产业|引导|专项|发展|天使|创投|创业|风险|股权|并购|政府|科创|母|子){0,2}"
    r"(?P<cue>产出|产值|投资|税收|基金|授信|贷款|营收|销售额|消费券|补贴|奖励|工资)"
)
# An investment-size bin: a size class with the count of projects in it (10亿元以上项目8个,
# 1-5亿元N个, 超10亿元项目N个, 百亿以上项目N个, 亿元以上项目有N个).
SIZE_BIN_START = rf"(?=[超逾\d{CN_NUMERAL_CHARS}万亿])"  # where a bin can start: lets the scan skip other characters
# What follows a bin's magnitude: 元, 以上, the noun and the count.
SIZE_BIN_TAIL = (rf"(?P<cur>元)?(?P<post>以上)?"
                 rf"(?P<noun>[{HAN_BASIC}]{{0,8}}?(?:项目|企业))?(?P<link>{COUNT_LINK}) ?(?P<num>\d+|[一二两三四五六七八九十百]+)(?:个|家)")
SIZE_BIN = re.compile(
    rf"{SIZE_BIN_START}(?P<pre>超过|超|逾)?(?P<low>{NUMBER})?(?:(?P<mag_lo>{MAGNITUDE})?元?{RANGE_SEP}(?P<high>{NUMBER}))?"
    rf"(?P<mag>{MAGNITUDE}){SIZE_BIN_TAIL}"
)
# The last character of a bin's magnitude (every MAGNITUDE ends in 万, 亿 or 千) and its tail:
# every bin holds one, so a text without one has no bin (``finditer_gated``).
SIZE_BIN_GATE = re.compile(rf"[万亿千]{SIZE_BIN_TAIL}")


@dataclass(frozen=True)
class SizeBin:
    """An investment-size bin: its threshold (the amount it is labelled as) and its count."""

    start: int
    end: int
    value: float
    kind: str
    subject: str
    count_start: int
    count_end: int
    count: int
    repeat: bool = False  # the same bin written again for the same set: labelled once


# Texts whose size bins are kept: amounts and batches both ask for an article's bins.
SIZE_BIN_CACHE_SIZE = 4


@lru_cache(maxsize=SIZE_BIN_CACHE_SIZE)
def size_bins(text: str) -> tuple[SizeBin, ...]:
    """The investment-size bins of ``text``: a size class that breaks a stated count down.

    A threshold with a number (10亿元以上, 1-5亿元, 超10亿元, 百亿以上) makes a bin; a bare
    亿元以上 only when a larger count stands before it in its sentence (the set it breaks
    down). The value is the threshold, for a range its lower bound. A size word that only
    describes the whole set (亿元项目N个, 亿元以上新签约工业项目N个) is no bin.

    The bins of the last few texts are kept (the tuple is shared: never changed).

    >>> [(b.value, b.subject, b.count) for b in size_bins("签约项目30个,其中10亿元以上项目8个,1-5亿元项目12个")]
    [(1000000000.0, '10亿元以上项目', 8), (100000000.0, '1-5亿元项目', 12)]
    >>> [b.subject for b in size_bins("在45个开工项目中,亿元以上项目有6个")], size_bins("全市新签约亿元项目260个")
    (['亿元以上项目'], ())
    """
    out: list[SizeBin] = []
    for m in finditer_gated(SIZE_BIN, text, SIZE_BIN_GATE):
        if m["mag"] not in ("亿", "百亿", "千万", "万"):
            continue
        low_start = m.start("low") if m["low"] else m.start("mag")
        if m["low"] and continues_number(text, low_start):
            continue
        count = parse_number(m["num"])
        if count is None:
            continue
        if m["low"] is None:
            if not m["post"] or not _larger_count_before(text, m.start(), count):
                continue
            low = 1.0
        else:
            if not (m["post"] or m["high"] or m["pre"]):
                continue
            low = parse_number(m["low"])
            if low is None:
                continue
        value = low * magnitude(m["mag_lo"] if m["high"] and m["mag_lo"] else m["mag"])
        start = m.start("pre") if m["pre"] else low_start
        end = m.end("post") if m["post"] else m.end("mag") + len(m["cur"] or "")
        noun = m["noun"] or "项目"
        repeat = any(b.value == value and b.count == count for b in out)
        kind = "output" if "产值" in text[max(0, start - 6):start] else "investment"
        out.append(SizeBin(start, end, value, kind, text[start:end] + noun, m.start("num"), m.end(), int(count), repeat))
    return tuple(out)


def _larger_count_before(text: str, at: int, count: float) -> bool:
    """True when a count larger than ``count`` stands before ``at`` in its sentence."""
    left, _ = sentence_bounds(text, at)
    return any((c.value or 0) > count for c in extract_counts(text[left:at]))


def kind_of(text: str, start: int, end: int) -> str:
    """Kind of the amount at text[start:end]: a cue noun right after it, else the nearest cue before.

    >>> kind_of("预计产值超600亿元", 5, 11), kind_of("设立10亿元产业基金", 2, 6)
    ('output', 'fund')
    >>> kind_of("发放3000万元消费券", 2, 8), kind_of("总投资，约9.5亿元", 4, 10)
    ('other', 'other')
    """
    after = KIND_AFTER.match(text, end)
    if after:
        return KIND_CUES[after["cue"]]
    clause = clause_before(text, start)
    best: tuple[int, int, str] | None = None
    for m in KIND_CUE.finditer(clause):
        key = (m.end(), len(m.group()), KIND_CUES[m.group()])
        if best is None or key[:2] > best[:2]:
            best = key
    # Overlapping cues (税收收入 is found as 税收收入, then 收入 is not re-found): finditer is
    # non-overlapping and longest-first, so ties are already the longer cue.
    return best[2] if best else "other"


def is_money_context(text: str, start: int, end: int) -> bool:
    """True when a bare 亿/万 at text[start:end] is money: a money word is nearer than a quantity word.

    >>> is_money_context("投资金额达128亿", 5, 9), is_money_context("常住人口超1000万", 5, 10)
    (True, False)
    """
    clause = clause_before(text, start, 14)
    money = [m.end() for m in MONEY_CONTEXT.finditer(clause)]
    quantity = [m.end() for m in QUANTITY_CONTEXT.finditer(clause)]
    if money and (not quantity or money[-1] > quantity[-1]):
        return True
    if quantity:
        return False
    return bool(KIND_AFTER.match(text, end))


def extract_amounts(text: str) -> list[Mention]:
    """Every monetary amount in ``text`` with value, currency, qualifier and kind.

    ``value`` is the amount (the low end of a range) in units of ``unit`` (ISO 4217);
    ``value_high`` the high end of a range.

    >>> [(m.surface_text, m.value, m.unit, m.qualifier) for m in extract_amounts("总投资约1.8亿美元")]
    [('约1.8亿美元', 180000000.0, 'USD', 'approx')]

    The threshold of an investment-size bin is one amount (see ``size_bins``):

    >>> [(m.surface_text, m.value, m.qualifier) for m in extract_amounts("其中,5至10亿元项目有5个")]
    [('5至10亿元', 500000000.0, 'over')]
    """
    bins = size_bins(text)
    mentions: list[Mention] = []
    for m in AMOUNT.finditer(text):
        mention = _amount(text, m)
        if mention is not None and not any(b.start <= mention.char_start < b.end for b in bins):
            mentions.append(mention)
    for b in (b for b in bins if not b.repeat):
        mentions.append(Mention("amount", b.start, b.end, text[b.start:b.end], f"{b.value:.0f} CNY", value=b.value,
                                unit="CNY", qualifier="over", kind=b.kind,
                                attrs={"is_range": False, "currency_stated": "元" in text[b.start:b.end],
                                       "size_bin": True, "subject_text": b.subject, "subject_type": "bin",
                                       "is_batch_total": False}))
    return sorted(mentions, key=lambda m: m.char_start)


def _amount(text: str, m: re.Match) -> Mention | None:
    """The amount matched by ``m``, or None when the match is not money."""
    cur_word = m["cur"] or m["cur_lo"] if m["high"] else m["cur"]
    mag = m["mag"]
    if cur_word is None and mag not in ("亿", "万", "万亿", "千万", "百万", "十万"):
        return None
    start, end = m.start(), m.end()
    num_start = m.start("num")
    if continues_number(text, num_start):
        return None  # the middle of a longer number, a phone number or a code
    if is_vague_or_ordinal(text, num_start):
        return None
    if touches_damage(text, start, end):
        return None
    if cur_word is None:
        if NOT_MONEY_AFTER.match(text, end) or not is_money_context(text, start, end):
            return None
    elif mag is None and m["mag_lo"] is None and is_chinese_numeral(m["num"]) and not re.search("[十百千]", m["num"]):
        return None  # 二元结构, 一元复始: a bare Chinese digit before 元 is not money
    if PER_UNIT_AFTER.match(text, end) or text[end:end + 1] == "级":
        return None
    clause = clause_before(text, start)
    if PER_UNIT_BEFORE.search(clause[-8:]) or CHANGE_BEFORE.search(clause):
        return None
    low = parse_number(m["num"])
    if low is None:
        return None
    high = parse_number(m["high"]) if m["high"] else None
    if m["high"] and high is None:
        return None
    factor = magnitude(mag)
    low *= magnitude(m["mag_lo"]) if m["mag_lo"] else factor
    high = high * factor if high is not None else None
    if high is not None and high < low:
        return None  # 2023-12亿? not a range
    if cur_word and TRAILING_RMB.match(text, end) and cur_word != "人民币":
        end += 3
    post = POST_QUALIFIER.match(text, end)
    if post:
        end = post.end()
        if post.group() == "以上" and SIZE_CLASS_AFTER.match(text, end):
            return None
    qualifier = qualifier_of(m["pre"], m["mid"] or m["mid2"], post.group() if post else None, high is not None)
    span_start = num_start if m["pre"] is None else start
    currency = CURRENCIES[cur_word] if cur_word else "CNY"
    attrs: dict[str, object] = {"is_range": high is not None, "currency_stated": cur_word is not None}
    return Mention("amount", span_start, end, text[span_start:end], f"{low:.0f} {currency}",
                   value=low, value_high=high, unit=currency, qualifier=qualifier,
                   kind=kind_of(text, start, end), attrs=attrs)
