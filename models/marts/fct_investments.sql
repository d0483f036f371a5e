with

amounts as (
    select * from {{ ref('int_amounts_valued') }}
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
        subject_type,
        attribution,
        project_event_id,
        batch_project_event_id,
        in_batch_with_total,
        is_reprint,
        counts_in_totals,
        fx_cny_per_unit,
        fx_rate_year,
        fx_rate_source,
        fact_date,
        fact_year,
        fact_date_source,
    from amounts
)

select * from final
