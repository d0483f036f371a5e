-- A reprint's duplicate_of names the canonical member of its cluster, itself no reprint,
-- published no later than the reprint (when both dates are known).
select r.article_id, r.duplicate_of
from {{ ref('dim_article') }} as r
inner join {{ ref('dim_article') }} as c on r.duplicate_of = c.article_id
where c.duplicate_of is not null
    or r.cluster_id <> c.article_id
    or (r.published_date is not null and c.published_date is not null and c.published_date > r.published_date)
