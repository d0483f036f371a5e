-- One row per article with where and when it happened: its main region (read from the
-- regions its body and headline name) and the date of its main event. The mentions of
-- int_mentions_placed and int_mentions_located fall back on these.
with

mentions as (
    select * from {{ ref('int_mentions_keyed') }}
),

articles as (
    select * from {{ ref('int_articles_deduplicated') }}
),

reference_regions as (
    select * from {{ ref('stg_reference__regions') }}
),

articles_dated as (
    select * from {{ ref('int_articles_dated') }}
),

regions as (
    select
        m.article_id,
        m.ref_id as region_code,
        m.surface_text,
        r.level_rank,
    from mentions as m
    inner join reference_regions as r on m.ref_id = r.region_code
    where m.mention_type = 'region'
),

headline_regions as (
    -- regions whose body spelling also stands in the headline: what the article is about
    select distinct r.article_id, r.region_code
    from regions as r
    inner join articles as a on r.article_id = a.article_id
    where length(r.surface_text) >= 2 and contains(coalesce(a.title, ''), r.surface_text)
),

article_region as (
    -- the article's main region: among the divisions the headline names, the most specific
    -- (county before city before province), then the most often named; without one in the
    -- headline, the most often named division, counties first on equal counts; the lowest
    -- code on equal weights (never the order rows arrive in)
    select
        article_id,
        arg_min(region_code, (-mentions_weighted, region_code)) as region_code,
    from (
        select
            r.article_id,
            r.region_code,
            case when h.region_code is not null then 100000 + (2 - min(r.level_rank)) * 1000 else 0 end
            + count(*) * 10 + 2 - min(r.level_rank) as mentions_weighted,
        from regions as r
        left join headline_regions as h on r.article_id = h.article_id and r.region_code = h.region_code
        group by r.article_id, r.region_code, h.region_code
    )
    group by article_id
),

final as (
    select
        coalesce(ar.article_id, d.article_id) as article_id,
        ar.region_code as article_region_code,
        d.event_date,
        d.published_date,
    from article_region as ar
    full join articles_dated as d on ar.article_id = d.article_id
)

select * from final
