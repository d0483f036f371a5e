"""Find input files, read their bytes, decode them and split them into documents.

A *file* is what the crawler saved; a *document* is one article candidate inside it
(the whole of a .txt or .html file, or one line of a .jsonl file). Every file read is
returned with its bytes, so that the raw layer keeps exactly what it was given.
"""

from __future__ import annotations

import codecs
import errno
import gzip
import hashlib
import io
import json
import os
import stat
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ingest.errors import InputFileError

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
JSON_SUFFIXES = {".jsonl", ".json", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
MAX_FILE_BYTES = 64 * 1024 * 1024

# Encodings compared when the bytes are not valid UTF-8 (order breaks ties), and the
# family each is recorded under (cp950 is Microsoft's superset of Big5).
CANDIDATE_ENCODINGS = ("utf-8", "gb18030", "big5", "cp950")
ENCODING_FAMILY = {"utf-8": "utf-8", "gb18030": "gb18030", "big5": "big5", "cp950": "big5"}
# A genuine news page scores about 0.93 or more in ``plausibility``; garbage about 0.35.
PLAUSIBLE = 0.85
# The lead over the runner-up (another family) that makes a decision certain.
DECISIVE_MARGIN = 0.3
# Confidence under which the encoding note says the choice is unsure.
UNSURE_BELOW = 0.8
# Magic numbers of binary formats that are sometimes saved under a text name.
BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a zip archive",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"\x1f\x8b": "gzip data (name the file *.gz to have it unpacked)",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
    b"SQLite format 3\x00": "an SQLite database",
    b"RIFF": "a RIFF media file (WebP, WAV, AVI)",
}
# JSON fields that may hold each article attribute, first match wins.
JSON_FIELDS = {
    "title": ("title", "headline", "标题"),
    "body": ("body", "content", "text", "article", "正文", "内容"),
    "url": ("url", "source_url", "link", "原文地址"),
    "published_at": ("published_at", "published", "date", "pub_date", "publish_time", "time", "发布时间"),
    "source_name": ("source", "source_name", "outlet", "site", "来源"),
}


@dataclass
class InputFile:
    """One file found under the corpus directory, with its bytes."""

    path: Path
    rel_path: str
    data: bytes
    sha256: str
    compressed: bool = False

    @property
    def size_bytes(self) -> int:
        return len(self.data)


@dataclass
class Decoded:
    """Text decoded from bytes, with how sure we are of the encoding."""

    text: str
    encoding: str
    confidence: float
    note: str = ""


@dataclass
class Document:
    """One article candidate: text plus whatever metadata the container carried."""

    source_file: str
    kind: str  # 'text' | 'html' | 'json'
    text: str
    title: str | None = None
    published_at: str | None = None
    source_url: str | None = None
    source_name: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


def iter_files(corpus: Path) -> Iterator[tuple[Path, str]]:
    """Yield (path, path relative to corpus) for every entry under corpus to read, sorted.

    Directories are walked without following symbolic links, so a link loop cannot trap
    the walk; a link to a directory is yielded like a file, for ``read_file`` to reject
    and record. Links to files are read like files. Hidden files and folders (starting
    with a dot) are skipped. A folder that cannot be listed is yielded for the same reason.
    """
    corpus = corpus.resolve()
    unlistable: list[str] = []

    def drain() -> Iterator[tuple[Path, str]]:
        while unlistable:
            path = Path(unlistable.pop())
            if path != corpus:
                yield path, path.relative_to(corpus).as_posix()

    for root, dirs, files in os.walk(corpus, followlinks=False,
                                     onerror=lambda exc: unlistable.append(exc.filename)):
        yield from drain()
        links = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in links)
        for name in sorted(files + links):
            if name.startswith("."):
                continue
            path = Path(root) / name
            yield path, path.relative_to(corpus).as_posix()
    yield from drain()


def _stat_error(exc: OSError, rel_path: str) -> InputFileError:
    """What an OSError from stat/open/read means for an input file, and what to do."""
    if exc.errno == errno.ELOOP:
        return InputFileError(rel_path, "read", "symbolic link loop (the link points back to itself)",
                              "remove the link or point it at a real file")
    if exc.errno == errno.ENOENT:
        return InputFileError(rel_path, "read", "broken symbolic link (or the file vanished while reading)",
                              "fix or remove the link")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputFileError(rel_path, "read", f"cannot be read ({exc.strerror})",
                              "check its permissions (chmod a+r) or remove it")
    if exc.errno == errno.EISDIR:
        return InputFileError(rel_path, "read", "is a directory that cannot be listed",
                              "check its permissions (chmod a+rx) or remove it")
    return InputFileError(rel_path, "read", f"cannot be read ({exc.strerror or exc})",
                          "check that the file exists and is a regular file")


def _not_regular(mode: int) -> str | None:
    """Why a file of this stat mode cannot be read as an article, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, or a link to one that cannot be listed or is not followed"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is a device or other special file, not a regular file"


def _read_capped(fd: int, limit: int) -> tuple[bytes, str, int]:
    """Read at most ``limit`` bytes; also return the sha256 and size of the whole file."""
    digest = hashlib.sha256()
    chunks: list[bytes] = []
    size = 0
    while chunk := os.read(fd, 1 << 20):
        digest.update(chunk)
        size += len(chunk)
        if size <= limit:
            chunks.append(chunk)
    return (b"".join(chunks) if size <= limit else b""), digest.hexdigest(), size


def read_file(path: Path, rel_path: str) -> InputFile:
    """Read one file's bytes (gunzipping ``*.gz``) or raise InputFileError.

    Only regular files are opened (a FIFO would block, a device never end); the file is
    opened non-blocking and re-checked after opening, so a swap after the check cannot
    slip one in. Files over MAX_FILE_BYTES (on disk or after gunzip) are not kept.
    """
    try:
        if path.is_symlink() and stat.S_ISDIR(os.stat(path).st_mode):
            raise InputFileError(rel_path, "read", "symbolic link to a directory; links to folders are not followed",
                                 "copy or move the folder into the corpus instead of linking it")
        reason = _not_regular(os.stat(path).st_mode)
        if reason:
            raise InputFileError(rel_path, "read", reason, "remove it from the corpus")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            info = os.fstat(fd)
            reason = _not_regular(info.st_mode)
            if reason:
                raise InputFileError(rel_path, "read", reason, "remove it from the corpus")
            data, sha, size = _read_capped(fd, MAX_FILE_BYTES)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _stat_error(exc, rel_path) from exc
    if size > MAX_FILE_BYTES:
        raise InputFileError(rel_path, "read", f"file is {size} bytes, over the {MAX_FILE_BYTES} byte limit",
                             "split it into one file per article (or JSONL files under the limit)", sha, size)
    compressed = False
    if rel_path.lower().endswith(".gz"):
        data = _gunzip(data, rel_path, sha, size)
        compressed = True
    return InputFile(path, rel_path, data, sha, compressed)


def _gunzip(data: bytes, rel_path: str, sha: str, size: int) -> bytes:
    """Decompress gzip bytes, refusing output over MAX_FILE_BYTES (a gzip bomb)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputFileError(rel_path, "read", f"not a valid gzip file ({exc})",
                             "re-download it or remove the .gz suffix", sha, size) from exc
    if len(out) > MAX_FILE_BYTES:
        raise InputFileError(rel_path, "read", f"decompresses to over {MAX_FILE_BYTES} bytes",
                             "split it into smaller files", sha, size)
    return out


def content_suffix(rel_path: str) -> str:
    """The suffix that says how to read a file, looking through ``.gz``.

    >>> content_suffix("a/b.JSONL.gz")
    '.jsonl'
    """
    name = rel_path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[1]


def decode(data: bytes, rel_path: str) -> Decoded:
    """Decode bytes as UTF-8 (BOM or not), GB18030 or Big5, or raise InputFileError.

    Valid UTF-8 with non-ASCII text is taken at once. Otherwise every candidate encoding
    decodes the bytes (damaged bytes become U+FFFD) and the one whose text is the most
    plausible Chinese wins: the share of common characters (see ``plausibility``). A Big5
    page decodes without error as GB18030 too, but into rare characters, kana and
    Cyrillic, so it loses. ``confidence`` falls when the winner is barely ahead of the
    runner-up or not plausible itself, and ``note`` then says so.

    >>> decode("蘇州高新區舉行推介會，簽約項目十二個。".encode("big5"), "x.txt").encoding
    'big5'
    """
    if not data.strip():
        reason = "empty file" if not data else f"only whitespace ({len(data)} bytes)"
        raise InputFileError(rel_path, "decode", reason, "remove it, or re-save the page with its text")
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputFileError(rel_path, "decode", f"binary content ({what}), not text",
                                 "remove it from the corpus or save the page as text or HTML")
    if data.startswith(codecs.BOM_UTF8):
        return _decode_lenient(data[len(codecs.BOM_UTF8):], "utf-8", rel_path, 1.0, "UTF-8 byte order mark")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_lenient(data, "utf-16", rel_path, 1.0, "UTF-16 byte order mark")
    if b"\x00" in data[:4096]:
        raise InputFileError(rel_path, "decode", "binary content (NUL bytes), not text",
                             "remove it from the corpus or save the page as text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return Decoded(text, "utf-8", 1.0)
    scored = sorted(
        (_candidate(data, encoding) for encoding in CANDIDATE_ENCODINGS),
        key=lambda c: (-c[0], CANDIDATE_ENCODINGS.index(c[1])),
    )
    score, encoding, text, damaged = scored[0]
    runner_up = next((c for c in scored[1:] if ENCODING_FAMILY[c[1]] != ENCODING_FAMILY[encoding]), None)
    second = runner_up[0] if runner_up else 0.0
    confidence = round(min(1.0, score / PLAUSIBLE) * min(1.0, (score - second) / DECISIVE_MARGIN), 3)
    notes = []
    if damaged:
        limit = max(8, len(text) // 100)
        if damaged > limit:
            first = _first_bad_byte(data, encoding)
            raise InputFileError(
                rel_path, "decode",
                f"not UTF-8, GB18030 or Big5 (byte 0x{data[first]:02x} at offset {first}; "
                f"{damaged} undecodable runs even as {ENCODING_FAMILY[encoding]})",
                "re-save it as UTF-8, or remove it if it is not a text page",
            )
        notes.append(f"{damaged} undecodable byte run(s) replaced by U+FFFD")
        confidence = min(confidence, 0.6)
    if confidence < UNSURE_BELOW:
        notes.append(
            f"unsure: {ENCODING_FAMILY[encoding]} plausibility {score:.2f}"
            + (f", next {ENCODING_FAMILY[runner_up[1]]} {second:.2f}" if runner_up else "")
            + "; check the page's encoding"
        )
    return Decoded(text, ENCODING_FAMILY[encoding], confidence, "; ".join(notes))


def _candidate(data: bytes, encoding: str) -> tuple[float, str, str, int]:
    """(plausibility, encoding, text, damaged runs) of one lenient decoding."""
    text = data.decode(encoding, errors="replace")
    damaged = text.count("\ufffd")
    return plausibility(text, damaged), encoding, text, damaged


@lru_cache(maxsize=1)
def load_common_chars() -> frozenset[str]:
    """The 3,755 most used Chinese characters (GB 2312 level 1) in both scripts.

    Built from the codec tables of the Python standard library (GB 2312 rows 16-55) and
    their traditional forms from OpenCC (s2t and s2twp), about 5,000 characters.
    """
    from ingest.normalize import load_converters

    level1 = []
    for high in range(0xB0, 0xD8):
        for low in range(0xA1, 0xFF):
            try:
                level1.append(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    simplified = "".join(level1)
    _t2s, s2t = load_converters()
    return frozenset(simplified) | frozenset(s2t.convert(simplified))


def plausibility(text: str, damaged: int = 0) -> float:
    """Share of common Chinese characters among non-ASCII letters (damaged bytes count against).

    Punctuation, symbols and spaces are neutral; text without non-ASCII letters scores 1.

    >>> plausibility("园区开园，总投资1亿元。")
    1.0
    >>> plausibility("默蔼穝跋羭︽崩ざ穦帽兜ヘ羆щ戈き货じ")  # Big5 bytes read as GB18030
    0.471
    """
    common = load_common_chars()
    letters = hits = 0
    for c, n in Counter(text).items():  # each distinct character once
        if not c.isascii() and c != "\ufffd" and unicodedata.category(c)[0] not in "PSZC":
            letters += n
            hits += n if c in common else 0
    if not letters and not damaged:
        return 1.0
    return round(hits / (letters + damaged), 3)


def _decode_lenient(data: bytes, encoding: str, rel_path: str, confidence: float, why: str) -> Decoded:
    text = data.decode(encoding, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    damaged = text.count("\ufffd")
    if damaged and damaged > max(8, len(text) // 100):
        first = _first_bad_byte(data, encoding)
        raise InputFileError(
            rel_path, "decode",
            f"{why}, but not valid {encoding} (byte 0x{data[first]:02x} at offset {first})",
            "re-save it as UTF-8, or remove it if it is not a text page",
        )
    notes = [why]
    if damaged:
        notes.append(f"{damaged} undecodable byte run(s) replaced by U+FFFD")
    return Decoded(text, encoding, confidence if not damaged else min(confidence, 0.6), "; ".join(notes))


def _first_bad_byte(data: bytes, encoding: str) -> int:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


def split_documents(file: InputFile, decoded: Decoded) -> list[Document]:
    """Turn one decoded file into its documents according to its suffix."""
    suffix = content_suffix(file.rel_path)
    if suffix in HTML_SUFFIXES:
        from ingest.html import html_document

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
        from ingest.html import html_document

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
