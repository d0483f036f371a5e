"""The report's drawing rules at scale: one colour per province, labels that never overlap,
the map drawing the top city pairs and counting the rest, bar values only where they fit."""

from __future__ import annotations

import random
import re

import lxml.html
import pytest

from parkmart.report import (
    MAP_PAIRS,
    OTHER_PROVINCES,
    Box,
    investment_chart,
    label_box,
    label_width,
    map_chart,
    overlaps,
    place_label,
    province_colours,
)

# The 34 province-level codes of GB/T 2260.
PROVINCE_CODES = [
    "110000", "120000", "130000", "140000", "150000", "210000", "220000", "230000", "310000", "320000",
    "330000", "340000", "350000", "360000", "370000", "410000", "420000", "430000", "440000", "450000",
    "460000", "500000", "510000", "520000", "530000", "540000", "610000", "620000", "630000", "640000",
    "650000", "710000", "810000", "820000",
]
COLOUR = re.compile(r"^#[0-9a-f]{6}$")


def test_every_province_has_its_own_colour() -> None:
    colours = province_colours(PROVINCE_CODES)
    assert set(colours) == set(PROVINCE_CODES)
    assert len(set(colours.values())) == len(PROVINCE_CODES)
    assert all(COLOUR.match(c) for c in colours.values())
    assert colours["310000"] == "#2b6cb0" and colours["320000"] == "#c05621"  # the delta's are fixed


def test_colours_do_not_depend_on_the_order_given() -> None:
    assert province_colours(PROVINCE_CODES) == province_colours(reversed(PROVINCE_CODES))


def test_placed_labels_never_overlap() -> None:
    rng = random.Random(7)
    placed: list[Box] = []
    shown: list[Box] = []
    for _ in range(400):  # far more labels than fit in a 760 x 640 canvas
        x, y, name = rng.uniform(30, 730), rng.uniform(30, 610), "某某市" if rng.random() < 0.5 else "某某自治州"
        width = label_width(name)
        spot = place_label(x, y, width, placed)
        if spot is not None:
            shown.append(label_box(*spot, width))
    assert 20 < len(shown) < 400
    assert not [(a, b) for i, a in enumerate(shown) for b in shown[i + 1:] if overlaps(a, b)]


def _pair(i: int, links: int, a: tuple[str, float, float], b: tuple[str, float, float], yrd: bool = True) -> dict:
    return {"city_a": a[0], "name_a": f"甲{i}市", "province_a": a[0][:2] + "0000", "lon_a": a[1], "lat_a": a[2],
            "yrd_a": True, "city_b": b[0], "name_b": f"乙{i}市", "province_b": b[0][:2] + "0000", "lon_b": b[1],
            "lat_b": b[2], "yrd_b": yrd, "links": links, "years": [2021, 2023], "link_types": ["signing"]}


@pytest.fixture(scope="module")
def counties() -> list[dict]:
    rng = random.Random(3)
    return [{"region_code": f"3{p}{i:04d}", "province_code": f"3{p}0000", "province": name, "level": "city",
             "name": f"某{i}市", "longitude": rng.uniform(115.5, 122.5), "latitude": rng.uniform(27.5, 35.0)}
            for p, name in ((1, "上海"), (2, "江苏"), (3, "浙江"), (4, "安徽")) for i in range(12)]


def test_map_draws_the_top_pairs_and_counts_the_rest(counties: list[dict]) -> None:
    rng = random.Random(5)
    ends = [(c["region_code"], c["longitude"], c["latitude"]) for c in counties]
    pairs = [_pair(i, 100 - i, ends[i % 48], ends[(i * 7 + 1) % 48]) for i in range(80)]
    pairs.append(_pair(80, 9, ends[0], ends[0]))  # both sides in one city
    pairs.append(_pair(81, 4, ends[1], ("440300", 114.0, 22.5), yrd=False))  # a side outside the delta
    rng.shuffle(pairs)
    pairs.sort(key=lambda p: -p["links"])
    svg = map_chart(counties, pairs, province_colours(["310000", "320000", "330000", "340000"]))
    tree = lxml.html.fromstring(f"<div>{svg}</div>")
    drawn = tree.xpath('//path[@data-figure="pair"]')
    assert len(drawn) == MAP_PAIRS
    assert [int(p.get("data-links")) for p in drawn] == list(range(100, 100 - MAP_PAIRS, -1))
    legend = tree.xpath('//p[@class="map-legend"]')[0]
    hidden = [p for p in pairs if p["city_a"] != p["city_b"] and p["yrd_b"]][MAP_PAIRS:]
    assert int(legend.get("data-pairs-hidden")) == len(hidden) == 80 - MAP_PAIRS
    assert int(legend.get("data-links-hidden")) == sum(p["links"] for p in hidden)
    assert (legend.get("data-links-within"), legend.get("data-links-outside")) == ("9", "4")
    assert f"{80 - MAP_PAIRS} smaller pairs hidden" in legend.text_content()
    # the labels as drawn: their boxes (same font model as the placement) never overlap
    boxes = [label_box(float(t.get("x")), float(t.get("y")), label_width(t.text_content()),
                       18 if t.get("class") == "province" else 12)
             for t in tree.xpath('//text[@class="endlabel" or @class="province"]')]
    assert len(boxes) >= 10
    assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if overlaps(a, b)]


def test_investment_chart_sums_small_provinces_and_writes_values_that_fit() -> None:
    colours = province_colours(PROVINCE_CODES)
    rows = [{"province": f"省{code}", "province_code": code, "year": year, "amount_cny": (i + 1) * 1e9 + year,
             "amounts": 1} for i, code in enumerate(PROVINCE_CODES) for year in range(2015, 2025)]
    svg = investment_chart(rows, colours)
    tree = lxml.html.fromstring(f"<div>{svg}</div>")
    legend = [k.text_content() for k in tree.xpath('//span[@class="key"]')]
    assert len(legend) == 8 and legend[-1] == OTHER_PROVINCES
    assert legend[0] == "省820000"  # the largest total first
    fills = {r.get("fill") for r in tree.xpath("//rect")}
    assert len(fills) == 8  # one colour per bar series
    bar_w = float(tree.xpath("//rect")[0].get("width"))
    values = tree.xpath('//text[@class="value"]')
    assert all(label_width(v.text_content(), 11) <= bar_w for v in values)
    # every province and year stays in the figures table, unsummed
    assert len(tree.xpath('//tr[@data-figure="investment"]')) == len(rows)
