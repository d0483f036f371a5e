with

links as (
    select * from {{ ref('int_cooperation_links') }}
),

articles as (
    select article_id, published_date from {{ ref('int_articles_deduplicated') }}
),

final as (
    select
        l.cooperation_id,
        l.article_id,
        l.region_code_a,
        l.region_code_b,
        l.park_id,
        l.link_type,
        l.event_date,
        l.evidence_text,
        l.evidence_kind,
        l.is_reprint,
        not l.is_reprint as counts_in_totals,
        {{ fact_date_columns('l.event_date', 'a.published_date') }}
    from links as l
    inner join articles as a on l.article_id = a.article_id
)

select * from final
