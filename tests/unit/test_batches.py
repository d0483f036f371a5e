"""Batch rules on invented sentences: counts before or after the noun, enterprises, sub-batches
by category and place, cumulative and plan counts, mixed events, bins, restated counts."""

from __future__ import annotations

import pytest

from ingest.extract import extract_article
from ingest.extract.quantities import extract_counts


def batches(text: str) -> list[tuple[int, str]]:
    return [(m.attrs["project_count"], m.kind) for m in extract_article(text, [0])
            if m.mention_type == "project" and m.attrs["is_batch"]]


@pytest.mark.parametrize(("text", "expected"), [
    # the count written after the noun
    ("当天，签约项目19个，总投资181亿元。", [(19, "signed")]),
    ("会上，签约项目共67个，协议总投资432.5亿元。", [(67, "signed")]),
    ("今年以来，园区新签约项目达106个。", [(106, "signed")]),
    ("全区集中开工项目10个，总投资209亿元。", [(10, "started")]),
    ("洽谈会期间，共签约项目30个。", [(30, "signed")]),
    ("集中开工项目合计15个，总投资80亿元。", [(15, "started")]),
    ("本次集中开工项目共132个，总投资2287亿元。", [(132, "started")]),
    ("集中开工的建设项目共21个。", [(21, "started")]),
    ("此次集中开工的项目共有五个。", [(5, "started")]),
    ("拟签约项目10个，总投资153.9亿元。", [(10, "signed")]),
    # the trigger before or after the count
    ("本次集中签约的项目共12个。", [(12, "signed")]),
    ("集中签约的24个重点项目总投资50亿元。", [(24, "signed")]),
    ("会上，133个项目集中签约。", [(133, "signed")]),
    ("成功签约35个项目，总投资额超150亿元。", [(35, "signed")]),
    ("此次将会有 24 个首位产业项目在会上签约。", [(24, "signed")]),
    # enterprises and agreements
    ("8家企业集中入驻星河科创园。", [(8, "settled")]),
    ("星岚电子、云帆物流等14家科技型企业入驻。", [(14, "settled")]),
    ("园区已招引企业36家。", [(36, "settled")]),
    ("全市新设外商投资企业11家。", [(11, "settled")]),
    ("两地签署11个战略合作协议。", [(11, "signed")]),
    ("这两个飞地已累计吸引30多个团队和企业入驻。", [(30, "settled")]),
    # sub-batches by category, county or platform inherit the event of their set
    ("签约项目共67个，其中外资项目49个，内资项目18个。", [(67, "signed"), (49, "signed"), (18, "signed")]),
    ("会上，35个项目签约，包括9个产业项目、4个人才项目。", [(35, "signed"), (9, "signed"), (4, "signed")]),
    ("本次开工项目共120个。\n其中产业类项目70个，总投资300亿元。", [(120, "started"), (70, "started")]),
    ("全市新签约项目76个。从签约项目总数来看，定远14个，凤阳13个，琅琊1个。",
     [(76, "signed"), (14, "signed"), (13, "signed")]),
    ("全市新开工项目30个。从开工项目看，明光、来安、凤阳各3个。",
     [(30, "started"), (3, "started"), (3, "started"), (3, "started")]),
    ("全市签约项目40个。各平台中，市开发区8个，星河产业园3个。", [(40, "signed"), (8, "signed"), (3, "signed")]),
    ("舟山的11个签约项目中，已落地开工8个。", [(11, "signed"), (8, "started")]),
    # cumulative and plan counts
    ("园区累计引进项目23个。", [(23, "settled")]),
    ("今年以来共引进项目72个，总投资39.1亿元。", [(72, "settled")]),
    ("今年全区年度计划开工项目33个。", [(33, "planned")]),
    ("全市440个市重点建设项目加快推进。", [(440, "planned")]),
    ("年度重点项目120项已全部明确责任单位。", [(120, "planned")]),
    # status counts
    ("全区规上工业企业315家全部实现复工复产。", [(315, "other")]),
    ("园区规上企业总数达到22家。", [(22, "other")]),
    ("新增注册项目1842个。", [(1842, "other")]),
    # mixed events
    ("120个重点项目集中签约、开工。", [(120, "other")]),
    ("62个重大项目集中开竣工。", [(62, "other")]),
    ("参加此次集中签约、开工项目共30个。", [(30, "other")]),
    # settling goes with the event it names
    ("15家企业与星河创新园进行入驻集中签约。", [(15, "signed")]),
    ("现场签约科创飞地入驻项目8个。", [(8, "signed")]),
    ("马上又有两个项目要签约入驻。", [(2, "signed")]),
    # not batches
    ("一批投资意向项目签约。", []),
    ("迎江区1个项目集中开工。", []),
    ("计划引进企业500-800家。", []),
    ("实行“三个一批”重大项目推进机制，开工建设。", []),
    ("星河大厦19栋生产研发及企业总部楼宇竣工。", []),
    ("园区率先建立了6个共建园区。", []),
])
def test_batches(text: str, expected: list[tuple[int, str]]) -> None:
    assert batches(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # investment-size bins are amounts, not batches; the set they break down stays
    ("签约项目30个，其中10亿元以上项目8个。", [(30, "signed")]),
    ("全市新签约项目76个，其中1-5亿元项目21个，5至10亿元项目有5个。", [(76, "signed")]),
    ("全市新签约亿元项目413个。其中，1-5亿元311个，5-10亿元51个。", [(413, "signed")]),
    ("在37个新开工项目中，亿元以上项目有9个。", [(37, "started")]),
    ("共签约项目30个，其中百亿以上项目4个。", [(30, "signed")]),
    ("当天签约项目20个，超10亿元项目8个。", [(20, "signed")]),
    # a size word that only describes the whole set is no bin
    ("今年亿元以上新签约工业项目119个。", [(119, "signed")]),
    ("全市新签约亿元项目413个，协议投资总额2154亿元。", [(413, "signed")]),
    # a by-place count inside a bin stays when it is 2 or more
    ("9个亿元以上开工项目中，天长3个，全椒2个，明光1个。", [(9, "started"), (3, "started"), (2, "started")]),
])
def test_size_bins_are_not_batches(text: str, expected: list[tuple[int, str]]) -> None:
    assert batches(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a count stated twice for the same set is listed once
    ("70个重大项目集中开工。据悉，全市共有70个项目在此次仪式上集中开工。", [(70, "started")]),
    ("全市新签约项目76个。在76个新签约项目中，10亿元以上项目达到8个。", [(76, "signed")]),
    ("现场共签约工业项目15个。现场共签约工业项目15个，协议总投资134.5亿元。", [(15, "signed")]),
    # different places with the same count are different sets
    ("全市签约项目30个，定远2个，凤阳2个。", [(30, "signed"), (2, "signed"), (2, "signed")]),
])
def test_restated_counts(text: str, expected: list[tuple[int, str]]) -> None:
    assert batches(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an ASCII comma after a word is punctuation: the number after it is read
    ("签约,共有9个项目", [(9.0, "项目")]),
    ("仪式拉开帷幕,133个项目集中签约", [(133.0, "项目")]),
    ("共有2,000家企业", [(2000.0, "企业")]),
    ("两大项目相继揭牌", [(2.0, "项目")]),
    ("瓯江口三项目今天开工", [(3.0, "项目")]),
    ("2023项目集中开工", []),
    ("签约项目共67个,其中外资项目49个", [(67.0, "签约项目"), (49.0, "外资项目")]),
    ("企业总数达到22家", [(22.0, "企业")]),
])
def test_counts(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(m.value, m.attrs["counted"]) for m in extract_counts(text)] == expected
