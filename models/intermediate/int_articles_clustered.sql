-- One row per article with its near-duplicate cluster. Articles whose MinHash signatures
-- (ingest/dedupe.py: minhash_bands × minhash_rows minimum hashes of the body's 3-grams)
-- agree in at least near_duplicate_min_similarity of positions (estimated Jaccard) are the
-- same story; candidate pairs come from locality-sensitive hashing (a pair must agree on a
-- whole band, in a bucket of at most near_duplicate_max_bucket articles), so the build never
-- compares every pair. The parameters are dbt vars (dbt_project.yml), shared with the
-- Python that signs. Clusters are the connected components of that relation; the canonical
-- member is the earliest published (then the first source file by name, then the article id).
--
-- Kept small for the profile's memory_limit (at 100,000 articles it fits; at 1,000,000 it
-- does not yet, see README): articles are numbered once (canon_rank, an integer in canonical order), and every join below runs on
-- those integers, never on the article ids; a signature is spread into one integer column
-- per position, so comparing a candidate pair is plain column arithmetic rather than a list
-- carried through the joins; and only articles with a similar partner enter the walk over
-- clusters, the others are alone by definition.
{% set bands = var('minhash_bands') %}
{% set rows = var('minhash_rows') %}
{% set signature_length = bands * rows %}
with

-- Not materialized: read twice below, and a materialized copy would hold every signature.
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
    select
        r.canon_rank,
        {%- for i in range(1, signature_length + 1) %}
        a.body_minhash[{{ i }}] as s{{ i }},
        {%- endfor %}
    from articles as a
    inner join ranked as r on a.article_id = r.article_id
    where len(a.body_minhash) = {{ signature_length }}
),

bands as (
    select
        s.canon_rank,
        b.band_no,
        case b.band_no
            {%- for band in range(bands) %}
            when {{ band }} then hash(
                {%- for i in range(band * rows + 1, band * rows + rows + 1) -%}
                s.s{{ i }}{{ ", " if not loop.last }}
                {%- endfor -%}
            )
            {%- endfor %}
        end as band_key,
    from signatures as s
    cross join range({{ bands }}) as b (band_no)
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
    where a.bucket_size <= {{ var('near_duplicate_max_bucket') }}
),

similar_pairs as (
    select p.rank_a, p.rank_b,
    from candidate_pairs as p
    inner join signatures as a on p.rank_a = a.canon_rank
    inner join signatures as b on p.rank_b = b.canon_rank
    where (
        {%- for i in range(1, signature_length + 1) %}
        (a.s{{ i }} = b.s{{ i }})::integer{{ " +" if not loop.last }}
        {%- endfor %}
    ) / {{ signature_length }} >= {{ var('near_duplicate_min_similarity') }}
),

edges as (
    select rank_a, rank_b from similar_pairs
    union all
    select rank_b, rank_a from similar_pairs
),

reachable as (
    -- every paired article reaches itself; then follow edges (union removes repeats, so
    -- it ends)
    with recursive walk (canon_rank, member_rank) as (
        select distinct rank_a as canon_rank, rank_a as member_rank from edges
        union
        select w.canon_rank, e.rank_b
        from walk as w
        inner join edges as e on w.member_rank = e.rank_a
    )

    select * from walk
),

clusters as (
    select
        canon_rank,
        min(member_rank) as first_rank,
        count(*) as cluster_size,
    from reachable
    group by canon_rank
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
