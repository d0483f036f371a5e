"""Areas (460亩, 9.2万平方米, 7万方, 4.5平方公里 -> m²) and counts (14个项目, 29家企业)."""

from __future__ import annotations

import re

from ingest.extract.mention import Mention, touches_damage
from ingest.extract.numbers import MAGNITUDE, NUMBER, magnitude, parse_number

# Area units to square metres.
AREA_UNITS = {
    "平方公里": 1_000_000.0, "平方千米": 1_000_000.0, "km²": 1_000_000.0, "公顷": 10_000.0,
    "亩": 2000 / 3, "平方米": 1.0, "平米": 1.0, "㎡": 1.0, "m²": 1.0, "m2": 1.0,
}
AREA_UNIT = "(?:" + "|".join(re.escape(u) for u in sorted(AREA_UNITS, key=len, reverse=True)) + ")"
# An area: [约|超] number [magnitude] unit, or N万方 (万方 = 10,000 m² of floor space).
AREA = re.compile(
    rf"(?P<pre>约|近|超|超过|逾)?(?P<num>{NUMBER})(?P<mag>{MAGNITUDE})?(?P<unit>{AREA_UNIT})"
    rf"|(?P<pre2>约|近|超|超过|逾)?(?P<num2>{NUMBER})万方(?!案|面|式|向|法)"
)
# A count of things: 14个项目, 29家企业, 8栋厂房; the counted noun runs to its head word.
COUNT = re.compile(
    rf"(?P<num>{NUMBER})(?P<clf>个|家|栋|座|项|批|幢|所)"
    r"(?P<noun>[“”\"「」\w]{0,16}?(?:项目|企业|公司|厂房|园区|产业园|基地|平台|中心|工厂|机构|楼宇|载体|集群))"
)


def extract_areas(text: str) -> list[Mention]:
    """Area mentions, ``value`` in square metres."""
    out = []
    for m in AREA.finditer(text):
        if touches_damage(text, m.start(), m.end()) or (m.start() > 0 and text[m.start() - 1].isdigit()):
            continue
        if m["num2"] is not None:
            value = parse_number(m["num2"])
            factor, unit = 10_000.0, "万方"
        else:
            value = parse_number(m["num"])
            factor, unit = magnitude(m["mag"]) * AREA_UNITS[m["unit"]], m["unit"]
        if value is None:
            continue
        m2 = value * factor
        out.append(Mention("area", m.start(), m.end(), m.group(), f"{m2:.2f} m2", value=m2, unit=unit,
                           qualifier="exact" if not (m["pre"] or m["pre2"]) else "approx"))
    return out


def extract_counts(text: str) -> list[Mention]:
    """Count mentions: ``value`` is N, ``attrs['counted']`` what is counted."""
    out = []
    for m in COUNT.finditer(text):
        if touches_damage(text, m.start(), m.end()) or (m.start() > 0 and text[m.start() - 1].isdigit()):
            continue
        value = parse_number(m["num"])
        if value is None or value != int(value):
            continue
        counted = m["noun"].strip("“”\"「」")
        out.append(Mention("count", m.start(), m.end(), m.group(), f"{int(value)} {counted}", value=value,
                           unit=m["clf"], attrs={"counted": counted}))
    return out
