with

events as (
    select * from {{ ref('fct_projects') }}
),

articles as (
    select article_id, published_date from {{ ref('int_articles_deduplicated') }}
),

event_types as (
    select event_type, stage_order from {{ ref('stg_reference__event_types') }}
),

lifecycle as (
    -- later lifecycle stages (stg_reference__event_types) win when an article reports
    -- several at once
    select
        e.*,
        coalesce(e.event_date, a.published_date) as reported_date,
        coalesce(t.stage_order, 0) as stage_rank,
    from events as e
    inner join articles as a on e.article_id = a.article_id
    left join event_types as t on e.event_type = t.event_type
),

final as (
    -- every pick among events has a total order (ties end on a value or an id), so the same
    -- input gives the same row however DuckDB's threads split the work
    select
        project_id,
        first(project_name order by length(project_name) desc, project_name asc) as project_name,
        -- park and region: of the latest report that names one
        first(park_id order by park_id is null asc, reported_date desc nulls last, project_event_id asc) as park_id,
        first(region_code order by region_code is null asc, reported_date desc nulls last, project_event_id asc) as region_code,
        min(reported_date) as first_reported_date,
        first(event_type order by reported_date desc nulls last, stage_rank desc, event_type asc) as latest_event_type,
        count(distinct article_id) as article_count,
        bool_or(is_batch) as is_batch,
        first(event_type order by reported_date asc nulls last, stage_rank asc, event_type asc) as first_event_type,
        list(distinct event_type order by event_type) as event_types,
        count(*) as event_count,
        max(investment_cny) filter (where not is_reprint) as max_investment_cny,
    from lifecycle
    group by project_id
)

select * from final
