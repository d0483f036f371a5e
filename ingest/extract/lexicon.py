"""The words the extractors and the name tokenizer share: park suffixes and event triggers.

The tokenizer adds every park suffix to its dictionary so a suffix is a token of its own;
the park grammar finds names by the same suffixes; projects, batches and events read the
same triggers. Long and short spellings of a suffix (科技创新园 = 科创园) are a rule the
dbt models apply too, so they live in ``dbt_project.yml`` (``ingest.reference``).
"""

from __future__ import annotations

import re

from ingest.reference import park_suffix_aliases

# Suffixes that make a name a park-like place on their own.
STANDALONE_SUFFIXES = [
    "经济技术开发区", "高新技术产业开发区", "高新技术产业园区", "高新技术产业园", "经济开发区",
    "工业集中区", "产业集聚区", "综合保税区", "科技创新园", "科技产业园", "示范园区", "合作园区",
    "工业园区", "产业园区", "创新园区", "科技园区", "创业园区", "产业园", "科创园", "科技园", "工业园",
    "创业园", "物流园", "孵化园", "创意园", "软件园", "开发区", "高新区", "经开区", "保税区", "综保区",
    "自贸区", "工业区", "产业基地", "孵化基地", "创新基地", "科创基地", "制造基地", "孵化中心",
    "创新中心", "协同中心", "科创中心", "双创中心", "科创飞地", "飞地",
    "科技城", "科学城", "产业城", "智造城", "芯城",
    # new areas, free-trade 片区, demonstration, cooperation and functional zones, science cities
    "新片区", "片区", "新区", "示范区", "合作区", "产业合作园", "集聚区", "功能区", "产业新城", "生态城",
    "综合保税区", "陆港", "港区", "智造园", "创新园",
]
# Industry words that turn 港 / 谷 / 城 / 小镇 into a park suffix (氢能港, 光谷, 基金小镇);
# alone these suffixes are ports, valleys, towns and cities.
INDUSTRY_HEADS = [
    "氢能", "数字", "智慧", "科技", "创新", "物流", "信息", "医药", "生物", "智造", "金融", "人才",
    "文创", "电商", "能源", "新能源", "软件", "数据", "健康", "康养", "机器人", "汽车", "航空",
    "空港", "基金", "梦想", "互联网", "智能", "材料", "芯", "药", "光", "硅", "智", "数", "医", "云", "科创",
]
HEADED_SUFFIXES = [f"{head}{tail}" for head in INDUSTRY_HEADS for tail in ("港", "谷", "小镇")] + [
    f"{head}城" for head in INDUSTRY_HEADS if len(head) == 2]
PARK_SUFFIXES = sorted(set(STANDALONE_SUFFIXES + HEADED_SUFFIXES), key=len, reverse=True)
# Long and short spellings of one suffix (科技创新园 = 科创园), shared with macros/park_key.sql.
SUFFIX_ALIASES = park_suffix_aliases()

# Trigger words and the event type they announce; longer words first.
EVENT_TRIGGERS: dict[str, str] = {
    "签约": "signed", "签署": "signed", "签订": "signed", "签下": "signed", "达成": "signed",
    "开工": "started", "奠基": "started", "动工": "started", "开建": "started", "启动建设": "started",
    "开园": "opened", "开业": "opened", "启用": "opened", "投用": "opened", "投入使用": "opened",
    "揭牌": "unveiled", "挂牌": "unveiled", "授牌": "other",
    "开竣工": "other", "竣工": "completed", "建成": "completed", "完工": "completed", "封顶": "completed",
    "投产": "produced", "量产": "produced", "试生产": "produced",
    "引进": "settled", "引入": "settled", "招引": "settled", "新设": "settled",
    "落户": "settled", "入驻": "settled", "落地": "settled", "进驻": "settled", "建在": "settled", "设立": "settled",
    "选址": "settled",
    "规划": "planned", "拟建": "planned", "打造": "planned", "筹建": "planned",
    "发布": "other", "启动": "other",
}
# Triggers that designate or rank existing things (授牌 = awarding plaques): no project event.
DESIGNATION_TRIGGERS = frozenset({"授牌", "启动"})
TRIGGER = re.compile("|".join(sorted(EVENT_TRIGGERS, key=len, reverse=True)))
