{#- The key that merges spellings of one project: brackets and spaces dropped, a
    trailing 项目 removed, 科技创新园 read as 科创园. -#}
{% macro project_key(name_expr) -%}
    regexp_replace(regexp_replace(replace({{ name_expr }}, '科技创新园', '科创园'), '[\s()（）·・"“”]', '', 'g'), '项目$', '')
{%- endmacro %}
