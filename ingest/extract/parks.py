"""Parks, zones, enclaves and innovation centres named by the park suffix grammar.

A candidate is found by its suffix (产业园, 高新区, 科创飞地, 氢能港 …); its left boundary
is found by walking back over jieba tokens until a verb, particle, number or other
non-name token (``tokenizer.name_start``), so 位于南京的江宁溧水工业园区 yields
江宁溧水工业园区. A phase (二期) stays in the span and goes to ``attrs['phase']``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.extract.lexicon import PARK_SUFFIXES, SUFFIX_ALIASES
from ingest.extract.mention import Mention, touches_damage
from ingest.extract.regions import (
    ECONOMIC_REGION_TERMS,
    division_at,
    division_spans,
    extract_regions,
    is_region_name,
    is_zone,
)
from ingest.extract.tokenizer import load_dictionary_tags, name_start, tag
from ingest.gazetteer import load_abbreviations, load_regions
from ingest.reference import load_dbt_vars
from ingest.text import CLAUSE_BREAK_CHARS, HAN_BASIC, HAN_CHAR, alternation, clause_bounds

# A park suffix (longest first), or a bare 园 that is not part of 园区/园林, then a phase.
PARK_SUFFIX = re.compile(
    rf"(?P<suffix>{alternation([*PARK_SUFFIXES, '园(?![区林艺])'])})(?P<phase>[一二三四五六七八九十\d]+期)?"
)
# Words before a bare 园 that make it a garden, campus or home, not a park.
NOT_PARK_YUAN = re.compile(r"(?:公|花|家|校|乐|田|庄|果|茶|陵|菜|植物|动物|幼儿|游乐|博览|开|入|进|建|出|离|游)$")
# Bodies that are only descriptors: the name is a category (特色专业创新园区, 科技型园区).
GENERIC_PARK_BODY = re.compile(
    r"^(?:特色|专业|创新|现代化|现代|国家级|省级|市级|首批|新型|新|该|本|此|产业|科创|科技|工业|"
    r"中小企业|企业|先行|示范|试点|培育|离岸|协同|合作|区域|跨区域|综合|相关|各类|各|这个|大型|小型|"
    r"专精特新|高质量|一流|重点|重大|功能|配套|标准|高标准|特色化|专业化|数智|社区|城市|共同富裕)*$"
)
# Words that make a region's descriptor a category of parks (特色专业创新园区, 首批省级园区).
CATEGORY_WORD = re.compile(r"特色|专业|首批|国家级|省级|市级|重点|重大|培育|试点|示范|先行|现代化|高质量|一流|各类|相关|标准")
# A body ending in 型/类/式 describes a kind of park (社区型产业园).
KIND_BODY = re.compile(r"[型类式级]$")
# Suffixes of centres, which name a project when 项目 follows (…创新中心项目).
CENTRE_SUFFIX = re.compile(r"(?:中心|基地)$")
MIN_NAME_CHARS = 4
# Joiners inside a park name between two named parts: 某某智谷·某地智能制造产业园, 甲地—乙地合作产业园.
JOINERS = "·•・—–-"
# A name part before a joiner: letters, digits and Han characters.
JOINED_PART = re.compile(rf"[{HAN_BASIC}A-Za-z0-9]{{2,10}}$")
# Single characters that open a clause, not a name (这是某市经开区, 由某某产业园引进).
LEADING_FUNCTION = re.compile(r"(?:[是在于为到从对向由将把被让给的]|地处|定位于|位于|旗下)+")
# A date before a name (1月4日某某综保区, 4日某某综保区, the 日 of a date whose digits the left
# boundary dropped); a 日 after no digit is no date (日本某某孵化中心).
LEADING_DATE = re.compile(r"[\d年月]*日")
# 原 (former) before a division opening the name: 原某区某某工业区 names the park without it.
FORMER = "原"
# Bodies of an organisation or a category noun the left boundary kept before the name: the
# name starts after them (某某服务中心某某创新园, 核心平台某某智慧城).
BODY_BEFORE_NAME = re.compile(r"(?:服务中心|促进中心|管委会|管理委员会|委员会|办公室|指挥部|平台|载体|板块)")
# A zone named by its bare suffix before a name (高新区某某产业园): it only locates the park.
BARE_ZONE_BEFORE = re.compile(r"(?:高新区|经开区|开发区|园区|新区)")
# Tags of an adverb or adjective and of a verb: 有效扩大某某新片区 opens with a verb phrase.
ADVERB_TAGS = frozenset({"a", "ad", "d"})
# Honours and titles a clause awards (荣获“某某示范园区”称号, 被评为某某产业园): a title, not a park.
HONOUR = re.compile(r"获评|荣获|被评为|评为|入选|授予|命名为|称号")
# A positioning goal (力争成为某某示范区, 定位于某某集聚区): what a place is to
# become or is classed as, not a park.
BECOME = re.compile(r"成为|定位于|定位为")
# A new town's functional area or 片区 (某某新城功能区): a part of a town, not a park.
TOWN_AREA_SUFFIXES = ("功能区", "片区")
# A compass sector right after a park's suffix names a part listed as a park (某某科创园南区).
SECTOR = re.compile(r"[东西南北]区")
# A district in brackets right after a zone (某某高新区(某区)): the district the zone is run with.
BRACKETED_DISTRICT = re.compile(r"[(（]([^()（）]{2,5})[)）]")
DISTRICT_ZONE_SUFFIXES = frozenset({"高新区", "经开区", "开发区", "经济开发区", "经济技术开发区", "新区", "高新技术产业开发区"})
# A body that is only a division word: an unnamed reference (市开发区, 县经开区).
BARE_LEVEL_BODIES = frozenset({"市", "县", "区", "省", "全市", "全县", "全区", "全省"})
# What follows a centre or base that names a company's project (某某产业基地暨研发中心项目).
PROJECT_AFTER = re.compile(r"^(?:暨[^，。；、]{0,12})?项目")
# A list a centre stands in that the text types as platforms or bodies (依托甲创新中心、乙孵化器
# 等技术对接平台): its members are platforms, not parks.
PLATFORM_LIST_AFTER = re.compile(r"^(?:、[^，。；、]{1,20}){0,8}等[^，。；、]{0,12}(?:平台|机构|载体)")
# Verbs of a goal before a park's kind (建设一流产业园区, 打造零碳示范园区): never inside a name.
GOAL_VERBS = ("建设", "打造", "建成", "创建", "争创", "布局")
# What makes a plain name in its clause a description (打造…, 成为…, …的智能制造产业园), not a name.
GOVERNED = re.compile("|".join((*GOAL_VERBS, "成为", "形成", "共建", "的", "首个", "首家", "第一个", "又一个", "这个")))
# Joiners after which the part before must be a division (甲地—乙地合作产业园), not a word (载体—).
REGION_JOINERS = "—–"
# What follows a park name when it only names a company (某某产业园管理有限公司, 某某产业园集团).
COMPANY_AFTER = re.compile(rf"^[{HAN_BASIC}()（）]{{0,10}}?(?:股份有限公司|有限责任公司|有限公司|公司|集团)")
# A body naming a company: the centre or base is that company's facility (某某集团科创中心).
COMPANY_IN_BODY = re.compile(r"集团|公司|有限")
# A town after a division prefix: the division only locates the town's park (某区某某镇产业基地).
TOWN = re.compile(rf"[{HAN_BASIC}]{{1,4}}(?:镇|乡|街道)")
# Proper-noun tags of jieba's dictionary that make a word a name (places, organisations, brands).
NAME_TAGS = frozenset({"ns", "nt", "nz"})
# Characters a park key drops (white space, brackets, dots), shared with macros/park_key.sql.
PARK_KEY_STRIP = re.compile(load_dbt_vars()["park_key_strip"])


def extract_parks(text: str, pair_named: bool = False) -> list[Mention]:
    """Park mentions; ``normalized`` is the name without phase, ``attrs['phase']`` the phase.

    With ``pair_named``, plain names that may be named by the initials of two regions
    (甲乙合作园区) are kept too, with ``attrs['plain']``; ``extract_article`` keeps those whose
    initials the article's regions resolve.

    >>> [p.normalized for p in extract_parks("位于南京的江宁溧水工业园区揭牌")]
    ['江宁溧水工业园区']
    """
    found: list[tuple[int, int, str, str | None]] = []
    plain: list[tuple[int, int, str, str | None]] = []
    aliases: dict[tuple[int, int], str] = {}
    locators: dict[str, str] = {}  # a name -> the division that located it (上海某某工业园: 上海)
    for m in PARK_SUFFIX.finditer(text):
        start = park_start(text, m.start("suffix"), m.end("suffix"), m["suffix"])
        if start is None:
            continue
        suffix_end, end = m.end("suffix"), m.end()
        if m["suffix"].endswith("园") and text.startswith("区", suffix_end) and not m["phase"]:
            suffix_end = end = suffix_end + 1  # 卓越科创园区: the suffix is 科创园区
        elif not m["phase"] and SECTOR.match(text, suffix_end) and not is_region_name(text[suffix_end:suffix_end + 3]):
            suffix_end = end = suffix_end + 2  # 某某科创园南区: a sector of the park
        district = BRACKETED_DISTRICT.match(text, suffix_end)
        if district and not m["phase"] and m["suffix"] in DISTRICT_ZONE_SUFFIXES and is_region_name(district[1]):
            suffix_end = end = district.end()  # 某某高新区(某区): the zone's own district is part of its name
        start = extend_over_joiners(text, start)
        start = cut_leading_words(text, start, m.start("suffix"))
        start = quoted_start(text, start, m.start("suffix"))
        if not m["suffix"].endswith("飞地"):  # an enclave is named partner first: 甲市乙地科创飞地
            start = cut_after_juxtaposed_region(text, start, m.start("suffix"))
        located, start = start, cut_locator(text, start, m.start("suffix"))
        if start > located and division_spans(text[located:start]):
            locators.setdefault(unquoted(text[start:suffix_end]), division_spans(text[located:start])[0][2])
        name = unquoted(text[start:suffix_end])
        body = re.sub(r"[()（）“”‘’\"]", "", text[start:m.start("suffix")])
        rest = strip_regions(body)
        if rest and rest != body and GENERIC_PARK_BODY.match(rest) and CATEGORY_WORD.search(rest):
            continue  # 昆山市特色专业创新园区: a category of parks in a region (嘉定科技创新园 is one park)
        if m["suffix"] == "园区" and body.endswith(tuple(PARK_SUFFIXES)):
            continue  # 昆山星河芯城园区方: 园区 restates the park just named
        if is_bracketed_alias(text, start, found):
            aliases[(start, end)] = found[-1][2]  # 某某高新区(某某国家高新技术产业开发区): one park
            found.append((start, end, name, m["phase"]))
            continue
        if (
            len(name) < MIN_NAME_CHARS or GENERIC_PARK_BODY.match(body) or KIND_BODY.search(body)
            or touches_damage(text, start, end)
            or (CENTRE_SUFFIX.search(name) and (PROJECT_AFTER.match(text[end:end + 16])
                                                 or PLATFORM_LIST_AFTER.match(text[end:end + 200])))
            or COMPANY_AFTER.match(text[end:end + 12]) or COMPANY_IN_BODY.search(body)
            or is_division_name(name) or body in BARE_LEVEL_BODIES
            or HONOUR.search(clause_before(text, start)) or BECOME.search(clause_before(text, start))
            or (m["suffix"] in TOWN_AREA_SUFFIXES and body.endswith("新城"))
        ):
            continue
        (found if is_distinctive(body) else plain).append((start, end, name, m["phase"]))
    # a plain name (绿洲芯城) is a park where it shortens a distinctive one of the same text
    shortened = [p for p in plain if any(alias_key(f[2]).endswith(alias_key(p[2])) for f in found)]
    # a plain name is one park's name where no goal or description governs it: 对星海产业园、
    # 云杉产业园授牌 names two parks, 打造智能制造产业园 and 一体的智能制造产业园 none
    listed = [p for p in plain if p not in shortened and not GOVERNED.search(clause_before(text, p[0]))]
    paired = [p for p in plain if pair_named and p not in shortened + listed and PAIR_NAME.search(p[2])]
    found += shortened + listed + paired
    found.sort()
    found = [f for f in found if not any(o is not f and o[0] <= f[0] and f[1] <= o[1] for o in found)]
    canonical = tail_aliases([name for _, _, name, _ in found], frozenset(p[2] for p in plain), locators)
    out = []
    for start, end, name, phase in found:
        host, partner = host_and_partner(canonical.get(name, name))
        attrs: dict[str, object] = {"phase": phase, "host_region": host, "partner_region": partner}
        if (start, end) in aliases:  # the bracketed name is one spelling of the park before it
            attrs["written"], name = name, aliases[(start, end)]
        if (start, end, name, phase) in paired:
            attrs["plain"] = True
        out.append(Mention("park", start, end, text[start:end], canonical.get(name, name), attrs=attrs))
    return out


def clause_before(text: str, at: int) -> str:
    """The text of the clause before offset ``at``, back to the previous comma or sentence end.

    >>> clause_before("会上，星河产业园揭牌", 5)
    '星河'
    """
    return text[clause_bounds(text, at, at)[0]:at]


def quoted_start(text: str, start: int, suffix_start: int) -> int:
    """Start a name at its opening quote when a quoted name runs up to the suffix (“某某‘芯’谷”
    产业园: the name is 某某‘芯’谷产业园, inner quotes and all).

    >>> text = "签约“星湾‘芯’谷”产业园项目"
    >>> text[quoted_start(text, 10, 10):13]
    '“星湾‘芯’谷”产业园'
    """
    if suffix_start < 1 or text[suffix_start - 1] not in "”\"":
        return start
    opening = max(text.rfind("“", 0, suffix_start - 1), text.rfind('"', 0, suffix_start - 1))
    inner = text[opening + 1:suffix_start - 1]
    if opening < 0 or suffix_start - opening > 16 or any(c in inner for c in CLAUSE_BREAK_CHARS) \
            or not is_distinctive(re.sub(r"[‘’'“”]", "", inner)):
        return start  # a quoted ordinary word is a term (“飞地”产业园), not a name
    return opening


def without_district(name: str) -> str:
    """A zone's name without the district in brackets that ends it.

    >>> without_district("星湾高新区(吴兴)")
    '星湾高新区'
    """
    district = BRACKETED_DISTRICT.search(name)
    return name[:district.start()] if district and district.end() == len(name) else name


def unquoted(name: str) -> str:
    """``name`` without the outer quotes of a quoted name (“某某‘芯’谷”产业园 -> 某某‘芯’谷产业园).

    >>> unquoted("“星湾‘芯’谷”产业园")
    '星湾‘芯’谷产业园'
    """
    if name[:1] not in "“\"":
        return name
    close = name.find("”" if name[0] == "“" else '"', 1)
    return name[1:close] + name[close + 1:] if close > 0 else name[1:]


def is_bracketed_alias(text: str, start: int, found: list[tuple[int, int, str, str | None]]) -> bool:
    """True when a name in brackets follows a park name found before it: the bracket gives
    another name of that park (某某高新区(某区)(某某国家高新技术产业开发区)).

    >>> text = "湖州星岚高新区(星岚国家高新技术产业开发区)发布新政"
    >>> is_bracketed_alias(text, 8, [(0, 7, "湖州星岚高新区", None)])
    True
    """
    if start < 1 or text[start - 1] not in "(（" or not found:
        return False
    between = text[found[-1][1]:start - 1]
    return not between or bool(re.fullmatch(r"[(（][^()（）]{1,6}[)）]", between))


def extend_over_joiners(text: str, start: int) -> int:
    """Start a name earlier over a joiner and the named part before it (某某智谷·某地智能制造
    产业园, 甲地—乙地合作产业园, 甲地-乙地科创飞地).

    >>> text = "星岚智谷·江宁精密装备产业园开园"
    >>> text[extend_over_joiners(text, 5):]
    '星岚智谷·江宁精密装备产业园开园'
    """
    while start > 1 and text[start - 1] in JOINERS:
        part = JOINED_PART.search(text, max(0, start - 11), start - 1)
        if not part:
            break
        part_start = name_start(text, start - 1, start, max_chars=10)
        if part_start is None or part_start >= start - 2:
            break
        if text[start - 1] in REGION_JOINERS and not is_region_name(text[part_start:start - 1]):
            break
        start = part_start
    return start


def cut_leading_words(text: str, start: int, suffix_start: int) -> int:
    """Drop clause words the left boundary kept (是, 由, 位于, a date's 日) before a name."""
    for word in ("项目", *GOAL_VERBS):
        at = text.rfind(word, start, suffix_start)
        if at >= 0:
            start = at + len(word)  # 两大项目由某某合作园引进, 高水平建设某某示范区: the name begins after
    before = BODY_BEFORE_NAME.search(text, start, suffix_start)
    while before and suffix_start - before.end() >= 2:
        start = before.end()  # 某某服务中心某某创新园: the centre is an organisation
        before = BODY_BEFORE_NAME.search(text, start, suffix_start)
    zone = BARE_ZONE_BEFORE.match(text, start, suffix_start)
    if zone and suffix_start - zone.end() >= 2:
        start = zone.end()  # 高新区某某产业园: the bare zone only locates the park
    start = after_verb_phrase(text, start, suffix_start)
    date = LEADING_DATE.match(text, start, suffix_start)
    if date and (date.group()[0].isdigit() or (start > 0 and text[start - 1].isdigit())):
        start = date.end()
    if text.startswith(FORMER, start) and division_spans(text[start + 1:suffix_start])[:1] and \
            division_spans(text[start + 1:suffix_start])[0][0] == 0:
        start += 1  # 原某区某某工业区: the former park is named without 原
    m = LEADING_FUNCTION.match(text, start, suffix_start)
    return m.end() if m and m.end() < suffix_start else start


def after_verb_phrase(text: str, start: int, suffix_start: int) -> int:
    """Start a name after an adverb and a verb that open its span (有效扩大某某新片区).

    >>> text = "有效扩大星湾新片区"
    >>> text[after_verb_phrase(text, 0, 6):]
    '星湾新片区'
    """
    tokens = list(tag(text[start:suffix_start]))
    if len(tokens) >= 3 and tokens[0][1] in ADVERB_TAGS and tokens[1][1] == "v":
        return start + len(tokens[0][0]) + len(tokens[1][0])
    return start


def cut_locator(text: str, start: int, suffix_start: int) -> int:
    """Drop a division that only locates the name after it: a parent before its own division
    (浙江湖州经济技术开发区 -> 湖州经济技术开发区) or a division before a town (某区某某镇产业基地).

    >>> text = "与安徽宣城经济技术开发区签约"
    >>> text[cut_locator(text, 1, 5):12]
    '宣城经济技术开发区'
    """
    spans = division_spans(text[start:suffix_start])
    if not spans or spans[0][0] != 0:
        return start
    first_end, first_code = spans[0][1], spans[0][2]
    if len(spans) > 1 and spans[1][0] == first_end and (
            first_code in _ancestors(spans[1][2]) or first_code == spans[1][2]):
        return start + first_end  # 浙江湖州某某开发区, 余姚市余姚某某园: the first only locates
    if TOWN.match(text, start + first_end, suffix_start):
        return start + first_end
    return start


def is_division_name(name: str) -> bool:
    """True when ``name`` is a division written with its parents (上海浦东新区), not a zone
    named after a city (某市滨海新区)."""
    spans = division_spans(name)
    if not spans or sum(e - s for s, e, _ in spans) != len(name):
        return False
    return all(a[2] in _ancestors(b[2]) for a, b in zip(spans, spans[1:], strict=False))


@lru_cache(maxsize=1 << 12)
def is_distinctive(body: str) -> bool:
    """True when a park name's body names something: a division, a word the dictionary does
    not know (a brand, a place), a proper noun, letters or digits. A body made only of
    ordinary words (零碳示范, 一流, 智能制造) describes a kind of park, not one park.

    >>> is_distinctive("嘉兴"), is_distinctive("星榆智能信息"), is_distinctive("零碳"), is_distinctive("智能制造")
    (True, True, False, False)
    """
    if not body or re.search(r"[A-Za-z0-9]", body):
        return bool(body)
    tags = load_dictionary_tags()
    for word, _flag in tag(body):
        if not HAN_CHAR.match(word):
            continue
        if word in ECONOMIC_REGION_TERMS:
            continue  # 长三角 names an area, not this park
        if is_region_name(word) or (len(word) >= 2 and word not in tags) or tags.get(word) in NAME_TAGS:
            return True
    return bool(strip_regions(body) != body)


def park_start(text: str, suffix_start: int, suffix_end: int, suffix: str) -> int | None:
    """Where the park name ending in ``suffix`` starts, or None if the suffix is not one here."""
    if suffix == "园" and NOT_PARK_YUAN.search(text[max(0, suffix_start - 2):suffix_start]):
        return None
    return name_start(text, suffix_start, suffix_end)


def tail_aliases(names: list[str], plain: frozenset[str] = frozenset(),
                 locators: dict[str, str] | None = None) -> dict[str, str]:
    """Map each spelling of a park to the canonical one of the same article.

    A name is another spelling of a longer name when that name ends with it and what it drops
    is a division (昆山星河芯城 / 星河芯城), a zone the park lies in (某经开区智能制造产业园 /
    智能制造产业园), or a brand before a joiner (某某智谷·某地智能制造产业园); when it is the
    longer name without an inner division (某某岱山产业园 / 某某产业园); when it is a plain name
    (one of ``plain``) ending a longer one; or when both spell one key (科创园 = 科技创新园,
    甲—乙 = 甲-乙), the longer, then the first, being canonical. A short name written after a
    division that ``locators`` records (上海某某工业园, the locator cut) is no spelling of a longer
    name headed by an unrelated division (甲市某某工业园): they are two parks.

    >>> tail_aliases(["昆山星河芯城", "星河芯城"])
    {'星河芯城': '昆山星河芯城'}
    >>> tail_aliases(["湖州青浦工业园", "青浦工业园"], locators={"青浦工业园": "310000"})
    {}
    """
    locators = locators or {}
    out: dict[str, str] = {}
    for short in names:
        key = alias_key(short)
        longer = [n for n in names if len(alias_key(n)) > len(key) and _spells_as(n, short, short in plain)
                  and not _other_locator(n, short, locators.get(short))]
        same = [n for n in names if n != short and (alias_key(n) == key or swapped_parts(n, short))]
        if longer:
            out[short] = max(longer, key=lambda n: len(alias_key(n)))
        elif same:
            first = max([short, *same], key=lambda n: (len(n), -names.index(n)))
            if first != short:
                out[short] = first
    return {short: out.get(long, long) for short, long in out.items()}


def swapped_parts(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` join the same two parts in the other order (甲·乙科创产业园 and
    乙·甲科创产业园): one park.

    >>> swapped_parts("云岚·星湾科创产业园", "星湾•云岚科创产业园")
    True
    """
    ca, cb = max(a.rfind(j) for j in JOINERS), max(b.rfind(j) for j in JOINERS)
    if ca <= 0 or cb <= 0:
        return False
    left_a, right_a, left_b, right_b = a[:ca], a[ca + 1:], b[:cb], b[cb + 1:]
    return (left_a != left_b and right_a.startswith(left_b) and right_b.startswith(left_a)
            and right_a[len(left_b):] == right_b[len(left_a):])


def _other_locator(long: str, short: str, locator: str | None) -> bool:
    """True when ``short`` was located by a division unrelated to the one heading ``long``."""
    spans = division_spans(long[: max(0, len(long) - len(short))])
    if not locator or not spans or spans[0][0] != 0:
        return False
    head = spans[-1][2]
    return head != locator and locator not in _ancestors(head) and head not in _ancestors(locator)


def _spells_as(long: str, short: str, short_is_plain: bool) -> bool:
    """True when ``short`` is another spelling of the longer ``long`` (see ``tail_aliases``)."""
    key, long_key = alias_key(short), alias_key(long)
    if long_key.endswith(key):
        head = long_key[: len(long_key) - len(key)]
        if short_is_plain or is_region_name(head) or head.endswith(tuple(alias_key(s) for s in PARK_SUFFIXES)):
            return True
        cut = max(long.rfind(j) for j in JOINERS)
        return cut > 0 and alias_key(long[cut + 1:]).endswith(key) and (
            alias_key(long[cut + 1:]) == key or is_region_name(alias_key(long[cut + 1:])[: -len(key)]))
    return any(long_key[:s] + long_key[e:] == key for s, e, _ in division_spans(long_key) if 0 < s)


def alias_key(name: str) -> str:
    """The form under which spellings of one park name are equal.

    >>> alias_key("台州（松江）科技创新园") == alias_key("台州(松江)科创园")
    True
    """
    name = PARK_KEY_STRIP.sub("", name)
    for long, short in SUFFIX_ALIASES:
        name = name.replace(long, short)
    return name


def park_category_after(text: str, start: int) -> int | None:
    """The end of a category of parks written right after a region, at ``start`` (嘉善县 +
    特色专业园区: the set of that region's parks of a kind), or None when no category follows.

    >>> t = "嘉善县特色产业园区总量达到20个"
    >>> t[3:park_category_after(t, 3)], park_category_after("嘉善县星河产业园开园", 3)
    ('特色产业园区', None)
    """
    m = PARK_SUFFIX.search(text, start, start + 16)
    if m is None:
        return None
    body = text[start:m.start("suffix")]
    if body and GENERIC_PARK_BODY.match(body) and CATEGORY_WORD.search(body):
        return m.end("suffix") + (text[m.end("suffix"):m.end("suffix") + 1] == "区" and m["suffix"].endswith("园"))
    return None


@lru_cache(maxsize=1 << 12)
def strip_regions(body: str) -> str:
    """``body`` without the division names it starts with (昆山市特色 -> 特色)."""
    for cut in range(len(body), 0, -1):
        if is_region_name(body[:cut]):
            return body[cut:]
    return body


def cut_after_juxtaposed_region(text: str, start: int, end: int) -> int:
    """Start a name after a full division name followed by an unrelated one: in
    上海闵行区无锡高新区 the park is 无锡高新区 (江宁溧水工业园区, in short names, is one name)."""
    return start + _juxtaposed_cut(text[start:end])


@lru_cache(maxsize=1 << 12)
def _juxtaposed_cut(name: str) -> int:
    """Offset in ``name`` where the second of two juxtaposed unrelated regions starts, else 0."""
    regions = extract_regions(name, compounds=False)
    for a, b in zip(regions, regions[1:], strict=False):
        if (a.char_end == b.char_start and a.surface_text == load_regions()[a.ref_id or ""].name
                and a.ref_id not in _ancestors(b.ref_id)):
            return b.char_start
    return 0


# A cooperation word right after the second of two regions apart in a park name: the
# park it names is the first side's park in the second (甲市某某园乙县省际合作园).
COOPERATION_AFTER = re.compile(r"(?:省际|跨省|产业)?(?:合作|协作|共建)")


@lru_cache(maxsize=1 << 12)
def host_and_partner(name: str) -> tuple[str | None, str | None]:
    """Host and partner regions named inside a park name.

    A region in brackets is the host (台州(松江)科创园: host 松江, partner 台州); two
    regions in a row name the partner first and the host second (江宁溧水工业园区);
    two regions apart name the host first (松江工业区台州园), unless a cooperation word
    follows the second (南京某某园滁州合作产业园: host 滁州); a single region is the host.
    A region and its own district count once (上海奉贤氢能港: host 奉贤).
    """
    joined = _joined_sides(name) or _brand_and_place(name)
    if joined:
        return joined
    regions = extract_regions(name, compounds=False)
    ancestors = {c for r in regions for c in (_ancestors(r.ref_id))}
    regions = [r for r in regions if r.ref_id not in ancestors]  # 上海嘉定: 嘉定 alone
    if not regions:
        return None, None
    bracketed = [r for r in regions if r.char_start > 0 and name[r.char_start - 1] in "(（"]
    if bracketed:
        host = bracketed[0]
        others = [r for r in regions if r is not host and r.ref_id != host.ref_id]
        return host.ref_id, others[0].ref_id if others else None
    distinct = list(dict.fromkeys(r.ref_id for r in regions))
    if len(distinct) >= 2 and regions[1].char_start == regions[0].char_end:
        after = name[regions[1].char_end:regions[1].char_end + 2]
        partner, host = (_division_by_char(after[:1], distinct[0]) or distinct[0],
                         _division_by_char(after[1:], distinct[1]) or distinct[1])
        if partner != distinct[0] and host != distinct[1]:
            return host, partner  # 甲市乙市丙丁产业园: 丙, 丁 name a county of each city
        return distinct[1], distinct[0]
    if len(distinct) >= 2:
        second = next(r for r in regions if r.ref_id == distinct[1])
        if COOPERATION_AFTER.match(name, second.char_end):
            return distinct[1], distinct[0]  # 甲市某某园乙县合作产业园: the cooperation park in 乙
        return distinct[0], distinct[1]  # 松江工业区台州园: 台州's park inside 松江工业区
    return distinct[0], None


def _division_by_char(char: str, parent: str) -> str | None:
    """The one division directly under ``parent`` whose short name holds ``char``, if unique
    (阴 under 无锡市 -> 江阴市)."""
    if not char:
        return None
    found = [c for c, r in load_regions().items()
             if r.parent_code == parent and char in r.short_name and not is_zone(r)]
    return found[0] if len(found) == 1 else None


# Words in a park name that make it a co-built one, so its initials may name two sides.
PAIR_NAME = re.compile(r"合作|协作|共建|飞地|产业园")


def initials_sides(name: str, named: frozenset[str]) -> tuple[str, str] | None:
    """The two regions whose initials open ``name`` (湖嘉 -> 湖州, 嘉兴), or None. Each
    initial is the one named region (of ``named``) whose short name it starts, else the one
    division under a named region whose short name it starts (松 under 上海 -> 松江), else the
    region of its abbreviation (at the other side's level: 苏 of a city pair is 苏州)."""
    if len(name) < 3 or division_spans(name[:3]) and division_spans(name[:3])[0][0] == 0:
        return None
    regions = load_regions()
    found: list[list[str]] = []
    for char in name[:2]:
        own = [c for c in named if regions[c].level != "province" and regions[c].short_name.startswith(char)]
        if not own:
            own = [c for c, r in regions.items() if r.level != "province" and r.short_name.startswith(char)
                   and not is_zone(r) and ({r.parent_code, r.city_code, r.province_code} & named)]
        abbreviation = load_abbreviations().get(char)
        found.append(own[:1] if len(own) == 1 else list(abbreviation.codes) if abbreviation else [])
    if not all(found):
        return None
    first, second = found
    if len(first) > 1 or len(second) > 1:
        level = regions[(second if len(first) > 1 else first)[0]].level
        first = [c for c in first if regions[c].level == level] or first
        second = [c for c in second if regions[c].level == level] or second
    a, b = first[0], second[0]
    if a == b or a in _ancestors(b) or b in _ancestors(a):
        return None
    return a, b


def _joined_sides(name: str) -> tuple[str, str] | None:
    """(host, partner) of a name joining two divisions, either of which may lie outside the
    Yangtze River Delta: the partner first and the host second, as two regions in a row and
    an enclave name them (甲区·乙市科创产业园, 甲区—乙县合作产业园: in 乙), except an aid
    programme's 协作 park, named after its host first (甲县—乙县东西部协作产业园: in 甲).

    >>> _joined_sides("德清—松潘东西部协作产业园"), _joined_sides("江宁—全椒合作产业园")
    (('330521', '513224'), ('341124', '320115'))
    """
    cut = max(name.rfind(j) for j in JOINERS)
    if cut <= 0:
        return None
    left, right = division_at(name[:cut]), division_at(name[cut + 1:])
    if left and right and left != right and left not in _ancestors(right) and right not in _ancestors(left):
        return (left, right) if AID_COOPERATION.search(name, cut) else (right, left)
    return None


def _brand_and_place(name: str) -> tuple[str, None] | None:
    """(host, None) of a name joining a brand and the Yangtze River Delta division it builds in
    (某某智谷·甲市智能制造产业园: in 甲市), whether or not the place's short name is also an
    ordinary word.

    >>> _brand_and_place("星岚智谷·天台新材料产业园"), _brand_and_place("星岚智谷新材料产业园")
    (('331023', None), None)
    """
    cut = max(name.rfind(j) for j in JOINERS)
    if cut <= 0 or division_at(name[:cut]):
        return None
    place = division_at(name[cut + 1:])
    return (place, None) if place and load_regions()[place].is_yrd else None


# The word of an aid programme's park (东西部协作, 山海协作), named after its host first.
AID_COOPERATION = re.compile(r"协作")


def _ancestors(code: str | None) -> set[str]:
    region = load_regions().get(code or "")
    return {region.province_code, region.city_code} - {"", code} if region else set()
