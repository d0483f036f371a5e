-- One row per mention of a canonical article copy, with its stable mention_id. Region codes
-- (a region mention's ref_id, a park's host and partner) roll up to the current division:
-- a retired code (江干区 330104) becomes its successor (上城区 330102), so every fact carries
-- today's code while the surface text keeps the name as written.
with

articles as (
    select article_id, source_file from {{ ref('int_articles_deduplicated') }}
),

mentions as (
    select * from {{ ref('stg_ingest__mentions') }}
),

reference_regions as (
    select * from {{ ref('stg_reference__regions') }}
),

retired as (
    select region_code, successor_code from reference_regions where successor_code is not null
),

final as (
    select
        {{ short_hash(['m.article_id', 'm.mention_type', 'm.char_start', 'm.char_end']) }} as mention_id,
        m.article_id,
        m.mention_no,
        m.mention_type,
        m.surface_text,
        m.normalized,
        case when m.mention_type = 'region' then coalesce(r.successor_code, m.ref_id) else m.ref_id end as ref_id,
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
        m.is_background,
        m.clause_date,
        m.clause_date_precision,
        m.park_text,
        m.park_phase,
        coalesce(h.successor_code, m.host_region_code) as host_region_code,
        coalesce(p.successor_code, m.partner_region_code) as partner_region_code,
        m.compound_id,
        m.is_stated_pair,
        m.is_venue,
    from mentions as m
    inner join articles as a
        on m.source_file = a.source_file
    left join retired as r on m.mention_type = 'region' and m.ref_id = r.region_code
    left join retired as h on m.host_region_code = h.region_code
    left join retired as p on m.partner_region_code = p.region_code
)

select * from final
