"""Amount subjects: each amount's subject comes from its own clause or sentence by a named rule, or is none.

Every sentence here is invented (invented companies, parks and figures).
"""

from __future__ import annotations

import pytest

from ingest.extract import extract_article
from ingest.text import SENTENCE_BREAK


def subjects(text: str) -> list[tuple[str, str | None, str, bool]]:
    """(amount as written, subject_text, attribution, is_batch_total) for every amount of ``text``."""
    starts = [0] + [m.end() for m in SENTENCE_BREAK.finditer(text) if m.end() < len(text)]
    return [(m.surface_text, m.attrs.get("subject_text"), m.attrs["attribution"], bool(m.attrs.get("is_batch_total")))
            for m in extract_article(text, starts) if m.mention_type == "amount"]


# text, [(amount, subject_text, attribution, is_batch_total)]
SUBJECT_CASES = [
    # clause: the name before the amount in its clause (其中X项目总投资…)
    ("会上共签约12个项目。其中，星河电池项目总投资8亿元。",
     [("8亿元", "星河电池项目", "clause", False)]),
    # clause: a name ending in 项目 right before the cue, with no event of its own
    ("云帆智能装备项目总投资6.5亿元，占地120亩。",
     [("6.5亿元", "云帆智能装备项目", "clause", False)]),
    # clause: the name right after 的 (总投资X的Y项目)
    ("会上，总投资12亿元的星岚精密制造项目正式开工。",
     [("12亿元", "星岚精密制造项目", "clause", False)]),
    # clause: what the money builds (X投资2亿元设立Y基地)
    ("星海科技公司投资2亿元设立高端传感器研发基地",
     [("2亿元", "高端传感器研发基地", "clause", False)]),
    # enumeration: each amount opens its own list item
    ("总投资25亿元的星岚新材料、总投资10亿元的云帆门窗等项目已成功落户园区。",
     [("25亿元", "星岚新材料项目", "enumeration", False), ("10亿元", "云帆门窗项目", "enumeration", False)]),
    # enumeration: one amount for two named projects is a total of both, on neither
    ("星岚电池项目和云帆物流项目总投资30亿元。",
     [("30亿元", "星岚电池项目和云帆物流项目", "enumeration", True)]),
    # batch: the count the sentence states before the amount (涉及总投资…)
    ("会上，12个项目集中签约，涉及总投资50亿元。",
     [("50亿元", "12个项目", "batch", True)]),
    # batch: the nearest count, not the first: a sub-batch after 其中
    ("本次签约项目共30个，总投资120亿元，其中外资项目8个，总投资5亿美元。",
     [("120亿元", "本次签约项目共30个", "batch", True), ("5亿美元", "外资项目8个", "batch", True)]),
    # batch: counts listed after 包括 are the items, not the set the total belongs to
    ("集中开工的项目共15个，包括6个产业项目和9个民生项目，计划总投资80亿元。",
     [("80亿元", "集中开工的项目共15个", "batch", True)]),
    # sentence: the sentence's topic, not the park named as its place
    ("星河医药产业园位于云岭经济开发区内，占地200亩，总投资约7亿元。",
     [("约7亿元", "星河医药产业园", "sentence", False)]),
    # sentence: a sentence opening with 项目 refers to the subject of the one before
    ("云帆变速箱项目总投资20亿元。项目达产后年产值40亿元，利税超6亿元。",
     [("20亿元", "云帆变速箱项目", "clause", False), ("40亿元", "云帆变速箱项目", "sentence", False),
      ("超6亿元", "云帆变速箱项目", "sentence", False)]),
    # sentence: a sentence opening with a project's name gives it its topic
    ("其中，星河医院新建项目，将新增床位500张，总投资约5亿元。",
     [("约5亿元", "星河医院新建项目", "sentence", False)]),
    # a regional statistic: the region named before the amount in its clause
    ("第一季度，海门完成固定资产投资80亿元，同比增长5%。云帆产业园开园。",
     [("80亿元", "海门", "clause", False)]),
    # none: nothing in the clause or sentence owns the amount (never the article's first project)
    ("云帆产业园开园。据悉，全年累计完成投资80亿元。",
     [("80亿元", None, "none", False)]),
    # a semicolon ends a list item: each item's name is its own topic
    ("代表性项目有：星河轮毂项目，总投资10亿元；云帆纸业项目，总投资6亿元。",
     [("10亿元", "星河轮毂项目", "sentence", False), ("6亿元", "云帆纸业项目", "sentence", False)]),
    # 该项目 refers to one project, never to the batch named before
    ("会上，20个项目集中开工，总投资80亿元。其中星河橡胶产业园项目开工。该项目由星河公司投资建设，计划总投资12亿元。",
     [("80亿元", "20个项目", "batch", True), ("12亿元", "星河橡胶产业园项目", "sentence", False)]),
    # sentence: 园区 at a sentence's start refers to the park named before
    ("星河科创城今天开园。园区将向200亿元产出规模迈进。",
     [("200亿元", "星河科创城", "sentence", False)]),
    # clause: a thing the amount is (消费券, 产业基金) is its own subject
    ("活动现场发放5000万元消费券。",
     [("5000万元", "消费券", "clause", False)]),
    # clause: the investor's park (海门拿出6000万元建设资金共建一个产业园 -> the park named after 海门)
    ("海门如皋工业园区开园。海门首期拿出6000万元建设资金共建一个产业园。",
     [("6000万元", "海门如皋工业园区", "clause", False)]),
    # sentence: a statistic of a set of a region's parks of a kind belongs to that set, not to the region
    ("力争到2025年，嘉善县特色产业园区总量达到20个以上，产值超500亿元。",
     [("超500亿元", "嘉善县特色产业园区", "sentence", False)]),
    ("到2025年，海宁省级重点工业园区总量达到30个，产值超800亿元。",
     [("超800亿元", "海宁省级重点工业园区", "sentence", False)]),
    # ... but a region before the amount in its own clause is its subject
    ("嘉善县特色产业园区达到20个，嘉善县工业产值超500亿元。",
     [("超500亿元", "嘉善县", "clause", False)]),
    # an investment-size bin is its own subject
    ("签约项目30个，其中10亿元以上项目8个。",
     [("10亿元以上", "10亿元以上项目", "clause", False)]),
]


@pytest.mark.parametrize(("text", "expected"), SUBJECT_CASES)
def test_amount_subjects(text: str, expected: list[tuple]) -> None:
    assert subjects(text) == expected
