-- One row per article with its near-duplicate cluster: articles whose 64-bit SimHash
-- signatures (ingest/dedupe.py) differ in at most 3 bits are the same story; clusters are
-- the connected components of that relation, and the canonical member is the earliest
-- published (then the first source file by name). Candidate pairs come from a join on
-- four 16-bit bands, so the build never compares every pair of articles.
with

articles as (
    select article_id, source_file, published_date, body_simhash
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
        article_id,
        body_simhash,
        band_no,
        (body_simhash >> (band_no * 16)) & 65535 as band_value,
    from ranked
    cross join range(4) as b(band_no)
    where body_simhash is not null
),

edges as (
    select distinct
        a.article_id as article_a,
        b.article_id as article_b,
    from bands as a
    inner join bands as b
        on a.band_no = b.band_no
        and a.band_value = b.band_value
        and a.article_id <> b.article_id
    where bit_count(xor(a.body_simhash, b.body_simhash)) <= {{ var('near_duplicate_max_bits', 3) }}
),

reachable as (
    -- every article reaches itself; then follow edges (union removes repeats, so it ends)
    with recursive walk(article_id, member_id) as (
        select article_id, article_id from ranked
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
