"""Main-content extraction from saved HTML pages, with trafilatura.

trafilatura never fetches anything here: it is given the page's text and returns the
main content, title, date, site name and canonical URL that the page itself states.
"""

from __future__ import annotations

import logging

from ingest.read import Document

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def html_document(name: str, html: str) -> Document:
    """Extract the article of one HTML page; an empty ``text`` means none was found."""
    import trafilatura

    result = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        deduplicate=False,
    )
    if result is None:
        return Document(name, "html", "", meta={"error": "no article text found in the HTML"})
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    return Document(
        name,
        "html",
        text,
        title=data.get("title") or None,
        published_at=data.get("date") or None,
        source_url=data.get("url") or None,
        source_name=data.get("sitename") or None,
    )
