-- Articles per outlet (来源), with how many are reprints of another outlet's story.
select
    coalesce(source_name, '(not stated)') as outlet,
    count(*) as articles,
    count(*) filter (where is_reprint) as reprints,
    min(published_date) as first_published,
    max(published_date) as last_published,
from {{ ref('dim_article') }}
group by all
order by articles desc, outlet
