-- One row per park mention, with the park key that merges its spellings and aliases.
with

mentions as (
    select * from {{ ref('int_mentions_keyed') }}
    where mention_type = 'park'
),

articles as (
    select article_id, published_date from {{ ref('int_articles_deduplicated') }}
),

final as (
    select
        m.mention_id,
        m.article_id,
        m.sentence_no,
        m.char_start,
        m.char_end,
        m.normalized as park_name_as_written,
        -- the spelling in the text, phase removed: 科创园 where the canonical name says 科技创新园
        case
            when m.park_phase is not null and ends_with(m.surface_text, m.park_phase)
                then left(m.surface_text, length(m.surface_text) - length(m.park_phase))
            else m.surface_text
        end as park_spelling,
        {{ park_key('m.normalized') }} as park_key,
        {{ short_hash([park_key('m.normalized')]) }} as park_id,
        m.park_phase as phase,
        m.host_region_code,
        m.partner_region_code,
        a.published_date,
    from mentions as m
    inner join articles as a on m.article_id = a.article_id
)

select * from final
