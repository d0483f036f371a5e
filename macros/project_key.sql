{#- The key that merges spellings of one project: a park key (see park_key) without
    quotes and a trailing 项目. -#}
{% macro project_key(name_expr) -%}
    regexp_replace(regexp_replace({{ suffix_aliased(name_expr) }}, '["“”]', '', 'g'), '项目$', '')
{%- endmacro %}
