"""Split one decoded file into its documents: the whole of a .txt or .html file, one per
JSON line (or element of a top-level array, or the file's one JSON object) of a .json/.jsonl file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ingest.read.decode import Decoded
from ingest.read.document import Document
from ingest.read.files import HTML_SUFFIXES, JSON_SUFFIXES, InputFile, content_suffix
from ingest.read.html import html_document
from ingest.text import mark_surrogates

# JSON fields that may hold each article attribute, first match wins.
JSON_FIELDS = {
    "title": ("title", "headline", "标题"),
    "body": ("body", "content", "text", "article", "正文", "内容"),
    "url": ("url", "source_url", "link", "原文地址"),
    "published_at": ("published_at", "published", "date", "pub_date", "publish_time", "time", "发布时间"),
    "source_name": ("source", "source_name", "outlet", "site", "来源"),
}


def split_documents(file: InputFile, decoded: Decoded) -> Iterator[Document]:
    """The documents of one decoded file according to its suffix, one at a time."""
    suffix = content_suffix(file.rel_path)
    if suffix in HTML_SUFFIXES:
        yield html_document(file.rel_path, decoded.text)
    elif suffix in JSON_SUFFIXES:
        yield from json_documents(file.rel_path, decoded.text)
    else:
        yield Document(file.rel_path, "text", decoded.text)


def json_documents(rel_path: str, text: str) -> Iterator[Document]:
    """One document per JSON line (or per element of a top-level JSON array, or the one
    document of a file that is a single JSON object, however it is spread over lines), as
    they come.

    Lines are read one at a time, so a large file never exists as a list of lines and of
    documents at once. Lines end at a line feed only (a JSON string may hold U+2028).
    Lines that are empty are ignored; lines that are not JSON objects or carry no body are
    reported as InputFileError with ``#<line>`` in the path, and the other lines still load.
    """
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):
        try:  # JSON lines fail here at the end of their first line: "Extra data"
            whole = json.loads(stripped)
        except json.JSONDecodeError:
            whole = None
        if isinstance(whole, list):
            for number, item in enumerate(whole, start=1):
                yield _json_item(rel_path, number, item)
            return
        if isinstance(whole, dict):
            yield _json_item(rel_path, 1, whole)
            return
    for number, line in enumerate(_lines(text), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _bad_line(rel_path, number, f"line is not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        yield _json_item(rel_path, number, item)


def _lines(text: str) -> Iterator[str]:
    r"""The lines of ``text`` split at line feeds (a trailing carriage return dropped), lazily.

    >>> list(_lines("a\r\nb\u2028c\n\nd"))
    ['a', 'b\u2028c', '', 'd']
    """
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        yield text[start:end].removesuffix("\r")
        start = end + 1


def _bad_line(rel_path: str, number: int, reason: str) -> Document:
    return Document(f"{rel_path}#{number}", "json", "", meta={"error": reason})


def _json_item(rel_path: str, number: int, item: object) -> Document:
    name = f"{rel_path}#{number}"
    if not isinstance(item, dict):
        return _bad_line(rel_path, number, f"line is a JSON {type(item).__name__}, not an object")
    values: dict[str, str | None] = {}
    marked = 0
    for key, names in JSON_FIELDS.items():
        value = _first_field(item, names)
        if value is not None:  # JSON can escape a lone surrogate, which no text column can store
            value, n = mark_surrogates(value)
            marked += n
        values[key] = value
    body = values["body"] or ""
    if body.lstrip().startswith("<"):
        doc = html_document(name, body)
        doc.kind = "json"
    else:
        doc = Document(name, "json", body)
    doc.title = values["title"] or doc.title
    doc.published_at = values["published_at"] or doc.published_at
    doc.source_url = values["url"] or doc.source_url
    doc.source_name = values["source_name"] or doc.source_name
    if marked:
        doc.meta["lone_surrogates_marked"] = str(marked)
    return doc


def _first_field(item: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = item.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, (int, float)) and not isinstance(value, bool) and name in ("date", "published_at"):
            return str(value)
    return None
