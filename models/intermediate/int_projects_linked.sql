-- One row per project event an article reports: a project (or batch of N projects)
-- with the event type of its trigger, linked to its park, region, date and amount.
with

project_mentions as (
    select * from {{ ref('int_mentions_located') }}
    where mention_type = 'project'
),

amounts as (
    select * from {{ ref('int_mentions_located') }}
    where mention_type = 'amount' and kind = 'investment'
),

keyed as (
    select
        *,
        coalesce((attrs ->> 'is_batch')::boolean, false) as is_batch,
        case
            when coalesce((attrs ->> 'is_batch')::boolean, false)
                then article_id || ':' || {{ project_key('surface_text') }}
            else {{ project_key('normalized') }}
        end as project_key,
    from project_mentions
),

first_per_event as (
    -- an article naming the same project event twice reports it once
    select *
    from keyed
    qualify row_number() over (
        partition by article_id, project_key, kind order by char_start
    ) = 1
),

with_amount as (
    select
        p.*,
        (
            select a.mention_id
            from amounts as a
            where a.article_id = p.article_id
                and a.sentence_no = p.sentence_no
                and a.char_start > p.char_start
            order by a.char_start
            limit 1
        ) as amount_mention_id,
    from first_per_event as p
),

final as (
    select
        {{ short_hash(['p.article_id', 'p.project_key', 'p.kind']) }} as project_event_id,
        {{ short_hash(['p.project_key']) }} as project_id,
        p.article_id,
        p.mention_id,
        p.normalized as project_name,
        p.kind as event_type,
        a.value_num as investment_value,
        a.unit as currency,
        a.mention_id as amount_mention_id,
        coalesce(
            case when p.attrs ->> 'park' is not null then {{ short_hash([park_key("p.attrs ->> 'park'")]) }} end,
            p.located_park_id
        ) as park_id,
        p.located_region_code as region_code,
        p.located_date as event_date,
        p.is_batch,
        case when p.is_batch then (p.attrs ->> 'project_count')::integer else 1 end as project_count,
        p.evidence_text,
        p.char_start,
    from with_amount as p
    left join amounts as a on p.amount_mention_id = a.mention_id
)

select * from final
