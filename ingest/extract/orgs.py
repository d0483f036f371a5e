"""Organisations: companies, groups, investors and governments by their suffixes."""

from __future__ import annotations

import re

from ingest.extract.mention import Mention, touches_damage
from ingest.extract.tokenizer import name_start
from ingest.text import HAN_BASIC

# Organisation suffixes, longest first.
ORG_SUFFIXES = [
    "股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "人民政府", "政府", "管委会",
    "管理委员会", "研究院", "研究所", "商会", "协会", "联盟", "银行", "证券", "基金会", "投资", "控股",
]
# Suffixes that are words of their own too (投资意向 is no org).
WORD_SUFFIXES = ("投资", "控股", "证券")
# An organisation suffix; 投资/控股/证券 only when no word continues it. One flat alternation
# of words, each opening with its character, lets the scan skip to the next suffix at once.
ORG_SUFFIX = re.compile("|".join(
    [s for s in ORG_SUFFIXES if s not in WORD_SUFFIXES]
    + [rf"{w}(?![{HAN_BASIC}]|[A-Za-z0-9])" for w in WORD_SUFFIXES] + [rf"{w}(?=[、和与及等的])" for w in WORD_SUFFIXES]
))
# Suffixes of registered names and associations: the places inside them are not mentions.
REGISTERED = re.compile(r"(?:有限公司|有限责任公司|联盟|协会|商会)$")
# Words before an organisation name that describe it rather than name it.
ORG_STOP_WORDS = frozenset({"企业", "龙头企业", "领军企业", "公司", "机构", "单位", "股东", "股东方", "总投资",
                            "计划", "投资", "总部", "合作", "签约"})
# Bodies too vague for a name (总投资, 各级政府, 市政府 alone).
GENERIC_ORG_BODY = re.compile(r"^(?:总|计划|固定资产|实际|累计|招商|对外|项目|产业|各级|各|地方|当地|市|区|县|省|镇|该|本)*$")
MIN_NAME_CHARS = 4


def extract_orgs(text: str) -> list[Mention]:
    """Organisation mentions; ``normalized`` is the name as written, ``attrs['registered']``
    says whether it is a registered company or association name.

    >>> [o.normalized for o in extract_orgs("全球龙头企业恒瑞科技集团在上海扎根")]
    ['恒瑞科技集团']
    """
    out = []
    for m in ORG_SUFFIX.finditer(text):
        start = name_start(text, m.start(), m.end(), max_chars=20, stop_words=ORG_STOP_WORDS, glued_head=True)
        if start is None:
            continue
        name = text[start:m.end()]
        if len(name) < MIN_NAME_CHARS or GENERIC_ORG_BODY.match(text[start:m.start()]) or touches_damage(text, start, m.end()):
            continue
        out.append(Mention("org", start, m.end(), name, name, attrs={"registered": bool(REGISTERED.search(name))}))
    return out
