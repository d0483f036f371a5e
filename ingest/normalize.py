"""Normalise decoded text: lone surrogates, pinyin glosses, damaged bytes, script, width, whitespace.

Every step returns the new text and is recorded by name with a count in
``Normalized.steps``, which lands in ``raw.articles.normalization_steps`` so analysts
can see what was done to each article. All later character offsets refer to the text
this module returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ingest.text import DAMAGE, HAN_LETTERS, mark_surrogates

# A pinyin gloss a broken converter put after a character: 區(qū), 發(fā), 關（guān）.
PINYIN_GLOSS = re.compile(
    rf"(?<=[{HAN_LETTERS}])[(（]"
    r"[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*"
    r"[)）]"
)
# Runs of question marks that stand for lost characters: two or more, or one between
# Chinese characters/digits that does not follow a question particle (吗, 呢 …).
QUESTION_RUN = re.compile(rf"\?{{2,}}|(?<=[{HAN_LETTERS}])(?<![吗呢么吧啊嘛])\?(?=[{HAN_LETTERS}\d])")
# Classic mojibake: 锟斤拷 (U+FFFD saved as GBK and read back), 烫烫/屯屯 (uninitialised
# buffers), and UTF-8 bytes read as Latin-1/cp1252 (ä¸­ for 中).
MOJIBAKE = re.compile(
    r"(?:锟斤拷)+|烫{2,}|屯{2,}"
    r"|(?:[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,2})+"
)
# One damage mark.
DAMAGE_CHAR = re.compile(DAMAGE)
# Runs of damage marks.
DAMAGE_RUN = re.compile(DAMAGE + "+")
# Everything that is not a Han character of the basic and extension-A blocks.
NOT_HAN = re.compile(f"[^{HAN_LETTERS}]+")
# A character that can begin a MOJIBAKE match (a cheap test before the costly pattern).
MOJIBAKE_START = re.compile(r"[锟烫屯\u00c2-\u00ef]")
# Horizontal white space runs (tabs, ideographic and no-break spaces included).
SPACE_RUN = re.compile(r"[ \t\u3000\u00a0\u2002-\u200b]+")
# Zero-width and control characters that carry nothing.
INVISIBLE = re.compile(r"[\u200c-\u200f\u2028\u2029\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Full-width forms kept as they are: Chinese sentence punctuation (，：；！？).
KEEP_FULLWIDTH = set("，：；！？")
FULLWIDTH_TABLE = {
    code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code) not in KEEP_FULLWIDTH
}
# One full-width form that ``to_halfwidth`` converts.
FULLWIDTH_CHAR = re.compile("[" + "".join(re.escape(chr(code)) for code in FULLWIDTH_TABLE) + "]")


@dataclass
class Normalized:
    text: str
    script: str  # 'simplified' | 'traditional' | 'mixed'
    steps: dict[str, int] = field(default_factory=dict)


@lru_cache(maxsize=1)
def load_converters():
    """OpenCC converters (traditional->simplified, simplified->traditional), built once."""
    import opencc

    return opencc.OpenCC("t2s.json"), opencc.OpenCC("s2t.json")


def remove_pinyin_glosses(text: str) -> tuple[str, int]:
    """Drop pinyin glosses after characters.

    >>> remove_pinyin_glosses("蘇州高新區(qū)發(fā)布")
    ('蘇州高新區發布', 2)
    """
    if "(" not in text and "（" not in text:
        return text, 0
    return PINYIN_GLOSS.subn("", text)


def _is_common(ch: str) -> bool:
    """True for characters a Chinese news page plausibly contains (GB2312 or Big5)."""
    if ch.isascii():
        return True
    for encoding in ("gb2312", "big5"):
        try:
            ch.encode(encoding)
            return True
        except UnicodeEncodeError:
            continue
    return False


def mark_damage(text: str) -> tuple[str, int]:
    """Replace damaged runs with U+FFFD, one for one, so nothing is read across them.

    A damaged run is U+FFFD, question marks standing for lost characters, classic
    mojibake (锟斤拷, UTF-8 read as Latin-1), and the rare characters or stray Latin
    letters glued to them (mojibake from misaligned bytes).

    >>> mark_damage("舉行??傆嬘?2個項目")[0]
    '舉行\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd2個項目'
    """
    if MOJIBAKE_START.search(text):
        text = MOJIBAKE.sub(lambda m: DAMAGE * len(m.group()), text)
    if "?" in text:
        text = QUESTION_RUN.sub(lambda m: DAMAGE * len(m.group()), text)
    if DAMAGE not in text:
        return text, 0
    chars = list(text)
    damaged = [m.start() for m in DAMAGE_CHAR.finditer(text)]
    for start in damaged:
        for step in (-1, 1):
            i = start + step
            while 0 <= i < len(chars) and chars[i] != DAMAGE and (
                not _is_common(chars[i]) or (chars[i].isascii() and chars[i].isalpha())
            ):
                chars[i] = DAMAGE
                i += step
    out = "".join(chars)
    runs = len(DAMAGE_RUN.findall(out))
    return out, runs


def detect_script(text: str) -> tuple[str, int]:
    """Classify the Han text as simplified, traditional or mixed; also return how many
    characters are traditional forms.

    Counts characters that change under traditional->simplified conversion (traditional
    forms) and, only when there are some, under simplified->traditional (simplified forms).

    >>> detect_script("蘇州高新區發布")
    ('traditional', 3)
    """
    han = NOT_HAN.sub("", text)
    if not han:
        return "simplified", 0
    t2s, s2t = load_converters()
    traditional = _changed(han, t2s.convert(han))
    if traditional == 0:
        return "simplified", 0
    simplified = _changed(han, s2t.convert(han))
    if simplified == 0 or traditional >= 4 * simplified:
        return "traditional", traditional
    if simplified >= 4 * traditional:
        return "simplified", traditional
    return "mixed", traditional


def _changed(before: str, after: str) -> int:
    """Positions where two texts differ, over the length of the shorter one.

    >>> _changed("园区發布", "园区发布会")
    1
    """
    if before == after:
        return 0
    n = min(len(before), len(after))
    a = np.frombuffer(before[:n].encode("utf-32-le"), dtype=np.uint32)
    b = np.frombuffer(after[:n].encode("utf-32-le"), dtype=np.uint32)
    return int(np.count_nonzero(a != b))


def to_halfwidth(text: str) -> tuple[str, int]:
    """Full-width digits, letters and symbols to ASCII (Chinese punctuation kept).

    >>> to_halfwidth("总投资９.５亿元（一期）")
    ('总投资9.5亿元(一期)', 4)
    """
    changed = len(FULLWIDTH_CHAR.findall(text))
    return (text.translate(FULLWIDTH_TABLE), changed) if changed else (text, 0)


def normalize_whitespace(text: str) -> str:
    """One space for every horizontal run, lines stripped, at most one blank line."""
    text = INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [SPACE_RUN.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def normalize(text: str) -> Normalized:
    """Run every normalisation step in order and record what each changed."""
    steps: dict[str, int] = {}
    text, n = mark_surrogates(text)  # damage that JSON can carry: treated like damaged bytes below
    steps["lone_surrogates_marked"] = n
    text, n = remove_pinyin_glosses(text)
    steps["pinyin_glosses_removed"] = n
    text, n = mark_damage(text)
    steps["damaged_runs_marked"] = n
    script, traditional = detect_script(text)
    if traditional:
        t2s, _s2t = load_converters()
        text = t2s.convert(text)
    steps["traditional_chars_converted"] = traditional
    text, n = to_halfwidth(text)
    steps["fullwidth_chars_converted"] = n
    text = normalize_whitespace(text)
    return Normalized(text, script, steps)
