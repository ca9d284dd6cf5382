#pragma once
// fx::Api: currency conversion for other modules (platform.services.get<fx::Api>()).
#include <agora/core/clock.hpp>
#include <agora/core/error.hpp>
#include <agora/core/money.hpp>
#include <optional>
#include <string>
#include <string_view>
namespace agora::fx {

// No rate is known for `currency` (at the instant asked) although other rates are: the caller's
// choice of currency or instant, an Error{validation} naming the request field that chose it.
// A caller with other field names catches it and names its own field.
class NoRate : public Error {
 public:
  NoRate(std::string currency, std::string field, std::string message)
      : Error(ErrorKind::validation, std::move(message), {{std::move(field), "has no exchange rate"}}),
        currency_(std::move(currency)) {}
  const std::string& currency() const noexcept { return currency_; }

 private:
  std::string currency_;
};

class Api {
 public:
  static constexpr std::string_view kModule = "fx";  // the module that provides it
  virtual ~Api() = default;
  // `amount` in currency `to` at instant `at` (now when nullopt): cross rate through the provider's
  // base currency, rounded half-to-even to the minor units of `to`. Same currency returns amount.
  // Throws Error{validation} for a currency that is not ISO 4217, NoRate naming `amount.currency`
  // or `to` when that currency has no rate (at `at`), Error{unavailable} when no rate at all is known.
  // Served from an in-process cache when `at` is nullopt: no I/O on a warm cache.
  virtual Money convert(const Money& amount, std::string_view to, std::optional<Timestamp> at = std::nullopt) = 0;
};
}  // namespace agora::fx
