#include "options.hpp"

#include <agora/core/money.hpp>

namespace agora::catalog {

ConfigSection config_section() {
  return {"catalog",
          {{"base_currency", "USD", "every variant has a regular price in it; other currencies convert from it via fx"},
           {"default_locale", "en", "storefront texts fall back to it"},
           {"max_rendered_pages", 100000,
            "product pages kept rendered in memory (per currency and locale); more clears them", 1, 10'000'000},
           {"page_ttl_s", 300, "a rendered page is re-rendered after this long at most", 1, 24 * 3600},
           {"resync_interval_s", 900, "the read model is re-read whole this often (covers a notice lost to a crash)",
            60, 7 * 24 * 3600}}};
}

Options read_options(const Config& c) {
  Options o;
  o.storefront.base_currency = c.string("catalog.base_currency");
  if (!find_currency(o.storefront.base_currency))
    throw ConfigError("config key catalog.base_currency: not an ISO 4217 currency code");
  o.storefront.default_locale = c.string("catalog.default_locale");
  o.storefront.max_pages = static_cast<std::size_t>(c.integer("catalog.max_rendered_pages"));
  o.storefront.page_ttl = std::chrono::seconds(c.integer("catalog.page_ttl_s"));
  o.resync_interval = std::chrono::seconds(c.integer("catalog.resync_interval_s"));
  return o;
}

}  // namespace agora::catalog
