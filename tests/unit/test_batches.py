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
    ("当天，签约项目17个，总投资96亿元。", [(17, "signed")]),
    ("会上，签约项目共58个，协议总投资211.4亿元。", [(58, "signed")]),
    ("今年以来，园区新签约项目达93个。", [(93, "signed")]),
    ("全区集中开工项目13个，总投资87亿元。", [(13, "started")]),
    ("推介会期间，共签约项目27个。", [(27, "signed")]),
    ("集中开工项目合计15个，总投资80亿元。", [(15, "started")]),
    ("本次集中开工项目共141个，总投资1730亿元。", [(141, "started")]),
    ("集中开工的建设项目共26个。", [(26, "started")]),
    ("此次集中开工的项目共有七个。", [(7, "started")]),
    ("拟签约项目16个，总投资64.2亿元。", [(16, "signed")]),
    # the trigger before or after the count
    ("本次集中签约的项目共12个。", [(12, "signed")]),
    ("集中签约的31个重点项目总投资75亿元。", [(31, "signed")]),
    ("会上，118个项目集中签约。", [(118, "signed")]),
    ("成功签约44个项目，总投资额超120亿元。", [(44, "signed")]),
    ("此次将会有 19 个首位产业项目在会上签约。", [(19, "signed")]),
    # enterprises and agreements
    ("8家企业集中入驻星河科创园。", [(8, "settled")]),
    ("星岚电子、云帆物流等17家科技型企业入驻。", [(17, "settled")]),
    ("园区已招引企业41家。", [(41, "settled")]),
    ("全市新设外商投资企业13家。", [(13, "settled")]),
    ("两地签署7个战略合作协议。", [(7, "signed")]),
    ("三个孵化器已累计吸引40多个团队和企业入驻。", [(40, "settled")]),
    # sub-batches by category, county or platform inherit the event of their set
    ("签约项目共58个，其中外资项目21个，内资项目37个。", [(58, "signed"), (21, "signed"), (37, "signed")]),
    ("会上，28个项目签约，包括12个产业项目、5个人才项目。", [(28, "signed"), (12, "signed"), (5, "signed")]),
    ("本次开工项目共120个。\n其中产业类项目70个，总投资300亿元。", [(120, "started"), (70, "started")]),
    ("全市新签约项目64个。从签约项目总数来看，浏阳19个，醴陵11个，攸县1个。",
     [(64, "signed"), (19, "signed"), (11, "signed")]),
    ("全市新开工项目30个。从开工项目看，浏阳、醴陵、攸县各3个。",
     [(30, "started"), (3, "started"), (3, "started"), (3, "started")]),
    ("全市签约项目40个。各平台中，市开发区8个，星河产业园3个。", [(40, "signed"), (8, "signed"), (3, "signed")]),
    ("岱山的13个签约项目中，已落地开工6个。", [(13, "signed"), (6, "started")]),
    # cumulative and plan counts
    ("园区累计引进项目23个。", [(23, "settled")]),
    ("今年以来共引进项目66个，总投资28.3亿元。", [(66, "settled")]),
    ("今年全区年度计划开工项目29个。", [(29, "planned")]),
    ("全市380个市重点建设项目加快推进。", [(380, "planned")]),
    ("年度重点项目120项已全部明确责任单位。", [(120, "planned")]),
    # status counts
    ("全区规上工业企业268家全部实现复工复产。", [(268, "other")]),
    ("园区规上企业总数达到27家。", [(27, "other")]),
    ("新增注册项目1530个。", [(1530, "other")]),
    # mixed events
    ("120个重点项目集中签约、开工。", [(120, "other")]),
    ("57个重大项目集中开竣工。", [(57, "other")]),
    ("参加此次集中签约、开工项目共30个。", [(30, "other")]),
    # settling goes with the event it names
    ("12家企业与星河创新园进行入驻集中签约。", [(12, "signed")]),
    ("现场签约孵化器入驻项目9个。", [(9, "signed")]),
    ("马上又有两个项目要签约入驻。", [(2, "signed")]),
    # not batches
    ("一批投资意向项目签约。", []),
    ("迎江区1个项目集中开工。", []),
    ("计划引进企业500-800家。", []),
    ("实行“四个一流”重大项目推进机制，开工建设。", []),
    ("星河大厦12栋研发及企业总部楼宇竣工。", []),
    ("两地率先建立了4个共建园区。", []),
])
def test_batches(text: str, expected: list[tuple[int, str]]) -> None:
    assert batches(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # investment-size bins are amounts, not batches; the set they break down stays
    ("签约项目30个，其中10亿元以上项目8个。", [(30, "signed")]),
    ("全市新签约项目52个，其中1-5亿元项目30个，5至10亿元项目有6个。", [(52, "signed")]),
    ("全市新签约亿元项目260个。其中，1-5亿元190个，5-10亿元44个。", [(260, "signed")]),
    ("在45个新开工项目中，亿元以上项目有6个。", [(45, "started")]),
    ("共签约项目30个，其中百亿以上项目4个。", [(30, "signed")]),
    ("当天签约项目20个，超10亿元项目8个。", [(20, "signed")]),
    # a size word that only describes the whole set is no bin
    ("今年亿元以上新签约工业项目88个。", [(88, "signed")]),
    ("全市新签约亿元项目260个，协议投资总额1320亿元。", [(260, "signed")]),
    # a by-place count inside a bin stays when it is 2 or more
    ("6个亿元以上开工项目中，浏阳3个，醴陵2个，攸县1个。", [(6, "started"), (3, "started"), (2, "started")]),
])
def test_size_bins_are_not_batches(text: str, expected: list[tuple[int, str]]) -> None:
    assert batches(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a count stated twice for the same set is listed once
    ("63个重大项目集中开工。据悉，全市共有63个项目在此次仪式上集中开工。", [(63, "started")]),
    ("全市新签约项目52个。在52个新签约项目中，10亿元以上项目达到8个。", [(52, "signed")]),
    ("现场共签约工业项目18个。现场共签约工业项目18个，协议总投资77.6亿元。", [(18, "signed")]),
    # different places with the same count are different sets
    ("全市签约项目30个，浏阳2个，醴陵2个。", [(30, "signed"), (2, "signed"), (2, "signed")]),
])
def test_restated_counts(text: str, expected: list[tuple[int, str]]) -> None:
    assert batches(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an ASCII comma after a word is punctuation: the number after it is read
    ("签约,共有9个项目", [(9.0, "项目")]),
    ("仪式举行,118个项目集中签约", [(118.0, "项目")]),
    ("共有2,000家企业", [(2000.0, "企业")]),
    ("两大项目相继揭牌", [(2.0, "项目")]),
    ("星河湾三项目今天开工", [(3.0, "项目")]),
    ("2023项目集中开工", []),
    ("签约项目共58个,其中外资项目21个", [(58.0, "签约项目"), (21.0, "外资项目")]),
    ("企业总数达到27家", [(27.0, "企业")]),
])
def test_counts(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(m.value, m.attrs["counted"]) for m in extract_counts(text)] == expected
