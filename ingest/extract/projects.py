"""Project events: named projects (…项目, …总部, …研发中心), parks opened or started, and
batches ("12个项目集中开工"), each with the event type of the trigger governing its clause.

Rules, in order of evidence:

* a name ending in a project head (…项目, …总部, …研发中心) whose left boundary comes from
  the jieba walk; a head with only a generic body (总部项目, 投资意向项目) takes the name of
  the example before it (恒达电子等一批投资意向项目) or of the sentence's organisation;
* a quoted facility name followed by its trigger (“…服务基地苏州分中心”揭牌);
* a park in a clause whose trigger opens, starts, unveils, completes, plans or launches it;
* a batch: a stated count of projects or parks before a trigger (14个…园区集中开工), never
  一批 without a number, never a designation (授牌).

Each dated milestone of a project or park is a project event of its own: the clauses right
after its name that only add a date and a trigger (某园于2021年3月奠基，2022年1月开工，今日正式开园)
report three events of 某园. The article reports one of them anew, the current event: the
first mention of the name in a clause without a year (else its first dated one). The others,
and a dated 自2019年开园以来, are background milestones (``attrs['background']``), kept with
their own trigger and date (``date_milestones``). An undated 自…以来 is dropped, and a name
repeated with the same standing is one event: one current event per name and article, one
background event per name and trigger word.
"""

from __future__ import annotations

import re

from ingest.extract.batches import extract_batches
from ingest.extract.dates import year_after_earlier_date
from ingest.extract.lexicon import DESIGNATION_TRIGGERS, PARK_SUFFIXES
from ingest.extract.lexicon import TRIGGER as TRIGGER_WORD
from ingest.extract.mention import Mention, touches_damage
from ingest.extract.numbers import CN_NUMERAL_CHARS, MAX_NUMERAL_CHARS
from ingest.extract.tokenizer import NAME_VERBS, STOP_WORDS, load_tokenizer, name_start, tag
from ingest.gazetteer import load_abbreviations
from ingest.text import HAN_BASIC, clause_bounds, finditer_gated, sentence_bounds

# Heads that end a project name (项目孵化, 项目招引: 项目 modifies the next noun, no head).
PROJECT_HEAD = re.compile(r"项目(?!孵化|招引|招商|审批|对接)|总部(?!项目|基地|经济)|总部基地|研发中心(?!项目)|生产基地(?!项目)")
# Bodies that do not name a project on their own (重大项目, 合作签约项目, 总部项目): category,
# evaluative and scope words (重点, 有效投资, 都市工业, 科技人才, 共富, 涉沪, 年度, 配套) and
# quantity words (更多优质项目: jieba leaves 多优质 after the adverb 更; 更 alone would eat 更新).
GENERIC_PROJECT_BODY = re.compile(
    r"^(?:重大|重点|合作|签约|产业|该|本|这些|首批|各类|新|优质|投资|意向|总部|研发中心|建设|招商|引进|储备|"
    r"在建|续建|新建|新开工|竣工|开工|大|好|外资|内资|相关|其他|其它|此次|本次|上述|若干|企业|成果|转化|"
    r"孵化|科技|产业化|示范|试点|民生|基础设施|工业|制造业|服务业|高质量|优质|年度|年|季度|全年|计划|"
    r"有效|扩大|战略性|战略|配套|人才|金融|政府|高技术|高新技术|先进制造业|城市|功能型|功能|共富|校地|"
    r"涉沪|涉外|跨区域|区域|代表|代表性|标杆|引领性|龙头|动员|存量|增量|改扩建|技改|技术改造|都市|上楼|"
    r"生产|生产性|社会|公益|省|市|县|区|级|省级|市级|重抓|抓|谈|落实|奏响|推进|实施|一批|单个|单体|"
    r"亿元|十亿元|百亿元|亿元以上|高端|优质|类|型|化|性|个|大型|中小|小微|周边|地区|抱团|飞地|"
    r"产业链|强链|补链|延链|头部|链主|首位|主导|新兴|未来|数字|绿色|低碳|零碳|智能|智慧|有|既有|又有|还有|另有|"
    r"更多|众多|诸多|许多|多|高科技|一般)*$"
)
# A list of functions a place combines (集研发、生产、企业总部于一体): no project names.
FUNCTION_LIST = re.compile(r"(?:集|聚合|融合|汇聚)[^，,。；;]{2,120}?于一体")
# A project head followed by 之一 names a category the project belongs to (产业化项目之一).
ONE_OF = re.compile(r"之一")
# A capacity phrase inside a project name, cut off by its number (年产8GW电池…项目).
CAPACITY_BEFORE = re.compile(
    r"年(?:产|产能|处理|加工|生产|吞吐)(?:能力)?(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千两]+)(?:万|亿|千)?"
    r"(?:[A-Za-z]+|[吨台套件只辆片张条组个颗块瓶盒箱平方米千瓦伏时兆吉焦]{0,4})$"
)
# An amount or a size threshold in a slot: a size bin (100亿元以上工业项目), not a name.
SLOT_AMOUNT = re.compile(r"\d(?:[\d.]*)[万亿]?(?:美元|元)|[万亿](?:美元|元)|以上|以下")
# A count right after a project head: the head names a sub-batch (某地块项目12个), not a project.
COUNT_AFTER = re.compile(rf"(?:共|共有|有|达|计)?(?:\d{{1,{MAX_NUMERAL_CHARS}}}|[一二三四五六七八九十百两]{{1,{MAX_NUMERAL_CHARS}}})(?:个|家|项)")
# A count in a slot (…等8个项目): the slot holds a batch, not a name.
SLOT_COUNT = re.compile(r"(?:\d|[一二三四五六七八九十两])(?:个|家|项|大)")
# Characters a slot name never holds: punctuation other than brackets and &.
HARD_BREAK_IN_SLOT = re.compile(r"[，,。；;！？!?“”\"《》\s]")
# Words that introduce a list before a name (开工项目有星岚物流项目, ，如某某项目): never part of it.
LEAD_IN = re.compile(r"(?:项目|企业)(?:主要)?(?:有|包括|为|是)[:：]?|(?<=[，,])如")
# Characters a project name never starts with (particles jieba glues to an unknown name).
NAME_NEVER_OPENS = "的之了"
# Verbs that name the kind of works a project is (异地迁建项目, 扩建项目).
BUILD_VERBS = frozenset({"迁建", "扩建", "新建", "改建", "续建", "建设", "改造", "提升", "扩能", "技改"})
# Words that join two parts of one name (甲材料及其配套产品基地).
NAME_JOIN_WORDS = frozenset({"及其"})
# Words inside a name that join two of its parts (海澜智造及配套研发项目, 研发与产业化项目).
NAME_JOINS = "及与和暨、&"
# The end of a name of its own before a 、 (某某段、某某大厦项目 are two names; 研发、生产项目 one).
LISTED_NAME_END = re.compile(r"(?:段|线|路|桥|园|城|港|谷|馆|院|厂|站|区|部)$")
# Where a list slot opens before a project name: a list comma or colon, an amount with 的
# (总投资5亿元的某某项目), or a join after another project head (甲项目和乙项目).
SLOT_OPEN = re.compile(r"(?:[、：:；;]|[，,]如|(?<=[\d万亿])(?:美)?元的?|(?:项目|基地|中心|工程)(?:和|及|与|以及))")
# How far back a slot may open (the longest name a slot holds).
SLOT_CHARS = 36
# Words that make a slot a clause, not a name: auxiliaries, prepositions and list words.
SLOT_CLAUSE_WORDS = frozenset({
    "将", "在", "是", "为", "由", "对", "把", "被", "已", "已经", "正在", "计划", "拟", "等", "其中",
    "包括", "以及", "还有", "如", "共", "了", "着", "过", "并", "也", "都", "均", "还", "又", "再",
    "就", "即", "从", "向", "给", "于", "以", "使", "让", "总投资", "投资", "占地", "位于",
})
# A place written before a generic body (嘉禾市重大产业项目): any Han word ending in 省/市/区/县.
REGION_PREFIX = re.compile(rf"^(?:[{HAN_BASIC}]{{1,6}}?|[A-Za-z0-9]{{1,3}})(?:省|市|县|区|新城)")
# Scope words before a project body (当地面板项目, 我市重点项目).
SCOPE_PREFIX = re.compile(r"^(?:当地|本地|全市|全区|全县|全省|我市|我区|我县|该市|该区|该县)")
# Bodies that can be completed with an organisation's name (某集团…的总部项目).
CONSTRUCTIBLE_BODY = re.compile(r"^(?:投资意向|总部|研发中心|生产基地|意向)$")
# A category of projects, not a project (“科技类项目”, 合作类项目).
CATEGORY = re.compile(r"类(?:项目)?$")
# A count right before a name: the name is counted (36个…项目), so it is a batch member.
# Numerals are bounded like every number (MAX_NUMERAL_CHARS), and the patterns are searched
# in a window before the name (LOOK_BACK), so a long run of numerals costs linear time.
COUNTED_BEFORE = re.compile(
    rf"(?<![\d{CN_NUMERAL_CHARS}几多数])(?:\d{{1,{MAX_NUMERAL_CHARS}}}|[一二三四五六七八九十百千两几多数]{{1,{MAX_NUMERAL_CHARS}}})"
    r"(?:个|家|项|批|大批)$")
# "X等一批 …项目": X is a named example of the projects.
EXAMPLE_BEFORE = re.compile(
    rf"等(?:一大批|一批|一系列|多个|\d{{1,{MAX_NUMERAL_CHARS}}}个|[二三四五六七八九十]{{1,{MAX_NUMERAL_CHARS}}}个)?$")
# How far before a name COUNTED_BEFORE and EXAMPLE_BEFORE look (longer than either match).
LOOK_BACK = 2 * MAX_NUMERAL_CHARS + 4
# A quoted facility name right before its trigger: “长三角…服务基地苏州分中心”揭牌.
QUOTED_FACILITY = re.compile(
    r"[“\"](?P<name>[^“”\"]{4,30}?(?:中心|基地|园|园区|项目|平台|工厂|总部|馆|城|港|谷|小镇|实验室|研究院))[”\"]"
    r"(?:正式|成功|顺利|集中|同时)?(?P<trigger>揭牌|开工|开园|签约|落户|竣工|投产|启用|奠基|开业|发布)"
)
# The object of a signing that is a project without a name (签下了投资意向, 签订投资协议).
INTENTION_OBJECT = re.compile(r"了?(?:投资意向|投资协议|意向协议|投资合同|落户协议)")
# "A、B、C等N家企业": members listed before the count of their batch.
COUNTED_MEMBER_NAME = rf"[{HAN_BASIC}A-Za-z()（）·]{{2,24}}"
COUNT_AFTER_LIST = r"等(?P<count>(?:\d+|[一二三四五六七八九十百两]+)(?:家|个))"
ENUM_BEFORE_COUNT = re.compile(rf"(?P<list>(?:{COUNTED_MEMBER_NAME}、)+{COUNTED_MEMBER_NAME}){COUNT_AFTER_LIST}")
# "A、B、C等新引进项目": members listed before the generic projects they are.
HEADED_MEMBER_NAME = rf"[{HAN_BASIC}A-Za-z0-9()（）·—-]{{2,30}}"
HEAD_AFTER_LIST = rf"(?:等|[两三四五六七八九十]大)(?P<head>(?:一批|一大批|一系列|多个)?[{HAN_BASIC}]{{0,12}}?项目)"
ENUM_BEFORE_HEAD = re.compile(rf"(?P<list>(?:{HEADED_MEMBER_NAME}、)+{HEADED_MEMBER_NAME}){HEAD_AFTER_LIST}")
# The last 、 of each list above, its last member and what follows: every match holds one, so
# a text without one has no match (``finditer_gated``); the scan for it jumps from 、 to 、.
ENUM_BEFORE_COUNT_GATE = re.compile(rf"、{COUNTED_MEMBER_NAME}{COUNT_AFTER_LIST}")
ENUM_BEFORE_HEAD_GATE = re.compile(rf"、{HEADED_MEMBER_NAME}{HEAD_AFTER_LIST}")
# "签约落地A、B、C等": members listed right after their trigger.
ENUM_AFTER_TRIGGER = re.compile(
    rf"(?P<trigger>签约落地|签约引进|成功引进|引进|引入|落地|落户)了?(?:包括)?"
    rf"(?P<list>(?:[{HAN_BASIC}A-Za-z0-9()（）·“”—-]{{2,40}}、)+[{HAN_BASIC}A-Za-z0-9()（）·“”—-]{{2,40}}?)等")
# "以A、B为代表的一批企业签约入驻": the named representatives of a batch.
REPRESENTED = re.compile(r"以(?P<list>[^，,。；;：:]{4,80}?)为代表的")
# A facility right before its trigger: "甲交易中心、乙学院陆续开业".
FACILITY_TRIGGER = re.compile(
    r"(?P<head>交易中心|服务中心|分中心|创新中心|科创中心|文化中心|中心|学院|研究院|实验室|医院|学校|指挥部|工厂)"
    r"(?:也|均|已|已经)?(?:正式|陆续|相继|顺利|同时|先后|成功|全面)?"
    r"(?P<trigger>揭牌|开业|启用|投用|落地|落户|开工|竣工|开园|奠基)")
# Companies that are the subject of a settling trigger: "甲公司和乙公司已入驻园区".
COMPANY_TAIL = re.compile(r"(?:有限责任公司|有限公司|公司|集团)$")
SUBJECT_GAP = re.compile(r"(?:已经|已|正式|成功|顺利|率先|也|均|都|相继|陆续|先后|分别|将|签约)*$")
# "签约的项目有：", "这些项目分别是": a list of members follows.
ENUM_AFTER_INTRO = re.compile(
    r"(?:项目|企业|园区)(?:主要)?(?:(?:共有|有|共)?(?:\d+|[一二三四五六七八九十两]+)个[,，]?(?:主要)?(?:包括|分别是|分别为)|"
    r"[,，]?(?:有|包括|分别是|分别为|依次为))[:：]?")
# Words before the first member of a list that are not part of its name (已有A、B等).
MEMBER_LEAD = re.compile(r"(?:项目|企业)?(?:也不乏|不乏|既有|又有|也有|已有|现有|共有|包括|其中|以及|还有|吸引了|吸引|引进了|引进|有|如|像)")
# Where a list of members ends: a clause or sentence break.
LIST_END = re.compile(r"[，,。；;！？\n]|等")
# A member that is a company (gets 项目) or a facility (keeps its name).
COMPANY_END = re.compile(r"(?:公司|集团|股份|科技|企业|银行|控股)$")
FACILITY_END = re.compile(r"(?:中心|基地|园|园区|小镇|学院|研究院|实验室|工厂|总部|大厦|广场|医院|学校|港|谷|城|工程|馆|指挥部)$")
# Words opening a sentence that lists the items of the previous sentence's event.
LIST_INTRO = re.compile(r"^(?:包括|其中|分别是|分别为|具体包括|主要有|主要包括|涵盖)")
# Clauses that narrate an earlier milestone (自2019年开园以来, 于2021年7月17日奠基).
SINCE_CLAUSE = re.compile(r"自.{0,20}以来")
DATED_CLAUSE = re.compile(r"(?:于|在)?(?:19|20)\d{2}年")
# A clause that only adds a milestone to the subject of the clause before it: a joining word,
# a date or time word, adverbs, then the trigger (，2022年1月开工 ，并于次年正式投产 ，今日正式开园).
# Adverbs between a milestone's date and its trigger (于2021年7月17日正式奠基).
MILESTONE_ADVERBS = r"(?:已|已经|也|正式|顺利|成功|全面|如期|相继|陆续|先后|率先)*"
BARE_MILESTONE = re.compile(
    r"(?:并|又|后|随后|之后|此后|同时)?(?:于|在)?"
    r"(?:(?:(?:19|20)\d{2}年|同年|次年|当年|今年|去年)?(?:\d{1,2}月(?:\d{1,2}[日号])?)?(?:底|初|上旬|中旬|下旬)?|"
    r"今日|今天|昨日|昨天|日前|近日|当天|同日)" + MILESTONE_ADVERBS)
# What may stand between a milestone's date and its trigger: adverbs only (a year that
# modifies a noun, 2025年重点工程集中开工, dates no milestone).
DATE_TO_TRIGGER = re.compile(r"(?:底|初|上旬|中旬|下旬)?" + MILESTONE_ADVERBS)
# A carried milestone's clause that dates it before the event reported (2022年1月, 同年8月).
MILESTONE_DATED = re.compile(r"(?:19|20)\d{2}年|同年|次年|当年|去年|前年|\d{1,2}月")
# After a park: it is the venue of an event held there (…在某某园区内举行).
VENUE_AFTER = re.compile(r"(?:[(（][^()（）]{1,20}[)）])*(?:内|里|中)?(?:隆重|正式|成功|顺利)?(?:举行|举办|召开)")
# After a park: a locative (某某新片区内首个建成的…): the park only places something else.
LOCATIVE_AFTER = re.compile(r"内|里|周边")
# Before a park: it is what an event serves (为某某新片区打造…), not what the event is about.
BENEFICIARY_BEFORE = re.compile(r"为$")
# A negation before a trigger: no event happened (两个地块均未开工).
NEGATION = re.compile(r"未(?!来)|没有|不再")
# A park name continued by the name of something else up to its trigger (某某新区服务中心揭牌).
NAME_CONTINUES = re.compile(rf"[{HAN_BASIC}A-Za-z0-9]{{2,}}?(?:中心|基地|园|学院|研究院|实验室|工厂|总部|大厦|馆|工程|项目|厂房|平台)"
                            r"(?:也|均|已|已经)?(?:正式|陆续|相继|顺利|同时|先后|成功|集中|全面)?$")
# Park events that make a park a project (a park is not what signs or settles).
PARK_EVENT_KINDS = frozenset({"opened", "started", "unveiled", "completed", "produced", "planned", "other"})
# Words a project name never starts with.
PROJECT_STOP_WORDS = frozenset({"进行", "包括", "还有", "以及", "引进", "举行", "推进", "实施", "启动"})


def extract_projects(text: str, events: list[Mention], parks: list[Mention], counts: list[Mention],
                     orgs: list[Mention] | None = None) -> list[Mention]:
    """Project mentions; ``kind`` = event type, ``attrs['is_batch']`` says batch or single.

    >>> from ingest.extract.events import extract_events
    >>> from ingest.extract.quantities import extract_counts
    >>> t = "会上，12个项目集中开工。"
    >>> [(p.normalized, p.kind, p.attrs["project_count"]) for p in extract_projects(t, extract_events(t), [], extract_counts(t))]
    [('12个项目', 'started', 12)]
    """
    events = [e for e in events if e.surface_text not in DESIGNATION_TRIGGERS]
    batches = extract_batches(text, events, counts)
    out: list[Mention] = []
    enumerated = _enumerated_projects(text, events, batches)
    out += [p for p in _named_projects(text, events, orgs or [], batches) if not any(
        q.char_start == p.char_start or (q.char_start <= p.char_start and p.char_end <= q.char_end
                                         and len(q.normalized) > len(p.normalized))
        for q in enumerated)]  # a listed member, or a fragment of one (甲乙丙总部 -> 丙总部), is the member
    out += enumerated
    out += _quoted_facilities(text, parks, events)
    out += _facilities_before_trigger(text, events)
    out += _settled_companies(text, events)
    out += [p for p in _park_projects(text, events, parks)
            if not any(q.char_start == p.char_end for q in enumerated)]  # 某某新区某某项目: the place of a listed project
    out += _intention_projects(text, events, orgs or [], out)
    out += _carried_milestones(text, events, out)
    singles = _mark_background(text, out)
    return sorted(_first_per_name(singles) + batches, key=lambda m: m.char_start)


def governing_event(text: str, events: list[Mention], start: int, end: int,
                    clause_only: bool = False) -> Mention | None:
    """The trigger governing text[start:end]: the first after it in its clause, else the
    nearest before it; else the same in its sentence; else, when the sentence opens with a
    list word (包括…), the last trigger of the sentence before."""
    left, right = clause_bounds(text, start, end)
    found = _nearest(events, left, right, start, end)
    if found or clause_only:
        return found
    s_left, s_right = sentence_bounds(text, start)
    found = _nearest(events, s_left, s_right, start, end)
    if found is None and LIST_INTRO.match(text[s_left:start].lstrip(" 　:：")) and s_left > 0:
        p_left, _ = sentence_bounds(text, s_left - 1)
        before = [e for e in events if p_left <= e.char_start < s_left]
        found = before[-1] if before else None
    return found


def _nearest(events: list[Mention], left: int, right: int, start: int, end: int) -> Mention | None:
    after = [e for e in events if end <= e.char_start < right]
    before = [e for e in events if left <= e.char_start and e.char_end <= start]
    return after[0] if after else (before[-1] if before else None)


def _project(start: int, end: int, surface: str, name: str, event: Mention, **attrs: object) -> Mention:
    return Mention("project", start, end, surface, name, kind=event.kind,
                   attrs={"is_batch": False, "trigger": event.surface_text, "trigger_start": event.char_start, **attrs})


def _named_projects(text: str, events: list[Mention], orgs: list[Mention], batches: list[Mention]) -> list[Mention]:
    out = []
    functions = [m.span() for m in FUNCTION_LIST.finditer(text)]
    for m in PROJECT_HEAD.finditer(text):
        start = project_name_start(text, m.start(), m.end())
        if start is None or touches_damage(text, start, m.end()) or ONE_OF.match(text, m.end()) \
                or COUNT_AFTER.match(text, m.end()) or any(a < m.start() < b for a, b in functions):
            continue
        body = text[start:m.start()]
        name = text[start:m.end()]
        if CATEGORY.search(body) or CATEGORY.search(name) or COUNTED_MEMBER.search(body):
            continue  # 某类项目; 甲、乙两大项目 (the count of the listed names before it)
        if (text[start - 1:start] == "等" or m.group() in ("总部", "研发中心")) and body \
                and is_industry(SCOPE_PREFIX.sub("", body)):
            continue  # A、B等生物医药项目, 研发总部, 销售总部: an industry or a function, not a name
        if is_generic_body(body):
            example = _example_before(text, start)
            if example is not None and text[example[0] - 1:example[0]] == "、":
                continue  # the last member of a list (A、B等…项目): _enumerated_projects names them all
            if example is not None:
                start, name = example[0], text[example[0]:example[1]] + name
            elif CONSTRUCTIBLE_BODY.match(body or "") or m.group() in ("总部", "研发中心", "生产基地"):
                org = _sentence_org(text, orgs, start)
                bare = not CONSTRUCTIBLE_BODY.match(body or "")
                if org is None or (bare and org.char_start < clause_bounds(text, start, m.end())[0]):
                    continue  # a bare 总部/研发中心 takes only the organisation of its own clause
                name = org.normalized + name
            else:
                continue
        elif COUNTED_BEFORE.search(text, max(0, start - LOOK_BACK), start):
            continue
        event = governing_event(text, events, start, m.end()) or _batch_before(text, batches, start)
        if event is None:
            continue
        out.append(_project(start, m.end(), text[start:m.end()], name, event))
    return out


def _facilities_before_trigger(text: str, events: list[Mention]) -> list[Mention]:
    """Facilities named right before their trigger, alone or as a list: "甲交易中心、乙金融
    学院陆续开业", "某某服务中心分中心正式揭牌"."""
    out = []
    for m in FACILITY_TRIGGER.finditer(text):
        event = next((e for e in events if e.char_start == m.start("trigger")), None)
        head_end = m.end("head")
        if event is None or touches_damage(text, m.start(), head_end):
            continue
        left, _ = clause_bounds(text, m.start(), m.end())
        pieces = text[left:head_end].split("、")
        spans, pos = [], left
        for i, piece in enumerate(pieces):
            s, e = pos, pos + len(piece)
            pos = e + 1
            if i == 0:
                s = _first_member_start(text, s, e)
            name = text[s:e]
            if len(pieces) > 1 and not FACILITY_END.search(name):
                continue
            body = name[:len(name) - len(m["head"])] if i == len(pieces) - 1 else name
            if 4 <= len(name) <= 30 and not is_generic_body(body) and not TRIGGER_WORD.search(name):
                spans.append((s, e))
        out += [_project(s, e, text[s:e], text[s:e], event) for s, e in spans]
    return out


def _settled_companies(text: str, events: list[Mention]) -> list[Mention]:
    """Companies that are the subject of 入驻/落户: "甲公司和乙公司已入驻园区" gives one
    入驻项目 per company (the gold convention ``<company>入驻项目``)."""
    out = []
    for event in events:
        if event.surface_text not in ("入驻", "落户", "进驻"):
            continue
        left, _ = clause_bounds(text, event.char_start, event.char_end)
        before = text[left:event.char_start]
        subject = before[:SUBJECT_GAP.search(before).start()]
        if not COMPANY_TAIL.search(subject):
            continue
        pos = left
        for i, part in enumerate(re.split(r"和|、|及|与", subject)):
            s, e = pos, pos + len(part)
            pos = e + 1
            if i == 0:
                s = _first_member_start(text, s, e)
            name = text[s:e]
            if len(name) >= 4 and COMPANY_TAIL.search(name) and not is_generic_body(COMPANY_TAIL.sub("", name)):
                out.append(_project(s, e, name, name + "入驻项目", event, constructed=True))
    return out


def _batch_before(text: str, batches: list[Mention], at: int) -> Mention | None:
    """The batch a project with no trigger of its own belongs to: the nearest batch before
    it in its paragraph or the one before (新签约项目N个 … 某县2个,为总投资9亿元的某某项目)."""
    paragraph_start = text.rfind("\n", 0, at) + 1
    window_start = text.rfind("\n", 0, max(0, paragraph_start - 1)) + 1
    before = [b for b in batches if window_start <= b.char_start and b.char_end <= at]
    if not before:
        return None
    batch = before[-1]
    return Mention("event", batch.char_start, batch.char_end, str(batch.attrs.get("trigger", "")),
                   str(batch.kind), kind=batch.kind)


def _enumerated_projects(text: str, events: list[Mention], batches: list[Mention]) -> list[Mention]:
    """Members of an enumeration governed by one event, named without a head word:
    "A、B、C等N家企业入驻" and "集中签约的项目有：A、B、C" (also when the count and its
    event stand in the sentence before: "12个项目签约。这些项目分别是A、B、C")."""
    out = []
    for m in finditer_gated(ENUM_BEFORE_COUNT, text, ENUM_BEFORE_COUNT_GATE):
        batch = next((b for b in batches if b.char_start == m.start("count")), None)
        if batch is None:
            continue
        members = _members(text, m.start("list"), m.end("list"), first_trimmed=True)
        out += [_member_project(text, start, end, batch) for start, end in members]
    for m in finditer_gated(ENUM_BEFORE_HEAD, text, ENUM_BEFORE_HEAD_GATE):
        event = governing_event(text, events, m.start("head"), m.end()) or _batch_before(text, batches, m.start())
        if event is None:
            continue
        members = _members(text, m.start("list"), m.end("list"), first_trimmed=True,
                           categories=bool(CATEGORY_HEAD.search(m["head"])))
        out += [_member_project(text, start, end, event) for start, end in members]
    for m in ENUM_AFTER_TRIGGER.finditer(text):
        event = next((e for e in events if e.char_start == m.start("trigger")), None)
        if event is None:
            continue
        members = _members(text, m.start("list"), m.end("list"), first_trimmed=False)
        out += [_member_project(text, start, end, event) for start, end in members]
    for m in REPRESENTED.finditer(text):
        event = governing_event(text, events, m.end(), m.end(), clause_only=True)
        if event is None:
            continue
        members = _members(text, m.start("list"), m.end("list"), first_trimmed=False, at_least=1)
        out += [_member_project(text, start, end, event) for start, end in members]
    for m in ENUM_AFTER_INTRO.finditer(text):
        left, right = sentence_bounds(text, m.start())
        before = [b for b in batches if left <= b.char_start < m.start()]
        p_left = _previous_sentence_start(text, left)
        if not before and p_left is not None:
            before = [b for b in batches if p_left <= b.char_start < left]
        event: Mention | None = before[-1] if before else governing_event(text, events, m.start(), m.end())
        if event is None and p_left is not None:  # 合作园区全部挂牌。…共建3个园区，分别是A、B、C
            earlier = [e for e in events if p_left <= e.char_start < left]
            event = earlier[-1] if earlier else None
        if event is None:
            continue
        list_end = LIST_END.search(text, m.end())
        members = _members(text, m.end(), list_end.start() if list_end else right, first_trimmed=False)
        out += [_member_project(text, start, end, event) for start, end in members]
    return out


# What separates listed members: 、, 以及, and 和/及 after a name's head (甲产业园和乙产业园).
MEMBER_SEPARATOR = re.compile(r"、|以及|(?<=[园区心地院司团目])(?:和|及)")


def _split_members(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the members of the list text[start:end].

    >>> t = "甲产业园、乙产业园区以及丙合作园和丁公司"
    >>> [t[s:e] for s, e in _split_members(t, 0, len(t))]
    ['甲产业园', '乙产业园区', '丙合作园', '丁公司']
    """
    spans, pos = [], start
    for m in MEMBER_SEPARATOR.finditer(text, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    return spans + [(pos, end)]


def _previous_sentence_start(text: str, left: int) -> int | None:
    """Start of the sentence before the one starting at ``left`` (over line breaks), or None."""
    at = left - 1
    while at > 0 and text[at].isspace():
        at -= 1
    if at <= 0:
        return None
    return sentence_bounds(text, at)[0]


def _members(text: str, start: int, end: int, first_trimmed: bool, categories: bool = False,
             at_least: int = 2) -> list[tuple[int, int]]:
    """Spans of the 、-separated members in text[start:end] that can be names (2-30 characters,
    not only digits, not a counted sub-batch); the first one starts where its name starts
    when ``first_trimmed``. When the list names ``categories`` (…等新兴产业项目), only
    members with a facility head (…工程, …中心) are names."""
    spans, industries = [], []
    for s, e in _split_members(text, start, end):
        described = _after_descriptor(text, s, e)
        if first_trimmed and s == start and described == s:
            s = _first_member_start(text, s, e)
        if described > s:
            lead = MEMBER_LEAD.match(text, described, e)
            s = lead.end() if lead else described
        part = text[s:e].strip(" 　“”\"")
        if 2 <= len(part) <= 30 and not part.isdigit():
            industries.append(is_industry(part))
            if not is_generic_body(part) and not COUNTED_MEMBER.search(part):
                spans.append((s, e))
    if categories or 2 * sum(industries) > len(industries):
        spans = [(s, e) for s, e in spans if NAMED_FACILITY_END.search(text[s:e].strip(" 　“”\""))]
    located = [LOCATOR_PREFIX.match(text, s, e) for s, e in spans]
    if sum(1 for m in located if m) >= 2:  # a by-place list (甲县某某项目、乙区某某项目): the place is no part of the name
        spans = [(m.end() if m else s, e) for m, (s, e) in zip(located, spans, strict=True)]
    return spans if len(spans) >= at_least else []


def is_industry(word: str) -> bool:
    """True when a listed word names an industry, not a project or company: common nouns
    only (新材料, 生命健康, 总部经济); a name has a word jieba does not know or tags as a
    name (星岚汽车, 云集科技).

    >>> is_industry("新材料"), is_industry("现代医药"), is_industry("星岚汽车"), is_industry("盛大汽车")
    (True, True, False, False)
    """
    tokens = tag(word)
    freq = load_tokenizer().tokenizer.FREQ
    return all(flag in INDUSTRY_TAGS and (w in freq or len(tokens) == 1) for w, flag in tokens)


# A descriptor before a listed name: a clause ending in 的 (将改变…格局的), or a
# description ending in 企业 (龙头企业) with the name after it.
MEMBER_DESCRIPTOR = re.compile(r"^.*(?:的|企业(?!管理|服务|发展|咨询|孵化))(?=.{2,})")
# A county, district or zone before a listed name (甲县某某, 市经开区某某): its place.
LOCATOR_PREFIX = re.compile(rf"(?:市?[{HAN_BASIC}]{{1,5}}?(?:县|区))(?=[{HAN_BASIC}A-Za-z0-9]{{4,}})")
# A listed member that is itself a counted sub-batch (某某产业园项目9个).
COUNTED_MEMBER = re.compile(r"(?:\d+|[一二三四五六七八九十两]+)(?:个|家|项|大)$")
# The head of a list of categories (…等战略性新兴产业项目, …等现代服务业项目, …民生类项目).
CATEGORY_HEAD = re.compile(r"新兴产业|服务业|行业|领域|业态|类|板块")
# POS tags of the words of an industry name (新材料, 生命健康, 现代医药, 总部经济).
INDUSTRY_TAGS = frozenset({"n", "vn", "a", "t", "nz", "j"})
# A member that names a facility or a works, even in a list of categories (…景观工程).
NAMED_FACILITY_END = re.compile(r"(?:中心|基地|园|园区|学院|研究院|实验室|工厂|总部|大厦|医院|学校|馆|工程|项目)$")


def _after_descriptor(text: str, start: int, end: int) -> int:
    """Where a listed member's name starts after its descriptor (…格局的某某工程 -> 某某工程,
    社交电商龙头企业云帆科技 -> 云帆科技).

    >>> t = "将改变交通格局的星河高铁工程"
    >>> t[_after_descriptor(t, 0, len(t)):]
    '星河高铁工程'
    """
    m = MEMBER_DESCRIPTOR.match(text[start:end])
    return start + m.end() if m else start


def _first_member_start(text: str, start: int, end: int) -> int:
    """Where the first member of a list, text[start:end], starts: the whole span when it opens
    a clause and reads as one name (jieba cuts unknown names apart), else the jieba walk,
    after a lead word (已有, 包括)."""
    lead = MEMBER_LEAD.match(text, start, end)
    at_clause = start == 0 or HARD_BREAK_IN_SLOT.match(text, start - 1) or text[start - 1] in "：:"
    if at_clause and is_clean_slot(text[lead.end() if lead else start:end]):
        return lead.end() if lead else start
    begin = name_start(text, end, end, max_chars=24, stop_words=PROJECT_STOP_WORDS, verbs_stop=False)
    start = max(start, begin) if begin is not None else start
    lead = MEMBER_LEAD.match(text, start, end)
    return lead.end() if lead else start


def _member_project(text: str, start: int, end: int, event: Mention) -> Mention:
    """A listed member as a project: a company gets 项目 (入驻项目 when it settles and the
    list names no 项目 before its trigger: 甲公司、乙公司已入驻, but 甲、乙等项目已落户), a
    facility keeps its name."""
    member = text[start:end].strip(" 　“”\"")
    headed = "项目" in text[end:event.char_start]
    if PROJECT_HEAD.search(member) and PROJECT_HEAD.search(member).end() == len(member):
        name = member
    elif COMPANY_END.search(member) or not FACILITY_END.search(member):
        name = member + ("入驻项目" if event.kind == "settled" and not headed else "项目")
    else:
        name = member
    trigger = event if event.mention_type == "event" else Mention(
        "event", event.char_start, event.char_end, str(event.attrs.get("trigger", "")), str(event.kind), kind=event.kind)
    return _project(start, end, text[start:end], name, trigger, enumerated=True)


def project_name_start(text: str, head_start: int, head_end: int) -> int | None:
    """Where the project name ending in ``text[head_start:head_end]`` begins: the jieba
    walk, then widened over a join word inside the name (海澜智造及配套研发项目, 装备研发与
    产业化项目) and over a capacity phrase cut at its number (某某年产8GW电池项目).

    >>> t = "会上，海澜智造及配套研发项目签约。"
    >>> t[project_name_start(t, 12, 14):14]
    '海澜智造及配套研发项目'
    >>> t = "星河纸业年产8万吨特种纸项目开工"
    >>> t[project_name_start(t, 12, 14):14]
    '星河纸业年产8万吨特种纸项目'
    """
    start = name_start(text, head_start, head_end, max_chars=30, stop_words=PROJECT_STOP_WORDS, glued_head=True)
    if start is None:
        return None
    if head_start - start < 2:
        loose = name_start(text, head_start, head_start, max_chars=16, stop_words=PROJECT_STOP_WORDS,
                           verbs_stop=False)
        if loose is not None and head_start - loose >= 2 and not _opens_with_verb(text[loose:head_start]) \
                and not _ends_with_verb(text[loose:head_start]):
            start = loose
    for _ in range(3 if head_start - start >= 2 else 0):  # only a name cut inside is widened
        widened = _widen(text, start)
        if widened is None:
            break
        start = widened
    slot = _slot_start(text, head_start, start)
    start = slot if slot is not None and slot < start else start
    while start < head_start - 1 and text[start] in NAME_NEVER_OPENS:
        start += 1  # 签约的苏滁…项目: a particle jieba glued to the name
    lead_in = LEAD_IN.match(text, start, head_start)
    return lead_in.end() if lead_in else start


def _slot_start(text: str, head_start: int, walk_start: int | None = None) -> int | None:
    """Where a name in a list slot starts: right after the slot's opening (、, ：, 亿元的, or
    a join after another project), when the whole slot reads as one name (no trigger, no
    clause word, no 的, no verb opening it); the slot opens before ``walk_start`` (a name
    the walk widened over its inner 、 keeps it). jieba cuts unknown company names apart
    (奋进, 腾飞 are verbs; 三 a numeral), but the slot still bounds the name.

    >>> t = "包括甲项目、浙江奋进农资物流项目等。"
    >>> t[_slot_start(t, 14):14]
    '浙江奋进农资物流'
    >>> t = "分别为总投资7亿元的腾飞生物科技糖浆生产项目。"
    >>> t[_slot_start(t, 20):20]
    '腾飞生物科技糖浆生产'
    >>> t = "、加快推进星河项目"
    >>> _slot_start(t, 7) is None
    True
    """
    window_start = max(0, head_start - SLOT_CHARS)
    opening = None
    for m in SLOT_OPEN.finditer(text, window_start, head_start if walk_start is None else walk_start):
        opening = m
    if opening is None:
        return None
    start = opening.end()
    return start if is_clean_slot(text[start:head_start], verb_may_open=opening.group().endswith("元的")) else None


def is_clean_slot(slot: str, verb_may_open: bool = False) -> bool:
    """True when ``slot`` reads as one name: no punctuation, 的, trigger, amount, count,
    project head, clause or stop word, and no dictionary verb opening it (unless
    ``verb_may_open``: after 亿元的 the name follows for sure).

    >>> is_clean_slot("浙江奋进农资物流"), is_clean_slot("加快推进星河"), is_clean_slot("其中星河")
    (True, False, False)
    """
    if len(slot) < 2 or HARD_BREAK_IN_SLOT.search(slot) or "的" in slot or TRIGGER_WORD.search(slot) \
            or SLOT_AMOUNT.search(slot) or "项目" in slot or SLOT_COUNT.search(slot):
        return False
    tokens = tag(slot)
    if any(word in SLOT_CLAUSE_WORDS or word in PROJECT_STOP_WORDS or (word in STOP_WORDS and word not in NAME_JOIN_WORDS)
           for word, _ in tokens):
        return False
    return verb_may_open or not _opens_with_verb(slot)


def _widen(text: str, start: int) -> int | None:
    """A start further left when the name was cut at a join word or a capacity number."""
    capacity = CAPACITY_BEFORE.search(text, max(0, start - 16), start)
    if capacity is not None:
        left = name_start(text, capacity.start(), capacity.start(), max_chars=16,
                          stop_words=PROJECT_STOP_WORDS, verbs_stop=False)
        return left if left is not None else capacity.start()
    if start < 3 or text[start - 1] not in NAME_JOINS or PROJECT_HEAD.search(text, start - 3, start - 1):
        return None
    left = name_start(text, start - 1, start - 1, max_chars=12, stop_words=PROJECT_STOP_WORDS, verbs_stop=False)
    if left is None or start - 1 - left < 2 or TRIGGER_WORD.search(text, left, start - 1):
        return None
    if text[start - 1] == "、" and (NAMED_FACILITY_END.search(text, left, start - 1)
                                   or LISTED_NAME_END.search(text, left, start - 1) or _opens_with_verb(text[start:start + 4])
                                   or _industry_word(text[left:start - 1])):
        return None  # 甲公路某段、乙大厦项目: two listed names; 研发、生产项目: one name's listed words
    return left


def _ends_with_verb(words: str) -> bool:
    """True when ``words`` end in a dictionary verb that is no name word (星河集团加大, 宣布)."""
    tokens = tag(words)
    if not tokens:
        return False
    word, flag = tokens[-1]
    return flag.startswith("v") and flag != "vn" and word not in NAME_VERBS | BUILD_VERBS \
        and word in load_tokenizer().tokenizer.FREQ


def _industry_word(words: str) -> bool:
    """True when ``words`` are one industry word of three or more characters (制造业, 服务业):
    a listed category, not a part of a name (研发、生产 are parts)."""
    return len(words) >= 3 and len(tag(words)) == 1 and is_industry(words)


def _opens_with_verb(words: str) -> bool:
    """True when ``words`` open with a dictionary verb that is no name word (加强, 完善)."""
    tokens = tag(words)
    if not tokens:
        return False
    word, flag = tokens[0]
    return flag.startswith("v") and flag != "vn" and word not in NAME_VERBS and word in load_tokenizer().tokenizer.FREQ


# Longest run of region abbreviations that opens a cooperation's category (沪苏浙皖合作项目).
MAX_ABBREVIATION_RUN = 4


# Brackets and quotes, dropped from a body before it is judged.
BRACKETS_AND_QUOTES = re.compile(r"[()（）“”\"]")
# A body that counts the projects (7个项目, 三大新兴产业项目): a batch, never one named project.
COUNTED_BODY = re.compile(r"^(?:[\d一二三四五六七八九十百千两几数多余]+(?:个|家|项|批|类|期$|大(?!道|街|桥|厦|楼|学))|[个家项](?!目))")


def is_generic_body(body: str) -> bool:
    """True when the words before a project head only classify or rate it (重点, 年重大,
    有效投资重大, 某某市重大产业): a category of projects, not a named one.

    >>> is_generic_body("年重大"), is_generic_body("嘉禾市重大产业"), is_generic_body("星岚研究院"), is_generic_body("抓")
    (True, True, False, True)
    >>> is_generic_body("协调解决"), is_generic_body("面板"), is_generic_body("智能制造")
    (True, True, False)
    >>> is_generic_body("7个"), is_generic_body("三大新兴产业"), is_generic_body("十里河")
    (True, True, False)
    """
    body = SCOPE_PREFIX.sub("", BRACKETS_AND_QUOTES.sub("", body))
    body = REGION_PREFIX.sub("", body, count=1) if REGION_PREFIX.match(body) else body
    if len(body) <= 1 or GENERIC_PROJECT_BODY.match(body) or COUNTED_BODY.match(body):
        return True
    if any(GENERIC_PROJECT_BODY.match(body[run:]) for run in range(2, min(_abbreviation_run(body), len(body) - 1) + 1)):
        return True  # 沪苏合作项目: the regions a cooperation joins, and a category
    # one common two-character noun names an industry, not a project (面板项目, 锂电项目);
    # dictionary verbs only are an action on projects (确保项目, 协调解决项目)
    tokens = tag(body)
    freq = load_tokenizer().tokenizer.FREQ
    if len(body) == 2 and len(tokens) == 1 and tokens[0][1] == "n" and body in freq:
        return True
    return all(flag == "v" and word in freq and word not in NAME_VERBS for word, flag in tokens)


def _abbreviation_run(body: str) -> int:
    """How many leading characters of ``body`` are one-character region abbreviations (沪, 嘉),
    at most ``MAX_ABBREVIATION_RUN`` (合 of 合作 is one too: callers try each shorter run)."""
    abbreviations = load_abbreviations()
    run = 0
    while run < min(len(body), MAX_ABBREVIATION_RUN) and body[run] in abbreviations:
        run += 1
    return run


def _example_before(text: str, start: int) -> tuple[int, int] | None:
    """Span of X in "X等一批…" right before ``start``, if any."""
    m = EXAMPLE_BEFORE.search(text, max(0, start - LOOK_BACK), start)
    if m is None:
        return None
    x_start = name_start(text, m.start(), m.start(), max_chars=16, stop_words=PROJECT_STOP_WORDS, verbs_stop=False)
    if x_start is None or m.start() - x_start < 2:
        return None
    return x_start, m.start()


def _sentence_org(text: str, orgs: list[Mention], at: int) -> Mention | None:
    """The first organisation of the sentence holding ``at`` (its subject), else of the one before."""
    left, _ = sentence_bounds(text, at)
    same = [o for o in orgs if left <= o.char_start < at]
    if same:
        return same[0]
    if left == 0:
        return None
    p_left, _ = sentence_bounds(text, left - 1)
    before = [o for o in orgs if p_left <= o.char_start < left]
    return before[0] if before else None


def _quoted_facilities(text: str, parks: list[Mention], events: list[Mention]) -> list[Mention]:
    out = []
    for m in QUOTED_FACILITY.finditer(text):
        name = m["name"]
        if CATEGORY.search(name) or any(m.start() <= p.char_start < m.end() for p in parks):
            continue
        event = next((e for e in events if e.char_start == m.start("trigger")), None)
        if event is None or touches_damage(text, m.start("name"), m.end("name")):
            continue
        out.append(_project(m.start("name"), m.end("name"), name, name, event))
    return out


def _intention_projects(text: str, events: list[Mention], orgs: list[Mention],
                        found: list[Mention]) -> list[Mention]:
    """An investment intention or agreement signed with no project named (签下了投资意向):
    a project named after the organisation that is the sentence's subject."""
    out = []
    for event in events:
        m = INTENTION_OBJECT.match(text, event.char_end)
        if event.kind != "signed" or m is None:
            continue
        left, right = sentence_bounds(text, event.char_start)
        if any(left <= p.char_start < right and p.char_start <= event.char_start + 12 for p in found):
            continue
        org = _sentence_org(text, orgs, event.char_start)
        if org is None or org.char_start < left:
            continue
        out.append(_project(event.char_start, m.end(), text[event.char_start:m.end()],
                            org.normalized + "投资意向项目", event, constructed=True))
    return out


def _park_projects(text: str, events: list[Mention], parks: list[Mention]) -> list[Mention]:
    out = []
    for park in parks:
        event = governing_event(text, events, park.char_start, park.char_end, clause_only=True)
        if event is None or event.kind not in PARK_EVENT_KINDS:
            continue
        if event.kind == "other" and event.surface_text != "发布":
            continue
        if _is_venue(text, park, event) or NEGATION.search(_between(text, park, event)) \
                or LOCATIVE_AFTER.match(text, park.char_end) or BENEFICIARY_BEFORE.search(text, max(0, park.char_start - 1), park.char_start) \
                or _in_title(text, park.char_start):
            continue  # 仪式在某某园区内举行: the venue; 某某园区等均未申报: no event
        if event.char_start >= park.char_end and NAME_CONTINUES.match(text, park.char_end, event.char_start):
            continue  # 某某新区投资促进服务中心分中心揭牌: the park only opens the name of what is unveiled
        suffix = next((x for x in PARK_SUFFIXES if park.normalized.endswith(x)), "")
        if is_generic_body(park.normalized[:len(park.normalized) - len(suffix)]):
            continue  # 打造零碳示范园区: an aspiration, not a park that is built or opened
        name = park.normalized + (park.attrs.get("phase") or "")
        out.append(_project(park.char_start, park.char_end, park.surface_text, name, event, park=park.normalized))
    return out


def _is_venue(text: str, park: Mention, event: Mention) -> bool:
    """True when the park is where an event is held, not what the event is about: 仪式在某某
    园区内举行, 某某高新区举行一季度项目集中开工活动 (but 某某产业园举行开园仪式 opens it).

    >>> from ingest.extract.events import extract_events
    >>> t = "星河高新区举行一季度项目集中开工活动。"
    >>> _is_venue(t, Mention("park", 0, 5, "星河高新区", "星河高新区"), extract_events(t)[0])
    True
    """
    held = VENUE_AFTER.match(text, park.char_end)
    if held is None:
        return False
    if text[max(0, park.char_start - 2):park.char_start].endswith(("在", "于")):
        return True
    return "项目" in text[held.end():event.char_start]


def _in_title(text: str, at: int) -> bool:
    """True when ``at`` is inside a 《document title》 of its sentence."""
    left, _ = sentence_bounds(text, at)
    return text.rfind("《", left, at) > text.rfind("》", left, at)


def _between(text: str, a: Mention, b: Mention) -> str:
    """The text between two mentions, whichever comes first."""
    return text[a.char_end:b.char_start] if a.char_end <= b.char_start else text[b.char_end:a.char_start]


def _carried_milestones(text: str, events: list[Mention], projects: list[Mention]) -> list[Mention]:
    """Milestones of a named project or park told in the clauses right after its own, with no
    subject of their own (…于2021年3月奠基，2022年1月开工，今日正式开园): one project event per
    such clause, spanning the clause, named as the project (``attrs['carried']``). The run
    ends at the first clause that says more than a joining word, a date, adverbs and a trigger.

    >>> from ingest.extract.events import extract_events
    >>> t = "星河电子项目于2021年3月签约，2022年1月开工，今日正式投产。"
    >>> p = _named_projects(t, extract_events(t), [], [])
    >>> [(m.surface_text, m.normalized, m.kind) for m in _carried_milestones(t, extract_events(t), p)]
    [('2022年1月开工', '星河电子项目', 'started'), ('今日正式投产', '星河电子项目', 'produced')]
    """
    out = []
    by_start = {e.char_start: e for e in events}
    for p in projects:
        own = by_start.get(int(p.attrs["trigger_start"]))  # type: ignore[call-overload]
        if own is None or p.attrs.get("is_batch") or p.attrs.get("enumerated"):
            continue
        _, s_right = sentence_bounds(text, own.char_start)
        _, right = clause_bounds(text, own.char_start, own.char_end)
        while right < s_right:
            left, right = clause_bounds(text, right + 1, right + 1)
            trigger = next((e for e in events if left <= e.char_start < right), None)
            if trigger is None or not BARE_MILESTONE.fullmatch(text, left, trigger.char_start) \
                    or ("park" in p.attrs and trigger.kind not in PARK_EVENT_KINDS):
                break
            out.append(Mention("project", left, trigger.char_end, text[left:trigger.char_end], p.normalized,
                               kind=trigger.kind, attrs={**p.attrs, "trigger": trigger.surface_text,
                                                         "trigger_start": trigger.char_start, "carried": True}))
    return out


def _mark_background(text: str, projects: list[Mention]) -> list[Mention]:
    """Mark events told as background (``attrs['background']``): dated 自…以来 clauses, and
    dated clauses of a name that has an undated event in the article (else its first dated
    event is the current one); drop undated 自…以来 clauses (no date to place them on a
    timeline). A milestone carried from the clause before (``_carried_milestones``) is judged
    by its own clause."""
    def told(p: Mention) -> tuple[bool, bool]:
        """Whether the event's clause is a 自…以来 one, and whether it is dated."""
        if p.attrs.pop("carried", False):
            return False, bool(MILESTONE_DATED.search(text, p.char_start, p.char_end))
        trigger = int(p.attrs["trigger_start"])  # type: ignore[call-overload]
        left, right = clause_bounds(text, min(p.char_start, trigger), max(p.char_end, trigger))
        return bool(SINCE_CLAUSE.search(text, left, right)), bool(DATED_CLAUSE.search(text, left, right))

    out = []
    undated: set[str] = set()
    since_ids: set[int] = set()
    for p in sorted(projects, key=lambda p: p.char_start):
        since, dated = told(p)
        if since and not dated:
            continue
        if since:
            since_ids.add(id(p))
        if since or dated:
            p.attrs["background"] = True
        else:
            undated.add(name_key(p.normalized))
        out.append(p)
    dated_only: set[str] = set()
    for p in out:  # a name told only in dated clauses: its first one is what the article reports
        key = name_key(p.normalized)
        if key not in undated and key not in dated_only and id(p) not in since_ids:
            dated_only.add(key)
            p.attrs.pop("background")
    return out


# Characters a project's name key drops: white space, brackets, quotes, the middle dot.
NAME_KEY_DROP = re.compile(r"[\s()（）“”\"·]")


def name_key(name: str) -> str:
    """The key that merges spellings of one project within an article.

    >>> name_key("台州（松江）科技创新园二期项目") == name_key("台州(松江)科创园二期")
    True
    """
    # removesuffix is re.sub("项目$", ""): no white space is left for $ to match before.
    return NAME_KEY_DROP.sub("", name.replace("科技创新园", "科创园")).removesuffix("项目")


def _first_per_name(projects: list[Mention]) -> list[Mention]:
    """One current event per project name, the first the article reports, and one background
    event per name and trigger word."""
    seen: set[tuple[str, str | None]] = set()
    out = []
    for p in sorted(projects, key=lambda p: p.char_start):
        key = (name_key(p.normalized), str(p.attrs["trigger"]) if p.attrs.get("background") else None)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


# A resolved date as the dates extractor writes it: 2021, 2021-03 or 2021-03-18.
RESOLVED_DATE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2}))?(?:-(?P<d>\d{2}))?")


def date_milestones(text: str, projects: list[Mention], dates: list[Mention]) -> list[Mention]:
    """Give each background milestone the date of its own clause (``attrs['clause_date']``,
    ISO, the first day of a month or year written without one, and
    ``attrs['clause_date_precision']``): the resolved date right before its trigger, with
    adverbs only between them (于2021年7月17日正式奠基). A background milestone without one is
    dropped: it has no place on a timeline. A current event keeps the date of its sentence,
    unless the sentence tells milestones too: then its own clause's date, when it has one (今日).

    >>> import datetime as dt
    >>> from ingest.extract.dates import extract_dates
    >>> from ingest.extract.events import extract_events
    >>> t = "星河电子项目于2021年3月签约，2022年1月开工，今日正式投产。"
    >>> p = date_milestones(t, extract_projects(t, extract_events(t), [], []), extract_dates(t, None))
    >>> [(m.kind, m.attrs.get("clause_date"), m.attrs.get("clause_date_precision")) for m in p]
    [('signed', '2021-03-01', 'month'), ('started', '2022-01-01', 'month'), ('produced', None, None)]
    >>> p = date_milestones(t, extract_projects(t, extract_events(t), [], []), extract_dates(t, dt.date(2023, 6, 20)))
    >>> p[-1].attrs["clause_date"], p[-1].attrs["clause_date_precision"]
    ('2023-06-20', 'day')
    """
    resolved = [d for d in dates if d.attrs.get("resolved") and RESOLVED_DATE.fullmatch(d.normalized)]
    own = {id(p): _clause_date(text, p, resolved) for p in projects if "trigger_start" in p.attrs}
    background = [p for p in projects if p.attrs.get("background")]
    told = {sentence_bounds(text, p.char_start) for p in background if own[id(p)] is not None}
    out = []
    for p in projects:
        date = own.get(id(p))
        if p.attrs.get("background") and date is None:
            continue  # no place on a timeline
        out.append(p)
        if date is None or not (p.attrs.get("background") or sentence_bounds(text, p.char_start) in told):
            continue  # a reported event alone in its sentence keeps the sentence's date
        m = RESOLVED_DATE.fullmatch(date.normalized)
        assert m is not None
        p.attrs["clause_date"] = f"{year_after_earlier_date(text, date, resolved) or m['y']}-{m['m'] or '01'}-{m['d'] or '01'}"
        p.attrs["clause_date_precision"] = date.kind
    return out


def _clause_date(text: str, project: Mention, dates: list[Mention]) -> Mention | None:
    """The date right before the project's trigger, with adverbs only between them."""
    trigger = int(project.attrs["trigger_start"])  # type: ignore[call-overload]
    return next((d for d in dates if d.char_end <= trigger and DATE_TO_TRIGGER.fullmatch(text, d.char_end, trigger)), None)
