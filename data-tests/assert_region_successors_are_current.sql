-- A retired division points to a current one and says when it was retired; a current one
-- has neither, so one hop of successor_code always reaches today's division.
select r.region_code, r.is_current, r.successor_code, r.valid_to, s.is_current as successor_is_current
from {{ ref('dim_region') }} as r
left join {{ ref('dim_region') }} as s on r.successor_code = s.region_code
where (r.is_current and (r.successor_code is not null or r.valid_to is not null))
    or (not r.is_current and (r.successor_code is null or r.valid_to is null or s.is_current is distinct from true))
