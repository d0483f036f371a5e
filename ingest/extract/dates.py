"""Dates in running text: absolute, partial (6月21日), relative (今天, 去年2月8日).

Partial and relative dates are resolved against the article's published date. A date
whose year the text does not establish keeps month and day (``normalized`` ``--MM-DD``,
``attrs['resolved']`` False) rather than a guessed year. ``kind`` is the precision:
'day', 'month' or 'year'.
"""

from __future__ import annotations

import datetime as dt
import re

from ingest.extract.mention import Mention, touches_damage
from ingest.extract.numbers import parse_digit_string, parse_number
from ingest.text import sentence_bounds

# A year written in Arabic (2023) or Chinese digits (二〇二三).
YEAR = r"(?:19|20)\d{2}|[一二][〇零○九][〇零○一二三四五六七八九]{2}"
# A month: 1-12, 01-09, 一月 … 十二月.
MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
# A day of the month: 1-31, 二十一 ….
DAY = r"3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
# 2021年7月17日 / 2022年4月 / 2023年 / 6月21日, optionally after 去年/今年/明年/前年.
# (The lookaheads make the scan skip, in C, every position where no date starts: first a
# one-character test on what a date can start with, then the whole year or month.)
RELATIVE_YEAR = r"(?:去年|今年|明年|前年|上年|当年)"
DATE_FIRST_CHAR = r"[去今明前上当\d一二三四五六七八九十]"
DATE = re.compile(
    rf"(?={DATE_FIRST_CHAR})(?={RELATIVE_YEAR}?(?:(?:{YEAR})年|(?:{MONTH})月))"
    rf"(?P<rel>{RELATIVE_YEAR})?"
    rf"(?:(?P<y>{YEAR})年)?(?:(?P<m>{MONTH})月(?:份)?(?:(?P<d>{DAY})[日号])?)?"
)
# 2023-06-21, 2023.6.21, 2023/06/21 written in running text.
NUMERIC_DATE = re.compile(r"(?=[12])(?<![\d.])(?P<y>(?:19|20)\d{2})(?P<sep>[-./])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.])")
# Relative days: 今天, 今日, 昨天, 昨日, 前天, 明天 (not in 今日头条 or 美好的明天). The 的
# before the two-character word is looked for behind it, so the pattern opens with the word
# and the scan skips to its first character at once.
RELATIVE_DAY = re.compile(r"(?:今天|今日|昨天|昨日|前天|明天|明日)(?<!的..)(?!头条|之星|说法|关注)")
RELATIVE_OFFSETS = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "明日": 1}
# Days between a partial date and the published date beyond which an adjacent year is tried.
MAX_SAME_YEAR_GAP = 240
YEAR_OFFSETS = {"去年": -1, "上年": -1, "今年": 0, "当年": 0, "明年": 1, "前年": -2}
# A year told relative to the date before it in its sentence, not to the published date
# (…2021年3月签约，同年8月开工; 次年5月): years to add to that date's year.
YEARS_AFTER_EARLIER_DATE = {"同年": 0, "当年": 0, "次年": 1, "翌年": 1}
# A date written with its own year (2021年3月), the base of a relative one.
OWN_YEAR = re.compile(r"(?:19|20)\d{2}年")


def nearest_year(month: int, day: int | None, published: dt.date) -> int:
    """The published year, unless that puts month/day over eight months away and an adjacent year is nearer.

    12月28日 in an early-January article is last year; 12月28日 in a June article stays this year.

    >>> nearest_year(12, 28, dt.date(2024, 1, 3)), nearest_year(12, 28, dt.date(2023, 6, 22))
    (2023, 2023)
    >>> nearest_year(1, 5, dt.date(2023, 12, 20))
    2024
    """
    def gap(year: int) -> int:
        try:
            return abs((dt.date(year, month, day or 15) - published).days)
        except ValueError:  # 2月29日 outside a leap year
            return 10_000
    if gap(published.year) <= MAX_SAME_YEAR_GAP:
        return published.year
    return min((published.year - 1, published.year, published.year + 1), key=gap)


def extract_dates(text: str, published: dt.date | None, published_year: int | None = None) -> list[Mention]:
    """Date mentions; ``normalized`` is ISO (YYYY, YYYY-MM, YYYY-MM-DD), ``--MM-DD``/``--MM`` or ''.

    >>> [m.normalized for m in extract_dates("去年2月8日签约，6月21日开园", dt.date(2023, 6, 22))]
    ['2022-02-08', '2023-06-21']
    >>> [m.normalized for m in extract_dates("6月21日开园", None)]
    ['--06-21']
    """
    out: list[Mention] = []
    for m in DATE.finditer(text):
        mention = _calendar_date(text, m, published, published_year)
        if mention is not None:
            out.append(mention)
    for m in NUMERIC_DATE.finditer(text):
        if touches_damage(text, m.start(), m.end()):
            continue
        try:
            day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        out.append(Mention("date", m.start(), m.end(), m.group(), day.isoformat(), kind="day",
                           attrs={"resolved": True}))
    for m in RELATIVE_DAY.finditer(text):
        if touches_damage(text, m.start(), m.end()):
            continue
        if published is None:
            out.append(Mention("date", m.start(), m.end(), m.group(), "", kind="day", attrs={"resolved": False}))
            continue
        day = published + dt.timedelta(days=RELATIVE_OFFSETS[m.group()])
        out.append(Mention("date", m.start(), m.end(), m.group(), day.isoformat(), kind="day",
                           attrs={"resolved": True}))
    return sorted(out, key=lambda x: x.char_start)


def _calendar_date(text: str, m: re.Match, published: dt.date | None, published_year: int | None) -> Mention | None:
    """The date matched by DATE, resolved as far as the text allows; None when it is not a date."""
    if not (m["y"] or m["m"]) or touches_damage(text, m.start(), m.end()):
        return None
    if m.start() > 0 and (text[m.start() - 1].isdigit() or text[m.start() - 1] in "第十"):
        return None
    if m.end() < len(text) and text[m.end()].isdigit():
        return None  # 6月2�日 or 6月32日: a day the pattern could not read
    if m["m"] and not m["y"] and not m["d"] and not m["rel"] and not m["m"][0].isdigit():
        return None  # 一月, 三月 alone: too often not a date (三月份 is kept only with digits)
    year = parse_digit_string(m["y"]) if m["y"] else None
    month = int(parse_number(m["m"]) or 0) if m["m"] else None
    day = int(parse_number(m["d"]) or 0) if m["d"] else None
    known_year = published.year if published else published_year
    if year is None and m["rel"] and known_year:
        year = known_year + YEAR_OFFSETS[m["rel"]]
    elif year is None and month and published is not None:
        year = nearest_year(month, day, published)
    elif year is None and month and published_year:
        year = published_year
    try:
        dt.date(year or 2000, month or 1, day or 1)  # 2000: a leap year, so 2月29日 stays valid
    except ValueError:
        return None
    precision = "day" if day else "month" if month else "year"
    if year is None:
        normalized = f"--{month:02d}-{day:02d}" if day else f"--{month:02d}"
    else:
        normalized = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
        if month and day:
            try:
                dt.date(year, month, day)
            except ValueError:
                return None
    return Mention("date", m.start(), m.end(), m.group(), normalized, kind=precision,
                   attrs={"resolved": year is not None})


def year_after_earlier_date(text: str, date: Mention, dates: list[Mention]) -> str | None:
    """The year of a date written relative to the one before it in its sentence (…2021年3月
    签约，同年8月开工: 2021; 次年: 2022), else None (the date's own year stands).

    >>> t = "于2021年3月签约，次年5月开工"
    >>> d = extract_dates(t, None, 2023)
    >>> year_after_earlier_date(t, d[1], d)
    '2022'
    """
    offset = YEARS_AFTER_EARLIER_DATE.get(text[max(0, date.char_start - 2):date.char_start])
    if offset is None:
        return None
    left, _ = sentence_bounds(text, date.char_start)
    base = [d for d in dates if left <= d.char_start < date.char_start and OWN_YEAR.match(d.surface_text)]
    return str(int(base[-1].normalized[:4]) + offset) if base else None
