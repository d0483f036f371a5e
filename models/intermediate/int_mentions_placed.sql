-- One row per mention with where it happened and its article's dates: the region and park
-- its own sentence places it with (int_mention_places), else the article's main region
-- (int_articles_located). Its sentence's text and date join in int_mentions_located.
with

mentions as (
    select * from {{ ref('int_mentions_keyed') }}
),

articles_located as (
    select * from {{ ref('int_articles_located') }}
),

mention_places as (
    select * from {{ ref('int_mention_places') }}
),

final as (
    select
        m.*,
        coalesce(p.sentence_region_code, p.zone_city_code, a.article_region_code) as located_region_code,
        p.sentence_region_code,
        p.zone_city_code,
        a.article_region_code,
        p.located_park_id,
        a.event_date as article_event_date,
        a.published_date,
    from mentions as m
    left join articles_located as a on m.article_id = a.article_id
    left join mention_places as p on m.mention_id = p.mention_id
)

select * from final
