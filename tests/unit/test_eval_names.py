"""The evaluation's name rules: containment for the loose score, name_key equality for the exact one."""

from __future__ import annotations

import pytest

from parkmart.devtools.evaluate import match, name_key, names_match, park_names, sentence_of


@pytest.mark.parametrize(("gold", "found", "loose", "exact"), [
    ("海澜智造及配套研发项目", "配套研发项目", True, False),  # a fragment cut at 及
    ("星河（嘉定）科创园", "星河(嘉定)科创园", True, True),  # brackets dropped
    ("云帆电池项目", "云帆电池", True, True),  # a trailing 项目 dropped
    ("云帆 电池项目", "云帆电池项目", True, True),  # spaces dropped
    ("星岚研究院", "星岚研究院二期", True, False),
    ("星岚研究院", "云帆物流基地", False, False),
    # a name built from a company: <company>项目 and <company>入驻项目 are one name
    ("星岚科技有限公司入驻项目", "星岚科技有限公司项目", True, True),
    ("云帆微电子有限公司签约入驻项目", "云帆微电子有限公司项目", True, True),
    ("启航智能入驻项目", "启航智能", True, True),
    ("启航智能入驻项目", "启航智能研发项目", True, False),
])
def test_loose_and_exact_names(gold: str, found: str, loose: bool, exact: bool) -> None:
    assert names_match(gold, found) is loose
    assert (name_key(gold) == name_key(found)) is exact


def test_exact_matching_counts_fragments_as_errors() -> None:
    gold, found = ["海澜智造及配套研发项目", "云帆电池项目"], ["配套研发项目", "云帆电池"]
    loose = match(gold, found, names_match)
    exact = match(gold, found, lambda g, p: name_key(g) == name_key(p))
    assert (loose.score.tp, loose.score.fp, loose.score.fn) == (2, 0, 0)
    assert (exact.score.tp, exact.score.fp, exact.score.fn) == (1, 1, 1)


@pytest.mark.parametrize(("body", "needle", "sentence"), [
    ("园区开园。会上，星河项目签约。", "星河项目", "会上，星河项目签约。"),
    ("园区开园。会上，星河电池项目签约。", "星河电池入驻项目", "会上，星河电池项目签约。"),  # a rebuilt name: its longest prefix
    ("园区开园。", "云帆项目", ""),
])
def test_sentence_of(body: str, needle: str, sentence: str) -> None:
    assert sentence_of(body, needle) == sentence


@pytest.mark.parametrize(("mentions", "expected"), [
    # a later phase of a park the article also names without a phase is a park of its own
    ([("星河科创园", None), ("星河科创园", "二期")], ["星河科创园", "星河科创园二期"]),
    ([("云杉产业园", "三期"), ("云杉产业园", None)], ["云杉产业园", "云杉产业园三期"]),
    # a first phase, or a phase the park is named only by, is the park itself
    ([("星河科创园", None), ("星河科创园", "一期")], ["星河科创园"]),
    ([("云杉产业园", "三期")], ["云杉产业园"]),
    ([("云杉产业园", "一期"), ("云杉产业园", "三期")], ["云杉产业园"]),
    ([("星河科创园", None), ("云杉产业园", None)], ["星河科创园", "云杉产业园"]),
])
def test_park_phases_listed(mentions: list[tuple[str, str | None]], expected: list[str]) -> None:
    assert park_names(mentions) == expected
