"""Park rules: suffix grammar, left boundary, phases, categories, host and partner regions."""

from __future__ import annotations

import pytest

from ingest.extract.parks import alias_key, extract_parks, tail_aliases


def names(text: str) -> list[str]:
    return [p.normalized for p in extract_parks(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("位于徐州的惠山贾汪工业园区揭牌。", ["惠山贾汪工业园区"]),
    ("其核心区是同时揭牌的起步区无锡惠泉高新技术产业园。", ["无锡惠泉高新技术产业园"]),
    ("与临港集团共建上海临港创新协同中心。", ["上海临港创新协同中心"]),
    ("惠山以惠山高端装备园为支点。", ["惠山高端装备园"]),
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
    ("惠山贾汪工业园区揭牌。", "320305", "320206"),
    ("嘉定工业区温州园开工。", "310114", "330300"),
    ("上海嘉定氢能港产业园签约。", "310114", None),
    ("星澜光电产业园授牌。", None, None),
    ("宁波(上海)科创飞地落户。", "310000", "330200"),
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
