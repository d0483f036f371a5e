"""The per-document guards of ``process_file``: a time budget, and rows that cannot be stored.

Each guard is made to fire by replacing one stage with a stand-in that misbehaves the way
a bug or a hostile input would (never sleeping more than the test needs).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import ingest.process as process
from ingest.process import process_file, time_budget

BODY = "5月6日，合肥高新区与上海市闵行区签约共建产业园，总投资30亿元，计划建设智能制造基地。"


def jsonl(tmp_path: Path, lines: int) -> Path:
    path = tmp_path / "lines.jsonl"
    path.write_text("\n".join(json.dumps({"title": f"园区新闻{i}", "body": BODY.replace("30", str(30 + i))},
                                         ensure_ascii=False) for i in range(1, lines + 1)), encoding="utf-8")
    return path


def test_time_budget_interrupts_a_long_regular_expression():
    import re

    started = time.perf_counter()
    with pytest.raises(process.DocumentTimeout), time_budget(0.3):
        re.match(r"(a|aa)+$", "a" * 40 + "b")  # exponential backtracking in C
    assert time.perf_counter() - started < 5


def test_a_document_over_its_time_budget_is_rejected_and_the_others_load(tmp_path, monkeypatch):
    real = process.extract_article

    def slow_on_the_second(body, *args, **kwargs):
        if "32亿元" in body:
            time.sleep(5)  # interrupted at 0.5 s: the rejection below proves it
        return real(body, *args, **kwargs)

    (tmp_path / "warm").mkdir()
    process_file(jsonl(tmp_path / "warm", 1), "lines.jsonl")  # load the dictionaries before the clock is short
    monkeypatch.setattr(process, "extract_article", slow_on_the_second)
    monkeypatch.setattr(process, "DOCUMENT_SECONDS", 0.5)
    result = process_file(jsonl(tmp_path, 3), "lines.jsonl")
    assert [(r["rel_path"], r["stage"], r["reason"]) for r in result.rejected] == [
        ("lines.jsonl#2", "extract", "took over 0.5 s, the time limit for one document")]
    assert result.table("articles").column("source_file").to_pylist() == ["lines.jsonl#1", "lines.jsonl#3"]


def test_rows_that_cannot_be_stored_reject_their_document_only(tmp_path, monkeypatch):
    real = process._document_rows

    def unstorable_second(doc, *args, **kwargs):
        rows = real(doc, *args, **kwargs)
        if doc.source_file.endswith("#2"):
            rows["sentences"][0]["sentence_no"] = "not a number"
        return rows

    monkeypatch.setattr(process, "_document_rows", unstorable_second)
    result = process_file(jsonl(tmp_path, 3), "lines.jsonl")
    assert [(r["rel_path"], r["stage"]) for r in result.rejected] == [("lines.jsonl#2", "load")]
    assert "cannot be stored" in result.rejected[0]["reason"]
    assert result.table("articles").column("source_file").to_pylist() == ["lines.jsonl#1", "lines.jsonl#3"]
    assert set(result.table("sentences").column("source_file").to_pylist()) == {"lines.jsonl#1", "lines.jsonl#3"}
    assert result.articles == 2


def test_many_documents_are_sealed_in_blocks(tmp_path, monkeypatch):
    one = process_file(jsonl(tmp_path, 1), "lines.jsonl")
    rows_per_document = sum(one.table(t).num_rows for t in ("articles", "sentences", "boilerplate", "mentions"))
    monkeypatch.setattr(process, "SEAL_ROWS", 4 * rows_per_document)
    result = process_file(jsonl(tmp_path, 10), "lines.jsonl")
    assert result.rejected == [] and result.articles == 10
    assert len(result.tables["articles"]) == 3  # blocks of 4, 4 and 2 documents
    assert result.table("files").column("documents").to_pylist() == [10]


def test_a_hash_in_a_file_name_is_not_a_line_number(tmp_path):
    path = tmp_path / "第1期#专题.txt"
    path.write_text("园区新闻\n" + BODY, encoding="utf-8")
    result = process_file(path, path.name)
    assert result.rejected == []
    assert result.table("articles").select(["source_file", "line_no"]).to_pylist() == [
        {"source_file": "第1期#专题.txt", "line_no": None}]
