-- The largest amounts announced in a foreign currency (美元, 欧元 …), with their yuan value
-- and the rate used.
select
    i.subject_text,
    i.amount_value,
    i.currency,
    round(i.amount_cny / 1e8, 2) as amount_yi_cny,
    i.fx_rate_year,
    i.fx_cny_per_unit,
    i.kind,
    a.source_file,
from {{ ref('fct_investments') }} as i
inner join {{ ref('dim_article') }} as a on i.article_id = a.article_id
where i.currency <> 'CNY' and not i.is_reprint
order by i.amount_cny desc nulls last, i.amount_value desc
limit 20
