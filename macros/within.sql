{#- True when the region joined as `alias` (a row of stg_reference__regions) is the division
    `code` or lies inside it (its city or province is `code`); false when either is missing. -#}
{% macro within(alias, code) -%}
    coalesce({{ code }} in ({{ alias }}.region_code, {{ alias }}.city_code, {{ alias }}.province_code), false)
{%- endmacro %}
