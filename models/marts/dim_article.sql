with

articles as (
    select * from {{ ref('int_articles_deduplicated') }}
),

clusters as (
    select * from {{ ref('int_articles_clustered') }}
),

bodies as (
    select source_file, body_text from {{ ref('stg_ingest__articles') }}
),

final as (
    select
        a.article_id,
        a.source_file,
        a.title,
        a.published_date,
        a.published_date_precision,
        a.source_name,
        a.source_url,
        a.script,
        b.body_text,
        c.duplicate_of,
        a.published_month,
        a.published_day,
        a.copy_count,
        a.normalization_steps,
        c.cluster_id,
        c.cluster_size,
        c.is_reprint,
    from articles as a
    inner join clusters as c on a.article_id = c.article_id
    inner join bodies as b on a.source_file = b.source_file
)

select * from final
