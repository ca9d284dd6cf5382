#pragma once
// The rates in force at one instant: for one base currency, the newest rate of every quote, and
// the conversions and cross rates they give.
#include "domain/decimal.hpp"
#include "domain/rate_set.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/money.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace agora::fx {

struct Rate {
  Decimal value;  // units of the quote per 1 base
  Timestamp valid_from;
  std::string provider;
};

// Digits after the point of a cross rate shown to clients (conversions use the exact legs).
inline constexpr int kCrossRateDecimals = 12;

struct RateTable {
  std::string base;                                 // "" when no rate is known
  std::map<std::string, Rate, std::less<>> quotes;  // quote currency -> its rate

  // The newest valid_from of any quote; nullopt when there is none.
  std::optional<Timestamp> as_of() const;
};

// The request fields that named the two currencies of a cross rate: a currency without a rate,
// or a pair whose rate is out of range, is the caller's choice and the error names its field.
struct PairFields {
  std::string_view base = "base";
  std::string_view quote = "quote";
};

// The set's rates as a table, each valid from the set's as_of and credited to `provider`.
RateTable table_of(const RateSet& set, std::string_view provider);

// Units of `quote` per 1 `base`, through the table's base; valid from the later of both legs.
// Error{unavailable} for an empty table (no rate known at all); NoRate naming the field of a
// currency without a rate; Error{validation} naming the quote when the rate is out of range.
Rate cross_rate(const RateTable& table, std::string_view base, std::string_view quote, PairFields fields = {});

struct Conversion {
  Money amount;
  Rate rate;  // units of the target per 1 unit of the source
};

// `amount` in `to` (an ISO 4217 currency), rounded half to even to its minor units. Same currency:
// the amount itself at rate 1. Errors as cross_rate's, naming `amount.currency` and `to`;
// Error{validation} on overflow.
Conversion convert(const RateTable& table, const Money& amount, const Currency& to);

// Every currency of the table, the table's base included, priced against `base` (cross rates).
// Errors as cross_rate's, naming `base`.
RateTable rebased(const RateTable& table, std::string_view base);

}  // namespace agora::fx
