with

source as (
    select * from {{ source('ingest', 'boilerplate') }}
),

renamed as (
    select
        source_file,
        article_id,
        line_no,
        label as boilerplate_label,
        text as boilerplate_text,
    from source
)

select * from renamed
