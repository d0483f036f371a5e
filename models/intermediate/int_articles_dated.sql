-- One row per article with the date of its main event: the first fully resolved date
-- (day or month) stated in its first two sentences, else null.
with

articles as (
    select * from {{ ref('int_articles_deduplicated') }}
),

dates as (
    select
        article_id,
        char_start,
        try_cast(
            case
                when regexp_full_match(normalized, '\d{4}-\d{2}-\d{2}') then normalized
                when regexp_full_match(normalized, '\d{4}-\d{2}') then normalized || '-01'
            end as date
        ) as date_value,
        kind as date_precision,
    from {{ ref('int_mentions_keyed') }}
    where mention_type = 'date' and sentence_no <= 1
),

first_date as (
    select
        article_id,
        -- both from the same, first, date mention (the earlier date when two start together)
        first(date_value order by char_start, date_value, date_precision) as event_date,
        first(date_precision order by char_start, date_value, date_precision) as event_date_precision,
    from dates
    where date_value is not null
    group by article_id
),

final as (
    select
        a.article_id,
        a.published_date,
        f.event_date,
        f.event_date_precision,
    from articles as a
    left join first_date as f on a.article_id = f.article_id
)

select * from final
