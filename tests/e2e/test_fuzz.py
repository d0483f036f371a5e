"""100,000 generated strings through normalise -> segment -> extract: no exception, every
span slices back to its text, every value is finite, and no input takes 2 s.

The strings mix what hostile input brings: lone surrogates (as JSON can escape them), runs
of numerals (一 × 16,000, 9 × 16,000, 1,000,000…) before a currency or an area unit, and
many scripts (Han in both forms, Latin, Cyrillic, Arabic, Hangul, kana, emoji, full-width
forms, combining marks, controls). Hypothesis draws a seed per example and each seed gives
a batch of strings (generating 100,000 strings one by one through Hypothesis would take
most of the time); a failing string is named in the assertion. The count, the mix and the
slowest input are written to target/fuzz-report.json. This is the end-to-end lane's job.
"""

from __future__ import annotations

import json
import math
import random
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.extract import extract_article
from ingest.extract.regions import load_region_automaton
from ingest.extract.tokenizer import load_tokenizer
from ingest.normalize import load_converters, normalize
from ingest.segment import segment
from tests.helpers import ROOT

STRINGS = 100_000
PER_EXAMPLE = 25
SLOWEST_ALLOWED = 2.0
REPORT = ROOT / "target" / "fuzz-report.json"

NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿点0123456789.,"
UNITS = ["亿元", "万元", "元", "亿美元", "万欧元", "亩", "平方米", "万方", "平方公里", "个项目", "家企业", "年", "月", "日", "%"]
CUES = ["总投资", "其中项目总投资", "约", "超过", "逾", "不足", "占地", "产值", "签约", "共", "第", "近", "达"]
WORDS = ["上海市", "嘉定区", "苏州工业园区", "合肥高新区", "蘇州", "區", "開發區", "某某科技有限公司", "开工", "投产",
         "集中签约", "共建", "飞地", "二期", "项目", "。", "，", "、", "；", "\n", " ", "　", "（", "）", "“", "”", "?",
         "\ufffd", "锟斤拷"]
# Code point ranges of the scripts mixed in (Han twice: it is what the extractors read); the last is controls.
RANGES = [(0x4E00, 0x9FFF), (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x41, 0x7A), (0x400, 0x4FF), (0x600, 0x6FF),
          (0xAC00, 0xD7A3), (0x3040, 0x30FF), (0xFF01, 0xFF5E), (0x300, 0x36F), (0x1F300, 0x1F5FF), (0x0, 0x1F)]
# One character in this many is a lone surrogate.
SURROGATE_EVERY = 500


def any_char(rng: random.Random) -> str:
    if rng.randrange(SURROGATE_EVERY) == 0:
        return chr(rng.randint(0xD800, 0xDFFF))
    low, high = rng.choice(RANGES)
    return chr(rng.randint(low, high))


def numeral_run(rng: random.Random) -> str:
    """A cue, a run of one numeral character (short, or up to 16,000 long), a few more, a unit."""
    length = rng.randint(500, 16_000) if rng.random() < 0.05 else rng.randint(1, 30)
    tail = "".join(rng.choice(NUMERAL_CHARS) for _ in range(rng.randint(0, 20)))
    return rng.choice(CUES) + rng.choice(NUMERAL_CHARS) * length + tail + rng.choice(UNITS)


def piece(rng: random.Random) -> str:
    kind = rng.randrange(8)
    if kind == 0:
        return rng.choice(WORDS)
    if kind == 1:
        return rng.choice(UNITS) + rng.choice(CUES)
    if kind == 2:
        return "".join(rng.choice(NUMERAL_CHARS) for _ in range(rng.randint(1, 25)))
    if kind == 3:
        return chr(rng.randint(0xD800, 0xDFFF))
    return "".join(any_char(rng) for _ in range(rng.randint(1, 12)))


def generated(rng: random.Random) -> str:
    """One string: news-like pieces, pieces around a numeral run, or characters of any script."""
    family = rng.random()
    if family < 0.4:
        return "".join(piece(rng) for _ in range(rng.randint(0, 40)))
    if family < 0.7:
        around = [piece(rng) for _ in range(rng.randint(0, 10))]
        return "".join(around[: len(around) // 2]) + numeral_run(rng) + "".join(around[len(around) // 2:])
    return "".join(any_char(rng) for _ in range(rng.randint(0, 300)))


seen = {"count": 0, "with_surrogates": 0, "over_500_chars": 0, "slowest": 0.0, "slowest_input": ""}


def check(text: str) -> None:
    started = time.perf_counter()
    norm = normalize(text)
    norm.text.encode("utf-8")  # no surrogate survives normalisation
    seg = segment(norm.text)
    body = seg.body_text
    for s in seg.sentences:
        assert 0 <= s.char_start <= s.char_end <= len(body) and body[s.char_start:s.char_end] == s.text
    for m in extract_article(body, [s.char_start for s in seg.sentences] or [0]):
        assert 0 <= m.char_start <= m.char_end <= len(body), m
        assert body[m.char_start:m.char_end] == m.surface_text, m
        for value in (m.value, m.value_high):
            assert value is None or math.isfinite(value), m
    elapsed = time.perf_counter() - started
    seen["count"] += 1
    seen["with_surrogates"] += any("\ud800" <= c <= "\udfff" for c in text)
    seen["over_500_chars"] += len(text) > 500
    if elapsed > seen["slowest"]:
        seen.update(slowest=elapsed, slowest_input=text)
    assert elapsed < SLOWEST_ALLOWED, f"{elapsed:.2f} s for an input of {len(text)} characters"


@settings(max_examples=STRINGS // PER_EXAMPLE, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(st.integers(0, 2**64 - 1))
def fuzz(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(PER_EXAMPLE):
        text = generated(rng)
        try:
            check(text)
        except Exception as exc:
            raise AssertionError(f"input {text!r}: {exc!r}") from exc


def test_hundred_thousand_generated_strings_never_break_extraction():
    load_region_automaton(), load_tokenizer(), load_converters()  # loaded once, before any input is timed
    check("蘇州工業園區某某科技有限公司新項目開工，总投资" + "一" * 16_000 + "亿元")
    seen.update(count=0, with_surrogates=0, over_500_chars=0, slowest=0.0, slowest_input="")
    started = time.perf_counter()
    fuzz()
    slowest = seen["slowest_input"]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps({
        "strings": seen["count"], "with_lone_surrogates": seen["with_surrogates"],
        "over_500_characters": seen["over_500_chars"], "seconds": round(time.perf_counter() - started, 1),
        "slowest_seconds": round(seen["slowest"], 3), "slowest_length": len(slowest),
        "slowest_input_start": slowest[:120].encode("utf-8", "backslashreplace").decode("utf-8"),
    }, ensure_ascii=False, indent=2), encoding="utf-8")
    assert seen["count"] >= STRINGS
    assert seen["slowest"] < SLOWEST_ALLOWED
