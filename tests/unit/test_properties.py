"""Property tests: arbitrary text and bytes never break the decoder, normaliser, segmenter or extractors.

The settings profile in conftest.py runs every property 500 times. Text comes from two
strategies: arbitrary unicode, and news-like text assembled from fragments that make the
extractors fire (amounts, areas, dates, regions, parks, events), mixed with damage.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ingest.errors import InputFileError
from ingest.extract import extract_article
from ingest.extract.mention import MENTION_TYPES
from ingest.normalize import normalize
from ingest.process import process_file
from ingest.read.decode import decode
from ingest.segment import segment

# Invented, general fragments of park news: numbers, units, qualifiers, places, events, noise.
FRAGMENTS = [
    "总投资", "约", "逾", "超过", "近", "12", "3.5", "１２", "四十", "二十三", "亿元", "万元", "亿美元", "万欧元",
    "亿日元", "亩", "平方米", "万方", "公顷", "个项目", "家企业", "2024年", "5月", "3日", "二〇二三年", "今年",
    "上海市", "嘉定区", "苏州", "江苏省", "合肥市", "浙江", "安徽省", "工业园区", "高新区", "经济开发区",
    "产业园", "飞地", "签约", "开工", "竣工", "投产", "揭牌", "落户", "集中签约", "共建", "某某科技有限公司",
    "，", "。", "；", "、", "（", "）", "“", "”", "\n", " ", "　", "?", "??", "\ufffd", "蘇州", "區", "億元",
    "a", "Z", "-", "～", "%", "\u200b", "\x00", "😀",
]
NEWS_TEXT = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=200), NEWS_TEXT, st.tuples(NEWS_TEXT, st.text(max_size=30), NEWS_TEXT).map("".join))
ENCODINGS = ["utf-8", "gb18030", "big5", "utf-16", "utf-8-sig"]


@st.composite
def damaged_bytes(draw: st.DrawFn) -> bytes:
    """Text encoded in a supported encoding, then maybe cut, spliced with random bytes or prefixed."""
    text = draw(ANY_TEXT)
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="replace") if encoding != "big5" else text.encode("big5", errors="ignore")
    cut = draw(st.integers(0, len(data)))
    return draw(st.sampled_from([b"", b"\x89PNG", b"\xef\xbb\xbf", b"\xff\xfe"])) + data[:cut] + draw(
        st.binary(max_size=20)) + data[cut:]


BYTES = st.one_of(st.binary(max_size=400), damaged_bytes())


@given(BYTES)
def test_decode_never_raises_anything_but_input_file_error(data: bytes):
    try:
        decoded = decode(data, "x.txt")
    except InputFileError as err:
        assert err.stage == "decode" and err.path == "x.txt" and str(err).startswith("x.txt: ")
        return
    decoded.text.encode("utf-8")  # no lone surrogates
    assert 0.0 <= decoded.confidence <= 1.0


@given(ANY_TEXT)
def test_normalize_never_raises_and_is_deterministic(text: str):
    first, second = normalize(text), normalize(text)
    assert first == second
    assert first.script in ("simplified", "traditional", "mixed")
    first.text.encode("utf-8")


@given(ANY_TEXT)
def test_segment_sentences_slice_back_to_their_text(text: str):
    seg = segment(normalize(text).text)
    body = seg.body_text
    previous_end = 0
    for s in seg.sentences:
        assert 0 <= s.char_start <= s.char_end <= len(body)
        assert body[s.char_start:s.char_end] == s.text
        assert s.char_start >= previous_end
        previous_end = s.char_end


@given(ANY_TEXT)
def test_extraction_offsets_slice_back_to_surface_text(text: str):
    body = normalize(text).text
    starts = [s.char_start for s in segment(body).sentences] or [0]
    for m in extract_article(body, starts):
        assert 0 <= m.char_start <= m.char_end <= len(body), m
        assert body[m.char_start:m.char_end] == m.surface_text, m
        assert m.mention_type in MENTION_TYPES


@given(ANY_TEXT)
def test_extraction_is_deterministic(text: str):
    body = normalize(text).text
    starts = [s.char_start for s in segment(body).sentences] or [0]
    assert extract_article(body, starts) == extract_article(body, starts)


@given(BYTES, st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.txt.gz", "a.bin"]))
def test_process_file_never_raises_and_always_accounts_for_the_file(data: bytes, name: str):
    """Whatever the bytes, a file gives articles or rejections (or both), never an exception."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        result = process_file(path, name)
    articles, mentions = result.table("articles").to_pylist(), result.table("mentions").to_pylist()
    assert articles or result.rejected or result.table("files").num_rows
    assert (result.articles, result.mentions) == (len(articles), len(mentions))
    for row in result.rejected:
        assert row["rel_path"].startswith(name) and row["message"].startswith(row["rel_path"] + ": ")
    for article in articles:
        body = article["body_text"]
        for m in (m for m in mentions if m["source_file"] == article["source_file"]):
            assert body[m["char_start"]:m["char_end"]] == m["surface_text"]
