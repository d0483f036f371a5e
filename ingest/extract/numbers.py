"""Numbers as Chinese news writes them: 9.5, 2,000, 三十, 一百二十, 两, 1.8万, 二〇二三.

Also the pieces every numeric extractor shares: the qualifier words (约, 超, 逾, 以上,
不足 …), range separators (10-20, 10亿至20亿) and vague-number prefixes (数十, 上百).
"""

from __future__ import annotations

import math
import re

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
MAGNITUDES = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6,
              "十万": 1e5, "万": 1e4, "千": 1e3}

# The longest numeral (digits, or Chinese numeral characters, before and after the point) read
# as a number. Real amounts are far shorter (1,000,000,000,000元 has 13 digits, 一千九百九十九
# 7 characters); a longer run is not a number at all. The bound keeps every scan linear: no
# pattern tries each position of a long run against the whole rest of it.
MAX_NUMERAL_CHARS = 16
# The characters a Chinese numeral is written with.
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"
# An Arabic number with optional thousands separators and decimals, or a Chinese numeral,
# starting where its run starts (so the tail of an over-long run is no number either). The
# lookahead first lets a scan skip every other character at once.
NUMBER = (
    rf"(?=[\d{CN_NUMERAL_CHARS}])(?<![\d{CN_NUMERAL_CHARS}])"
    rf"(?:\d{{1,{MAX_NUMERAL_CHARS}}}(?:,\d{{3}}){{1,5}}(?:\.\d{{1,{MAX_NUMERAL_CHARS}}})?"
    rf"|\d{{1,{MAX_NUMERAL_CHARS}}}(?:\.\d{{1,{MAX_NUMERAL_CHARS}}})?"
    rf"|[{CN_NUMERAL_CHARS}]{{1,{MAX_NUMERAL_CHARS}}}(?:点[零〇一二三四五六七八九]{{1,{MAX_NUMERAL_CHARS}}})?)"
)
# A magnitude word following a number: 亿, 万, 千万, 万亿 ….
MAGNITUDE = r"(?:万亿|千亿|百亿|千万|百万|十万|亿|万|千)"
# The separator of a range: 10-20, 10～20, 10至20, 10到20.
RANGE_SEP = r"\s*[-~～—–至到]\s*"
NUMBER_RE = re.compile(NUMBER)
# Where a qualified number can start: lets a scan skip other characters in C.
NUMBER_START = r"(?=[约近大将接超逾高突多不低少\d零〇一二两三四五六七八九十百千])"

# Qualifier words written before a number, longest first in the pattern.
PRE_QUALIFIERS = {
    "约": "approx", "近": "approx", "大约": "approx", "将近": "approx", "接近": "approx",
    "超": "over", "超过": "over", "逾": "over", "超出": "over", "高于": "over", "突破": "over",
    "多于": "over", "不低于": "over", "不少于": "over",
    "不足": "under", "不到": "under", "低于": "under", "不超过": "under", "少于": "under", "不高于": "under",
}
# 约 and 近 ending another word are not qualifiers: 签约15个项目, 合约, 最近, 附近.
QUALIFIER_GUARDS = {"约": "(?<![签节预合条公特契制相邀履违践守])", "近": "(?<![最附邻靠贴])"}
PRE_QUALIFIER = "(?:" + "|".join(QUALIFIER_GUARDS.get(w, "") + w
                                 for w in sorted(PRE_QUALIFIERS, key=len, reverse=True)) + ")"
# Qualifier words written after the unit: 10亿元以上, 500亩左右.
POST_QUALIFIERS = {"以上": "over", "左右": "approx", "上下": "approx", "以内": "under", "以下": "under"}
POST_QUALIFIER = re.compile(r"(以上|左右|上下|以内|以下)")
# A prefix that makes a Chinese numeral vague (数十亿元, 几千万, 上百亿, 成千上万): no definite value.
VAGUE_PREFIXES = "数几上成"
VAGUE_HEADS = "十百千万亿"


def is_vague_or_ordinal(text: str, num_start: int) -> bool:
    """True when the number at ``num_start`` is vague (数十, 上百) or an ordinal (第3).

    >>> is_vague_or_ordinal("数十亿元", 1), is_vague_or_ordinal("第3个", 1), is_vague_or_ordinal("形成200亿元", 2)
    (True, True, False)
    """
    if num_start == 0 or num_start >= len(text):
        return False
    before = text[num_start - 1]
    return before == "第" or (before in VAGUE_PREFIXES and text[num_start] in VAGUE_HEADS)

def continues_number(text: str, num_start: int) -> bool:
    """True when the number at ``num_start`` continues a longer one: a digit right before
    it, or a separator (``,`` ``.`` ``-``) with a digit before that (2,000, 3.5, 0571-8).

    An ASCII comma after a word is punctuation, not a thousands separator, so the number
    after it stands on its own.

    >>> continues_number("共2,000家", 3), continues_number("签约,共有9个项目", 5), continues_number("签约,12个", 3)
    (True, False, False)
    """
    if num_start == 0:
        return False
    before = text[num_start - 1]
    if before.isdigit():
        return True
    return before in ".,-" and num_start >= 2 and text[num_start - 2].isdigit()


def parse_number(text: str) -> float | None:
    """Parse an Arabic or Chinese numeral; None when it is not one.

    Runs of bare Chinese digits (三五, 二〇二三) are not quantities and give None; read
    them with :func:`parse_digit_string`.

    >>> parse_number("2,000"), parse_number("三十"), parse_number("一百二十"), parse_number("两")
    (2000.0, 30.0, 120.0, 2.0)
    >>> parse_number("九点五"), parse_number("一百零五"), parse_number("三五"), parse_number("9" * 400)
    (9.5, 105.0, None, None)
    """
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit():
        try:
            value = float(text.replace(",", ""))
        except ValueError:
            return None
        return value if math.isfinite(value) else None
    if "点" in text:
        whole, _, frac = text.partition("点")
        base = parse_number(whole) if whole else 0.0
        if base is None or not frac or not all(c in CN_DIGITS for c in frac):
            return None
        return base + float("0." + "".join(str(CN_DIGITS[c]) for c in frac))
    total, digit = 0, None
    for ch in text:
        if ch in CN_DIGITS:
            if digit is not None and digit != 0 and CN_DIGITS[ch] != 0:
                return None  # two digits in a row without a unit: 三五
            digit = CN_DIGITS[ch] if CN_DIGITS[ch] or digit is None else digit
        elif ch in CN_UNITS:
            total += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:
            return None
    if digit is not None:
        total += digit
    return float(total)


def parse_digit_string(text: str) -> int | None:
    """Read digits one by one, as years are written: 二〇二三 -> 2023, 2023 -> 2023.

    >>> parse_digit_string("二〇二三"), parse_digit_string("二零一九"), parse_digit_string("二十")
    (2023, 2019, None)
    """
    if text.isdigit():
        return int(text)
    if not text or not all(c in CN_DIGITS for c in text):
        return None
    return int("".join(str(CN_DIGITS[c]) for c in text))


def magnitude(word: str | None) -> float:
    """The factor of a magnitude word; 1 when there is none.

    >>> magnitude("亿"), magnitude(None)
    (100000000.0, 1.0)
    """
    return MAGNITUDES.get(word or "", 1.0)


def is_chinese_numeral(text: str) -> bool:
    """True when ``text`` is written in Chinese numerals (三十, 九点五), not Arabic digits."""
    return bool(text) and not text[0].isdigit()


def qualifier_of(pre: str | None, mid: str | None, post: str | None, is_range: bool = False) -> str:
    """The qualifier from the words around a number: after beats before beats 余/多.

    >>> qualifier_of("约", None, None), qualifier_of(None, "余", None), qualifier_of(None, None, "以内")
    ('approx', 'over', 'under')
    """
    if post:
        return POST_QUALIFIERS[post]
    if pre:
        return PRE_QUALIFIERS[pre]
    if mid:
        return "over"
    return "approx" if is_range else "exact"
