-- The cross-province cooperation network: links between provinces (edges), counted once per
-- article (reprints excluded), with the kinds of evidence behind them.
select
    least(pa.name, pb.name) as province_a,
    greatest(pa.name, pb.name) as province_b,
    count(*) as links,
    count(distinct c.article_id) as articles,
    list(distinct c.link_type order by c.link_type) as link_types,
from {{ ref('fct_cooperation') }} as c
inner join {{ ref('dim_region') }} as a on c.region_code_a = a.region_code
inner join {{ ref('dim_region') }} as b on c.region_code_b = b.region_code
inner join {{ ref('dim_region') }} as pa on a.province_code = pa.region_code
inner join {{ ref('dim_region') }} as pb on b.province_code = pb.region_code
where c.counts_in_totals and a.province_code <> b.province_code
group by all
order by links desc, province_a, province_b
