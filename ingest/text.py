"""Text facts every stage shares: which characters are Han, the damage mark, and where a
clause or a sentence begins and ends.

Two Han ranges, named for what they hold:

- ``HAN_BASIC``: the CJK Unified Ideographs block (U+4E00–U+9FFF), every character a
  modern news page writes; extractors, tokenizer boundaries and near-duplicate features use it.
- ``HAN_LETTERS``: the basic block and extension A (U+3400–U+4DBF), the letters that say
  a text is Chinese; normalisation and the Han share of a body use it.

Two clause breaks, for two questions:

- ``CLAUSE_BREAK_CHARS``: commas, sentence ends and line breaks; ``clause_bounds`` gives the
  clause an event trigger governs.
- ``CUE_BREAK``: those plus the enumeration comma 、 and the damage mark; ``clause_before``
  gives the few characters before a number in which its cue word (总投资, 产值, 占地) stands.
"""

from __future__ import annotations

import re

# Every damaged character is replaced by U+FFFD, one for one (see ``normalize``).
DAMAGE = "\ufffd"
# A lone surrogate (U+D800-U+DFFF): JSON can write one ("\\udc80"), no encoding can store it.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Character-class bodies (for use inside [...]) of the two Han ranges above.
HAN_BASIC = "\u4e00-\u9fff"
HAN_LETTERS = "\u3400-\u4dbf\u4e00-\u9fff"
# One Han character of the basic block.
HAN_CHAR = re.compile(f"[{HAN_BASIC}]")
# Characters that end a clause: commas, sentence ends, line breaks.
CLAUSE_BREAK_CHARS = "，,。；;！!？?\n"
# One clause-ending character.
CLAUSE_BREAK = re.compile(f"[{CLAUSE_BREAK_CHARS}]")
# One character that ends the window of a cue word: a clause break, 、 or a damage mark.
CUE_BREAK = re.compile(f"[{CLAUSE_BREAK_CHARS}、{DAMAGE}]")
# One character that ends a sentence: 。！？ and line breaks.
SENTENCE_BREAK = re.compile(r"[。！？!?\n]")
# How far back (characters) a cue word is looked for by default.
CUE_WINDOW = 30


def mark_surrogates(text: str) -> tuple[str, int]:
    r"""Replace lone surrogates with the damage mark, one for one; also return how many.

    >>> mark_surrogates("园区\udc80开工")
    ('园区�开工', 1)
    """
    if text.isascii():
        return text, 0
    return LONE_SURROGATE.subn(DAMAGE, text)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between commas or sentence ends) that contains text[start:end].

    >>> clause_bounds("会上，新项目开工建设。", 4, 6)
    (3, 10)
    """
    left = max(text.rfind(c, 0, start) for c in CLAUSE_BREAK_CHARS) + 1
    right = CLAUSE_BREAK.search(text, end)
    return left, right.start() if right else len(text)


def clause_before(text: str, start: int, limit: int = CUE_WINDOW) -> str:
    """The text of the clause before ``start`` (up to a ``CUE_BREAK``), at most ``limit`` characters.

    >>> clause_before("建成后，年产值超600亿元", 11)
    '年产值超600'
    >>> clause_before("厂房、占地100亩", 7)
    '占地10'
    """
    left = start
    while left > 0 and start - left < limit and not CUE_BREAK.match(text[left - 1]):
        left -= 1
    return text[left:start]


def sentence_bounds(text: str, at: int) -> tuple[int, int]:
    """The sentence (between 。！？ or line ends) that contains position ``at``.

    >>> sentence_bounds("园区开园。项目签约。", 6)
    (5, 9)
    """
    left = at
    while left > 0 and not SENTENCE_BREAK.match(text[left - 1]):
        left -= 1
    right = at
    while right < len(text) and not SENTENCE_BREAK.match(text[right]):
        right += 1
    return left, right
