{#- The national five-year plan (五年规划) a year falls in, e.g. 2023 -> '十四五'. -#}
{% macro five_year_plan(year_expr) -%}
    case
        when {{ year_expr }} between 2001 and 2005 then '十五'
        when {{ year_expr }} between 2006 and 2010 then '十一五'
        when {{ year_expr }} between 2011 and 2015 then '十二五'
        when {{ year_expr }} between 2016 and 2020 then '十三五'
        when {{ year_expr }} between 2021 and 2025 then '十四五'
        when {{ year_expr }} between 2026 and 2030 then '十五五'
    end
{%- endmacro %}
