"""Monetary amounts: value, currency, qualifier, kind and exact span, from general news usage."""

from __future__ import annotations

import pytest

from ingest.extract.amounts import extract_amounts, kind_of
from ingest.normalize import normalize

Y = 100_000_000  # 亿
W = 10_000  # 万

# text, [(surface_text, value, currency, qualifier, kind)]
AMOUNT_CASES = [
    # numerals: Arabic, Chinese, mixed, separators
    ("项目总投资12.5亿元，建设期两年。", [("12.5亿元", 12.5 * Y, "CNY", "exact", "investment")]),
    ("新基地计划投资三十亿元。", [("三十亿元", 30 * Y, "CNY", "exact", "investment")]),
    ("双方签约金额3,500万元。", [("3,500万元", 3500 * W, "CNY", "exact", "investment")]),
    ("该公司拟投资一百二十亿元建设新工厂。", [("一百二十亿元", 120 * Y, "CNY", "exact", "investment")]),
    ("计划投资一百二十亿，分三期建设。", [("一百二十亿", 120 * Y, "CNY", "exact", "investment")]),
    ("总投资两千万元的技改项目", [("两千万元", 2000 * W, "CNY", "exact", "investment")]),
    ("投资额达九点五亿元", [("九点五亿元", 9.5 * Y, "CNY", "exact", "investment")]),
    ("总投资1.2万亿元的重大工程", [("1.2万亿元", 1.2e12, "CNY", "exact", "investment")]),
    ("投入资金3千万元", [("3千万元", 3000 * W, "CNY", "exact", "investment")]),
    ("项目投资额为800万元", [("800万元", 800 * W, "CNY", "exact", "investment")]),
    ("奖励资金50000元", [("50000元", 50000, "CNY", "exact", "other")]),
    ("累计投入超2000万元", [("超2000万元", 2000 * W, "CNY", "over", "investment")]),
    # bare 亿/万 in money context
    ("计划投资5000万，年内开工。", [("5000万", 5000 * W, "CNY", "exact", "investment")]),
    ("签约项目投资金额达260亿。", [("260亿", 260 * Y, "CNY", "exact", "investment")]),
    ("发放2000万消费券，带动消费。", [("2000万", 2000 * W, "CNY", "exact", "other")]),
    ("全年税收超3亿", [("超3亿", 3 * Y, "CNY", "over", "tax")]),
    # currencies
    ("总投资1.5亿美元的研发中心", [("1.5亿美元", 1.5 * Y, "USD", "exact", "investment")]),
    ("外方出资8000万美金", [("8000万美金", 8000 * W, "USD", "exact", "investment")]),
    ("德国企业投资2亿欧元扩建工厂", [("2亿欧元", 2 * Y, "EUR", "exact", "investment")]),
    ("日方投资300亿日元建设新厂", [("300亿日元", 300 * Y, "JPY", "exact", "investment")]),
    ("总投资10亿港元", [("10亿港元", 10 * Y, "HKD", "exact", "investment")]),
    ("注资5000万港币", [("5000万港币", 5000 * W, "HKD", "exact", "investment")]),
    ("英国公司投资1亿英镑", [("1亿英镑", Y, "GBP", "exact", "investment")]),
    ("韩企投资500亿韩元", [("500亿韩元", 500 * Y, "KRW", "exact", "investment")]),
    ("总投资20亿元人民币，分两期建设", [("20亿元人民币", 20 * Y, "CNY", "exact", "investment")]),
    ("总投资人民币15亿元", [("15亿元", 15 * Y, "CNY", "exact", "investment")]),
    ("投资3亿人民币", [("3亿人民币", 3 * Y, "CNY", "exact", "investment")]),
    ("融资2000万新加坡元", [("2000万新加坡元", 2000 * W, "SGD", "exact", "investment")]),
    # qualifiers
    ("总投资约18亿元", [("约18亿元", 18 * Y, "CNY", "approx", "investment")]),
    ("总投资近50亿元", [("近50亿元", 50 * Y, "CNY", "approx", "investment")]),
    ("计划投资大约6亿元", [("大约6亿元", 6 * Y, "CNY", "approx", "investment")]),
    ("总投资将近4亿元", [("将近4亿元", 4 * Y, "CNY", "approx", "investment")]),
    ("总投资20亿元左右", [("20亿元左右", 20 * Y, "CNY", "approx", "investment")]),
    ("年产值超百亿元", [("超百亿元", 100 * Y, "CNY", "over", "output")]),
    ("总投资超过30亿元", [("超过30亿元", 30 * Y, "CNY", "over", "investment")]),
    ("预计年销售额逾10亿元", [("逾10亿元", 10 * Y, "CNY", "over", "revenue")]),
    ("单个项目投资额5亿元以上", [("5亿元以上", 5 * Y, "CNY", "over", "investment")]),
    ("累计投资30余亿元", [("30余亿元", 30 * Y, "CNY", "over", "investment")]),
    ("总投资1000余万元", [("1000余万元", 1000 * W, "CNY", "over", "investment")]),
    ("计划投资10多亿元", [("10多亿元", 10 * Y, "CNY", "over", "investment")]),
    ("营收突破100亿元", [("突破100亿元", 100 * Y, "CNY", "over", "revenue")]),
    ("单笔贷款不足500万元", [("不足500万元", 500 * W, "CNY", "under", "credit")]),
    ("总投资不到1亿元", [("不到1亿元", Y, "CNY", "under", "investment")]),
    ("补贴金额在50万元以内", [("50万元以内", 50 * W, "CNY", "under", "other")]),
    ("奖励总额不超过200万元", [("不超过200万元", 200 * W, "CNY", "under", "other")]),
    ("投资额低于3000万元的项目", [("低于3000万元", 3000 * W, "CNY", "under", "investment")]),
    ("现场签约5亿元的项目", [("5亿元", 5 * Y, "CNY", "exact", "investment")]),
    ("签约金额约12亿元", [("约12亿元", 12 * Y, "CNY", "approx", "investment")]),
    ("最近20亿元的投资", [("20亿元", 20 * Y, "CNY", "exact", "investment")]),
    # ranges
    ("单个项目投资10-20亿元", [("10-20亿元", 10 * Y, "CNY", "approx", "investment")]),
    ("计划投资10亿至20亿元", [("10亿至20亿元", 10 * Y, "CNY", "approx", "investment")]),
    ("投资额在5亿元至8亿元之间", [("5亿元至8亿元", 5 * Y, "CNY", "approx", "investment")]),
    ("年产值3~5亿元", [("3~5亿元", 3 * Y, "CNY", "approx", "output")]),
    # kinds from the cue before
    ("达产后可实现年产值50亿元", [("50亿元", 50 * Y, "CNY", "exact", "output")]),
    ("预计年产出20亿元", [("20亿元", 20 * Y, "CNY", "exact", "output")]),
    ("工业增加值增至800亿元", [("800亿元", 800 * Y, "CNY", "exact", "output")]),
    ("年纳税1.2亿元", [("1.2亿元", 1.2 * Y, "CNY", "exact", "tax")]),
    ("实现税收收入6亿元", [("6亿元", 6 * Y, "CNY", "exact", "tax")]),
    ("银行为园区企业授信100亿元", [("100亿元", 100 * Y, "CNY", "exact", "credit")]),
    ("发放贷款35亿元", [("35亿元", 35 * Y, "CNY", "exact", "credit")]),
    ("发行债券20亿元", [("20亿元", 20 * Y, "CNY", "exact", "credit")]),
    ("基金规模50亿元", [("50亿元", 50 * Y, "CNY", "exact", "fund")]),
    ("设立总规模30亿元的产业引导基金", [("30亿元", 30 * Y, "CNY", "exact", "fund")]),
    ("去年营收达12亿元", [("12亿元", 12 * Y, "CNY", "exact", "revenue")]),
    ("实现营业收入58亿元", [("58亿元", 58 * Y, "CNY", "exact", "revenue")]),
    ("年销售收入超过8亿元", [("超过8亿元", 8 * Y, "CNY", "over", "revenue")]),
    ("全年实现利润3亿元", [("3亿元", 3 * Y, "CNY", "exact", "revenue")]),
    ("一般公共预算收入120亿元", [("120亿元", 120 * Y, "CNY", "exact", "other")]),
    ("地区生产总值1.1万亿元", [("1.1万亿元", 1.1e12, "CNY", "exact", "other")]),
    ("员工月工资8000元", [("8000元", 8000, "CNY", "exact", "other")]),
    ("发放消费券500万元", [("500万元", 500 * W, "CNY", "exact", "other")]),
    ("给予一次性补助300万元", [("300万元", 300 * W, "CNY", "exact", "other")]),
    ("公司注册资本5000万元", [("5000万元", 5000 * W, "CNY", "exact", "other")]),
    ("完成A轮融资2亿元", [("2亿元", 2 * Y, "CNY", "exact", "investment")]),
    ("实际到位资金15亿元", [("15亿元", 15 * Y, "CNY", "exact", "investment")]),
    ("合同金额1.6亿元", [("1.6亿元", 1.6 * Y, "CNY", "exact", "investment")]),
    ("项目耗资4亿元", [("4亿元", 4 * Y, "CNY", "exact", "investment")]),
    # kinds from the noun right after
    ("将形成200亿元产出规模", [("200亿元", 200 * Y, "CNY", "exact", "output")]),
    ("带来5亿元税收", [("5亿元", 5 * Y, "CNY", "exact", "tax")]),
    ("设立10亿元产业基金", [("10亿元", 10 * Y, "CNY", "exact", "fund")]),
    ("获得20亿元授信", [("20亿元", 20 * Y, "CNY", "exact", "credit")]),
    ("发放1000万元消费券", [("1000万元", 1000 * W, "CNY", "exact", "other")]),
    ("带动100亿元投资", [("100亿元", 100 * Y, "CNY", "exact", "investment")]),
    # nearest cue wins over an earlier one; no cue is other
    ("总投资50亿元，建成后年产值120亿元", [("50亿元", 50 * Y, "CNY", "exact", "investment"),
                                         ("120亿元", 120 * Y, "CNY", "exact", "output")]),
    ("产业基金首期出资5亿元", [("5亿元", 5 * Y, "CNY", "exact", "investment")]),
    ("此次活动共吸引8亿元", [("8亿元", 8 * Y, "CNY", "exact", "other")]),
    # several amounts in one sentence
    ("一期投资8亿元、二期投资12亿元", [("8亿元", 8 * Y, "CNY", "exact", "investment"),
                                    ("12亿元", 12 * Y, "CNY", "exact", "investment")]),
    ("总投资1.8亿美元，约合人民币12亿元", [("1.8亿美元", 1.8 * Y, "USD", "exact", "investment"),
                                        ("12亿元", 12 * Y, "CNY", "exact", "other")]),
]

# Text with no amount in it: percentages, rates, phone numbers, years, per-unit prices, quantities.
NOT_AMOUNTS = [
    "营业收入同比增长12.5%",
    "增速达到8.3个百分点",
    "投资增长15%，高于全省平均水平",
    "咨询电话：0512-66881234",
    "联系电话13912345678",
    "2023年，园区投资保持增长",
    "项目将于2025年建成投用",
    "工业用地价格为25万元/亩",
    "厂房租金为每平方米每天0.8元",
    "每亩投资强度不低于300万元",
    "亩均税收达到50万元",
    "城镇居民人均可支配收入6.8万元",
    "均价1.5万元一平方米",
    "全市常住人口超过1200万",
    "接待游客1.2亿人次",
    "年产10万吨新材料",
    "年吞吐量达到3000万标箱",
    "新增就业岗位2万个",
    "建筑面积12万平方米",
    "流转土地1.5万亩",
    "装机容量50万千瓦",
    "打造千亿级产业集群",
    "培育3个百亿元级企业",
    "吸引数十亿元投资",
    "带动上百亿元投资",
    "几千万元的设备",
    "城乡二元结构",
    "一元复始，万象更新",
    "同比增长2亿元",
    "比上年增加5000万元",
    "销量达到120万辆",
    "粉丝数超过500万",
    "第3亿元",
    "项目编号2023-0015",
    "每个项目奖励不超过200万元",
]


@pytest.mark.parametrize(("text", "expected"), AMOUNT_CASES)
def test_amount_rules(text: str, expected: list[tuple]) -> None:
    got = [(m.surface_text, m.value, m.unit, m.qualifier, m.kind) for m in extract_amounts(text)]
    assert [(s, pytest.approx(v), c, q, k) for s, v, c, q, k in expected] == got


@pytest.mark.parametrize("text", NOT_AMOUNTS)
def test_not_amounts(text: str) -> None:
    assert [m.surface_text for m in extract_amounts(text)] == []


@pytest.mark.parametrize(("text", "high"), [
    ("投资10-20亿元", 20 * Y),
    ("投资10亿至20亿元", 20 * Y),
    ("投资5000万到8000万元", 8000 * W),
    ("总投资50亿元", None),
])
def test_range_high_end(text: str, high: float | None) -> None:
    (m,) = extract_amounts(text)
    assert m.value_high == (pytest.approx(high) if high else None)
    assert m.attrs["is_range"] is (high is not None)


@pytest.mark.parametrize(("text", "expected"), [
    # a damaged character next to or inside the number: nothing is read across it
    ("总投资\ufffd2亿元", []),
    ("总投资1\ufffd亿元", []),
    ("总投资12亿\ufffd", []),
    ("投资\ufffd\ufffd\ufffd，总投资8亿元", [("8亿元", 8 * Y)]),
    # the kind cue is not read across damage
    ("产值\ufffd项目投资5亿元", [("5亿元", 5 * Y)]),
])
def test_damaged_text(text: str, expected: list[tuple]) -> None:
    assert [(m.surface_text, m.value) for m in extract_amounts(text)] == [(s, pytest.approx(v)) for s, v in expected]


def test_damage_blocks_kind_cue() -> None:
    text = "年产值\ufffd\ufffd项目约5亿元"
    (m,) = extract_amounts(text)
    assert m.kind == "other"


@pytest.mark.parametrize(("traditional", "expected"), [
    ("該項目總投資約3.5億元，預計年產值超過10億元。",
     [("约3.5亿元", 3.5 * Y, "approx", "investment"), ("超过10亿元", 10 * Y, "over", "output")]),
    ("雙方簽約金額達2億美元", [("2亿美元", 2 * Y, "exact", "investment")]),
    ("設立規模50億元的產業基金", [("50亿元", 50 * Y, "exact", "fund")]),
])
def test_traditional_text_after_normalisation(traditional: str, expected: list[tuple]) -> None:
    text = normalize(traditional).text
    got = [(m.surface_text, m.value, m.qualifier, m.kind) for m in extract_amounts(text)]
    assert got == [(s, pytest.approx(v), q, k) for s, v, q, k in expected]


def test_fullwidth_digits_after_normalisation() -> None:
    text = normalize("總投資１２．５億元").text
    assert [(m.surface_text, m.value) for m in extract_amounts(text)] == [("12.5亿元", pytest.approx(12.5 * Y))]


@pytest.mark.parametrize("text", [t for t, _ in AMOUNT_CASES])
def test_span_slices_surface(text: str) -> None:
    padded = "据悉，" + text
    for m in extract_amounts(padded):
        assert padded[m.char_start:m.char_end] == m.surface_text
        assert m.mention_type == "amount"
        assert m.normalized == f"{m.value:.0f} {m.unit}"


@pytest.mark.parametrize(("text", "start", "end", "kind"), [
    ("计划投资8亿元", 4, 7, "investment"),
    ("年产值8亿元", 3, 6, "output"),
    ("8亿元", 0, 3, "other"),
    ("授信额度8亿元", 4, 7, "credit"),
])
def test_kind_of(text: str, start: int, end: int, kind: str) -> None:
    assert kind_of(text, start, end) == kind


# Investment-size bins: the threshold is one amount (over, investment; a range at its lower
# bound), the subject is the bin; a size class without a count is no amount.
BIN_CASES = [
    ("签约项目30个，其中10亿元以上项目8个。", [("10亿元以上", 10 * Y, "over", "10亿元以上项目")]),
    ("新签约项目52个，5至10亿元项目有6个。", [("5至10亿元", 5 * Y, "over", "5至10亿元项目")]),
    ("其中，1-5亿元190个，5-10亿元44个。", [("1-5亿元", 1 * Y, "over", "1-5亿元项目"),
                                         ("5-10亿元", 5 * Y, "over", "5-10亿元项目")]),
    ("共签约项目30个，其中百亿以上项目4个。", [("百亿以上", 100 * Y, "over", "百亿以上项目")]),
    ("当天签约项目20个，超10亿元项目8个。", [("超10亿元", 10 * Y, "over", "超10亿元项目")]),
    ("在45个新开工项目中，亿元以上项目有6个。", [("亿元以上", 1 * Y, "over", "亿元以上项目")]),
    ("新签约项目中，30亿元以上7个，30亿元以上工业项目7个。", [("30亿元以上", 30 * Y, "over", "30亿元以上项目")]),
    ("全市新签约亿元项目260个。", []),
    ("今年亿元以上新签约工业项目88个。", []),
    ("力争20亿元以上制造业项目乡镇全覆盖。", []),
    ("签约项目必须是10亿元以上的项目。", []),
]


@pytest.mark.parametrize(("text", "expected"), BIN_CASES)
def test_size_bins_are_amounts(text: str, expected: list[tuple]) -> None:
    got = [(m.surface_text, m.value, m.qualifier, m.attrs.get("subject_text"))
           for m in extract_amounts(text) if m.attrs.get("size_bin") or not expected]
    assert got == expected


# Only a digit before an ASCII comma makes it a thousands separator.
@pytest.mark.parametrize(("text", "expected"), [
    ("签约项目12个,总投资50亿元", [("50亿元", 50 * Y)]),
    ("会议举行,5亿元项目签约", [("5亿元", 5 * Y)]),
    ("总投资2,500万元", [("2,500万元", 2500 * W)]),
    ("投资1,234,000元", [("1,234,000元", 1_234_000)]),
    ("电话0571-88888888，投资3亿元", [("3亿元", 3 * Y)]),
])
def test_ascii_comma_thousands_guard(text: str, expected: list[tuple]) -> None:
    assert [(m.surface_text, m.value) for m in extract_amounts(text)] == expected
