"""Decode a file's bytes: UTF-8, GB18030 or Big5, chosen by how plausible the Chinese is.

Failures are ``InputFileError`` at stage ``decode``.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ingest.errors import InputFileError
from ingest.normalize import load_converters

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


@dataclass
class Decoded:
    """Text decoded from bytes, with how sure we are of the encoding."""

    text: str
    encoding: str
    confidence: float
    note: str = ""



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
