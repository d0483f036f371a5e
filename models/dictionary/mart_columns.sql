-- One row per column of a mart table, with its Chinese label (meta.label_zh) and its description,
-- as models/marts/_marts__models.yml states them: the warehouse carries its own data dictionary,
-- so readers of a copied file (parkmart.read_mart, parkmart export) label columns without the project.
{%- set rows = [] -%}
{%- if execute -%}
    {%- for node in graph.nodes.values() | sort(attribute='name') -%}
        {%- if node.resource_type == 'model' and node.fqn[1] == 'marts' -%}
            {%- for column in node.columns.values() -%}
                {%- do rows.append([node.name, loop.index, column.name, column.data_type, column.meta.get('label_zh'), column.description]) -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endfor -%}
{%- endif %}

with

final as (
    select
        c.table_name,
        cast(c.column_position as integer) as column_position,
        c.column_name,
        c.data_type,
        c.label_zh,
        c.description,
    from (
        values
        {%- for row in rows %}
            ('{{ row[0] }}', {{ row[1] }}, '{{ row[2] }}', '{{ row[3] }}', '{{ row[4] | replace("'", "''") }}', '{{ row[5] | replace("'", "''") }}'){{ "," if not loop.last }}
        {%- endfor %}
    ) as c (table_name, column_position, column_name, data_type, label_zh, description)
)

select * from final
