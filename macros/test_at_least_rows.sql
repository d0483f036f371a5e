{#- Generic test: the model has at least `n` rows. -#}
{% test at_least_rows(model, n) %}
select count(*) as row_count
from {{ model }}
having count(*) < {{ n }}
{% endtest %}
