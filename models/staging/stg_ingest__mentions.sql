-- One row per extracted mention, its kind-specific attributes (the extractor's attrs JSON)
-- turned into typed, named columns here once: no model below staging reads attrs.
with

source as (
    select * from {{ source('ingest', 'mentions') }}
),

renamed as (
    select
        source_file,
        article_id,
        mention_no,
        mention_type,
        surface_text,
        normalized,
        ref_id,
        sentence_no,
        char_start,
        char_end,
        value as value_num,
        value_high as value_num_high,
        unit,
        qualifier,
        kind,
        -- amounts: what the amount belongs to, as the extractor found it in its clause or sentence
        nullif(cast(attrs as json) ->> 'subject_text', '') as subject_text,
        cast(attrs as json) ->> 'subject_type' as subject_type,
        coalesce(try_cast(cast(attrs as json) ->> 'is_batch_total' as boolean), false) as is_batch_total,
        cast(attrs as json) ->> 'attribution' as attribution,
        -- projects: a batch ('12个项目') or one named project, its count, trigger and park
        coalesce(try_cast(cast(attrs as json) ->> 'is_batch' as boolean), false) as is_batch,
        try_cast(cast(attrs as json) ->> 'project_count' as integer) as project_count,
        cast(attrs as json) ->> 'trigger' as trigger_text,
        coalesce(try_cast(cast(attrs as json) ->> 'planned' as boolean), false) as is_planned,
        -- projects: an earlier milestone the article tells as background, with its own clause's date
        coalesce(try_cast(cast(attrs as json) ->> 'background' as boolean), false) as is_background,
        try_cast(cast(attrs as json) ->> 'clause_date' as date) as clause_date,
        cast(attrs as json) ->> 'clause_date_precision' as clause_date_precision,
        cast(attrs as json) ->> 'park' as park_text,
        -- parks: phase (二期) and the host and partner regions named inside the name
        cast(attrs as json) ->> 'phase' as park_phase,
        cast(attrs as json) ->> 'host_region' as host_region_code,
        cast(attrs as json) ->> 'partner_region' as partner_region_code,
        -- regions: the compound (沪苏) or named pair a region is part of, whether that pair is
        -- stated as a cooperation of its own (甲市和乙市两市, 甲市·乙市对口合作), and whether it is a venue
        cast(attrs as json) ->> 'compound' as compound_id,
        coalesce(try_cast(cast(attrs as json) ->> 'stated_pair' as boolean), false) as is_stated_pair,
        coalesce(try_cast(cast(attrs as json) ->> 'venue' as boolean), false) as is_venue,
    from source
)

select * from renamed
