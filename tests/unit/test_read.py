"""Decoding and splitting: encodings in every form, JSON lines, HTML through trafilatura."""

from __future__ import annotations

import codecs

import pytest

from ingest.errors import InputFileError
from ingest.read.decode import decode, plausibility
from ingest.read.files import InputFile
from ingest.read.split import json_documents, split_documents

SIMPLIFIED = "嘉善经济技术开发区昨日举行项目集中签约仪式，共签约重点项目9个，计划总投资约27亿元，涉及精密制造和生物医药。"
TRADITIONAL = "嘉善經濟技術開發區昨日舉行項目集中簽約儀式，共簽約重點項目9個，計劃總投資約27億元，涉及精密製造和生物醫藥。"


@pytest.mark.parametrize(("data", "encoding"), [
    (SIMPLIFIED.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8"),
    (SIMPLIFIED.encode("gb18030"), "gb18030"),
    (SIMPLIFIED.encode("gbk"), "gb18030"),
    (SIMPLIFIED.encode("gb2312"), "gb18030"),
    (TRADITIONAL.encode("big5"), "big5"),
    (TRADITIONAL.encode("cp950"), "big5"),
    (TRADITIONAL.encode("gb18030"), "gb18030"),
    (TRADITIONAL.encode("utf-8"), "utf-8"),
    (SIMPLIFIED.encode("utf-16"), "utf-16"),
    (b"plain ASCII page", "utf-8"),
])
def test_decode_picks_the_right_encoding(data: bytes, encoding: str) -> None:
    decoded = decode(data, "x.txt")
    assert decoded.encoding == encoding
    assert decoded.text.lstrip("\ufeff") in (SIMPLIFIED, TRADITIONAL, "plain ASCII page")
    assert decoded.confidence >= 0.9


def test_big5_page_that_also_decodes_as_gb18030_is_read_as_big5() -> None:
    data = TRADITIONAL.encode("big5")
    assert data.decode("gb18030")  # decodes without error, into nonsense
    decoded = decode(data, "x.txt")
    assert (decoded.encoding, decoded.text) == ("big5", TRADITIONAL)


@pytest.mark.parametrize(("text", "low", "high"), [
    (SIMPLIFIED, 0.95, 1.0),
    (TRADITIONAL, 0.9, 1.0),
    (TRADITIONAL.encode("big5").decode("gb18030"), 0.0, 0.6),
    (SIMPLIFIED.encode("gb18030").decode("big5", errors="replace"), 0.0, 0.6),
    ("总投资1亿元。", 1.0, 1.0),
    ("ASCII only", 1.0, 1.0),
])
def test_plausibility(text: str, low: float, high: float) -> None:
    assert low <= plausibility(text) <= high


def test_damaged_utf8_is_kept_with_a_note_and_low_confidence() -> None:
    data = SIMPLIFIED.encode("utf-8")
    data = data[:30] + data[31:]  # one byte of a character lost
    decoded = decode(data, "x.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("\ufffd") >= 1
    assert decoded.confidence <= 0.6
    assert "undecodable" in decoded.note and "unsure" in decoded.note


@pytest.mark.parametrize(("data", "reason"), [
    (b"   \n", "only whitespace (4 bytes)"),
    (b"\x89PNG\r\n\x1a\n....", "binary content (a PNG image), not text"),
    (b"%PDF-1.4 ...", "binary content (a PDF document), not text"),
    (b"abc\x00\x00def", "binary content (NUL bytes), not text"),
    (bytes(range(0x80, 0x100)) * 20, None),
])
def test_decode_rejects_what_is_not_a_text_page(data: bytes, reason: str | None) -> None:
    with pytest.raises(InputFileError) as info:
        decode(data, "bad.txt")
    assert info.value.path == "bad.txt"
    if reason:
        assert info.value.reason == reason


@pytest.mark.parametrize(("line", "expected"), [
    ({"url": "https://a.example/1", "title": "标题一", "published_at": "2024-01-02", "body": "正文一。"},
     ("标题一", "2024-01-02", "https://a.example/1", "正文一。")),
    ({"link": "https://a.example/2", "headline": "标题二", "date": "2023-05-06", "content": "正文二。"},
     ("标题二", "2023-05-06", "https://a.example/2", "正文二。")),
    ({"标题": "标题三", "发布时间": "2022-07-08 09:10", "正文": "正文三。"},
     ("标题三", "2022-07-08 09:10", None, "正文三。")),
])
def test_json_fields(line: dict, expected: tuple) -> None:
    import json

    (doc,) = json_documents("feed.jsonl", json.dumps(line, ensure_ascii=False))
    assert (doc.title, doc.published_at, doc.source_url, doc.text) == expected
    assert doc.source_file == "feed.jsonl#1"


def test_json_lines_one_article_each_and_bad_lines_reported() -> None:
    text = '{"title": "甲", "body": "正文甲。"}\n\nnot json\n[1, 2]\n{"title": "乙", "content": "正文乙。"}\n'
    docs = json_documents("f.jsonl", text)
    assert [(d.source_file, d.text, bool(d.meta.get("error"))) for d in docs] == [
        ("f.jsonl#1", "正文甲。", False), ("f.jsonl#3", "", True), ("f.jsonl#4", "", True), ("f.jsonl#5", "正文乙。", False)]


def test_json_array_file() -> None:
    docs = json_documents("f.json", '[{"title": "甲", "body": "正文甲。"}, {"title": "乙", "body": "正文乙。"}]')
    assert [(d.source_file, d.title) for d in docs] == [("f.json#1", "甲"), ("f.json#2", "乙")]


def test_a_file_of_one_json_object_over_many_lines_is_one_document() -> None:
    text = '{\n  "title": "星湾园区新项目签约",\n  "body": "星湾园区新项目签约。",\n  "tags": [\n    "签约"\n  ]\n}\n'
    assert [(d.source_file, d.title, d.text) for d in json_documents("one.json", text)] == [
        ("one.json#1", "星湾园区新项目签约", "星湾园区新项目签约。")]
    (no_body,) = json_documents("one.json", '{\n  "title": "只有标题"\n}\n')
    assert (no_body.source_file, no_body.text) == ("one.json#1", "")


def test_html_main_content_and_page_lines() -> None:
    paragraph = "海宁经编产业园今年计划新开工项目21个，总投资约64亿元，其中亿元以上项目占比超过六成，园区将加快推进厂房建设。"
    html = (f"<html><head><title>海宁经编园新开工21个项目_嘉兴在线</title></head><body>"
            f"<nav><a>首页</a><a>要闻</a></nav><h1>海宁经编园新开工21个项目</h1>"
            f"<article><p>{paragraph}</p><p>{paragraph.replace('21', '12')}</p></article>"
            f"<footer>版权所有 嘉兴在线</footer></body></html>")
    file = InputFile(None, "p.html", html.encode(), "0" * 64)  # type: ignore[arg-type]
    (doc,) = split_documents(file, decode(file.data, "p.html"))
    assert doc.kind == "html"
    assert paragraph in doc.text and "版权所有" not in doc.text
    assert "版权所有 嘉兴在线" in doc.meta["page_text"].split("\n")
