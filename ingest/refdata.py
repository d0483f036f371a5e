"""Generate the reference seeds from data that PyPI packages ship.

``seeds/regions.csv`` is built from two packaged files:

* jionlp's ``dictionary/china_location.zip`` (one file, china_location.txt): the
  administrative-division tree of
  China (GB/T 2260 codes), one division a line, indented by tabs per level, with
  ``name<TAB>code<TAB>short name`` for provinces, cities and counties (towns and
  villages below carry no code and are skipped);
* cpca's ``resources/adcodes.csv``: ``adcode,name,longitude,latitude`` with 12-digit
  codes, the coordinates of most divisions.

Run ``parkmart refdata`` to regenerate; the output is committed so that a build needs
neither package.
"""

from __future__ import annotations

import csv
import importlib.util
import zipfile
from dataclasses import dataclass
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
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
