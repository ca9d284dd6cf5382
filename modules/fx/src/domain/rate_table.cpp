#include "domain/rate_table.hpp"

#include <agora/core/error.hpp>
#include <agora/fx/api.hpp>

#include <algorithm>

namespace agora::fx {
namespace {

// One side of a cross rate: the table's base is 1 and holds whenever the other side does.
struct Leg {
  Decimal value;
  std::optional<Timestamp> valid_from;
  std::string provider;
};

Leg leg(const RateTable& table, std::string_view currency, std::string_view field) {
  if (table.base.empty()) throw Error(ErrorKind::unavailable, "no exchange rate is known yet");
  if (currency == table.base) return {Decimal{1, 0}, std::nullopt, ""};
  const auto it = table.quotes.find(currency);
  if (it == table.quotes.end())
    throw NoRate(std::string(currency), std::string(field), "no exchange rate is known for " + std::string(currency));
  return {it->second.value, it->second.valid_from, it->second.provider};
}

Timestamp later(const Leg& a, const Leg& b, const RateTable& table) {
  if (a.valid_from && b.valid_from) return std::max(*a.valid_from, *b.valid_from);
  if (a.valid_from) return *a.valid_from;
  if (b.valid_from) return *b.valid_from;
  return table.as_of().value_or(Timestamp{});
}

}  // namespace

std::optional<Timestamp> RateTable::as_of() const {
  std::optional<Timestamp> newest;
  for (const auto& [_, rate] : quotes)
    if (!newest || rate.valid_from > *newest) newest = rate.valid_from;
  return newest;
}

RateTable table_of(const RateSet& set, std::string_view provider) {
  RateTable out{set.base, {}};
  for (const auto& [currency, value] : set.quotes)
    out.quotes.emplace(currency, Rate{value, set.as_of, std::string(provider)});
  return out;
}

Rate cross_rate(const RateTable& table, std::string_view base, std::string_view quote, PairFields fields) {
  const auto from = leg(table, base, fields.base);
  const auto to = leg(table, quote, fields.quote);
  const auto value = divide(to.value, from.value, kCrossRateDecimals);
  if (!value)
    throw Error(ErrorKind::validation,
                "the cross rate " + std::string(base) + "/" + std::string(quote) + " is out of range",
                {{std::string(fields.quote), "is too far from " + std::string(base) + " in value for a cross rate"}});
  return {*value, later(from, to, table), to.provider.empty() ? from.provider : to.provider};
}

Conversion convert(const RateTable& table, const Money& amount, const Currency& to) {
  if (amount.currency() == to.code) return {amount, {Decimal{1, 0}, table.as_of().value_or(Timestamp{}), ""}};
  const PairFields fields{"amount.currency", "to"};
  const auto from = leg(table, amount.currency(), fields.base);
  const auto target = leg(table, to.code, fields.quote);
  const auto minor = convert_minor(amount.minor(), amount.minor_units(), from.value, to.minor_units, target.value);
  if (!minor)
    throw Error(ErrorKind::validation, "amount is too large to convert", {{"amount", "is too large to convert"}});
  return {Money(*minor, to.code), cross_rate(table, amount.currency(), to.code, fields)};
}

RateTable rebased(const RateTable& table, std::string_view base) {
  const PairFields fields{"base", "base"};
  leg(table, base, fields.base);  // throws when there is no rate for it
  RateTable out{std::string(base), {}};
  for (const auto& [currency, _] : table.quotes)
    if (currency != base) out.quotes.emplace(currency, cross_rate(table, base, currency, fields));
  if (table.base != base) out.quotes.emplace(table.base, cross_rate(table, base, table.base, fields));
  return out;
}

}  // namespace agora::fx
