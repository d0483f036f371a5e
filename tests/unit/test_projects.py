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
    ("12个重大项目集中竣工投产。", [(12, "other")]),  # two events side by side: mixed (dev README)
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
    ("会上签约的项目包括云帆电池项目、浙江博弈农资物流项目等。",
     [("云帆电池项目", "signed"), ("浙江博弈农资物流项目", "signed")]),
    ("签约项目2个，分别为总投资5亿元的焕发生物科技糖浆生产项目和总投资3亿元的星岚光电项目。",
     [("焕发生物科技糖浆生产项目", "signed"), ("星岚光电项目", "signed")]),
    ("开工项目2个，分别是总投资8亿元的三汇物联网与大数据生产基地、总投资4亿元的云帆纸业项目。",
     [("三汇物联网与大数据生产基地", "started"), ("云帆纸业项目", "started")]),
    ("新签约项目3个，为总投资12亿元的泓岚集成电路先进封装&智能电器制造项目。",
     [("泓岚集成电路先进封装&智能电器制造项目", "signed")]),
    ("宝岚电子商务产业园项目和浙江博弈农资物流项目同时开工。",
     [("宝岚电子商务产业园项目", "started"), ("浙江博弈农资物流项目", "started")]),
    ("代表性项目：江岚中高端智能纯电动乘用车项目，总投资23亿元，今年开工。",
     [("江岚中高端智能纯电动乘用车项目", "started")]),
    ("其中签约项目1个，为总投资22亿元的中鼎新能源热管理系统及铝箱体研发、生产项目。",
     [("中鼎新能源热管理系统及铝箱体研发、生产项目", "signed")]),
    # a slot that reads as a clause or a size class keeps the jieba walk
    ("会上签约星岚电池项目、加快推进云帆电池项目。", [("星岚电池项目", "signed"), ("云帆电池项目", "signed")]),
    ("其中，星河公路灵昆段、云帆商业大厦项目参加集中开工。", [("云帆商业大厦项目", "started")]),
    ("新签约亿元以上项目41个、100亿元以上工业大项目4个。", []),
    ("签约项目共9个、30亿元以上工业项目全覆盖。", []),
    # a project head with a count after it names a sub-batch, not a project
    ("签约项目共26个，分别是星河产业园项目9个、运河南侧A地块项目12个、云帆科技产业园项目5个。", []),
    ("上半年，星湾镇新增注册项目1842个，引进重点项目61个。", []),
    ("其中利用存量企业和低效用地嫁接项目20个，总投资150亿元，今年签约。", []),
])
def test_project_names_in_list_slots(text: str, expected: list[tuple[str, str]]) -> None:
    assert projects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a list after "项目有N个，包括" or "N个园区，分别是": every member is a project
    ("当日集中开工的重大项目有5个，包括星河算力平台项目、云帆医学检测实验室、启航离岸科创中心等。",
     [("星河算力平台项目", "started"), ("云帆医学检测实验室", "started"), ("启航离岸科创中心", "started")]),
    ("今年共揭牌3个园区，分别是星河现代产业园、云帆科创产业园、启航合作产业园。",
     [("星河现代产业园", "unveiled"), ("云帆科创产业园", "unveiled"), ("启航合作产业园", "unveiled")]),
    # a member's descriptor (…的, …企业) is not part of its name
    ("12个项目开工，其中的战略性项目，包括将改变交通格局的星河高铁工程、大幅改善防涝能力的云帆排涝工程等。",
     [("星河高铁工程", "started"), ("云帆排涝工程", "started")]),
    ("此次签约的星岚电商、社交电商龙头企业云集优选、启航研究总院等项目，总投资20亿元。",
     [("星岚电商项目", "signed"), ("云集优选项目", "signed"), ("启航研究总院项目", "signed")]),
    ("目前，总投资25亿元的宗岚新材料、总投资10亿元的云帆门业等项目已成功落户。",
     [("宗岚新材料入驻项目", "settled"), ("云帆门业入驻项目", "settled")]),
    ("本次签约的项目既有星岚汽车、云帆航天等新引进项目，也有扩产项目。",
     [("星岚汽车项目", "signed"), ("云帆航天项目", "signed")]),
    ("此次开工的星河生命科技园、云帆智能网联测试基地、启航风电法兰产业化建设等重大产业项目，涵盖多个方向。",
     [("星河生命科技园", "started"), ("云帆智能网联测试基地", "started"), ("启航风电法兰产业化建设项目", "started")]),
    # a list of industries is no list of projects; the works listed with them are
    ("这批项目开工。其中既有生命健康、新材料、现代医药等战略性新兴产业项目，又有科创、文旅、总部经济等项目。", []),
    ("签约项目涵盖集成电路、新能源汽车、生物医药、现代服务业等项目78个，总投资60亿元。", []),
    ("这批项目集中开工，也不乏星河景观工程、云帆大桥拼宽工程、启航水厂迁建工程等基础设施民生类项目。",
     [("星河景观工程", "started"), ("云帆大桥拼宽工程", "started"), ("启航水厂迁建工程", "started")]),
    ("还有总部经济、人才科技、物流、文旅、金融等项目入驻。", []),
    ("会上，星岚电子、云帆口服制剂基地等生物医药项目签约。", [("星岚电子项目", "signed"), ("云帆口服制剂基地", "signed")]),
])
def test_enumerated_members(text: str, expected: list[tuple[str, str]]) -> None:
    assert projects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a list of the functions a place combines names no projects
    ("园区将打造集生产制造、中试成果转化、生产企业总部和生产配套等功能于一体的科技园区。", []),
    ("努力将星河产业园打造成聚合科技研发、生产企业总部、产品展示功能于一体的产业集聚地。", []),
    # a 、 joins the words of one name, not two listed names or two clauses
    ("星岚集团将通过强化规划协同、完善基础设施、加强项目招引力度等举措推动落户。", []),
    ("其中签约项目1个，为总投资8亿元的云帆电子研发、生产、销售项目。", [("云帆电子研发、生产、销售项目", "signed")]),
])
def test_lists_that_name_no_projects(text: str, expected: list[tuple[str, str]]) -> None:
    assert projects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a park that is only the venue of an event is no project
    ("由星河集团投资建设的云帆物流仓储项目在星湾经济开发区举行开工仪式。", [("云帆物流仓储项目", "started")]),
    ("近日，星岚协同中心揭牌仪式在云帆科创园内举行。", [("星岚协同中心", "unveiled")]),
    ("上午，星河高新区(滨江)举行一季度扩大有效投资项目集中开工活动。", []),
    # a park that holds its own opening is a project
    ("8月18日，星岚新兴产业园(简称星岚园)举行开园仪式。", [("星岚新兴产业园", "opened")]),
    # no event when the clause negates it
    ("市科教园区、星河现代产业园等市直载体均未申报新开工项目。", []),
    # a park inside a document title is no project
    ("近日印发的《星湾新片区发展“十四五”规划》提出，要建设海洋创新园。", []),
    # a park that opens the name of what is unveiled is no project of its own
    ("活动现场，星湾新片区投资促进服务中心云帆分中心也正式揭牌。", [("星湾新片区投资促进服务中心云帆分中心", "unveiled")]),
    # generic bodies: a place and an evaluation, a phase only, a count cut by jieba
    ("今天上午，松湖新城重大项目投资启动仪式举行。", []),
    ("项目分两期开发，其中二期项目今年签约。", []),
    ("总投资535亿元的125个重大产业及配套项目集中开工。", []),
    ("还一口气签下11个沪绍合作项目。", []),
    ("在沪嘉合作项目签约环节，星河港湾项目参与签约。", [("星河港湾项目", "signed")]),
    ("签约的项目主要以制造业、总部项目、科技人才项目为主。", []),
    ("智能制造产业园一期B区重点建设项目集中开工。", []),
    # a particle is never the first character of a name
    ("此次签约的苏岚现代产业园项目，以星河集团为建设主体。", [("苏岚现代产业园项目", "signed")]),
])
def test_parks_venues_and_generic_bodies(text: str, expected: list[tuple[str, str]]) -> None:
    assert projects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # facilities named right before their trigger, alone or listed
    ("星河国际再保险交易中心、云帆金融学院陆续开业，启航大学星湾中心正式落地。",
     [("星河国际再保险交易中心", "opened"), ("云帆金融学院", "opened"), ("启航大学星湾中心", "settled")]),
    ("活动现场，星湾投资促进服务中心云帆分中心也正式揭牌。", [("星湾投资促进服务中心云帆分中心", "unveiled")]),
    ("此次指挥部落户星湾，将助推铁路建设。", []),
    ("活动伊始，星岚铁路工程建设指挥部、云帆集团(苏州)总部两大项目相继揭牌。",
     [("星岚铁路工程建设指挥部", "unveiled"), ("云帆集团(苏州)总部", "unveiled")]),
    # companies that are the subject of 入驻/落户 are constructed projects
    ("目前，浙江星岚新能源公司和云帆金度科技公司已入驻园区投入生产经营。",
     [("浙江星岚新能源公司入驻项目", "settled"), ("云帆金度科技公司入驻项目", "settled")]),
    ("星河智能装备有限公司正式落户星湾。", [("星河智能装备有限公司入驻项目", "settled")]),
    ("公司负责人说，企业已入驻园区。", []),
    # representatives of a batch and members right after their trigger
    ("签约现场，以上海星明微电子有限公司、云帆机械(上海)有限公司为代表的一批优质企业成功签约入驻。",
     [("上海星明微电子有限公司项目", "signed"), ("云帆机械(上海)有限公司项目", "signed")]),
    ("去年，星湾市共签约落地星晟汽车零部件、芯岚联、融帆纳米等",
     [("星晟汽车零部件项目", "signed"), ("芯岚联项目", "signed"), ("融帆纳米项目", "signed")]),
    ("园区引进了人才、资金、技术等要素。", []),
])
def test_facilities_companies_and_representatives(text: str, expected: list[tuple[str, str]]) -> None:
    assert projects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a list after 分别是 takes the event of the sentence before when its own has none
    ("目前，“5+2”结对合作园区全部挂牌。\n在与星湾结对合作共建方面，共建3个园区，分别是星河现代产业园、云帆科创产业园以及启航合作产业园。",
     [("星河现代产业园", "unveiled"), ("云帆科创产业园", "unveiled"), ("启航合作产业园", "unveiled")]),
    ("会上12个项目签约。\n这些项目分别是星岚研究院、云帆物流基地。", [("星岚研究院", "signed"), ("云帆物流基地", "signed")]),
    # a verb right before 项目 acts on projects; no name
    ("今年以来，星河集团加大项目招引力度，各园区落地企业146家。", []),
    ("市委书记张星河宣布项目开工。", []),
    ("星湾区通过多元化招商模式，引导支持产业溢出项目落地星河科创产业园。", []),
    # build verbs name the kind of works
    ("星岚药业异地迁建项目今年投产。", [("星岚药业异地迁建项目", "produced")]),
    ("洋湾LNG扩建项目前期加快推进，年内开工。", [("洋湾LNG扩建项目", "started")]),
    # a bare 研发中心 or 总部 takes the organisation of its own clause only
    ("星河集团投资10亿元。有效带动一批优质企业来沪布局自主研发中心，吸引产能落地。", []),
    ("云帆科技有限公司总部落户星湾。", [("云帆科技有限公司总部", "settled")]),
])
def test_previous_sentence_events_and_verbs(text: str, expected: list[tuple[str, str]]) -> None:
    assert projects(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a by-place list: the county, district or zone before each name is its place
    ("4月竣工工业项目：星山县鼎岚塑料制品、云涂县盛帆精密铝材、市经开区启航船用发动机等项目。",
     [("鼎岚塑料制品项目", "completed"), ("盛帆精密铝材项目", "completed"), ("启航船用发动机项目", "completed")]),
    ("签约项目：星湾新区北冰岚饮料食品、云帆区芮科工业装备等项目。",
     [("北冰岚饮料食品项目", "signed"), ("芮科工业装备项目", "signed")]),
    # an amount before a name opens its slot, with or without 的
    ("签约的项目有市经开区总投资10亿元顶岚锂电池薄膜项目。", [("顶岚锂电池薄膜项目", "signed")]),
    ("其中不乏关注度极高的项目，如余岚地块学校项目、星河医院新建项目等，今年开工。",
     [("余岚地块学校项目", "started"), ("星河医院新建项目", "started")]),
    # functions and industries before 总部 or 研发中心 are no names
    ("产业定位主要以销售总部、网红经济等新经济业态为主，已有企业入驻。", []),
    ("星湾将大力推进“研发总部在上海、制造基地在星湾”模式，吸引企业落户。", []),
    ("打造舟岚总部、云帆科创园等一批优质总部经济和产业园项目。",
     [("舟岚总部", "planned"), ("云帆科创园", "planned")]),
    # a park that a locative follows or an event serves is no project
    ("这是星湾新片区内首个建成的总部研发产业园。", []),
    ("项目建成后将为星河工业园新材料产业基地增添关键拼图。", []),
    # generic bodies: 高科技, 一般企业投资
    ("总投资2000万元的高科技项目签约落户星河数字时尚城。", []),
    ("确保实现一般企业投资项目审批全流程最多80天，加快规划。", []),
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
