"""``parkmart report``: one self-contained HTML page of charts over the marts.

Everything is inline (SVG, CSS, a few lines of JS): the file opens offline and can be
mailed. Every figure drawn is also written as ``data-*`` attributes so that a test (or a
suspicious reader) can compare the page with SQL on the marts.

Totals follow the marts' safe-aggregation rule, ``counts_in_totals`` (docs/overview.md):
announced investment is ``sum(amount_cny) filter (where counts_in_totals)`` on
``fct_investments`` (investment only, no reprints, batch totals instead of their members),
the same definition as the semantic layer's ``announced_investment_cny`` metric.
"""

from __future__ import annotations

import html
import json
import math
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from ingest.load import connect
from parkmart.errors import WarehouseMissingError

# Facts are dated by the marts' fact_date/fact_year (the event's date, else the publication date).
INVESTMENT_BY_PROVINCE_YEAR = """
select coalesce(p.name, '(region unknown)') as province, p.region_code as province_code, f.fact_year as year,
       sum(f.amount_cny) as amount_cny, count(*) as amounts
from marts.fct_investments f
left join marts.dim_region r on r.region_code = f.region_code
left join marts.dim_region p on p.region_code = r.province_code
where f.counts_in_totals and f.amount_cny is not null
group by all order by province, year nulls last
"""

TOP_PARKS = """
with inv as (
    select f.park_id, sum(f.amount_cny) as amount_cny
    from marts.fct_investments f
    where f.counts_in_totals and f.park_id is not null
    group by all
),
events as (
    select park_id, count(*) as project_events
    from marts.fct_projects where park_id is not null and not is_reprint and not is_background group by all
)
select k.park_id, k.park_name, coalesce(r.name, '') as region,
       coalesce(inv.amount_cny, 0) as amount_cny, coalesce(events.project_events, 0) as project_events,
       k.article_count
from marts.dim_park k
left join inv using (park_id)
left join events using (park_id)
left join marts.dim_region r on r.region_code = k.host_region_code
where inv.amount_cny is not null or events.project_events is not null
order by amount_cny desc, project_events desc, k.article_count desc, k.park_name
limit 10
"""

# Lifecycle stages in the order a project passes them (seeds/event_types.csv); other, no stage, last.
LIFECYCLE_STAGES = """
select event_type, label_en || ' ' || label_zh as label
from reference.event_types order by stage_order = 0, stage_order
"""

# Projects per lifecycle stage as their articles report them: a background milestone
# (is_background, a 奠基 an article recalls) is left out, so each article counts a project once.
LIFECYCLE_FUNNEL = """
select event_type, count(distinct project_id) as projects,
       coalesce(sum(project_count) filter (where counts_in_totals and batch_project_event_id is null), 0)
           as projects_counting_batches
from marts.fct_projects where not is_reprint and not is_background group by all
"""

# Cooperation links (no reprints) rolled up to prefecture-level cities (a municipality's
# districts to the municipality, a province-level side stays the province): one row per
# unordered pair of cities, with the links' count, years and kinds.
CITY_PAIRS = """
with sides as (
    select c.cooperation_id, c.link_type, c.fact_year,
           coalesce(ra.city_code, ra.region_code) as side_a, coalesce(rb.city_code, rb.region_code) as side_b
    from marts.fct_cooperation c
    join marts.dim_region ra on ra.region_code = c.region_code_a
    join marts.dim_region rb on rb.region_code = c.region_code_b
    where c.counts_in_totals
),
pairs as (
    select least(side_a, side_b) as city_a, greatest(side_a, side_b) as city_b, count(*) as links,
           list_filter(list(distinct fact_year order by fact_year), lambda y: y is not null) as years,
           list(distinct link_type order by link_type) as link_types
    from sides group by all
)
select p.city_a, a.name as name_a, a.province_code as province_a, a.longitude as lon_a, a.latitude as lat_a,
       a.is_yrd as yrd_a, p.city_b, b.name as name_b, b.province_code as province_b, b.longitude as lon_b,
       b.latitude as lat_b, b.is_yrd as yrd_b, p.links, p.years, p.link_types
from pairs p
join marts.dim_region a on a.region_code = p.city_a
join marts.dim_region b on b.region_code = p.city_b
order by p.links desc, p.city_a, p.city_b
"""

YRD_COUNTIES = """
select r.region_code, r.province_code, p.short_name as province, r.level, r.name, r.longitude, r.latitude
from marts.dim_region r join marts.dim_region p on p.region_code = r.province_code
where r.is_yrd and r.is_current and r.longitude is not null
"""

PROVINCES = """
select region_code as province_code, name from marts.dim_region
where level = 'province' and is_current order by region_code
"""

LATEST_PROJECTS = """
select f.project_name, f.event_type, f.fact_date as event_date, f.fact_year,
       f.investment_cny, coalesce(k.park_name, '') as park_name, coalesce(r.name, '') as region,
       r.province_code,
       f.evidence_text, coalesce(a.title, '') as title, coalesce(a.source_name, '') as source_name,
       coalesce(a.source_url, '') as source_url, a.source_file
from marts.fct_projects f
join marts.dim_article a on a.article_id = f.article_id
left join marts.dim_park k on k.park_id = f.park_id
left join marts.dim_region r on r.region_code = f.region_code
where not f.is_reprint
order by f.fact_date desc nulls last, f.project_name, f.project_event_id
limit {limit}
"""

HEADLINE = """
select (select count(*) from marts.dim_article) as articles,
       (select count(*) from marts.dim_article where duplicate_of is null) as canonical_articles,
       (select sum(amount_cny) from marts.fct_investments where counts_in_totals) as investment_cny,
       (select count(*) from marts.dim_project) as projects,
       (select count(*) from marts.dim_park) as parks,
       (select count(*) from marts.fct_cooperation where counts_in_totals) as cooperation_links
"""

PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b83280", "#2c7a7b", "#975a16", "#4a5568")
# The four provinces of the delta keep the first colours; the others get evenly spread hues.
YRD_COLOURS = {"310000": "#2b6cb0", "320000": "#c05621", "330000": "#2f855a", "340000": "#6b46c1"}
UNKNOWN_COLOUR = "#a0aec0"
# Provinces drawn as their own bars; the others are summed into one "other provinces" bar.
MAX_PROVINCE_BARS = 8
OTHER_PROVINCES = "other provinces 其他省份"
# City pairs drawn on the map, the most links first; the legend counts the rest.
MAP_PAIRS = 30
# Latest project events kept in the page for the filters; `latest` of them are shown at once.
LATEST_POOL = 400


@dataclass
class ReportData:
    """Everything the page shows, read once from the warehouse."""

    headline: dict
    by_province_year: list[dict]
    top_parks: list[dict]
    funnel: list[dict]
    pairs: list[dict]
    counties: list[dict]
    latest: list[dict]
    provinces: list[dict]
    latest_shown: int = 20
    built: str = field(default_factory=lambda: datetime.now().strftime("%Y-%m-%d %H:%M"))


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def load_report_data(warehouse: Path, latest: int = 20) -> ReportData:
    """Read the figures of the report from ``warehouse`` (read-only)."""
    if not warehouse.exists():
        raise WarehouseMissingError(str(warehouse))
    con = connect(warehouse, read_only=True)
    try:
        funnel = {r["event_type"]: r for r in _rows(con, LIFECYCLE_FUNNEL)}
        return ReportData(
            headline=_rows(con, HEADLINE)[0],
            by_province_year=_rows(con, INVESTMENT_BY_PROVINCE_YEAR),
            top_parks=_rows(con, TOP_PARKS),
            funnel=[dict(funnel[s["event_type"]], label=s["label"]) for s in _rows(con, LIFECYCLE_STAGES)
                    if s["event_type"] in funnel],
            pairs=_rows(con, CITY_PAIRS),
            counties=_rows(con, YRD_COUNTIES),
            latest=_rows(con, LATEST_PROJECTS.format(limit=max(int(latest), LATEST_POOL))),
            provinces=_rows(con, PROVINCES),
            latest_shown=int(latest),
        )
    finally:
        con.close()


def yi(amount_cny: float | None) -> str:
    """An amount in yuan as 亿元 (10^8 yuan), the unit Chinese news uses.

    >>> yi(2.926e10), yi(9.5e8), yi(3e7), yi(None)
    ('292.6亿元', '9.5亿元', '0.3亿元', '–')
    """
    if amount_cny is None:
        return "–"
    return f"{amount_cny / 1e8:,.1f}亿元"


def plural(n: int, noun: str) -> str:
    """``n`` and ``noun``, with an s unless ``n`` is 1.

    >>> plural(1, "project"), plural(14, "project")
    ('1 project', '14 projects')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def link_or_text(url: str | None, text: str) -> str:
    """``text`` (already escaped) as a link to ``url`` when that is an http(s) URL, else as it is.

    Article data decides ``url``, so nothing else becomes a link: no ``javascript:``,
    ``data:``, ``file:`` or relative target.

    >>> link_or_text("https://news.example.invalid/a?b=1&c=2", "新闻")
    '<a href="https://news.example.invalid/a?b=1&amp;c=2" rel="noreferrer">新闻</a>'
    >>> link_or_text("javascript:alert(1)", "新闻"), link_or_text(" JavaScript:alert(1)", "新闻")
    ('新闻', '新闻')
    """
    if not url:
        return text
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme.lower() not in ("http", "https") or not parsed.netloc or url != url.strip():
        return text
    return f'<a href="{_e(url)}" rel="noreferrer">{text}</a>'


def _num(value: float | int | None) -> str:
    """A figure for a data attribute: exact enough to compare with SQL."""
    return "" if value is None else repr(float(value))


def _hex(hue: float, saturation: float, lightness: float) -> str:
    """An HSL colour (hue in degrees, the others 0–1) as #rrggbb."""
    chroma = (1 - abs(2 * lightness - 1)) * saturation
    h = (hue % 360) / 60
    x = chroma * (1 - abs(h % 2 - 1))
    r, g, b = [(chroma, x, 0), (x, chroma, 0), (0, chroma, x), (0, x, chroma), (x, 0, chroma), (chroma, 0, x)][int(h)]
    m = lightness - chroma / 2
    return "#" + "".join(f"{round((v + m) * 255):02x}" for v in (r, g, b))


def province_colours(codes: Iterable[str]) -> dict[str, str]:
    """One colour per province code, never shared: the delta's four fixed, the others on
    hues spread by the golden angle, alternating two lightnesses.

    >>> colours = province_colours(["310000", "320000", "110000", "120000"])
    >>> colours["310000"], len(set(colours.values()))
    ('#2b6cb0', 4)
    """
    given = set(codes)
    colours = {code: YRD_COLOURS[code] for code in sorted(given) if code in YRD_COLOURS}
    others = sorted(code for code in given if code not in YRD_COLOURS)
    for i, code in enumerate(others):
        hue, lightness = 15 + i * 137.508, 0.38 if i % 2 else 0.52
        while _hex(hue, 0.55, lightness) in colours.values():  # never two provinces in one colour
            hue += 7
        colours[code] = _hex(hue, 0.55, lightness)
    return colours


def _attr_list(values: Iterable[object]) -> str:
    """Values for a space-separated data attribute that the page's filters read."""
    return " ".join(_e(v) for v in values if v is not None)


# --- charts -----------------------------------------------------------------------------

def investment_chart(rows: list[dict], colours: dict[str, str], width: int = 760, height: int = 320) -> str:
    """Grouped bars: one group per year, one bar per province (the largest MAX_PROVINCE_BARS,
    the rest summed); a bar's value is written only where it fits in the bar's width."""
    if not rows:
        return '<p class="empty">No investment amounts in the warehouse.</p>'
    totals: dict[str, float] = {}
    for r in rows:
        totals[r["province"]] = totals.get(r["province"], 0.0) + r["amount_cny"]
    ranked = sorted(totals, key=lambda p: (-totals[p], p))
    drawn = ranked if len(ranked) <= MAX_PROVINCE_BARS else ranked[:MAX_PROVINCE_BARS - 1]
    code_of = {r["province"]: r["province_code"] for r in rows}
    bars: dict[tuple[str, int | None], dict] = {}
    for r in rows:
        name = r["province"] if r["province"] in drawn else OTHER_PROVINCES
        bar = bars.setdefault((name, r["year"]), {"amount_cny": 0.0, "amounts": 0, "codes": set()})
        bar["amount_cny"] += r["amount_cny"]
        bar["amounts"] += r["amounts"]
        bar["codes"].add(code_of[r["province"]] or "")
    provinces = [p for p in [*drawn, OTHER_PROVINCES] if any(k[0] == p for k in bars)]
    colour = {p: colours.get(code_of.get(p) or "", UNKNOWN_COLOUR) for p in drawn}
    colour[OTHER_PROVINCES] = "#718096"
    years = sorted({r["year"] for r in rows}, key=lambda y: (y is None, y))
    top = max(b["amount_cny"] for b in bars.values()) or 1.0
    left, bottom, plot_h = 70, 40, height - 70
    group_w = (width - left - 20) / len(years)
    bar_w = min(36.0, (group_w - 16) / len(provinces))
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="investment by province and year">']
    for i in range(5):
        v = top * i / 4
        y = 20 + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" class="axis" text-anchor="end">{v / 1e8:,.0f}</text>')
    parts.append(f'<text x="14" y="{20 + plot_h / 2:.0f}" class="axis" transform="rotate(-90 14 {20 + plot_h / 2:.0f})" '
                 'text-anchor="middle">亿元 (10⁸ CNY)</text>')
    for gi, year in enumerate(years):
        gx = left + gi * group_w + (group_w - bar_w * len(provinces)) / 2
        for pi, province in enumerate(provinces):
            bar = bars.get((province, year))
            if bar is None:
                continue
            h = plot_h * bar["amount_cny"] / top
            x, y = gx + pi * bar_w, 20 + plot_h - h
            value = f'{bar["amount_cny"] / 1e8:,.1f}'
            label = (f'<text x="{x + (bar_w - 2) / 2:.1f}" y="{y - 4:.1f}" class="value" text-anchor="middle">'
                     f'{value}</text>') if label_width(value, 11) <= bar_w - 2 else ""
            parts.append(
                f'<g data-filter-province="{_attr_list(sorted(bar["codes"]))}" data-filter-year="{_e(year)}">'
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" fill="{colour[province]}">'
                f'<title>{_e(province)} {year or "year unknown"}: {yi(bar["amount_cny"])} '
                f'({bar["amounts"]} amounts)</title></rect>{label}</g>')
        parts.append(f'<text x="{left + gi * group_w + group_w / 2:.1f}" y="{height - bottom + 28}" class="axis" '
                     f'text-anchor="middle">{year or "unknown"}</text>')
    parts.append("</svg>")
    legend = "".join(f'<span class="key"><i style="background:{colour[p]}"></i>{_e(p)}</span>' for p in provinces)
    table = "".join(
        f'<tr data-figure="investment" data-province="{_e(r["province"])}" data-year="{_e(r["year"])}" '
        f'data-amount-cny="{_num(r["amount_cny"])}" data-filter-province="{_e(r["province_code"] or "")}" '
        f'data-filter-year="{_e(r["year"])}"><td>{_e(r["province"])}</td><td>{_e(r["year"] or "unknown")}</td>'
        f'<td class="n">{yi(r["amount_cny"])}</td><td class="n">{r["amounts"]}</td></tr>' for r in rows)
    return (f'<div class="legend">{legend}</div>{"".join(parts)}<details><summary>figures</summary>'
            f'<table class="data"><tr><th>province</th><th>year</th><th>announced investment</th>'
            f'<th>amounts</th></tr>{table}</table></details>')


def parks_chart(rows: list[dict], width: int = 760) -> str:
    """Horizontal bars: announced investment and project events per park."""
    if not rows:
        return '<p class="empty">No park has investment or project events yet.</p>'
    row_h, name_w, bar_w = 30, 260, 220
    height = row_h * len(rows) + 30
    top_inv = max(r["amount_cny"] for r in rows) or 1.0
    top_ev = max(r["project_events"] for r in rows) or 1
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="top parks">',
             f'<text x="{name_w}" y="14" class="axis">announced investment (亿元)</text>',
             f'<text x="{name_w + bar_w + 60}" y="14" class="axis">project events</text>']
    for i, r in enumerate(rows):
        y = 26 + i * row_h
        inv_w = bar_w * r["amount_cny"] / top_inv
        ev_w = (bar_w - 40) * r["project_events"] / top_ev
        inv_label = f'{r["amount_cny"] / 1e8:,.1f}' if r["amount_cny"] else "–"
        parts.append(
            f'<g data-figure="park" data-park-id="{_e(r["park_id"])}" data-amount-cny="{_num(r["amount_cny"])}" '
            f'data-project-events="{r["project_events"]}">'
            f'<text x="{name_w - 8}" y="{y + 15}" text-anchor="end" class="label">{_e(r["park_name"])}'
            f'<title>{_e(r["park_name"])} ({_e(r["region"])}), {r["article_count"]} articles</title></text>'
            f'<rect x="{name_w}" y="{y + 3}" width="{inv_w:.1f}" height="{row_h - 10}" fill="{PALETTE[0]}"/>'
            f'<text x="{name_w + inv_w + 4:.1f}" y="{y + 16}" class="value">{inv_label}</text>'
            f'<rect x="{name_w + bar_w + 60}" y="{y + 3}" width="{ev_w:.1f}" height="{row_h - 10}" fill="{PALETTE[1]}"/>'
            f'<text x="{name_w + bar_w + 64 + ev_w:.1f}" y="{y + 16}" class="value">{r["project_events"]}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def funnel_chart(rows: list[dict], width: int = 760) -> str:
    """A funnel of distinct projects per lifecycle stage, in lifecycle order."""
    if not rows:
        return '<p class="empty">No project events yet.</p>'
    row_h = 38
    height = row_h * len(rows) + 10
    top = max(r["projects"] for r in rows) or 1
    mid = 160 + (width - 440) / 2
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="project lifecycle funnel">']
    for i, r in enumerate(rows):
        w = max(6.0, (width - 440) * r["projects"] / top)
        y = 5 + i * row_h
        batches = r["projects_counting_batches"] or 0
        batch_note = f"; {batches} announced" if batches != r["projects"] else ""
        parts.append(
            f'<g data-figure="stage" data-stage="{_e(r["event_type"])}" data-projects="{r["projects"]}" '
            f'data-projects-announced="{batches}">'
            f'<text x="150" y="{y + 22}" text-anchor="end" class="label">{_e(r["label"])}</text>'
            f'<rect x="{mid - w / 2:.1f}" y="{y}" width="{w:.1f}" height="{row_h - 6}" rx="3" '
            f'fill="{PALETTE[i % 8]}" opacity="0.85"/>'
            f'<text x="{mid + w / 2 + 8:.1f}" y="{y + 21}" class="label">{plural(r["projects"], "project")}'
            f'{batch_note}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def convex_hull(points: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """Andrew's monotone chain; the approximate outline of a province from its county seats.

    >>> convex_hull([(0, 0), (1, 0), (1, 1), (0, 1), (0.5, 0.5)])
    [(0, 0), (1, 0), (1, 1), (0, 1)]
    """
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o, a, b) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list = []
    upper: list = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


# A label's bounding box on the canvas: left, top, right, bottom.
Box = tuple[float, float, float, float]
# Offsets (dx, dy) of a label's baseline start from its dot, nearest first; "L" = left of the dot.
LABEL_OFFSETS = [(7, -6), (7, 16), ("L", -6), ("L", 16), (7, -22), ("L", -22), (7, 32), ("L", 32),
                 (24, -40), ("L", -40), (24, 50), ("L", 50), (40, -58), ("L", 68)]


def label_width(text: str, size: float = 12) -> float:
    """Rough rendered width of ``text``: a Han character is one em, other characters ~0.6 em.

    >>> label_width("嘉定区"), label_width("Jiading")
    (36.0, 50.4)
    """
    return round(float(sum(size if ord(ch) > 0x2E80 else 0.6 * size for ch in text)), 1)


def label_box(x: float, y: float, width: float, size: float = 12) -> Box:
    """The box a browser gives a label written at baseline (x, y): CJK fonts reserve about
    1.2 em above the baseline and 0.35 em below it (Noto Sans CJK: 1.16 and 0.29).

    >>> label_box(100, 100, 36)
    (99, 85.6, 137, 104.2)
    """
    return (x - 1, round(y - 1.2 * size, 1), x + width + 1, round(y + 0.35 * size, 1))


def overlaps(a: Box, b: Box) -> bool:
    """True when two boxes share any area (touching edges do not count).

    >>> overlaps((0, 0, 10, 10), (5, 5, 15, 15)), overlaps((0, 0, 10, 10), (10, 0, 20, 10))
    (True, False)
    """
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_label(x: float, y: float, width: float, placed: list[Box], size: float = 12) -> tuple[float, float] | None:
    """Where to write a label for the dot at (x, y): the nearest offset whose box is free,
    or None when every offset would overlap a label already placed (the label is left out;
    its dot keeps a tooltip). The chosen box is appended to ``placed``.

    >>> taken = []
    >>> place_label(100, 100, 36, taken), place_label(100, 100, 36, taken)
    ((107, 94), (107, 116))
    >>> taken = [(0, 0, 1000, 1000)]
    >>> place_label(100, 100, 36, taken) is None
    True
    """
    for dx, dy in LABEL_OFFSETS:
        lx = x - 7 - width if dx == "L" else x + dx
        ly = y + dy
        box = label_box(lx, ly, width, size)
        if not any(overlaps(box, other) for other in placed):
            placed.append(box)
            return lx, ly
    return None


class Projection:
    """Equirectangular projection of the delta's bounding box onto an SVG canvas."""

    def __init__(self, lons: list[float], lats: list[float], width: int, height: int, pad: int = 30) -> None:
        self.lon0, self.lat1 = min(lons) - 0.3, max(lats) + 0.3
        span_lon, span_lat = max(lons) + 0.3 - self.lon0, self.lat1 - (min(lats) - 0.3)
        kx = math.cos(math.radians((self.lat1 + min(lats)) / 2))  # shrink longitude with latitude
        self.scale = min((width - 2 * pad) / (span_lon * kx), (height - 2 * pad) / span_lat)
        self.kx, self.pad = kx, pad

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (self.pad + (lon - self.lon0) * self.kx * self.scale, self.pad + (self.lat1 - lat) * self.scale)


def map_chart(counties: list[dict], pairs: list[dict], colours: dict[str, str],
              width: int = 760, height: int = 640, top: int = MAP_PAIRS) -> str:
    """The Yangtze River Delta: province outlines (hulls of county seats), cities, and the
    ``top`` city pairs with the most cooperation links (a curve each, wider for more links);
    the legend counts what is not drawn. Labels never overlap: one that finds no free place
    is left out (its dot keeps a tooltip) and counted."""
    if not counties:
        return '<p class="empty">No Yangtze River Delta regions with coordinates.</p>'
    proj = Projection([c["longitude"] for c in counties], [c["latitude"] for c in counties], width, height)
    provinces = sorted({(c["province_code"], c["province"]) for c in counties})
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="map of cross-region links" class="map">']
    province_labels: list[tuple[str, float, float, str]] = []
    for code, name in provinces:
        colour = colours.get(code, UNKNOWN_COLOUR)
        hull = convex_hull((c["longitude"], c["latitude"]) for c in counties if c["province_code"] == code)
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (proj(*p) for p in hull))
        parts.append(f'<polygon points="{pts}" fill="{colour}" fill-opacity="0.08" data-province="{_e(code)}" '
                     f'stroke="{colour}" stroke-opacity="0.5" stroke-dasharray="4 3"/>')
        seats = [c for c in counties if c["province_code"] == code]
        cx = sum(proj(c["longitude"], c["latitude"])[0] for c in seats) / len(seats)
        cy = sum(proj(c["longitude"], c["latitude"])[1] for c in seats) / len(seats)
        province_labels.append((name, cx, cy, colour))
    for c in counties:
        if c["level"] == "city":
            x, y = proj(c["longitude"], c["latitude"])
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.2" class="city"><title>{_e(c["name"])}</title></circle>')
    drawable = [p for p in pairs if p["city_a"] != p["city_b"] and p["yrd_a"] and p["yrd_b"]
                and p["lon_a"] is not None and p["lon_b"] is not None]
    drawn = drawable[:top]
    within = sum(p["links"] for p in pairs if p["city_a"] == p["city_b"])
    outside = sum(p["links"] for p in pairs if p["city_a"] != p["city_b"] and p not in drawable)
    hidden = drawable[top:]
    most = max((p["links"] for p in drawn), default=1)
    ends: dict[str, tuple[str, float, float, set[str]]] = {}
    for pair in drawn:
        (x1, y1), (x2, y2) = proj(pair["lon_a"], pair["lat_a"]), proj(pair["lon_b"], pair["lat_b"])
        length = math.hypot(x2 - x1, y2 - y1) or 1
        bend = 0.2 * length  # curve the link so links sharing a city stay apart
        mx, my = (x1 + x2) / 2 - bend * (y2 - y1) / length, (y1 + y2) / 2 + bend * (x2 - x1) / length
        key = f'{pair["city_a"]}-{pair["city_b"]}'
        kinds = ", ".join(pair["link_types"])
        years = ", ".join(str(y) for y in pair["years"]) or "undated"
        parts.append(
            f'<path d="M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {x2:.1f},{y2:.1f}" class="link" '
            f'stroke-width="{1.2 + 4.8 * pair["links"] / most:.1f}" data-figure="pair" data-pair="{key}" '
            f'data-city-a="{_e(pair["city_a"])}" data-city-b="{_e(pair["city_b"])}" data-links="{pair["links"]}" '
            f'data-filter-province="{_attr_list({pair["province_a"], pair["province_b"]})}" '
            f'data-filter-year="{_attr_list(pair["years"])}">'
            f'<title>{_e(pair["name_a"])} – {_e(pair["name_b"])}: {plural(pair["links"], "link")} ({_e(kinds)}; '
            f'{_e(years)})</title></path>')
        for side, x, y in (("a", x1, y1), ("b", x2, y2)):
            code = pair[f"city_{side}"]
            ends.setdefault(code, (pair[f"name_{side}"], x, y, set()))[3].add(key)
    placed: list[Box] = [(x - 5, y - 5, x + 5, y + 5) for _, x, y, _ in ends.values()]
    unlabelled = 0
    for code, (name, x, y, keys) in sorted(ends.items(), key=lambda e: (e[1][1], e[1][2])):
        w = label_width(name)
        spot = place_label(x, y, w, placed)
        label = ""
        if spot is None:
            unlabelled += 1
        else:
            lx, ly = spot
            if math.hypot(lx - x, ly - y) > 22:  # moved away from its dot: draw a leader line
                edge = lx + w if lx + w < x else lx
                label += f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{edge:.1f}" y2="{ly - 4:.1f}" class="leader"/>'
            label += f'<text x="{lx:.1f}" y="{ly:.1f}" class="endlabel">{_e(name)}</text>'
        parts.append(f'<g class="end-group" data-city="{_e(code)}" data-pairs="{" ".join(sorted(keys))}">'
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" class="end"><title>{_e(name)}</title></circle>'
                     f'{label}</g>')
    for name, cx, cy, colour in province_labels:  # last, where the city labels left room
        spot = place_label(cx, cy, label_width(name, 18), placed, size=18)
        if spot is None:
            unlabelled += 1
            continue
        parts.append(f'<text x="{spot[0]:.1f}" y="{spot[1]:.1f}" class="province" fill="{colour}">{_e(name)}</text>')
    parts.append("</svg>")
    total = sum(p["links"] for p in pairs)
    notes = [f'{plural(len(drawn), "city pair")} drawn ({plural(sum(p["links"] for p in drawn), "link")})']
    if hidden:
        notes.append(f'{plural(len(hidden), "smaller pair")} hidden ({plural(sum(p["links"] for p in hidden), "link")})')
    if within:
        notes.append(f'{plural(within, "link")} within one city')
    if outside:
        notes.append(f'{plural(outside, "link")} with a place outside the delta or without coordinates')
    if unlabelled:
        notes.append(f'{plural(unlabelled, "label")} left out where no free place was found (hover the dot)')
    legend = (f'<p class="map-legend" data-pairs-drawn="{len(drawn)}" data-pairs-hidden="{len(hidden)}" '
              f'data-links-total="{total}" data-links-hidden="{sum(p["links"] for p in hidden)}" '
              f'data-links-within="{within}" data-links-outside="{outside}" data-labels-left-out="{unlabelled}">'
              f'Of {plural(total, "cooperation link")} (no reprints), rolled up to prefecture-level cities: '
              f'{"; ".join(notes)}.</p>')
    return "".join(parts) + legend


def latest_table(rows: list[dict], shown: int = 20) -> str:
    """The latest project events (no reprints) with their evidence sentence and source; the
    first ``shown`` are visible, the page's filters show the first ``shown`` that match."""
    if not rows:
        return '<p class="empty">No project events yet.</p>'
    body = []
    for i, r in enumerate(rows):
        source = link_or_text(r["source_url"], _e(r["source_name"] or r["title"] or r["source_file"]))
        body.append(
            f'<tr data-figure="latest" data-investment-cny="{_num(r["investment_cny"])}" '
            f'data-filter-province="{_e(r["province_code"] or "")}" data-filter-year="{_e(r["fact_year"])}"'
            f'{" hidden" if i >= shown else ""}>'
            f'<td class="d">{_e(r["event_date"] or "")}</td><td>{_e(r["project_name"])}</td><td>{_e(r["event_type"])}</td>'
            f'<td class="n">{yi(r["investment_cny"])}</td><td>{_e(r["park_name"])}</td><td>{_e(r["region"])}</td>'
            f'<td class="evidence">{_e(r["evidence_text"])}</td>'
            f'<td>{source}<br><small>{_e(r["source_file"])}</small></td></tr>')
    head = "".join(f"<th>{h}</th>" for h in ("date", "project", "event", "investment", "park", "region",
                                              "evidence", "source"))
    return (f'<table class="data sortable" id="latest" data-shown="{shown}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def filters_form(provinces: list[dict], years: list[int]) -> str:
    """Province and year selectors; the page's script applies them (nothing is fetched)."""
    province_options = "".join(f'<option value="{_e(p["province_code"])}">{_e(p["name"])}</option>' for p in provinces)
    year_options = "".join(f'<option value="{y}">{y}</option>' for y in years)
    return (f'<form id="filters" class="filters"><label>province 省份 <select name="province">'
            f'<option value="">all 全部</option>{province_options}</select></label> '
            f'<label>year 年份 <select name="year"><option value="">all 全部</option>{year_options}</select></label> '
            f'<small>Filters apply to the investment chart and its figures, the map\'s city pairs and the latest '
            f'events; the headline figures are the whole warehouse\'s. <span id="filter-status"></span></small></form>')


# --- the page ---------------------------------------------------------------------------

CSS = """
body{font:14px/1.5 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;
color:#1a202c;background:#f7fafc}
header{background:#1a365d;color:#fff;padding:18px 32px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;opacity:.8}main{max-width:1600px;margin:0 auto;padding:16px 24px;
display:grid;grid-template-columns:repeat(auto-fit,minmax(720px,1fr));gap:16px}
section{background:#fff;border:1px solid #e2e8f0;border-radius:6px;padding:12px 18px}
section.wide{grid-column:1/-1}h2{font-size:16px;margin:4px 0 8px}
.kpis{display:flex;gap:12px;flex-wrap:wrap}.kpi{background:#ebf4ff;border-radius:6px;padding:8px 14px}
.kpi b{display:block;font-size:20px}svg{width:100%;height:auto}.grid{stroke:#e2e8f0}
.axis{font-size:11px;fill:#4a5568}.value{font-size:11px;fill:#2d3748}.label{font-size:12px;fill:#1a202c}
.inbar{font-size:12px;fill:#fff;font-weight:600}.province{font-size:18px;font-weight:700;opacity:.7}
.city{fill:#a0aec0}.link{fill:none;stroke:#c53030;stroke-opacity:.7}.end{fill:#c53030;stroke:#fff;stroke-width:1.5}
.endlabel{font-size:12px;font-weight:600;paint-order:stroke;stroke:#fff;stroke-width:3px}
.leader{stroke:#718096;stroke-width:.8}.filters{margin-top:10px}.filters select{margin-right:12px}
.map-legend{font-size:12px;color:#4a5568}td.d{white-space:nowrap}
.legend .key{margin-right:14px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
table.data{border-collapse:collapse;width:100%;font-size:13px}
table.data th,table.data td{border-bottom:1px solid #e2e8f0;padding:4px 6px;text-align:left;vertical-align:top}
table.data th{cursor:pointer;background:#edf2f7}td.n{text-align:right;white-space:nowrap}
td.evidence{max-width:520px}.empty{color:#718096}footer{padding:8px 32px;color:#718096;font-size:12px}
"""

# Collects script errors into the page, enables sorting of tables by a header click, applies
# the province/year filters to every element carrying data-filter-province/-year, and
# measures the map's drawn labels (data-label-overlaps: pairs of label boxes that overlap).
JS = """
(function(){
  var errors=[];
  window.addEventListener('error',function(e){errors.push(String(e.message));
    document.body.setAttribute('data-js-errors',String(errors.length));});
  document.body.setAttribute('data-js-errors','0');
  document.querySelectorAll('table.sortable').forEach(function(table){
    table.querySelectorAll('th').forEach(function(th,col){
      th.addEventListener('click',function(){
        var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
        var asc=th.getAttribute('data-asc')!=='1';th.setAttribute('data-asc',asc?'1':'0');
        rows.sort(function(a,b){var x=a.cells[col].textContent,y=b.cells[col].textContent;
          return asc?x.localeCompare(y,'zh'):y.localeCompare(x,'zh');});
        rows.forEach(function(r){body.appendChild(r);});
      });
    });
  });
  function has(el,name,value){
    return !value||(' '+(el.getAttribute(name)||'')+' ').indexOf(' '+value+' ')>=0;}
  function applyFilters(){
    var form=document.getElementById('filters');if(!form)return;
    var province=form.elements.province.value,year=form.elements.year.value,shown=0;
    var latest=document.getElementById('latest'),limit=latest?+latest.getAttribute('data-shown'):0;
    document.querySelectorAll('[data-filter-province]').forEach(function(el){
      var ok=has(el,'data-filter-province',province)&&has(el,'data-filter-year',year);
      if(ok&&el.getAttribute('data-figure')==='latest'){shown+=1;ok=shown<=limit;}
      if(ok){el.removeAttribute('hidden');el.style.display='';}
      else{el.setAttribute('hidden','');el.style.display='none';}
    });
    document.querySelectorAll('g.end-group').forEach(function(g){
      var any=g.getAttribute('data-pairs').split(' ').some(function(key){
        var p=document.querySelector('path[data-pair="'+key+'"]');return p&&!p.hasAttribute('hidden');});
      g.style.display=any?'':'none';
    });
    var status=document.getElementById('filter-status');
    if(status)status.textContent=(province||year)?'Filtered.':'';
    document.body.setAttribute('data-filter',(province||'all')+'/'+(year||'all'));
  }
  var form=document.getElementById('filters');
  if(form){form.addEventListener('change',applyFilters);
    var params=new URLSearchParams(location.search);
    if(params.get('province'))form.elements.province.value=params.get('province');
    if(params.get('year'))form.elements.year.value=params.get('year');
    applyFilters();}
  var boxes=[];
  document.querySelectorAll('svg.map text.endlabel, svg.map text.province').forEach(function(t){
    if(t.closest('[style*="none"]'))return;var b=t.getBBox();boxes.push([b.x,b.y,b.x+b.width,b.y+b.height]);});
  var overlaps=0;
  for(var i=0;i<boxes.length;i++)for(var j=i+1;j<boxes.length;j++){var a=boxes[i],c=boxes[j];
    if(a[0]<c[2]&&c[0]<a[2]&&a[1]<c[3]&&c[1]<a[3])overlaps+=1;}
  document.body.setAttribute('data-labels',String(boxes.length));
  document.body.setAttribute('data-label-overlaps',String(overlaps));
  document.body.setAttribute('data-rendered','ok');
})();
"""


def render_html(data: ReportData, warehouse_name: str = "warehouse.duckdb") -> str:
    """The whole page as one string."""
    h = data.headline
    kpis = [("articles", h["articles"], f'{h["canonical_articles"]} without reprints'),
            ("announced investment", yi(h["investment_cny"]), "counts_in_totals: no reprints, targets or batch members"),
            ("projects", h["projects"], "distinct, in dim_project"),
            ("parks", h["parks"], "distinct, in dim_park"),
            ("cooperation links", h["cooperation_links"], "cross-region, no reprints")]
    kpi_html = "".join(f'<div class="kpi" data-figure="kpi" data-name="{_e(n)}" data-value="{_e(v)}">'
                       f'{_e(n)}<b>{_e(v)}</b><small>{_e(note)}</small></div>' for n, v, note in kpis)
    colours = province_colours(p["province_code"] for p in data.provinces)
    years = sorted({r["year"] for r in data.by_province_year if r["year"] is not None}
                   | {y for p in data.pairs for y in p["years"]}
                   | {r["fact_year"] for r in data.latest if r["fact_year"] is not None})
    figures = json.dumps({"investment_cny": h["investment_cny"], "projects": h["projects"], "parks": h["parks"],
                          "cooperation_links": h["cooperation_links"], "articles": h["articles"]})
    return f"""<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>parkmart report: industrial parks and cross-region investment in the Yangtze River Delta</title>
<style>{CSS}</style></head>
<body data-headline='{_e(figures)}'>
<header><h1>Industrial parks and cross-region investment in the Yangtze River Delta 长三角产业园区与跨区域投资</h1>
<p>parkmart report of {_e(warehouse_name)}, {_e(data.built)}. Every figure comes from the schema
<code>marts</code>; hover a bar, line or dot for its details.</p></header>
<main>
<section class="wide" id="headline"><div class="kpis">{kpi_html}</div>
{filters_form(data.provinces, years)}</section>
<section id="investment"><h2>Announced investment by province and year (亿元)</h2>
{investment_chart(data.by_province_year, colours)}</section>
<section id="parks"><h2>Top parks</h2>{parks_chart(data.top_parks)}</section>
<section id="funnel"><h2>Project lifecycle: distinct projects reported at each stage</h2>
<p><small>"announced" counts a batch of N projects (N个项目) as N, its named members not again.</small></p>
{funnel_chart(data.funnel)}</section>
<section id="map"><h2>Cross-region cooperation links in the Yangtze River Delta</h2>
{map_chart(data.counties, data.pairs, colours)}
<p><small>Province outlines are approximate (the hull of their county seats); grey dots are prefecture-level
cities; a red curve joins two cities whose regions (a county counts as its city) are linked by cooperation
(飞地, 共建园区, signings), wider for more links; hover it for the count, kinds and years.</small></p></section>
<section class="wide" id="latest-projects"><h2>Latest project events, with the sentence they were read from</h2>
{latest_table(data.latest, data.latest_shown)}</section>
</main>
<footer>Announced investment = sum of amount_cny over fct_investments where counts_in_totals (investment
only; reprints, 产值 targets and members of a batch with a stated total left out). Years are fact_year: the event's, else the
article's publication year.</footer>
<script>{JS}</script>
</body></html>
"""


def write_report(warehouse: Path, out: Path, latest: int = 20) -> Path:
    """Write the report of ``warehouse`` to ``out``; returns ``out``."""
    data = load_report_data(warehouse, latest=latest)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(data, warehouse.name), encoding="utf-8")
    return out
