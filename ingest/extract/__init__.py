"""Mention extraction: one module per mention kind, combined by ``extract_article``."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from ingest.extract.amounts import extract_amounts
from ingest.extract.dates import extract_dates
from ingest.extract.events import extract_events, mark_planned
from ingest.extract.mention import Mention
from ingest.extract.orgs import extract_orgs
from ingest.extract.parks import PAIR_NAME, extract_parks, initials_sides, without_district
from ingest.extract.projects import date_milestones, extract_projects, name_key
from ingest.extract.quantities import extract_areas, extract_counts, repair_counts_from_title
from ingest.extract.regions import (
    division_spans,
    extract_regions,
    mark_enclave_pairs,
    mark_named_pairs,
    mark_venues,
)
from ingest.extract.subjects import attach_subjects
from ingest.gazetteer import load_regions, load_zone_districts

__all__ = ["Mention", "extract_article"]


def extract_article(body: str, sentence_starts: list[int], published: dt.date | None = None,
                    published_year: int | None = None, title: str | None = None) -> list[Mention]:
    """Every mention in an article body, sorted by position, each with its sentence number.

    ``sentence_starts`` are the start offsets of the body's sentences, in order; the
    ``title`` only restores counts the body lost to damaged bytes (see
    ``repair_counts_from_title``).
    """
    amounts = extract_amounts(body)
    areas = extract_areas(body)
    counts = extract_counts(body) + repair_counts_from_title(body, title)
    events = extract_events(body)
    parks = extract_parks(body, pair_named=True)
    orgs = extract_orgs(body)
    # Places inside park, registered company and association names are not mentions.
    shadows = [(m.char_start, m.char_end) for m in parks] + [
        (o.char_start, o.char_end) for o in orgs if o.attrs.get("registered")]
    regions = regions_of_zones(parks) + extract_regions(body, exclude=shadows)
    mark_venues(body, regions)
    mark_named_pairs(body, regions)
    mark_enclave_pairs(body, regions)
    pair_parks_named_by_initials(parks, regions)
    parks = [p for p in parks if not p.attrs.pop("plain", False) or p.attrs.get("partner_region")]
    projects = without_locator_parks(extract_projects(body, events, parks, counts, orgs))
    place_branches(projects)
    mark_planned(body, projects, events)
    dates = extract_dates(body, published, published_year)
    projects = date_milestones(body, projects, dates)
    mentions: list[Mention] = [*regions,
        *amounts, *areas, *counts, *dates, *parks, *orgs, *events,
        *projects,
    ]
    for m in mentions:
        m.sentence_no = max(0, bisect.bisect_right(sentence_starts, m.char_start) - 1) if sentence_starts else 0
    attach_subjects(body, amounts, mentions)
    repeated = {id(a) for a in repeated_amounts(amounts)}
    mentions = [m for m in mentions if id(m) not in repeated]
    mentions.sort(key=lambda m: (m.char_start, m.char_end, m.mention_type))
    return mentions


# A branch body after the division it serves (某某服务基地星州分中心, 某某研究院嘉善分院).
BRANCH_BODY = re.compile(r"分中心|分院|分所|分部|分会|分站|分行|分公司")


def place_branches(projects: list[Mention]) -> None:
    """A branch named after the division it serves (…服务基地嘉兴分中心) is placed there, at
    that level: the division goes to ``attrs['host_region']`` (a city branch stays in the city,
    whatever district the article is about).

    >>> p = [m for m in extract_article("会上，星河数据服务基地嘉兴分中心揭牌。", [0]) if m.mention_type == "project"]
    >>> [(m.normalized, m.attrs.get("host_region")) for m in p]
    [('星河数据服务基地嘉兴分中心', '330400')]
    """
    for project in projects:
        if "park" in project.attrs or project.attrs.get("is_batch"):
            continue
        name = project.normalized
        for branch in BRANCH_BODY.finditer(name):
            places = [code for _, end, code in division_spans(name[:branch.start()]) if end == branch.start()]
            if places:
                project.attrs["host_region"] = places[0]
                break


def without_locator_parks(projects: list[Mention]) -> list[Mention]:
    """Drop a park's project event when the park only opens a longer project name in the same
    span (某某新区新能源汽车零部件项目开工: the project starts, not the zone).

    >>> [p.normalized for p in extract_article("嘉兴星湾新区新能源汽车零部件项目开工。", [0])
    ...  if p.mention_type == "project"]
    ['嘉兴星湾新区新能源汽车零部件项目']
    """
    named = [p for p in projects if "park" not in p.attrs]
    return [p for p in projects if "park" not in p.attrs or not any(
        n.char_start <= p.char_start and p.char_end < n.char_end for n in named)]


def repeated_amounts(amounts: list[Mention]) -> list[Mention]:
    """Amounts that restate an earlier one of the article: the same value, currency and
    kind for the same subject (a project or park of the same name, a count of the same
    size: 总投资120亿元的30个项目 in the lead and again in the body), in another sentence
    (one sentence stating 5.2亿元 twice speaks of two projects). A fact is one amount.

    >>> from ingest.extract.amounts import extract_amounts
    >>> t = "会上30个项目签约，总投资120.5亿元。据悉，此次共30个项目签约，总投资120.5亿元。"
    >>> a = extract_amounts(t)
    >>> for n, m in enumerate(a): m.attrs.update(subject_type="count", subject_count=30); m.sentence_no = n
    >>> [m.char_start for m in repeated_amounts(a)]
    [38]
    """
    sentences: dict[tuple, set] = {}
    out = []
    for amount in sorted(amounts, key=lambda m: m.char_start):
        subject_type = amount.attrs.get("subject_type")
        if subject_type == "count":
            subject: object = amount.attrs.get("subject_count")
        elif subject_type in ("project", "park"):
            subject = name_key(str(amount.attrs.get("subject_text", "")))
        else:
            continue
        key = (amount.value, amount.value_high, amount.unit, amount.kind, subject_type, subject)
        if key in sentences and amount.sentence_no not in sentences[key]:
            out.append(amount)
        sentences.setdefault(key, set()).add(amount.sentence_no)
    return out


def pair_parks_named_by_initials(parks: list[Mention], regions: list[Mention]) -> None:
    """A co-built park named by the initials of its two sides (甲乙产业合作园区: 甲 of one
    city, 乙 of the other) gets them as host and partner: each initial is a region the article
    names whose short name it starts, else the region its abbreviation stands for.

    >>> parks = extract_parks("湖州市与嘉兴市签约，湖嘉产业合作园开工。")
    >>> pair_parks_named_by_initials(parks, extract_regions("湖州市与嘉兴市签约，湖嘉产业合作园开工。"))
    >>> [(p.normalized, p.attrs["host_region"], p.attrs["partner_region"]) for p in parks]
    [('湖嘉产业合作园', '330400', '330500')]
    """
    named = {m.ref_id for m in regions if m.ref_id}
    named |= {load_regions()[c].city_code for c in named if load_regions()[c].city_code}  # a county's city
    for park in parks:
        written = str(park.attrs.get("written", park.normalized))  # 某某示范区(甲乙合作区): the bracketed name
        if park.attrs.get("partner_region") or not PAIR_NAME.search(written):
            continue  # the plain candidates of extract_parks(pair_named=True) stay only when paired here
        sides = initials_sides(written, frozenset(named))
        if sides:
            park.attrs["partner_region"], park.attrs["host_region"] = sides


def regions_of_zones(parks: list[Mention]) -> list[Mention]:
    """A zone run together with a district (区政合一) names that district: one region
    mention over the park's span, and the district becomes the park's host region.

    >>> from ingest.extract.parks import PAIR_NAME, extract_parks, initials_sides
    >>> [(m.surface_text, m.ref_id) for m in regions_of_zones(extract_parks("会上，无锡高新区签约10个项目。"))]
    [('无锡高新区', '320214')]
    """
    zones = load_zone_districts()
    regions = load_regions()
    out = []
    for park in parks:
        code = zones.get(park.normalized) or zones.get(without_district(park.normalized))
        if code is None:
            continue
        park.attrs["host_region"] = code
        out.append(Mention("region", park.char_start, park.char_end, park.surface_text, regions[code].full_name,
                           ref_id=code, attrs={"level": regions[code].level, "via_zone": park.normalized}))
    return out
