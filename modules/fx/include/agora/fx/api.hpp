#pragma once
// fx::Api: currency conversion for other modules (platform.services.get<fx::Api>()).
#include <agora/core/clock.hpp>
#include <agora/core/money.hpp>
#include <optional>
#include <string_view>
namespace agora::fx {
class Api {
 public:
  virtual ~Api() = default;
  // `amount` in currency `to` at instant `at` (now when nullopt): cross rate through the provider's
  // base currency, rounded half-to-even to the minor units of `to`. Same currency returns amount.
  // Throws Error{validation} for a currency that is not ISO 4217, Error{unavailable} when no rate is known.
  // Served from an in-process cache when `at` is nullopt: no I/O on a warm cache.
  virtual Money convert(const Money& amount, std::string_view to, std::optional<Timestamp> at = std::nullopt) = 0;
};
}  // namespace agora::fx
