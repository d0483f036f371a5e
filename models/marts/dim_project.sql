with

events as (
    select * from {{ ref('fct_projects') }}
),

event_types as (
    select event_type, stage_order from {{ ref('stg_reference__event_types') }}
),

articles as (
    select article_id, source_name from {{ ref('dim_article') }}
),

lifecycle as (
    -- later lifecycle stages (stg_reference__event_types) win when an article reports
    -- several at once
    select
        e.*,
        e.fact_date as reported_date,
        coalesce(t.stage_order, 0) as stage_rank,
        -- the outlet; an article without one is an outlet of its own
        coalesce(a.source_name, 'article:' || e.article_id) as outlet,
    from events as e
    left join event_types as t on e.event_type = t.event_type
    left join articles as a on e.article_id = a.article_id
),

final as (
    -- every pick among events has a total order (ties end on a value or an id), so the same
    -- input gives the same row however DuckDB's threads split the work
    select
        project_id,
        -- ties are broken by value and date, never by row order (which the engine and its
        -- workers decide): the longest spelling, then the first in order; the park and
        -- region of the earliest report naming one
        arg_max(project_name, (length(project_name), project_name)) as project_name,
        arg_min(park_id, (park_id is null, coalesce(reported_date, date '2999-01-01'), park_id)) as park_id,
        arg_min(region_code, (region_code is null, coalesce(reported_date, date '2999-01-01'), region_code))
            as region_code,
        min(reported_date) as first_reported_date,
        -- the latest event that took place; an announced one (is_planned) only when none did
        first(
            event_type order by is_planned asc, reported_date desc nulls last, is_background asc, stage_rank desc, event_type asc
        ) as latest_event_type,
        count(distinct article_id) as article_count,
        count(distinct outlet) as source_count,
        bool_or(is_batch) as is_batch,
        first(event_type order by reported_date asc nulls last, stage_rank asc, event_type asc) as first_event_type,
        list(distinct event_type order by event_type) as event_types,
        -- every dated event that took place, background milestones included: 'YYYY-MM-DD event_type'
        list_transform(
            list_sort(list_distinct(
                list([strftime(reported_date, '%Y-%m-%d'), lpad(cast(stage_rank as varchar), 2, '0'), event_type])
                    filter (where reported_date is not null and not is_planned)
            )),
            lambda e: e[1] || ' ' || e[3]
        ) as timeline,
        count(*) as event_count,
        max(investment_cny) filter (where not is_reprint) as max_investment_cny,
    from lifecycle
    group by project_id
)

select * from final
