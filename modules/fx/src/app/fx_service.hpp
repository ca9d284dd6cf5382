#pragma once
// The fx queries: conversions (fx::Api for other modules), rate tables and single rates, current
// or as they held at an instant.
#include "app/rate_book.hpp"
#include "domain/rate_table.hpp"

#include <agora/fx/api.hpp>

#include <optional>
#include <string_view>

namespace agora::fx {

class FxService final : public Api {
 public:
  FxService(RateBook& book, const Clock& clock) : book_(book), clock_(clock) {}

  Money convert(const Money& amount, std::string_view to, std::optional<Timestamp> at = std::nullopt) override;
  Conversion conversion(const Money& amount, std::string_view to, std::optional<Timestamp> at);
  // The newest rates priced against `base` (nullopt: the providers' own base); Error{unavailable}
  // when none is known, NoRate naming `base` when it has none.
  RateTable rates(std::optional<std::string_view> base);
  // Units of `quote` per 1 `base` in force at `at` (nullopt: now).
  Rate rate(std::string_view base, std::string_view quote, std::optional<Timestamp> at);

 private:
  // The rates in force at `at`. An instant before the first known rate is the caller's choice,
  // Error{validation} naming `at`; no rate known at all is Error{unavailable}.
  RateTable table_at(Timestamp at);

  RateBook& book_;
  const Clock& clock_;
};

// The ISO 4217 currency `code`; Error{validation} naming `field` otherwise.
const Currency& require_currency(std::string_view code, std::string_view field);

}  // namespace agora::fx
