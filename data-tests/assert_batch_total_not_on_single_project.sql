-- A batch total (is_batch_total: the amount totals several projects) stays on its batch
-- row: no fct_projects row for one named project (is_batch = false) takes its investment
-- from such an amount. Returns every row that breaks it.
select
    p.project_event_id,
    p.project_name,
    i.investment_id,
    i.subject_text,
from {{ ref('fct_projects') }} as p
inner join {{ ref('fct_investments') }} as i on p.investment_id = i.investment_id
where not p.is_batch and i.is_batch_total
