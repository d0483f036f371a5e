with

source as (
    select * from {{ source('ingest', 'files') }}
),

renamed as (
    select
        rel_path as source_path,
        sha256 as file_sha256,
        size_bytes,
        compressed as is_compressed,
        encoding,
        encoding_confidence,
        nullif(encoding_note, '') as encoding_note,
        documents as document_count,
        extractor_version,
        ingested_at,
        run_id,
    from source
)

select * from renamed
