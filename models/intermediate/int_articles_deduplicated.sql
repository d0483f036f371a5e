-- One row per distinct article_id: the same article saved under several names (or in
-- several formats) is one article; the canonical copy is the first source file by name.
-- The body is not copied here: dim_article reads it from staging (raw.articles holds it once).
with

articles as (
    select * from {{ ref('stg_ingest__articles') }}
),

ranked as (
    select
        *,
        row_number() over (partition by article_id order by source_file) as copy_no,
        count(*) over (partition by article_id) as copy_count,
    from articles
),

final as (
    select
        article_id,
        source_file,
        title,
        published_date,
        published_date_precision,
        published_month,
        published_day,
        source_name,
        source_url,
        script,
        body_minhash,
        normalization_steps,
        copy_count,
    from ranked
    where copy_no = 1
)

select * from final
