"""Segmentation rules: date lines, titles, boilerplate classes, bylines, body end, sentences."""

from __future__ import annotations

import pytest

from ingest.normalize import normalize
from ingest.segment import (
    PageDate,
    classify_boilerplate,
    clean_title,
    ends_article,
    find_date,
    find_people,
    is_date_line,
    segment,
    split_sentences,
)


@pytest.mark.parametrize(("line", "expected"), [
    ("2023-06-22 11:30:51 来源:某某财经网", PageDate("2023-06-22", "day", 6, 22, "11:30:51")),
    ("2021-05-28 10:14 来源: 编辑:某某网 浏览量:0", PageDate("2021-05-28", "day", 5, 28, "10:14")),
    ("admin1年前 (2024-09-24)园区招商信息69", PageDate("2024-09-24", "day", 9, 24, None)),
    ("admin7个月前 (09-21)厂房招商65", PageDate(None, None, 9, 21, None)),
    ("发布时间:2月8日", PageDate(None, None, 2, 8, None)),
    ("2月8日 09:30", PageDate(None, None, 2, 8, "09:30")),
    ("2022年11月3日 星期四", PageDate("2022-11-03", "day", 11, 3, None)),
    ("2024/01/05 08:00", PageDate("2024-01-05", "day", 1, 5, "08:00")),
    ("2019.12.31", PageDate("2019-12-31", "day", 12, 31, None)),
    ("2024年3月 第2期", PageDate("2024-03-01", "month", 3, None, None)),
    ("2023-02-30 10:00", PageDate()),
    ("(13-45)", PageDate()),
    ("浏览量:1024", PageDate()),
])
def test_find_date(line: str, expected: PageDate) -> None:
    assert find_date(line) == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("2023-06-22 11:30:51 来源:某某财经网", True),
    ("admin7个月前 (09-21)厂房招商65", True),
    ("2月8日下午，某市召开产业园区建设大会，部署全年工作。", False),
    ("园区新闻", False),
])
def test_is_date_line(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


@pytest.mark.parametrize(("line", "label"), [
    ("当前位置:首页 > 园区动态 > 正文", "navigation"),
    ("您的位置：首页 > 新闻", "navigation"),
    ("首页 新闻 政务 专题 视频", "navigation"),
    ("(资料图)", "caption"),
    ("相关阅读", "related"),
    ("相关文章", "related"),
    ("- (2023-06-22)某地一季度工业投资增长12%", "related"),
    ("· 某县发现大型矿藏 价值逾百亿元 2012-06-04", "related"),
    ("相关稿件", "related"),
    ("新闻推荐", "related"),
    ("要闻 | 城市 | 原创 | 视频 | 专题", "navigation"),
    ("某地方网 > 某省 > 正文", "navigation"),
    ("第A2版:要闻 上一版 下一版", "navigation"),
    ("【打 印】【关 闭】", "share"),
    ("上一篇:某园区新一批企业入驻", "related"),
    ("版权所有 某某日报社 All rights reserved", "copyright"),
    ("版权声明:本文由某某网发布，如需转载请注明出处。", "copyright"),
    ("产业招商/厂房租售:400 1234 567", "advertisement"),
    ("或微信/手机:13800000000", "advertisement"),
    ("欢迎投稿:邮箱news@example.com", "advertisement"),
    ("分享到:微信 微博 QQ空间", "share"),
    ("扫一扫关注公众号", "share"),
    ("【责任编辑:王明】", "credits"),
    ("撰稿:李华,摄影:赵强,编辑:钱芳", "credits"),
    ("关键词: 产业园区 招商", "credits"),
    ("原文地址:http://news.example.com/a/1.html", "credits"),
    ("某园区新一批项目签约，预计总投资超过50亿元...", "teaser"),
    ("园区企业加快转型升级", "other"),
])
def test_classify_boilerplate(line: str, label: str) -> None:
    assert classify_boilerplate(line) == label


@pytest.mark.parametrize(("line", "ends"), [
    ("【责任编辑:王明】", True),
    ("相关阅读", True),
    ("- (2024-01-02)其他标题", True),
    ("本文链接:http://x.example/1.html", True),
    ("版权所有 某某日报社", True),
    ("园区今年计划新开工项目20个，总投资约30亿元，力争年底前全部开工建设，带动就业五千人以上。", False),
    ("扬子晚报记者 王明", False),
])
def test_ends_article(line: str, ends: bool) -> None:
    assert ends_article(line) is ends


@pytest.mark.parametrize(("title", "expected"), [
    ("南浔开发区签约12个项目_湖州在线", "南浔开发区签约12个项目"),
    ("园区二期开工 - 某某新闻网", "园区二期开工"),
    ("园区二期开工|某某日报", "园区二期开工"),
    ("上海某产业园-上海特色产业园区介绍", "上海某产业园-上海特色产业园区介绍"),
    ("温州(嘉兴)协作园开园", "温州(嘉兴)协作园开园"),
])
def test_clean_title(title: str, expected: str) -> None:
    assert clean_title(title) == expected


@pytest.mark.parametrize(("lines", "expected"), [
    (["撰稿:李华,摄影:赵强,编辑:钱芳"], ("李华", "钱芳")),
    (["【责任编辑:王明】"], (None, "王明")),
    (["某某报讯(记者 张三丰)3月1日，园区举行签约仪式。"], ("张三丰", None)),
    (["(某某融媒记者 周一 吴二 文/摄)"], ("周一、吴二", None)),
    (["记者了解到，园区将扩建。"], (None, None)),
    (["2021-05-28 10:14 来源: 编辑:某某省新闻网 浏览量:0"], (None, None)),
])
def test_find_people(lines: list[str], expected: tuple) -> None:
    assert find_people(lines) == expected


PAGE = """当前位置:首页 > 产业动态 > 正文

海宁经编产业园新开工项目21个 总投资64亿元

2024-04-02 16:05 来源:嘉兴日报

(资料图)

　　4月1日，海宁经编产业园举行二季度重大项目集中开工活动，21个项目同时开工，总投资64亿元，涵盖新材料、智能装备等领域。

　　据了解，本次开工项目中亿元以上项目13个，其中一家新材料企业计划投资12亿元建设功能性纤维生产线，达产后年产值可达25亿元。

　　园区负责人表示，将持续优化营商环境，为项目建设做好要素保障。

嘉兴日报记者 沈一鸣

【责任编辑:朱丽】
本文链接:https://news.example.com/2024/0402/77.html
相关文章
桐乡经开区一季度签约项目18个
桐乡经济开发区一季度共签约项目18个，总投资约45亿元，其中外资项目5个，合同外资2.1亿美元，签约数量同比增长两成……
版权所有 嘉兴日报社
"""


def test_segment_a_saved_page() -> None:
    seg = segment(normalize(PAGE).text)
    assert (seg.title, seg.published_date, seg.published_time, seg.source_name) == (
        "海宁经编产业园新开工项目21个 总投资64亿元", "2024-04-02", "16:05", "嘉兴日报")
    assert seg.source_url == "https://news.example.com/2024/0402/77.html"
    assert (seg.author, seg.editor) == ("沈一鸣", "朱丽")
    assert seg.body_text.startswith("4月1日，海宁经编产业园")
    assert seg.body_text.endswith("为项目建设做好要素保障。")
    assert "45亿元" not in seg.body_text and "\n\n" not in seg.body_text
    labels = [b.label for b in seg.boilerplate]
    assert labels == ["navigation", "dateline", "caption", "credits", "credits", "credits", "related",
                      "related", "teaser", "copyright"]


def test_segment_year_less_date_keeps_month_and_day() -> None:
    page = "园区动态\n某科创园二期今日开工\nadmin7个月前 (09-21)园区招商12\n" + "今天上午，某科创园二期项目开工建设，总投资9亿元，建成后将提供研发办公空间十万平方米，吸引更多科技企业入驻。"
    seg = segment(page)
    assert (seg.published_date, seg.published_precision, seg.published_month, seg.published_day) == (None, None, 9, 21)


def test_container_title_and_date_win() -> None:
    seg = segment("项目签约仪式在园区举行，共签约项目6个，总投资约11亿元，涉及高端装备和新能源领域的多家企业。",
                  title="园区签约6个项目 - 某某新闻网", published_at="2024-05-06T10:00:00+08:00")
    assert (seg.title, seg.published_date, seg.published_precision) == ("园区签约6个项目", "2024-05-06", "day")


def test_sentences_and_paragraphs_with_offsets() -> None:
    body = "园区开园。总投资1亿元！\n二期开工；三期规划中\n“我们很有信心。”他说。"
    sentences = split_sentences(body)
    assert [(s.text, s.paragraph_no) for s in sentences] == [
        ("园区开园。", 0), ("总投资1亿元！", 0), ("二期开工；", 1), ("三期规划中", 1),
        ("“我们很有信心。”", 2), ("他说。", 2)]
    assert all(body[s.char_start:s.char_end] == s.text for s in sentences)


BODY = "3月2日上午，某某新区举行一季度重大项目集中签约仪式，共签约项目9个，总投资约36亿元，涵盖新材料、智能装备等领域。"


@pytest.mark.parametrize(("page", "title", "published"), [
    # crawl metadata above the page: no title, and the URL's date is no publication date
    (f"URL: http://news.example.com/2021-11-26/88.html\n\n某某新区签约9个项目\n{BODY}", "某某新区签约9个项目", None),
    (f"URL: none\n\n{BODY}", None, None),
    (f"网址：https://a.example.cn/2019/0301/5.shtml\n某园区项目今天开工\n{BODY}", "某园区项目今天开工", None),
    # a section tag before the headline is not part of it
    (f"要闻|某产业园开园，首批企业入驻\n{BODY}", "某产业园开园，首批企业入驻", None),
    (f"财经｜某新区一季度签约项目9个\n{BODY}", "某新区一季度签约项目9个", None),
    # a kicker (引题) ending in a dash stands above the headline
    (f"9个项目集中签约，总投资36亿元——\n某新区冲刺一季度“开门红”\n{BODY}", "某新区冲刺一季度“开门红”", None),
    # a headline broken over two lines after a comma is one headline
    (f"9个项目总投资达36亿元,\n某新区重大项目集中签约\n{BODY}", "9个项目总投资达36亿元,某新区重大项目集中签约", None),
    # a site banner above the breadcrumb is not the headline
    (f"打造一流营商环境 服务产业投资促进\n您现在的位置:首页 > 园区新闻 > 正文\n某新区签约9个项目\n{BODY}",
     "某新区签约9个项目", None),
    (f"某地方网 > 某省 > 某市 > 正文\n某新区签约9个项目\n{BODY}", "某新区签约9个项目", None),
    (f"您当前的位置 :某某在线 > 新闻 > 正文\n某新区签约9个项目\n{BODY}", "某新区签约9个项目", None),
    (f"要闻   |   城市   |   原创   |   视频   |   专题\n某新区签约9个项目\n{BODY}", "某新区签约9个项目", None),
    (f"【打 印】【关 闭】\n【 第1页 第2页 】\n某新区签约9个项目\n{BODY}", "某新区签约9个项目", None),
    (f"第A3版:要闻 上一版 下一版\n某新区签约9个项目\n{BODY}", "某新区签约9个项目", None),
    # a byline standing alone is no headline
    (f"某某晚报记者王小明通讯员李小红\n{BODY}", None, None),
    # a labelled date line may list its sources with commas and be long
    (f"某新区签约9个项目\n发布时间:2022-09-28  来源:某区发布,投资促进部  发布单位:某某高新技术产业开发区管委会\n{BODY}",
     "某新区签约9个项目", "2022-09-28"),
    # a date a template prints over two lines: the year, then month/day
    (f"某新区签约9个项目\n2022\n12/28\n13:54\n{BODY}", "某新区签约9个项目", "2022-12-28"),
    # no date above the article: the labelled date of the credit line below it
    (f"某新区签约9个项目\n{BODY}\n编辑:王明 来源:某市政府网 发布时间:2016年04月25日 10时31分05秒\n相关文章\n"
     "- (2016-04-20)另一篇文章", "某新区签约9个项目", "2016-04-25"),
])
def test_page_metadata_and_headline(page: str, title: str | None, published: str | None) -> None:
    seg = segment(normalize(page).text)
    assert (seg.title, seg.published_date, seg.source_url) == (title, published, None)
    assert seg.body_text == BODY


def test_crawl_metadata_is_boilerplate() -> None:
    seg = segment(f"URL: http://news.example.com/a.html\n\n某新区签约9个项目\n{BODY}")
    assert [(b.label, b.text) for b in seg.boilerplate] == [("metadata", "URL: http://news.example.com/a.html")]
