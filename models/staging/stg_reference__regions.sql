with

source as (
    select * from {{ ref('regions') }}
),

renamed as (
    select
        region_code,
        name,
        short_name,
        full_name,
        level,
        -- the more specific division first, wherever regions are ranked
        case level when 'county' then 0 when 'city' then 1 else 2 end as level_rank,
        nullif(parent_code, '') as parent_code,
        province_code,
        nullif(city_code, '') as city_code,
        longitude,
        latitude,
        nullif(coord_source, '') as coord_source,
        is_current,
        nullif(successor_code, '') as successor_code,
        cast(nullif(valid_to, '') as date) as valid_to,
        code_source,
        province_code in ('{{ var("yrd_province_codes") | join("', '") }}') as is_yrd,
    from source
)

select * from renamed
