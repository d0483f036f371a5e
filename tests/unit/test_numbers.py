"""Chinese and Arabic numerals, qualifiers, and the doctests of the numeric extractors."""

from __future__ import annotations

import doctest
import importlib

import pytest

from ingest.extract.numbers import (
    is_vague_or_ordinal,
    magnitude,
    parse_digit_string,
    parse_number,
    qualifier_of,
)


@pytest.mark.parametrize(("text", "value"), [
    ("9.5", 9.5), ("2,000", 2000.0), ("1,234,567.8", 1234567.8), ("0.5", 0.5),
    ("三十", 30.0), ("十", 10.0), ("十二", 12.0), ("一百二十", 120.0), ("两", 2.0), ("两千", 2000.0),
    ("一百零五", 105.0), ("一千零一", 1001.0), ("三千五百", 3500.0), ("九点五", 9.5), ("零点八", 0.8),
    ("百", 100.0), ("二十五", 25.0),
    ("三五", None), ("", None), ("abc", None), ("九点", None),
])
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(("text", "value"), [
    ("二〇二三", 2023), ("二零一九", 2019), ("2024", 2024), ("二十", None), ("", None),
])
def test_parse_digit_string(text: str, value: int | None) -> None:
    assert parse_digit_string(text) == value


@pytest.mark.parametrize(("word", "factor"), [
    ("亿", 1e8), ("万", 1e4), ("万亿", 1e12), ("千万", 1e7), ("百万", 1e6), (None, 1.0),
])
def test_magnitude(word: str | None, factor: float) -> None:
    assert magnitude(word) == factor


@pytest.mark.parametrize(("pre", "mid", "post", "is_range", "qualifier"), [
    (None, None, None, False, "exact"), ("约", None, None, False, "approx"), ("近", None, None, False, "approx"),
    ("超", None, None, False, "over"), ("逾", None, None, False, "over"), (None, "余", None, False, "over"),
    (None, "多", None, False, "over"), (None, None, "以上", False, "over"), ("不足", None, None, False, "under"),
    (None, None, "以内", False, "under"), ("不到", None, None, False, "under"), (None, None, None, True, "approx"),
    ("约", None, "以上", False, "over"),
])
def test_qualifier_of(pre, mid, post, is_range: bool, qualifier: str) -> None:
    assert qualifier_of(pre, mid, post, is_range) == qualifier


@pytest.mark.parametrize(("text", "start", "expected"), [
    ("数十亿元", 1, True), ("几千万元", 1, True), ("上百亿", 1, True), ("第3个", 1, True),
    ("形成200亿元", 2, False), ("达十亿元", 1, False), ("3个", 0, False),
])
def test_vague_or_ordinal(text: str, start: int, expected: bool) -> None:
    assert is_vague_or_ordinal(text, start) is expected


@pytest.mark.parametrize("module", [
    "ingest.extract.numbers", "ingest.extract.amounts", "ingest.extract.quantities", "ingest.extract.dates",
    "ingest.extract.mention", "parkmart.devtools.evaluate",
])
def test_docstring_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
