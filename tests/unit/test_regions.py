"""Region rules: full and short names, ambiguity, abbreviations, compounds, non-places."""

from __future__ import annotations

import pytest

from ingest.extract import extract_article
from ingest.extract.regions import extract_regions, is_region_name


def codes(text: str) -> list[str]:
    return sorted({m.ref_id for m in extract_article(text, [0]) if m.mention_type == "region"})


@pytest.mark.parametrize(("text", "expected"), [
    ("嘉定区委书记出席活动。", ["310114"]),
    ("项目落户常熟，计划明年投产。", ["320581"]),
    ("市长率团赴嘉定考察。", ["310114"]),
    ("江苏省苏州市昆山市召开大会。", ["320583"]),  # the parents are its address
    ("浙江省委常委、温州市委书记出席。", ["330000", "330300"]),
    ("南京市鼓楼区与玄武区联合举办推介会。", ["320102", "320106"]),
    ("福州市鼓楼区召开大会。", ["350102"]),
    ("推进沪苏同城化发展。", ["310000", "320500"]),
    ("沪苏同城是上海和苏州两市的合作。", ["310000", "320500"]),
    ("江苏省委常委出席，沪苏深化产业合作。", ["310000", "320000"]),
    ("构建沪锡徐“一城两区”联动科创产业带。", ["310000", "320200", "320300"]),
    ("沪浙皖三省一市共同发布。", ["310000", "330000", "340000"]),
    ("深化杭甬合作，共建都市圈。", ["330100", "330200"]),
    ("多家在沪企业来访。", ["310000"]),
    ("长三角一体化发展迈上新台阶。", []),
    ("深入挖掘江南文化基因。", []),
    ("园区位于“苏锡常”金三角中心位置。", []),
    ("深化“沪苏浙鲁”教育联盟建设。", []),
    ("江苏蓝力重工科技有限公司在惠山耕耘多年。", ["320206"]),
    ("中日韩(江苏)产业合作示范园区发布。", []),
    ("策应太湖湾科创带建设。", []),
    ("位于人民路与苏州河交汇处。", []),
    ("苏宁易购门店开业。", []),
    ("与日本东京的机构合作。", []),
    ("临港沪苏产业联动集聚区开园。", []),  # 沪苏 inside the zone's name
    ("一季度上海浦东新增企业千家。", ["310115"]),
    ("滁州市与南京市签约。", ["320100", "341100"]),
    # a short name glued into a word (丰产) is still a place when the rest opens a word (产业)
    ("大丰产业发展大会召开。", ["320904"]),
    ("全县水稻丰产丰收。", []),
])
def test_region_codes(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(("text", "compound_size"), [
    ("沪锡徐三地联动", 3),
    ("沪苏同城", 2),
    ("京津冀协同发展", 0),
    ("沪杭高铁", 0),  # a railway named after its ends
])
def test_compound_members_share_an_id(text: str, compound_size: int) -> None:
    members = [m for m in extract_regions(text) if m.attrs.get("compound")]
    assert len(members) == compound_size
    assert len({m.attrs["compound"] for m in members}) <= 1


@pytest.mark.parametrize(("text", "expected"), [
    ("无锡", True), ("上海嘉定", True), ("(嘉定)", True), ("无锡惠泉", False), ("光电", False),
])
def test_is_region_name(text: str, expected: bool) -> None:
    assert is_region_name(text) is expected


@pytest.mark.parametrize(("text", "venues"), [
    ("合肥市招商推介会在杭州滨江举行，现场签约12个项目。", ["滨江"]),
    ("南通市重大项目推介活动在沪隆重举办。", ["沪"]),
    ("宁波高新区专场招商会昨日在杭州召开。", ["杭州"]),
    ("项目在嘉定开工，总投资10亿元。", []),                 # where the project is, not a venue
    ("在嘉定投资建设的新工厂举行投产仪式。", []),           # a clause, not a place phrase
    ("芜湖市与南京市签约共建产业园。", []),
])
def test_venues_are_marked(text: str, venues: list[str]) -> None:
    marked = [m.surface_text for m in extract_article(text, [0])
              if m.mention_type == "region" and m.attrs.get("venue")]
    assert marked == venues


@pytest.mark.parametrize(("text", "expected"), [
    # a place opening the name of a non-government body is no mention
    ("记者从上海星岚材研院获悉，新材料中试线投用。", []),
    ("浙江星澜大学与园区共建实验室。", []),
    ("江苏财经网讯 某园区开园。", []),
    ("据安徽在线报道，园区开园。", []),
    ("某商业银行浙江省分行与园区签约。", []),
    ("某药业集团安徽总部项目开工。", []),
    ("上海星澜智能科技有限公司入驻园区。", []),
    ("北京岚图集团董事长出席。", []),
    # a government organ names its division
    ("安徽省发展改革委发布通知。", ["340000"]),
    ("海宁市台办负责人出席。", ["330481"]),
    # a wire dateline is where the story was filed
    ("某某网泰州3月2日电 园区项目开工。", []),
    # a parent written as the prefix of its own division is its address
    ("江苏泰州市委书记出席。", ["321200"]),
    ("安徽省宣城市赴杭州推介。", ["330100", "341800"]),
    ("浙江海宁市举行签约仪式。", ["330481"]),
    ("常州市武进区举行开工仪式。", ["320412"]),
    ("浙江省委常委出席，浙江海宁市签约。", ["330000", "330481"]),  # the parent is also named alone
    # short names that are ordinary words, and officials' given names
    ("项目临海而建，风景优美。", []),
    ("临海市召开大会，临海将加快发展。", ["331082"]),
    ("区长陈江山出席活动。", []),
    ("办公室主任张朝阳致辞。", []),
    ("园区位于老城区，交通便利。", []),
    ("打通物流大通道。", []),
    ("沿江西岸步道改造完成。", []),
    ("在各平台中排名第一。", []),
    # a city's 新区 is that city's zone, not the same-named district elsewhere
    ("湖州滨海新区揭牌，湖州市委书记出席。", ["330500"]),
    ("天津滨海新区举行推介会。", ["120116"]),
    # a county outside the YRD named as a partner resolves
    ("德清—松潘东西部协作产业园揭牌。", []),  # both sides only inside the park's name
    ("德清县与松潘县开展东西部协作。", ["330521", "513224"]),
    # 山海协作 is no mountain after a name
    ("江山市与杭州开展山海协作，江山山海协作产业园开园。", ["330100", "330881"]),
    # compounds: railways are names, 沪苏浙 an area term, 两地 keeps the province
    ("沪杭甬铁路通车。", []),
    ("沪苏浙企业来访。", []),
    ("推进沪苏两地产业协作。", ["310000", "320000"]),
    ("沪淮两地深化合作，淮北市委书记出席。", ["310000", "340600"]),
    # development zones with statistical codes are parks, not regions
    ("苏州工业园区签约10个项目。", []),
])
def test_region_rules_on_real_text_patterns(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


def pairs(text: str) -> list[tuple[str, str, bool]]:
    """The regions named as a pair: (surface, compound id, stated as a cooperation)."""
    return [(m.surface_text, str(m.attrs["compound"]), bool(m.attrs.get("stated_pair")))
            for m in extract_article(text, [0]) if m.mention_type == "region" and m.attrs.get("compound")]


@pytest.mark.parametrize(("text", "expected"), [
    # two places named as a pair: a compound of their own; 两市/双城/对口合作/结对 state a cooperation
    ("推进金山区、平湖市两地合作。", [("金山区", "n2", False), ("平湖市", "n2", False)]),
    ("湖州市和宣城市两市签约。", [("湖州市", "n0", True), ("宣城市", "n0", True)]),
    ("南通与盐城双城联动。", [("南通", "n0", True), ("盐城", "n0", True)]),
    ("滁州·嘉兴对口合作推介会举行。", [("滁州", "n0", True), ("嘉兴", "n0", True)]),
    ("黄山市与奉贤区结对共建。", [("黄山市", "n0", True), ("奉贤区", "n0", True)]),
    ("上海宝山区南通海门区二地政务通办启动。", [("宝山区", "n2", False), ("海门区", "n2", False)]),  # parents as address
    ("常州和溧阳两地", []),  # a city and its own county are no pair
    ("湖州市和宣城市签约。", []),  # no cue: two regions of a list
    ("湖州市、宣城市、池州市三市签约。", []),  # not two places
])
def test_named_pairs(text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a province opening a company's registered name or a company's project name is no mention
    ("由安徽星澜精密轴承科技有限公司承建。", []),
    ("江苏云帆药业扩产项目开工。", []),
    ("另有浙江云岚实业仓储项目签约。", []),
    ("安徽星湾新材料项目签约。", []),
    # a count, a rank, a plain category or a city after the province: the province is named
    ("上海首个氢能项目落地。", ["310000"]),
    ("上海重点项目开工。", ["310000"]),
    ("推动上海科创项目落地。", ["310000"]),
    ("江苏新材料项目集中开工。", ["320000"]),
    ("浙江湖州星河项目开工。", ["330500"]),
    ("象山云岚海上风电项目开工。", ["330225"]),  # a county in a descriptive project name counts
])
def test_provinces_opening_company_names(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


def compounds(text: str) -> list[tuple[str, str | None]]:
    return [(m.surface_text, m.attrs.get("compound")) for m in extract_regions(text) if m.attrs.get("abbreviation")]


@pytest.mark.parametrize(("text", "expected"), [
    # a function word before a compound does not take its first character
    ("对苏沪合作很关键。", [("苏", "c1"), ("沪", "c1")]),
    ("小镇地处苏浙两省交界。", [("苏", None), ("浙", None)]),
    ("北仑港沪甬合作加深。", [("沪", "c3"), ("甬", "c3")]),  # 港 belongs to the place before it
    # a compound that only locates (交界, 接壤) names places, no cooperation
    ("推进苏浙皖交界地区发展。", [("苏", None), ("浙", None), ("皖", None)]),
    ("沪浙接壤处新建道路。", [("沪", None), ("浙", None)]),
    ("深化沪苏合作。", [("沪", "c2"), ("苏", "c2")]),
])
def test_compounds_and_border_terms(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert compounds(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the builder of an enclave and the place it is built in are a stated pair, outside the YRD too
    ("湖州在上海建设飞地。", [("湖州", "e0", True), ("上海", "e0", True)]),
    ("嘉善县某某镇在深圳打造的科创飞地开园。", [("嘉善县", "e0", True), ("深圳", "e0", True)]),
    ("衢州市还在杭州布局产业飞地。", [("衢州市", "e0", True), ("杭州", "e0", True)]),
    ("该镇在上海建起了科创飞地。", []),  # no builder named in the clause
    ("湖州市吴兴区在湖州建设飞地。", []),  # a district and its own city are no pair
])
def test_enclave_pairs(text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert pairs(text) == expected
