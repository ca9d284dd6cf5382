#include "providers/fixed_provider.hpp"

#include <agora/core/config.hpp>
#include <agora/core/error.hpp>
#include <agora/core/money.hpp>

namespace agora::fx {

FixedProvider::FixedProvider(const std::string& base, const std::vector<std::string>& rates, const Clock& clock)
    : clock_(clock) {
  if (!find_currency(base)) throw ConfigError("config key fx.fixed_base: '" + base + "' is not an ISO 4217 currency");
  rates_.base = base;
  for (const auto& entry : rates) {
    const auto eq = entry.find('=');
    const auto currency = entry.substr(0, eq);
    const auto value = eq == std::string::npos ? std::nullopt : parse_decimal(entry.substr(eq + 1));
    if (!find_currency(currency) || currency == base || !value || value->mantissa <= 0)
      throw ConfigError("config key fx.fixed_rates: '" + entry + "' is not CUR=positive decimal (e.g. USD=1.0856)");
    rates_.quotes[currency] = *value;
  }
}

RateSet FixedProvider::fetch() {
  if (rates_.quotes.empty()) throw Error(ErrorKind::unavailable, "fx.fixed_rates is empty");
  auto set = rates_;
  set.as_of = clock_.now();
  return set;
}

}  // namespace agora::fx
