-- One row per project event an article reports: a named project (or a batch of N
-- projects) with the event type of the trigger governing its clause, its park, region and
-- date, and for a named project the batch it belongs to. Amounts are attached later
-- (int_amounts_attributed), so a project's investment follows the same attribution rule
-- as every other amount.
with

project_mentions as (
    select * from {{ ref('int_mentions_located') }}
    where mention_type = 'project'
),

clusters as (
    select * from {{ ref('int_articles_clustered') }}
),

reference_regions as (
    select * from {{ ref('stg_reference__regions') }}
),

park_mentions as (
    select * from {{ ref('int_parks_resolved') }}
),

park_hosts as (
    -- the host region a park's name gives it (松江 in 台州(松江)科创园), one per park, and
    -- whether the name also names a partner (a co-built park named after both sides)
    select
        park_id,
        min(host_region_code) as host_region_code,
        bool_or(partner_region_code is not null) as is_co_built,
    from park_mentions
    where host_region_code is not null
    group by park_id
),

keyed as (
    select
        *,
        case
            when is_batch
                then article_id || ':' || kind || ':' || {{ project_key('surface_text') }}
            else {{ project_key('normalized') }}
        end as project_key,
    from project_mentions
),

first_per_event as (
    -- an article reports a project once, with the event of its first current mention; each
    -- background milestone the extractor kept (开工 last year, is_background) is an event of
    -- its own, once per trigger word; across articles, dim_project keeps the history. A batch
    -- needs a stated count of at least two ("一批项目" is not a batch)
    select *
    from keyed
    where not is_batch or coalesce(project_count, 0) >= 2
    qualify row_number() over (
        partition by article_id, project_key, is_background, case when is_background then trigger_text end
        order by char_start, mention_id
    ) = 1
),

name_keys as (
    select *, {{ project_key('normalized') }} as name_key,
    from first_per_event
),

without_dragged_context as (
    -- a name that only adds words on the left of another event of the same type in the
    -- article (座谈会前还举行了X for X) is the same event; batches are kept as the
    -- extractor states them (it already drops a count that restates another)
    select p.*
    from name_keys as p
    where p.is_batch or not exists (
        select 1
        from name_keys as q
        where q.article_id = p.article_id
            and q.kind = p.kind
            and q.is_background = p.is_background
            and q.mention_id <> p.mention_id
            and length(q.name_key) < length(p.name_key)
            and length(q.name_key) >= 4
            and suffix(p.name_key, q.name_key)
    )
),

events as (
    select
        case
            when p.is_background
                then {{ short_hash(['p.article_id', 'p.project_key', 'p.kind', "'background'", 'p.trigger_text']) }}
            else {{ short_hash(['p.article_id', 'p.project_key', 'p.kind']) }}
        end as project_event_id,
        {{ short_hash(['p.project_key']) }} as project_id,
        p.*,
    from without_dragged_context as p
),

batches as (
    select
        project_event_id,
        article_id,
        kind,
        sentence_no,
        paragraph_no,
        coalesce(project_count, 0) as project_count,
    from events
    where is_batch
),

batch_of_project as (
    -- a named project belongs to the batch of the same event type announced before it in
    -- its paragraph (the nearest), else to the article's largest batch of that event type
    select
        p.project_event_id,
        b.project_event_id as batch_project_event_id,
    from events as p
    inner join batches as b
        on p.article_id = b.article_id
        and p.kind = b.kind
    where not p.is_batch and not p.is_background
    qualify row_number() over (
        partition by p.project_event_id
        order by
            (b.paragraph_no = p.paragraph_no and b.sentence_no <= p.sentence_no) desc,
            case when b.paragraph_no = p.paragraph_no and b.sentence_no <= p.sentence_no then p.sentence_no - b.sentence_no end asc,
            b.project_count desc,
            b.sentence_no asc,
            b.project_event_id asc
    ) = 1
),

parked as (
    select
        p.*,
        coalesce(
            case when p.park_text is not null then {{ short_hash([park_key('p.park_text')]) }} end,
            p.located_park_id
        ) as park_id,
    from events as p
),

first_parks as (
    -- the first park an article names, with its host: what a bare 园区 refers to
    select
        article_id,
        arg_min(park_id, (char_start, park_id)) as park_id,
    from park_mentions
    group by article_id
),

park_referred as (
    -- a project whose sentence names no park but refers to one by a bare noun (投资意向…共建新
    -- 园区, 落户集聚区) belongs to the article's first park, and is placed at its host
    select
        p.project_event_id,
        ph.host_region_code,
    from parked as p
    inner join first_parks as fp on p.article_id = fp.article_id
    inner join park_hosts as ph on fp.park_id = ph.park_id
    where not p.is_batch
        and p.park_id is null
        and regexp_matches(p.evidence_text, '园区|集聚区')
),

sentence_park_hosts as (
    -- the most specific host of the parks named in a project's sentence, per project
    select
        p.project_event_id,
        r.region_code,
        r.city_code,
        r.province_code,
    from parked as p
    inner join park_mentions as pm on p.article_id = pm.article_id and p.sentence_no = pm.sentence_no
    inner join reference_regions as r on pm.host_region_code = r.region_code
    where pm.park_id <> coalesce(p.park_id, '')
    qualify row_number() over (
        partition by p.project_event_id
        order by (r.city_code is not null) desc, pm.char_start asc, r.region_code asc
    ) = 1
),

placed as (
    -- the project's region: a co-built park's name places it at its host (甲乙合作园区 in
    -- 乙, whichever side the sentence names); a branch's name at the division it serves; a
    -- bare 园区 at the host of the park it refers to; else the most specific of its park's
    -- host region, the article's main region and the region its sentence names that lies
    -- within the sentence's region (a sentence naming only 浙江 places a project of a 金华
    -- article in 金华, not in the province); a region outside it (another city) is the
    -- sentence's own, refined by the host of another park of that sentence lying within it
    -- (位于乙市的甲乙工业园区…起步区甲园: 甲园 is in 乙市's district that hosts 甲乙工业园区)
    select
        p.project_event_id,
        case
            when ph.is_co_built then ph.host_region_code
            -- a branch named after the division it serves (某某基地甲市分中心) is in that division
            when p.host_region_code is not null then p.host_region_code
            when pr.host_region_code is not null then pr.host_region_code
            when p.zone_city_code is not null and p.sentence_region_code is null then p.zone_city_code
            -- with no region in its sentence, the park's host places the project, never the
            -- article's main region (a county of that city the article is also about)
            when p.sentence_region_code is null and ph.host_region_code is not null then ph.host_region_code
            when {{ within('host', 'p.located_region_code') }} then ph.host_region_code
            when {{ within('art', 'p.located_region_code') }} then p.article_region_code
            when ph.host_region_code is not null and p.located_region_code in (sh.city_code, sh.province_code)
                then sh.region_code
            else coalesce(p.located_region_code, ph.host_region_code)
        end as region_code,
    from parked as p
    left join park_hosts as ph on p.park_id = ph.park_id
    left join park_referred as pr on p.project_event_id = pr.project_event_id
    left join sentence_park_hosts as sh on p.project_event_id = sh.project_event_id
    left join reference_regions as host on ph.host_region_code = host.region_code
    left join reference_regions as art on p.article_region_code = art.region_code
),

final as (
    select
        p.project_event_id,
        p.project_id,
        p.project_key,
        p.article_id,
        p.mention_id,
        p.normalized as project_name,
        p.kind as event_type,
        p.park_id,
        pl.region_code,
        -- the date of the event's own clause when the extractor gives one (every background
        -- milestone: 奠基 in 2021; the reported event of a sentence that also tells them), else
        -- the sentence's
        coalesce(p.clause_date, p.located_date) as event_date,
        case when p.clause_date is not null then p.clause_date_precision end as event_date_precision,
        p.published_date,
        p.is_batch,
        case when p.is_batch then p.project_count else 1 end as project_count,
        bp.batch_project_event_id,
        p.trigger_text,
        p.is_planned,
        p.is_background,
        coalesce(c.is_reprint, false) as is_reprint,
        p.evidence_text,
        p.sentence_no,
        p.char_start,
        p.char_end,
    from parked as p
    left join placed as pl on p.project_event_id = pl.project_event_id
    left join batch_of_project as bp on p.project_event_id = bp.project_event_id
    left join clusters as c on p.article_id = c.article_id
)

select * from final
