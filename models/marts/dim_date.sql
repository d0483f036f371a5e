with

amounts_attributed as (
    select event_date from {{ ref('int_amounts_attributed') }}
),

projects as (
    select event_date from {{ ref('int_projects_linked') }}
),

amounts_valued as (
    select event_date from {{ ref('int_amounts_valued') }}
),

cooperation as (
    select event_date from {{ ref('int_cooperation_links') }}
),

articles as (
    select published_date from {{ ref('int_articles_deduplicated') }}
),

fact_dates as (
    select event_date as d from amounts_attributed
    union all
    select event_date from projects
    union all
    select event_date from amounts_valued
    union all
    select event_date from cooperation
    union all
    select published_date from articles
),

bounds as (
    select min(d) as first_day, max(d) as last_day
    from fact_dates
    where d is not null
),

spine as (
    select cast(unnest(generate_series(first_day, last_day, interval 1 day)) as date) as date_day
    from bounds
    where first_day is not null
),

final as (
    select
        date_day,
        year(date_day) as year,
        quarter(date_day) as quarter,
        month(date_day) as month,
        isodow(date_day) as day_of_week,
        weekofyear(date_day) as iso_week,
        {{ five_year_plan('year(date_day)') }} as five_year_plan,
    from spine
)

select * from final
