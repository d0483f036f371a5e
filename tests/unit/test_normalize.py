"""Normalisation rules: pinyin glosses, damaged runs, script, width, whitespace."""

from __future__ import annotations

import pytest

from ingest.normalize import (
    DAMAGE,
    detect_script,
    mark_damage,
    normalize,
    normalize_whitespace,
    remove_pinyin_glosses,
    to_halfwidth,
)
from ingest.segment import split_sentences

D = DAMAGE


@pytest.mark.parametrize(("text", "expected", "count"), [
    ("關(guān)注園區(qū)發(fā)展", "關注園區發展", 3),
    ("網(wǎng)站", "網站", 1),
    ("經（jīng）濟", "經濟", 1),
    ("綠(lǜ)色", "綠色", 1),
    ("一期(2024年)工程", "一期(2024年)工程", 0),
    ("园区(一期)", "园区(一期)", 0),
    ("总部(Shanghai)", "总部(Shanghai)", 0),
    ("CPU(cpu)", "CPU(cpu)", 0),
])
def test_pinyin_glosses(text: str, expected: str, count: int) -> None:
    assert remove_pinyin_glosses(text) == (expected, count)


@pytest.mark.parametrize(("text", "expected"), [
    ("舉行??傆嬘?2個項目簽約", f"舉行{D * 5}2個項目簽約"),
    ("共有??個企業", f"共有{D * 2}個企業"),
    ("签约\ufffd12个项目", f"签约{D}12个项目"),
    ("投资锟斤拷8亿元", f"投资{D * 3}8亿元"),
    ("园区ä¸\xad心", f"园区{D * 3}心"),
    ("真的吗?我们来看", "真的吗?我们来看"),
    ("园区名称?3号地块", f"园区名称{D}3号地块"),
    ("总投资3亿元。", "总投资3亿元。"),
    ("café 与园区", "café 与园区"),
])
def test_damage_marked_one_for_one(text: str, expected: str) -> None:
    marked, _ = mark_damage(text)
    assert marked == expected
    assert len(marked) == len(text)


@pytest.mark.parametrize(("text", "script"), [
    ("苏州工业园区今年新签约项目30个", "simplified"),
    ("蘇州工業園區今年新簽約項目30個", "traditional"),
    ("蘇州工業園區今年新签约项目30个，总投资达到", "mixed"),
    ("Shanghai 2024", "simplified"),
    ("於是园区发展迅速，总投资达到百亿元规模", "simplified"),
])
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text)[0] == script


@pytest.mark.parametrize(("text", "expected"), [
    ("总投资９.５亿元", "总投资9.5亿元"),
    ("ＡＢＣ公司（一期）", "ABC公司(一期)"),
    ("面积１２０００㎡，约１８亩；", "面积12000㎡，约18亩；"),
    ("５Ｇ基站", "5G基站"),
    ("签约！开工？", "签约！开工？"),
])
def test_fullwidth_to_ascii(text: str, expected: str) -> None:
    assert to_halfwidth(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("\u3000\u3000园区开园。\r\n\r\n\r\n第二段。", "园区开园。\n\n第二段。"),
    ("a\t\tb\u00a0 c", "a b c"),
    ("零宽\u200b字符\ufeff", "零宽 字符"),
    ("  首行  \n  次行  ", "首行\n次行"),
])
def test_whitespace(text: str, expected: str) -> None:
    assert normalize_whitespace(text) == expected


def test_normalize_records_every_step() -> None:
    norm = normalize("蘇州高新區(qū)簽約??個項目，總投資１２億元。")
    assert norm.script == "traditional"
    assert norm.text == f"苏州高新区签约{D * 2}个项目，总投资12亿元。"
    assert norm.steps == {"lone_surrogates_marked": 0, "pinyin_glosses_removed": 1, "damaged_runs_marked": 1,
                          "traditional_chars_converted": norm.steps["traditional_chars_converted"],
                          "fullwidth_chars_converted": 2}
    assert norm.steps["traditional_chars_converted"] >= 8


@pytest.mark.parametrize(("text", "expected", "marked"), [
    ("园区\udc80开工", f"园区{D}开工", 1),  # a lone low surrogate between Chinese characters
    ("总投资\ud83d亿元", f"总投资{D}亿元", 1),  # a high surrogate without its pair
    ("\udcff\udcfe项目签约", f"{D}{D}项目签约", 2),  # surrogate-escaped bytes 0xff 0xfe
    ("嘉兴港区\U0001F3ED开园", "嘉兴港区\U0001F3ED开园", 0),  # a real astral character is kept
])
def test_lone_surrogates_are_marked_like_damaged_bytes(text: str, expected: str, marked: int) -> None:
    norm = normalize(text)
    assert norm.text == expected and norm.steps["lone_surrogates_marked"] == marked
    norm.text.encode("utf-8")


def test_offsets_stay_valid_after_normalisation() -> None:
    norm = normalize("嘉興市秀洲區(qū)簽約??個項目。\n\n總投資１２億元！園區開工")
    for s in split_sentences(norm.text):
        assert norm.text[s.char_start:s.char_end] == s.text
