"""Event rules: trigger words, event types and the clause each governs."""

from __future__ import annotations

import pytest

from ingest.extract.events import extract_events


@pytest.mark.parametrize(("text", "kinds"), [
    ("12个项目集中签约。", ["signed"]),
    ("二期项目今天开工。", ["started"]),
    ("新厂房奠基仪式举行。", ["started"]),
    ("园区正式开园。", ["opened"]),
    ("门店正式开业。", ["opened"]),
    ("分中心揭牌成立。", ["unveiled"]),
    ("主体工程竣工。", ["completed"]),
    ("生产线投产。", ["produced"]),
    ("总部落户嘉定。", ["settled"]),
    ("企业入驻园区。", ["settled"]),
    ("现场发布热力图。", ["other"]),
    ("对20家园区授牌。", ["other"]),
    ("拟建一座新工厂。", ["planned"]),
    ("把总部项目建在惠山。", ["settled"]),
    ("项目签约后即开工。", ["signed", "started"]),
    ("会议讨论了人才政策。", []),
    # compounds: the final state; a signing that brings a project in is the signing
    ("星河工厂建成投产。", ["produced"]),
    ("云帆产线竣工并投产。", ["produced"]),
    ("新馆竣工投用。", ["opened"]),
    ("云帆总部签约落户园区。", ["signed"]),
    ("星岚项目签约落地。", ["signed"]),
    ("两个项目集中签约开工。", ["signed", "started"]),
])
def test_event_types(text: str, kinds: list[str]) -> None:
    assert [e.kind for e in extract_events(text)] == kinds


def test_clause_is_bounded_by_commas() -> None:
    text = "会上，昆山14个园区集中开工，总投资292.6亿元。"
    event = extract_events(text)[0]
    assert event.attrs["clause"] == "昆山14个园区集中开工"
    assert text[event.attrs["clause_start"]:event.attrs["clause_end"]] == event.attrs["clause"]


@pytest.mark.parametrize(("text", "planned"), [
    ("云帆项目计划年底开工。", [True]),
    ("星河二期预计明年竣工。", [True]),
    ("双方还将签约一批项目。", [True]),
    ("星岚工厂建成后将投产。", [True, True]),
    ("新园区拟于10月开园。", [True]),
    ("星河项目已于去年开工。", [False]),
    ("计划投资5亿元的云帆项目已于3月开工。", [False]),
    ("星岚项目今天正式投产。", [False]),
    ("项目全部投产后可实现产值10亿元。", [True]),
])
def test_future_and_conditional_events_are_planned(text: str, planned: list[bool]) -> None:
    assert [e.attrs["planned"] for e in extract_events(text)] == planned
