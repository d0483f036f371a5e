with

events as (
    select p.*, a.published_date
    from {{ ref('int_projects_linked') }} as p
    inner join {{ ref('int_articles_deduplicated') }} as a on p.article_id = a.article_id
),

lifecycle as (
    -- later lifecycle stages win when an article reports several at once
    select
        *,
        case event_type
            when 'planned' then 1 when 'signed' then 2 when 'settled' then 3 when 'started' then 4
            when 'unveiled' then 5 when 'completed' then 6 when 'opened' then 7 when 'produced' then 8
            else 0
        end as stage_rank,
    from events
),

final as (
    select
        project_id,
        arg_max(project_name, length(project_name)) as project_name,
        arg_max(park_id, park_id is not null) as park_id,
        arg_max(region_code, region_code is not null) as region_code,
        min(coalesce(event_date, published_date)) as first_reported_date,
        arg_max(event_type, [epoch(coalesce(event_date, published_date, date '1900-01-01')), stage_rank]) as latest_event_type,
        count(distinct article_id) as article_count,
        bool_or(is_batch) as is_batch,
    from lifecycle
    group by project_id
)

select * from final
