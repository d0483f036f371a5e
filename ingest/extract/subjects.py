"""What each amount belongs to: its subject, found in its own clause or sentence, or none.

The rules, in order (``attrs['attribution']`` names the one that applied):

* ``clause``: the amount's clause names its subject — an investment-size bin is its own
  subject (10亿元以上项目); a name right after the amount and 的 (总投资5亿元的星河项目); the
  nearest project, park or count before the amount in its clause (其中星河项目总投资5亿元);
  a name ending in 项目 right before the amount's cue word, even when no event names it
  (星河电池项目总投资5亿元);
* ``enumeration``: the amount opens one item of a list of names (总投资5亿元的星河新材料、
  总投资3亿元的云帆门窗等项目): the item after its 的;
* ``batch``: no subject in the clause, and the sentence states a count of projects before
  the amount (12个项目集中签约，涉及总投资50亿元): the first such count;
* ``sentence``: else the topic of the sentence — its first project or park before the
  amount, else the first after it — never a park only named as the place (位于某园区内);
  a sentence opening with 项目/该项目/园区 refers to the subject of the sentence before;
* ``clause``/``sentence`` again for a regional statistic: with none of the above, the region
  named before the amount in its clause, else in its sentence (安徽省实际利用外资146亿美元);
* ``none``: no rule applies; the amount has no subject (never the article's first project).

A subject that is a count or a batch makes the amount a batch total (``is_batch_total``).
"""

from __future__ import annotations

import re

from ingest.extract.mention import Mention
from ingest.extract.parks import park_category_after
from ingest.extract.projects import is_generic_body, project_name_start
from ingest.text import clause_bounds, sentence_bounds

# What stands between an amount and the 的 that ties it to the name after it (的 itself,
# after a qualifier such as 以上/左右).
OF_AFTER = re.compile(r"(?:以上|左右|之多)?的")
# A listed item after 的: a name up to 、 or 和/及, the list's end (等项目) or a clause break.
LIST_ITEM = re.compile(r"(?P<name>[^，,。；;、\s的]{2,30}?)(?=、|和|及|等(?:项目|重点项目|重大项目)|，|,|。|；|$)")
# The list's closing noun (等项目): it names what every item is.
LIST_END = re.compile(r"[^，,。；;]*?等(?P<noun>项目|重点项目|重大项目)")
# A project name ending right before the amount's cue word: 星河电池项目(计划)总投资(约).
NAMED_BEFORE_CUE = re.compile(
    r"(?P<head>项目|工程)(?:的)?(?:计划|预计|协议|拟)?(?:总投资|投资总额|总投资额|投资额|投资)"
    r"(?:额|金额)?(?:为|达|约|超|超过|逾|近|共计|合计)*$"
)
# Words that make the park after them the place of the amount, not its subject.
PLACE_BEFORE = re.compile(r"(?:位于|地处|坐落于|坐落在|落户|落户于|入驻|落地|在|于)$")
# A sentence that refers back to the subject of the sentence before it.
BACK_REFERENCE = re.compile(r"[\s，,]*(?:目前|同时|此外|其中)?[，,]?(?:该项目|项目|该园区|园区|该园|该基地|基地|该公司|该企业)")
# Semicolons: the items of a list of facts, each a sentence of its own for its subject.
SEMICOLON = re.compile(r"[；;]")
# A sentence opening with a project's name (其中，星河医院新建项目，…): its topic.
TOPIC_LEAD = re.compile(r"[\s，,]*(?:[^，,。；;：:]{0,12}[：:])?(?:其中|另外|此外|同时|目前)?[，,：:]?")
# A clause that is only a facility's name (星河会展中心8号馆, 云帆大厦): no verb, a facility head.
BARE_NAME = re.compile(r"[^\s，,。；;：:“”、的了在是将已和与]{3,24}(?:馆|中心|大厦|基地|工程|园|厂)")
# A list opened inside the sentence (包括, 分别是): counts after it are the list's items.
LIST_INTRO = re.compile(r"包括|分别是|分别为|主要有")
# A verb after the amount that makes what follows its subject (投资2亿元设立星河基地).
BUILD_AFTER = re.compile(r"(?:用于|在[^，,。；;]{1,12}?)?(?:设立|建设|新建|兴建|投建|打造|建)")
# Words that cannot start a name after 的 (a description, not a subject).
NOT_A_NAME = re.compile(r"^(?:项目|企业|园区|目标|规模|资金|投资|产业|合作|一批|重点|重大|是|为)")
# What joins two names into one set of subjects.
NAME_JOINS = ("和", "及", "与", "、", "以及")
# What an amount co-builds a park with (拿出6000万元建设资金共建一个产业园).
CO_BUILD_AFTER = re.compile(r"(?:的)?(?:启动资金|建设资金|资金)?(?:合作)?共建(?:新|一个)?(?:园区|产业园|工业园)")
# A noun right after an amount that is what the amount is (3000万消费券, 10亿元产业基金).
THING_AFTER = re.compile(r"(?:产业|引导|专项|发展|创投|天使)?(?:消费券|基金|补贴|奖励|奖金)")
# Two project names joined into one subject (甲项目和乙项目).
SET_OF_NAMES = re.compile(r"(?:项目|工程)(?:和|及|与|、|以及)")
# Subject kinds an amount can belong to (a region only for a regional statistic, see _region_subject).
SUBJECT_TYPES = ("project", "park", "count")


def attach_subjects(body: str, amounts: list[Mention], mentions: list[Mention]) -> None:
    """Give each amount its subject by the rules of this module (see the module docstring).

    >>> from ingest.extract import extract_article
    >>> t = "会上，12个项目集中签约，涉及总投资50亿元。其中，星河电池项目总投资8亿元。"
    >>> [(m.attrs.get("subject_text"), m.attrs["attribution"]) for m in extract_article(t, [0, 22])
    ...  if m.mention_type == "amount"]
    [('12个项目', 'batch'), ('星河电池项目', 'clause')]
    """
    candidates = sorted((m for m in mentions if m.mention_type in SUBJECT_TYPES and _is_subject(m)),
                        key=lambda m: (m.char_start, m.mention_type != "count"))
    regions = [m for m in mentions if m.mention_type == "region" and not m.attrs.get("venue")]
    sentence_subject: dict[int, Mention | str] = {}  # sentence end -> the first subject found in it
    for amount in sorted(amounts, key=lambda m: m.char_start):
        if amount.attrs.get("size_bin"):
            amount.attrs["attribution"] = "clause"  # a bin's subject is the bin itself (10亿元以上项目)
            continue
        s_left, s_right = _scope(body, amount.char_start)
        found = (_co_built_park(body, amount, mentions) or _subject(body, amount, candidates, s_left, s_right)
                 or _region_subject(body, amount, regions, s_left))
        back = BACK_REFERENCE.match(body, s_left)
        if found is None and back:
            found = _antecedent(back.group(), candidates, sentence_subject, s_left)
        if found is None:
            amount.attrs.update(subject_text=None, subject_type=None, is_batch_total=False, attribution="none")
            continue
        subject, rule = found
        sentence_subject.setdefault(s_right, subject)
        if isinstance(subject, str):  # a name as written, with no mention of its own
            amount.attrs.update(subject_text=subject, subject_type="project", is_batch_total=False, attribution=rule)
            continue
        is_count = subject.mention_type == "count"
        amount.attrs.update(
            subject_text=subject.surface_text if subject.mention_type in ("count", "region") else subject.normalized,
            subject_type=subject.mention_type,
            is_batch_total=is_count or bool(subject.attrs.get("is_batch")),
            attribution=rule,
        )
        if is_count:
            amount.attrs["subject_count"] = int(subject.value or 0)


def _antecedent(anaphor: str, candidates: list[Mention], sentence_subject: dict[int, Mention | str],
                s_left: int) -> tuple[Mention | str, str] | None:
    """What a sentence opening with 项目/园区/该公司 refers to: the nearest single subject before
    it — an earlier amount's subject or a park (for 园区) or project (for the others) named —
    never a batch (该项目 is one project)."""
    wanted = "park" if "园" in anaphor else "project"
    found: list[tuple[int, Mention | str]] = [
        (end, subject) for end, subject in sentence_subject.items() if end < s_left and (
            isinstance(subject, str) or (subject.mention_type in ("project", "park") and not subject.attrs.get("is_batch")))]
    found += [(c.char_end, c) for c in candidates
              if c.char_end <= s_left and c.mention_type == wanted and not c.attrs.get("is_batch")]
    return (max(found, key=lambda f: f[0])[1], "sentence") if found else None


def _scope(body: str, at: int) -> tuple[int, int]:
    """The sentence around ``at``, cut at semicolons: the items of a ；-separated list are
    sentences of their own (甲项目，总投资5亿元；乙项目，总投资3亿元)."""
    s_left, s_right = sentence_bounds(body, at)
    semicolon = SEMICOLON.search(body, at, s_right)
    left = max((m.end() for m in SEMICOLON.finditer(body, s_left, at)), default=s_left)
    return left, semicolon.start() if semicolon else s_right


def _region_subject(body: str, amount: Mention, regions: list[Mention], s_left: int) -> tuple[Mention, str] | None:
    """A regional statistic: with no project, park or count, the region that stands before
    the amount in its clause (星河县完成固定资产投资80亿元), else the nearest set of a region's
    parks of a kind in its sentence (星河县特色专业园区总量达到20个，产值超500亿元: that set),
    else the first region in its sentence, is its subject.

    >>> from ingest.extract import extract_article
    >>> t = "前三季度，安徽省实际利用外资146亿美元。"
    >>> [(m.attrs.get("subject_text"), m.attrs["attribution"]) for m in extract_article(t, [0]) if m.mention_type == "amount"]
    [('安徽省', 'clause')]
    """
    c_left, _ = clause_bounds(body, amount.char_start, amount.char_end)
    before = [r for r in regions if s_left <= r.char_start and r.char_end <= amount.char_start]
    if not before:
        return None
    in_clause = [r for r in before if r.char_start >= c_left]
    if in_clause:
        return in_clause[0], "clause"
    sets = [(r, park_category_after(body, r.char_end)) for r in before]
    sets = [(r, end) for r, end in sets if end is not None]
    if sets:  # 星湾县特色专业园区总量达到20个，产值超500亿元: a statistic of that set of parks
        region, end = sets[-1]
        text = body[region.char_start:end]
        return Mention("region", region.char_start, end, text, region.normalized, ref_id=region.ref_id), "sentence"
    return before[0], "sentence"


def _co_built_park(body: str, amount: Mention, mentions: list[Mention]) -> tuple[Mention, str] | None:
    """The investor's park: a region putting money into a park it co-builds (海门拿出6000万元建设
    资金共建一个产业园) puts it into the park of the article named after it (海门如皋工业园区).

    >>> from ingest.extract import extract_article
    >>> t = "海门如皋工业园区开园。海门首期拿出6000万元建设资金共建一个产业园。"
    >>> [m.attrs.get("subject_text") for m in extract_article(t, [0, 11]) if m.mention_type == "amount"]
    ['海门如皋工业园区']
    """
    if not CO_BUILD_AFTER.match(body, amount.char_end):
        return None
    c_left, _ = clause_bounds(body, amount.char_start, amount.char_end)
    investors = [m for m in mentions if m.mention_type == "region" and c_left <= m.char_start < amount.char_start]
    for investor in investors:
        short = investor.surface_text.rstrip("市县区")
        parks = [m for m in mentions if m.mention_type == "park" and len(short) >= 2
                 and m.normalized.startswith(short) and m.normalized != investor.surface_text]
        if parks:
            return parks[0], "clause"
    return None


def _is_subject(m: Mention) -> bool:
    """A project, park or count that can own an amount (a count of projects or firms, not of jobs)."""
    if m.mention_type != "count":
        return True
    counted = str(m.attrs.get("counted", ""))
    return any(word in counted for word in ("项目", "企业", "公司", "工程"))


def _subject(body: str, amount: Mention, candidates: list[Mention],
             s_left: int, s_right: int) -> tuple[Mention | str, str] | None:
    """The subject of ``amount`` in its clause or sentence and the rule that found it, or None."""
    c_left, c_right = clause_bounds(body, amount.char_start, amount.char_end)
    in_sentence = [c for c in candidates if s_left <= c.char_start and c.char_end <= s_right]

    thing = THING_AFTER.match(body, amount.char_end)
    if thing:  # 3000万消费券: the amount is the thing it names
        return thing.group(), "clause"

    of = OF_AFTER.match(body, amount.char_end)
    if of:  # 总投资5亿元的星河项目: the name right after 的
        after = [c for c in in_sentence if of.end() <= c.char_start <= of.end() + 1]
        listed = "、" in body[c_left:c_right]
        if after:
            return after[0], "enumeration" if listed else "clause"
        item = _listed_item(body, of.end(), c_right)
        if item is not None:
            return item, "enumeration"

    built = BUILD_AFTER.match(body, amount.char_end)
    if built:  # 投资2亿元设立星河基地: what the money builds
        made = [c for c in in_sentence if built.end() <= c.char_start <= built.end() + 1 and c.mention_type != "count"]
        if made:
            return made[0], "clause"
        name = _name_until_clause_end(body, built.end(), c_right)
        if name is not None:
            return name, "clause"

    in_clause = [c for c in in_sentence if c_left <= c.char_start and c.char_end <= amount.char_start
                 and not _is_place(body, c)]
    if in_clause:
        joined = _joined_names(body, in_sentence, in_clause[-1])
        if joined is not None:
            return joined, "enumeration"
        return in_clause[-1], "clause"
    named = _named_before_cue(body, c_left, amount.char_start)
    if named is not None and SET_OF_NAMES.search(named):  # 甲项目和乙项目总投资: a total of both
        return Mention("batch", 0, 0, named, named, attrs={"is_batch": True}), "enumeration"
    if named is not None:
        return named, "clause"

    before = [c for c in in_sentence if c.char_end <= amount.char_start]
    if BACK_REFERENCE.match(body, c_left):  # 项目总投资1亿元: the subject named before in the sentence
        named_before = [c for c in before if c.mention_type != "count" and not _is_place(body, c)]
        if named_before:
            return named_before[-1], "sentence"
    counts = [c for c in before if (c.mention_type == "count" or c.attrs.get("is_batch"))
              and not _is_list_item(body, c, s_left)]
    if counts:
        joined = _joined_names(body, in_sentence, counts[-1], counts=True)
        return (joined, "batch") if joined is not None else (counts[-1], "batch")
    topics = [c for c in in_sentence if c.mention_type != "count" and not _is_place(body, c)]
    topic = next((c for c in topics if c.char_end <= amount.char_start), None)
    if topic is None:
        topic = _named_topic(body, s_left, amount.char_start)
    if topic is None and not BACK_REFERENCE.match(body, s_left):
        topic = next((c for c in topics if c.char_start >= amount.char_end), None)
    return (topic, "sentence") if topic is not None else None


def _is_list_item(body: str, count: Mention, s_left: int) -> bool:
    """A count inside a list (包括7个甲项目和14个乙项目) or framing one (29个项目中): not the set an amount totals."""
    if body[count.char_end:count.char_end + 1] == "中":
        return True
    c_left, _ = clause_bounds(body, count.char_start, count.char_end)
    return bool(LIST_INTRO.search(body, max(s_left, c_left), count.char_start))


def _named_topic(body: str, s_left: int, at: int) -> str | None:
    """The name a sentence opens with, ending in 项目 (其中，星河医院新建项目，将新增床位…), or
    a first clause that is only a name (其中，星河会展中心8号馆，总投资…).

    >>> t = "其中，星河医院新建项目，将新增床位500张，总投资约5亿元"
    >>> _named_topic(t, 0, 25)
    '星河医院新建项目'
    >>> _named_topic("其中，星河会展中心8号馆，总投资46亿元", 0, 13)
    '星河会展中心8号馆'
    """
    lead = TOPIC_LEAD.match(body, s_left).end()
    _, c_right = clause_bounds(body, lead, lead)
    c_right = min(c_right, at)
    head = body.find("项目", lead, c_right)
    if head >= 0:
        start = project_name_start(body, head, head + 2)
        if start is None or start > lead:
            return None
        name = body[start:head + 2]
        return None if len(name) < 4 or is_generic_body(name[:-2]) or name.startswith(("该", "本", "此")) else name
    whole = body[lead:c_right]
    return whole if BARE_NAME.fullmatch(whole) else None


def _name_until_clause_end(body: str, start: int, clause_end: int) -> str | None:
    """The name that runs from ``start`` to the end of its clause, when it ends as a project or base does."""
    name = body[start:clause_end].strip("“”\"'")
    if 4 <= len(name) <= 30 and name.endswith(("项目", "基地", "中心", "工厂", "园")):
        return name
    return None


def _joined_names(body: str, candidates: list[Mention], last: Mention, counts: bool = False) -> Mention | None:
    """Several names joined by 和/及/与/、 before the amount (甲项目和乙项目总投资10亿元): one
    subject for the set, a total of several projects, split onto none of them.

    >>> t = "甲项目和乙项目总投资10亿元"
    >>> a, b = Mention("project", 0, 3, "甲项目", "甲项目"), Mention("project", 4, 7, "乙项目", "乙项目")
    >>> _joined_names(t, [a, b], b).normalized
    '甲项目和乙项目'
    """
    first = last
    kinds = ("count",) if counts else ("project", "park")
    for c in reversed([c for c in candidates if c.char_end <= last.char_start and c.mention_type in kinds]):
        if body[c.char_end:first.char_start] in NAME_JOINS:
            first = c
        else:
            break
    if first is last:
        return None
    text = body[first.char_start:last.char_end]
    return Mention("batch", first.char_start, last.char_end, text, text, attrs={"is_batch": True})


def _is_place(body: str, m: Mention) -> bool:
    """A park named as where something is (位于某园区), not as what the amount belongs to."""
    return m.mention_type == "park" and bool(PLACE_BEFORE.search(body, max(0, m.char_start - 3), m.char_start))


def _listed_item(body: str, start: int, clause_end: int) -> str | None:
    """The list item starting at ``start`` (after 的), with the list's closing noun (等项目).

    >>> _listed_item("总投资5亿元的星岚新材料、总投资3亿元的云帆门窗等项目已落户", 7, 31)
    '星岚新材料项目'
    """
    m = LIST_ITEM.match(body, start, clause_end)
    if m is None or NOT_A_NAME.match(m["name"]):
        return None
    if body[m.end():m.end() + 1] not in ("、", "和", "及"):
        return None  # a single name after 的, not a list: the mention rules decide
    end = LIST_END.match(body, m.end(), clause_end)
    name = m["name"]
    return name + "项目" if end and not name.endswith("项目") else name

def _named_before_cue(body: str, c_left: int, at: int) -> str | None:
    """A project name ending in 项目 right before the amount's cue (星河电池项目总投资): as written.

    >>> t = "其中星河电池项目总投资8亿元"
    >>> _named_before_cue(t, 0, 11)
    '星河电池项目'
    """
    m = NAMED_BEFORE_CUE.search(body, c_left, at)
    if m is None:
        return None
    start = project_name_start(body, m.start("head"), m.end("head"))
    if start is None or start < c_left:
        return None
    name = body[start:m.end("head")]
    body_words = name[:-len(m["head"])]
    if len(body_words) < 2 or is_generic_body(body_words) or body_words.startswith(("该", "本", "此", "其中")):
        return None
    return name
