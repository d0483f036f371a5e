-- One row per mention with the context facts need: its sentence, the most specific
-- region and the nearest park named in the same sentence, and the date that applies
-- (a resolved date in the sentence, else the article's event date).
with

mentions as (
    select * from {{ ref('int_mentions_keyed') }}
),

sentences as (
    select s.article_id, s.sentence_no, s.sentence_text
    from {{ ref('stg_ingest__sentences') }} as s
    inner join {{ ref('int_articles_deduplicated') }} as a on s.source_file = a.source_file
),

regions as (
    select m.article_id, m.sentence_no, m.char_start, m.ref_id as region_code, r.level
    from mentions as m
    inner join {{ ref('stg_reference__regions') }} as r on m.ref_id = r.region_code
    where m.mention_type = 'region'
),

article_region as (
    -- the article's main region: its most often named county, else city, else province
    select
        article_id,
        arg_max(region_code, mentions_weighted) as region_code,
    from (
        select
            article_id,
            region_code,
            count(*) * 10 + case level when 'county' then 3 when 'city' then 2 else 1 end as mentions_weighted,
        from regions
        group by article_id, region_code, level
    )
    group by article_id
),

sentence_dates as (
    select
        article_id,
        sentence_no,
        min(try_cast(normalized as date)) as date_value,
    from mentions
    where mention_type = 'date' and regexp_full_match(normalized, '\d{4}-\d{2}-\d{2}')
    group by article_id, sentence_no
),

parks as (
    select * from {{ ref('int_parks_resolved') }}
),

final as (
    select
        m.*,
        s.sentence_text as evidence_text,
        coalesce(
            (
                select r.region_code
                from regions as r
                where r.article_id = m.article_id and r.sentence_no = m.sentence_no
                order by case r.level when 'county' then 0 when 'city' then 1 else 2 end,
                    abs(r.char_start - m.char_start)
                limit 1
            ),
            ar.region_code
        ) as located_region_code,
        (
            select p.park_id
            from parks as p
            where p.article_id = m.article_id and p.sentence_no = m.sentence_no
            order by abs(p.char_start - m.char_start)
            limit 1
        ) as located_park_id,
        coalesce(sd.date_value, d.event_date) as located_date,
    from mentions as m
    left join sentences as s on m.article_id = s.article_id and m.sentence_no = s.sentence_no
    left join article_region as ar on m.article_id = ar.article_id
    left join sentence_dates as sd on m.article_id = sd.article_id and m.sentence_no = sd.sentence_no
    left join {{ ref('int_articles_dated') }} as d on m.article_id = d.article_id
)

select * from final
