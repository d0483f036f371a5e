"""Segment a normalised page into title, date line, body, boilerplate and sentences.

Pages are read line by line. The top of a page (before the first body paragraph) holds
navigation, the headline and a date/source line; the body runs until the first line
that only ever follows an article (credits, copyright, share widgets, related-article
lists, ads); everything else is boilerplate, kept with its class.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# --- page furniture -----------------------------------------------------------------
# Breadcrumb / navigation lines: 当前位置:首页 > 栏目 > 正文.
NAVIGATION = re.compile(r"^(当前位置|您的位置|你的位置|位置)[:：]|首页\s*[>›»]|^(首页|导航|登录|注册)(\s|$)")
# Image captions standing alone: (资料图), (相关资料图), 图片来源….
CAPTION = re.compile(r"^[(（]?[^()（）]{0,6}(资料图|图片|配图|摄)[)）]?$")
# Lines that end an article: credits, copyright, keywords, share widgets, related lists.
ARTICLE_END = re.compile(
    r"^(相关阅读|相关文章|相关新闻|相关推荐|延伸阅读|推荐阅读|热点资讯|热点聚焦|图片新闻|热门推荐|猜你喜欢|更多新闻)"
    r"|^关键词[:：]|^标签[:：]|^\[?【?责任编辑|^分享(到|给朋友)|^扫一扫|^扫描二维码|^长按"
    r"|^(原文地址|本文链接|原文链接|文章来源)[:：]|版权所有|版权声明|免责声明|^(撰稿|编辑|校对|审核|来源)[:：\s]"
)
# Boilerplate classes, tested in order on every non-body line.
BOILERPLATE_CLASSES: list[tuple[str, re.Pattern[str]]] = [
    ("navigation", NAVIGATION),
    ("related", re.compile(r"^(相关阅读|相关文章|相关新闻|相关推荐|延伸阅读|推荐阅读|热点资讯|热点聚焦|图片新闻|热门推荐|猜你喜欢|更多新闻)|^-?\s*\(\d{4}-\d{2}-\d{2}\)")),
    ("copyright", re.compile(r"版权|免责声明|转载|All rights reserved|©")),
    ("advertisement", re.compile(r"微信|电话|手机|热线|联系方式|客服|邮箱|QQ|招商[:：]|\d{3}[- ]?\d{4}[- ]?\d{3,4}")),
    ("share", re.compile(r"^分享|扫一扫|二维码|收藏|点赞|^打印|^关闭")),
    ("credits", re.compile(r"^\[?【?(责任编辑|编辑|撰稿|校对|审核|作者|记者)|^关键词|^标签")),
    ("teaser", re.compile(r"(\.\.\.|…|⋯)$")),
]
# A date line: 2023-06-22 11:30:51, 2021年5月28日, (2024-09-24), with an optional time.
FULL_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})日?"
    r"(?:\s*(?P<time>\d{1,2}:\d{2}(?::\d{2})?))?"
)
# A month-day without year as content farms print it: 7个月前 (09-21).
MONTH_DAY = re.compile(r"[(（](?P<m>\d{1,2})-(?P<d>\d{1,2})[)）]")
# The outlet after 来源.
SOURCE = re.compile(r"来源[:：]\s*(?P<name>[^\s:：|]{2,30})(?![:：])")
# A URL the page states for the article.
STATED_URL = re.compile(r"(?:原文地址|本文链接|原文链接)[:：]\s*(?P<url>https?://\S+)")
# Sentence ends: Chinese and Western terminal punctuation, keeping closing quotes.
SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』)）]*|\n")


@dataclass
class Sentence:
    sentence_no: int
    paragraph_no: int
    char_start: int
    char_end: int
    text: str


@dataclass
class Boilerplate:
    label: str
    text: str
    line_no: int


@dataclass
class Segmented:
    title: str | None
    published_date: str | None  # ISO date when the year is known
    published_precision: str | None  # 'day' | 'month' | 'year'
    published_month: int | None
    published_day: int | None
    published_time: str | None
    source_name: str | None
    source_url: str | None
    body_text: str
    sentences: list[Sentence] = field(default_factory=list)
    boilerplate: list[Boilerplate] = field(default_factory=list)


def is_body_line(line: str) -> bool:
    """A paragraph of running text: long, with sentence punctuation, not a contact banner."""
    return (
        len(line) >= 40
        and bool(re.search(r"[，,。；]", line))
        and classify_boilerplate(line) not in ("advertisement", "copyright", "navigation", "related")
    )


def ends_article(line: str) -> bool:
    """A line that only ever follows an article: credits, copyright, ads, share, related."""
    if ARTICLE_END.search(line):
        return True
    return bool(line) and not is_body_line(line) and classify_boilerplate(line) in (
        "advertisement", "copyright", "share", "related"
    )


def is_title_line(line: str) -> bool:
    """A headline candidate: short, no sentence end, not page furniture."""
    return (
        6 <= len(line) <= 64
        and not line.endswith(("。", "；"))
        and not NAVIGATION.search(line)
        and not CAPTION.match(line)
        and not FULL_DATE.match(line)
        and "来源" not in line
    )


def classify_boilerplate(line: str) -> str:
    for label, pattern in BOILERPLATE_CLASSES:
        if pattern.search(line):
            return label
    return "other"


def find_date(line: str) -> tuple[str | None, str | None, int | None, int | None, str | None]:
    """(iso date, precision, month, day, time) from a date line; Nones when absent.

    >>> find_date("admin7个月前 (09-21)上海厂房招商65")
    (None, None, 9, 21, None)
    """
    m = FULL_DATE.search(line)
    if m:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}", "day", mo, d, m["time"]
    m = MONTH_DAY.search(line)
    if m:
        mo, d = int(m["m"]), int(m["d"])
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return None, None, mo, d, None
    return None, None, None, None, None


def segment(text: str, title: str | None = None, published_at: str | None = None) -> Segmented:
    """Split a normalised page; ``title``/``published_at`` come from a container if known."""
    lines = text.split("\n")
    first_body = next((i for i, line in enumerate(lines) if is_body_line(line)), len(lines))
    head = lines[:first_body]

    boilerplate: list[Boilerplate] = []
    date = (None, None, None, None, None)
    source_name = None
    if published_at:
        date = find_date(published_at)
    found_title = None
    for i, line in enumerate(head):
        if not line:
            continue
        line_date = find_date(line)
        if line_date[2] is not None and (line_date[0] or date[2] is None):
            if date[0] is None:
                date = line_date
            src = SOURCE.search(line)
            source_name = source_name or (src["name"] if src else None)
            boilerplate.append(Boilerplate("dateline", line, i))
        elif title is None and found_title is None and is_title_line(line) and classify_boilerplate(line) in ("other", "teaser"):
            found_title = line
        elif title is not None and line == title:
            continue
        else:
            boilerplate.append(Boilerplate(classify_boilerplate(line), line, i))

    body_lines: list[str] = []
    source_url = None
    ended = False
    for i in range(first_body, len(lines)):
        line = lines[i]
        url = STATED_URL.search(line)
        if url and source_url is None:
            source_url = url["url"]
        if not ended and ends_article(line):
            ended = True
        if not ended and not (body_lines and classify_boilerplate(line) == "teaser" and not is_body_line(line)):
            body_lines.append(line)
        elif line:
            boilerplate.append(Boilerplate(classify_boilerplate(line), line, i))
    while body_lines and not body_lines[-1]:
        body_lines.pop()
    body = "\n".join(body_lines)
    return Segmented(
        title=title or found_title,
        published_date=date[0],
        published_precision=date[1],
        published_month=date[2],
        published_day=date[3],
        published_time=date[4],
        source_name=source_name,
        source_url=source_url,
        body_text=body,
        sentences=split_sentences(body),
        boilerplate=boilerplate,
    )


def split_sentences(body: str) -> list[Sentence]:
    """Sentences with offsets into ``body``; a newline also ends a sentence.

    >>> [s.text for s in split_sentences("园区开园。总投资1亿元!\\n第二段")]
    ['园区开园。', '总投资1亿元!', '第二段']
    """
    sentences: list[Sentence] = []
    start = 0
    paragraph = 0
    for m in SENTENCE_END.finditer(body):
        end = m.end() if m.group() != "\n" else m.start()
        _add_sentence(sentences, body, start, end, paragraph)
        if "\n" in m.group():
            paragraph += 1
        start = m.end()
    _add_sentence(sentences, body, start, len(body), paragraph)
    return sentences


def _add_sentence(out: list[Sentence], body: str, start: int, end: int, paragraph: int) -> None:
    while start < end and body[start] in " \n":
        start += 1
    while end > start and body[end - 1] in " \n":
        end -= 1
    if end > start:
        out.append(Sentence(len(out), paragraph, start, end, body[start:end]))
