-- amount_cny is the amount itself for yuan, and amount_value x the rate used otherwise.
select investment_id, currency, amount_value, amount_cny, fx_cny_per_unit
from {{ ref('fct_investments') }}
where (currency = 'CNY' and amount_cny is distinct from amount_value)
    or (currency <> 'CNY' and fx_cny_per_unit is not null
        and abs(amount_cny - amount_value * fx_cny_per_unit) > 0.01)
    or (currency <> 'CNY' and fx_cny_per_unit is null and amount_cny is not null)
