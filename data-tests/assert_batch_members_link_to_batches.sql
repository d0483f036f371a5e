-- A named project's batch is a batch row of the same article and event type.
select p.project_event_id, p.batch_project_event_id
from {{ ref('fct_projects') }} as p
inner join {{ ref('fct_projects') }} as b on p.batch_project_event_id = b.project_event_id
where not b.is_batch or p.is_batch or b.article_id <> p.article_id or b.event_type <> p.event_type
