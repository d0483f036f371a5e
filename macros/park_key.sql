{#- The key that merges spellings of one park: brackets, spaces and dots dropped,
    科技创新园 read as 科创园 (台州（松江）科技创新园 = 台州(松江)科创园). -#}
{% macro park_key(name_expr) -%}
    regexp_replace(replace({{ name_expr }}, '科技创新园', '科创园'), '[\s()（）·・]', '', 'g')
{%- endmacro %}
