-- Totals are never counted twice: per article, the investment summed over fct_projects
-- (where counts_in_totals) never exceeds the total the article announces in
-- fct_investments (its investment amounts that count in totals, summed). A project
-- investment copied from a batch total, or one amount on two projects, breaks it.
-- Returns every article that does (yuan, with a relative tolerance of 1e-9 for rounding).
with

projects as (
    select
        article_id,
        sum(investment_cny) filter (where counts_in_totals) as project_total_cny,
    from {{ ref('fct_projects') }}
    group by article_id
),

announced as (
    select
        article_id,
        coalesce(sum(amount_cny) filter (where counts_in_totals), 0) as announced_total_cny,
    from {{ ref('fct_investments') }}
    group by article_id
)

select
    p.article_id,
    p.project_total_cny,
    coalesce(a.announced_total_cny, 0) as announced_total_cny,
from projects as p
left join announced as a on p.article_id = a.article_id
where p.project_total_cny > coalesce(a.announced_total_cny, 0) * (1 + 1e-9)
