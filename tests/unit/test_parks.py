"""Park rules: suffix grammar, left boundary, phases, categories, host and partner regions."""

from __future__ import annotations

import pytest

from ingest.extract import extract_article
from ingest.extract.parks import alias_key, extract_parks, tail_aliases


def names(text: str) -> list[str]:
    return [p.normalized for p in extract_parks(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("位于淮安的江宁涟水工业园区揭牌。", ["江宁涟水工业园区"]),
    ("其核心区是同时揭牌的起步区常州青岚高新技术产业园。", ["常州青岚高新技术产业园"]),
    ("与星海集团共建上海星海创新协同中心。", ["上海星海创新协同中心"]),
    ("江宁以江宁智能装备园为支点。", ["江宁智能装备园"]),
    ("南通高新技术产业开发区管委会发布公告。", ["南通高新技术产业开发区"]),
    ("合肥经济技术开发区新签项目12个。", ["合肥经济技术开发区"]),
    ("宁波杭州湾新区与上海签约。", ["宁波杭州湾新区"]),  # a new area (新区) is a zone
    ("常州科教城迎来新一批企业。", []),
    ("张江药谷吸引生物医药企业集聚。", ["张江药谷"]),
    ("余杭梦想小镇入驻创业项目。", ["余杭梦想小镇"]),
    ("嘉兴氢能港首期开工。", ["嘉兴氢能港"]),
    ("宁波前湾新区医疗器械产业园正式开园。", ["宁波前湾新区医疗器械产业园"]),
    ("园区正式开园，吸引企业入驻。", []),
    ("着力打造特色专业创新园区。", []),
    ("将打造产城融合的社区型产业园。", []),
    ("获批全国首批国家级高新区。", []),
    ("同时对11个特色专业创新园区授牌。", []),
    ("昆山市特色专业创新园区总数达到40家。", []),
    ("游客在公园和花园里散步。", []),
    ("学生返回校园。", []),
    ("企业入驻园区后享受补贴。", []),
    ("上海临港集团与常熟签约。", []),
    ("苏州工业园区生物医药产业园二期开工。", ["苏州工业园区生物医药产业园"]),
    ("中日韩(江苏)产业合作示范园区发布。", ["中日韩(江苏)产业合作示范园区"]),
    ("温州（嘉定）科技创新园吸引企业入驻。", ["温州（嘉定）科技创新园"]),
    ("还举行了“上海杨浦区苏州高新区通办”启动仪式。", ["苏州高新区"]),
    ("全力打造湖州(上海)科创飞地。", ["湖州(上海)科创飞地"]),
    ("嘉定工业区温州园建设加快。", ["嘉定工业区温州园"]),
    ("建立企业研发中心23个。", []),
    ("签约中奥生物医药创新中心项目。", []),
    # a centre in a list the text types as platforms or bodies is a platform, not a park
    ("依托星岚未来创新中心、云帆研究院、澜舟离岸孵化器等技术对接平台，深化合作。", []),
    ("依托云帆产业园、星岚创新中心等载体，集聚企业。", ["云帆产业园"]),
    ("星岚创新中心、云帆科创园等园区同时开园。", ["星岚创新中心", "云帆科创园"]),
    ("星岚未来创新中心开园。", ["星岚未来创新中心"]),
])
def test_park_names(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(("text", "phase", "surface"), [
    ("温州(嘉定)科技创新园二期项目开工。", "二期", "温州(嘉定)科技创新园二期"),
    ("无锡惠泉高新技术产业园一期启动面积840亩。", "一期", "无锡惠泉高新技术产业园一期"),
    ("苏州纳米城三期竣工。", None, None),
    ("合肥高新区四期规划出炉。", "四期", "合肥高新区四期"),
])
def test_phase_is_an_attribute(text: str, phase: str | None, surface: str | None) -> None:
    parks = extract_parks(text)
    if surface is None:
        assert parks == []
        return
    assert parks[0].attrs["phase"] == phase
    assert parks[0].surface_text == surface
    assert not parks[0].normalized.endswith("期")


@pytest.mark.parametrize(("text", "host", "partner"), [
    ("温州(嘉定)科创园开园。", "310114", "330300"),
    ("江宁溧水工业园区揭牌。", "320117", "320115"),
    ("嘉定工业区温州园开工。", "310114", "330300"),
    ("上海嘉定氢能港产业园签约。", "310114", None),
    ("星澜光电产业园授牌。", None, None),
    ("宁波(上海)科创飞地落户。", "310000", "330200"),
    # a cooperation word after the second of two regions apart: the park is in the second
    ("南京星岚新材料科技园定远合作产业园开园。", "341125", "320100"),
    ("合肥经济技术开发区凤阳省际合作园签约。", "341126", "340100"),
])
def test_host_and_partner(text: str, host: str | None, partner: str | None) -> None:
    park = extract_parks(text)[0]
    assert (park.attrs["host_region"], park.attrs["partner_region"]) == (host, partner)


def test_short_spellings_take_the_long_name() -> None:
    text = "常熟绿洲芯城开园。随着绿洲芯城开园，温州(嘉定)科技创新园与温州(嘉定)科创园携手。"
    assert [p.normalized for p in extract_parks(text)] == [
        "常熟绿洲芯城", "常熟绿洲芯城", "温州(嘉定)科技创新园", "温州(嘉定)科技创新园"]


@pytest.mark.parametrize(("names_in", "expected"), [
    (["常熟绿洲芯城", "绿洲芯城"], {"绿洲芯城": "常熟绿洲芯城"}),
    (["光电产业园", "昆山光电产业园"], {"光电产业园": "昆山光电产业园"}),
    (["生命健康产业园", "元宇宙产业园"], {}),
])
def test_tail_aliases(names_in: list[str], expected: dict[str, str]) -> None:
    assert tail_aliases(names_in) == expected


def test_alias_key_merges_suffix_spellings() -> None:
    assert alias_key("温州（嘉定）科技创新园") == alias_key("温州(嘉定)科创园")


@pytest.mark.parametrize(("text", "expected"), [
    # zone suffixes: new areas, free-trade 片区, demonstration, cooperation, agglomeration, functional zones
    ("湖州星湾新区签约项目12个。", ["湖州星湾新区"]),
    ("自由贸易试验区星湾新片区发布新政。", ["星湾新片区"]),
    ("星湾片区两大项目加快推进。", ["星湾片区"]),
    ("嘉兴星澜示范区获批。", ["嘉兴星澜示范区"]),
    ("合肥星岚合作区启动建设。", ["合肥星岚合作区"]),
    ("瓯海星湾产业集聚区项目开工。", ["瓯海星湾产业集聚区"]),
    ("G60星岚总部研发功能区集中签约。", ["G60星岚总部研发功能区"]),
    ("张江星岚科学城迎来新企业。", ["张江星岚科学城"]),
    ("天津星湾生态城开园。", ["天津星湾生态城"]),
    ("滁州星湾产业新城奠基。", ["滁州星湾产业新城"]),
    ("淮海星岚国际陆港开港。", ["淮海星岚国际陆港"]),
    ("宿州马鞍山现代产业园区新签项目3个。", ["宿州马鞍山现代产业园区"]),
    ("湖州滨海新区揭牌。", ["湖州滨海新区"]),
    # a division's own name is no park
    ("浦东新区召开大会。", []),
    ("上海浦东新区召开大会。", []),
    # names over an inner ·, — or - joiner
    ("星岚智谷·江宁精密装备产业园正式开园。", ["星岚智谷·江宁精密装备产业园"]),
    ("溧水—天长合作产业园揭牌。", ["溧水—天长合作产业园"]),
    ("“龙游-余杭科创飞地”开园。", ["龙游-余杭科创飞地"]),
    ("嘉定·亳州科创产业园揭牌。", ["嘉定·亳州科创产业园"]),
    ("打造科创载体—星岚·云溪科创谷。", ["星岚·云溪科创谷"]),
    # locators before a park are not part of its name
    ("松江工业区与浙江湖州经济技术开发区签约。", ["松江工业区", "湖州经济技术开发区"]),
    ("与安徽宣城经济技术开发区合作。", ["宣城经济技术开发区"]),
    ("位于嘉定区星湾镇智能传感特色产业基地。", ["星湾镇智能传感特色产业基地"]),
    # clause words the boundary kept
    ("这是芜湖经开区加快转型的举措。", ["芜湖经开区"]),
    ("三个项目由星岚智能产业园引进。", ["星岚智能产业园"]),
    # a park inside a company's name, or a company's facility, is no park
    ("江苏锦澜产业园管理有限公司成立。", []),
    ("星岚产业园(上海)发展有限公司注册。", []),
    ("签约星岚环保科技集团科创中心。", []),
    # generic and aspirational phrases are kinds of parks, not parks
    ("打造零碳示范园区。", []),
    ("建设一流产业园区。", []),
    ("打造具有区域影响力的卓越科创园区。", []),
    ("建成后将成为智能制造产业园。", []),
    ("打造乡村康养小镇。", []),
    ("纷纷到省会布局科创飞地。", []),
    ("高水平建设共同富裕示范区。", []),
    ("共建区域产业合作示范区。", []),
    ("形成文化创意园等一批载体。", []),
    # a plain name no goal governs names a park (a designation list)
    ("会上对光电产业园、生命健康产业园等首批园区授牌。", ["光电产业园", "生命健康产业园"]),
])
def test_park_grammar_on_real_text_patterns(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # several spellings of one park in one article are one park
    ("龙游-余杭科创飞地开园。龙游—余杭科创飞地位于杭州。", ["龙游-余杭科创飞地", "龙游-余杭科创飞地"]),
    ("星澜岱山产业园开工。星澜产业园一期投用。", ["星澜岱山产业园", "星澜岱山产业园"]),
    ("星岚智谷·海宁精密装备产业园开工。海宁精密装备产业园将聚焦装备。",
     ["星岚智谷·海宁精密装备产业园", "星岚智谷·海宁精密装备产业园"]),
    ("庆元-余杭山海协作产业园扩容。企业落户山海协作产业园。", ["庆元-余杭山海协作产业园", "庆元-余杭山海协作产业园"]),
    ("星湾经开区智能制造产业园开工。智能制造产业园一期投用。", ["星湾经开区智能制造产业园", "星湾经开区智能制造产业园"]),
    ("与星湾工业园区合作。星湾工业园管委会出席。", ["星湾工业园区", "星湾工业园区"]),
])
def test_spellings_of_one_park(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(("text", "host", "partner"), [
    ("德清—松潘东西部协作产业园揭牌。", "330521", "513224"),  # an aid programme's park: host first
    ("庆元-余杭山海协作产业园扩容。", "331126", "330110"),
    # two divisions joined by · or —: the partner first, the host second
    ("嘉定·宿州科创产业园揭牌。", "341300", "310114"),
    ("浦口—来安合作产业园开工。", "341122", "320111"),
    # a brand joined to the division it builds in: that division hosts, even a word-like short name
    ("星岚智谷·天台新材料产业园开工。", "331023", None),
    ("星岚智谷·嘉善智能制造产业园开园。", "330421", None),
    ("南京星湾新材料科技园全椒合作产业园开工。", "341124", "320100"),  # built by 南京 in 全椒
    ("衢州市杭州科创飞地揭牌。", "330100", "330800"),
])
def test_sides_named_in_park_names(text: str, host: str, partner: str | None) -> None:
    park = extract_parks(text)[0]
    assert (park.attrs["host_region"], park.attrs["partner_region"]) == (host, partner)


@pytest.mark.parametrize(("text", "expected"), [
    ("湖州市与嘉兴市签约，湖嘉产业合作园开工。", ("湖嘉产业合作园", "330400", "330500")),
    ("宣城市与青浦区签约，共建宣青合作园区。", ("宣青合作园区", "310118", "341800")),
    ("宁波与芜湖共建甬芜产业合作园区。", ("甬芜产业合作园区", "340200", "330200")),
    # the bracketed name is another spelling of the zone before it: one park, named by its first form
    ("合肥与六安共建星桥示范区(合六合作区)。", ("星桥示范区", "341500", "340100")),
])
def test_parks_named_by_initials_of_two_regions(text: str, expected: tuple[str, str, str]) -> None:
    parks = [m for m in extract_article(text, [0]) if m.mention_type == "park" and m.attrs.get("partner_region")]
    assert [(p.normalized, p.attrs["host_region"], p.attrs["partner_region"]) for p in parks] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    # a date before the name is no part of it; a 日 after no digit is (日本…)
    ("1月8日星沙综合保税区迎来首批企业。", ["星沙综合保税区"]),
    ("12日云岚经济开发区新签项目6个。", ["云岚经济开发区"]),
    ("2023年5月6日星河高新区举行签约。", ["星河高新区"]),
    ("与东京的大学合作，设立日本星樱离岸孵化中心。", ["日本星樱离岸孵化中心"]),
    # 原 (former) before a division
    ("新园区由原金山星湖工业区改建而成。", ["金山星湖工业区"]),
    ("依托原平湖云帆开发区建设新园。", ["平湖云帆开发区"]),
    # an organisation or a category noun before the name
    ("当天，星海企业服务中心蓝湾创新园办事处开张。", ["蓝湾创新园"]),
    ("经开区管委会云杉产业园签约。", ["云杉产业园"]),
    ("项目落在核心平台云栖智慧城东侧。", ["云栖智慧城"]),
    ("作为重点载体星湖科技园迎来新项目。", ["星湖科技园"]),
    # a quoted name before the suffix: the outer quotes drop, inner ones stay; a quoted word is a term
    ("入驻“星湾‘芯’谷”产业园的企业增多。", ["星湾‘芯’谷产业园"]),
    ("“云岚”产业园首期开工。", ["云岚产业园"]),
    ("用于“飞地”产业园建设。", []),
    # a compass sector of a park is listed as written
    ("星岚·云杉科创园南区开园。", ["星岚·云杉科创园南区"]),
    ("星河科技园北区竣工投用。", ["星河科技园北区"]),
    # a name in brackets after a park is another spelling of it: one park
    ("星岚高新区(吴兴)(星岚国家高新技术产业开发区)发布新政。", ["星岚高新区(吴兴)", "星岚高新区(吴兴)"]),
    ("云帆经开区(云帆经济技术开发区)新签项目。", ["云帆经济技术开发区", "云帆经济技术开发区"]),
    # honours and titles, positioning goals: not parks
    ("该园去年荣获“星河绿色低碳示范园区”称号。", []),
    ("该园被评为云帆高新技术产业园区。", []),
    ("星湖科创园入选省级名单。", ["星湖科创园"]),  # the park comes before the honour
    ("力争三年内成为南星・云湾数字智造城。", []),
    ("力争成为云帆星城高新区。", []),
    # unnamed references: a bare level word, a new town's functional area or 片区
    ("各平台中，市开发区8个，县经开区3个。", []),
    ("全市开发区实现增长。", []),
    ("在东湖新城功能区配套建设学校。", []),
    ("东部新城片区加快建设。", []),
    # an adverb and a verb opening the span, a bare zone suffix before the name
    ("有效扩大星湾新片区的规模。", ["星湾新片区"]),
    ("全力推进星湾高新区建设。", ["星湾高新区"]),
    ("图为高新区云杉数字经济产业园鸟瞰。", ["云杉数字经济产业园"]),
    ("经开区星河智造产业园开工。", ["星河智造产业园"]),
    # an ordinal before a plain name, a classing (定位于): descriptions, not parks
    ("这是全省首个投用的智能制造产业园。", []),
    ("这片定位于现代物流集聚区的区域交通便利。", []),
    ("定位为长三角星湾示范区。", []),
    # a zone's own district in brackets is part of its name
    ("无锡高新区(新吴)签约10个项目。", ["无锡高新区(新吴)"]),
    ("星湾高新区(城东)签约。", ["星湾高新区"]),  # no district in the brackets
    # two parts joined in either order are one park, first spelling canonical
    ("星湾•云岚科创产业园揭牌，签订《云岚·星湾科创产业园合作协议》。", ["星湾•云岚科创产业园", "星湾•云岚科创产业园"]),
    # a company's base or centre named as a project (…暨总部项目)
    ("总投资8亿元的星宸储能电池产业基地暨研发中心项目。", []),
    ("星宸科创中心暨研发总部项目开工。", []),
])
def test_park_boundaries_and_non_parks(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(("text", "host", "partner"), [
    # two cities then one character of a county of each: the counties are the sides
    ("无锡连云港阴东智能装备产业园开工。", "320722", "320281"),
    ("苏州宿迁昆沭电子信息产业园签约。", "321322", "320583"),
    # without such characters the cities stay the sides
    ("苏州宿迁星湾智能产业园签约。", "321300", "320500"),
])
def test_counties_initialled_after_their_cities(text: str, host: str, partner: str) -> None:
    park = extract_parks(text)[0]
    assert (park.attrs["host_region"], park.attrs["partner_region"]) == (host, partner)


@pytest.mark.parametrize(("text", "expected"), [
    # an initial that no named region starts is the one division under a named region it starts
    ("上海与滁州对口合作，两地共建滁金合作园区。", ("滁金合作园区", "310116", "341100")),
    ("宁波与丽水结对，共建甬缙协作产业园。", ("甬缙协作产业园", "331122", "330200")),
])
def test_initials_of_divisions_under_named_regions(text: str, expected: tuple[str, str, str]) -> None:
    parks = [m for m in extract_article(text, [0]) if m.mention_type == "park" and m.attrs.get("partner_region")]
    assert [(p.normalized, p.attrs["host_region"], p.attrs["partner_region"]) for p in parks] == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    # a short name located by another division is another park than the co-built one headed by a city
    ("宣城经开区与上海金山工业园签约，合作共建宣城金山工业园。", ["宣城经开区", "金山工业园", "宣城金山工业园"]),
    # without a locator, or with the head's own parent, the short name is that park's other spelling
    ("宣城金山工业园开园，金山工业园吸引企业入驻。", ["宣城金山工业园", "宣城金山工业园"]),
    ("安徽宣城星湾工业园开园，星湾工业园吸引企业入驻。", ["宣城星湾工业园", "宣城星湾工业园"]),
])
def test_spellings_located_elsewhere_are_other_parks(text: str, expected: list[str]) -> None:
    assert names(text) == expected
