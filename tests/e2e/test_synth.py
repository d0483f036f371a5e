"""parkmart synth: deterministic, well-formed, and its gold agrees with its own text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.read.decode import decode
from parkmart.devtools.synth import area, chinese_number, write_corpus
from tests.helpers import run_cli

ARTICLES = 50


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    run_cli("synth", "--articles", str(ARTICLES), "--out", str(out), "--seed", "7")
    return out


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_gives_identical_bytes(synth_dir: Path, tmp_path: Path) -> None:
    write_corpus(tmp_path / "again", ARTICLES, seed=7)
    assert _tree(tmp_path / "again") == _tree(synth_dir)


def test_another_seed_gives_another_corpus(synth_dir: Path, tmp_path: Path) -> None:
    write_corpus(tmp_path / "other", ARTICLES, seed=8)
    assert _tree(tmp_path / "other" / "corpus") != _tree(synth_dir / "corpus")


def test_one_gold_file_per_article_with_file_stem_ids(synth_dir: Path) -> None:
    gold = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((synth_dir / "gold").glob("*.json"))]
    assert len(gold) == ARTICLES
    stems = {p.name.rsplit(".", 1)[0] for p in (synth_dir / "corpus").iterdir() if not p.name.endswith(".jsonl")}
    single = {g["id"] for g in gold if "#" not in g["id"]}
    assert single == stems
    keys = {"id", "source_url", "title", "published_date", "event_date", "amounts", "areas", "parks", "regions",
            "projects", "batches", "cross_region", "has_boilerplate", "script", "notes"}
    assert all(set(g) == keys for g in gold)
    assert all(a["currency"] in ("CNY", "USD", "EUR", "HKD", "JPY") and a["value"] > 0 for g in gold for a in g["amounts"])
    assert all(len(r["code"]) == 6 for g in gold for r in g["regions"])


def test_labelled_figures_are_in_the_main_text_and_teasers_are_not_labelled(synth_dir: Path) -> None:
    checked = 0
    for gold_file in sorted((synth_dir / "gold").glob("*.json")):
        g = json.loads(gold_file.read_text(encoding="utf-8"))
        path = synth_dir / "corpus" / f"{g['id']}.txt"
        if g["script"] != "simplified" or not path.exists():
            continue
        text = decode(path.read_bytes(), path.name).text
        main, _, noise = text.partition("相关阅读")
        for label in g["amounts"] + g["areas"]:
            assert label["text"] in main.replace("(", "").replace(")", "") or label["text"] in main
        assert all(a["text"] not in noise for a in g["amounts"])
        checked += 1
    assert checked >= 20


def test_corpus_mixes_formats_and_encodings(synth_dir: Path) -> None:
    names = [p.name for p in (synth_dir / "corpus").iterdir()]
    assert any(n.endswith(".jsonl") for n in names)
    assert any(n.endswith(".html") for n in names)
    encodings = {decode(p.read_bytes(), p.name).encoding for p in (synth_dir / "corpus").glob("*.txt")}
    assert encodings - {"utf-8"}, "expected some GB18030 or Big5 files"


@pytest.mark.parametrize(("n", "expected"), [
    (1, "一"), (2, "两"), (10, "十"), (12, "十二"), (30, "三十"), (105, "一百零五"), (150, "一百五十"),
    (2000, "二千"), (3050, "三千零五十"),
])
def test_chinese_number(n: int, expected: str) -> None:
    assert chinese_number(n) == expected


@pytest.mark.parametrize(("seed", "unit", "factor"), [
    (0, "亩", 2000 / 3), (1, "万平方米", 1e4), (2, "平方公里", 1e6), (3, "公顷", 1e4), (4, "万方", 1e4),
])
def test_area_value_matches_its_text(seed: int, unit: str, factor: float) -> None:
    import random

    rng = random.Random(seed)
    for _ in range(200):
        text, m2 = area(rng)
        if text.endswith(unit) and not text.endswith("平方米" if unit == "万方" else "\0"):
            number = float(text[: -len(unit)].replace(",", ""))
            assert m2 == pytest.approx(number * factor)
            return
    pytest.fail(f"no area in {unit} generated")
