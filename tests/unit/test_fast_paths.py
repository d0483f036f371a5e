"""The fast paths of ingest give exactly what the plain computations they replace give."""

from __future__ import annotations

import re
from pathlib import Path

import jieba
import jieba.posseg
import pytest
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
from jieba.posseg.viterbi import viterbi as jieba_viterbi

from ingest.dedupe import MIN_FEATURES, feature_keys, features, minhash
from ingest.extract.amounts import SIZE_BIN, SIZE_BIN_START
from ingest.extract.quantities import COUNT_AFTER, COUNT_AFTER_RUNS
from ingest.extract.tokenizer import load_dictionary_tags, load_jieba, load_tokenizer, tag
from ingest.extract.viterbi import viterbi
from ingest.normalize import detect_script, mark_damage, to_halfwidth
from ingest.process import han_share
from ingest.text import (
    CLAUSE_BREAK_CHARS,
    SENTENCE_BREAK,
    clause_bounds,
    finditer_in_runs,
    sentence_bounds,
)

# Unknown-word runs as jieba hands them to its HMM: invented names, single characters,
# a repeated character (ties), and a run whose characters jieba has no states for.
RUNS = ["惠泉", "盛锐芯迈", "宏鑫瑞宏", "年", "这是", "的又", "低碳", "飞全激光", "嘉禾嘉禾", "鑫鑫鑫",
        "㐀㐁", "甬舟临港", "零碳示范"]


@pytest.mark.parametrize("run", RUNS)
def test_viterbi_equals_jieba(run):
    assert viterbi(run) == jieba_viterbi(run, char_state_tab_P, start_P, trans_P, emit_P)


@pytest.mark.parametrize("text", [
    "位于徐州的惠山贾汪工业园区",
    "飞全激光等一批投资意向项目",
    "推动更多优质项目落户盛锐芯迈产业园",
    "上海嘉定氢能港二期",
])
def test_cached_tagging_equals_plain_jieba(text):
    plain = jieba.posseg.POSTokenizer(load_tokenizer().tokenizer)
    plain.word_tag_tab = load_tokenizer().word_tag_tab  # with the generated words' tags
    expected = tuple((p.word, p.flag) for p in plain.cut(text))
    assert tag(text) == expected
    assert tag(text) == expected  # from the cache


@pytest.mark.parametrize(("text", "expected"), [
    ("苏州工业园区 opened a plant", (6, 18)),
    ("园区，总投资1亿元。", (7, 7)),
    ("䷀䷁园区", (2, 2)),  # hexagram symbols (U+4DC0…) are not letters
    ("\uf900园\U00020000区", (4, 4)),  # a compatibility and an extension-B ideograph
    ("Ｐａｒｋ园区", (2, 6)),  # full-width Latin letters are letters
    ("", (0, 0)),
])
def test_han_share(text, expected):
    assert han_share(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("蘇州高新區發布", ("traditional", 3)),
    ("苏州高新区发布", ("simplified", 0)),
    ("2023 Park", ("simplified", 0)),
])
def test_detect_script(text, expected):
    assert detect_script(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("园区开园，总投资1亿元。", ("园区开园，总投资1亿元。", 0)),
    ("签约??个项目", ("签约\ufffd\ufffd个项目", 1)),
    ("锟斤拷园区", ("\ufffd\ufffd\ufffd园区", 1)),
])
def test_mark_damage(text, expected):
    assert mark_damage(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("总投资９.５亿元", ("总投资9.5亿元", 2)),
    ("总投资9.5亿元，", ("总投资9.5亿元，", 0)),
])
def test_to_halfwidth(text, expected):
    assert to_halfwidth(text) == expected


STORY = "某市经济开发区今日举行重大项目集中签约仪式，共签约项目二十个，涉及新能源汽车零部件、集成电路和生物医药等领域。"


@pytest.mark.parametrize("text", [STORY, STORY * 3, "园区" * 40, "甲乙丙丁戊己庚辛壬癸" * 5])
def test_feature_keys_are_the_features(text):
    assert len(set(feature_keys(text).tolist())) == len(features(text))


@pytest.mark.parametrize(("text", "has_signature"), [
    (STORY, True),
    ("园区" * 200, False),  # 400 characters but only two distinct 3-grams
    ("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥" * 20, False),  # 22 distinct 3-grams, repeated
])
def test_signature_needs_distinct_features(text, has_signature):
    assert (minhash(text) is not None) == has_signature
    assert (len(features(text)) >= MIN_FEATURES) == has_signature


def test_repeating_a_text_keeps_its_signature():
    assert minhash(STORY + STORY) == minhash(STORY + "。" + STORY)


# Invented bodies with counts written after their noun, size bins, enumerations, clause
# and sentence breaks in odd places (at the start, doubled, none at all, ASCII commas in numbers).
SCAN_TEXTS = [
    "星湾新区本次集中签约的项目共12个,其中外资项目5个，总投资1,200亿元。",
    "签约项目30个，其中10亿元以上项目8个、1-5亿元项目12个；亿元以上项目有6个。",
    "，甲乙科技园、丙丁智造园等3个园区开园。。引进企业共 204 家",
    "园区落户企业达到二十余家，“高端装备项目”共8个\n另有标准厂房12栋",
    "没有任何断句也没有数字的一段文字",
    "",
]


@pytest.mark.parametrize("text", SCAN_TEXTS)
def test_count_after_scanned_in_runs_equals_whole_text(text):
    runs = [m.span() for m in finditer_in_runs(COUNT_AFTER, text, COUNT_AFTER_RUNS)]
    assert runs == [m.span() for m in COUNT_AFTER.finditer(text)]


@pytest.mark.parametrize("text", SCAN_TEXTS)
def test_size_bins_start_anchor_changes_no_match(text):
    unanchored = re.compile(SIZE_BIN.pattern.removeprefix(SIZE_BIN_START))
    assert [m.span() for m in SIZE_BIN.finditer(text)] == [m.span() for m in unanchored.finditer(text)]


def _plain_clause_bounds(text, start, end):
    left = start
    while left > 0 and text[left - 1] not in CLAUSE_BREAK_CHARS:
        left -= 1
    right = end
    while right < len(text) and text[right] not in CLAUSE_BREAK_CHARS:
        right += 1
    return left, right


def _plain_sentence_bounds(text, at):
    left, right = at, at
    while left > 0 and not SENTENCE_BREAK.match(text[left - 1]):
        left -= 1
    while right < len(text) and not SENTENCE_BREAK.match(text[right]):
        right += 1
    return left, right


@pytest.mark.parametrize("text", [t for t in SCAN_TEXTS if t])
def test_bounds_from_break_offsets_equal_a_character_walk(text):
    for start in range(len(text) + 1):
        assert sentence_bounds(text, start) == _plain_sentence_bounds(text, start)
        for end in range(start, min(len(text), start + 6) + 1):
            assert clause_bounds(text, start, end) == _plain_clause_bounds(text, start, end)


def test_dictionary_tags_are_the_dictionary_files_keyed_by_the_frequency_tables_strings() -> None:
    """The tag table is jieba's dict.txt word -> tag, its keys shared with the tokenizer's
    frequency table (one string per word in a process, not two)."""
    path = Path(jieba.__file__).resolve().parent / "dict.txt"
    with path.open(encoding="utf-8") as handle:
        read = {w[0]: w[2] for w in (line.split() for line in handle) if len(w) == 3}
    tags = load_dictionary_tags()
    assert tags == read
    frequency_keys = {id(word) for word in load_jieba().FREQ}
    assert all(id(word) in frequency_keys for word in tags)
