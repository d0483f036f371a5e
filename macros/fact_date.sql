{#- The one year rule: the date a fact belongs to is its event date, else its article's publication
    date; fact_date_source says which ('event_date', 'published_date'; null when neither is known). -#}
{% macro fact_date_columns(event_date, published_date) -%}
    coalesce({{ event_date }}, {{ published_date }}) as fact_date,
    year(coalesce({{ event_date }}, {{ published_date }})) as fact_year,
    case
        when {{ event_date }} is not null then 'event_date'
        when {{ published_date }} is not null then 'published_date'
    end as fact_date_source,
{%- endmacro %}
