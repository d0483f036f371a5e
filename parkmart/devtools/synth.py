"""``parkmart synth``: a synthetic corpus of park-investment news with a gold file per article.

Every article is generated from templates written for this project (no third-party text)
and is a pure function of ``(seed, index)``, so a corpus is reproducible byte for byte and
can be generated in any order. Places come from ``seeds/regions.csv``; park and project
names from a suffix grammar; figures are stated the many ways Chinese news states them
(12.5亿元, 三十亿元, 约2.3亿美元, 超600亿元, 2,000万元, 20余亿元, 350亩, 6.8万平方米 …).

A page carries what crawled pages carry: navigation, a date/source line, related-article
teasers with their own figures, contact lines with phone numbers, copyright footers.
Some pages are traditional script, some carry pinyin glosses or damaged bytes, some are
GB18030 or Big5, HTML or JSONL lines, and some are near-duplicate reprints of another.

Output: ``OUT/corpus/`` (the articles) and ``OUT/gold/`` (one ``<id>.json`` per article in
the format of shared/gold; id = file stem, or ``feed_N.jsonl#line`` for JSONL lines).
The gold labels the main article only: figures in teasers and ads are not labelled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ingest.gazetteer import Region, load_regions
from ingest.normalize import load_converters

# Bump when the generator's output changes, so cached benchmark corpora are regenerated.
SYNTH_VERSION = "3"
# Park names: [prefix] + core industry + suffix [+ phase].
PARK_CORES = ("智能制造", "生物医药", "数字经济", "新能源", "集成电路", "高端装备", "新材料", "人工智能",
              "绿色低碳", "科技创新", "先进制造", "医疗器械", "汽车零部件", "光电信息", "机器人", "氢能")
PARK_SUFFIXES = ("产业园", "科技园", "创新园", "产业基地", "工业园", "科创园", "产业创新园", "智造园", "科创中心")
PHASES = ("", "", "", "二期", "三期")
# Made-up company brands (two syllables) and what their projects make.
BRAND_CHARS = "华芯创联恒瑞达新元智宏德泰源鑫晟博盛启航嘉锐睿拓凯迈"
PRODUCTS = ("年产20万套汽车电子零部件", "高端装备制造基地", "研发总部", "半导体材料", "智能仓储物流中心",
            "动力电池", "精密模具", "生物制药生产基地", "工业机器人", "光伏组件", "医疗影像设备", "新型显示面板",
            "碳纤维复合材料", "数据中心", "智能传感器", "氢燃料电池")
COMPANY_SUFFIXES = ("科技有限公司", "股份有限公司", "集团", "智能装备有限公司")
BANKS = ("工商银行", "建设银行", "农业银行", "中国银行", "交通银行", "邮储银行")
OUTLETS = ("园区观察网", "长三角产业报", "城市经济日报", "开发区在线", "新区发布", "产业投资周刊")
EDITORS = ("王敏", "李娜", "张磊", "刘洋", "陈静", "杨帆", "赵婷", "周琪")

# Events: (label, verb phrase after the project name).
EVENTS = {"signed": "正式签约", "started": "开工建设", "opened": "正式开园", "unveiled": "揭牌",
          "completed": "竣工", "produced": "投产", "settled": "落户"}
# Amount cue words by kind, as they stand before the figure.
CUES = {
    "investment": ("总投资", "计划投资", "协议投资", "签约金额", "投资总额"),
    "output": ("年产值", "预计年产值", "可实现年产值"),
    "tax": ("年税收", "年纳税"),
    "credit": ("授信",),
    "fund": ("基金规模",),
    "revenue": ("年营业收入", "年销售额"),
}
CURRENCY_WORDS = (("元", "CNY", 0.86), ("美元", "USD", 0.08), ("欧元", "EUR", 0.03), ("港元", "HKD", 0.02),
                  ("日元", "JPY", 0.01))
CN_DIGIT = "零一二三四五六七八九"

# Sentences of running text with no figures, places or names (the bulk of real articles).
FILLER = (
    "项目建成后将进一步完善区域产业链条，带动上下游配套企业集聚发展。",
    "近年来，当地坚持以产业链招商为抓手，持续优化营商环境，加快培育新质生产力。",
    "活动现场，与会嘉宾共同见证了合作协议的签署，并实地考察了部分重点企业。",
    "下一步，园区将聚焦主导产业，强化要素保障，推动更多优质项目早落地、早投产、早见效。",
    "相关负责人表示，将以更高标准做好服务保障，为企业发展提供全周期、全要素支持。",
    "双方将在科技创新、产业协作、人才交流等方面深化合作，实现优势互补、互利共赢。",
    "据介绍，园区已累计引进各类企业{n}余家，带动就业3000余人。",
    "该负责人介绍，今年以来当地规上工业增加值同比增长8.6%，发展势头良好。",
    "会上还发布了园区产业招引政策，涵盖研发投入、人才引进、厂房租赁等多个方面。",
    "园区按照“研发在中心、转化在园区”的思路，打造集研发、中试、生产于一体的创新生态。",
    "与会企业家纷纷表示，看好当地的发展前景和营商环境，将进一步加大投资力度。",
    "此次活动是推进长三角一体化高质量发展的具体举措，对深化区域协作具有重要意义。",
    "为确保项目顺利推进，当地成立了工作专班，实行“一个项目、一名领导、一套班子”的推进机制。",
    "园区配套建设了人才公寓、职工食堂和综合服务中心，着力提升产城融合水平。",
    "企业负责人表示，选择在这里投资，看中的是完善的产业配套、高效的政务服务和便捷的交通区位。",
    "当地还将围绕产业链关键环节开展精准招商，推动创新链、产业链、资金链、人才链深度融合。",
    "在政策支持方面，园区对符合条件的企业给予研发补助、租金减免和人才安居等一揽子扶持。",
    "据了解，园区正加快建设公共技术服务平台，为中小企业提供检验检测、中试验证等服务。",
    "与会人员围绕产业协同、科技成果转化等议题进行了深入交流，形成了多项合作共识。",
    "今后，双方将建立常态化沟通机制，定期会商合作事项，协调解决项目推进中的困难和问题。",
    "当地有关部门将持续深化“放管服”改革，推行项目审批“一件事”集成服务，压缩审批时限。",
    "活动期间，参会代表还参观了企业展厅和生产车间，详细了解了企业的研发布局和市场前景。",
    "业内人士认为，跨区域产业合作有利于发挥各自比较优势，推动资源要素在更大范围内高效配置。",
    "该园区坚持绿色低碳发展理念，推广屋顶分布式光伏和能源梯级利用，打造零碳示范园区。",
)
# Filler sentences that state a count of enterprises ({n}, drawn per article): by the batch
# convention (cumulative counts are batches, 累计引进企业N家 -> settled) each is labelled.
FILLER_BATCHES = {
    "据介绍，园区已累计引进各类企业{n}余家，带动就业3000余人。": ("已累计引进各类企业{n}余家", "settled"),
}
# Pinyin glossed characters as some pages print them: 园(yuán).
PINYIN = {"园": "yuán", "区": "qū", "创": "chuàng", "产": "chǎn", "业": "yè", "新": "xīn"}
DAMAGE_MARK = "\ue000"  # placeholder for a damaged byte run, replaced after encoding
DAMAGED_BYTES = b"\xe5\x9b"  # the first two bytes of a three-byte UTF-8 character, cut off


@dataclass
class Place:
    """A region as an article names it, with its gold label."""

    region: Region
    written: str

    @property
    def gold(self) -> dict:
        return {"name": self.region.full_name, "code": self.region.code}


@dataclass
class Article:
    """One synthetic article: its main body, page furniture and gold labels."""

    index: int
    title: str
    published: dt.date | None
    paragraphs: list[str]
    gold: dict
    outlet: str
    fmt: str = "txt"  # txt | html | jsonl
    encoding: str = "utf-8"
    script: str = "simplified"
    pinyin: bool = False
    damaged: bool = False
    url: str | None = None
    teasers: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _places() -> tuple[list[Region], list[Region], list[Region]]:
    """(YRD counties, YRD cities, other cities) whose names are unique nationwide."""
    regions = load_regions()
    names = Counter(r.name for r in regions.values())
    unique = [r for r in regions.values() if names[r.name] == 1 and len(r.short_name) >= 2]
    counties = [r for r in unique if r.level == "county" and r.is_yrd and r.name[-1] in "区县市"
                and not any(w in r.name for w in ("开发", "园", "新区", "经济", "高新"))]
    cities = [r for r in unique if r.level == "city" and r.is_yrd]
    others = [r for r in unique if r.level == "city" and not r.is_yrd]
    return counties, cities, others


def chinese_number(n: int) -> str:
    """A whole number below 10,000 in Chinese numerals as news writes it.

    >>> chinese_number(30), chinese_number(12), chinese_number(150), chinese_number(2)
    ('三十', '十二', '一百五十', '两')
    """
    if n == 2:
        return "两"
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero:
                out += "零"
            out += ("" if (unit == "十" and digit == 1 and not out) else CN_DIGIT[digit]) + unit
            zero = False
        elif out:
            zero = True
    return out


def _pick_currency(rng: random.Random) -> tuple[str, str]:
    x, acc = rng.random(), 0.0
    for word, code, weight in CURRENCY_WORDS:
        acc += weight
        if x < acc:
            return word, code
    return "元", "CNY"


def money(rng: random.Random, allow_foreign: bool = True) -> tuple[str, float, str, str]:
    """A monetary figure as written: (text, value in currency units, ISO currency, qualifier)."""
    word, currency = _pick_currency(rng) if allow_foreign else ("元", "CNY")
    style = rng.random()
    if style < 0.55:  # 9.5亿元, 180亿元
        number = rng.choice((round(rng.uniform(1, 99), 1), rng.randint(2, 500), round(rng.uniform(0.5, 9), 2)))
        number = int(number) if float(number).is_integer() else number
        text, value = f"{number}亿{word}", float(number) * 1e8
    elif style < 0.7:  # 三十亿元
        n = rng.choice((rng.randint(2, 20), rng.randrange(20, 200, 10), rng.randrange(100, 1000, 50)))
        text, value = f"{chinese_number(n)}亿{word}", n * 1e8
    elif style < 0.85:  # 2,000万元, 3500万元
        n = rng.randrange(500, 20000, 100)
        written = f"{n:,}" if n >= 1000 and rng.random() < 0.5 else str(n)
        text, value = f"{written}万{word}", n * 1e4
    else:  # 20余亿元
        n = rng.randrange(10, 100, 10)
        text, value = f"{n}余亿{word}", n * 1e8
        return text, value, currency, "over"
    q = rng.random()
    if q < 0.7:
        return text, value, currency, "exact"
    if q < 0.82:
        return rng.choice(("约", "近")) + text, value, currency, "approx"
    if q < 0.94:
        return (rng.choice(("超", "逾")) + text if rng.random() < 0.6 else text + "以上"), value, currency, "over"
    return rng.choice(("不到", "不足")) + text, value, currency, "under"


def area(rng: random.Random) -> tuple[str, float]:
    """An area as written and its value in m²: 350亩, 6.8万平方米, 3.2平方公里, 12公顷, 5万方."""
    style = rng.randrange(6)
    if style == 0:
        n = rng.randrange(50, 3000, 10)
        return f"{n}亩", n * 2000 / 3
    if style == 1:
        n = round(rng.uniform(1, 60), 1)
        return f"{n:g}万平方米", n * 1e4
    if style == 2:
        n = round(rng.uniform(1, 30), 1)
        return f"{n:g}平方公里", n * 1e6
    if style == 3:
        n = rng.randrange(5, 400)
        return f"{n}公顷", n * 1e4
    if style == 4:
        n = rng.randrange(2, 50)
        return f"{n}万方", n * 1e4
    n = rng.randrange(2000, 90000, 100)
    return f"{n:,}平方米", float(n)


def brand(rng: random.Random) -> str:
    return "".join(rng.sample(BRAND_CHARS, 2))


def park_name(rng: random.Random, host: Region, partner: Region | None) -> str:
    prefix = f"{partner.short_name}（{host.short_name}）" if partner else host.short_name
    return prefix + rng.choice(PARK_CORES) + rng.choice(PARK_SUFFIXES) + rng.choice(PHASES)


def project_name(rng: random.Random) -> str:
    return brand(rng) + rng.choice(PRODUCTS) + "项目"


def _written(rng: random.Random, region: Region) -> Place:
    """A region as a body names it: its official name, sometimes its short name."""
    short_ok = region.level != "county" and len(region.short_name) >= 2
    return Place(region, region.short_name if short_ok and rng.random() < 0.3 else region.name)


class Body:
    """Accumulates main-body sentences and the gold labels they carry."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.paragraphs: list[list[str]] = [[]]
        self.gold: dict = {"amounts": [], "areas": [], "parks": [], "regions": [], "projects": [],
                           "batches": [], "cross_region": []}

    def say(self, sentence: str) -> None:
        self.paragraphs[-1].append(sentence)

    def paragraph(self) -> None:
        if self.paragraphs[-1]:
            self.paragraphs.append([])

    def filler(self, n: int) -> None:
        for s in self.rng.sample(FILLER, n):
            if s in FILLER_BATCHES:
                count = self.rng.randrange(20, 100)
                text, event = FILLER_BATCHES[s]
                self.gold["batches"].append({"text": text.format(n=count), "count": count, "event": event,
                                             "total_investment_value": None, "currency": None})
                s = s.format(n=count)
            self.say(s)

    def place(self, place: Place) -> str:
        if place.gold not in self.gold["regions"]:
            self.gold["regions"].append(place.gold)
        return place.written

    def park(self, name: str) -> str:
        if name not in self.gold["parks"]:
            self.gold["parks"].append(name)
        return name

    def amount(self, kind: str, subject: str | None, foreign: bool = True) -> tuple[str, float, str]:
        text, value, currency, qualifier = money(self.rng, foreign)
        cue = self.rng.choice(CUES[kind])
        joiner = self.rng.choice(("", "", "达", "为")) if qualifier == "exact" else ""
        if currency == "CNY" and kind == "investment" and "亿元" in text and self.rng.random() < 0.15:
            text = text.replace("亿元", "亿")  # 投资金额达128亿: the currency left unsaid
        self.gold["amounts"].append({"text": f"{cue}{joiner}{text}", "value": round(value, 2), "currency": currency,
                                     "qualifier": qualifier, "kind": kind, "subject": subject})
        return f"{cue}{joiner}{text}", value, currency

    def area(self, cue: str) -> str:
        text, m2 = area(self.rng)
        self.gold["areas"].append({"text": f"{cue}{text}", "value_m2": round(m2)})
        return f"{cue}{text}"


def _event_phrase(rng: random.Random, published: dt.date | None) -> tuple[str, str | None]:
    """How the body dates its event, and the event date that resolves to (None if unknowable)."""
    style = rng.randrange(4)
    if style == 0:
        return rng.choice(("今天上午", "今天下午", "今日")), published.isoformat() if published else None
    if style == 1:
        return "昨日", (published - dt.timedelta(days=1)).isoformat() if published else None
    if style == 2 and published and published.day > 1:
        day = rng.randint(1, published.day - 1)
        return f"{published.month}月{day}日", dt.date(published.year, published.month, day).isoformat()
    if published:
        return f"{published.year}年{published.month}月{published.day}日", published.isoformat()
    return "近日", None


def _main_article(rng: random.Random, index: int) -> Article:
    counties, cities, others = _places()
    host_county = rng.choice(counties)
    regions = load_regions()
    host_city = regions.get(host_county.city_code) if host_county.city_code != host_county.province_code else None
    partner = rng.choice(cities if rng.random() < 0.75 else others)
    if host_city and partner.code == host_city.code:
        partner = rng.choice(others)
    published = None
    if rng.random() < 0.9:
        published = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
    when, event_date = _event_phrase(rng, published)
    body = Body(rng)
    host = _written(rng, host_county)
    kind = rng.choice(("project", "project", "batch", "enclave", "promotion"))
    if kind == "project":
        title = _project_story(body, when, host, host_city)
    elif kind == "batch":
        title = _batch_story(body, when, host, published)
    elif kind == "enclave":
        title = _enclave_story(body, when, host, _written(rng, partner))
    else:
        title = _promotion_story(body, when, host, _written(rng, partner))
    for _ in range(rng.randint(2, 4)):  # the running text most of an article consists of
        body.paragraph()
        body.filler(rng.randint(3, 5))
    gold = {"id": "", "source_url": None, "title": title,
            "published_date": published.isoformat() if published else None, "event_date": event_date,
            **body.gold, "has_boilerplate": True, "script": "simplified", "notes": ["synthetic article"]}
    paragraphs = ["".join(p) for p in body.paragraphs if p]
    return Article(index, title, published, paragraphs, gold, rng.choice(OUTLETS))


def _project_story(body: Body, when: str, host: Place, host_city: Region | None) -> str:
    rng = body.rng
    park = park_name(rng, host.region, None)
    project = project_name(rng)
    event = rng.choice(list(EVENTS))
    invest, value, currency = body.amount("investment", project)
    body.say(f"{when}，{project}在{body.place(host)}{body.park(park)}{EVENTS[event]}。")
    company = brand(rng) + rng.choice(COMPANY_SUFFIXES)
    body.say(f"该项目由{company}投资建设，{invest}，{body.area('占地')}，"
             f"{body.area('总建筑面积')}。")
    body.gold["projects"].append({"name": project, "event": event, "investment_value": round(value, 2),
                                  "currency": currency, "region": host.region.full_name})
    body.filler(rng.randint(1, 2))
    body.paragraph()
    output, _, _ = body.amount("output", project, foreign=False)
    tax, _, _ = body.amount("tax", project, foreign=False)
    body.say(f"项目达产后，{output}，{tax}。")
    if host_city and rng.random() < 0.5:
        city = _written(rng, host_city)
        body.say(f"这是{body.place(city)}今年引进的又一个重大制造业项目。")
    body.filler(rng.randint(1, 3))
    verb = {"signed": "签约", "started": "开工", "opened": "开园", "unveiled": "揭牌", "completed": "竣工",
            "produced": "投产", "settled": "落户"}[event]
    return f"{project[:-2]}{verb}" + rng.choice(("", "，助力产业升级", "，总投资" + _first_figure(body)))


def _first_figure(body: Body) -> str:
    text = body.gold["amounts"][0]["text"]
    for cue in (c for cues in CUES.values() for c in cues):
        text = text.removeprefix(cue)
    return text.lstrip("达为")


def _batch_story(body: Body, when: str, host: Place, published: dt.date | None) -> str:
    rng = body.rng
    count = rng.randint(5, 60)
    event = rng.choice(("started", "signed"))
    verb = "集中开工" if event == "started" else "集中签约"
    subject = f"{count}个项目"
    total, value, currency = body.amount("investment", subject, foreign=False)
    count_text = str(count) if rng.random() < 0.8 else chinese_number(count)
    year = f"{published.year}年" if published else ""
    body.say(f"{when}，{body.place(host)}举行{year}重大项目{verb}活动，{count_text}个项目{verb}，{total}。")
    body.gold["batches"].append({"text": f"{count_text}个项目{verb}", "count": count, "event": event,
                                 "total_investment_value": round(value, 2), "currency": currency})
    body.paragraph()
    parts = []
    for _ in range(rng.randint(1, 3)):
        project = project_name(rng)
        invest, v, cur = body.amount("investment", project)
        parts.append(f"{project}{invest}，{body.area('用地')}")
        body.gold["projects"].append({"name": project, "event": event, "investment_value": round(v, 2),
                                      "currency": cur, "region": host.region.full_name})
    body.say("其中，" + "；".join(parts) + "。")
    body.filler(rng.randint(1, 3))
    return f"{host.written}{count_text}个重大项目{verb}"


def _enclave_story(body: Body, when: str, host: Place, partner: Place) -> str:
    rng = body.rng
    park = park_name(rng, host.region, partner.region)
    event = rng.choice(("opened", "unveiled", "started"))
    body.say(f"{when}，{body.place(partner)}与{body.place(host)}合作共建的“科创飞地”——"
             f"{body.park(park)}{EVENTS[event]}。")
    body.gold["projects"].append({"name": park, "event": event, "investment_value": None, "currency": None,
                                  "region": host.region.full_name})
    body.gold["cross_region"].append([host.region.full_name, partner.region.full_name])
    body.say(f"园区{body.area('规划面积')}，首期{body.area('建筑面积')}，将打造研发孵化、成果转化的合作平台。")
    body.filler(rng.randint(1, 2))
    body.paragraph()
    if rng.random() < 0.6:
        count = rng.randint(3, 20)
        subject = f"{count}个项目"
        signed, value, currency = body.amount("investment", subject, foreign=False)
        body.say(f"活动现场，{count}个项目集中签约入驻，{signed}。")
        body.gold["batches"].append({"text": f"{count}个项目集中签约", "count": count, "event": "signed",
                                     "total_investment_value": round(value, 2), "currency": currency})
    fund, _, _ = body.amount("fund", park, foreign=False)
    body.say(f"双方还共同设立产业引导基金，{fund}。")
    body.filler(rng.randint(1, 3))
    return f"{park}{EVENTS[event][-2:]}"


def _promotion_story(body: Body, when: str, host: Place, partner: Place) -> str:
    rng = body.rng
    count = rng.randint(8, 90)
    subject = f"{count}个项目"
    total, value, currency = body.amount("investment", subject, foreign=False)
    body.say(f"{when}，{body.place(host)}在{body.place(partner)}举行投资环境推介会，现场{count}个项目集中签约，{total}。")
    body.gold["batches"].append({"text": f"{count}个项目集中签约", "count": count, "event": "signed",
                                 "total_investment_value": round(value, 2), "currency": currency})
    body.gold["cross_region"].append([host.region.full_name, partner.region.full_name])
    body.filler(rng.randint(1, 2))
    body.paragraph()
    bank = rng.choice(BANKS)
    credit, _, _ = body.amount("credit", None, foreign=False)
    body.say(f"会上，{bank}与当地签署战略合作协议，意向{credit}，支持重点产业项目建设。")
    body.filler(rng.randint(1, 3))
    return f"{host.written}赴{partner.written}开展招商推介 {count}个项目签约"


def _teasers(rng: random.Random) -> list[str]:
    """Related-article teasers: their own places and figures, never labelled."""
    counties, _, _ = _places()
    out = []
    for _ in range(rng.randint(2, 5)):
        place = rng.choice(counties).name
        text, _, _, _ = money(rng, False)
        day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
        out.append(f"{place}{rng.randint(5, 40)}个项目集中签约 总投资{text}... ({day.isoformat()})")
    return out


def _contact(rng: random.Random) -> str:
    phone = f"0{rng.randint(510, 579)}-{rng.randint(5000_0000, 8999_9999)}"
    mobile = f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(1000_0000, 9999_9999)}"
    return rng.choice((f"招商热线：{phone}  联系人：{rng.choice(EDITORS)[0]}经理 {mobile}（微信同号）",
                       f"厂房出租 仓库出售 电话：{mobile}", f"商务合作请联系：{phone}"))


def _page_text(art: Article, rng: random.Random) -> str:
    """The whole page as a crawler saved it: furniture, title, date line, body, noise."""
    lines = [f"当前位置：首页 > {rng.choice(('园区动态', '招商引资', '区域合作', '产业新闻'))} > 正文", ""]
    lines += [art.title, ""]
    if art.published:
        stamp = (art.published.isoformat() if rng.random() < 0.5
                 else f"{art.published.year}年{art.published.month:02d}月{art.published.day:02d}日")
        lines += [f"{stamp} {rng.randint(7, 21):02d}:{rng.randint(0, 59):02d}  来源：{art.outlet}", ""]
    lines += [f"  {p}" for p in art.paragraphs]
    lines += ["", f"责任编辑：{rng.choice(EDITORS)}"]
    if art.url:
        lines.append(f"原文地址：{art.url}")
    lines += ["", "相关阅读", *art.teasers, "", _contact(rng),
              f"版权所有 © 2016-2024 {art.outlet} 未经授权禁止转载"]
    return "\n".join(lines) + "\n"


def _html_page(art: Article, rng: random.Random) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in art.paragraphs)
    related = "\n".join(f"<li><a href=\"/n/{rng.randint(1000, 9999)}.html\">{html.escape(t)}</a></li>"
                        for t in art.teasers)
    date = art.published.isoformat() if art.published else ""
    return (f"<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(art.title)}_{art.outlet}</title>"
            + (f"<meta name=\"publishdate\" content=\"{date}\">" if date else "")
            + f"</head>\n<body><div class=\"nav\"><a href=\"/\">首页</a> &gt; <a href=\"/news/\">园区动态</a></div>\n"
            f"<article><h1>{html.escape(art.title)}</h1>\n"
            + (f"<div class=\"info\">{date} 来源：{art.outlet}</div>\n" if date else "")
            + f"{body}\n<p class=\"editor\">责任编辑：{rng.choice(EDITORS)}</p></article>\n"
            f"<aside><h3>相关阅读</h3><ul>{related}</ul></aside>\n"
            f"<footer><p>{html.escape(_contact(rng))}</p><p>版权所有 © 2016-2024 {art.outlet}</p></footer>\n"
            "</body></html>\n")


def _gloss(text: str, rng: random.Random) -> str:
    """Add pinyin glosses after a few characters of running text: 园(yuán)."""
    out, added = [], 0
    for ch in text:
        out.append(ch)
        if ch in PINYIN and added < 3 and rng.random() < 0.2:
            out.append(f"({PINYIN[ch]})")
            added += 1
    return "".join(out)


def _to_traditional(text: str, big5: bool = False) -> str:
    """Traditional script; Taiwan forms (為, 裡, 著) for Big5 pages, which cannot encode 爲, 裏, 着."""
    if big5:
        return _taiwan_converter().convert(text).replace("©", "(C)")
    return load_converters()[1].convert(text)


@lru_cache(maxsize=1)
def _taiwan_converter():
    import opencc

    return opencc.OpenCC("s2tw.json")


@dataclass
class Synthesized:
    """One output file: its name relative to the corpus, bytes, and gold files it carries."""

    name: str
    data: bytes
    gold: list[dict]


# Articles in block k of JSONL_LINES articles, for k % JSONL_PERIOD == 1, are the lines of feed_k.jsonl.
JSONL_LINES = 20
JSONL_PERIOD = 25
REPRINT_RATE = 0.05


def _file_stem(seed: int, index: int) -> str:
    return f"{index:06d}_{hashlib.sha256(f'{seed}:{index}'.encode()).hexdigest()[:12]}"


def _is_jsonl(index: int) -> bool:
    return (index // JSONL_LINES) % JSONL_PERIOD == 1


def article(seed: int, index: int) -> Article:
    """The article at ``index`` of the corpus for ``seed``, with furniture choices made."""
    rng = random.Random(f"{seed}:{index}")
    reprint_of = index - rng.randint(1, 50) if index > 50 and rng.random() < REPRINT_RATE else None
    art = _main_article(random.Random(f"{seed}:{reprint_of if reprint_of is not None else index}"), index)
    art.index = index
    art.outlet = rng.choice(OUTLETS)
    if reprint_of is not None:
        art.paragraphs[-1] += rng.choice(("（转载请注明出处）", "（本文有删改）", "（记者 通讯员 报道）"))
        art.gold["notes"].append(f"near-duplicate reprint of article {reprint_of}")
    art.teasers = _teasers(rng)
    if rng.random() < 0.2:
        art.url = f"http://news.example.cn/{art.published.year if art.published else 2020}/{index}.html"
        art.gold["source_url"] = art.url
    roll = rng.random()
    art.fmt = "jsonl" if _is_jsonl(index) else ("html" if roll < 0.1 else "txt")
    if rng.random() < 0.08:
        art.script = art.gold["script"] = "traditional"
    art.pinyin = rng.random() < 0.05
    if art.fmt == "txt":
        enc = rng.random()
        art.encoding = "gb18030" if enc < 0.08 else ("big5" if art.script == "traditional" and enc < 0.5 else "utf-8")
    art.damaged = art.fmt == "txt" and art.encoding == "utf-8" and rng.random() < 0.05
    return art


def _render_text(art: Article, rng: random.Random) -> bytes:
    if art.pinyin:
        art.paragraphs = [_gloss(p, rng) for p in art.paragraphs]
    if art.damaged:
        art.paragraphs[-1] = _damage_filler(art.paragraphs[-1], rng)
    text = _html_page(art, rng) if art.fmt == "html" else _page_text(art, rng)
    if art.script == "traditional":
        text = _to_traditional(text, big5=art.encoding == "big5")
    try:
        data = text.encode(art.encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    # A damaged file: the placeholder becomes a truncated UTF-8 sequence (damage is only put in UTF-8 files).
    return data.replace(DAMAGE_MARK.encode("utf-8"), DAMAGED_BYTES)


def _damage_filler(paragraph: str, rng: random.Random) -> str:
    """Put a damaged byte run inside a filler sentence (never inside a labelled figure)."""
    for sentence in (f for f in FILLER if f not in FILLER_BATCHES):  # labelled counts stay whole
        pos = paragraph.rfind(sentence)
        if pos >= 0:
            cut = pos + rng.randint(2, len(sentence) - 3)
            return paragraph[:cut] + DAMAGE_MARK + paragraph[cut + 1:]
    return paragraph


def synthesize(seed: int, index: int, articles: int) -> Synthesized | None:
    """The file whose first article is ``index`` of ``articles`` (None for JSONL lines after the first)."""
    if _is_jsonl(index):
        if index % JSONL_LINES:
            return None
        return _jsonl_file(seed, index, min(index + JSONL_LINES, articles))
    art = article(seed, index)
    rng = random.Random(f"{seed}:{index}:page")
    stem = _file_stem(seed, index)
    art.gold["id"] = stem
    return Synthesized(f"{stem}.{art.fmt}", _render_text(art, rng), [art.gold])


def _jsonl_file(seed: int, first: int, stop: int) -> Synthesized:
    name = f"feed_{first // JSONL_LINES:05d}.jsonl"
    lines, golds = [], []
    for line_no, index in enumerate(range(first, stop), start=1):
        art = article(seed, index)
        rng = random.Random(f"{seed}:{index}:page")
        content = "\n".join(art.paragraphs)
        if rng.random() < 0.3:
            content += "\n相关阅读\n" + "\n".join(art.teasers)
        else:
            art.gold["has_boilerplate"] = False
        if art.script == "traditional":
            content, title = _to_traditional(content), _to_traditional(art.title)
        else:
            title = art.title
        record = {"title": title, "content": content, "source": art.outlet,
                  "published_at": art.published.isoformat() if art.published else None}
        if art.url:
            record["url"] = art.url
        lines.append(json.dumps(record, ensure_ascii=False))
        art.gold["id"] = f"{name}#{line_no}"
        golds.append(art.gold)
    return Synthesized(name, ("\n".join(lines) + "\n").encode("utf-8"), golds)


def write_corpus(out: Path, articles: int, seed: int = 0,
                 progress: Callable[[int, int], None] | None = None) -> tuple[int, int]:
    """Write ``articles`` articles to ``out/corpus`` and their gold to ``out/gold``; (files, bytes)."""
    corpus, gold_dir = out / "corpus", out / "gold"
    corpus.mkdir(parents=True, exist_ok=True)
    gold_dir.mkdir(parents=True, exist_ok=True)
    files = total = 0
    for index in range(articles):
        item = synthesize(seed, index, articles)
        if item is None:
            continue
        (corpus / item.name).write_bytes(item.data)
        for g in item.gold:
            (gold_dir / f"{g['id']}.json").write_text(json.dumps(g, ensure_ascii=False, indent=1), encoding="utf-8")
        files += 1
        total += len(item.data)
        if progress and index % 1000 == 0:
            progress(index, articles)
    return files, total
