-- Duplicate rate: the share of articles that are near-duplicate reprints (转载), and the
-- largest clusters.
select
    count(*) as articles,
    count(distinct cluster_id) as stories,
    count(*) filter (where is_reprint) as reprints,
    round(count(*) filter (where is_reprint) / count(*), 4) as duplicate_rate,
    max(cluster_size) as largest_cluster,
from {{ ref('dim_article') }}
