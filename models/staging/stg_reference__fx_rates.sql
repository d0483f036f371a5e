with

source as (
    select * from {{ ref('fx_rates') }}
),

renamed as (
    select
        year as rate_year,
        currency,
        cny_per_unit,
        source as rate_source,
    from source
)

select * from renamed
