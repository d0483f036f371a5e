-- The safe-aggregation rule (docs/overview.md): rows with counts_in_totals may be summed
-- without double counting. Returns every row that breaks it:
--   * a counted amount that is not an investment (a target such as 产值, a tax figure);
--   * a counted amount from a reprint (转载) of another article;
--   * a counted project amount inside a batch whose own total is also counted;
--   * the same figure for the same subject counted twice in one article.
with

inv as (
    select * from {{ ref('fct_investments') }}
),

articles as (
    select article_id, duplicate_of from {{ ref('dim_article') }}
),

not_investment as (
    select investment_id, 'counted amount is not an investment' as problem
    from inv
    where counts_in_totals and kind <> 'investment'
),

reprint as (
    select i.investment_id, 'counted amount comes from a reprint' as problem
    from inv as i
    inner join articles as a on i.article_id = a.article_id
    where i.counts_in_totals and a.duplicate_of is not null
),

batch_and_member as (
    select member.investment_id, 'counted project amount inside a counted batch total' as problem
    from inv as member
    inner join inv as total
        on member.batch_project_event_id = total.project_event_id
        and total.is_batch_total
        and total.counts_in_totals
    where member.counts_in_totals
),

repeated as (
    select min(investment_id) as investment_id, 'same figure for the same subject counted twice' as problem
    from inv
    where counts_in_totals
    group by article_id, currency, amount_value, coalesce(project_event_id, subject_text, '')
    having count(*) > 1
)

select * from not_investment
union all
select * from reprint
union all
select * from batch_and_member
union all
select * from repeated
