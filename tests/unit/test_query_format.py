"""How `parkmart query` prints values: every digit of floats and decimals, thousands separated."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from parkmart.query import format_cell, format_table

CELLS = [
    (22276400000000.0, "22,276,400,000,000.0"),  # 2.22764e13 yuan, not 2.22764e+13
    (950000000.0, "950,000,000.0"),  # 9.5亿元
    (1281906000.0000002, "1,281,906,000.0000002"),
    (0.5, "0.5"),
    (-1234.25, "-1,234.25"),
    (1e-7, "0.0000001"),
    (Decimal("98765.4321"), "98,765.4321"),
    (2024, "2024"),  # integers (years, counts) without separators
    (None, ""),
    (False, "False"),
    (dt.date(2023, 6, 21), "2023-06-21"),
    ("嘉定区", "嘉定区"),
]


@pytest.mark.parametrize(("value", "expected"), CELLS)
def test_format_cell(value: object, expected: str) -> None:
    assert format_cell(value) == expected


def test_table_keeps_long_text_unless_a_width_is_given() -> None:
    text = "上海市嘉定区与温州市共建的科技创新园二期项目总投资九点五亿元" * 3
    assert format_table(["t"], [(text,)]).splitlines()[2] == text
    cut = format_table(["t"], [(text,)], max_width=12).splitlines()[2]
    assert cut == "上海市嘉定…"


def test_numbers_are_right_aligned() -> None:
    lines = format_table(["n", "name"], [(1.5, "a"), (1000.25, "b")]).splitlines()
    assert lines[2:4] == ["     1.5 | a", "1,000.25 | b"]
