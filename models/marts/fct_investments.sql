with

amounts as (
    select * from {{ ref('int_amounts_attributed') }}
),

final as (
    select
        investment_id,
        article_id,
        amount_value,
        currency,
        amount_cny,
        qualifier,
        kind,
        subject_text,
        project_id,
        park_id,
        region_code,
        event_date,
        is_batch_total,
        evidence_text,
        char_start,
        char_end,
    from amounts
)

select * from final
