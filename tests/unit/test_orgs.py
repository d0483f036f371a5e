"""Organisation rules: suffixes, left boundary, registered names."""

from __future__ import annotations

import pytest

from ingest.extract.orgs import extract_orgs


@pytest.mark.parametrize(("text", "expected"), [
    ("全球龙头企业保诺科技集团在上海扎根。", ["保诺科技集团"]),
    ("由上海临港、光华集团、常熟辛庄镇人民政府等共同打造。", ["光华集团", "常熟辛庄镇人民政府"]),
    ("上海临港集团、上海联和投资、常熟市政府签署协议。", ["上海临港集团", "上海联和投资", "常熟市政府"]),
    ("江苏蓝力重工科技有限公司在惠山耕耘多年。", ["江苏蓝力重工科技有限公司"]),
    ("项目总投资9.5亿元。", []),
    ("马上签下了投资意向。", []),
    ("与宁德时代新能源科技股份有限公司签约。", ["宁德时代新能源科技股份有限公司"]),
    ("得到了各级政府的支持。", []),
    ("浙江省人民政府办公厅印发通知。", ["浙江省人民政府"]),
    ("中国银行苏州分行提供授信。", ["中国银行"]),
])
def test_org_names(text: str, expected: list[str]) -> None:
    assert [o.normalized for o in extract_orgs(text)] == expected


@pytest.mark.parametrize(("text", "registered"), [
    ("江苏蓝力重工科技有限公司投产。", True),
    ("长三角产业园区发展联盟成立。", True),
    ("临港集团出资。", False),
])
def test_registered_names_shadow_places(text: str, registered: bool) -> None:
    assert extract_orgs(text)[0].attrs["registered"] is registered
