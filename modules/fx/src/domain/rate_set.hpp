#pragma once
// What one provider answered: units of each quote currency per 1 base, holding from `as_of`.
#include "domain/decimal.hpp"

#include <agora/core/clock.hpp>

#include <map>
#include <string>

namespace agora::fx {

struct RateSet {
  std::string base;  // "EUR"
  Timestamp as_of;
  std::map<std::string, Decimal, std::less<>> quotes;  // "USD" -> 1.0856
};

// Keeps the ISO 4217 quotes other than the base with positive rates; Error{unavailable} naming the
// provider when the base is not ISO 4217 or nothing usable is left.
RateSet checked(RateSet set, std::string_view provider);

}  // namespace agora::fx
