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
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

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
    return _between_breaks(_break_offsets(text, CLAUSE_BREAK), len(text), start, end)


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
    return _between_breaks(_break_offsets(text, SENTENCE_BREAK), len(text), at, at)


# Texts whose break offsets are kept: extraction asks about one article many times in a row.
BREAK_CACHE_SIZE = 4


@lru_cache(maxsize=BREAK_CACHE_SIZE)
def _break_offsets(text: str, breaks: re.Pattern) -> list[int]:
    """Offsets of the one-character ``breaks`` in ``text``, in order."""
    return [m.start() for m in breaks.finditer(text)]


def _between_breaks(offsets: list[int], length: int, start: int, end: int) -> tuple[int, int]:
    """From just after the last break before ``start`` to the first break at or after ``end``."""
    before = bisect_left(offsets, start)
    after = bisect_left(offsets, end)
    return (offsets[before - 1] + 1 if before else 0), (offsets[after] if after < len(offsets) else length)


def alternation(words: list[str]) -> str:
    """``"|".join(words)`` with the words grouped by their first character, which must be a
    plain one: the same matches. Worth it for a long list (the park suffixes scan five
    times faster); a short list of plain words is scanned as fast as is.

    It is exact: only the words opening with the character at hand can match there, and
    within a group their order is kept, so the engine tries the same words in the same order
    (backtracking included); it only skips the words of other groups at once.

    >>> alternation(["产业园区", "产业园", "园区", "新区", "园(?!林)"])
    '产(?:业园区|业园)|园(?:区|(?!林))|新区'
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        assert word[0] not in "\\[](){}.*+?^$|", word
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(first + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
                    for first, rests in groups.items())


class RunsHolding:
    """Each whole run of ``chars`` (a character-class body) that holds a match of ``cue``
    (a pattern made of those characters only), as (start, end) spans.

    The runs are found from their cues: a scan for the cue skips at once to the rare places
    it stands, and each one's run is then read forward from it and, on the reversed text,
    backward. It is exact: the cue is made of the run's characters, so the cue lies inside
    one run, and that run is the whole run around it; a later cue inside the same run gives
    it again and is skipped.

    >>> runs = RunsHolding("a-z0-9", "[0-9]")
    >>> [(span, "parks3, farms, fields5"[slice(*span)]) for span in runs.spans("parks3, farms, fields5")]
    [((0, 6), 'parks3'), ((15, 22), 'fields5')]
    """

    def __init__(self, chars: str, cue: str) -> None:
        self.run = re.compile(f"[{chars}]*")
        self.cue = re.compile(cue)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        end = 0
        backward = None
        for cue in self.cue.finditer(text):
            if cue.start() < end:
                continue  # inside the run just given
            backward = text[::-1] if backward is None else backward
            start = len(text) - self.run.match(backward, len(text) - cue.start()).end()
            end = self.run.match(text, cue.end()).end()
            yield start, end


def finditer_gated(pattern: re.Pattern, text: str, gate: re.Pattern) -> Iterator[re.Match]:
    """The matches of ``pattern`` in ``text``, none at once when ``text`` holds no match of ``gate``.

    These are the matches of ``pattern.finditer(text)`` when every match of ``pattern`` holds
    a match of ``gate`` (say, its last 、 and all after it). Worth it when ``pattern`` tries
    every character of a text (a run of names before a rare tail) while ``gate`` opens with
    a literal the scan jumps to.

    >>> names_and_count = re.compile(r"(?:[a-z]+,)+[a-z]+ and [0-9]")
    >>> gate = re.compile(r",[a-z]+ and [0-9]")
    >>> [m.group() for m in finditer_gated(names_and_count, "ann,bob and 3 more", gate)]
    ['ann,bob and 3']
    >>> list(finditer_gated(names_and_count, "ann and bob", gate))
    []
    """
    return pattern.finditer(text) if gate.search(text) else iter(())


def finditer_in_runs(pattern: re.Pattern, text: str, runs: RunsHolding) -> Iterator[re.Match]:
    """The matches of ``pattern`` in ``text``, scanned for only inside the spans of ``runs``.

    These are the matches of ``pattern.finditer(text)`` when every match of ``pattern`` is
    made of the runs' characters and holds their cue, and ``pattern`` looks behind but never
    past its match. Worth it when ``pattern`` can start at almost any character (a lazy noun
    before its head word) while the cue is rare (a number and a classifier).

    >>> noun_count = re.compile(r"[a-z]*?s[0-9]")
    >>> [m.group() for m in finditer_in_runs(noun_count, "parks3, farms, fields5", RunsHolding("a-z0-9", "[0-9]"))]
    ['parks3', 'fields5']
    """
    for start, end in runs.spans(text):
        yield from pattern.finditer(text, start, end)
