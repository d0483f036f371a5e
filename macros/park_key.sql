{#- The key that merges spellings of one park: the characters of var park_key_strip
    (white space, brackets, dots) dropped, and each long suffix of var park_suffix_aliases
    read as its short form (某市高新技术产业开发区 = 某市高新区, 某市（某区）科技创新园 =
    某市(某区)科创园). ingest/extract/parks.py's alias_key applies the same vars. -#}
{% macro park_key(name_expr) -%}
    {{ suffix_aliased(name_expr) }}
{%- endmacro %}

{#- name_expr with park_key_strip's characters dropped and each long park suffix read as its short form. -#}
{% macro suffix_aliased(name_expr) -%}
    {%- set key = namespace(expr="regexp_replace(" ~ name_expr ~ ", '" ~ var('park_key_strip') ~ "', '', 'g')") -%}
    {%- for long, short in var('park_suffix_aliases') -%}
        {%- set key.expr = "replace(" ~ key.expr ~ ", '" ~ long ~ "', '" ~ short ~ "')" -%}
    {%- endfor -%}
    {{ key.expr }}
{%- endmacro %}
