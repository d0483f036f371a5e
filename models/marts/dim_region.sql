with

regions as (
    select * from {{ ref('stg_reference__regions') }}
),

final as (
    select
        region_code,
        name,
        short_name,
        full_name,
        level,
        parent_code,
        province_code,
        city_code,
        is_yrd,
        longitude,
        latitude,
        coord_source,
        is_current,
        successor_code,
        valid_to,
        code_source,
    from regions
)

select * from final
