"""The Mention record every extractor returns, and helpers shared by extractors."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.text import DAMAGE

MENTION_TYPES = ("amount", "area", "count", "date", "region", "park", "org", "project", "event")


@dataclass
class Mention:
    """One extracted mention, with its span in ``body_text``.

    ``normalized`` is a readable canonical form (``950000000 CNY``, ``2023-06-21``,
    ``310114``); typed values sit in the optional fields; ``attrs`` carries what is
    specific to a kind (subject text, what a count counts, an event's clause).
    """

    mention_type: str
    char_start: int
    char_end: int
    surface_text: str
    normalized: str
    sentence_no: int | None = None
    ref_id: str | None = None
    value: float | None = None
    value_high: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    kind: str | None = None
    attrs: dict[str, object] = field(default_factory=dict)


def touches_damage(text: str, start: int, end: int) -> bool:
    """True when the span or the character on either side of it is damaged.

    >>> touches_damage("\\ufffd2个项目", 1, 2)
    True
    """
    return text.find(DAMAGE, max(0, start - 1), end + 1) >= 0
