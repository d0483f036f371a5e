"""Segment a normalised page into title, date line, body, boilerplate and sentences.

Pages are read line by line. The top of a page (before the first body paragraph) holds
navigation, the headline and a date/source line; the body runs until the first line
that only ever follows an article (credits, copyright, share widgets, related-article
lists, ads); everything else is boilerplate, kept with its class. The body is stored as
its paragraphs joined by single newlines, so the same article saved as text, HTML or
JSON lands as the same ``body_text``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.text import HAN_BASIC

# --- page furniture -----------------------------------------------------------------
# Breadcrumb / navigation lines: 当前位置:首页 > 栏目 > 正文, or a row of short menu items.
NAVIGATION = re.compile(
    r"^(您?当前的?位置|您现在的位置|您的位置|你的位置|位置)\s*[:：]|首页\s*[>›»/]|^(首页|导航|登录|注册|网站首页|标题导航)(\s|$)"
    r"|^(\S{2,4}\s+){3,}\S{2,4}$"
    r"|^(?:[^|｜]{1,30}[|｜]){3,}"  # a menu row: 要闻 | 原创 | 视频 | 图片
    r"|^(?:[^>›»]{1,12}[>›»]){2,}"  # a breadcrumb without 首页: 地方网 > 某省 > 正文
    r"|上一版|下一版|^第[A-Z]?\d+版[:：]|【?\s*第\s*\d+\s*页"  # a newspaper's page switcher, page numbers
)
# Image captions standing alone: (资料图), (相关资料图), 图片来源….
CAPTION = re.compile(r"^[(（]?[^()（）]{0,6}(资料图|图片|配图|摄)[)）]?$|^图片来源[:：]")
# Headings that open a list of other articles.
RELATED_HEADING = re.compile(
    r"^(相关阅读|相关文章|相关新闻|相关推荐|相关报道|延伸阅读|推荐阅读|热点资讯|热点聚焦|图片新闻|热门推荐"
    r"|猜你喜欢|更多新闻|热门文章|最新文章|精彩推荐|大家都在看|上一篇|下一篇|相关稿件|新闻推荐|推荐新闻|相关链接)"
)
# A line of a related list: "- (2023-06-22)其他标题" or "上一篇:其他标题".
RELATED_ITEM = re.compile(r"^[-·•]?\s*[(（\[]\d{4}-\d{1,2}-\d{1,2}[)）\]]|^(上一篇|下一篇)[:：]"
                          r"|^[-·•]\s*[^。]{4,60}\s(?:19|20)\d{2}-\d{1,2}-\d{1,2}$")  # · 其他标题 2010-06-04
# A line stating the article's own URL or where it was first published.
SOURCE_LINE = re.compile(r"^(原文地址|本文链接|原文链接|文章来源|转载自|本文来源)[:：]")
# Lines that end an article: credits, copyright, keywords, share widgets, related lists.
ARTICLE_END = re.compile(
    RELATED_HEADING.pattern + "|" + SOURCE_LINE.pattern
    + r"|^关键词[:：]|^标签[:：]|^\[?【?责任编辑|^分享(到|给朋友)|^扫一扫|^扫描二维码|^长按"
    r"|版权所有|版权声明|免责声明|^(撰稿|编辑|校对|审核|来源)[:：\s]"
)
# Copyright and legal footers.
COPYRIGHT = re.compile(r"版权|免责声明|转载|All rights reserved|©|Copyright|ICP[备证]", re.IGNORECASE)
# Ads and contact banners: phone numbers, WeChat, hotlines, mail.
ADVERTISEMENT = re.compile(
    r"微信|电话|手机|热线|联系方式|客服|邮箱|QQ|招商[:：]|投稿|\d{3}[- ]?\d{4}[- ]?\d{3,4}|@\w+\.\w+"
)
# Share widgets and page actions.
SHARE = re.compile(r"^分享|^扫一扫|二维码|^收藏|^点赞|^打印|^关闭|^返回顶部|^字号|^评论|【\s*打\s*印\s*】|^[】\]]|放大\s*缩小")
# Credit lines: editors, reporters, keywords.
CREDITS = re.compile(
    r"^\[?【?(责任编辑|编辑|撰稿|校对|审核|作者|记者|通讯员|摄影)|^关键词|^标签|" + SOURCE_LINE.pattern
)
# A teaser: a cut-off summary of another article.
TEASER = re.compile(r"(\.\.\.|…|⋯)$")
# Boilerplate classes, tested in order on every non-body line.
BOILERPLATE_CLASSES: list[tuple[str, re.Pattern[str]]] = [
    ("navigation", NAVIGATION),
    ("caption", CAPTION),
    ("related", re.compile(RELATED_HEADING.pattern + "|" + RELATED_ITEM.pattern)),
    ("copyright", COPYRIGHT),
    ("share", SHARE),
    ("advertisement", ADVERTISEMENT),
    ("credits", CREDITS),
    ("teaser", TEASER),
]
# A reporter's byline standing alone above the body: 某某晚报记者王某通讯员李某.
BYLINE_LINE = re.compile(rf"通讯员|记者\s*[{HAN_BASIC}]{{2,3}}(?:\s|$)")
# A byline closing the body: 扬子晚报记者 王某, (记者 王某 李某), 编辑 王某.
TRAILING_BYLINE = re.compile(rf"^[(（]?[^,，。；;]{{0,16}}(记者|编辑|通讯员|作者|撰稿)[:：\s]*[{HAN_BASIC}]{{2,4}}"
                             rf"(\s+[{HAN_BASIC}]{{2,4}})*[)）]?$")

# --- dates ----------------------------------------------------------------------------
# A full date: 2023-06-22 11:30:51, 2021年5月28日, 2024/09/24, (2024-09-24), optional time.
FULL_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)日?"
    r"(?:\s*(?P<time>\d{1,2}:\d{2}(?::\d{2})?))?"
)
# Year and month only: 2024年3月.
YEAR_MONTH = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d)")
# A month-day without year as content farms print it: 7个月前 (09-21), (09-21 10:30).
MONTH_DAY = re.compile(r"[(（](?P<m>\d{1,2})-(?P<d>\d{1,2})(?:\s+(?P<time>\d{1,2}:\d{2}))?[)）]")
# A Chinese month-day without year: 2月8日, 2月8日 10:30.
MONTH_DAY_CN = re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:\s*(?P<time>\d{1,2}:\d{2}))?")
# A date line must be short and carry no sentence: "2月8日下午，某市召开…" is body text.
DATE_LINE_MAX = 80
# A labelled date line, which may list sources with commas: 发布时间:2022-09-28 来源:某发布,某部门.
DATE_LABEL = re.compile(r"^(?:发布时间|发布日期|发表时间|发布于|时间|日期)\s*[:：]")
# A publication date labelled inside a credit line below the article: 编辑:王某 发布时间:2016年4月25日.
TAIL_DATE_LABEL = re.compile(r"(?:发布时间|发布日期|发表时间)\s*[:：]\s*")
# A date some templates print over lines: a year alone, then month/day.
YEAR_ALONE = re.compile(r"^(?:19|20)\d{2}$")
MONTH_SLASH_DAY = re.compile(r"^\d{1,2}/\d{1,2}$")

# --- metadata -------------------------------------------------------------------------
# Crawl metadata a saver writes above the page (URL: …, 抓取时间: …): not page text, so no
# title, no source_url and no publication date comes from it.
CRAWL_METADATA = re.compile(r"^(?:URL|Url|url|网址|页面地址|抓取地址|抓取时间|采集时间|保存时间)\s*[:：]")
# A section or site tag before a headline: 中年|标题, 要闻｜标题.
TITLE_TAG = re.compile(r"^[^|｜\s]{1,4}\s*[|｜]\s*(?=\S)")
# A kicker (引题) above a headline ends in a dash: 94个项目集中签约，总投资50亿元——.
KICKER = re.compile(r"(?:——|—|--)$")
# A headline broken over two lines: the first part ends with a comma.
TITLE_CONTINUES = re.compile(r"[,，、：:]$")
# The outlet after 来源.
SOURCE = re.compile(r"来源[:：]\s*(?P<name>[^\s:：|]{2,30})(?![:：])")
# A URL the page states for the article.
STATED_URL = re.compile(r"(?:原文地址|本文链接|原文链接)[:：]\s*(?P<url>https?://[^\s<>\"'，。]+)")
# Reporters and authors: 记者 王某 李某, 作者:王某, 撰稿:王某, 文/王某.
AUTHOR = re.compile(
    rf"(?:记者|作者|撰稿|文\s*/)\s*[:：]?\s*(?P<names>[{HAN_BASIC}]{{2,4}}(?:[\s、]+[{HAN_BASIC}]{{2,4}})*)"
    rf"(?![{HAN_BASIC}])"
)
# Editors: 责任编辑:王某, 编辑 王某.
EDITOR = re.compile(rf"(?:责任编辑|编辑)\s*[:：]?\s*(?P<names>[{HAN_BASIC}]{{2,4}})(?![{HAN_BASIC}])")
# Words that follow 记者/编辑 but are not names.
NOT_NAMES = re.compile(r"^(报道|表示|获悉|了解|采访|发现|看到|从|在|近日|日前|今天|昨天|摄影|编辑|校对|审核|通讯员)")
# A site name appended to a page title: "标题_某某网", "标题 - 某某新闻", "标题|某某日报".
TITLE_SITE_SUFFIX = re.compile(
    r"\s*(?:\s[-–—|]\s|[_|｜])\s*[^_|｜]{2,24}(?:网|报|新闻|频道|在线|官网|网站|门户|客户端|资讯|之窗|头条)\s*$"
)
# Sentence ends: Chinese and Western terminal punctuation, keeping closing quotes.
SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』)）]*|\n")
# Sentence punctuation that marks running text.
CLAUSE_PUNCT = re.compile(r"[，,。；]")


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
class PageDate:
    """A publication date as the page states it; ``iso`` only when the year is shown."""

    iso: str | None = None
    precision: str | None = None  # 'day' | 'month' | None (no year)
    month: int | None = None
    day: int | None = None
    time: str | None = None

    @property
    def found(self) -> bool:
        return self.month is not None


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
    author: str | None = None
    editor: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    boilerplate: list[Boilerplate] = field(default_factory=list)


def is_body_line(line: str) -> bool:
    """A paragraph of running text: long, with sentence punctuation, not a contact banner."""
    return (
        len(line) >= 40
        and bool(CLAUSE_PUNCT.search(line))
        and not CRAWL_METADATA.match(line)
        and not (DATE_LABEL.match(line) and is_date_line(line))
        and not RELATED_ITEM.search(line)
        and classify_boilerplate(line) not in ("advertisement", "copyright", "navigation", "related")
    )


def ends_article(line: str) -> bool:
    """A line that only ever follows an article: credits, copyright, ads, share, related.

    >>> ends_article("【责任编辑:王明】"), ends_article("园区总投资3亿元，今年投产。")
    (True, False)
    """
    if ARTICLE_END.search(line) or RELATED_ITEM.search(line):
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
        and not BYLINE_LINE.search(line)
    )


@lru_cache(maxsize=1 << 12)  # a line is asked about several times, and footers recur across pages
def classify_boilerplate(line: str) -> str:
    """The class of a line that is not article text; 'other' when no rule applies.

    >>> classify_boilerplate("当前位置:首页 > 新闻 > 正文")
    'navigation'
    """
    for label, pattern in BOILERPLATE_CLASSES:
        if pattern.search(line):
            return label
    return "other"


def clean_title(title: str) -> str:
    """Drop the site name a page's <title> appends to the headline.

    >>> clean_title("南浔开发区签约12个项目_湖州在线"), clean_title("要闻|某园区开园")
    ('南浔开发区签约12个项目', '某园区开园')
    """
    title = TITLE_TAG.sub("", title.strip())
    return TITLE_SITE_SUFFIX.sub("", title).strip() or title.strip()


def _valid(y: int | None, m: int, d: int | None) -> bool:
    try:
        dt.date(y or 2000, m, d or 1)  # 2000 is a leap year: 2月29日 stays valid without year
    except ValueError:
        return False
    return True


def find_date(line: str) -> PageDate:
    """The publication date a date line states; an empty PageDate when none.

    A year-less date keeps month and day and leaves ``iso`` null rather than guessing.

    >>> find_date("admin7个月前 (09-21)上海厂房招商65")
    PageDate(iso=None, precision=None, month=9, day=21, time=None)
    >>> find_date("2021-05-28 10:14 来源:某某网").iso
    '2021-05-28'
    """
    m = FULL_DATE.search(line)
    if m and _valid(int(m["y"]), int(m["m"]), int(m["d"])):
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        return PageDate(f"{y:04d}-{mo:02d}-{d:02d}", "day", mo, d, m["time"])
    m = YEAR_MONTH.search(line)
    if m and _valid(int(m["y"]), int(m["m"]), None):
        y, mo = int(m["y"]), int(m["m"])
        return PageDate(f"{y:04d}-{mo:02d}-01", "month", mo, None, None)
    for pattern in (MONTH_DAY, MONTH_DAY_CN):
        m = pattern.search(line)
        if m and _valid(None, int(m["m"]), int(m["d"])):
            return PageDate(None, None, int(m["m"]), int(m["d"]), m["time"])
    return PageDate()


def is_date_line(line: str) -> bool:
    """A short line whose business is a date (and perhaps source, views, author).

    >>> is_date_line("发布时间:2022-09-28  来源:某区发布,投资促进部"), is_date_line("URL: http://a.cn/2021-11-26/1.html")
    (True, False)
    """
    labelled = bool(DATE_LABEL.match(line))
    return (len(line) <= DATE_LINE_MAX * (2 if labelled else 1) and not CRAWL_METADATA.match(line)
            and (labelled or not CLAUSE_PUNCT.search(line)) and find_date(line).found)


def find_people(lines: list[str]) -> tuple[str | None, str | None]:
    """(authors, editor) named in credit lines, a dateline or a byline.

    >>> find_people(["撰稿:王明,摄影:李华,编辑:赵芳"])
    ('王明', '赵芳')
    """
    authors: list[str] = []
    editor = None
    for line in lines:
        for m in AUTHOR.finditer(line):
            for name in re.split(r"[\s、]+", m["names"]):
                if name and not NOT_NAMES.match(name) and name not in authors:
                    authors.append(name)
        m = EDITOR.search(line)
        if m and editor is None and not NOT_NAMES.match(m["names"]):
            editor = m["names"]
    return ("、".join(authors) or None), editor


def segment(text: str, title: str | None = None, published_at: str | None = None,
            page_text: str | None = None) -> Segmented:
    """Split a normalised page; ``title``/``published_at`` come from a container if known.

    ``page_text`` is the whole page when ``text`` is only its main content (HTML through
    trafilatura): its other lines are classified as boilerplate, and its date line gives
    the time, outlet and editor that the main content lacks.
    """
    if page_text:
        return _segment_with_page(text, page_text, title, published_at)
    lines = text.split("\n")
    first_body = next((i for i, line in enumerate(lines) if is_body_line(line)), len(lines))
    head = lines[:first_body]
    title = clean_title(title) if title else None

    boilerplate: list[Boilerplate] = []
    date = find_date(published_at) if published_at else PageDate()
    source_name = None
    found_title, found_at = None, -1
    continues = False  # the headline found so far ends with a comma: the next line completes it
    for i, line in enumerate(head):
        if not line:
            continue
        if CRAWL_METADATA.match(line):
            boilerplate.append(Boilerplate("metadata", line, i))
            continue
        if continues and is_title_line(line) and classify_boilerplate(line) in ("other", "teaser"):
            found_title, continues = found_title + line, bool(TITLE_CONTINUES.search(line))
            continue
        continues = False
        if YEAR_ALONE.match(line):
            following = next((x for x in head[i + 1:] if x.strip()), "")
            if MONTH_SLASH_DAY.match(following.strip()):
                line = f"{line}/{following.strip()}"  # 2022 / 12/28: one date over two lines
        if is_date_line(line):
            line_date = find_date(line)
            if date.iso is None and (line_date.iso or not date.found):
                date = line_date
            elif line_date.iso == date.iso and date.time is None:
                date.time = line_date.time
            src = SOURCE.search(line)
            source_name = source_name or (src["name"] if src else None)
            boilerplate.append(Boilerplate("dateline", line, i))
        elif title is None and found_title is None and is_title_line(line) and classify_boilerplate(line) in ("other", "teaser"):
            if KICKER.search(line):
                boilerplate.append(Boilerplate("kicker", line, i))
                continue
            found_title, found_at = clean_title(line), i
            continues = bool(TITLE_CONTINUES.search(found_title))
        elif title is not None and clean_title(line) == title:
            continue
        else:
            label = classify_boilerplate(line)
            if label == "navigation" and found_title is not None and title is None:
                # a line above the breadcrumb is the site's banner, not the headline
                boilerplate.append(Boilerplate("navigation", head[found_at], found_at))
                found_title = None
            boilerplate.append(Boilerplate(label, line, i))

    body_lines, tail = _split_body(lines, first_body)
    if not date.found:
        date = _tail_date(tail)
    source_url = None
    for _, line in tail:
        url = STATED_URL.search(line)
        if url and source_url is None:
            source_url = url["url"].rstrip(".,)")
    boilerplate.extend(_classify_tail(tail))
    body = "\n".join(line for _, line in body_lines)
    credit_lines = [b.text for b in boilerplate if b.label in ("credits", "dateline")]
    edge = [line for _, line in body_lines[:1] + body_lines[-1:]]
    author, editor = find_people(credit_lines + edge)
    return Segmented(
        title=title or found_title,
        published_date=date.iso,
        published_precision=date.precision,
        published_month=date.month,
        published_day=date.day,
        published_time=date.time,
        source_name=source_name,
        source_url=source_url,
        body_text=body,
        author=author,
        editor=editor,
        sentences=split_sentences(body),
        boilerplate=boilerplate,
    )


def _segment_with_page(text: str, page_text: str, title: str | None, published_at: str | None) -> Segmented:
    """Segment main content, then classify the page lines around it.

    Lines above the headline are navigation unless a rule says otherwise; lines below
    the article are related links and teasers unless a rule says otherwise.
    """
    seg = segment(text, title=title, published_at=published_at)
    body_lines = set(seg.body_text.split("\n"))
    page = [(i, line) for i, line in enumerate(page_text.split("\n")) if line and line not in body_lines]
    # The headline's last occurrence (a page repeats it: <title>, then <h1>).
    title_at = max((i for i, line in page if seg.title and clean_title(line) == seg.title), default=-1)
    extra: list[Boilerplate] = []
    tail: list[tuple[int, str]] = []
    for i, line in page:
        if i == title_at or (seg.title and clean_title(line) == seg.title):
            continue
        if is_date_line(line):
            extra.append(Boilerplate("dateline", line, i))
            _merge_date(seg, find_date(line))
            src = SOURCE.search(line)
            seg.source_name = seg.source_name or (src["name"] if src else None)
        elif i < title_at:
            label = classify_boilerplate(line)
            extra.append(Boilerplate("navigation" if label == "other" else label, line, i))
        else:
            tail.append((i, line))
            url = STATED_URL.search(line)
            seg.source_url = seg.source_url or (url["url"].rstrip(".,)") if url else None)
    extra.extend(_classify_tail(tail))
    seg.boilerplate.extend(extra)
    author, editor = find_people([b.text for b in extra if b.label in ("credits", "dateline")])
    seg.author, seg.editor = seg.author or author, seg.editor or editor
    return seg


def _merge_date(seg: Segmented, found: PageDate) -> None:
    """Complete the container's date with a date line: the date when it had none, else the time."""
    if not found.found:
        return
    if seg.published_month is None or (seg.published_date is None and found.iso):
        seg.published_date, seg.published_precision = found.iso, found.precision
        seg.published_month, seg.published_day, seg.published_time = found.month, found.day, found.time
    elif found.iso == seg.published_date and seg.published_time is None:
        seg.published_time = found.time


def _tail_date(tail: list[tuple[int, str]]) -> PageDate:
    """The publication date a credit line below the article labels, before any related list.

    >>> _tail_date([(9, "编辑:王明 来源:某市政府网 发布时间:2016年04月25日 10时31分")]).iso
    '2016-04-25'
    """
    for _, line in tail:
        if classify_boilerplate(line) == "related":
            break
        label = TAIL_DATE_LABEL.search(line)
        if label:
            found = find_date(line[label.end():])
            if found.iso:
                return found
    return PageDate()


def _split_body(lines: list[str], first_body: int) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(body lines, lines after the article), each with its line number; blank lines dropped."""
    body: list[tuple[int, str]] = []
    tail: list[tuple[int, str]] = []
    ended = False
    for i in range(first_body, len(lines)):
        line = lines[i]
        if not line:
            continue
        if not ended and ends_article(line):
            ended = True
        if ended:
            tail.append((i, line))
        elif body and classify_boilerplate(line) in ("teaser", "caption") and not is_body_line(line):
            tail.append((i, line))
        else:
            body.append((i, line))
    while body and TRAILING_BYLINE.match(body[-1][1]):
        tail.insert(0, body.pop())
    return body, tail


def _classify_tail(tail: list[tuple[int, str]]) -> list[Boilerplate]:
    """Boilerplate for the lines after the article; unlabelled ones are list items or teasers."""
    out: list[Boilerplate] = []
    in_list = False
    for i, line in tail:
        label = classify_boilerplate(line)
        if TRAILING_BYLINE.match(line):
            label = "credits"
        if label == "related":
            in_list = True
        elif label == "other":
            # Past the article, a headline-sized line is a related link, a paragraph its teaser.
            label = "teaser" if len(line) > 64 or (in_list and CLAUSE_PUNCT.search(line)) else "related"
        out.append(Boilerplate(label, line, i))
    return out


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
