with

links as (
    select * from {{ ref('int_cooperation_links') }}
),

final as (
    select
        cooperation_id,
        article_id,
        region_code_a,
        region_code_b,
        park_id,
        link_type,
        event_date,
        evidence_text,
        evidence_kind,
        is_reprint,
        not is_reprint as counts_in_totals,
    from links
)

select * from final
