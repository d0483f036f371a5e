"""Monetary amounts: 总投资9.5亿元, 约1.8亿美元, 超800亿元, 10-20亿元, 3000万消费券."""

from __future__ import annotations

import re

from ingest.extract.mention import Mention, touches_damage
from ingest.extract.numbers import MAGNITUDE, NUMBER, magnitude, parse_number

# Currency words as written, mapped to ISO 4217.
CURRENCIES = {
    "人民币": "CNY", "元": "CNY", "美元": "USD", "美金": "USD", "欧元": "EUR", "日元": "JPY",
    "港元": "HKD", "港币": "HKD", "英镑": "GBP", "韩元": "KRW", "澳元": "AUD", "加元": "CAD",
    "新加坡元": "SGD", "瑞士法郎": "CHF", "新台币": "TWD",
}
CURRENCY = "(?:" + "|".join(sorted(CURRENCIES, key=len, reverse=True)) + ")"
# Words just before the number that qualify it.
PRE_QUALIFIERS = {"约": "approx", "近": "approx", "大约": "approx", "将近": "approx",
                  "超": "over", "超过": "over", "逾": "over", "超出": "over", "高于": "over",
                  "不足": "under", "不到": "under", "低于": "under", "不超过": "under"}
POST_QUALIFIERS = {"以上": "over", "余": "over", "多": "over", "左右": "approx", "上下": "approx",
                   "以内": "under", "以下": "under"}
PRE_QUALIFIER = "(?:" + "|".join(sorted(PRE_QUALIFIERS, key=len, reverse=True)) + ")"
# The amount itself: [qualifier] number [- number] [余|多] magnitude [currency] [qualifier].
AMOUNT = re.compile(
    rf"(?P<pre>{PRE_QUALIFIER})?"
    rf"(?P<num>{NUMBER})(?:\s*[-~～至到]\s*(?P<high>{NUMBER}))?"
    rf"(?P<mid>余|多)?(?P<mag>{MAGNITUDE})?(?P<mid2>余|多)?"
    rf"(?P<cur>{CURRENCY})"
    r"|"
    rf"(?P<pre2>{PRE_QUALIFIER})?"
    rf"(?P<num2>{NUMBER})(?:\s*[-~～至到]\s*(?P<high2>{NUMBER}))?"
    rf"(?P<mag2>亿|万)(?P<mid3>余|多)?(?![元%％\d])"
)
POST_QUALIFIER = re.compile(r"^(以上|左右|上下|以内|以下)")
# Units or nouns after a bare 亿/万 that make it a quantity, not money.
NOT_MONEY_AFTER = re.compile(r"^(人|名|平方|方|立方|吨|亩|公顷|千瓦|度|台|辆|件|套|个|家|户|次|只|头|株|册|份|条|张|元/|美元/)")
# A per-unit price (万元/亩, 元每平方米) is not an amount.
PER_UNIT = re.compile(r"^\s*(/|每)")
# Cue words deciding an amount's kind, looked for in the clause before the amount.
KIND_CUES: list[tuple[str, str]] = [
    ("总投资", "investment"), ("投资总额", "investment"), ("投资额", "investment"),
    ("计划投资", "investment"), ("签约金额", "investment"), ("投资金额", "investment"),
    ("协议投资", "investment"), ("投资", "investment"), ("投入", "investment"),
    ("注资", "investment"), ("出资", "investment"), ("建设资金", "investment"),
    ("产值", "output"), ("产出", "output"), ("工业总产值", "output"), ("增加值", "output"),
    ("税收", "tax"), ("纳税", "tax"), ("税额", "tax"),
    ("授信", "credit"), ("贷款", "credit"), ("信贷", "credit"),
    ("基金", "fund"),
    ("营收", "revenue"), ("营业收入", "revenue"), ("销售额", "revenue"), ("销售收入", "revenue"),
    ("营业额", "revenue"), ("收入", "revenue"),
]
# Nouns right after the amount that decide its kind (500亿元产出规模, 3000万消费券).
KIND_AFTER: list[tuple[str, str]] = [
    ("产出", "output"), ("产值", "output"), ("投资", "investment"), ("税收", "tax"),
    ("基金", "fund"), ("授信", "credit"), ("贷款", "credit"), ("营收", "revenue"),
    ("销售额", "revenue"), ("消费券", "other"), ("补贴", "other"), ("奖励", "other"),
]
# Words that say the amount is money even without 元 (投资金额达536亿).
MONEY_CONTEXT = re.compile(r"投资|投入|金额|资金|产值|产出|税|授信|贷款|基金|营收|收入|销售|融资|消费券|补贴|奖励|估值|市值|GDP|生产总值")
CLAUSE_BREAK = re.compile(r"[，,。；;！!？?：:、\n]")


def kind_of(text: str, start: int, end: int) -> str:
    """Kind of the amount at text[start:end] from the nearest cue before it, else after it.

    >>> kind_of("预计产值超800亿元", 7, 11)
    'output'
    """
    after = text[end:end + 4]
    for cue, kind in KIND_AFTER:
        if after.startswith(cue):
            return kind
    clause_start = start
    while clause_start > 0 and not CLAUSE_BREAK.match(text[clause_start - 1]) and start - clause_start < 30:
        clause_start -= 1
    clause = text[clause_start:start]
    best: tuple[int, str] | None = None
    for cue, kind in KIND_CUES:
        pos = clause.rfind(cue)
        if pos >= 0:
            end_pos = pos + len(cue)
            if best is None or end_pos > best[0]:
                best = (end_pos, kind)
    return best[1] if best else "other"


def extract_amounts(text: str) -> list[Mention]:
    """Every monetary amount in ``text`` with value, currency, qualifier and kind."""
    mentions: list[Mention] = []
    for m in AMOUNT.finditer(text):
        bare = m["num2"] is not None
        num, high = (m["num2"], m["high2"]) if bare else (m["num"], m["high"])
        mag = m["mag2"] if bare else m["mag"]
        pre = m["pre2"] if bare else m["pre"]
        start, end = m.start(), m.end()
        if touches_damage(text, start, end) or (start > 0 and (text[start - 1].isdigit() or text[start - 1] == ".")):
            continue
        if PER_UNIT.match(text[end:]):
            continue
        if bare:
            if NOT_MONEY_AFTER.match(text[end:]):
                continue
            window = text[max(0, start - 12): end + 4]
            if not MONEY_CONTEXT.search(window):
                continue
        value = parse_number(num)
        if value is None:
            continue
        factor = magnitude(mag)
        value *= factor
        value_high = parse_number(high) * factor if high and parse_number(high) is not None else None
        currency = "CNY" if bare else CURRENCIES[m["cur"]]
        qualifier = PRE_QUALIFIERS.get(pre or "", "exact")
        if m["mid"] or m["mid2"] or (bare and m["mid3"]):
            qualifier = "over"
        post = POST_QUALIFIER.match(text[end:])
        if post:
            qualifier = POST_QUALIFIERS[post.group()]
            end += len(post.group())
        number_start = start + len(pre or "")
        mentions.append(Mention(
            "amount", number_start if qualifier == "exact" else start, end, text[number_start if qualifier == "exact" else start:end],
            f"{value:.0f} {currency}", value=value, value_high=value_high, unit=currency,
            qualifier=qualifier, kind=kind_of(text, start, m.end()),
        ))
    return mentions
