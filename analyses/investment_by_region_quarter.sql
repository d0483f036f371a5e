-- Announced investment (亿元) by city and quarter, batch totals included once, projects
-- inside a batch with a stated total not added again; quarters of fact_date (event date,
-- else publication date).
select
    coalesce(c.name, r.name, '(unknown)') as city,
    d.year,
    d.quarter,
    round(sum(i.amount_cny) / 1e8, 2) as investment_yi_cny,
    count(*) filter (where i.is_batch_total) as batch_totals,
from {{ ref('fct_investments') }} as i
left join {{ ref('dim_date') }} as d on i.fact_date = d.date_day
left join {{ ref('dim_region') }} as r on i.region_code = r.region_code
left join {{ ref('dim_region') }} as c on r.city_code = c.region_code
where i.counts_in_totals
group by all
order by d.year nulls last, d.quarter, investment_yi_cny desc
