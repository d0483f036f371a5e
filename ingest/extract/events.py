"""Event triggers (签约, 开工, 开园, 揭牌, 竣工, 投产, 落户, 规划, 发布) and their clause."""

from __future__ import annotations

from ingest.extract.lexicon import EVENT_TRIGGERS, TRIGGER
from ingest.extract.mention import Mention
from ingest.text import clause_bounds


def extract_events(text: str) -> list[Mention]:
    """Event mentions: ``kind`` is the event type, ``attrs['clause']`` the governed clause."""
    out = []
    for m in TRIGGER.finditer(text):
        left, right = clause_bounds(text, m.start(), m.end())
        event_type = EVENT_TRIGGERS[m.group()]
        out.append(Mention("event", m.start(), m.end(), m.group(), event_type, kind=event_type,
                           attrs={"clause": text[left:right], "clause_start": left, "clause_end": right}))
    return out
