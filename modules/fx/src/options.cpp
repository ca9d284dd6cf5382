#include "options.hpp"

namespace agora::fx {

ConfigSection config_section() {
  using Strings = std::vector<std::string>;
  return {
      "fx",
      {{"providers", Strings{"ecb", "fixed"}, "asked in this order on each refresh; the first that answers wins"},
       {"ecb_url", "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml",
        "or a local file path (not file:..., which marks a secret file)"},
       {"fetch_timeout_ms", 10000, "a provider slower than this has failed", 0},
       {"refresh_interval_s", 3600, "rates are fetched again this long after the last fetch", 60, 7 * 24 * 3600},
       {"stale_after_s", 345600,
        "agora_fx_rates_stale is 1 when the newest rate is older (ECB skips weekends and holidays)", 60,
        365 * 24 * 3600},
       {"redis_ttl_s", 300, "the newest rates stay in Redis this long", 1, 24 * 3600},
       {"local_ttl_s", 60,
        "each instance keeps its in-process copy this long: bounds how late it sees another instance's refresh", 1,
        24 * 3600},
       {"fixed_base", "EUR", "the base currency of fixed_rates"},
       {"fixed_rates", Strings{},
        "\"CUR=decimal\" units per 1 fixed_base, e.g. [\"USD=1.0856\", \"JPY=162.45\"]; with fixed in providers, also "
        "the rates answered while none is stored"}}};
}

Options read_options(const Config& c) {
  return {.providers = c.strings("fx.providers"),
          .ecb_url = c.string("fx.ecb_url"),
          .fetch_timeout = c.millis("fx.fetch_timeout_ms"),
          .fixed_base = c.string("fx.fixed_base"),
          .fixed_rates = c.strings("fx.fixed_rates"),
          .refresh_interval = std::chrono::seconds(c.integer("fx.refresh_interval_s")),
          .stale_after = std::chrono::seconds(c.integer("fx.stale_after_s")),
          .redis_ttl = std::chrono::seconds(c.integer("fx.redis_ttl_s")),
          .local_ttl = std::chrono::seconds(c.integer("fx.local_ttl_s"))};
}

}  // namespace agora::fx
