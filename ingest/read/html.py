"""Main-content extraction from saved HTML pages, with trafilatura.

trafilatura never fetches anything here: it is given the page's text and returns the
main content, title, date, site name and canonical URL that the page itself states.
The rest of the page (navigation, date line, related lists, footer) is kept as plain
lines in ``meta["page_text"]`` so segmentation can classify it and read the date line.
"""

from __future__ import annotations

import logging

from ingest.read.document import Document

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

# Elements after which a rendered page starts a new line.
BLOCK_TAGS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "br", "header",
              "footer", "nav", "aside", "section", "article", "dd", "dt", "table", "blockquote", "title")


def page_lines(html: str) -> str:
    """The whole page as text, one block element per line (scripts and styles dropped).

    >>> page_lines("<div><a>首页</a> &gt; 新闻</div><p>正文</p><script>x()</script>")
    '首页 > 新闻\\n正文'
    """
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return ""
    for element in list(tree.iter("script", "style", "noscript")):
        element.drop_tree()
    for element in tree.iter(*BLOCK_TAGS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in tree.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


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
        fast=True,  # no readability/jusText fallback: they cost 2-10 times the main pass
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
        meta={"page_text": page_lines(html)},
    )
