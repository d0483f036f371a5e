-- One row per monetary amount with what it belongs to. The extractor finds the subject in
-- the amount's own clause or sentence by explicit rules (ingest/extract/subjects.py) and says
-- which in `attribution` ('clause', 'sentence', 'batch', 'enumeration', 'none'); here the
-- subject is linked to the project event of that name in the article (a park subject: the
-- event of that park; a count: the batch of its sentence). No rule, no subject: an amount
-- is never given the article's first project or park.
-- is_batch_total: the amount totals several projects (the extractor says so, or the
-- subject is a batch); such an amount links to a batch event only, never to one project.
-- in_batch_with_total: the amount belongs to a named project of a batch whose own total is
-- stated in the article (so adding both would count twice).
with

amounts as (
    select
        *,
        subject_text as extracted_subject_text,
        subject_type as extracted_subject_type,
        is_batch_total as extracted_is_batch_total,
        attribution as extracted_attribution,
    from {{ ref('int_mentions_located') }}
    where mention_type = 'amount'
),

projects as (
    -- the events an article reports anew: an amount is never a background milestone's
    select * from {{ ref('int_projects_linked') }}
    where not is_background
),

parks as (
    select * from {{ ref('int_parks_resolved') }}
),

clusters as (
    select article_id, is_reprint from {{ ref('int_articles_clustered') }}
),

sentence_phase as (
    -- the phase (二期) written with the park nearest the amount in its sentence
    select a.mention_id, pk.phase,
    from amounts as a
    inner join parks as pk on a.article_id = pk.article_id and a.sentence_no = pk.sentence_no
    qualify row_number() over (
        partition by a.mention_id order by abs(pk.char_start - a.char_start), pk.char_start, pk.phase nulls last
    ) = 1
),

subject_project as (
    select
        a.mention_id,
        p.project_event_id,
    from amounts as a
    inner join projects as p on a.article_id = p.article_id
    left join sentence_phase as ph on a.mention_id = ph.mention_id
    where
        a.extracted_subject_text is not null
        -- a total of several projects belongs to a batch, never to one project
        and (p.is_batch or not a.extracted_is_batch_total)
        and (
            {{ project_key('p.project_name') }} = {{ project_key('a.extracted_subject_text') }}
            -- a park subject: the event of that park (any phase: 某园 for 某园二期)
            or (a.extracted_subject_type = 'park' and starts_with({{ project_key('p.project_name') }}, {{ project_key('a.extracted_subject_text') }}))
            -- a count subject: the batch stated in its sentence
            or (a.extracted_subject_type = 'count' and p.is_batch and p.sentence_no = a.sentence_no)
        )
    qualify row_number() over (
        partition by a.mention_id
        order by
            -- the subject's own name first (with the phase written beside it: 某园二期)
            coalesce({{ project_key('p.project_name') }} = {{ project_key("a.extracted_subject_text || coalesce(ph.phase, '')") }}, false) desc,
            {{ project_key('p.project_name') }} = {{ project_key('a.extracted_subject_text') }} desc,
            abs(p.sentence_no - a.sentence_no),
            (p.char_start <= a.char_start) desc,
            abs(p.char_start - a.char_start),
            p.project_event_id
    ) = 1
),

chosen as (
    select
        a.*,
        case
            when a.extracted_subject_text is null then 'none'
            else coalesce(a.extracted_attribution, 'clause')
        end as attribution,
        sp.project_event_id,
        case
            when a.extracted_subject_type = 'park' then {{ short_hash([park_key('a.extracted_subject_text')]) }}
        end as subject_park_id,
    from amounts as a
    left join subject_project as sp on a.mention_id = sp.mention_id
),

attributed as (
    select
        c.mention_id as investment_id,
        c.article_id,
        c.value_num as amount_value,
        c.value_num_high as amount_value_high,
        c.unit as currency,
        c.qualifier,
        c.kind,
        c.extracted_subject_text as subject_text,
        case
            when p.is_batch or (c.extracted_subject_type in ('count', 'batch') and c.extracted_is_batch_total) then 'batch'
            when c.extracted_subject_type in ('project', 'park', 'count', 'region') then c.extracted_subject_type
            when c.extracted_subject_type is not null then 'other'
        end as subject_type,
        c.attribution,
        p.project_event_id,
        p.project_id,
        coalesce(
            case when c.subject_park_id in (select parks.park_id from parks) then c.subject_park_id end,
            p.park_id,
            c.located_park_id
        ) as park_id,
        coalesce(c.located_region_code, p.region_code) as region_code,
        coalesce(c.located_date, p.event_date) as event_date,
        c.published_date,
        c.extracted_is_batch_total or coalesce(p.is_batch, false) as is_batch_total,
        p.batch_project_event_id,
        coalesce(cl.is_reprint, false) as is_reprint,
        c.evidence_text,
        c.sentence_no,
        c.char_start,
        c.char_end,
    from chosen as c
    left join projects as p on c.project_event_id = p.project_event_id
    left join clusters as cl on c.article_id = cl.article_id
),

batches_with_total as (
    select distinct project_event_id
    from attributed
    where is_batch_total and kind = 'investment' and project_event_id is not null
),

final as (
    select
        a.*,
        a.batch_project_event_id is not null
            and a.batch_project_event_id in (select bt.project_event_id from batches_with_total as bt) as in_batch_with_total,
    from attributed as a
)

select * from final
