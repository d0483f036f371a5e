{#- A stable 16-hex-digit key from one or more expressions joined by '|'. -#}
{% macro short_hash(expressions) -%}
    substr(md5(concat_ws('|', {%- for e in expressions %} coalesce(cast({{ e }} as varchar), ''){{ "," if not loop.last }}{% endfor %})), 1, 16)
{%- endmacro %}
