"""Main-content extraction from saved HTML pages, with trafilatura.

trafilatura never fetches anything here: it is given the page's text and returns the
main content, title, date, site name and canonical URL that the page itself states.
The rest of the page (navigation, date line, related lists, footer) is kept as plain
lines in ``meta["page_text"]`` so segmentation can classify it and read the date line.
"""

from __future__ import annotations

import logging
from html.parser import HTMLParser

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


class _TextParser(HTMLParser):
    """Collects a page's text outside scripts and styles, one block element per line.

    A flat tokenizer, not a tree: it has no nesting limit, so it reads pages that
    lxml and trafilatura give up on (100,000 unclosed tags).
    """

    SKIPPED = frozenset(("script", "style", "noscript", "template"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skipping: str | None = None
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIPPED:
            self.skipping = tag
        elif tag == "title":
            self.in_title = True
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == self.skipping:
            self.skipping = None
        elif tag == "title":
            self.in_title = False
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        (self.title if self.in_title else self.parts).append(data)


def plain_text(html: str) -> tuple[str, str]:
    """(text, title) of a page by a flat scan of its tags: the fallback when no main content is found.

    >>> plain_text("<title>标题</title><div><div><p>园区<b>开工</b><script>x()</script>")
    ('园区开工', '标题')
    """
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line), " ".join("".join(parser.title).split())


def html_document(name: str, html: str) -> Document:
    """Extract the article of one HTML page; an empty ``text`` means none was found.

    trafilatura finds the main content; when it finds none (a page it cannot parse, such
    as one nested 100,000 tags deep), the page's whole text is taken instead and the
    document says so in ``meta["fallback"]``; only a page without any text outside
    scripts and styles gives no document text.
    """
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
    data = {} if result is None else result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    if not text.strip():
        text, title = plain_text(html)
        if not text:
            return Document(name, "html", "", meta={
                "error": "no article text found in the HTML (nothing but markup, scripts and styles)"})
        return Document(name, "html", text, title=data.get("title") or title or None, meta={
            "page_text": text, "fallback": "no main content found: the whole page text was used"})
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
