-- One row per monetary amount with what it belongs to. The subject rule, in order:
--   1. clause:   the subject the extractor found in the amount's clause (subject_text:
--                a project, a park or a batch such as '12个项目'), matched to the project
--                event of that name in the article (a park subject: the event of that park);
--   2. sentence: else the nearest project event in the same sentence (before the amount
--                first), else the nearest park in the sentence;
--   3. article:  else the article's main subject: its first named project, else its most
--                often named park.
-- is_batch_total: the amount totals several projects (the extractor says so, or the
-- subject is a batch). in_batch_with_total: the amount belongs to a named project of a
-- batch whose own total is stated in the article (so adding both would count twice).
with

amounts as (
    select
        *,
        subject_text as extracted_subject_text,
        subject_type as extracted_subject_type,
        is_batch_total as extracted_is_batch_total,
    from {{ ref('int_mentions_located') }}
    where mention_type = 'amount'
),

projects as (
    select * from {{ ref('int_projects_linked') }}
),

parks as (
    select * from {{ ref('int_parks_resolved') }}
),

clusters as (
    select article_id, is_reprint from {{ ref('int_articles_clustered') }}
),

park_names as (
    -- one spelling per park, for the park an amount is located in (the rule of dim_park.park_name)
    select
        park_id,
        first(
            park_name_as_written
            order by length(park_name_as_written) desc, position('(' in park_name_as_written) asc, park_name_as_written asc
        ) as park_name_as_written,
    from parks
    group by park_id
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

clause_or_sentence_project as (
    select
        a.mention_id,
        p.project_event_id,
        case
            when a.extracted_subject_text is not null then 'clause'
            else 'sentence'
        end as subject_source,
    from amounts as a
    inner join projects as p on a.article_id = p.article_id
    left join sentence_phase as ph on a.mention_id = ph.mention_id
    where
        (
            a.extracted_subject_text is not null
            and (
                {{ project_key('p.project_name') }} = {{ project_key('a.extracted_subject_text') }}
                -- a park subject: the event of that park (any phase: 某园 for 某园二期)
                or (a.extracted_subject_type = 'park' and starts_with({{ project_key('p.project_name') }}, {{ project_key('a.extracted_subject_text') }}))
            )
        )
        or (a.extracted_subject_text is null and p.sentence_no = a.sentence_no)
    qualify row_number() over (
        partition by a.mention_id
        order by
            -- the subject's own name first (with the phase written beside it: 某园二期)
            coalesce({{ project_key('p.project_name') }} = {{ project_key("a.extracted_subject_text || coalesce(ph.phase, '')") }}, false) desc,
            abs(p.sentence_no - a.sentence_no),
            (p.char_start <= a.char_start) desc,
            abs(p.char_start - a.char_start),
            p.project_event_id
    ) = 1
),

main_project as (
    select article_id, first(project_event_id order by char_start, project_event_id) as project_event_id,
    from projects
    where not is_batch
    group by article_id
),

main_park as (
    select article_id, park_id,
    from parks
    group by article_id, park_id
    qualify row_number() over (partition by article_id order by count(*) desc, min(char_start), park_id) = 1
),

chosen as (
    select
        a.*,
        case
            when csp.project_event_id is not null then csp.subject_source
            when a.extracted_subject_text is not null then 'clause'
            when a.located_park_id is not null then 'sentence'
            when mp.project_event_id is not null or mpk.park_id is not null then 'article'
        end as subject_source,
        coalesce(
            csp.project_event_id,
            case when a.extracted_subject_text is null and a.located_park_id is null then mp.project_event_id end
        ) as project_event_id,
        case
            when a.extracted_subject_type = 'park' then {{ short_hash([park_key('a.extracted_subject_text')]) }}
        end as subject_park_id,
        case
            when a.extracted_subject_text is null and a.located_park_id is null and mp.project_event_id is null
                then mpk.park_id
        end as main_park_id,
    from amounts as a
    left join clause_or_sentence_project as csp on a.mention_id = csp.mention_id
    left join main_project as mp on a.article_id = mp.article_id
    left join main_park as mpk on a.article_id = mpk.article_id
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
        coalesce(c.extracted_subject_text, p.project_name, pk.park_name_as_written) as subject_text,
        case
            when p.is_batch or (c.extracted_subject_type in ('count', 'batch') and c.extracted_is_batch_total) then 'batch'
            when c.extracted_subject_type in ('project', 'park', 'count') then c.extracted_subject_type
            when c.extracted_subject_type is not null then 'other'
            when p.project_event_id is not null then 'project'
            when coalesce(c.located_park_id, c.main_park_id) is not null then 'park'
        end as subject_type,
        c.subject_source,
        p.project_event_id,
        p.project_id,
        coalesce(
            case when c.subject_park_id in (select parks.park_id from parks) then c.subject_park_id end,
            p.park_id,
            c.located_park_id,
            c.main_park_id
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
    left join park_names as pk on coalesce(c.located_park_id, c.main_park_id) = pk.park_id
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
