with

mentions as (
    select * from {{ ref('int_mentions_keyed') }}
),

parks as (
    select mention_id, park_id from {{ ref('int_parks_resolved') }}
),

projects as (
    select mention_id, project_id from {{ ref('int_projects_linked') }}
),

final as (
    select
        m.mention_id,
        m.article_id,
        m.mention_type,
        m.surface_text,
        m.normalized,
        case m.mention_type
            when 'region' then m.ref_id
            when 'park' then pk.park_id
            when 'project' then pj.project_id
        end as ref_id,
        m.sentence_no,
        m.char_start,
        m.char_end,
        m.value_num,
        m.unit,
        m.qualifier,
        m.kind,
    from mentions as m
    left join parks as pk on m.mention_id = pk.mention_id
    left join projects as pj on m.mention_id = pj.mention_id
)

select * from final
