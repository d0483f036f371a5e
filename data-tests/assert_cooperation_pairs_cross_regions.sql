-- A cooperation pair joins two different regions, neither the parent division of the other.
select c.cooperation_id, c.region_code_a, c.region_code_b
from {{ ref('fct_cooperation') }} as c
inner join {{ ref('dim_region') }} as a on c.region_code_a = a.region_code
inner join {{ ref('dim_region') }} as b on c.region_code_b = b.region_code
where c.region_code_a >= c.region_code_b
    or a.region_code in (b.parent_code, b.city_code, b.province_code)
    or b.region_code in (a.parent_code, a.city_code, a.province_code)
