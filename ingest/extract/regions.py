"""Administrative divisions named in a text, resolved to GB/T 2260 codes.

One Aho–Corasick scan finds every full name (嘉定区, 苏州市) and short name (嘉定, 苏州)
from ``seeds/regions.csv``; overlapping hits keep the leftmost-longest; a name shared by
several divisions (鼓楼区) is resolved by the other divisions the article names, then by
preferring the Yangtze River Delta, then the higher level.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick_rs
import jieba

from ingest.extract.mention import Mention, touches_damage
from ingest.gazetteer import Region, load_abbreviations, load_regions
from ingest.text import HAN_BASIC, HAN_CHAR

# Short names that are ordinary words far more often than places.
COMMON_WORD_SHORT_NAMES = frozenset({
    "城区", "郊区", "矿区", "新区", "市中", "市辖", "开发", "高新", "经开", "新城", "东区", "西区",
    "南区", "北区", "中区", "白云", "和平", "长安", "新华", "城关", "青山", "永安", "龙华", "宝山",
    "太湖",  # the lake far more often than 太湖县
})
# Economic and compound region terms that are not divisions; they shadow the names and
# abbreviations inside them (苏锡常 is not 苏州 + 无锡 + 常州 here, 长三角 is no division).
ECONOMIC_REGION_TERMS = (
    "长三角", "珠三角", "京津冀", "苏锡常", "江浙沪", "苏浙沪", "杭嘉湖", "宁镇扬", "锡常泰", "港澳台", "港澳",
    "粤港澳", "大湾区", "苏南", "苏北", "苏中", "皖南", "皖北", "皖江", "浙南", "浙北", "浙东", "浙西",
    "闽南", "淮海", "长江经济带", "江南", "沪苏浙",
)
# Full names that are ordinary words (城区 = urban area): they name a division only after
# their city (阳泉市城区), which the automaton then matches as one surface.
COMMON_WORD_FULL_NAMES = frozenset({"城区", "郊区", "矿区", "东区", "西区", "南区", "北区", "中区", "新区", "老城区",
                                    "新城区", "城东区", "城西区", "城南区", "城北区", "城中区", "市中区", "新市区"})
# Short names that are ordinary words as often as places (临海而建, 锦绣江山, 朝阳产业,
# 滨海新城, 滨江绿道, 物流大通道, 屋顶天台): a mention only where the article also names the
# division in full (临海市) or its city (台州), so that 临海 then refers to it.
WORDLIKE_SHORT_NAMES = frozenset({
    "临海", "江山", "朝阳", "滨海", "滨江", "江北", "大通", "天台", "无为", "太和", "开化",
})
# What may follow a name without making it part of a longer non-place word; 山海 (山海协作,
# the mountain-and-sea pairing programme) is not a mountain after a name.
FOLLOWED_BY_NON_PLACE = re.compile(r"^(路|街|大道|大街|巷|镇|乡|村|站|号|湖|江|河|山(?!海)|桥|湾)")
# Functional zones carried in the division tree (…产业园区, …开发区) match only by full name.
FUNCTIONAL_ZONE = re.compile(r"园区|开发区|示范区|管理区|试验区|合作区|产业园|保税区|实验区|聚集区|集聚区|食品区")
# Non-government bodies a place name opens (上海某某大学, 浙江在线, 某某网讯, 安徽省分行): the
# place is part of the name. Government organs (市委, 县政府, 发展改革委) are not listed:
# they do name the division.
BODY_AFTER_PLACE = re.compile(
    rf"^[{HAN_BASIC}]{{0,6}}?(?:大学|学院|医院|研究院|研究所|设计院|材研院|质检院|科学院|中学|小学)"
    rf"|^[{HAN_BASIC}]{{0,4}}?(?:日报|晚报|早报|商报|报社|电视台|广播电视台|融媒|在线|频道|客户端|网讯|新闻网"
    rf"|网(?=[\s\d(（:：\-—·、，,]|$))"
    r"|^(?:分行|支行|分公司|子公司|总部|办事处|代表处|分院|分中心)"
    # a company's registered name: 上海某某智能科技有限公司, 北京某某集团 (no 与/和/的 inside)
    rf"|^(?:(?![与和及同跟的在为是将对向从])[{HAN_BASIC}]){{1,12}}?(?:股份有限公司|有限责任公司|有限公司|集团|公司)"
)
# How far after a place a registered company name may run (某某智能传动科技有限公司).
COMPANY_WINDOW = 20
# A brand and a project after a province's short name (某省某某药业扩产项目): a company's
# project, the province its name's prefix; not a count or rank (上海首个…项目, 上海重点项目).
PROVINCE_BRAND_PROJECT = re.compile(
    rf"^(?![首新第各全本该此这一二三四五六七八九十百千\d])[{HAN_BASIC}]{{2,6}}?"
    rf"(?:药业|制药|实业|科技|集团|股份|物流|农资|新材料|新能源|电子|装备|化工|纺织|机械|电气|生物|材料)"
    rf"[{HAN_BASIC}]{{0,8}}?项目")
# A wire dateline after a place (泰州3月2日电, 合肥5月1日讯): where the story was filed.
DATELINE_AFTER_PLACE = re.compile(r"^\s*\d{1,2}月\d{1,2}日\s*(?:电|讯)")
# An official's title and a surname before a two-character name: 区长陈江山 is a person.
PERSON_BEFORE = re.compile(
    r"(?:书记|市长|区长|县长|镇长|主任|主席|局长|部长|厅长|处长|总裁|经理|董事长|委员|代表|秘书长|院长|校长)"
    r"[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    r"沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤]$"
)
LEVEL_RANK = {"province": 0, "city": 1, "county": 2}
# Where an event is held (在杭州滨江举行, 在沪召开): a short place phrase between 在 and the verb.
VENUE = re.compile(r"在([^，。；：！？,.;:!?\s的“”\"]{1,14}?)(?:隆重|盛大|顺利|成功|正式)?"
                   r"(?:举行|举办|召开|开幕|启幕|签约(?!落户|落地|入驻))")


@dataclass(frozen=True)
class RegionAutomaton:
    """An Aho–Corasick automaton over region surfaces, and the candidate codes of each."""

    automaton: ahocorasick_rs.AhoCorasick
    surfaces: list[str]
    codes: list[tuple[str, ...]]


def is_zone(region: Region) -> bool:
    """True for a development zone that the division tree carries under a statistical code
    (a code xx71–xx79, such as 320571) or names as a zone: it is a park, never a region.

    >>> from ingest.gazetteer import load_regions
    >>> is_zone(load_regions()["320571"]), is_zone(load_regions()["310115"])
    (True, False)
    """
    return (region.level == "county" and 71 <= int(region.code[4:6]) <= 79) or bool(FUNCTIONAL_ZONE.search(region.name))


@lru_cache(maxsize=1)
def load_region_automaton() -> RegionAutomaton:
    """Automaton over full and short names (leftmost-longest), with each name's candidate codes."""
    names: dict[str, set[str]] = {}
    regions = load_regions()
    for region in regions.values():
        if is_zone(region):
            continue
        if region.name in COMMON_WORD_FULL_NAMES:
            city = regions.get(region.parent_code)
            for prefix in {city.name, city.short_name} if city else set():
                names.setdefault(prefix + region.name, set()).add(region.code)
            continue
        names.setdefault(region.name, set()).add(region.code)
        short = region.short_name
        if len(short) >= 2 and short not in COMMON_WORD_SHORT_NAMES and short != region.name:
            if region.level != "county" or region.is_yrd:
                names.setdefault(short, set()).add(region.code)
    for term in ECONOMIC_REGION_TERMS:
        names[term] = set()
    surfaces = list(names)
    automaton = ahocorasick_rs.AhoCorasick(surfaces, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    return RegionAutomaton(automaton, surfaces, [tuple(sorted(names[s])) for s in surfaces])


def _longest_hits(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Leftmost-longest, non-overlapping name hits as (start, end, codes).

    >>> [(s, e) for s, e, _ in _longest_hits("苏州市工业园区与无锡")]
    [(0, 3), (8, 10)]
    """
    regions = load_region_automaton()
    return [(start, end, regions.codes[i]) for i, start, end in regions.automaton.find_matches_as_indexes(text)]


def division_spans(text: str) -> list[tuple[int, int, str]]:
    """Leftmost-longest division names in ``text`` as (start, end, code), each resolved by
    the others, with no filter: the raw reading of a name's parts (浙江湖州经济 -> 浙江, 湖州).

    >>> division_spans("浙江湖州经济")
    [(0, 2, '330000'), (2, 4, '330500')]
    """
    hits = [h for h in _longest_hits(text) if h[2]]
    context: Counter[str] = Counter(c for _, _, codes in hits if len(codes) == 1 for c in codes)
    return [(s, e, codes[0] if len(codes) == 1 else resolve(codes, context)) for s, e, codes in hits]


@lru_cache(maxsize=1)
def load_any_division_names() -> dict[str, tuple[str, ...]]:
    """Every division's name and short name (counties outside the Yangtze River Delta too)
    -> codes: the lookup for a side named in a co-built park's name (甲县—乙县协作产业园)."""
    names: dict[str, set[str]] = {}
    for region in load_regions().values():
        if not is_zone(region):
            for name in {region.name, region.short_name}:
                if len(name) >= 2:
                    names.setdefault(name, set()).add(region.code)
    return {name: tuple(sorted(codes)) for name, codes in names.items()}


def division_at(text: str) -> str | None:
    """The one division whose name or short name opens ``text`` (longest first), if unique.

    >>> division_at("松潘东西部协作产业园")
    '513224'
    """
    names = load_any_division_names()
    for size in range(min(len(text), 8), 1, -1):
        codes = names.get(text[:size])
        if codes:
            return codes[0] if len(codes) == 1 else None
    return None


def resolve(codes: tuple[str, ...], context: Counter[str]) -> str:
    """Pick one code among candidates using the article's other regions.

    ``context`` counts the provinces and cities of unambiguous mentions.
    """
    regions = load_regions()

    def score(code: str) -> tuple[int, int, int, str]:
        r: Region = regions[code]
        support = context.get(r.city_code, 0) + context.get(r.province_code, 0) + context.get(r.parent_code, 0)
        return (-support, 0 if r.is_yrd else 1, LEVEL_RANK[r.level], code)

    return min(codes, key=score)


# Words after a run of abbreviations that mark it as a compound of places (沪苏同城, 沪锡徐三地).
COMPOUND_CUE = re.compile(r"^[“”‘’\"'「」]?(?:同城|两地|三地|四地|两市|三市|双城|一体化|合作|协同|联动|共建|跨|产业|交流|融合|毗邻|对口|携手|情|间|之间|经济|地区|区域|三省|两省|四省)")
# Words after a compound that make it part of a name (“沪苏浙鲁”教育联盟, 沪杭高铁), not places.
COMPOUND_IN_NAME = re.compile(rf"^[“”‘’\"'「」]?[{HAN_BASIC}]{{0,6}}(?:联盟|协会|商会|学会|公司|集团|银行|高速|大学)"
                              r"|^[“”‘’\"'「」]?(?:高铁|铁路|城际|大桥|通道|公路|航线|运河|线)")
# Words after a compound that only locate (苏浙两省交界, 沪浙接壤处): places, no cooperation.
BORDER_CUE = re.compile(r"^[“”‘’\"'」]?(?:[两三四五]省|[两三四五]地|[两三四五]市)?(?:交界|接壤|交汇|边界)")
# Function characters before a run of abbreviations: the run's first character opens it (对苏沪合作).
FUNCTION_CHARS = frozenset("对与和及在的是为把将从向让促推进深化加强助处")
# One-character abbreviations that are places even outside a compound (在沪, 来甬).
STANDALONE_ABBREVIATIONS = frozenset({"沪", "甬"})
# Cue words after 苏 that make it the city 苏州, not the province 江苏.
CITY_CUE = re.compile(r"^[“”‘’\"'「」]?(?:同城|两市|双城)")


@lru_cache(maxsize=1 << 13)
def is_region_name(text: str) -> bool:
    """True when ``text`` (brackets ignored) is one or more division names and nothing else.

    >>> is_region_name("无锡"), is_region_name("无锡湖畔")
    (True, False)
    """
    bare = re.sub(r"[()（）]", "", text)
    hits = [h for h in _longest_hits(bare) if h[2]]
    return bool(bare) and sum(end - start for start, end, _ in hits) == len(bare)


def extract_regions(text: str, exclude: list[tuple[int, int]] | tuple = (), compounds: bool = True) -> list[Mention]:
    """Region mentions with ``ref_id`` = region code and ``normalized`` = full name.

    Names inside an ``exclude`` span (a company, alliance or park name) are not mentions.
    With ``compounds``, runs of one-character abbreviations (沪锡徐) yield one mention per
    member, sharing ``attrs['compound']``.
    """
    regions = load_regions()
    all_hits = _longest_hits(text)
    words = load_common_words()
    # hits another place follows directly (某市江北: a place, no river), unless that place is
    # glued into a word (沿江西岸: a riverside)
    followed = {a[0] for a in all_hits if a[2] and text[a[1] - 1:a[1] + 1] not in words}
    hits = [
        h for h in all_hits
        if h[2] and (h[1] in followed or not FOLLOWED_BY_NON_PLACE.match(text[h[1]:h[1] + 2]))
        and not touches_damage(text, h[0], h[1])
        and not any(s <= h[0] and h[1] <= e for s, e in exclude) and not inside_a_name(text, h[0], h[1])
    ]
    context: Counter[str] = Counter()
    for _, _, codes in hits:
        if len(codes) == 1:
            r = regions[codes[0]]
            context.update({r.code, r.province_code, r.city_code} - {""})
    resolved = [(start, end, codes[0] if len(codes) == 1 else resolve(codes, context), len(codes))
                for start, end, codes in hits]
    resolved = [h for h in resolved if not is_zone_of_city(text, h, resolved)]
    resolved = drop_unsupported_words(text, resolved)
    resolved = drop_glued_names(text, resolved)
    prefixes = parent_prefixes(resolved)
    mentions = []
    for i, (start, end, code, candidates) in enumerate(resolved):
        if i in prefixes:
            continue
        r = regions[code]
        mentions.append(Mention("region", start, end, text[start:end], r.full_name, ref_id=code,
                                attrs={"level": r.level, "candidates": candidates}))
    if compounds:
        covered = [(s, e) for s, e, _ in all_hits] + list(exclude)
        mentions.extend(abbreviation_mentions(text, covered, context))
    return sorted(mentions, key=lambda m: m.char_start)


def inside_a_name(text: str, start: int, end: int) -> bool:
    """True when the place at ``text[start:end]`` opens the name of a non-government body
    (上海某某大学, 浙江在线, 某省分行), is a wire dateline (泰州3月2日电) or is a person's
    given name after a title (区长陈江山).

    >>> inside_a_name("记者从上海云栖材研院获悉", 3, 5), inside_a_name("上海市委书记出席", 0, 3)
    (True, False)
    """
    after = text[end:end + COMPANY_WINDOW]
    if BODY_AFTER_PLACE.match(after) or DATELINE_AFTER_PLACE.match(after):
        return True
    if PROVINCE_BRAND_PROJECT.match(after) and text[end - 2:end] in province_short_names() and \
            after[:2] not in load_common_words() and not _longest_hits(after[:4]):
        return True  # 某省某某药业扩产项目: the province opens a company's project name
    return end - start == 2 and bool(PERSON_BEFORE.search(text[max(0, start - 4):start]))


@lru_cache(maxsize=1)
def province_short_names() -> frozenset[str]:
    """Short names of provinces and province-level cities (浙江, 上海)."""
    return frozenset(r.short_name for r in load_regions().values() if r.level == "province")


def is_zone_of_city(text: str, hit: tuple[str | int, ...], hits: list[tuple]) -> bool:
    """True when a district name that also names a 新区 follows a city it does not belong
    to: 某市滨海新区 is that city's zone, not the same-named district elsewhere.

    >>> [m.normalized for m in extract_regions("湖州滨海新区揭牌")]
    ['浙江省湖州市']
    """
    start, end, code, _ = hit
    if not (str(load_regions()[code].name).endswith("新区") or text.startswith("新区", end)):
        return False
    before = [h for h in hits if h[1] == start]
    return bool(before) and load_regions()[before[0][2]].level == "city" and before[0][2] not in _ancestors(code)


def drop_unsupported_words(text: str, hits: list[tuple]) -> list[tuple]:
    """Drop word-like short names (``WORDLIKE_SHORT_NAMES``) whose division the text does
    not also name in full or by its city.

    >>> [m.surface_text for m in extract_regions("项目临海而建，风景如画。")]
    []
    >>> [m.surface_text for m in extract_regions("临海市召开大会，临海将加快发展。")]
    ['临海市', '临海']
    """
    regions = load_regions()
    named = {h[2] for h in hits if text[h[0]:h[1]] not in WORDLIKE_SHORT_NAMES}
    return [h for h in hits if text[h[0]:h[1]] not in WORDLIKE_SHORT_NAMES
            or h[2] in named or regions[h[2]].parent_code in named or regions[h[2]].city_code in named]


# How often (in jieba's dictionary) a two-character word must occur to outweigh a short
# place name it overlaps (沿江西岸: 西岸, 黄金湖岸: 黄金, 各平台中: 平台).
GLUE_WORD_MIN_FREQ = 500


@lru_cache(maxsize=1)
def load_common_words() -> frozenset[str]:
    """Two-character words of jieba's bundled dictionary (``jieba/dict.txt``: word, frequency,
    tag per line) with frequency >= ``GLUE_WORD_MIN_FREQ``, division names left out."""
    path = Path(jieba.__file__).resolve().parent / "dict.txt"
    names = {r.name for r in load_regions().values()} | {r.short_name for r in load_regions().values()}
    with path.open(encoding="utf-8") as handle:
        words = (line.split() for line in handle)
        return frozenset(w[0] for w in words if len(w[0]) == 2 and int(w[1]) >= GLUE_WORD_MIN_FREQ and w[0] not in names)


def drop_glued_names(text: str, hits: list[tuple]) -> list[tuple]:
    """Drop short names of counties and of places outside the Yangtze River Delta whose first
    or last character forms a common word with its neighbour (沿江西岸 is no 江西, 在各平台中
    no 台中), unless the text names the same division elsewhere without such glue, or the
    neighbour opens a word with the character after it (大丰产业 is 大丰 + 产业).

    >>> [m.surface_text for m in extract_regions("沿江西岸步道改造完成")]
    []
    >>> [m.surface_text for m in extract_regions("大丰产业发展大会召开")]
    ['大丰']
    """
    regions = load_regions()
    words = load_common_words()
    starts, ends = {h[0] for h in hits}, {h[1] for h in hits}

    def glued(h: tuple) -> bool:
        start, end, code, _ = h
        r = regions[code]
        if text[start:end] != r.short_name or (r.is_yrd and r.level != "county"):
            return False
        left = start not in ends and text[start - 1:start + 1] in words if start else False
        # the glue on the right holds unless its second character opens a word of its own
        # (大丰产业: 大丰 + 产业, no 丰产)
        right = end not in starts and text[end - 1:end + 1] in words and text[end:end + 2] not in words
        return left or right

    kept_codes = {h[2] for h in hits if not glued(h)}
    return [h for h in hits if not glued(h) or h[2] in kept_codes]


def parent_prefixes(hits: list[tuple]) -> set[int]:
    """Indexes of hits that only prefix their own division (安徽省六安市, 江苏泰州市委, 无锡市
    滨湖区): the text names the division, the parent is its address.

    >>> [m.normalized for m in extract_regions("江苏泰州市委书记出席")]
    ['江苏省泰州市']
    """
    out = set()
    for i in range(len(hits) - 1, -1, -1):
        start, end, code, _ = hits[i]
        following = [j for j in range(i + 1, len(hits)) if hits[j][0] == end]
        if following and (code in _ancestors(hits[following[0]][2])):
            out.add(i)
    return out


def _ancestors(code: str) -> set[str]:
    r = load_regions()[code]
    return {c for c in (r.parent_code, r.city_code, r.province_code) if c and c != code}


def mark_venues(text: str, regions: list[Mention]) -> None:
    """Set ``attrs['venue']`` on regions that only say where an event is held.

    A promotion held in another city (合肥的推介会在杭州举行) brings its projects home, so
    facts prefer a sentence's other regions to its venue.

    >>> text = "合肥市招商推介会在杭州滨江举行，签约项目30个。"
    >>> regions = extract_regions(text)
    >>> mark_venues(text, regions)
    >>> [(m.surface_text, m.attrs.get("venue", False)) for m in regions]
    [('合肥市', False), ('滨江', True)]
    """
    for match in VENUE.finditer(text):
        start, end = match.span(1)
        for region in regions:
            if start <= region.char_start and region.char_end <= end:
                region.attrs["venue"] = True


def abbreviation_mentions(text: str, covered: list[tuple[int, int]], context: Counter[str]) -> list[Mention]:
    """Regions named by one-character abbreviations: compounds (沪苏, 沪锡徐) and lone 沪.

    >>> [m.normalized for m in abbreviation_mentions("推进沪锡徐三地联动", [], Counter())]
    ['上海市', '江苏省无锡市', '江苏省徐州市']
    """
    abbreviations = load_abbreviations()
    regions = load_regions()
    out: list[Mention] = []
    for m in abbreviation_run().finditer(text):
        start, end = m.span()
        if end - start == 1 and m.group() not in STANDALONE_ABBREVIATIONS:
            continue  # a lone character that is no standalone place: the rules below name nothing
        if touches_damage(text, start, end) or any(s < end and start < e for s, e in covered):
            continue
        while (end - start > 1 and start > 0 and HAN_CHAR.match(text[start - 1]) and text[start - 1] not in FUNCTION_CHARS
               and not load_abbreviations()[text[start]].strong):
            start += 1  # 北仑港沪甬: 港 belongs to the place before it (对苏沪合作: 对 is no place)
        while end - start > 1 and not load_abbreviations()[text[end - 1]].strong and COMPOUND_CUE.match(text[end - 1:]):
            end -= 1  # 杭甬合作: 合 begins 合作
        run = text[start:end]
        after = text[end:end + 8]
        members = [abbreviations[c] for c in run]
        if len(set(run)) < 2 or len(set(run)) != len(run):
            if run in STANDALONE_ABBREVIATIONS and not COMPOUND_IN_NAME.match(after):
                out.append(_abbreviation_mention(text, start, members[0].codes[0], None))
            continue
        if COMPOUND_IN_NAME.match(after) or not (any(a.strong for a in members) or COMPOUND_CUE.match(after)):
            continue
        compound = None if BORDER_CUE.match(after) else f"c{start}"  # 苏浙交界: places, no cooperation
        city_compound = bool(CITY_CUE.match(after)) or any(
            regions[a.codes[0]].level == "city" for a in members if len(a.codes) == 1)
        for offset, member in enumerate(members):
            code = member.codes[0]
            named = named_city_for(member.char, context)
            if named and named not in member.codes and not any(context.get(c, 0) for c in member.codes):
                out.append(_abbreviation_mention(text, start + offset, named, compound))
                continue  # 沪淮 in a text about 淮北: 淮 is the city the text names
            if len(member.codes) > 1:
                cities = [c for c in member.codes if regions[c].level == "city"]
                provinces = [c for c in member.codes if regions[c].level == "province"]
                named_city = any(context.get(c, 0) for c in cities)
                named_province = any(context.get(c, 0) - sum(context.get(x, 0) for x in cities) > 0 for c in provinces)
                use_city = city_compound or (named_city and not named_province)
                code = (cities if use_city else provinces or cities)[0]
            out.append(_abbreviation_mention(text, start + offset, code, compound))
    return out


# Two places named one after the other as a pair (甲区和乙区两地, 甲地乙地二地, 甲市·乙市对口
# 合作); a cue of its own kind (两市, 双城, 对口合作, 结对) states a cooperation of the two.
PAIR_JOINER = re.compile(r"^[和与、及同·•・]?$")
PAIR_CUE = re.compile(r"[“”‘’\"'」]?(?:两地|二地|两市|双城|两区|两县|对口合作|对口|结对)")
STATED_CUES = ("两市", "双城", "对口合作", "对口", "结对")


def mark_named_pairs(text: str, regions: list[Mention]) -> None:
    """Give two regions named as a pair (甲区和乙区两地) one ``attrs['compound']``, as the parts of
    an abbreviation compound (沪苏) get; where the cue states a cooperation of the two (两市,
    双城, 对口合作, 结对) also ``attrs['stated_pair']``. A division and its own parent are no pair.

    >>> text = "推进金山区、平湖市两地合作，湖州市和宣城市两市签约。"
    >>> regions = extract_regions(text)
    >>> mark_named_pairs(text, regions)
    >>> [(m.surface_text, m.attrs.get("compound"), m.attrs.get("stated_pair", False)) for m in regions]
    [('金山区', 'n2', False), ('平湖市', 'n2', False), ('湖州市', 'n14', True), ('宣城市', 'n14', True)]
    """
    ordered = sorted(regions, key=lambda m: m.char_start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        cue = PAIR_CUE.match(text, b.char_end)
        if (not cue or a.attrs.get("compound") or b.attrs.get("compound") or not a.ref_id or not b.ref_id
                or not pair_joined(text[a.char_end:b.char_start], b.ref_id) or a.ref_id == b.ref_id
                or a.ref_id in _ancestors(b.ref_id) or b.ref_id in _ancestors(a.ref_id)):
            continue
        for m in (a, b):
            m.attrs["compound"] = f"n{a.char_start}"
            if cue.group().endswith(STATED_CUES):
                m.attrs["stated_pair"] = True


# An enclave one place builds in another (甲市某镇在乙市打造的科创飞地, 甲县还在乙市布局产业飞地).
ENCLAVE_BUILT = re.compile(r"在([^，。；！？,;!?]{1,10}?)(?:建设|设立|建起了|建起|打造|布局|共建)[^，。；！？,;!?]{0,8}?飞地")
# What may stand between the builder and 在: a town of it, and 还/也/已.
BUILDER_GAP = re.compile(rf"^(?:[{HAN_BASIC}]{{1,4}}(?:镇|乡|街道))?[还也已将]?$")


def mark_enclave_pairs(text: str, regions: list[Mention]) -> None:
    """Pair the builder and the host of an enclave (甲市某镇在乙市打造的科创飞地) as a stated pair,
    like two places named as a pair (``mark_named_pairs``); the host may lie outside the
    Yangtze River Delta.

    >>> text = "湖州市南浔区某某镇在深圳打造的科创飞地开园。"
    >>> regions = extract_regions(text)
    >>> mark_enclave_pairs(text, regions)
    >>> [(m.surface_text, m.attrs.get("compound"), m.attrs.get("stated_pair")) for m in regions]
    [('南浔区', 'e3', True), ('深圳', 'e3', True)]
    """
    ordered = sorted(regions, key=lambda m: m.char_start)
    for match in ENCLAVE_BUILT.finditer(text):
        hosts = [m for m in ordered if match.start(1) <= m.char_start and m.char_end <= match.end(1)]
        builders = [m for m in ordered if m.char_end <= match.start() and BUILDER_GAP.match(text[m.char_end:match.start()])]
        if not hosts or not builders or not hosts[-1].ref_id or not builders[-1].ref_id:
            continue
        a, b = builders[-1], hosts[-1]
        if a.ref_id == b.ref_id or a.ref_id in _ancestors(b.ref_id) or b.ref_id in _ancestors(a.ref_id):
            continue
        for m in (a, b):
            if not m.attrs.get("compound"):
                m.attrs.update(compound=f"e{a.char_start}", stated_pair=True)


def pair_joined(between: str, second: str) -> bool:
    """True when ``between`` joins two places of a pair: nothing, a joiner (和, 、, ·), or the
    parents of the second place as its address (上海某区南通某区二地: 南通 is the address)."""
    if PAIR_JOINER.match(between):
        return True
    spans = division_spans(between)
    return bool(spans) and sum(e - s for s, e, _ in spans) == len(between) and all(
        code in _ancestors(second) for _, _, code in spans)


def named_city_for(char: str, context: Counter[str]) -> str | None:
    """The one city the text names whose short name starts with ``char`` (淮 -> 淮北), if any."""
    cities = [c for c in context if context[c] and load_regions()[c].level == "city"
              and load_regions()[c].short_name.startswith(char)]
    return cities[0] if len(cities) == 1 else None


def _abbreviation_mention(text: str, at: int, code: str, compound: str | None) -> Mention:
    r = load_regions()[code]
    attrs: dict[str, object] = {"level": r.level, "candidates": 1, "abbreviation": True}
    if compound:
        attrs["compound"] = compound
    return Mention("region", at, at + 1, text[at], r.full_name, ref_id=code, attrs=attrs)


@lru_cache(maxsize=1)
def abbreviation_run() -> re.Pattern[str]:
    """A run of one to five abbreviation characters (沪苏浙皖)."""
    chars = "".join(sorted(load_abbreviations()))
    return re.compile(f"[{chars}]{{1,5}}")
