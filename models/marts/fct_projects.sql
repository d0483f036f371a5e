with

projects as (
    select * from {{ ref('int_projects_linked') }}
),

fx as (
    select * from {{ ref('int_amounts_attributed') }}
),

final as (
    select
        p.project_event_id,
        p.project_id,
        p.article_id,
        p.project_name,
        p.event_type,
        p.investment_value,
        p.currency,
        fx.amount_cny as investment_cny,
        p.park_id,
        p.region_code,
        p.event_date,
        p.is_batch,
        p.project_count,
        p.evidence_text,
    from projects as p
    left join fx on p.amount_mention_id = fx.investment_id
)

select * from final
