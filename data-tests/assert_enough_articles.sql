-- Fails when the build yields fewer articles than the var `parkmart_min_articles` (default 0,
-- so by default it never fails). Set it through the environment, e.g.
--   PARKMART_DBT_VARS='{"parkmart_min_articles": 100}' parkmart build --corpus crawl/
-- and a broken crawl cannot replace a good warehouse: the build fails, the old file stays.
select count(*) as article_count
from {{ ref('dim_article') }}
having count(*) < {{ var('parkmart_min_articles', 0) | int }}
