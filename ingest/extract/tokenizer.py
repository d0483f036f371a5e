"""A private jieba tokenizer for name boundaries, built lazily once per process.

Its user dictionary is generated, not hand-listed: every division name and short name
from ``seeds/regions.csv`` (tagged ``ns``) and every park suffix of the park grammar
(tagged ``n``), so that 江宁溧水工业园区 splits as 江宁 / 溧水 / 工业园区 and a suffix is
a token of its own. It never touches the global ``jieba.dt`` and never enables jieba's
parallel mode; callers segment only short candidate windows.
"""

from __future__ import annotations

import logging
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import jieba

from ingest.extract.lexicon import PARK_SUFFIXES, TRIGGER
from ingest.extract.regions import FUNCTIONAL_ZONE
from ingest.extract.viterbi import viterbi
from ingest.gazetteer import load_regions
from ingest.text import HAN_BASIC, HAN_CHAR

if TYPE_CHECKING:
    import jieba.posseg

# Frequency given to generated words: high enough to win over jieba's own splits.
USER_WORD_FREQ = 50_000
# Unknown-word runs whose HMM tagging is remembered per process (a generated name such as
# an unknown name recurs in several windows of an article with different left contexts).
HMM_CACHE_SIZE = 1 << 12


class TagTable(dict):
    """The user words' tags (the dict itself, filled by jieba's ``update``) over the
    dictionary's (shared, never copied). jieba only calls ``get`` and ``update``; ``get`` is
    on the hot path of every cut, so it is one lookup in each table and no more.

    >>> table = TagTable({"园区": "n"})
    >>> table.update({"星湾": "ns"})
    >>> table.get("星湾"), table.get("园区"), table.get("甲乙", "x")
    ('ns', 'n', 'x')
    """

    def __init__(self, dictionary: dict[str, str]) -> None:
        super().__init__()
        self.dictionary = dictionary

    def get(self, word: str, default: str | None = None) -> str | None:  # type: ignore[override]
        flag = dict.get(self, word)
        return self.dictionary.get(word, default) if flag is None else flag


@lru_cache(maxsize=1)
def load_dictionary_tags() -> dict[str, str]:
    """Word -> part-of-speech tag of jieba's bundled dictionary (``jieba/dict.txt``: word,
    frequency, tag per line): which words are ordinary vocabulary. The POS tokenizer reads
    its tags from this same table. Its keys are the very strings of the tokenizer's
    frequency table, and the few dozen tags are interned: 22 MB a process, against 41 MB
    for a table of strings of its own."""
    path = Path(jieba.__file__).resolve().parent / "dict.txt"
    with path.open(encoding="utf-8") as handle:
        read = {w[0]: sys.intern(w[2]) for w in (line.split() for line in handle) if len(w) == 3}
    return {word: read[word] for word in load_jieba().FREQ if word in read}


@lru_cache(maxsize=1)
def load_jieba() -> jieba.Tokenizer:
    """A private ``jieba.Tokenizer`` with the generated user dictionary."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for region in load_regions().values():
        if FUNCTIONAL_ZONE.search(region.name):
            continue  # zones in the division tree (…开发区) are parks, left to the suffix grammar
        for word in {region.name, region.short_name}:
            if len(word) >= 2 and not word.endswith(tuple(PARK_SUFFIXES)):  # 浦东新区: 新区 stays a suffix token
                tokenizer.add_word(word, USER_WORD_FREQ, "ns")
    for suffix in PARK_SUFFIXES:
        if len(suffix) >= 2:
            tokenizer.add_word(suffix, USER_WORD_FREQ, "n")
    return tokenizer


@lru_cache(maxsize=1)
def load_tokenizer() -> jieba.posseg.POSTokenizer:
    """The POS tokenizer over ``load_jieba``'s tokenizer (a ``caching_pos_tokenizer``)."""
    return caching_pos_tokenizer()(load_jieba())


@lru_cache(maxsize=1)
def caching_pos_tokenizer() -> type:
    """jieba's POS tokenizer class with its HMM step (Viterbi over an unknown-word run, the
    costly part) computed with numpy (``viterbi``, same route) and memoised per distinct run.
    It overrides the private ``__cut`` of jieba 0.42 (pinned), which ``__cut_detail`` calls
    for each Han block.

    ``jieba.posseg`` is imported here, not with this module: importing it loads its HMM
    tables, about 50 MB, and the writer process imports the pipeline but never tags.
    """
    import jieba.posseg

    class CachingPOSTokenizer(jieba.posseg.POSTokenizer):
        def __init__(self, tokenizer: jieba.Tokenizer) -> None:
            super().__init__(tokenizer)
            self._hmm_cut = lru_cache(maxsize=HMM_CACHE_SIZE)(self._hmm_words)

        def load_word_tag(self, f: object) -> None:
            """jieba's tag table: the dictionary's tags (``load_dictionary_tags``, held once
            per process, about 50 MB) under the user words' tags (jieba adds them on the first cut)."""
            f.close()
            self.word_tag_tab = TagTable(load_dictionary_tags())

        def _hmm_words(self, sentence: str) -> tuple:
            """jieba's ``__cut``: words and tags from the Viterbi route (B/M/E/S positions)."""
            _prob, route = viterbi(sentence)
            words, begin, next_i = [], 0, 0
            for i, char in enumerate(sentence):
                position, flag = route[i]
                if position == "B":
                    begin = i
                elif position == "E":
                    words.append(jieba.posseg.pair(sentence[begin:i + 1], flag))
                    next_i = i + 1
                elif position == "S":
                    words.append(jieba.posseg.pair(char, flag))
                    next_i = i + 1
            if next_i < len(sentence):
                words.append(jieba.posseg.pair(sentence[next_i:], route[next_i][1]))
            return tuple(words)

        def _POSTokenizer__cut(self, sentence: str) -> tuple:  # noqa: N802 - jieba's mangled name
            return self._hmm_cut(sentence)

    return CachingPOSTokenizer


# Distinct windows whose tags are remembered per process: the same phrases (推动更多优质项目,
# a park's name) recur across articles, and POS tagging is the costliest step of extraction.
# (About a kilobyte an entry: every per-process cache of extraction is capped at a few thousand
# entries, so a worker's memory stays flat at any corpus size.)
TAG_CACHE_SIZE = 1 << 13


@lru_cache(maxsize=TAG_CACHE_SIZE)
def tag(text: str) -> tuple[tuple[str, str], ...]:
    """(word, POS tag) pairs of ``text`` (cached: the result is shared, do not mutate it).

    >>> [w for w, _ in tag("位于南京的江宁溧水工业园区")]
    ['位于', '南京', '的', '江宁', '溧水', '工业园区']
    """
    return tuple((pair.word, pair.flag) for pair in load_tokenizer().cut(text))


# Longest name scanned to the left of a head word.
MAX_NAME_CHARS = 24
# Characters that always end a name on its left: punctuation, quotes, separators.
HARD_BREAK = re.compile(f"[^{HAN_BASIC}A-Za-z0-9()（）]")
# A numeral inside a token tagged m (二十, 1.8, 首批); 元 of 元宇宙 is no numeral.
NUMERAL = re.compile(r"[\d一二三四五六七八九十百千万亿两几首第半数多个家批项栋座]")
# POS tags that cannot be part of a name: prepositions, particles, conjunctions, pronouns,
# adverbs, numerals, measure words, time words, locatives, modals, idioms, 型-style affixes.
STOP_TAGS = frozenset({"p", "u", "uj", "ul", "uz", "ug", "uv", "ud", "c", "r", "rr", "rz", "d", "ad",
                       "m", "mq", "q", "t", "tg", "f", "y", "e", "o", "l", "i", "k", "h", "dg", "z"})
# Verbs that do occur inside park and project names (创新园, 合作示范园区, 城市更新项目).
NAME_VERBS = frozenset({
    "创新", "孵化", "合作", "协同", "研发", "创业", "制造", "智造", "融合", "发展", "更新", "转化",
    "服务", "示范", "加速", "共享", "引领", "转型", "升级", "改造", "生产", "加工", "装备", "物流",
    "检测", "设计", "培训", "孵育", "集聚", "联动", "离岸", "创", "医药", "储能", "投资", "开放",
})
# Words jieba tags as time or locative words that are ordinary parts of names (某某现代产业园,
# 某某未来社区, 甲—乙东西部协作产业园).
NAME_TIME_WORDS = frozenset({"现代", "未来", "当代", "东西部"})
# Words that end a name on its left although jieba tags them as nouns: descriptors of a
# part of a zone (起步区 = starting area), scope words (全国, 全力) and function nouns.
STOP_WORDS = frozenset({
    "起步区", "核心区", "启动区", "先行区", "拓展区", "试验区", "全国", "全省", "全市", "全区", "全力", "全面",
    "国家级", "省级", "市级", "区级", "首批", "一批", "其中", "会上", "目前", "现场", "方面", "领域",
    "以及", "包括", "暨", "及其", "有关", "相关", "这个", "这些", "那些", "各类", "各大", "各地", "仪式", "活动",
})


def name_start(text: str, head_start: int, head_end: int, max_chars: int = MAX_NAME_CHARS,
               stop_words: frozenset[str] = frozenset(), glued_head: bool = False,
               verbs_stop: bool = True) -> int | None:
    """Offset where the name ending in ``text[head_start:head_end]`` begins, or None when the
    head is glued to a word on its left (开园 is not a park suffix 园) and ``glued_head`` is
    false; with ``glued_head`` the word it is glued to joins the head (合作项目). Without
    ``verbs_stop`` only closed-class words and triggers end the name (for listed examples).

    >>> text = "其核心区是同时揭牌的起步区常州龙城高新技术产业园"
    >>> text[name_start(text, len(text) - 7, len(text)):]
    '常州龙城高新技术产业园'
    """
    # The answer depends only on the window before the head, so it is memoised on it.
    left = max(0, head_start - max_chars)
    start = _window_name_start(text[left:head_end], head_start - left, head_end - left, max_chars,
                               stop_words, glued_head, verbs_stop)
    return None if start is None else left + start


@lru_cache(maxsize=TAG_CACHE_SIZE)
def _window_name_start(text: str, head_start: int, head_end: int, max_chars: int,
                       stop_words: frozenset[str], glued_head: bool, verbs_stop: bool) -> int | None:
    left = max(0, head_start - max_chars)
    for i in range(head_start - 1, left - 1, -1):
        if HARD_BREAK.match(text[i]):
            left = i + 1
            break
    tokens = tag(text[left:head_end])
    offsets, pos = [], left
    for word, flag in tokens:
        offsets.append((pos, word, flag))
        pos += len(word)
    index = next((i for i, (start, _, _) in enumerate(offsets) if start == head_start),
                 len(offsets) if pos == head_start else None)
    if index is None and glued_head:
        index = max(i for i, (start, _, _) in enumerate(offsets) if start < head_start)
    if index is None:
        return None
    start = min(head_start, offsets[index][0]) if index < len(offsets) else head_start
    kept = offsets[:index]
    for i in range(len(kept) - 1, -1, -1):
        begin, word, flag = kept[i]
        if word in stop_words or is_stop(word, flag, glued=not verbs_stop or _in_single_run(kept, i)):
            break
        start = begin
    name = text[start:head_start]
    if name.count("(") + name.count("（") > name.count(")") + name.count("）"):
        start += max(name.rfind("("), name.rfind("（")) + 1
    while start < head_start and text[start] in ")）":
        start += 1
    return start


def _in_single_run(tokens: list[tuple[int, str, str]], i: int) -> bool:
    """True when token i is one character next to another one-character token: jieba has
    split an unknown name (飞 / 全 / 激光) rather than found a verb."""
    word = tokens[i][1]
    neighbours = [tokens[j][1] for j in (i - 1, i + 1) if 0 <= j < len(tokens)]
    return len(word) == 1 and any(len(n) == 1 and HAN_CHAR.match(n) for n in neighbours)


def is_stop(word: str, flag: str, glued: bool = False) -> bool:
    """True when a token cannot be part of a name: a closed-class word, a number, a scope
    word, an event trigger, or a dictionary verb (an unknown word tagged as a verb is
    usually a name jieba does not know, like 迈诺).

    >>> is_stop("共建", "v"), is_stop("迈诺", "v"), is_stop("元", "m")
    (True, False, False)
    """
    if word in STOP_WORDS or TRIGGER.search(word):
        return True
    if word in NAME_TIME_WORDS:
        return False
    if flag.startswith("m"):  # a lone numeral glued to another single character opens a name (甲乙合作园区 with 甲 a numeral)
        return bool(NUMERAL.search(word)) and not (glued and len(word) == 1)
    if flag in STOP_TAGS:
        return True
    if flag.startswith("v") and flag != "vn" and word not in NAME_VERBS:
        return not glued and word in load_tokenizer().tokenizer.FREQ
    return False
