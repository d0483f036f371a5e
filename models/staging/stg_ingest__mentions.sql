with

source as (
    select * from {{ source('ingest', 'mentions') }}
),

renamed as (
    select
        source_file,
        article_id,
        mention_no,
        mention_type,
        surface_text,
        normalized,
        ref_id,
        sentence_no,
        char_start,
        char_end,
        value as value_num,
        value_high as value_num_high,
        unit,
        qualifier,
        kind,
        cast(attrs as json) as attrs,
    from source
)

select * from renamed
