with

projects as (
    select * from {{ ref('int_projects_linked') }}
),

investments as (
    -- the project's investment: the first investment amount attributed to the event
    select
        project_event_id,
        first(investment_id order by char_start, investment_id) as investment_id,
    from {{ ref('int_amounts_valued') }}
    where kind = 'investment' and project_event_id is not null
    group by project_event_id
),

amounts as (
    select * from {{ ref('int_amounts_valued') }}
),

final as (
    select
        p.project_event_id,
        p.project_id,
        p.article_id,
        p.project_name,
        p.event_type,
        a.amount_value as investment_value,
        a.currency,
        a.amount_cny as investment_cny,
        p.park_id,
        p.region_code,
        p.event_date,
        p.is_batch,
        p.project_count,
        p.evidence_text,
        p.batch_project_event_id,
        a.investment_id,
        p.trigger_text,
        p.is_planned,
        p.is_background,
        p.event_date_precision,
        p.is_reprint,
        not p.is_reprint and not p.is_background and not coalesce(a.in_batch_with_total, false) as counts_in_totals,
        p.char_start,
        p.char_end,
        {{ fact_date_columns('p.event_date', 'p.published_date') }}
    from projects as p
    left join investments as i on p.project_event_id = i.project_event_id
    left join amounts as a on i.investment_id = a.investment_id
)

select * from final
