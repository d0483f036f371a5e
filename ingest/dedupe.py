"""Near-duplicate signatures: a 64-value MinHash of each article body.

The same story reprinted by several outlets (转载) differs in a byline, a date line or a
closing sentence, so its exact ``article_id`` differs too. MinHash (Broder 1997) keeps,
for each of ``NUM_PERM`` hash functions, the smallest hash over the text's features; the
share of positions where two signatures agree estimates the Jaccard similarity of their
feature sets. Features are character 3-grams of the body's Han characters (digits, Latin
letters and punctuation carry dates and bylines, not the story). Each 3-gram is packed
into one 64-bit integer (three 21-bit code points) and mixed with splitmix64; hashing,
permuting and taking minima run in numpy, well under 0.1 ms for a 1,500-character body.
A signature keeps the top 32 bits of each 64-bit minimum: that is the minimum of the top
32 bits (bar ties, which are as rare as two of a body's ~1,500 features colliding in 32
bits), so it is a MinHash of its own, half the size in the warehouse.

The dbt model ``int_articles_clustered`` finds candidate pairs by locality-sensitive
hashing (``BANDS`` bands of ``ROWS`` values must agree in one band: likely for Jaccard
≥ 0.7, rare below 0.3), then keeps pairs whose estimated Jaccard is at least
``MIN_SIMILARITY``; it never compares every pair of articles. It compares the low 16 bits
of each position (b-bit MinHash): different values agree there once in 65,536, so its
share differs from ``similarity`` below only when a pair sits on the threshold.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from ingest.reference import load_dbt_vars
from ingest.text import HAN_BASIC

SHINGLE = 3
# Signature shape, shared with int_articles_clustered through dbt_project.yml's vars.
BANDS, ROWS = load_dbt_vars()["minhash_bands"], load_dbt_vars()["minhash_rows"]
NUM_PERM = BANDS * ROWS
# Two bodies at least this similar (estimated Jaccard of 3-gram sets) are the same story.
MIN_SIMILARITY = load_dbt_vars()["near_duplicate_min_similarity"]
# Bodies with fewer features than this get no signature: too little to compare.
MIN_FEATURES = 40
# Everything that is not a Han character: digits, Latin, punctuation, white space.
NOT_HAN = re.compile(f"[^{HAN_BASIC}]+")
# Fixed odd multipliers and offsets of the NUM_PERM hash functions h -> (a*h + b) mod 2^64.
_PERMS = [
    (int.from_bytes(hashlib.blake2b(f"a{i}".encode(), digest_size=8).digest(), "big") | 1,
     int.from_bytes(hashlib.blake2b(f"b{i}".encode(), digest_size=8).digest(), "big"))
    for i in range(NUM_PERM)
]


def features(text: str) -> set[str]:
    """Character 3-grams of the Han characters of ``text``.

    >>> sorted(features("园区2023年开园。"))
    ['区年开', '园区年', '年开园']
    """
    han = NOT_HAN.sub("", text)
    return {han[i:i + SHINGLE] for i in range(len(han) - SHINGLE + 1)}


def feature_keys(text: str) -> np.ndarray:
    """The 3-grams of ``features(text)``, each packed into one uint64, in text order
    (repeats kept: a minimum does not change when a value repeats).

    >>> len(set(feature_keys("园区2023年开园。园区年开").tolist())) == len(features("园区2023年开园。园区年开"))
    True
    """
    han = NOT_HAN.sub("", text)
    points = np.frombuffer(han.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(points) < SHINGLE:
        return np.empty(0, dtype=np.uint64)
    return (points[:-2] << np.uint64(42)) | (points[1:-1] << np.uint64(21)) | points[2:]


def _enough_features(keys: np.ndarray) -> bool:
    """At least MIN_FEATURES distinct keys; sorts only a prefix when that already has them."""
    if len(keys) < MIN_FEATURES:
        return False
    return len(np.unique(keys[:4 * MIN_FEATURES])) >= MIN_FEATURES or len(np.unique(keys)) >= MIN_FEATURES


def _mix(keys: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: a well-spread 64-bit hash of each key (wrapping uint64 arithmetic)."""
    z = keys + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


_A = np.array([a for a, _ in _PERMS], dtype=np.uint64)[:, None]
_B = np.array([b for _, b in _PERMS], dtype=np.uint64)[:, None]


def minhash(text: str) -> list[int] | None:
    """NUM_PERM signed 32-bit minimum hashes (DuckDB INTEGER[]); None when too short.

    >>> story = "某市经济开发区今日举行重大项目集中签约仪式，共签约项目二十个，涉及新能源汽车零部件、集成电路和生物医药等领域，总投资一百亿元。" * 4
    >>> similarity(minhash(story), minhash(story + "（本报记者某某报道）")) >= MIN_SIMILARITY
    True
    """
    keys = feature_keys(text)
    if not _enough_features(keys):
        return None
    hashes = _mix(keys)[None, :]
    minima = (_A * hashes + _B).min(axis=1)
    return (minima >> np.uint64(32)).astype(np.uint32).view(np.int32).tolist()


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity: the share of positions where two signatures agree.

    >>> similarity([1, 2, 3, 4], [1, 2, 0, 4])
    0.75
    """
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
