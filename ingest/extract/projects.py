"""Project events: named projects (…项目, …总部, …研发中心), parks opened or started, and
batches ("12个项目集中开工"), each with the event type of the trigger governing its clause."""

from __future__ import annotations

import re

from ingest.extract.events import clause_bounds
from ingest.extract.mention import Mention, touches_damage

# A named project: a run of name characters ending in 项目 (or a facility head word).
PROJECT = re.compile(r"(?P<name>[\u4e00-\u9fffA-Za-z0-9()（）·]{2,24}?(?:项目|总部|研发中心|生产基地))")
LEFT_TRIM = re.compile(r"^(?:的|在|与|和|及|是|为|于|由|对|将|把|向|从|包括|其中|还有|以及|等|了|、|会上|同时|进行了|进行)+")
GENERIC = re.compile(r"^(?:\d+个|[一二三四五六七八九十百]+个|重大|重点|合作|签约|产业|该|本|这些|一批|首批|各类|新|优质|科技类|产业类|总部类)*(?:项目|总部)$")
BATCH_HEADS = ("项目", "园区", "产业园", "企业", "基地")


def extract_projects(text: str, events: list[Mention], parks: list[Mention], counts: list[Mention]) -> list[Mention]:
    """Project mentions; ``kind`` = event type, ``attrs`` says batch or single."""
    out: list[Mention] = []

    def governing_event(start: int, end: int) -> Mention | None:
        left, right = clause_bounds(text, start, end)
        inside = [e for e in events if left <= e.char_start < right]
        after = [e for e in inside if e.char_start >= end]
        return (after or inside or [None])[0]

    for m in PROJECT.finditer(text):
        name = LEFT_TRIM.sub("", m["name"])
        start = m.end() - len(name)
        if len(name) < 5 or GENERIC.match(name) or touches_damage(text, start, m.end()):
            continue
        event = governing_event(start, m.end())
        if event is None:
            sentence_events = [e for e in events if abs(e.char_start - start) < 80]
            event = sentence_events[0] if sentence_events else None
        if event is None:
            continue
        out.append(Mention("project", start, m.end(), name, name, kind=event.kind,
                           attrs={"is_batch": False, "trigger": event.surface_text}))
    for park in parks:
        event = governing_event(park.char_start, park.char_end)
        if event is not None and event.kind in ("opened", "started", "unveiled", "completed"):
            out.append(Mention("project", park.char_start, park.char_end, park.surface_text,
                               park.normalized + (park.attrs.get("phase") or ""), kind=event.kind,
                               attrs={"is_batch": False, "trigger": event.surface_text, "park": park.normalized}))
    for count in counts:
        counted = str(count.attrs.get("counted", ""))
        if not counted.endswith(BATCH_HEADS):
            continue
        event = governing_event(count.char_start, count.char_end)
        if event is None or event.kind in ("planned",):
            continue
        out.append(Mention("project", count.char_start, count.char_end, count.surface_text,
                           count.surface_text, kind=event.kind,
                           attrs={"is_batch": True, "project_count": int(count.value or 0),
                                  "trigger": event.surface_text}))
    return sorted(out, key=lambda x: x.char_start)
