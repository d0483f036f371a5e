-- Top parks by announced investment (亿元), safe totals only, with how many articles name them.
select
    k.park_name,
    k.park_type,
    h.full_name as host_region,
    count(*) as amounts,
    round(sum(i.amount_cny) / 1e8, 2) as investment_yi_cny,
    k.article_count,
from {{ ref('fct_investments') }} as i
inner join {{ ref('dim_park') }} as k on i.park_id = k.park_id
left join {{ ref('dim_region') }} as h on k.host_region_code = h.region_code
where i.counts_in_totals
group by all
order by investment_yi_cny desc, k.park_name
limit 20
