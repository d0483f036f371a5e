"""Split one decoded file into its documents: the whole of a .txt or .html file, one per
JSON line (or element of a top-level array) of a .json/.jsonl file.
"""

from __future__ import annotations

import json

from ingest.read.decode import Decoded
from ingest.read.document import Document
from ingest.read.files import HTML_SUFFIXES, JSON_SUFFIXES, InputFile, content_suffix
from ingest.read.html import html_document

# JSON fields that may hold each article attribute, first match wins.
JSON_FIELDS = {
    "title": ("title", "headline", "标题"),
    "body": ("body", "content", "text", "article", "正文", "内容"),
    "url": ("url", "source_url", "link", "原文地址"),
    "published_at": ("published_at", "published", "date", "pub_date", "publish_time", "time", "发布时间"),
    "source_name": ("source", "source_name", "outlet", "site", "来源"),
}


def split_documents(file: InputFile, decoded: Decoded) -> list[Document]:
    """Turn one decoded file into its documents according to its suffix."""
    suffix = content_suffix(file.rel_path)
    if suffix in HTML_SUFFIXES:
        return [html_document(file.rel_path, decoded.text)]
    if suffix in JSON_SUFFIXES:
        return json_documents(file.rel_path, decoded.text)
    return [Document(file.rel_path, "text", decoded.text)]


def json_documents(rel_path: str, text: str) -> list[Document]:
    """One document per JSON line (or per element of a top-level JSON array).

    Lines that are empty are ignored; lines that are not JSON objects or carry no body are
    reported as InputFileError with ``#<line>`` in the path, and the other lines still load.
    """
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError:
            items = None
        if isinstance(items, list):
            lines = [(i + 1, item) for i, item in enumerate(items)]
            return [_json_item(rel_path, n, item) for n, item in lines]
    documents: list[Document] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            documents.append(_bad_line(rel_path, number, f"line is not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        documents.append(_json_item(rel_path, number, item))
    return documents


def _bad_line(rel_path: str, number: int, reason: str) -> Document:
    return Document(f"{rel_path}#{number}", "json", "", meta={"error": reason})


def _json_item(rel_path: str, number: int, item: object) -> Document:
    name = f"{rel_path}#{number}"
    if not isinstance(item, dict):
        return _bad_line(rel_path, number, f"line is a JSON {type(item).__name__}, not an object")
    values = {key: _first_field(item, names) for key, names in JSON_FIELDS.items()}
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
    return doc


def _first_field(item: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = item.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, (int, float)) and not isinstance(value, bool) and name in ("date", "published_at"):
            return str(value)
    return None
