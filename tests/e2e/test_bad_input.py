"""Bad input never stops or corrupts a build: every junk file is recorded, every other file loads.

One real build (through the CLI, dbt included) runs over a corpus that mixes invented good
articles with every kind of junk a crawl produces; each case below then checks its own
rows in that warehouse. The big cases (a 50 MB file, 10,000 tiny files) run `parkmart
ingest` only (no dbt) so they stay fast.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import duckdb
import lxml.html
import pytest

from ingest.pipeline import SHOWN_REJECTIONS
from ingest.process import MAX_DOCUMENT_CHARS
from tests.helpers import CORPUS, run_cli

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
SAMPLE = CORPUS / "002_4ccc7ba70e5da29f.txt"
ODD_NAME = "e\u0301\u200b—🏭 ﬁle\u202e.txt"  # combining accent, zero-width space, emoji, ligature, RTL override
SECRET_MARKER = "绝密标记QX7"


def article(title: str, n: int) -> str:
    """An invented but realistic Chinese news page (title, dateline, one body paragraph)."""
    return (f"{title}\n2024年5月{n % 28 + 1}日 来源：长三角日报\n"
            f"　　5月{n % 28 + 1}日，合肥高新区与上海市闵行区签约共建第{n}号产业园，总投资{n % 90 + 10}亿元，"
            f"计划建设智能制造基地，预计年产值超过{n % 50 + 20}亿元，将带动就业三千人。\n")


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "园区")
    return buffer.getvalue()


# name -> content of every file in the bad corpus that is written as bytes
JUNK: dict[str, bytes] = {
    "empty.txt": b"",
    "blank.txt": b"  \n\t\n",
    "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "report.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "archive.txt": _zip_bytes(),
    "garbage.txt": b"\x80\xff\xfe\x81" * 400,
    "scripts.html": (b"<html><head><style>body{color:red}</style><script>var a=1;</script></head>"
                     b"<body><script>document.write('x')</script><style>p{}</style></body></html>"),
    "title_only.txt": "开发区招商引资大会召开\n".encode(),
    "english.html": ("<html><head><title>Suzhou park opens</title></head><body><article><p>"
                     + "The new industrial park opened on Monday, with investment from several companies "
                       "and a plan to create thousands of jobs in advanced manufacturing. " * 3
                     + "</p></article></body></html>").encode(),
    "notes.docx": b"PK\x03\x04 not an article",
}
JSONL_LINES = [
    json.dumps({"title": "芜湖经开区新签项目", "body": article("芜湖经开区新签项目", 3).split("\n", 2)[2],
                "date": "2024-05-04"}, ensure_ascii=False),  # 1 good
    '{"title": "broken", "body": "缺少结尾引号}',  # 2 broken JSON
    "",  # 3 empty: ignored, not an error
    "[1, 2, 3]",  # 4 array
    "42",  # 5 number
    '"只是一个字符串"',  # 6 string
    json.dumps({"title": "无正文的标题", "body": ""}, ensure_ascii=False),  # 7 title, no body
    json.dumps({"title": "嘉兴平湖新签约项目", "body": article("嘉兴平湖新签约项目", 7).split("\n", 2)[2]},
               ensure_ascii=False),  # 8 good
]


# JSON lines whose title, url, source or body holds a lone surrogate (JSON can escape one).
SURROGATE_LINES = [
    {"title": "台州湾新区项目签约\udc80", "body": article("x", 21).split("\n", 2)[2]},
    {"title": "台州湾新区项目开工", "url": "https://news.example.invalid/a\udc80", "source": "日报\ud83d",
     "body": article("x", 22).split("\n", 2)[2]},
    {"title": "台州湾新区项目投产", "body": article("x", 23).split("\n", 2)[2].replace("签约", "签\udc80约")},
]
# JSON lines whose url (or title) would run script if a report linked (or inlined) them.
SCRIPTED_LINES = [
    {"title": "绍兴滨海新区项目签约", "url": "javascript:alert(1)", "source": "<img src=x onerror=alert(2)>",
     "body": "6月3日，绍兴滨海新区星河新材料项目正式签约，总投资18亿元，主要生产高端膜材料。"},
    {"title": "<script>alert(3)</script>湖州南太湖新区项目开工", "url": " JaVaScRiPt:alert(4)",
     "body": "7月9日，湖州南太湖新区远航智能装备产业园项目开工建设，计划投资42亿元，建设数字化车间。"},
    {"title": "衢州智造新城项目投产", "url": "data:text/html,<script>alert(5)</script>",
     "body": "8月12日，衢州智造新城青峰锂电池项目竣工投产，项目投资25亿元，年产电芯十万组。"},
    {"title": "丽水经开区项目揭牌", "url": "https://news.example.invalid/lishui?a=1&b=2",
     "body": "9月1日，丽水经开区瓯江半导体产业园项目集中签约，首期投资9亿元，将引进芯片封装企业。"
             "园区计划三年内建成标准厂房二十万平方米。"},
]
BAD_NAME = b"bad\xff\xfe.txt"  # not UTF-8
ESC_NAME = "esc\x1b[2J\x1b[31m.txt"  # clears the screen, turns the terminal red


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bad")
    corpus = root / "corpus"
    corpus.mkdir()
    (root / "secret.txt").write_text(SECRET_MARKER, encoding="utf-8")
    for name, data in JUNK.items():
        (corpus / name).write_bytes(data)
    (corpus / "lines.jsonl").write_text("\n".join(JSONL_LINES) + "\n", encoding="utf-8")
    (corpus / "good.txt").write_text(article("长三角产业园区合作推进会举行", 1), encoding="utf-8")
    (corpus / "with space name.txt").write_text(article("南通苏锡通园区新项目开工", 2), encoding="utf-8")
    (corpus / "园区新闻 第一期.txt").write_text(article("滁州中新苏滁高新区项目签约", 4), encoding="utf-8")
    (corpus / ODD_NAME).write_text(article("宣城经开区产业合作项目落地", 5), encoding="utf-8")
    shutil.copyfile(SAMPLE, corpus / "copy_a.txt")
    shutil.copyfile(SAMPLE, corpus / "copy_b.txt")
    # paths inside the data must never be followed
    (corpus / "paths.jsonl").write_text(json.dumps({
        "title": "安庆高新区签约", "body": article("安庆高新区签约", 6).split("\n", 2)[2],
        "path": str(root / "secret.txt"), "file": "../secret.txt", "url": f"file://{root / 'secret.txt'}",
    }, ensure_ascii=False) + "\n", encoding="utf-8")
    (corpus / "paths.html").write_text(
        f"<html><head><base href='file://{root}/'><link rel='import' href='../secret.txt'></head><body>"
        f"<article><h1>马鞍山慈湖高新区项目开工</h1><p>{article('x', 8).split(chr(10), 2)[2]}</p>"
        f"<iframe src='file://{root / 'secret.txt'}'></iframe><img src='../secret.txt'>"
        f"<object data='../secret.txt'></object></article></body></html>", encoding="utf-8")
    # JSON text that escapes lone surrogates (\udc80) in every field
    (corpus / "surrogates.jsonl").write_text("\n".join(json.dumps(line) for line in SURROGATE_LINES) + "\n",
                                             encoding="ascii")
    # stored script injection: URLs a report must not turn into links, markup in a title
    (corpus / "scripted.jsonl").write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in SCRIPTED_LINES)
                                           + "\n", encoding="utf-8")
    # a file name that is not UTF-8, and one with a terminal escape sequence (empty, so it is printed)
    (corpus / os.fsdecode(BAD_NAME)).write_text(article("无效文件名", 14), encoding="utf-8")
    (corpus / ESC_NAME).write_bytes(b"")
    # links: out of the corpus (not followed), inside it (followed)
    (corpus / "secret_link.txt").symlink_to(root / "secret.txt")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "inner_link.txt").symlink_to(corpus / "sub" / "inner.txt")
    # hostile HTML: 100,000 unclosed tags around an article
    (corpus / "nested.html").write_text(
        "<html><head><title>芜湖高新区新项目投产</title></head><body>" + "<div><span>" * 50_000
        + "<p>" + article("x", 15).split("\n", 2)[2] + "</p>", encoding="utf-8")
    # long numeral runs before a currency: no amount, no infinite value, no quadratic scan
    (corpus / "numerals.txt").write_text(
        "园区项目集中签约\n2024年5月6日 来源：长三角日报\n" + article("x", 16).split("\n", 2)[2]
        + "其中项目总投资" + "一" * 16_000 + "亿元。\n另有" + "9" * 16_000 + "亿元。\n", encoding="utf-8")
    # unreadable things
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "dangling.txt").symlink_to(root / "does-not-exist.txt")
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "up").symlink_to(corpus)  # a directory loop
    (corpus / "sub" / "inner.txt").write_text(article("常州武进园区扩建", 9), encoding="utf-8")
    if not IS_ROOT:
        locked = corpus / "locked.txt"
        locked.write_text(article("无法读取", 10), encoding="utf-8")
        locked.chmod(0)
    return corpus


@pytest.fixture(scope="module")
def bad_build(bad_corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    warehouse = tmp_path_factory.mktemp("badwh") / "warehouse.duckdb"
    proc = run_cli("build", "--corpus", str(bad_corpus), "--warehouse", str(warehouse), "--workers", "1")
    yield warehouse, proc
    if not IS_ROOT:
        (bad_corpus / "locked.txt").chmod(0o644)


@pytest.fixture()
def wh(bad_build):
    con = duckdb.connect(str(bad_build[0]), read_only=True)
    yield con
    con.close()


def rejection(con, rel_path: str) -> dict | None:
    cur = con.execute("select * from raw.rejected_files where rel_path = ?", [rel_path])
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else None


def assert_rejected(con, rel_path: str, stage: str, reason_part: str) -> dict:
    row = rejection(con, rel_path)
    assert row is not None, f"{rel_path} not in raw.rejected_files"
    assert row["stage"] == stage
    assert reason_part in row["reason"]
    assert row["message"].startswith(f"{rel_path}: ") and "; " in row["message"]  # what, where; what to do
    assert row["run_id"] and row["rejected_at"] is not None
    return row


def articles_of(con, source_file: str) -> list[tuple]:
    return con.execute("select article_id, title from raw.articles where source_file = ?", [source_file]).fetchall()


# --- the build as a whole -------------------------------------------------------------

def test_build_exits_zero_and_reports_rejections(bad_build):
    _, proc = bad_build
    assert proc.returncode == 0
    summary = proc.stderr.strip().splitlines()[-1]
    rejected_files = 18 + (0 if IS_ROOT else 1)
    assert summary.startswith("build ok: ")
    assert f"rejected {rejected_files} files and 5 documents inside other files" in summary
    assert "rejected: empty.txt: empty file; remove it" in proc.stderr


def test_every_rejection_is_recorded_with_run_id(wh):
    run_ids = {r for (r,) in wh.execute("select distinct run_id from raw.rejected_files").fetchall()}
    last_run = wh.execute("select run_id from raw.ingest_runs order by finished_at desc limit 1").fetchone()[0]
    assert run_ids == {last_run}
    missing = wh.execute("select rel_path from raw.rejected_files where reason is null or message is null "
                         "or stage is null").fetchall()
    assert missing == []


def test_good_files_all_become_articles(wh):
    names = ["good.txt", "with space name.txt", "园区新闻 第一期.txt", ODD_NAME, "copy_a.txt", "copy_b.txt",
             "lines.jsonl#1", "lines.jsonl#8", "paths.jsonl#1", "paths.html", "sub/inner.txt", "inner_link.txt",
             "surrogates.jsonl#1", "surrogates.jsonl#2", "surrogates.jsonl#3", "nested.html", "numerals.txt",
             "scripted.jsonl#1", "scripted.jsonl#2", "scripted.jsonl#3", "scripted.jsonl#4"]
    got = {s for (s,) in wh.execute("select source_file from raw.articles").fetchall()}
    assert got == set(names)


# --- one test per case ------------------------------------------------------------------

def test_empty_file(wh):
    row = assert_rejected(wh, "empty.txt", "decode", "empty file")
    assert row["size_bytes"] == 0 and row["sha256"] == hashlib.sha256(b"").hexdigest()
    assert_rejected(wh, "blank.txt", "decode", "only whitespace")


@pytest.mark.parametrize(("name", "what"), [("image.txt", "PNG"), ("report.txt", "PDF"), ("archive.txt", "zip")])
def test_binary_named_txt(wh, name, what):
    row = assert_rejected(wh, name, "decode", "binary content")
    assert what in row["reason"]
    assert row["sha256"] == hashlib.sha256(JUNK[name]).hexdigest() and row["size_bytes"] == len(JUNK[name])


@pytest.mark.parametrize("name", ["image.txt", "garbage.txt", "scripts.html", "title_only.txt", "english.html"])
def test_rejected_but_readable_bytes_are_kept_with_a_rejected_note(wh, name):
    data, note = wh.execute("select raw_bytes, encoding_note from raw.files where rel_path = ?", [name]).fetchone()
    assert bytes(data) == JUNK[name]
    assert note.startswith(f"rejected: {rejection(wh, name)['reason']}")


def test_invalid_in_every_encoding(wh):
    row = assert_rejected(wh, "garbage.txt", "decode", "not UTF-8, GB18030 or Big5")
    assert "re-save it as UTF-8" in row["message"]


def test_html_only_scripts_and_styles(wh):
    assert_rejected(wh, "scripts.html", "split", "no article text found in the HTML")
    assert articles_of(wh, "scripts.html") == []


def test_deeply_nested_html_falls_back_to_the_page_text(wh):
    """100,000 unclosed tags defeat the main-content parser; the page's text is read instead."""
    assert rejection(wh, "nested.html") is None
    title, body, steps = wh.execute("select title, body_text, normalization_steps::varchar from raw.articles "
                                    "where source_file = 'nested.html'").fetchone()
    assert title == "芜湖高新区新项目投产"
    assert "合肥高新区与上海市闵行区签约共建第15号产业园" in body
    assert '"whole_page_text_used":1' in steps.replace(" ", "")


def test_lone_surrogates_in_json_are_marked_like_damaged_bytes(wh):
    rows = wh.execute("select source_file, title, source_url, source_name, body_text, "
                      "normalization_steps->>'lone_surrogates_marked' from raw.articles "
                      "where rel_path = 'surrogates.jsonl' order by line_no").fetchall()
    assert [r[0] for r in rows] == ["surrogates.jsonl#1", "surrogates.jsonl#2", "surrogates.jsonl#3"]
    assert rows[0][1] == "台州湾新区项目签约\ufffd" and rows[0][5] == "1"
    assert rows[1][2:4] == ("https://news.example.invalid/a\ufffd", "日报\ufffd") and rows[1][5] == "2"
    assert "签\ufffd约" in rows[2][4] and rows[2][5] == "1"
    assert rejection(wh, "surrogates.jsonl#1") is None


def test_file_name_that_is_not_utf8_is_rejected_and_shown_escaped(wh, bad_build):
    assert_rejected(wh, "bad\\xff\\xfe.txt", "read", "file name is not valid UTF-8")
    assert "rejected: bad\\xff\\xfe.txt: file name is not valid UTF-8; rename it" in bad_build[1].stderr


def test_escape_sequences_in_file_names_are_escaped_when_printed(wh, bad_build):
    assert_rejected(wh, ESC_NAME, "decode", "empty file")  # stored as it is named
    stderr = bad_build[1].stderr
    assert "\x1b" not in stderr
    assert "rejected: esc\\x1b[2J\\x1b[31m.txt: empty file" in stderr


def test_long_numeral_runs_are_no_amounts_and_cost_little(wh):
    rows = wh.execute("select surface_text, value from raw.mentions where source_file = 'numerals.txt' "
                      "and mention_type = 'amount' order by char_start").fetchall()
    assert rows == [("26亿元", 2.6e9), ("超过36亿元", 3.6e9)]  # only the invented article's own amounts
    assert articles_of(wh, "numerals.txt")


def test_report_links_only_http_urls_and_escapes_article_text(bad_build, tmp_path):
    out = tmp_path / "report.html"
    run_cli("report", "--warehouse", str(bad_build[0]), "--out", str(out), "--latest", "1000")
    page = out.read_text(encoding="utf-8")
    tree = lxml.html.fromstring(page)
    hrefs = [a.get("href") for a in tree.iter("a")]
    assert "https://news.example.invalid/lishui?a=1&b=2" in hrefs
    assert all(h.startswith(("https://", "http://")) for h in hrefs), hrefs
    assert not tree.xpath("//script[contains(., 'alert')]") and not tree.xpath("//img")
    text = tree.text_content()
    assert "<img src=x onerror=alert(2)>" in text  # the outlet's name, shown as text


def test_links_out_of_the_corpus_are_not_followed(wh):
    for name in ("secret_link.txt", "passwd.txt"):
        row = assert_rejected(wh, name, "read", "symbolic link to a file outside the corpus folder")
        assert "--follow-links" in row["message"]
        assert wh.execute("select count(*) from raw.files where rel_path = ?", [name]).fetchone()[0] == 0
    blobs = wh.execute("select raw_bytes from raw.files").fetchall()
    assert not any(SECRET_MARKER.encode() in bytes(b) or b"root:" in bytes(b) for (b,) in blobs)
    assert [t for _, t in articles_of(wh, "inner_link.txt")] == ["常州武进园区扩建"]  # a link inside is read


def test_jsonl_bad_lines_recorded_good_lines_load(wh):
    assert_rejected(wh, "lines.jsonl#2", "split", "not valid JSON")
    assert_rejected(wh, "lines.jsonl#4", "split", "JSON list, not an object")
    assert_rejected(wh, "lines.jsonl#5", "split", "JSON int, not an object")
    assert_rejected(wh, "lines.jsonl#6", "split", "JSON str, not an object")
    assert_rejected(wh, "lines.jsonl#7", "segment", "no article body")
    assert rejection(wh, "lines.jsonl#3") is None  # an empty line is not an error
    assert [t for _, t in articles_of(wh, "lines.jsonl#1")] == ["芜湖经开区新签项目"]
    assert [t for _, t in articles_of(wh, "lines.jsonl#8")] == ["嘉兴平湖新签约项目"]
    assert rejection(wh, "lines.jsonl") is None  # the file itself was fine


def test_thousands_of_bad_lines_are_all_recorded_and_only_the_first_printed(tmp_path):
    """A feed of 3,000 broken lines: every one is a row of raw.rejected_files, the terminal
    gets the first SHOWN_REJECTIONS and a count, and a pretty-printed one-object file is one
    document (its one rejection), not a rejection per line."""
    corpus = tmp_path / "feeds"
    corpus.mkdir()
    (corpus / "broken.jsonl").write_text("{'title': 'single quotes'}\n" * 3000, encoding="utf-8")
    (corpus / "record.json").write_text(json.dumps({"title": "只有标题没有正文", "tags": ["甲", "乙"]},
                                                   ensure_ascii=False, indent=2), encoding="utf-8")
    (corpus / "ok.txt").write_text(article("无锡高新区签约", 13), encoding="utf-8")
    warehouse = tmp_path / "ingested.duckdb"
    proc = run_cli("ingest", "--corpus", str(corpus), "--warehouse", str(warehouse), "--workers", "1")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        counts = dict(con.execute("select split_part(rel_path, '#', 1), count(*) from raw.rejected_files "
                                  "group by 1").fetchall())
    finally:
        con.close()
    assert counts == {"broken.jsonl": 3000, "record.json": 1}
    printed = [line for line in proc.stderr.splitlines() if line.startswith("rejected: ")]
    assert len(printed) == SHOWN_REJECTIONS + 1
    assert printed[-1] == f"rejected: ... and {3001 - SHOWN_REJECTIONS} more; every rejection is a row of raw.rejected_files"


def test_title_without_body(wh):
    row = assert_rejected(wh, "title_only.txt", "segment", "no article body found")
    assert "title: 开发区招商引资大会召开" in row["message"]


def test_non_chinese_page_is_rejected_with_reason(wh):
    row = assert_rejected(wh, "english.html", "segment", "not Chinese text")
    assert "Chinese news only" in row["message"]


def test_same_file_under_two_names(wh):
    (a,), (b,) = articles_of(wh, "copy_a.txt")[:1], articles_of(wh, "copy_b.txt")[:1]
    assert a[0] == b[0]
    rows = wh.execute("select source_file, copy_count from marts.dim_article where article_id = ?", [a[0]]).fetchall()
    assert rows == [("copy_a.txt", 2)]
    assert wh.execute("select count(*) from raw.files where rel_path in ('copy_a.txt', 'copy_b.txt')").fetchone()[0] == 2


@pytest.mark.parametrize(("name", "title"), [
    ("with space name.txt", "南通苏锡通园区新项目开工"),
    ("园区新闻 第一期.txt", "滁州中新苏滁高新区项目签约"),
    (ODD_NAME, "宣城经开区产业合作项目落地"),
])
def test_odd_file_names(wh, name, title):
    assert [t for _, t in articles_of(wh, name)] == [title]
    assert wh.execute("select count(*) from marts.dim_article where source_file = ?", [name]).fetchone()[0] == 1


def test_unreadable_fifo(wh):
    """A named pipe would block a reader forever: it is rejected without being opened."""
    assert_rejected(wh, "pipe.txt", "read", "named pipe (FIFO)")


def test_unreadable_dangling_symlink(wh):
    assert_rejected(wh, "dangling.txt", "read", "broken symbolic link")


@pytest.mark.skipif(IS_ROOT, reason="root reads chmod 000 files; the FIFO and dangling-link tests cover the path")
def test_unreadable_permissions(wh):
    row = assert_rejected(wh, "locked.txt", "read", "cannot be read (Permission denied)")
    assert "chmod" in row["message"]


def test_permission_error_is_rejected_not_raised(tmp_path):
    """The PermissionError path, reachable even as root: a directory named like an article."""
    from ingest.process import process_file

    (tmp_path / "folder.txt").mkdir()
    result = process_file(tmp_path / "folder.txt", "folder.txt")
    assert [(r["stage"], r["reason"]) for r in result.rejected] == [
        ("read", "is a directory, or a link to one that cannot be listed or is not followed")]


def test_symlink_loops(wh):
    assert_rejected(wh, "loop.txt", "read", "symbolic link loop")
    assert_rejected(wh, "sub/up", "read", "symbolic link to a directory")
    assert articles_of(wh, "sub/up/inner.txt") == []


def test_unsupported_type(wh):
    assert_rejected(wh, "notes.docx", "read", "unsupported file type '.docx'")


def test_paths_in_data_are_never_followed(wh):
    texts = wh.execute("select coalesce(body_text, '') || coalesce(title, '') from raw.articles").fetchall()
    assert texts and not any(SECRET_MARKER in t for (t,) in texts)
    files = wh.execute("select raw_bytes from raw.files").fetchall()
    assert files and not any(SECRET_MARKER.encode() in b for (b,) in files)
    assert [t for _, t in articles_of(wh, "paths.jsonl#1")] == ["安庆高新区签约"]


# --- whole-run behaviour ------------------------------------------------------------------

def test_all_files_rejected_fails_and_keeps_nothing(tmp_path):
    corpus = tmp_path / "junk"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(b"")
    (corpus / "b.txt").write_bytes(JUNK["image.txt"])
    warehouse = tmp_path / "w.duckdb"
    proc = run_cli("build", "--corpus", str(corpus), "--warehouse", str(warehouse), check=False)
    assert proc.returncode == 1
    assert "every one of the 2 files was rejected" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not warehouse.exists() and list(tmp_path.glob("w.duckdb.building-*")) == []


def test_rejections_survive_incremental_ingest(tmp_path):
    """A second ingest of an unchanged corpus records the same rejections (files with one are redone)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text(article("苏州工业园区项目签约", 11), encoding="utf-8")
    (corpus / "lines.jsonl").write_text("\n".join(JSONL_LINES), encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    warehouse = tmp_path / "ingested.duckdb"
    first = run_cli("ingest", "--corpus", str(corpus), "--warehouse", str(warehouse), "--workers", "1")
    second = run_cli("ingest", "--corpus", str(corpus), "--warehouse", str(warehouse), "--workers", "1")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rejected = sorted(p for (p,) in con.execute("select rel_path from raw.rejected_files").fetchall())
        articles = con.execute("select count(*) from raw.articles").fetchone()[0]
    finally:
        con.close()
    assert rejected == ["empty.txt", "lines.jsonl#2", "lines.jsonl#4", "lines.jsonl#5", "lines.jsonl#6",
                        "lines.jsonl#7"]
    assert articles == 3
    assert "unchanged 1" in second.stderr and "rejected 1" in first.stderr


def test_fifty_megabyte_file_is_rejected_quickly_with_bytes_kept(tmp_path):
    """50 MB of text is no single article: rejected at split (over MAX_DOCUMENT_CHARS), bytes kept."""
    corpus = tmp_path / "big"
    corpus.mkdir()
    line = article("长三角一体化示范区项目集中开工", 12).encode()
    data = line * (50 * 1024 * 1024 // len(line) + 1)
    (corpus / "huge.txt").write_bytes(data)
    (corpus / "ok.txt").write_text(article("无锡高新区签约", 13), encoding="utf-8")
    warehouse = tmp_path / "ingested.duckdb"
    proc = run_cli("ingest", "--corpus", str(corpus), "--warehouse", str(warehouse), "--workers", "1")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        row = rejection(con, "huge.txt")
        kept = con.execute("select size_bytes, octet_length(raw_bytes), sha256 from raw.files "
                           "where rel_path = 'huge.txt'").fetchone()
        assert con.execute("select count(*) from raw.articles").fetchone()[0] == 1
    finally:
        con.close()
    assert len(data) > 50 * 1024 * 1024
    assert row["stage"] == "split" and f"over the {MAX_DOCUMENT_CHARS} character limit" in row["reason"]
    assert "split it into one file per article" in row["message"]
    assert kept == (len(data), len(data), hashlib.sha256(data).hexdigest())
    assert "rejected 1" in proc.stderr


def test_ten_thousand_tiny_files(tmp_path):
    corpus = tmp_path / "many"
    for i in range(10_000):
        folder = corpus / f"d{i // 1000}"
        if i % 1000 == 0:
            folder.mkdir(parents=True)
        (folder / f"{i:05d}.txt").write_text(article(f"第{i}号园区项目开工", i), encoding="utf-8")
    warehouse = tmp_path / "ingested.duckdb"
    proc = run_cli("ingest", "--corpus", str(corpus), "--warehouse", str(warehouse))
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        files, articles = con.execute("select (select count(*) from raw.files), "
                                      "(select count(*) from raw.articles)").fetchone()
        rejected = con.execute("select count(*) from raw.rejected_files").fetchone()[0]
    finally:
        con.close()
    assert (files, articles, rejected) == (10_000, 10_000, 0)
    assert "files read 10000, ingested 10000" in proc.stderr


@pytest.mark.parametrize("name", ["raw.duckdb", "marts.duckdb", "Staging.db"])
def test_warehouse_named_like_a_schema_is_refused_clearly(tmp_path, name):
    proc = run_cli("ingest", "--corpus", str(CORPUS), "--warehouse", str(tmp_path / name), check=False)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "choose another file name" in proc.stderr


@pytest.mark.parametrize(("content", "what"), [(b"x\n", "it starts with b'x\\n'"), (b"", "it is empty"),
                                               (b"SQLite format 3\x00" + bytes(100), "an SQLite database")])
def test_warehouse_path_holding_another_file_is_refused_and_left_alone(tmp_path, content, what):
    warehouse = tmp_path / "W.duckdb"
    warehouse.write_bytes(content)
    for command in ("build", "ingest"):
        proc = run_cli(command, "--corpus", str(CORPUS), "--warehouse", str(warehouse), check=False)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        assert f"{warehouse}: not a DuckDB database ({what}); parkmart leaves it alone" in proc.stderr
    assert warehouse.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["W.duckdb"]


def test_follow_links_reads_a_link_out_of_the_corpus(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text(article("南京江北新区项目签约", 17), encoding="utf-8")
    (corpus / "good.txt").write_text(article("苏州工业园区项目签约", 18), encoding="utf-8")
    (corpus / "link.txt").symlink_to(outside)
    warehouse = tmp_path / "ingested.duckdb"
    run_cli("ingest", "--corpus", str(corpus), "--warehouse", str(warehouse), "--workers", "1")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert rejection(con, "link.txt")["stage"] == "read"
    finally:
        con.close()
    run_cli("ingest", "--corpus", str(corpus), "--warehouse", str(warehouse), "--workers", "1", "--follow-links")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        assert rejection(con, "link.txt") is None
        assert [t for _, t in articles_of(con, "link.txt")] == ["南京江北新区项目签约"]
    finally:
        con.close()
    run_cli("ingest", "--corpus", str(corpus), "--warehouse", str(warehouse), "--workers", "1")
    con = duckdb.connect(str(warehouse), read_only=True)
    try:  # without the flag again: the link's rows from the run that followed it are gone
        assert articles_of(con, "link.txt") == [] and rejection(con, "link.txt")["stage"] == "read"
    finally:
        con.close()
