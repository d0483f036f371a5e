"""Administrative divisions named in a text, resolved to GB/T 2260 codes.

One Aho–Corasick scan finds every full name (嘉定区, 苏州市) and short name (嘉定, 苏州)
from ``seeds/regions.csv``; overlapping hits keep the leftmost-longest; a name shared by
several divisions (鼓楼区) is resolved by the other divisions the article names, then by
preferring the Yangtze River Delta, then the higher level.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import ahocorasick

from ingest.extract.mention import Mention, touches_damage
from ingest.gazetteer import Region, load_regions

# Short names that are ordinary words far more often than places.
COMMON_WORD_SHORT_NAMES = frozenset({
    "城区", "郊区", "矿区", "新区", "市中", "市辖", "开发", "高新", "经开", "新城", "东区", "西区",
    "南区", "北区", "中区", "白云", "和平", "长安", "新华", "城关", "青山", "永安", "龙华", "宝山",
})
# What may follow a name without making it part of a longer non-place word.
FOLLOWED_BY_NON_PLACE = re.compile(r"^(路|街|大道|大街|巷|镇|乡|村|站|号|湖|江|河|山|桥)")
# Functional zones carried in the division tree (…产业园区, …开发区) match only by full name.
FUNCTIONAL_ZONE = re.compile(r"园区|开发区|示范区|管理区|试验区|合作区")
LEVEL_RANK = {"province": 0, "city": 1, "county": 2}


@lru_cache(maxsize=1)
def load_region_automaton() -> ahocorasick.Automaton:
    """Automaton: surface -> tuple of candidate region codes (full and short names)."""
    names: dict[str, set[str]] = {}
    for region in load_regions().values():
        names.setdefault(region.name, set()).add(region.code)
        short = region.short_name
        if (
            len(short) >= 2 and short not in COMMON_WORD_SHORT_NAMES and short != region.name
            and not FUNCTIONAL_ZONE.search(region.name)
        ):
            if region.level != "county" or region.is_yrd:
                names.setdefault(short, set()).add(region.code)
    automaton = ahocorasick.Automaton()
    for surface, codes in names.items():
        automaton.add_word(surface, (surface, tuple(sorted(codes))))
    automaton.make_automaton()
    return automaton


def _longest_hits(text: str) -> list[tuple[int, int, tuple[str, ...]]]:
    hits = sorted(
        ((end - len(surface) + 1, end + 1, codes) for end, (surface, codes) in load_region_automaton().iter(text)),
        key=lambda h: (h[0], -(h[1] - h[0])),
    )
    kept: list[tuple[int, int, tuple[str, ...]]] = []
    last_end = -1
    for start, end, codes in hits:
        if start >= last_end:
            kept.append((start, end, codes))
            last_end = end
    return kept


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


def extract_regions(text: str) -> list[Mention]:
    """Region mentions with ``ref_id`` = region code and ``normalized`` = full name."""
    regions = load_regions()
    hits = [
        h for h in _longest_hits(text)
        if not FOLLOWED_BY_NON_PLACE.match(text[h[1]:h[1] + 2]) and not touches_damage(text, h[0], h[1])
    ]
    context: Counter[str] = Counter()
    for _, _, codes in hits:
        if len(codes) == 1:
            r = regions[codes[0]]
            context.update({r.code, r.province_code, r.city_code} - {""})
    mentions = []
    for start, end, codes in hits:
        code = codes[0] if len(codes) == 1 else resolve(codes, context)
        r = regions[code]
        mentions.append(Mention("region", start, end, text[start:end], r.full_name, ref_id=code,
                                attrs={"level": r.level, "candidates": len(codes)}))
    return mentions
