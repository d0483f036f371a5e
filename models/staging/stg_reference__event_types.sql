-- One row per project event type, in lifecycle order (seeds/event_types.csv): the one
-- order that dim_project, the report and the Superset bundle use.
with

source as (
    select * from {{ ref('event_types') }}
),

renamed as (
    select
        event_type,
        stage_order,
        label_en,
        label_zh,
    from source
)

select * from renamed
