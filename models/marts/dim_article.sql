with

articles as (
    select * from {{ ref('int_articles_deduplicated') }}
),

final as (
    select
        article_id,
        source_file,
        title,
        published_date,
        published_date_precision,
        source_name,
        source_url,
        script,
        body_text,
        cast(null as varchar) as duplicate_of,
        published_month,
        published_day,
        copy_count,
        normalization_steps,
    from articles
)

select * from final
