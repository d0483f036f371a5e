with

source as (
    select * from {{ source('ingest', 'articles') }}
),

renamed as (
    select
        source_file,
        rel_path as source_path,
        line_no,
        article_id,
        file_sha256,
        nullif(trim(title), '') as title,
        cast(published_date as date) as published_date,
        published_date_precision,
        published_month,
        published_day,
        published_time,
        nullif(trim(source_name), '') as source_name,
        nullif(trim(source_url), '') as source_url,
        nullif(trim(author), '') as author_name,
        nullif(trim(editor), '') as editor_name,
        script,
        encoding,
        body_text,
        body_minhash,
        cast(normalization_steps as json) as normalization_steps,
        extractor_version,
    from source
)

select * from renamed
