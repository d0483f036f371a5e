"""The article candidate one file (or one JSON line) yields."""

from __future__ import annotations

from dataclasses import dataclass, field


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
