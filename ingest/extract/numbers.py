"""Numbers as Chinese news writes them: 9.5, 2,000, 三十, 一百二十, 两, 1.8万."""

from __future__ import annotations

import re

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
MAGNITUDES = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6,
              "十万": 1e5, "万": 1e4, "千": 1e3}

# An Arabic number with optional thousands separators and decimals, or a Chinese numeral.
NUMBER = r"(?:\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)"
# A magnitude word following a number: 亿, 万, 千万, 万亿 ….
MAGNITUDE = r"(?:万亿|千亿|百亿|千万|百万|十万|亿|万|千)"
NUMBER_RE = re.compile(NUMBER)


def parse_number(text: str) -> float | None:
    """Parse an Arabic or Chinese numeral; None when it is not one.

    >>> parse_number("2,000"), parse_number("三十"), parse_number("一百二十"), parse_number("两")
    (2000.0, 30.0, 120.0, 2.0)
    >>> parse_number("九点五")
    9.5
    """
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit():
        try:
            return float(text.replace(",", ""))
        except ValueError:
            return None
    if "点" in text:
        whole, _, frac = text.partition("点")
        base = parse_number(whole) if whole else 0.0
        if base is None or not all(c in CN_DIGITS for c in frac):
            return None
        return base + float("0." + "".join(str(CN_DIGITS[c]) for c in frac))
    total, digit = 0, None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:
            return None
    if digit is not None:
        total += digit
    return float(total)


def magnitude(word: str | None) -> float:
    """The factor of a magnitude word; 1 when there is none.

    >>> magnitude("亿"), magnitude(None)
    (100000000.0, 1.0)
    """
    return MAGNITUDES.get(word or "", 1.0)
