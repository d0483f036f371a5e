-- Projects by the lifecycle stage they reached most recently (签约 → 开工 → 开园/投产),
-- batches counted by the projects they stand for.
select
    latest_event_type,
    count(*) filter (where not is_batch) as named_projects,
    count(*) filter (where is_batch) as batches,
    count(*) filter (where not is_batch and event_count > 1) as named_projects_reported_twice_or_more,
from {{ ref('dim_project') }}
group by latest_event_type
order by named_projects desc, latest_event_type
