-- Announced investment (亿元) by province and fact_year (the event's year, else the
-- publication year): safe totals only (counts_in_totals).
select
    coalesce(p.name, '(unknown)') as province,
    i.fact_year as year,
    count(*) as amounts,
    round(sum(i.amount_cny) / 1e8, 2) as investment_yi_cny,
from {{ ref('fct_investments') }} as i
left join {{ ref('dim_region') }} as r on i.region_code = r.region_code
left join {{ ref('dim_region') }} as p on r.province_code = p.region_code
where i.counts_in_totals
group by all
order by investment_yi_cny desc nulls last, province, year
