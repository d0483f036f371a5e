-- Enclaves (飞地) and co-built parks (共建园区): host and partner region of each park.
select
    k.park_name,
    k.park_type,
    host.full_name as host_region,
    partner.full_name as partner_region,
    k.article_count,
    k.aliases,
from {{ ref('dim_park') }} as k
inner join {{ ref('dim_region') }} as host on k.host_region_code = host.region_code
inner join {{ ref('dim_region') }} as partner on k.partner_region_code = partner.region_code
where k.partner_region_code <> k.host_region_code
order by k.article_count desc, k.park_name
