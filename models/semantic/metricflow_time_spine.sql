-- The MetricFlow time spine: one row per day of marts.dim_date (which covers every fact date).
with

dates as (
    select * from {{ ref('dim_date') }}
),

final as (
    select
        date_day,
    from dates
)

select * from final
