with

source as (
    select * from {{ source('ingest', 'sentences') }}
),

articles as (
    select * from {{ source('ingest', 'articles') }}
),

renamed as (
    select
        source.source_file,
        source.article_id,
        source.sentence_no,
        source.paragraph_no,
        source.char_start,
        source.char_end,
        -- raw.sentences keeps the offsets only: the text is cut from the body it points into
        substring(articles.body_text, source.char_start + 1, source.char_end - source.char_start) as sentence_text,
    from source
    left join articles on source.source_file = articles.source_file
)

select * from renamed
