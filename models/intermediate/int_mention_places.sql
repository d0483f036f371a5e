-- One row per mention its own sentence places: the most specific region and the nearest
-- park named in the same sentence (a venue, 在上海举行, only when the sentence names no other
-- region), or the article's city for a list item opening with the city's own zone. A
-- mention its sentence does not place has no row; int_mentions_placed falls back on the
-- article's main region. A model of its own, apart from the join that gives every mention
-- its place: as one query they ran out of the 384 MB cap in the full dbt build at
-- 1,000,000 articles.
-- Joins within a sentence plus window ranking, so the cost grows with sentence length,
-- not with corpus size; the text that places a mention is read only from the sentences
-- that can place one (those naming a region, those naming the city's own zone), so
-- a large corpus does not carry every sentence's text through those joins.
{% set city_zone = '市[^，,。市县区]{0,4}(?:园区|开发区|经开区|高新区|新区)' %}
with

mentions as (
    select * from {{ ref('int_mentions_keyed') }}
),

sentence_rows as (
    select * from {{ ref('stg_ingest__sentences') }}
),

articles as (
    select * from {{ ref('int_articles_deduplicated') }}
),

reference_regions as (
    select * from {{ ref('stg_reference__regions') }}
),

parks as (
    select * from {{ ref('int_parks_resolved') }}
),

articles_located as (
    select * from {{ ref('int_articles_located') }}
),

sentences as (
    select s.article_id, s.sentence_no, s.char_start, s.sentence_text
    from sentence_rows as s
    inner join articles as a on s.source_file = a.source_file
),

regions as (
    select
        m.mention_id,
        m.article_id,
        m.sentence_no,
        m.char_start,
        m.char_end,
        m.ref_id as region_code,
        r.level_rank,
        m.is_venue,
    from mentions as m
    inner join reference_regions as r on m.ref_id = r.region_code
    where m.mention_type = 'region'
),

zone_sentences as (
    select s.*
    from sentences as s
    where regexp_matches(s.sentence_text, '{{ city_zone }}')
),

region_pairs as (
    -- each mention with each region of its sentence, positions only (the text joins after)
    select
        m.mention_id,
        m.article_id,
        m.sentence_no,
        m.char_start,
        m.char_end,
        r.region_code,
        r.is_venue,
        r.level_rank,
        r.char_start as region_start,
        r.char_end as region_end,
    from mentions as m
    inner join regions as r on m.article_id = r.article_id and m.sentence_no = r.sentence_no
),

region_sentences as materialized (
    -- the sentences that name a region; materialized as a barrier, so the planner joins
    -- their text to the pairs above rather than to every mention first (inlined, this step
    -- ran out of memory at 1,000,000 articles)
    select s.article_id, s.sentence_no, s.char_start, s.sentence_text
    from sentences as s
    semi join regions as r on s.article_id = r.article_id and s.sentence_no = r.sentence_no
),

sentence_regions as (
    -- each region of the mention's sentence that can place it: never the place that opens
    -- another item of the same list (the text between the two holds a 、 but no comma, and
    -- the region follows a 、 or a colon), never a partner the place links up with
    -- (接轨上海, 对接杭州, 融入南京); whether a 、 lies between them is kept for the ranking
    select
        mention_id,
        region_code,
        is_venue,
        level_rank,
        distance,
        contains(gap_text, '、') as crosses_list_item,
    from (
        select
            p.mention_id,
            p.region_code,
            p.is_venue,
            p.level_rank,
            abs(p.region_start - p.char_start) as distance,
            substring(
                s.sentence_text,
                least(p.region_end, p.char_end) - s.char_start + 1,
                greatest(0, greatest(p.region_start, p.char_start) - least(p.region_end, p.char_end))
            ) as gap_text,
            substring(s.sentence_text, p.region_start - s.char_start, 1) as char_before,
            substring(s.sentence_text, greatest(1, p.region_start - s.char_start - 1), 2) as word_before,
        from region_pairs as p
        inner join region_sentences as s on p.article_id = s.article_id and p.sentence_no = s.sentence_no
    )
    where not (
        regexp_matches(gap_text, '^[^，,；;：:]*、[^，,；;：:]*$')
        and char_before in ('、', '：', ':')
    )
    and word_before not in ('接轨', '对接', '融入')
),

sentence_region as (
    -- the most specific region of the mention's sentence, its own list item's first
    -- (甲县总投资5亿元的星河项目、乙县云帆项目: 乙县 places 云帆项目, not 星河项目); a region
    -- heading the list (甲市签约星河、云帆等项目) or beyond a comma places every item
    select
        mention_id,
        region_code,
    from sentence_regions
    qualify row_number() over (
        partition by mention_id
        order by crosses_list_item, is_venue, level_rank, distance, region_code
    ) = 1
),

sentence_park as (
    select
        m.mention_id,
        p.park_id,
    from mentions as m
    inner join parks as p on m.article_id = p.article_id and m.sentence_no = p.sentence_no
    qualify row_number() over (
        partition by m.mention_id
        order by abs(p.char_start - m.char_start), p.park_id
    ) = 1
),

zone_city as (
    -- a list item opening with the city's own unnamed zone (甲项目、市经开区总投资5亿元的乙项目;
    -- 市开发区1个，为总投资3亿元的丙项目) places its mention in the article's city, not in the
    -- county the article is about
    select
        m.mention_id,
        coalesce(nullif(r.city_code, ''), r.region_code) as region_code,
    from mentions as m
    inner join zone_sentences as s on m.article_id = s.article_id and m.sentence_no = s.sentence_no
    inner join articles_located as ar on m.article_id = ar.article_id
    inner join reference_regions as r on ar.article_region_code = r.region_code
    where r.level in ('city', 'county')
        and regexp_matches(
            regexp_extract(substring(s.sentence_text, 1, m.char_start - s.char_start), '[^、；;：:]*$'),
            '^{{ city_zone }}'
        )
),

final as (
    -- each part has at most one row per mention
    select
        mention_id,
        max(sentence_region_code) as sentence_region_code,
        max(zone_city_code) as zone_city_code,
        max(located_park_id) as located_park_id,
    from (
        select mention_id, region_code as sentence_region_code, null as zone_city_code, null as located_park_id
        from sentence_region
        union all
        select mention_id, null as sentence_region_code, region_code as zone_city_code, null as located_park_id
        from zone_city
        union all
        select mention_id, null as sentence_region_code, null as zone_city_code, park_id as located_park_id
        from sentence_park
    )
    group by mention_id
)

select * from final
