with

articles as (
    select * from {{ ref('int_articles_deduplicated') }}
),

clusters as (
    select * from {{ ref('int_articles_clustered') }}
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
        a.body_text,
        c.duplicate_of,
        a.published_month,
        a.published_day,
        a.copy_count,
        a.normalization_steps,
        c.cluster_id,
        c.cluster_size,
        c.is_reprint,
        a.body_minhash,
    from articles as a
    inner join clusters as c on a.article_id = c.article_id
)

select * from final
