-- One row per mention of a canonical article copy, with its stable mention_id.
with

articles as (
    select article_id, source_file from {{ ref('int_articles_deduplicated') }}
),

mentions as (
    select * from {{ ref('stg_ingest__mentions') }}
),

final as (
    select
        {{ short_hash(['m.article_id', 'm.mention_type', 'm.char_start', 'm.char_end']) }} as mention_id,
        m.article_id,
        m.mention_no,
        m.mention_type,
        m.surface_text,
        m.normalized,
        m.ref_id,
        m.sentence_no,
        m.char_start,
        m.char_end,
        m.value_num,
        m.value_num_high,
        m.unit,
        m.qualifier,
        m.kind,
        m.subject_text,
        m.subject_type,
        m.is_batch_total,
        m.attribution,
        m.is_batch,
        m.project_count,
        m.trigger_text,
        m.is_planned,
        m.park_text,
        m.park_phase,
        m.host_region_code,
        m.partner_region_code,
        m.compound_id,
        m.is_venue,
    from mentions as m
    inner join articles as a
        on m.source_file = a.source_file
)

select * from final
