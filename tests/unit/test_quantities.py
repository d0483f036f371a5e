"""Areas in m² and counts with what they count, from general news usage."""

from __future__ import annotations

import pytest

from ingest.extract.quantities import extract_areas, extract_counts
from ingest.normalize import normalize

MU = 10_000 / 15  # 1亩 in m²

# text, [(surface_text, value_m2, qualifier)]
AREA_CASES = [
    ("项目规划用地300亩", [("300亩", 300 * MU, "exact")]),
    ("一期用地约150亩", [("约150亩", 150 * MU, "approx")]),
    ("新增工业用地1.2万亩", [("1.2万亩", 12_000 * MU, "exact")]),
    ("园区规划面积三百亩", [("三百亩", 300 * MU, "exact")]),
    ("占地200余亩", [("200余亩", 200 * MU, "over")]),
    ("盘活低效用地逾千亩", [("逾千亩", 1000 * MU, "over")]),
    ("占地80公顷", [("80公顷", 800_000, "exact")]),
    ("规划面积12.5平方公里", [("12.5平方公里", 12_500_000, "exact")]),
    ("核心区3平方千米", [("3平方千米", 3_000_000, "exact")]),
    ("总建筑面积15万平方米", [("15万平方米", 150_000, "exact")]),
    ("建筑面积约2.6万平方米", [("约2.6万平方米", 26_000, "approx")]),
    ("建成标准厂房50万平方米以上", [("50万平方米以上", 500_000, "over")]),
    ("研发楼8000平方米", [("8000平方米", 8000, "exact")]),
    ("办公面积3000平米", [("3000平米", 3000, "exact")]),
    ("单层面积1.2万㎡", [("1.2万㎡", 12_000, "exact")]),
    ("总建筑面积12万方", [("12万方", 120_000, "exact")]),
    ("新建厂房超10万方", [("超10万方", 100_000, "over")]),
    ("建设用地面积不足100亩", [("不足100亩", 100 * MU, "under")]),
    ("用地规模100-150亩", [("100-150亩", 100 * MU, "approx")]),
    ("占地约4.8平方公里，建筑面积60万平方米", [("约4.8平方公里", 4_800_000, "approx"),
                                           ("60万平方米", 600_000, "exact")]),
    ("占地面积2,000平方米", [("2,000平方米", 2000, "exact")]),
]

NOT_AREAS = [
    "完成土方开挖12万方",
    "浇筑混凝土3万方",
    "年供水能力500万方",
    "10万方案例库",
    "土地出让价格50万元/亩",
    "每亩投资不低于300万元",
    "储罐容积2000立方米",
    "亩均税收30万元",
    "第3平方公里",
    "数十万平方米",
    "三方签约",
    "建筑面积\ufffd万平方米",
    "总面积1\ufffd平方公里",
]


@pytest.mark.parametrize(("text", "expected"), AREA_CASES)
def test_area_rules(text: str, expected: list[tuple]) -> None:
    got = [(m.surface_text, m.value, m.qualifier) for m in extract_areas(text)]
    assert got == [(s, pytest.approx(v, rel=1e-6), q) for s, v, q in expected]


@pytest.mark.parametrize("text", NOT_AREAS)
def test_not_areas(text: str) -> None:
    assert extract_areas(text) == []


def test_area_range_high_end_and_span() -> None:
    text = "规划用地100-150亩。"
    (m,) = extract_areas(text)
    assert (m.value, m.value_high) == (pytest.approx(100 * MU), pytest.approx(150 * MU))
    assert text[m.char_start:m.char_end] == m.surface_text == "100-150亩"
    assert m.normalized == f"{100 * MU:.2f} m2"


def test_area_traditional_after_normalisation() -> None:
    text = normalize("該園區佔地約1200畝，總建築面積80萬平方米。").text
    got = [(m.surface_text, round(m.value)) for m in extract_areas(text)]
    assert got == [("约1200亩", 800_000), ("80万平方米", 800_000)]


# text, [(surface_text, count, counted, qualifier)]
COUNT_CASES = [
    ("现场签约15个项目", [("15个项目", 15, "项目", "exact")]),
    ("共有36个重点项目集中开工", [("36个重点项目", 36, "重点项目", "exact")]),
    ("已有120家企业入驻", [("120家企业", 120, "企业", "exact")]),
    ("吸引30余家企业落户", [("30余家企业", 30, "企业", "over")]),
    ("集聚超200家高新技术企业", [("超200家高新技术企业", 200, "高新技术企业", "over")]),
    ("新建6栋标准厂房", [("6栋标准厂房", 6, "标准厂房", "exact")]),
    ("建成12幢厂房", [("12幢厂房", 12, "厂房", "exact")]),
    ("签约三十个产业项目", [("三十个产业项目", 30, "产业项目", "exact")]),
    ("两家公司签署协议", [("两家公司", 2, "公司", "exact")]),
    ("布局5个“未来产业”园区", [("5个“未来产业”园区", 5, "未来产业”园区", "exact")]),
    ("设立3个“双创”基地", [("3个“双创”基地", 3, "双创”基地", "exact")]),
    ("引进4所高校", [("4所高校", 4, "高校", "exact")]),
    ("打造8个科创载体", [("8个科创载体", 8, "科创载体", "exact")]),
    ("落地20个亿元以上项目", [("20个亿元以上项目", 20, "亿元以上项目", "exact")]),
    ("近50家企业参加", [("近50家企业", 50, "企业", "approx")]),
    ("新增2个省级研发中心", [("2个省级研发中心", 2, "省级研发中心", "exact")]),
]

NOT_COUNTS = [
    "第3个项目",
    "一批项目签约",
    "数十家企业参加",
    "几个项目",
    "从三个方面推进项目",
    "2个\ufffd\ufffd项目",
    "\ufffd2个项目",
    "今年以来项目进展顺利",
]


@pytest.mark.parametrize(("text", "expected"), COUNT_CASES)
def test_count_rules(text: str, expected: list[tuple]) -> None:
    got = [(m.surface_text, m.value, m.attrs["counted"], m.qualifier) for m in extract_counts(text)]
    assert got == expected


@pytest.mark.parametrize("text", NOT_COUNTS)
def test_not_counts(text: str) -> None:
    assert extract_counts(text) == []


def test_quoted_count_keeps_closing_quote_in_span() -> None:
    text = "其中8个“制造类项目”签约"
    (m,) = extract_counts(text)
    assert m.surface_text == "8个“制造类项目”" == text[m.char_start:m.char_end]
    assert m.attrs["counted"] == "制造类项目"
