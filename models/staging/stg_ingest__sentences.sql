with

source as (
    select * from {{ source('ingest', 'sentences') }}
),

renamed as (
    select
        source_file,
        article_id,
        sentence_no,
        paragraph_no,
        char_start,
        char_end,
        sentence_text,
    from source
)

select * from renamed
