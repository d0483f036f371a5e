with

regions as (
    select * from {{ ref('stg_reference__regions') }}
),

park_mentions as (
    select * from {{ ref('int_parks_resolved') }}
),

articles as (
    select article_id, source_name from {{ ref('dim_article') }}
),

enclave_links as (
    -- parks whose cooperation an article calls an enclave (飞地)
    select distinct park_id from {{ ref('int_cooperation_links') }}
    where link_type = 'enclave'
),

mentions as (
    -- a "partner" that is the host's own parent division (上海 for 上海杨浦区…) is no partner
    select
        m.* replace (
            case
                when m.partner_region_code in (coalesce(h.parent_code, ''), coalesce(h.city_code, ''), h.province_code)
                    or m.partner_region_code = m.host_region_code
                    or m.host_region_code in (coalesce(p.parent_code, ''), coalesce(p.city_code, ''), p.province_code)
                    then null
                else m.partner_region_code
            end as partner_region_code
        ),
        m.park_id in (select el.park_id from enclave_links as el) as is_enclave_link,
        -- the outlet; an article without one is an outlet of its own (as in dim_project)
        coalesce(a.source_name, 'article:' || m.article_id) as outlet,
    from park_mentions as m
    left join articles as a on m.article_id = a.article_id
    left join regions as h on m.host_region_code = h.region_code
    left join regions as p on m.partner_region_code = p.region_code
),

region_votes as (
    -- how many mentions of the park give each host (and partner) division
    select park_id, 'host' as side, host_region_code as region_code, count(*) as votes,
    from mentions
    where host_region_code is not null
    group by park_id, host_region_code
    union all
    select park_id, 'partner' as side, partner_region_code as region_code, count(*) as votes,
    from mentions
    where partner_region_code is not null
    group by park_id, partner_region_code
),

park_regions as (
    -- the most often given division, the smaller code on a tie
    select
        park_id,
        first(region_code order by votes desc, region_code asc) filter (where side = 'host') as host_region_code,
        first(region_code order by votes desc, region_code asc) filter (where side = 'partner') as partner_region_code,
    from region_votes
    group by park_id
),

parks as (
    select
        park_id,
        -- the longest spelling, one without a bracket first, then in code-point order
        first(
            park_name_as_written
            order by length(park_name_as_written) desc, position('(' in park_name_as_written) asc, park_name_as_written asc
        ) as park_name,
        list_sort(list_distinct(list(park_name_as_written) || list(park_spelling))) as aliases,
        case
            when bool_or(park_key like '%飞地%' or is_enclave_link) then 'enclave'
            when bool_or(partner_region_code is not null) then 'co_built_park'
            when bool_or(park_key similar to '.*(经济技术开发区|经开区)') then 'economic_development_zone'
            when bool_or(park_key similar to '.*(高新区|高新技术产业开发区)') then 'high_tech_zone'
            when bool_or(park_key similar to '.*(开发区|保税区|自贸区)') then 'development_zone'
            when bool_or(park_key similar to '.*(中心|基地)') then 'innovation_centre'
            when bool_or(park_key similar to '.*(科创园|科技园|科学城|科技城|谷)') then 'science_park'
            else 'industrial_park'
        end as park_type,
        min(published_date) as first_seen_date,
        count(distinct article_id) as article_count,
        count(distinct outlet) as source_count,
        list_sort(list(distinct phase) filter (where phase is not null)) as phases,
        min(park_key) as park_key,  -- park_id is the hash of park_key: one value
        count(*) as mention_count,
    from mentions
    group by park_id
),

final as (
    select
        p.park_id,
        p.park_name,
        p.aliases,
        p.park_type,
        r.host_region_code,
        r.partner_region_code,
        p.first_seen_date,
        p.article_count,
        p.phases,
        p.park_key,
        p.mention_count,
        p.source_count,
    from parks as p
    left join park_regions as r on p.park_id = r.park_id
)

select * from final
