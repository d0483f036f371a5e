"""Near-duplicate signatures: a 64-bit SimHash of each article body.

The same story reprinted by several outlets (转载) differs in a byline, a date line or a
closing sentence, so its exact ``article_id`` differs too. SimHash (Charikar 2002) maps
a text to 64 bits such that similar texts differ in few bits. Features are overlapping
character 3-grams of the body with digits, Latin letters and punctuation dropped (they
carry dates and bylines, not the story), weighted by count.

The dbt model ``int_articles_clustered`` pairs articles whose signatures differ in at
most ``MAX_DISTANCE`` bits; to avoid comparing every pair it first joins on the four
16-bit bands (by the pigeonhole principle, two signatures within 3 bits agree on at
least one band).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

SHINGLE = 3
BITS = 64
# Two signatures this close (Hamming distance) are the same story.
MAX_DISTANCE = 3
# Bodies shorter than this (in kept characters) get no signature: too little to compare.
MIN_CHARS = 40
# Everything that is not a Han character: digits, Latin, punctuation, white space.
NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")


def features(text: str) -> Counter[str]:
    """Character 3-grams of the Han characters of ``text``, with counts.

    >>> sorted(features("园区2023年开园。"))
    ['区年开', '园区年', '年开园']
    """
    han = NOT_HAN.sub("", text)
    return Counter(han[i:i + SHINGLE] for i in range(len(han) - SHINGLE + 1))


def _feature_hash(feature: str) -> int:
    return int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest(), "big")


def simhash(text: str) -> int | None:
    """Signed 64-bit SimHash of ``text`` (fits a DuckDB BIGINT); None when too short.

    >>> story = "某市经济开发区今日举行重大项目集中签约仪式，共签约项目二十个，涉及新能源汽车零部件、集成电路和生物医药等领域，总投资一百亿元。" * 4
    >>> a, b = simhash(story), simhash(story + "（本报记者某某报道）")
    >>> hamming(a, b) <= MAX_DISTANCE
    True
    """
    counts = features(text)
    if sum(counts.values()) < MIN_CHARS:
        return None
    # One 64-character bit string per feature occurrence; count the 1s per column.
    rows = [format(_feature_hash(f), "064b") for f, n in counts.items() for _ in range(n)]
    half = len(rows) / 2
    column_ones = [column.count("1") for column in map("".join, zip(*rows, strict=True))]
    value = int("".join("1" if ones > half else "0" for ones in column_ones), 2)
    return value - (1 << BITS) if value >= 1 << (BITS - 1) else value


def hamming(a: int, b: int) -> int:
    """Number of differing bits between two signatures (signed or unsigned).

    >>> hamming(0, -1)
    64
    """
    return ((a ^ b) & ((1 << BITS) - 1)).bit_count()
