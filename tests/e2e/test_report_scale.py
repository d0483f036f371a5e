"""`parkmart report` on a 2,000-article synthetic corpus, in headless Chromium with a CJK font:
the map draws the top city pairs and counts the rest, the browser's label boxes never
overlap, each province has its own colour, reprints stay out, the filters work offline."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import duckdb
import lxml.html
import pytest

from parkmart.devtools.synth import write_corpus
from parkmart.report import MAP_PAIRS
from tests.e2e.headless import dump_dom_with_log, screenshot
from tests.e2e.test_report import CITY_PAIRS_SQL
from tests.helpers import run_cli

ARTICLES = 2000


def cjk_font() -> str:
    """The family of an installed font covering Chinese; skips the test when there is none."""
    found = shutil.which("fc-list") and subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True,
                                                        text=True).stdout.strip()
    if not found:
        pytest.skip("no CJK font: run `make chromium` as root (it installs fonts-noto-cjk)")
    return found.splitlines()[0]


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A warehouse built from 2,000 synthetic articles, and its report."""
    root = tmp_path_factory.mktemp("scale")
    write_corpus(root / "synth", ARTICLES, seed=0)
    warehouse, report = root / "warehouse.duckdb", root / "report.html"
    run_cli("build", "--corpus", str(root / "synth" / "corpus"), "--warehouse", str(warehouse), timeout=3000)
    run_cli("report", "--warehouse", str(warehouse), "--out", str(report))
    return warehouse, report


@pytest.fixture(scope="module")
def page(large: tuple[Path, Path]) -> lxml.html.HtmlElement:
    cjk_font()
    dom, log = dump_dom_with_log(large[1].as_uri(), budget_ms=8000)
    assert [line for line in log.splitlines() if "CONSOLE" in line] == []
    return lxml.html.fromstring(dom)


@pytest.fixture()
def con(large: tuple[Path, Path]):
    connection = duckdb.connect(str(large[0]), read_only=True)
    yield connection
    connection.close()


def test_the_map_draws_the_top_city_pairs_and_counts_the_rest(page, con) -> None:
    pairs = sorted(((a, b, n) for a, b, n in con.execute(CITY_PAIRS_SQL).fetchall()), key=lambda p: -p[2])
    assert len(pairs) > MAP_PAIRS * 3, "the corpus must have far more city pairs than the map draws"
    drawn = {(p.get("data-city-a"), p.get("data-city-b")): int(p.get("data-links"))
             for p in page.xpath('//*[@data-figure="pair"]')}
    assert len(drawn) == MAP_PAIRS
    expected = {(a, b): n for a, b, n in pairs}
    assert all(expected[key] == n for key, n in drawn.items())
    # the pairs drawn are the ones with most links: none hidden has more than the least drawn
    legend = page.xpath('//p[@class="map-legend"]')[0]
    assert int(legend.get("data-links-total")) == sum(n for *_, n in pairs)
    hidden = int(legend.get("data-pairs-hidden"))
    assert hidden > 0 and f"{hidden} smaller pairs hidden" in legend.text_content()
    assert sum(drawn.values()) + int(legend.get("data-links-hidden")) + int(legend.get("data-links-within")) \
        + int(legend.get("data-links-outside")) == int(legend.get("data-links-total"))


def test_labels_never_overlap_in_the_browser(page) -> None:
    body = page.xpath("//body")[0]
    assert body.get("data-js-errors") == "0" and body.get("data-rendered") == "ok"
    assert int(body.get("data-labels")) >= 20
    assert body.get("data-label-overlaps") == "0"


def test_each_province_has_its_own_colour(page) -> None:
    hulls = {p.get("data-province"): p.get("fill") for p in page.xpath("//svg[@class='map']/polygon")}
    assert set(hulls) == {"310000", "320000", "330000", "340000"}
    assert len(set(hulls.values())) == 4
    keys = [k.xpath("string(i/@style)") for k in page.xpath('//section[@id="investment"]//span[@class="key"]')]
    assert len(keys) >= 5 and len(set(keys)) == len(keys)


def test_reprints_stay_out_of_the_latest_events(page, con) -> None:
    files = [r.xpath("string(td[8]//small)") for r in page.xpath('//tr[@data-figure="latest"]')]
    assert len(files) >= 100
    reprints = {f for (f,) in con.execute("select source_file from marts.dim_article "
                                          "where duplicate_of is not null").fetchall()}
    assert reprints, "the synthetic corpus has reprints"
    assert not reprints & set(files)


def test_filters_by_province_and_year(large, con) -> None:
    province, year = "340000", con.execute(
        "select max(fact_year) from marts.fct_projects f join marts.dim_region r using (region_code) "
        "where r.province_code = '340000' and not f.is_reprint").fetchone()[0]
    tree = lxml.html.fromstring(dump_dom_with_log(f"{large[1].as_uri()}?province={province}&year={year}",
                                                  budget_ms=8000)[0])
    assert tree.xpath("//body")[0].get("data-filter") == f"{province}/{year}"
    visible = [r for r in tree.xpath('//tr[@data-figure="latest"]') if r.get("hidden") is None]
    assert len(visible) == 20
    assert all(r.get("data-filter-province") == province and r.get("data-filter-year") == str(year) for r in visible)
    pairs = [p for p in tree.xpath('//*[@data-figure="pair"]') if p.get("hidden") is None]
    assert pairs and all(province in p.get("data-filter-province").split() for p in pairs)
    assert all(str(year) in p.get("data-filter-year").split() for p in pairs)


def test_screenshot_at_2000_articles(large, tmp_path: Path) -> None:
    cjk_font()
    png = screenshot(large[1].as_uri(), tmp_path / "report-2000.png", width=1600, height=2600, budget_ms=8000)
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1600, 2600)
    assert png.stat().st_size > 300_000  # charts, a map and a long table, not a blank page
