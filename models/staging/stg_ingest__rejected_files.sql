with

source as (
    select * from {{ source('ingest', 'rejected_files') }}
),

renamed as (
    select
        rel_path as source_path,
        sha256 as file_sha256,
        size_bytes,
        stage,
        reason,
        message,
        run_id,
        rejected_at,
    from source
)

select * from renamed
