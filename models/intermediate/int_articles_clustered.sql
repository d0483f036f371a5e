-- One row per article with its near-duplicate cluster. Articles whose MinHash signatures
-- (ingest/dedupe.py: minhash_bands × minhash_rows minimum hashes of the body's 3-grams)
-- agree in at least near_duplicate_min_similarity of positions (estimated Jaccard) are the
-- same story; candidate pairs come from locality-sensitive hashing (a pair must agree on a
-- whole band, in a bucket of at most near_duplicate_max_bucket articles), so the build never
-- compares every pair. The parameters are dbt vars (dbt_project.yml), shared with the
-- Python that signs. Clusters are the connected components
-- of that relation; the canonical member is the earliest published (then the first source
-- file by name).
{% set bands = var('minhash_bands') %}
{% set rows = var('minhash_rows') %}
{% set signature_length = bands * rows %}
with

articles as (
    select article_id, source_file, published_date, body_minhash
    from {{ ref('int_articles_deduplicated') }}
),

ranked as (
    select
        *,
        row_number() over (order by published_date nulls last, source_file) as canon_rank,
    from articles
),

bands as (
    select
        r.article_id,
        b.band_no,
        hash(list_slice(r.body_minhash, b.band_no * {{ rows }} + 1, b.band_no * {{ rows }} + {{ rows }})) as band_key,
    from ranked as r
    cross join range({{ bands }}) as b (band_no)
    where len(r.body_minhash) = {{ signature_length }}
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
        a.article_id as article_a,
        b.article_id as article_b,
    from sized_bands as a
    inner join sized_bands as b
        on a.band_no = b.band_no
        and a.band_key = b.band_key
        and a.article_id < b.article_id
    where a.bucket_size <= {{ var('near_duplicate_max_bucket') }}
),

similar_pairs as (
    select p.article_a, p.article_b,
    from candidate_pairs as p
    inner join ranked as a on p.article_a = a.article_id
    inner join ranked as b on p.article_b = b.article_id
    -- (sqlfluff reads the lambda's parameter i as a column: noqa RF02)
    where list_sum(list_transform(range(1, {{ signature_length + 1 }}), lambda i: (a.body_minhash[i] = b.body_minhash[i])::int)) / {{ signature_length }}  -- noqa: RF02
        >= {{ var('near_duplicate_min_similarity') }}
),

edges as (
    select article_a, article_b from similar_pairs
    union all
    select article_b, article_a from similar_pairs
),

reachable as (
    -- every article reaches itself; then follow edges (union removes repeats, so it ends)
    with recursive walk (article_id, member_id) as (
        select article_id, article_id as member_id from ranked
        union
        select w.article_id, e.article_b
        from walk as w
        inner join edges as e on w.member_id = e.article_a
    )

    select * from walk
),

canonical as (
    select
        w.article_id,
        arg_min(w.member_id, r.canon_rank) as canonical_id,
        count(*) as cluster_size,
    from reachable as w
    inner join ranked as r on w.member_id = r.article_id
    group by w.article_id
),

final as (
    select
        r.article_id,
        c.canonical_id as cluster_id,
        case when c.canonical_id <> r.article_id then c.canonical_id end as duplicate_of,
        c.cluster_size,
        c.canonical_id <> r.article_id as is_reprint,
    from ranked as r
    inner join canonical as c on r.article_id = c.article_id
)

select * from final
