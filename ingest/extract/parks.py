"""Parks, zones, enclaves and innovation centres named by the park suffix grammar."""

from __future__ import annotations

import re

from ingest.extract.mention import Mention, touches_damage

# Suffixes that make a name a park-like place, longest first.
PARK_SUFFIXES = [
    "经济技术开发区", "高新技术产业开发区", "高新技术产业园区", "高新技术产业园", "产业合作示范园区",
    "科技创新园", "科技产业园", "工业园区", "产业园区", "创新园区", "示范园区", "科技园区",
    "产业园", "科创园", "科技园", "工业园", "创业园", "物流园", "生态园", "孵化园",
    "开发区", "高新区", "经开区", "保税区", "自贸区", "工业区", "园区", "产业基地", "孵化基地", "孵化中心",
    "创新中心", "协同中心", "科创飞地", "飞地", "科技城", "科学城", "产业城", "智造城", "芯城", "谷", "港", "小镇", "园",
]
PHASE = r"(?:[一二三四五六七八九十\d]+期)?"
# Characters allowed inside a park name: Han, Latin, digits, brackets around a host region.
NAME_BODY = r"(?:[\u4e00-\u9fffA-Za-z0-9·]|[(（][\u4e00-\u9fff]{2,6}[)）]){2,20}?"
PARK = re.compile(
    rf"(?P<name>{NAME_BODY}(?:{'|'.join(PARK_SUFFIXES)}))(?P<phase>{PHASE})(?![\u4e00-\u9fff]{{0,0}}区)"
)
# Words that cannot start a park name (function words a greedy match drags in).
LEFT_TRIM = re.compile(r"^(?:的|在|与|和|及|是|为|于|由|对|将|把|向|从|位于|地处|推进|打造|建设|共建|全力打造|成为|通过|以|等|了|暨|及其|、)+")
# Names that are categories, not places.
GENERIC = re.compile(r"^(?:特色|专业|创新|现代化|现代|国家级|省级|新|该|本|这个|各类|首批|产业|科创|科技|工业)*(?:园区|产业园|工业园|科创园|园|港|谷|小镇|飞地|中心|基地)$")


def extract_parks(text: str) -> list[Mention]:
    """Park mentions; ``normalized`` is the name without phase, ``attrs['phase']`` the phase."""
    out = []
    for m in PARK.finditer(text):
        name = m["name"]
        trimmed = LEFT_TRIM.sub("", name)
        start = m.start() + (len(name) - len(trimmed))
        if len(trimmed) < 4 or GENERIC.match(trimmed) or touches_damage(text, start, m.end()):
            continue
        host, partner = host_and_partner(trimmed)
        out.append(Mention("park", start, m.end(), text[start:m.end()], trimmed,
                           attrs={"phase": m["phase"] or None, "host_region": host, "partner_region": partner}))
    return out


def host_and_partner(name: str) -> tuple[str | None, str | None]:
    """Host and partner regions named inside a park name.

    A region in brackets is the host (温州(嘉定)科创园: host 嘉定, partner 温州); two
    regions in a row name the partner first and the host second (惠山贾汪工业园区);
    a single region is the host.
    """
    from ingest.extract.regions import extract_regions

    regions = extract_regions(name)
    if not regions:
        return None, None
    bracketed = [r for r in regions if r.char_start > 0 and name[r.char_start - 1] in "(（"]
    if bracketed:
        host = bracketed[0]
        others = [r for r in regions if r is not host and r.ref_id != host.ref_id]
        return host.ref_id, others[0].ref_id if others else None
    distinct = list(dict.fromkeys(r.ref_id for r in regions))
    if len(distinct) >= 2 and regions[1].char_start == regions[0].char_end:
        return distinct[1], distinct[0]
    return distinct[0], None
