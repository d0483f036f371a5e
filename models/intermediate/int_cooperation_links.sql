-- One row per cross-region link an article reports: the host and partner of an enclave
-- or co-built park, and the regions joined in an abbreviation compound (沪苏, 沪锡徐).
with

located as (
    select * from {{ ref('int_mentions_located') }}
),

parks as (
    select * from {{ ref('int_parks_resolved') }}
    where host_region_code is not null
        and partner_region_code is not null
        and host_region_code <> partner_region_code
),

park_links as (
    select
        p.article_id,
        p.partner_region_code as region_code_a,
        p.host_region_code as region_code_b,
        p.park_id,
        case when p.park_name_as_written like '%飞地%' then 'enclave' else 'co_built_park' end as link_type,
        l.located_date as event_date,
        l.evidence_text,
        p.char_start,
    from parks as p
    inner join located as l on p.mention_id = l.mention_id
),

compound_members as (
    select
        article_id,
        attrs ->> 'compound' as compound_id,
        ref_id as region_code,
        located_date,
        evidence_text,
        char_start,
    from located
    where mention_type = 'region' and attrs ->> 'compound' is not null
),

compound_links as (
    select
        a.article_id,
        a.region_code as region_code_a,
        b.region_code as region_code_b,
        cast(null as varchar) as park_id,
        'other' as link_type,
        a.located_date as event_date,
        a.evidence_text,
        a.char_start,
    from compound_members as a
    inner join compound_members as b
        on a.article_id = b.article_id
        and a.compound_id = b.compound_id
        and a.region_code < b.region_code
),

unioned as (
    select * from park_links
    union all
    select * from compound_links
),

final as (
    select
        {{ short_hash(['article_id', 'least(region_code_a, region_code_b)', 'greatest(region_code_a, region_code_b)', 'link_type', 'park_id']) }} as cooperation_id,
        article_id,
        least(region_code_a, region_code_b) as region_code_a,
        greatest(region_code_a, region_code_b) as region_code_b,
        park_id,
        link_type,
        event_date,
        evidence_text,
    from unioned
    qualify row_number() over (
        partition by article_id, least(region_code_a, region_code_b), greatest(region_code_a, region_code_b), link_type, park_id
        order by char_start
    ) = 1
)

select * from final
