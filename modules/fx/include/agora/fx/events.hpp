#pragma once
// Events the fx module publishes on topic fx.events; key = base currency. Version 1 of each; a
// field is only ever added, a change of meaning bumps the version.
#include <string_view>

namespace agora::fx::events {

inline constexpr std::string_view kTopic = "fx.events";
inline constexpr int kVersion = 1;

// {provider, base, as_of, quotes: [{currency, rate}]}: a refresh stored new rates; rates are decimal
// strings ("1.0856" units of currency per 1 base), as_of is RFC 3339. Caches of converted prices
// should be dropped.
inline constexpr std::string_view kRatesUpdated = "fx.rates_updated";

}  // namespace agora::fx::events
