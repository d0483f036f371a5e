-- One row per monetary amount with what it belongs to: the subject named before it,
-- the project or park that subject is, the region, the date, and the yuan value at the
-- annual average rate of its year.
with

amounts as (
    select * from {{ ref('int_mentions_located') }}
    where mention_type = 'amount'
),

projects as (
    select * from {{ ref('int_projects_linked') }}
),

articles as (
    select * from {{ ref('int_articles_dated') }}
),

fx as (
    select * from {{ ref('stg_reference__fx_rates') }}
),

latest_fx as (
    select currency, arg_max(cny_per_unit, rate_year) as cny_per_unit
    from fx
    group by currency
),

attributed as (
    select
        a.*,
        a.attrs ->> 'subject_text' as subject_text,
        coalesce((a.attrs ->> 'is_batch_total')::boolean, false) as is_batch_total,
        (
            select p.project_id
            from projects as p
            where p.amount_mention_id = a.mention_id
            limit 1
        ) as project_id,
        year(coalesce(a.located_date, art.event_date, art.published_date)) as rate_year,
    from amounts as a
    left join articles as art on a.article_id = art.article_id
),

final as (
    select
        a.mention_id as investment_id,
        a.article_id,
        a.value_num as amount_value,
        a.unit as currency,
        case
            when a.unit = 'CNY' then a.value_num
            else a.value_num * coalesce(fx.cny_per_unit, lf.cny_per_unit)
        end as amount_cny,
        a.qualifier,
        a.kind,
        a.subject_text,
        a.project_id,
        a.located_park_id as park_id,
        a.located_region_code as region_code,
        a.located_date as event_date,
        a.is_batch_total,
        a.evidence_text,
        a.char_start,
        a.char_end,
    from attributed as a
    left join fx on a.unit = fx.currency and a.rate_year = fx.rate_year
    left join latest_fx as lf on a.unit = lf.currency
)

select * from final
