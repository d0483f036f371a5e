"""Organisations: companies, groups, investors and governments by their suffixes."""

from __future__ import annotations

import re

from ingest.extract.mention import Mention, touches_damage

# Organisation suffixes, longest first.
ORG_SUFFIXES = [
    "股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "人民政府", "管委会", "管理委员会",
    "研究院", "研究所", "商会", "协会", "银行", "证券", "基金会", "投资", "控股",
]
ORG = re.compile(rf"(?P<name>[\u4e00-\u9fffA-Za-z0-9]{{2,16}}?(?:{'|'.join(ORG_SUFFIXES)}))")
LEFT_TRIM = re.compile(r"^(?:的|在|与|和|及|是|为|于|由|对|将|把|向|从|通过|以|等|了|、|同时|会上|其中)+")


def extract_orgs(text: str) -> list[Mention]:
    """Organisation mentions; ``normalized`` is the name as written."""
    out = []
    for m in ORG.finditer(text):
        name = LEFT_TRIM.sub("", m["name"])
        start = m.end() - len(name)
        if len(name) < 4 or touches_damage(text, start, m.end()):
            continue
        out.append(Mention("org", start, m.end(), name, name))
    return out
