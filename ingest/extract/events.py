"""Event triggers (签约, 开工, 开园, 揭牌, 竣工, 投产, 落户, 规划, 发布) and their clause."""

from __future__ import annotations

import re

from ingest.extract.mention import Mention

# Trigger words and the event type they announce; longer words first.
EVENT_TRIGGERS: dict[str, str] = {
    "签约": "signed", "签署": "signed", "签订": "signed", "签下": "signed", "达成": "signed",
    "开工": "started", "奠基": "started", "动工": "started", "开建": "started", "启动建设": "started",
    "开园": "opened", "开业": "opened", "启用": "opened", "投用": "opened", "投入使用": "opened",
    "揭牌": "unveiled", "挂牌": "unveiled", "授牌": "other",
    "竣工": "completed", "建成": "completed", "完工": "completed", "封顶": "completed",
    "投产": "produced", "量产": "produced", "试生产": "produced",
    "落户": "settled", "入驻": "settled", "落地": "settled", "进驻": "settled", "建在": "settled", "设立": "settled",
    "选址": "settled",
    "规划": "planned", "拟建": "planned", "打造": "planned", "筹建": "planned",
    "发布": "other", "启动": "other",
}
# Triggers that designate or rank existing things (授牌 = awarding plaques): no project event.
DESIGNATION_TRIGGERS = frozenset({"授牌", "启动"})
TRIGGER = re.compile("|".join(sorted(EVENT_TRIGGERS, key=len, reverse=True)))
# Characters that end a clause: commas, sentence ends, line breaks.
CLAUSE_BREAK_CHARS = "，,。；;！!？?\n"
# One clause-ending character.
CLAUSE_BREAK = re.compile(f"[{CLAUSE_BREAK_CHARS}]")


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between commas or sentence ends) that contains text[start:end].

    >>> clause_bounds("会上，新项目开工建设。", 4, 6)
    (3, 10)
    """
    left = max(text.rfind(c, 0, start) for c in CLAUSE_BREAK_CHARS) + 1
    right = CLAUSE_BREAK.search(text, end)
    return left, right.start() if right else len(text)


def extract_events(text: str) -> list[Mention]:
    """Event mentions: ``kind`` is the event type, ``attrs['clause']`` the governed clause."""
    out = []
    for m in TRIGGER.finditer(text):
        left, right = clause_bounds(text, m.start(), m.end())
        event_type = EVENT_TRIGGERS[m.group()]
        out.append(Mention("event", m.start(), m.end(), m.group(), event_type, kind=event_type,
                           attrs={"clause": text[left:right], "clause_start": left, "clause_end": right}))
    return out
