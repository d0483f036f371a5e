"""Dates in running text: absolute, partial (6月21日), relative (今天, 去年2月8日).

Partial and relative dates are resolved against the article's published date; with
no published year they keep month and day and stay unresolved (``normalized`` null-ish
``--MM-DD``) rather than guessing.
"""

from __future__ import annotations

import datetime as dt
import re

from ingest.extract.mention import Mention, touches_damage

# 2021年7月17日 / 2022年4月 / 2023年 / 6月21日 with an optional 去年/今年/明年 before it.
DATE = re.compile(
    r"(?P<rel>去年|今年|明年|前年)?"
    r"(?:(?P<y>(?:19|20)\d{2})年)?(?:(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>3[01]|[12]\d|0?[1-9])[日号])?)?"
)
# Relative days: 今天, 今日, 昨天, 昨日, 前天, 明天.
RELATIVE_DAY = re.compile(r"今天|今日|昨天|昨日|前天|明天")
RELATIVE_OFFSETS = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1}
YEAR_OFFSETS = {"去年": -1, "今年": 0, "明年": 1, "前年": -2}


def extract_dates(text: str, published: dt.date | None, published_year: int | None = None) -> list[Mention]:
    """Date mentions; ``normalized`` is ISO (YYYY, YYYY-MM, YYYY-MM-DD) or ``--MM-DD``."""
    year_known = published.year if published else published_year
    out: list[Mention] = []
    for m in DATE.finditer(text):
        if not (m["y"] or m["m"]) or touches_damage(text, m.start(), m.end()):
            continue
        if m.start() > 0 and text[m.start() - 1].isdigit():
            continue
        year = int(m["y"]) if m["y"] else None
        if year is None and m["rel"] and year_known:
            year = year_known + YEAR_OFFSETS[m["rel"]]
        elif year is None and year_known and m["m"]:
            year = year_known
        month = int(m["m"]) if m["m"] else None
        day = int(m["d"]) if m["d"] else None
        precision = "day" if day else "month" if month else "year"
        if year is None:
            normalized = f"--{month:02d}-{day:02d}" if day else f"--{month:02d}"
        else:
            try:
                dt.date(year, month or 1, day or 1)
            except ValueError:
                continue
            normalized = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
        out.append(Mention("date", m.start(), m.end(), m.group(), normalized, kind=precision,
                           attrs={"resolved": year is not None}))
    for m in RELATIVE_DAY.finditer(text):
        if published is None:
            out.append(Mention("date", m.start(), m.end(), m.group(), "", kind="day", attrs={"resolved": False}))
            continue
        day = published + dt.timedelta(days=RELATIVE_OFFSETS[m.group()])
        out.append(Mention("date", m.start(), m.end(), m.group(), day.isoformat(), kind="day",
                           attrs={"resolved": True}))
    return sorted(out, key=lambda x: x.char_start)
