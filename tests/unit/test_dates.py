"""Dates in running text, resolved against the published date, with precision."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.extract.dates import extract_dates, nearest_year, year_after_earlier_date

PUB = dt.date(2023, 6, 22)

# text, published, [(surface_text, normalized, precision, resolved)]
DATE_CASES = [
    ("2021年7月17日，园区正式开园", PUB, [("2021年7月17日", "2021-07-17", "day", True)]),
    ("2022年4月项目开工", PUB, [("2022年4月", "2022-04", "month", True)]),
    ("计划于2025年建成", PUB, [("2025年", "2025", "year", True)]),
    ("6月21日上午举行签约仪式", PUB, [("6月21日", "2023-06-21", "day", True)]),
    ("6月21日上午举行签约仪式", None, [("6月21日", "--06-21", "day", False)]),
    ("3月份完成主体结构", PUB, [("3月份", "2023-03", "month", True)]),
    ("9月将竣工", None, [("9月", "--09", "month", False)]),
    ("今天，项目正式投产", PUB, [("今天", "2023-06-22", "day", True)]),
    ("昨日，双方签署协议", PUB, [("昨日", "2023-06-21", "day", True)]),
    ("昨天下午举行开工仪式", PUB, [("昨天", "2023-06-21", "day", True)]),
    ("前天举行推介会", PUB, [("前天", "2023-06-20", "day", True)]),
    ("明天将举行揭牌仪式", PUB, [("明天", "2023-06-23", "day", True)]),
    ("今天举行开园仪式", None, [("今天", "", "day", False)]),
    ("去年2月8日，项目签约", PUB, [("去年2月8日", "2022-02-08", "day", True)]),
    ("今年3月，一期投用", PUB, [("今年3月", "2023-03", "month", True)]),
    ("明年6月建成", PUB, [("明年6月", "2024-06", "month", True)]),
    ("前年12月开工", PUB, [("前年12月", "2021-12", "month", True)]),
    ("去年2月8日，项目签约", None, [("去年2月8日", "--02-08", "day", False)]),
    ("二〇二三年六月二十一日", None, [("二〇二三年六月二十一日", "2023-06-21", "day", True)]),
    ("二〇二二年十二月", None, [("二〇二二年十二月", "2022-12", "month", True)]),
    ("发布时间：2023-06-21 10:30", None, [("2023-06-21", "2023-06-21", "day", True)]),
    ("2023.6.21签约", None, [("2023.6.21", "2023-06-21", "day", True)]),
    ("2023/06/21签约", None, [("2023/06/21", "2023-06-21", "day", True)]),
    ("2018年7月、2019年12月16日先后开工", PUB, [("2018年7月", "2018-07", "month", True),
                                           ("2019年12月16日", "2019-12-16", "day", True)]),
    ("5月26日至28日举行", PUB, [("5月26日", "2023-05-26", "day", True)]),
    ("5号开始报名", PUB, []),
    ("2月29日", dt.date(2024, 3, 1), [("2月29日", "2024-02-29", "day", True)]),
]

NOT_DATES = [
    "2月30日",
    "13月5日",
    "咨询电话0512-6688-1234",
    "第12月",
    "已有30年历史",
    "今日头条报道",
    "美好的明天",
    "三月",
    "\ufffd月21日",
    "6月2\ufffd日",
    "增长12%",
]


@pytest.mark.parametrize(("text", "published", "expected"), DATE_CASES)
def test_date_rules(text: str, published: dt.date | None, expected: list[tuple]) -> None:
    got = [(m.surface_text, m.normalized, m.kind, m.attrs["resolved"]) for m in extract_dates(text, published)]
    assert got == expected


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert extract_dates(text, PUB) == []


@pytest.mark.parametrize(("text", "published", "normalized"), [
    ("12月28日开工", dt.date(2024, 1, 3), "2023-12-28"),  # early January looks back
    ("1月5日开业", dt.date(2023, 12, 20), "2024-01-05"),  # late December looks ahead
    ("12月28日竣工", dt.date(2023, 6, 22), "2023-12-28"),  # mid-year stays in the year
    ("3月1日开工", dt.date(2023, 6, 22), "2023-03-01"),
])
def test_year_resolution_across_new_year(text: str, published: dt.date, normalized: str) -> None:
    assert [m.normalized for m in extract_dates(text, published)] == [normalized]


def test_published_year_only_resolves_partial_dates() -> None:
    (m,) = extract_dates("6月21日开园", None, published_year=2023)
    assert (m.normalized, m.attrs["resolved"]) == ("2023-06-21", True)


def test_nearest_year_skips_impossible_leap_day() -> None:
    assert nearest_year(2, 29, dt.date(2023, 3, 1)) in (2024,)


def test_spans_slice_the_text() -> None:
    text = "据悉，去年2月8日签约的项目今天开工，2025年建成。"
    for m in extract_dates(text, PUB):
        assert text[m.char_start:m.char_end] == m.surface_text


@pytest.mark.parametrize(("text", "expected"), [
    ("星桥新材料项目于2019年5月签约，同年9月开工。", "2019"),
    ("星桥新材料项目于2019年5月签约，翌年3月投产。", "2020"),
    ("星桥新材料项目于2019年5月签约。次年3月投产。", None),  # the earlier date is in another sentence
    ("星桥新材料项目5月签约，次年3月投产。", None),  # the earlier date has no year of its own
])
def test_a_year_told_after_an_earlier_date_takes_that_dates_year(text: str, expected: str | None) -> None:
    dates = extract_dates(text, None, 2024)
    assert year_after_earlier_date(text, dates[-1], dates) == expected

