#pragma once
// Events the fx module publishes on topic fx.events, key = base currency, one struct each (see
// TypedEvent in agora/core/events.hpp). A field is only ever added to a version; a change of meaning
// is a new version. The README's event tables are made from this file by scripts/event_docs.py.
#include <agora/core/event_json.hpp>

namespace agora::fx::events {

using agora::event_json::tag_invoke;

inline constexpr std::string_view kTopic = "fx.events";

// The rate of one currency against the base.
struct Quote {
  std::string currency;
  std::string rate;  // a decimal: "1.0856" units of currency per 1 base
};
BOOST_DESCRIBE_STRUCT(Quote, (), (currency, rate))

// A refresh stored new rates: caches of converted prices should be dropped.
struct RatesUpdated {
  static constexpr EventName kName{kTopic, "fx.rates_updated", 1};
  std::string provider;
  std::string base;
  Timestamp as_of;
  std::vector<Quote> quotes;
  std::string key() const { return base; }
};
BOOST_DESCRIBE_STRUCT(RatesUpdated, (), (provider, base, as_of, quotes))

}  // namespace agora::fx::events
