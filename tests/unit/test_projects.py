"""Project rules: named projects, parks as projects, batches, background, agreements."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.extract import extract_article


def projects(text: str) -> list[tuple[str, str]]:
    """The events an article reports anew (background milestones left out)."""
    return [(m.normalized, m.kind) for m in extract_article(text, [0])
            if m.mention_type == "project" and not m.attrs["is_batch"] and not m.attrs.get("background")]


def milestones(text: str) -> list[tuple[str, str, str, bool, str | None]]:
    """Every single project event, background milestones included: name, event type, trigger,
    is_background and the milestone's own date."""
    return [(m.normalized, str(m.kind), str(m.attrs["trigger"]), bool(m.attrs.get("background")),
             m.attrs.get("clause_date"))
            for m in extract_article(text, [0], dt.date(2023, 6, 20))
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
    ("星湾智造产业园开园。星湾智造产业园于2020年5月9日正式奠基。", [("星湾智造产业园", "opened")]),
    ("云帆(星湾)科技创新园自2018年10月8日开园以来，吸引企业入驻。", []),
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
    ("园区将强化要素保障，推动更多优质项目早落地、早投产。", []),
    ("吸引众多优质项目落户星湾。", []),
    ("会上签约了星岚集团城市更新项目。", [("星岚集团城市更新项目", "signed")]),
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



@pytest.mark.parametrize(("text", "expected"), [
    # a name in a list slot keeps the whole slot, though jieba cuts an unknown company apart
    ("本月签约的项目包括青禾电池项目、浙江奋进农资物流项目等。",
     [("青禾电池项目", "signed"), ("浙江奋进农资物流项目", "signed")]),
    ("新签约项目两个，分别为计划投资7亿元的腾飞生物科技糖浆生产项目和计划投资2亿元的墨川光电项目。",
     [("腾飞生物科技糖浆生产项目", "signed"), ("墨川光电项目", "signed")]),
    ("开工项目两个，分别是计划投资6亿元的三江传感器与储能生产基地、计划投资2亿元的澜舟纸业项目。",
     [("三江传感器与储能生产基地", "started"), ("澜舟纸业项目", "started")]),
    ("签约项目四个，其一为投资9亿元的青禾微电子封装&智能电器制造项目。",
     [("青禾微电子封装&智能电器制造项目", "signed")]),
    ("墨川电子商务产业园项目和浙江奋进农资物流项目同日开工。",
     [("墨川电子商务产业园项目", "started"), ("浙江奋进农资物流项目", "started")]),
    ("重点推介项目：澜州中高端新能源客车项目，投资31亿元，年内开工。",
     [("澜州中高端新能源客车项目", "started")]),
    ("另签约项目一个，为总投资16亿元的青禾新能源热管理系统及电池箱研发、生产项目。",
     [("青禾新能源热管理系统及电池箱研发、生产项目", "signed")]),
    ("另签约项目一个，为总投资4亿元的澜舟电子研发、生产、销售项目。", [("澜舟电子研发、生产、销售项目", "signed")]),
    # a slot that reads as a clause or a size class keeps the jieba walk
    ("会上签约星岚电池项目、加快推进云帆电池项目。", [("星岚电池项目", "signed"), ("云帆电池项目", "signed")]),
    ("其中，墨川公路北延段、澜舟商业大厦项目参加集中开工。", [("澜舟商业大厦项目", "started")]),
    ("全年新签约亿元以上项目57个、50亿元以上工业大项目3个。", []),
    ("签约项目共有7个、20亿元以上工业项目实现全覆盖。", []),
    # a project head with a count after it names a sub-batch, not a project
    ("集中签约的项目共19个，分别是青禾产业园项目7个、东湖B地块项目8个、墨川科技产业园项目4个。", []),
    ("一季度，青禾镇新登记注册项目530个，引进重点项目23个。", []),
    ("其中盘活闲置厂房改造项目11个，总投资47亿元，今年签约。", []),
])
def test_project_names_in_list_slots(text: str, expected: list[tuple[str, str]]) -> None:
    assert projects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a list after "项目有N个，包括" or "N个园区，分别是": every member is a project
    ("本周开工的重点项目有4个，包括青禾算力中心项目、墨川检测实验室、澜舟海洋科创中心等。",
     [("青禾算力中心项目", "started"), ("墨川检测实验室", "started"), ("澜舟海洋科创中心", "started")]),
    ("去年共揭牌两个园区，分别是青禾现代产业园、墨川科创产业园。",
     [("青禾现代产业园", "unveiled"), ("墨川科创产业园", "unveiled")]),
    # a member's descriptor (…的, …企业) is not part of its name
    ("9个项目开工，其中的民生项目，包括缓解城区拥堵的青禾快速路工程、提升供水能力的墨川水厂工程等。",
     [("青禾快速路工程", "started"), ("墨川水厂工程", "started")]),
    ("这次签约的澜舟电商、跨境物流龙头企业青禾优选、墨川研究总院等项目，总投资12亿元。",
     [("澜舟电商项目", "signed"), ("青禾优选项目", "signed"), ("墨川研究总院项目", "signed")]),
    ("截至目前，总投资6亿元的澜舟新材料、总投资3亿元的青禾门业等项目已落户。",
     [("澜舟新材料项目", "settled"), ("青禾门业项目", "settled")]),
    ("这次签约的项目既有墨川汽车、澜舟航天等新引进项目，也有增资项目。",
     [("墨川汽车项目", "signed"), ("澜舟航天项目", "signed")]),
    ("本次开工的青禾生命科技园、墨川车联网测试基地、澜舟风电塔筒产业化建设等项目，涵盖多个方向。",
     [("青禾生命科技园", "started"), ("墨川车联网测试基地", "started"), ("澜舟风电塔筒产业化建设项目", "started")]),
    # a list of industries is no list of projects; the works listed with them are
    ("这批项目集中开工。其中有新能源、新材料、现代医药等新兴产业项目，也有物流、文旅等项目。", []),
    ("签约项目覆盖集成电路、新能源汽车、生物医药、现代服务业等项目41个，总投资90亿元。", []),
    ("这批项目同日开工，还包括青禾滨江绿道工程、墨川大桥拓宽工程、澜舟水厂扩建工程等基础设施类项目。",
     [("青禾滨江绿道工程", "started"), ("墨川大桥拓宽工程", "started"), ("澜舟水厂扩建工程", "started")]),
    ("园区还引进物流、文旅、金融、总部经济等项目。", []),
    ("本月，青禾电子、墨川制剂基地等生物医药项目签约。", [("青禾电子项目", "signed"), ("墨川制剂基地", "signed")]),
])
def test_enumerated_members(text: str, expected: list[tuple[str, str]]) -> None:
    assert projects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a list of the functions a place combines names no projects
    ("该项目将建成集研发设计、检验检测、企业总部和仓储配送等功能于一体的产业社区。", []),
    ("力争打造融合技术研发、企业总部、展示交易功能于一体的产业高地。", []),
    # a 、 joins the words of one name, not two listed names or two clauses
    ("青禾集团将通过深化产业协同、优化营商环境、加强项目服务等举措推动落户。", []),
])
def test_lists_that_name_no_projects(text: str, expected: list[tuple[str, str]]) -> None:
    assert projects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a park that is only the venue of an event is no project
    ("由青禾集团投资的墨川冷链仓储项目在澜湾经济开发区举行开工仪式。", [("墨川冷链仓储项目", "started")]),
    ("日前，青禾协同中心揭牌仪式在墨川科创园内举行。", [("青禾协同中心", "unveiled")]),
    ("当天，澜湾高新区举行二季度重大产业项目集中开工活动。", []),
    # a park that holds its own opening is a project
    ("9月3日，青禾未来产业园(简称青禾园)举行开园仪式。", [("青禾未来产业园", "opened")]),
    # no event when the clause negates it
    ("市高铁新区、青禾现代产业园等载体本月均未申报新开工项目。", []),
    # a park inside a document title is no project
    ("新近出台的《澜湾新区发展三年行动规划》提出，要建设青禾创新园。", []),
    # a park that opens the name of what is unveiled is no project of its own
    ("仪式上，澜湾新区人才服务中心墨川分中心也正式揭牌。", [("澜湾新区人才服务中心墨川分中心", "unveiled")]),
    # generic bodies: a place and an evaluation, a phase only, a count cut by jieba
    ("昨天上午，青禾新城重大项目集中签约仪式举行。", []),
    ("项目按两期建设，其中二期项目年内签约。", []),
    ("计划总投资208亿元的67个重大产业及配套项目同日开工。", []),
    ("一次性签下9个苏浙合作项目。", []),
    ("在沪苏合作项目签约环节，青禾港湾项目参与签约。", [("青禾港湾项目", "signed")]),
    ("签约的项目以制造业、总部项目、人才项目为主。", []),
    ("智能装备产业园一期C区重点建设项目集中开工。", []),
    # a particle is never the first character of a name
    ("这次签约的苏岚现代产业园项目，由青禾集团建设运营。", [("苏岚现代产业园项目", "signed")]),
])
def test_parks_venues_and_generic_bodies(text: str, expected: list[tuple[str, str]]) -> None:
    assert projects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # facilities named right before their trigger, alone or listed
    ("青禾国际仲裁中心、墨川商学院先后开业，澜舟大学青禾中心正式落地。",
     [("青禾国际仲裁中心", "opened"), ("墨川商学院", "opened"), ("澜舟大学青禾中心", "settled")]),
    ("本次落户澜湾的指挥部将助推轨道建设。", []),
    ("仪式开始，青禾轨道工程建设指挥部、墨川集团(华东)总部两大项目先后揭牌。",
     [("青禾轨道工程建设指挥部", "unveiled"), ("墨川集团(华东)总部", "unveiled")]),
    # companies that are the subject of 入驻/落户 are constructed projects
    ("截至目前，浙江青禾储能公司和墨川精密科技公司已入驻园区。",
     [("浙江青禾储能公司入驻项目", "settled"), ("墨川精密科技公司入驻项目", "settled")]),
    ("青禾智能装备有限公司正式落户澜湾。", [("青禾智能装备有限公司入驻项目", "settled")]),
    ("公司负责人说，企业已入驻园区。", []),
    # representatives of a batch and members right after their trigger
    ("当天，以青禾微电子有限公司、墨川机械(苏州)有限公司为代表的一批企业集中签约。",
     [("青禾微电子有限公司项目", "signed"), ("墨川机械(苏州)有限公司项目", "signed")]),
    ("今年，澜湾市已签约落地青禾车灯、墨川芯片、澜舟光学等",
     [("青禾车灯项目", "signed"), ("墨川芯片项目", "signed"), ("澜舟光学项目", "signed")]),
    ("园区引进了人才、资金、技术等要素。", []),
    ("园区将为人才集聚、成果转化和项目孵化提供平台，已有企业入驻。", []),
])
def test_facilities_companies_and_representatives(text: str, expected: list[tuple[str, str]]) -> None:
    assert projects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a list after 分别是 takes the event of the sentence before when its own has none
    ("目前，六家共建园区已全部挂牌。\n在与澜湾共建方面，共建3个园区，分别是青禾现代产业园、墨川科创产业园以及澜舟合作产业园。",
     [("青禾现代产业园", "unveiled"), ("墨川科创产业园", "unveiled"), ("澜舟合作产业园", "unveiled")]),
    ("会上9个项目签约。\n这些项目分别是青禾研究院、墨川物流基地。", [("青禾研究院", "signed"), ("墨川物流基地", "signed")]),
    # a verb right before 项目 acts on projects; no name
    ("今年以来，青禾集团加大项目引进力度，园区落地企业38家。", []),
    ("区长李青禾宣布项目开工。", []),
    ("澜湾区通过基金招商，引导支持产业转移项目落地青禾科创产业园。", []),
    # build verbs name the kind of works
    ("青禾制药整体迁建项目年内投产。", [("青禾制药整体迁建项目", "produced")]),
    ("墨川码头扩建项目加快推进，年内开工。", [("墨川码头扩建项目", "started")]),
    # a bare 研发中心 or 总部 takes the organisation of its own clause only
    ("青禾集团投资6亿元。吸引一批企业到澜湾设立自主研发中心，带动产能落地。", []),
    ("墨川科技有限公司总部落户澜湾。", [("墨川科技有限公司总部", "settled")]),
])
def test_previous_sentence_events_and_verbs(text: str, expected: list[tuple[str, str]]) -> None:
    assert projects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a by-place list: the county, district or zone before each name is its place
    ("一季度竣工工业项目：青禾县澜岳包装材料、墨川县汇帆精密铸件、市经开区启明船用电机等项目。",
     [("澜岳包装材料项目", "completed"), ("汇帆精密铸件项目", "completed"), ("启明船用电机项目", "completed")]),
    ("签约项目：澜湾新区青禾饮品、墨川区岳科环保装备等项目。",
     [("青禾饮品项目", "signed"), ("岳科环保装备项目", "signed")]),
    # an amount before a name opens its slot, with or without 的
    ("签约的项目有市高新区总投资6亿元澜岳储能电池项目。", [("澜岳储能电池项目", "signed")]),
    ("其中不少是社会关心的项目，如青禾片区幼儿园项目、墨川医院新建项目等，年内开工。",
     [("青禾片区幼儿园项目", "started"), ("墨川医院新建项目", "started")]),
    # functions and industries before 总部 or 研发中心 are no names
    ("园区主要承接设计总部、直播电商等新业态，已有企业入驻。", []),
    ("澜湾将推广“研发总部在城区、生产基地在园区”的模式，吸引企业落户。", []),
    ("着力打造澜岳总部、墨川科创园等一批总部经济和产业园项目。",
     [("澜岳总部", "planned"), ("墨川科创园", "planned")]),
    # a park that a locative follows or an event serves is no project
    ("它是澜湾新区内首家建成的数字产业园。", []),
    ("项目投产后将为青禾工业园电子材料基地补上关键一环。", []),
    # generic bodies: 高科技, 一般
    ("计划投资800万元的高科技项目签约落户墨川时尚小镇。", []),
    ("确保一般企业投资项目审批时限压缩到60天，加快规划。", []),
])
def test_by_place_lists_and_function_words(text: str, expected: list[tuple[str, str]]) -> None:
    assert projects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # list slots: more openings and unknown names
    ("签约项目包括：星河电池项目、云帆焕新材料项目。", [("星河电池项目", "signed"), ("云帆焕新材料项目", "signed")]),
    ("开工项目有星岚物流项目；云帆三汇智能装备项目。", [("星岚物流项目", "started"), ("云帆三汇智能装备项目", "started")]),
    ("总投资3亿美元的星岚半导体封测项目签约。", [("星岚半导体封测项目", "signed")]),
    ("会上，总投资8000万元的云帆食品加工项目开工。", [("云帆食品加工项目", "started")]),
    ("星岚纸业项目和云帆博弈包装项目集中签约。", [("星岚纸业项目", "signed"), ("云帆博弈包装项目", "signed")]),
    # counted heads and size classes are no names
    ("新签约项目中，星湾片区项目8个、云帆园区项目5个。", []),
    ("其中，10亿元以上工业项目3个、5亿元以上工业项目6个，均已签约。", []),
    ("签约项目达到20个、总投资超百亿元的项目有3个。", []),
    # enumerations after intros
    ("集中开工的重点项目共有3个，包括星河港项目、云帆大厦、启航学校等。",
     [("星河港项目", "started"), ("云帆大厦", "started"), ("启航学校", "started")]),
    ("此次签约的企业主要有：星岚科技、云帆精密、启航医疗。",
     [("星岚科技项目", "signed"), ("云帆精密项目", "signed"), ("启航医疗项目", "signed")]),
    ("星湾共引进项目12个，主要包括星岚研究院、云帆智造基地。",
     [("星岚研究院", "settled"), ("云帆智造基地", "settled")]),
    # descriptors of members
    ("签约项目包括全球领先的星岚激光研究院、国内首家的云帆检测中心等。",
     [("星岚激光研究院", "signed"), ("云帆检测中心", "signed")]),
    ("会上，行业龙头企业星岚精工、领军企业云帆材料等项目签约。", [("星岚精工项目", "signed"), ("云帆材料项目", "signed")]),
    # lists of industries or functions
    ("签约项目涵盖新材料、生物医药、高端装备等领域。", []),
    ("这些项目集中开工，涉及智能制造、现代物流、文化旅游等项目。", []),
    ("园区建成集研发设计、检验检测、企业总部于一体的综合体。", []),
])
def test_more_list_patterns(text: str, expected: list[tuple[str, str]]) -> None:
    assert projects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # facilities and companies named with their own trigger
    ("星岚国际交易中心正式启用。", [("星岚国际交易中心", "opened")]),
    ("云帆大学星湾研究院、星岚医院相继开工。", [("云帆大学星湾研究院", "started"), ("星岚医院", "started")]),
    ("星湾中心落户星河。", [("星湾中心", "settled")]),
    ("该中心落户星河。", []),
    ("星岚新材料有限公司、云帆电子有限公司已落户园区。",
     [("星岚新材料有限公司入驻项目", "settled"), ("云帆电子有限公司入驻项目", "settled")]),
    ("云帆集团正式入驻星河科创园。", [("云帆集团入驻项目", "settled")]),
    ("以星岚生物、云帆医药为代表的一批企业集中签约。", [("星岚生物项目", "signed"), ("云帆医药项目", "signed")]),
    ("星湾区成功引进星岚动力、云帆芯片等一批项目。", [("星岚动力入驻项目", "settled"), ("云帆芯片入驻项目", "settled")]),
    # parks: venue, own event, locator
    ("开工仪式在星河经济开发区隆重举行，云帆电机项目开工。", [("云帆电机项目", "started")]),
    ("星岚数字产业园举行揭牌仪式。", [("星岚数字产业园", "unveiled")]),
    ("星河高新区内首个建成的云帆科创园开园。", [("云帆科创园", "opened")]),
])
def test_more_facilities_and_parks(text: str, expected: list[tuple[str, str]]) -> None:
    assert projects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a branch named after the division it serves is placed there, at that level
    ("会上，星河数据服务基地嘉兴分中心揭牌。", [("星河数据服务基地嘉兴分中心", "330400")]),
    ("当天，星岚技术转移中心湖州分中心揭牌成立。", [("星岚技术转移中心湖州分中心", "330500")]),
    ("星岚科创服务平台湖州分中心项目签约。", [("星岚科创服务平台湖州分中心项目", "330500")]),
    # a place that opens the name without a branch body gives no branch place
    ("嘉兴星河数据中心项目开工。", [("嘉兴星河数据中心项目", None)]),
])
def test_branches_placed_by_the_division_they_serve(text: str, expected: list[tuple[str, str | None]]) -> None:
    found = [m for m in extract_article(text, [0]) if m.mention_type == "project"]
    assert [(m.normalized, m.attrs.get("host_region")) for m in found] == expected


# Background milestones: each dated milestone of a project or park is an event of its own
# (is_background, its own trigger and date); the event the article reports anew is not.
@pytest.mark.parametrize(("text", "expected"), [
    # three milestones in one sentence, the last clause reports (今日): the first two are background
    ("星湾智造产业园于2021年3月奠基，2022年1月开工，今日正式开园。", [
        ("星湾智造产业园", "started", "奠基", True, "2021-03-01"),
        ("星湾智造产业园", "started", "开工", True, "2022-01-01"),
        ("星湾智造产业园", "opened", "开园", False, "2023-06-20")]),
    # the milestones in one sentence, the park named again with the event reported
    ("星湾智造产业园于2020年5月9日正式奠基，于2021年4月正式开工。随着星湾智造产业园开园，一期厂房投入使用。", [
        ("星湾智造产业园", "started", "奠基", True, "2020-05-09"),
        ("星湾智造产业园", "started", "开工", True, "2021-04-01"),
        ("星湾智造产业园", "opened", "开园", False, None)]),
    # a named project: signed, then started, produced today; 并于 joins the clause
    ("云帆电子项目于2021年3月签约，并于同年8月开工，今日正式投产。", [
        ("云帆电子项目", "signed", "签约", True, "2021-03-01"),
        ("云帆电子项目", "started", "开工", True, "2021-08-01"),
        ("云帆电子项目", "produced", "投产", False, "2023-06-20")]),
    # only dated milestones: the first is what the article reports, the later one background
    ("云帆电子项目于2021年3月签约，2022年5月开工。", [
        ("云帆电子项目", "signed", "签约", False, "2021-03-01"),
        ("云帆电子项目", "started", "开工", True, "2022-05-01")]),
    # a dated 自…以来 milestone is background; an undated one is dropped
    ("星湾智造产业园自2019年开园以来引进企业50家。星湾智造产业园今日揭牌。", [
        ("星湾智造产业园", "opened", "开园", True, "2019-01-01"),
        ("星湾智造产业园", "unveiled", "揭牌", False, None)]),
    ("自星湾智造产业园2019年开园以来，累计引进企业50家。星湾智造产业园今日揭牌。", [
        ("星湾智造产业园", "opened", "开园", True, "2019-01-01"),
        ("星湾智造产业园", "unveiled", "揭牌", False, None)]),
    ("自星湾智造产业园开园以来，累计引进企业50家。星湾智造产业园今日揭牌。", [
        ("星湾智造产业园", "unveiled", "揭牌", False, None)]),
    # a clause with a subject of its own is not the park's milestone
    ("星湾智造产业园于2021年3月奠基，云帆电子项目今日开工。", [
        ("星湾智造产业园", "started", "奠基", False, None),
        ("云帆电子项目", "started", "开工", False, None)]),
    # a park does not sign: a carried 签约 is no park milestone, and the run ends there
    ("星湾智造产业园于2021年3月奠基，2022年1月签约，今日正式开园。", [
        ("星湾智造产业园", "started", "奠基", False, None)]),
    # 次年: the year after the date before it in the sentence
    ("云帆电子项目于2021年3月签约，次年5月开工，今日正式投产。", [
        ("云帆电子项目", "signed", "签约", True, "2021-03-01"),
        ("云帆电子项目", "started", "开工", True, "2022-05-01"),
        ("云帆电子项目", "produced", "投产", False, "2023-06-20")]),
    # a date that does not lead straight to the trigger (a place between) dates no milestone
    ("星湾智造产业园今日开园。星湾智造产业园2021年3月在星河区奠基。", [
        ("星湾智造产业园", "opened", "开园", False, None)]),
    # the same milestone told twice is one background event
    ("星湾智造产业园今日开园。星湾智造产业园于2021年3月奠基。星湾智造产业园于2021年3月奠基。", [
        ("星湾智造产业园", "opened", "开园", False, None),
        ("星湾智造产业园", "started", "奠基", True, "2021-03-01")]),
])
def test_background_milestones(text: str, expected: list[tuple[str, str, str, bool, str | None]]) -> None:
    assert milestones(text) == expected
