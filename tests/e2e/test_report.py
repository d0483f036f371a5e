"""`parkmart report`: the self-contained HTML page, opened in headless Chromium and checked against SQL."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest

from parkmart.report import convex_hull, yi
from tests.e2e.headless import dump_dom_with_log, screenshot, visible_text
from tests.helpers import run_cli

# Announced investment per province and year, written independently of parkmart/report.py.
INVESTMENT_SQL = """
select coalesce(p.name, '(region unknown)'), year(coalesce(f.event_date, a.published_date)), sum(f.amount_cny)
from marts.fct_investments f
join marts.dim_article a using (article_id)
left join marts.dim_region r on r.region_code = f.region_code
left join marts.dim_region p on p.region_code = r.province_code
where f.counts_in_totals and f.amount_cny is not null
group by 1, 2
"""


@pytest.fixture(scope="module")
def report(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    run_cli("report", "--warehouse", str(sample_warehouse), "--out", str(out))
    return out


@pytest.fixture(scope="module")
def rendered(report: Path) -> tuple[lxml.html.HtmlElement, str]:
    dom, log = dump_dom_with_log(report.as_uri(), budget_ms=5000)
    return lxml.html.fromstring(dom), log


def test_report_needs_no_network(report: Path) -> None:
    page = report.read_text(encoding="utf-8")
    tree = lxml.html.fromstring(page)
    assert not tree.xpath("//script[@src]|//link[@href]|//img|//iframe"), "external resources in the page"
    assert not re.search(r"url\(|@import", page), "CSS must not load anything"
    assert tree.xpath("//svg"), "charts are inline SVG"


def test_renders_without_console_errors(rendered) -> None:
    tree, log = rendered
    body = tree.xpath("//body")[0]
    assert body.get("data-rendered") == "ok", "the page script did not run to its end"
    assert body.get("data-js-errors") == "0"
    console = [line for line in log.splitlines() if "CONSOLE" in line]
    assert console == [], f"console messages: {console}"


def test_investment_figures_equal_the_marts(rendered, marts) -> None:
    tree, _ = rendered
    shown = {(row.get("data-province"), int(row.get("data-year")) if row.get("data-year") else None):
             float(row.get("data-amount-cny")) for row in tree.xpath('//tr[@data-figure="investment"]')}
    expected = {(p, y): v for p, y, v in marts.execute(INVESTMENT_SQL).fetchall()}
    assert shown.keys() == expected.keys()
    for key, value in expected.items():
        assert shown[key] == pytest.approx(value), key


def test_years_are_the_marts_fact_year(rendered, marts) -> None:
    """One year rule: the report's yearly totals are those of fct_investments.fact_year (as mf's and SQL's)."""
    tree, _ = rendered
    shown: dict = {}
    for row in tree.xpath('//tr[@data-figure="investment"]'):
        year = int(row.get("data-year")) if row.get("data-year") else None
        shown[year] = shown.get(year, 0.0) + float(row.get("data-amount-cny"))
    expected = dict(marts.execute("select fact_year, sum(amount_cny) from marts.fct_investments "
                                  "where counts_in_totals and amount_cny is not null group by all").fetchall())
    assert len(expected) >= 2
    assert shown == pytest.approx(expected)


def test_headline_figures_equal_the_marts(rendered, marts) -> None:
    tree, _ = rendered
    headline = json.loads(tree.xpath("//body")[0].get("data-headline"))
    count = lambda table: marts.execute(f"select count(*) from marts.{table}").fetchone()[0]  # noqa: E731
    assert headline["projects"] == count("dim_project")
    assert headline["parks"] == count("dim_park")
    assert headline["cooperation_links"] == marts.execute(
        "select count(*) from marts.fct_cooperation where not is_reprint").fetchone()[0]
    assert headline["articles"] == count("dim_article")
    # The safe total of docs/overview.md, which the semantic layer's announced_investment_cny also uses.
    total = marts.execute("select sum(amount_cny) from marts.fct_investments where counts_in_totals").fetchone()[0]
    assert headline["investment_cny"] == pytest.approx(total)
    assert yi(total) in visible_text(lxml.html.tostring(tree, encoding="unicode"))


# Cooperation links without reprints per unordered pair of prefecture-level cities (a county
# counts as its city, a municipality's district as the municipality), written independently.
CITY_PAIRS_SQL = """
with sides as (
    select case when a.level = 'county' then a.parent_code else a.region_code end as x,
           case when b.level = 'county' then b.parent_code else b.region_code end as y
    from marts.fct_cooperation c
    join marts.dim_region a on a.region_code = c.region_code_a
    join marts.dim_region b on b.region_code = c.region_code_b
    where not c.is_reprint
)
select least(x, y), greatest(x, y), count(*) from sides group by 1, 2
"""


def test_funnel_and_links_equal_the_marts(rendered, marts) -> None:
    tree, _ = rendered
    stages = {g.get("data-stage"): int(g.get("data-projects")) for g in tree.xpath('//g[@data-figure="stage"]')}
    expected = dict(marts.execute("select event_type, count(distinct project_id) from marts.fct_projects "
                                  "where not is_reprint and not is_background group by 1").fetchall())
    assert stages == expected
    # Projects announced: the semantic layer's projects_announced (a batch of N counts N, members not again).
    announced = {g.get("data-stage"): int(g.get("data-projects-announced"))
                 for g in tree.xpath('//g[@data-figure="stage"]')}
    assert announced == dict(marts.execute(
        "select event_type, coalesce(sum(project_count) filter (where counts_in_totals and "
        "batch_project_event_id is null), 0) from marts.fct_projects where not is_reprint and not is_background "
        "group by 1").fetchall())
    pairs = {(p.get("data-city-a"), p.get("data-city-b")): int(p.get("data-links"))
             for p in tree.xpath('//*[@data-figure="pair"]')}
    expected_pairs = {(a, b): n for a, b, n in marts.execute(CITY_PAIRS_SQL).fetchall() if a != b}
    assert pairs and pairs == expected_pairs  # the sample has fewer pairs than the map draws
    legend = tree.xpath('//p[@class="map-legend"]')[0]
    assert int(legend.get("data-links-total")) == sum(n for _, _, n in marts.execute(CITY_PAIRS_SQL).fetchall())


def test_top_parks_equal_the_marts(rendered, marts) -> None:
    tree, _ = rendered
    shown = {g.get("data-park-id"): (float(g.get("data-amount-cny")), int(g.get("data-project-events")))
             for g in tree.xpath('//g[@data-figure="park"]')}
    invested = dict(marts.execute("select park_id, sum(amount_cny) from marts.fct_investments "
                                  "where counts_in_totals and park_id is not null group by 1").fetchall())
    events = dict(marts.execute("select park_id, count(*) from marts.fct_projects "
                                "where park_id is not null and not is_reprint and not is_background group by 1").fetchall())
    assert shown and len(shown) == min(10, len(invested.keys() | events.keys()))
    for park_id, (amount, n) in shown.items():
        assert amount == pytest.approx(invested.get(park_id, 0.0)), park_id
        assert n == events.get(park_id, 0), park_id
    # the park with the largest announced investment comes first
    first = tree.xpath('//g[@data-figure="park"]')[0].get("data-park-id")
    assert invested[first] == max(invested.values())


def test_latest_projects_carry_evidence_and_source(rendered, marts) -> None:
    tree, _ = rendered
    rows = [r for r in tree.xpath('//table[@id="latest"]/tbody/tr') if r.get("hidden") is None]
    n = marts.execute("select count(*) from marts.fct_projects where not is_reprint").fetchone()[0]
    assert len(rows) == min(20, n)
    evidence = {r[0] for r in marts.execute("select evidence_text from marts.fct_projects "
                                            "where not is_reprint").fetchall()}
    for row in rows:
        assert row.xpath('string(td[@class="evidence"])') in evidence
        assert row.xpath("string(td[8]//small)").strip(), "every row names its source file"


def test_drawn_labels_do_not_overlap(rendered) -> None:
    """The browser's own boxes of the map's labels (getBBox, measured by the page's script)."""
    body = rendered[0].xpath("//body")[0]
    assert int(body.get("data-labels")) >= 4
    assert body.get("data-label-overlaps") == "0"


def test_filters_show_one_province_and_year(report: Path, marts) -> None:
    """?province=&year= preselects the filters, as a person choosing them does."""
    province, year = marts.execute(
        "select r.province_code, f.fact_year from marts.fct_projects f join marts.dim_region r using (region_code) "
        "where not f.is_reprint and f.fact_year is not null group by all order by count(*) desc, 1, 2 limit 1").fetchone()
    dom = dump_dom_with_log(f"{report.as_uri()}?province={province}&year={year}", budget_ms=5000)[0]
    tree = lxml.html.fromstring(dom)
    assert tree.xpath("//body")[0].get("data-filter") == f"{province}/{year}"
    visible = [r for r in tree.xpath('//tr[@data-figure="latest"]') if r.get("hidden") is None]
    expected = marts.execute("select count(*) from marts.fct_projects f join marts.dim_region r using (region_code) "
                             "where not f.is_reprint and r.province_code = ? and f.fact_year = ?",
                             [province, year]).fetchone()[0]
    assert len(visible) == min(20, expected) > 0
    assert all(r.get("data-filter-province") == province and r.get("data-filter-year") == str(year) for r in visible)
    bars = [g for g in tree.xpath('//g[@data-filter-year]') if g.get("hidden") is None and g.xpath(".//rect")]
    assert all(g.get("data-filter-year") == str(year) and province in g.get("data-filter-province").split()
               for g in bars)


def test_screenshot_is_not_blank(report: Path, tmp_path: Path) -> None:
    png = screenshot(report.as_uri(), tmp_path / "report.png", width=1600, height=2400, budget_ms=5000)
    assert png.stat().st_size > 50_000


@pytest.mark.parametrize(("amount", "expected"), [
    (2.926e10, "292.6亿元"), (9.5e8, "9.5亿元"), (1.5e12, "15,000.0亿元"), (None, "–"),
])
def test_yi(amount, expected) -> None:
    assert yi(amount) == expected


def test_convex_hull_drops_inner_points() -> None:
    hull = convex_hull([(120.0, 30.0), (122.0, 30.0), (122.0, 32.0), (120.0, 32.0), (121.0, 31.0), (121.5, 30.5)])
    assert sorted(hull) == [(120.0, 30.0), (120.0, 32.0), (122.0, 30.0), (122.0, 32.0)]
