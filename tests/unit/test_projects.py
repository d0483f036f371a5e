"""Project rules: named projects, parks as projects, batches, background, agreements."""

from __future__ import annotations

import pytest

from ingest.extract import extract_article


def projects(text: str) -> list[tuple[str, str]]:
    return [(m.normalized, m.kind) for m in extract_article(text, [0])
            if m.mention_type == "project" and not m.attrs["is_batch"]]


def batches(text: str) -> list[tuple[int, str]]:
    return [(m.attrs["project_count"], m.kind) for m in extract_article(text, [0])
            if m.mention_type == "project" and m.attrs["is_batch"]]


@pytest.mark.parametrize(("text", "expected"), [
    ("今天下午，宁波前湾新区新能源汽车零部件项目在杭州湾开工。", [("宁波前湾新区新能源汽车零部件项目", "started")]),
    ("会上，长鑫存储二期项目签约落户合肥。", [("长鑫存储二期项目", "signed")]),
    ("包括：甲乙电子研发总部项目、丙丁医药生产基地项目等。", []),
    ("会上进行了总部类项目签约。包括：甲乙电子研发总部项目、丙丁医药生产基地项目等。",
     [("甲乙电子研发总部项目", "signed"), ("丙丁医药生产基地项目", "signed")]),
    ("“长三角数字经济服务基地嘉兴分中心”揭牌。", [("长三角数字经济服务基地嘉兴分中心", "unveiled")]),
    ("进行了“沪苏同城合作类项目”签约。", []),
    ("位于徐州的惠山贾汪工业园区揭牌。", [("惠山贾汪工业园区", "unveiled")]),
    ("南通高新区智能制造产业园正式开园。", [("南通高新区智能制造产业园", "opened")]),
    ("对光电产业园、生命健康产业园进行授牌。", []),
    ("常熟绿洲芯城开园。常熟绿洲芯城于2021年7月17日正式奠基。", [("常熟绿洲芯城", "opened")]),
    ("温州(嘉定)科技创新园自2019年12月16日开园以来，吸引企业入驻。", []),
    ("全力打造湖州(上海)科创飞地。", [("湖州(上海)科创飞地", "planned")]),
    ("双方签署战略合作框架协议。", []),
    ("三方共同签署了科创园区战略协议。", []),
    ("已达成飞腾激光等一批投资意向项目。", [("飞腾激光投资意向项目", "signed")]),
    ("江苏甲乙重工科技有限公司在惠山耕耘多年，马上签下了投资意向。",
     [("江苏甲乙重工科技有限公司投资意向项目", "signed")]),
    ("全球龙头企业丙丁科技集团扩大布局，选择把投资2亿美元的总部项目建在嘉善。",
     [("丙丁科技集团总部项目", "settled")]),
    ("这些合作签约项目覆盖多个领域。", []),
    ("推进创新创业成果转化和项目孵化。", []),
    ("建立企业研发中心23个，入驻率达到79%。", []),
    ("温州(嘉定)科技创新园二期项目开工，温州(嘉定)科创园二期将打造社区型产业园。",
     [("温州(嘉定)科技创新园二期项目", "started")]),
    ("42个合作项目签约落地。", []),
    ("华为研发中心落户青浦。", [("华为研发中心", "settled")]),
    ("中日韩(江苏)产业合作示范园区发布。", [("中日韩(江苏)产业合作示范园区", "other")]),
])
def test_named_projects(text: str, expected: list[tuple[str, str]]) -> None:
    assert projects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("会上，昆山14个特色专业创新园区集中开工，总投资292.6亿元。", [(14, "started")]),
    ("42个特色专业创新园区合作项目签约落地。", [(42, "signed")]),
    ("推介会上进行了8个“科技类项目”签约、7个“产业类项目”签约。", [(8, "signed"), (7, "signed")]),
    ("一批投资意向项目签约。", []),
    ("一大批园区入驻企业现场签约。", []),
    ("对首批20家特色专业创新园区授牌。", []),
    ("12个重大项目集中竣工投产。", [(12, "produced")]),  # a compound trigger: its final state (投产)
    ("12个重大项目集中签约开工。", [(12, "other")]),  # two events side by side: mixed (dev README)
    ("计划新建5个产业园。", []),
    ("全市共有30个项目。", []),
    ("当天，26个项目集中落户，总投资达318亿元。", [(26, "settled")]),
])
def test_batches_need_a_stated_count(text: str, expected: list[tuple[int, str]]) -> None:
    assert batches(text) == expected


def test_amount_in_a_batch_clause_is_a_batch_total() -> None:
    text = "会上，14个园区集中开工，总投资292.6亿元。"
    amount = next(m for m in extract_article(text, [0]) if m.mention_type == "amount")
    assert amount.attrs["is_batch_total"] is True


@pytest.mark.parametrize(("text", "expected"), [
    # category and evaluative nouns with 项目 are no named projects
    ("2024年重大项目集中开工仪式举行。", []),
    ("扩大有效投资重大项目集中开工。", []),
    ("会上，一批重点项目签约。", []),
    ("嘉禾市重大产业项目集中签约。", []),
    ("当地面板项目开工建设。", []),
    ("这是当地引进的产业化项目之一，今年开工。", []),
    ("科技人才项目、金融项目同时签约。", []),
    ("全力抓项目、促投产。", []),
    # a name cut at a join word or a capacity number keeps its whole name
    ("会上，海澜智造及配套研发项目签约。", [("海澜智造及配套研发项目", "signed")]),
    ("星擎航空动力装备研发与产业化项目签约。", [("星擎航空动力装备研发与产业化项目", "signed")]),
    ("星河纸业年产8万吨特种纸项目开工。", [("星河纸业年产8万吨特种纸项目", "started")]),
    ("平台将服务于技术交流、资本对接和项目孵化。", []),
    # head-less members of an enumeration governed by one event
    ("会上，集中签约的项目有：星岚研究院、云帆物流基地、启航小镇。",
     [("星岚研究院", "signed"), ("云帆物流基地", "signed"), ("启航小镇", "signed")]),
    ("会上12个项目签约。这些项目分别是星岚研究院、云帆物流基地、启航小镇等。",
     [("星岚研究院", "signed"), ("云帆物流基地", "signed"), ("启航小镇", "signed")]),
    ("已有星岚科技、云帆物流、启航智能等14家科技型企业入驻。",
     [("星岚科技入驻项目", "settled"), ("云帆物流入驻项目", "settled"), ("启航智能入驻项目", "settled")]),
    ("会上，星岚汽车、云帆航天、启航饮片等外地项目集中签约。",
     [("星岚汽车项目", "signed"), ("云帆航天项目", "signed"), ("启航饮片项目", "signed")]),
    # a project with no trigger of its own takes the event of its batch
    ("全市新签约项目40个。\n从新签约项目看，浏阳2个，分别是总投资9亿元的远山文化综合开发项目和总投资6亿元的星河物流园项目。",
     [("远山文化综合开发项目", "signed"), ("星河物流园项目", "signed")]),
    # a park that is itself opened or unveiled is a project; a park that is only the venue is not
    ("星河智造产业园正式开园。", [("星河智造产业园", "opened")]),
    ("云帆科创飞地揭牌。", [("云帆科创飞地", "unveiled")]),
    ("签约仪式在星河智造产业园举行，云帆电池项目签约。", [("云帆电池项目", "signed")]),
    ("该园区推广屋顶光伏，打造零碳示范园区。", []),
    ("园区坚持高质量发展，打造一流产业园区。", []),
])
def test_named_projects_on_real_text_patterns(text: str, expected: list[tuple[str, str]]) -> None:
    assert projects(text) == expected
