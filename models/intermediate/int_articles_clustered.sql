-- One row per article with its near-duplicate cluster. Articles whose MinHash signatures
-- (ingest/dedupe.py: minhash_bands × minhash_rows minimum hashes of the body's 3-grams)
-- agree in at least near_duplicate_min_similarity of positions (estimated Jaccard) are the
-- same story; candidate pairs come from locality-sensitive hashing (a pair must agree on a
-- whole band, in a bucket of at most near_duplicate_max_bucket articles), so the build never
-- compares every pair. The parameters are dbt vars (dbt_project.yml), shared with the
-- Python that signs. Clusters are the connected components of that relation; the canonical
-- member is the earliest published (then the first source file by name, then the article id).
--
-- Kept small for the profile's memory_limit: articles are numbered once (canon_rank, an
-- integer in canonical order), and every join below runs on those integers, never on the
-- article ids; a pair is verified on each position's low 16 bits, four positions packed into
-- one integer (b-bit MinHash, Li and König 2010: two different values agree there once in
-- 65,536, so the estimate moves by far less than its own sampling error), which makes a
-- signature 128 bytes and lets both sides of the verifying join fit in memory at 1,000,000
-- articles; and only articles with a similar partner enter the walk over clusters, the
-- others are alone by definition. Band keys hash the full values.
{% set bands = var('minhash_bands') %}
{% set rows = var('minhash_rows') %}
{% set signature_length = bands * rows %}
{#- positions packed into one ubigint, 16 bits each #}
{% set lanes = 4 %}
{% set words = signature_length // lanes %}
{#- 0x7FFF in every lane: for x = a xor b, bit_count(~(((x & m) + m) | x | m)) counts the lanes
    where x is zero, the positions where the two words agree (no carry crosses a lane) #}
{% set low_bits = '9223231297218904063::ubigint' %}
with

-- Not materialized: read three times below, and a materialized copy would hold every signature.
articles as not materialized (
    select article_id, source_file, published_date, body_minhash
    from {{ ref('int_articles_deduplicated') }}
),

ranked as (
    select
        article_id,
        row_number() over (order by published_date nulls last, source_file, article_id)::integer as canon_rank,
    from articles
),

signatures as (
    -- each position's low 16 bits, four to a word (b-bit MinHash)
    select
        r.canon_rank,
        {%- for word in range(words) %}
        (
            {%- for lane in range(lanes) %}
            ((a.body_minhash[{{ word * lanes + lane + 1 }}] & 65535)::ubigint << {{ 16 * lane }}){{ " |" if not loop.last }}
            {%- endfor %}
        ) as w{{ word }},
        {%- endfor %}
    from articles as a
    inner join ranked as r on a.article_id = r.article_id
    where len(a.body_minhash) = {{ signature_length }}
),

bands as (
    select
        r.canon_rank,
        b.band_no,
        hash(a.body_minhash[b.band_no * {{ rows }} + 1:b.band_no * {{ rows }} + {{ rows }}]) as band_key,
    from articles as a
    inner join ranked as r on a.article_id = r.article_id
    cross join range({{ bands }}) as b (band_no)
    where len(a.body_minhash) = {{ signature_length }}
),

sized_bands as (
    -- a band value shared by very many articles is boilerplate or template text, not a
    -- reprint: such buckets are skipped, which keeps the candidate pairs near-linear
    select
        *,
        count(*) over (partition by band_no, band_key) as bucket_size,
    from bands
),

candidate_pairs as (
    select distinct
        a.canon_rank as rank_a,
        b.canon_rank as rank_b,
    from sized_bands as a
    inner join sized_bands as b
        on a.band_no = b.band_no
        and a.band_key = b.band_key
        and a.canon_rank < b.canon_rank
    where a.bucket_size between 2 and {{ var('near_duplicate_max_bucket') }}
        and b.bucket_size between 2 and {{ var('near_duplicate_max_bucket') }}
),

similar_pairs as (
    select p.rank_a, p.rank_b,
    from candidate_pairs as p
    inner join signatures as a on p.rank_a = a.canon_rank
    inner join signatures as b on p.rank_b = b.canon_rank
    where (
        {%- for word in range(words) %}
        bit_count(~(((xor(a.w{{ word }}, b.w{{ word }}) & {{ low_bits }}) + {{ low_bits }}) | xor(a.w{{ word }}, b.w{{ word }}) | {{ low_bits }})){{ " +" if not loop.last }}
        {%- endfor %}
    ) / {{ signature_length }} >= {{ var('near_duplicate_min_similarity') }}
),

-- (ST03, PRS: sqlfluff cannot parse the walk below, USING KEY, so it sees no reader of edges)
edges as (  -- noqa: ST03
    select rank_a, rank_b from similar_pairs
    union all
    select rank_b, rank_a from similar_pairs
),

labels as (
    -- each paired article labelled with the least rank of its cluster: every article starts
    -- with its own rank, and each round hands a smaller label on along the edges; USING KEY
    -- keeps one row per article whatever the cluster's size (listing every member each
    -- member reaches grew with its square and ran out of the cap on a 1,000,000-article
    -- corpus); it ends when no label gets smaller
    with recursive walk (member_rank, first_rank) using key (member_rank) as (  -- noqa: PRS
        select distinct rank_a as member_rank, rank_a as first_rank from edges
        union
        select e.rank_b as member_rank, min(w.first_rank) as first_rank
        from walk as w
        inner join edges as e on w.member_rank = e.rank_a
        inner join recurring.walk as current_label on e.rank_b = current_label.member_rank
        group by e.rank_b
        having min(w.first_rank) < min(current_label.first_rank)
    )
    select * from walk
),

clusters as (
    select
        member_rank as canon_rank,
        first_rank,
        count(*) over (partition by first_rank) as cluster_size,
    from labels
),

cluster_firsts as (
    select
        c.canon_rank,
        c.cluster_size,
        r.article_id as canonical_id,
    from clusters as c
    inner join ranked as r on c.first_rank = r.canon_rank
),

final as (
    select
        r.article_id,
        coalesce(c.canonical_id, r.article_id) as cluster_id,
        case when c.canonical_id <> r.article_id then c.canonical_id end as duplicate_of,
        coalesce(c.cluster_size, 1) as cluster_size,
        coalesce(c.canonical_id <> r.article_id, false) as is_reprint,
    from ranked as r
    left join cluster_firsts as c on r.canon_rank = c.canon_rank
)

select * from final
