"""Event triggers (签约, 开工, 开园, 揭牌, 竣工, 投产, 落户, 规划, 发布) and their clause.

An event is reported as the text reports it:

* a compound trigger (建成投产, 竣工投产) is one event in its final state (produced); a
  signing that brings a project in (签约落户, 签约落地, 签约入驻) is the signing;
* future or conditional wording marks the event planned (``attrs['planned']``, the marts'
  ``is_planned``): a modal before the trigger in its clause (计划年底开工, 预计明年竣工, 还将
  签约, 拟于…投产) unless 已 says it happened, or a trigger that only sets a condition (建成后
  将…, 全部投产后可…). ``kind`` stays the event the trigger names (开工 -> started), as
  reports label it: a planned start is still a start, not yet a fact.
"""

from __future__ import annotations

import re

from ingest.extract.lexicon import EVENT_TRIGGERS, TRIGGER
from ingest.extract.mention import Mention
from ingest.text import clause_bounds

# A modal word before a trigger that puts the event in the future (计划, 拟, 将, 预计, 力争).
FUTURE_BEFORE = re.compile(r"(?:计划|拟|将|预计|力争|争取|有望|即将|准备|打算|预期)")
# Words between the modal and the trigger that say the event has happened after all (已于…).
DONE_BETWEEN = re.compile(r"已|业已|已经")
# How many characters before a trigger a modal is looked for (计划于今年10月底前开工).
FUTURE_WINDOW = 12
# A trigger that only sets a condition: 建成后将…, 投产后可…, 建成后的…, 达产后年产….
CONDITION_AFTER = re.compile(r"后(?:将|可|能|预计|的|年|每年|即可)")
# What may join the two triggers of one compound (建成投产, 建成并投产).
COMPOUND_JOIN = re.compile(r"并?")
# Compounds, (first trigger's type, second's) -> the event reported: a finished build put to
# use is in its final state (建成投产, 竣工投用); a signing that brings a project in is the
# signing (签约落户). Other neighbours (签约开工, 开竣工) stay two events, a mixed one.
COMPOUND_TYPES = {
    ("completed", "produced"): "produced", ("completed", "opened"): "opened",
    ("signed", "settled"): "signed",
}


def extract_events(text: str) -> list[Mention]:
    """Event mentions: ``kind`` is the event type, ``attrs['clause']`` the governed clause.

    >>> [(e.surface_text, e.kind, e.attrs["planned"]) for e in extract_events("星河项目建成投产，云帆项目计划年底开工。")]
    [('建成投产', 'produced', False), ('开工', 'started', True)]
    """
    triggers = _compounds(text, list(TRIGGER.finditer(text)))
    out = []
    for start, end, kind in triggers:
        left, right = clause_bounds(text, start, end)
        out.append(Mention("event", start, end, text[start:end], kind, kind=kind,
                           attrs={"clause": text[left:right], "clause_start": left, "clause_end": right,
                                  "planned": _is_future(text, left, start, end)}))
    return out


def _compounds(text: str, matches: list[re.Match]) -> list[tuple[int, int, str]]:
    """Triggers as (start, end, event type), adjacent ones merged into one compound.

    >>> [t[2] for t in _compounds("签约落户", list(TRIGGER.finditer("签约落户")))]
    ['signed']
    """
    out: list[tuple[int, int, str]] = []
    for m in matches:
        kind = EVENT_TRIGGERS[m.group()]
        if out:
            start, end, first = out[-1]
            join = COMPOUND_JOIN.match(text, end)
            if join and join.end() == m.start() and (first, kind) in COMPOUND_TYPES:
                out[-1] = (start, m.end(), COMPOUND_TYPES[first, kind])
                continue
        out.append((m.start(), m.end(), kind))
    return out


def _is_future(text: str, clause_start: int, start: int, end: int) -> bool:
    """Whether the trigger at text[start:end] reports a future or conditional event.

    >>> _is_future("项目预计明年竣工", 0, 6, 8), _is_future("项目已于去年竣工", 0, 6, 8)
    (True, False)
    >>> _is_future("建成后将成为地标", 0, 0, 2)
    True
    """
    if CONDITION_AFTER.match(text, end):
        return True
    window = text[max(clause_start, start - FUTURE_WINDOW):start]
    modals = list(FUTURE_BEFORE.finditer(window))
    return bool(modals) and not DONE_BETWEEN.search(window, modals[-1].end())


def mark_planned(text: str, projects: list[Mention], events: list[Mention]) -> None:
    """Give each project mention the planned flag of its trigger (``attrs['planned']``): the
    event at its ``trigger_start``, else the event of its trigger word in its clause, else
    the nearest one after it in its sentence.

    >>> t = "云帆项目计划年底开工。"
    >>> from ingest.extract.projects import extract_projects
    >>> events = extract_events(t)
    >>> projects = extract_projects(t, events, [], [])
    >>> mark_planned(t, projects, events)
    >>> [(p.normalized, p.kind, p.attrs["planned"]) for p in projects]
    [('云帆项目', 'started', True)]
    """
    by_start = {e.char_start: e for e in events}
    for project in projects:
        event = by_start.get(int(project.attrs.get("trigger_start", -1)))
        if event is None:
            trigger = str(project.attrs.get("trigger", ""))
            left, right = clause_bounds(text, project.char_start, project.char_end)
            same = [e for e in events if e.surface_text == trigger and left <= e.char_start <= right]
            later = [e for e in events if e.surface_text == trigger and e.char_start >= project.char_start]
            event = (same or later or [None])[0]
        project.attrs["planned"] = bool(event is not None and event.attrs.get("planned"))
