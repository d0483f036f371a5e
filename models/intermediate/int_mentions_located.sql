-- One row per mention with the context facts need: where int_mentions_placed places it,
-- its sentence (the evidence) and paragraph, and the date that applies (a resolved date in
-- the sentence, else the article's event date).
with

mentions as (
    select * from {{ ref('int_mentions_placed') }}
),

sentence_rows as (
    select * from {{ ref('stg_ingest__sentences') }}
),

articles as (
    select * from {{ ref('int_articles_deduplicated') }}
),

sentences as (
    select s.article_id, s.sentence_no, s.paragraph_no, s.sentence_text
    from sentence_rows as s
    inner join articles as a on s.source_file = a.source_file
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

final as (
    select
        m.*,
        s.sentence_text as evidence_text,
        s.paragraph_no,
        coalesce(sd.date_value, m.article_event_date) as located_date,
    from mentions as m
    left join sentences as s on m.article_id = s.article_id and m.sentence_no = s.sentence_no
    left join sentence_dates as sd on m.article_id = sd.article_id and m.sentence_no = sd.sentence_no
)

select * from final
