-- One row per monetary amount with its yuan value and whether it counts in totals.
-- Conversion: amount_cny = amount_value x the annual average rate (年平均汇率) of the
-- amount's fact_year (event date, else publication date: macros/fact_date.sql) from seeds/fx_rates.csv; a year not
-- in the seed takes the nearest year listed for that currency (the earlier on a tie; an
-- undated amount the latest year); a currency not in the seed has no amount_cny.
-- counts_in_totals (the safe-aggregation rule, docs/overview.md): an investment amount of
-- a canonical article that is not a project's share of a batch whose total is stated,
-- and not the same figure repeated for the same subject in the same article.
with

amounts as (
    select * from {{ ref('int_amounts_attributed') }}
),

fx as (
    select * from {{ ref('stg_reference__fx_rates') }}
),

dated as (
    select
        *,
        {{ fact_date_columns('event_date', 'published_date') }}
    from amounts
),

rate as (
    select
        d.investment_id,
        fx.cny_per_unit,
        fx.rate_year,
        fx.rate_source,
    from dated as d
    inner join fx on d.currency = fx.currency
    qualify row_number() over (
        partition by d.investment_id
        order by abs(coalesce(d.fact_year, 9999) - fx.rate_year), fx.rate_year
    ) = 1
),

valued as (
    select
        d.*,
        case
            when d.currency = 'CNY' then d.amount_value
            else d.amount_value * r.cny_per_unit
        end as amount_cny,
        case when d.currency = 'CNY' then 1.0 else r.cny_per_unit end as fx_cny_per_unit,
        r.rate_year as fx_rate_year,
        r.rate_source as fx_rate_source,
    from dated as d
    left join rate as r on d.investment_id = r.investment_id
),

final as (
    select
        *,
        kind = 'investment'
            and not is_reprint
            and not in_batch_with_total
            and row_number() over (
                partition by article_id, kind, currency, amount_value, coalesce(project_event_id, subject_text, '')
                order by char_start, investment_id
            ) = 1 as counts_in_totals,
    from valued
)

select * from final
