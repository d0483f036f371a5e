-- One row per cross-region pair an article reports, from three kinds of evidence:
--   park:     the host and partner regions of an enclave (飞地) or co-built park (共建园区);
--   compound: the regions joined in an abbreviation compound (沪苏, 沪锡徐) or named as a
--             pair (甲区和乙区两地), at the level the compound names them, or at the one place
--             inside a side that the same sentence names;
--   signing:  one region's projects signed or settled in or for another: in a sentence
--             with a signing/settling event, the article's main region paired with each
--             other region named there (the most specific one where the sentence names a
--             division and its parent).
-- Pairs are kept at the most specific level the article names: a compound pair whose two
-- sides each contain (or equal) the sides of a park or signing link in the same article,
-- and a signing pair framing a park link that way, are broader framings of that
-- cooperation and are dropped. Two regions named as a pair (甲区和乙区两地) are a compound
-- too; with a cue that states their cooperation (甲市和乙市两市, 甲市·乙市对口合作, 结对) the
-- pair is a cooperation of its own and frames nothing. A sentence opening with 这些/上述
-- refers back to signings already reported: it names no new signing. In a compound of three or more, only the links of the
-- member holding the article's own region are kept. An article reporting the same
-- pair several ways keeps one row (park link first, then signing, then compound).
with

located as (
    select * from {{ ref('int_mentions_located') }}
),

regions as (
    select * from {{ ref('stg_reference__regions') }}
),

parks_resolved as (
    select * from {{ ref('int_parks_resolved') }}
),

clusters as (
    select article_id, is_reprint from {{ ref('int_articles_clustered') }}
),

parks as (
    select * from parks_resolved
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
        case
            when p.park_name_as_written like '%飞地%' or l.evidence_text like '%飞地%' then 'enclave'
            else 'co_built_park'
        end as link_type,
        'park' as evidence_kind,
        l.located_date as event_date,
        l.evidence_text,
        p.char_start,
        false as is_stated_pair,
    from parks as p
    inner join located as l on p.mention_id = l.mention_id
    inner join regions as host on p.host_region_code = host.region_code
    inner join regions as partner on p.partner_region_code = partner.region_code
    -- a division and its own parent are not two sides of a cooperation
    where p.partner_region_code not in (coalesce(host.parent_code, ''), coalesce(host.city_code, ''), host.province_code)
        and p.host_region_code not in (coalesce(partner.parent_code, ''), coalesce(partner.city_code, ''), partner.province_code)
),

-- is `outer_code` the region `inner_code` or one of its ancestors?
with_ancestors as (
    select region_code, region_code as ancestor_code from regions
    union all
    select region_code, parent_code from regions where parent_code is not null
    union all
    select region_code, city_code from regions where city_code is not null and city_code <> coalesce(parent_code, '')
    union all
    select region_code, province_code from regions where province_code not in (region_code, coalesce(parent_code, ''), coalesce(city_code, ''))
),

compound_parts as (
    select
        article_id,
        compound_id,
        sentence_no,
        ref_id as region_code,
        article_region_code,
        located_date,
        evidence_text,
        char_start,
        count(distinct ref_id) over (partition by article_id, compound_id) as compound_size,
        bool_or(coalesce(is_stated_pair, false)) over (partition by article_id, compound_id) as is_stated_pair,
    from located
    where mention_type = 'region' and compound_id is not null
),

sentence_places as (
    -- the places a sentence names outside compounds: regions, and the host regions of parks
    select article_id, sentence_no, ref_id as region_code
    from located
    where mention_type = 'region' and compound_id is null and ref_id is not null
    union
    select l.article_id, l.sentence_no, p.host_region_code as region_code
    from parks_resolved as p
    inner join located as l on p.mention_id = l.mention_id
    where p.host_region_code is not null
),

refined_parts as (
    -- a side of a two-party compound whose sentence also names exactly one place inside it
    -- (甲乙两地…分别位于甲市某区和乙市某开发区) is given at that place, the most specific named
    select c.article_id, c.compound_id, c.region_code, min(sp.region_code) as refined_code
    from compound_parts as c
    inner join sentence_places as sp
        on c.article_id = sp.article_id and c.sentence_no = sp.sentence_no and c.region_code <> sp.region_code
    inner join with_ancestors as wa on sp.region_code = wa.region_code and c.region_code = wa.ancestor_code
    where c.compound_size = 2
    group by c.article_id, c.compound_id, c.region_code
    having count(distinct sp.region_code) = 1
),

compound_members as (
    select
        c.article_id,
        c.compound_id,
        coalesce(r.refined_code, c.region_code) as region_code,
        c.article_region_code,
        c.located_date,
        c.evidence_text,
        c.char_start,
        c.compound_size,
        c.is_stated_pair,
    from compound_parts as c
    left join refined_parts as r
        on c.article_id = r.article_id and c.compound_id = r.compound_id and c.region_code = r.region_code
),

compound_hubs as (
    -- in a compound of three or more (沪锡徐), the member that is or contains the article's
    -- own region is the hub: the article reports its links to each other member, not
    -- links between the others
    select distinct m.article_id, m.compound_id, m.region_code as hub_code
    from compound_members as m
    inner join with_ancestors as wa
        on m.article_region_code = wa.region_code and m.region_code = wa.ancestor_code
    where m.compound_size >= 3
),

compound_links as (
    select
        a.article_id,
        a.region_code as region_code_a,
        b.region_code as region_code_b,
        cast(null as varchar) as park_id,
        'other' as link_type,
        'compound' as evidence_kind,
        a.located_date as event_date,
        a.evidence_text,
        a.char_start,
        a.is_stated_pair,
    from compound_members as a
    inner join compound_members as b
        on a.article_id = b.article_id
        and a.compound_id = b.compound_id
        and a.region_code < b.region_code
    left join compound_hubs as h
        on a.article_id = h.article_id and a.compound_id = h.compound_id
    where h.hub_code is null or h.hub_code in (a.region_code, b.region_code)
),

signing_sentences as (
    select
        article_id,
        sentence_no,
        -- a promotion held elsewhere (推介会 in B): its venue is a side; any other venue is
        -- only where the ceremony took place
        bool_or(regexp_matches(coalesce(evidence_text, ''), '推介|说明会|招商会|恳谈会|洽谈会|周(开幕|活动)')) as is_promotion,
        -- an enclave (飞地) may lie outside the Yangtze River Delta
        bool_or(coalesce(evidence_text, '') like '%飞地%') as is_enclave,
    from located as l
    where mention_type in ('event', 'project') and kind in ('signed', 'settled')
        -- 这些签约项目…, 上述项目…: the sentence refers back to signings already reported
        and not regexp_matches(coalesce(evidence_text, ''), '^\s*(这些|上述|以上|该批)')
        -- a sentence naming a co-built park reports that park's pair (its park link)
        and not exists (
            select 1 from parks as p where p.article_id = l.article_id and p.sentence_no = l.sentence_no
        )
    group by article_id, sentence_no
),

sentence_regions as (
    -- the regions a signing sentence names, and the host regions of the parks it names
    -- (松江工业区与浙江湖州经济技术开发区签约: 湖州, not only the locator 浙江)
    select
        l.article_id,
        l.sentence_no,
        l.ref_id as region_code,
        l.article_region_code,
        l.located_date,
        l.evidence_text,
        l.char_start,
        s.is_enclave,
    from located as l
    inner join signing_sentences as s
        on l.article_id = s.article_id and l.sentence_no = s.sentence_no
    where l.mention_type = 'region' and l.compound_id is null and (not coalesce(l.is_venue, false) or s.is_promotion)
    union all
    select
        l.article_id,
        l.sentence_no,
        p.host_region_code as region_code,
        l.article_region_code,
        l.located_date,
        l.evidence_text,
        l.char_start,
        s.is_enclave,
    from parks_resolved as p
    inner join located as l on p.mention_id = l.mention_id
    inner join signing_sentences as s
        on l.article_id = s.article_id and l.sentence_no = s.sentence_no
    where p.host_region_code is not null
),

most_specific as (
    -- drop a region when the same sentence also names one of its divisions
    select sr.*
    from sentence_regions as sr
    where not exists (
        select 1
        from sentence_regions as other
        inner join regions as r on other.region_code = r.region_code
        where other.article_id = sr.article_id
            and other.sentence_no = sr.sentence_no
            and sr.region_code in (r.parent_code, r.city_code, r.province_code)
            and other.region_code <> sr.region_code
    )
),

signing_links as (
    select
        m.article_id,
        m.article_region_code as region_code_a,
        m.region_code as region_code_b,
        cast(null as varchar) as park_id,
        'signing' as link_type,
        'signing' as evidence_kind,
        m.located_date as event_date,
        m.evidence_text,
        m.char_start,
        false as is_stated_pair,
    from most_specific as m
    inner join regions as home on m.article_region_code = home.region_code
    inner join regions as other on m.region_code = other.region_code
    where m.region_code <> m.article_region_code
        -- a division and its own parent are not two sides of a cooperation
        and m.region_code not in (coalesce(home.parent_code, ''), coalesce(home.city_code, ''), home.province_code)
        and m.article_region_code not in (coalesce(other.parent_code, ''), coalesce(other.city_code, ''), other.province_code)
        -- two counties of one city report that city's own projects, not a cooperation
        and coalesce(nullif(home.city_code, ''), home.region_code) <> coalesce(nullif(other.city_code, ''), other.region_code)
        -- a place outside the Yangtze River Delta named in a signing sentence (来自深圳的企业)
        -- is a side only of an enclave there
        and (other.is_yrd or m.is_enclave)
),

unioned as (
    select * from park_links
    union all
    select * from compound_links
    union all
    select * from signing_links
),

ordered as (
    select
        *,
        least(region_code_a, region_code_b) as pair_a,
        greatest(region_code_a, region_code_b) as pair_b,
    from unioned
),

broader as (
    -- links that frame a more specific link of the same article more broadly: a compound
    -- (沪苏) around a park or signing link, a signing link around a park link
    select distinct o.article_id, o.pair_a, o.pair_b
    from ordered as o
    inner join ordered as p
        on o.article_id = p.article_id
        and (
            (o.evidence_kind = 'compound' and p.evidence_kind in ('park', 'signing'))
            or (o.evidence_kind = 'signing' and p.evidence_kind = 'park')
        )
        and not (o.pair_a = p.pair_a and o.pair_b = p.pair_b)
    inner join with_ancestors as pa on p.pair_a = pa.region_code
    inner join with_ancestors as pb on p.pair_b = pb.region_code
    where (o.pair_a = pa.ancestor_code and o.pair_b = pb.ancestor_code)
        or (o.pair_b = pa.ancestor_code and o.pair_a = pb.ancestor_code)
),

kept as (
    select o.*
    from ordered as o
    left join broader as b
        on o.article_id = b.article_id and o.pair_a = b.pair_a and o.pair_b = b.pair_b
    -- a pair stated as a cooperation of its own (甲市和乙市两市) frames nothing
    where b.article_id is null or o.is_stated_pair
    qualify row_number() over (
        partition by o.article_id, o.pair_a, o.pair_b
        order by
            case o.evidence_kind when 'park' then 0 when 'signing' then 1 else 2 end,
            o.char_start,
            o.region_code_a,
            o.park_id nulls last,
            o.link_type,
            o.event_date nulls last,
            o.evidence_text
    ) = 1
),

final as (
    select
        {{ short_hash(['k.article_id', 'k.pair_a', 'k.pair_b']) }} as cooperation_id,
        k.article_id,
        k.pair_a as region_code_a,
        k.pair_b as region_code_b,
        k.park_id,
        k.link_type,
        k.evidence_kind,
        k.event_date,
        coalesce(c.is_reprint, false) as is_reprint,
        k.evidence_text,
    from kept as k
    left join clusters as c on k.article_id = c.article_id
)

select * from final
