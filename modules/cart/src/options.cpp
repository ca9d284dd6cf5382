#include "options.hpp"

#include "domain/tax.hpp"

namespace agora::cart {

ConfigSection config_section() {
  return {"cart",
          {{"max_quantity", 99, "units of one SKU a cart line may hold", 1, 1'000'000},
           {"max_lines", 50, "lines a cart may hold, and lines its saved list may hold", 1, 1000},
           {"max_codes", 5, "discount codes one cart may carry", 0, 100},
           {"guest_lifetime_s", 24 * 3600, "a guest cart unchanged this long expires", 60, 365 * 24 * 3600},
           {"customer_lifetime_s", 7 * 24 * 3600, "a customer's cart unchanged this long expires", 60, 365 * 24 * 3600},
           {"write_behind_ms", 200, "how often changed carts are copied from Redis to PostgreSQL", 10, 60'000},
           {"write_behind_batch", 500, "carts copied per PostgreSQL transaction", 1, 100'000},
           {"expiry_interval_ms", 60'000, "how often expired carts are looked for and removed", 10, 3'600'000},
           {"default_country", "US", "the country whose taxes a cart without a shipping address shows"},
           {"pricing_reload_ms", 5000, "how often tax, shipping and discount rules are read again", 100, 3'600'000}}};
}

Options read_options(const Config& c) {
  Options o;
  o.caps.max_quantity = c.integer("cart.max_quantity");
  o.caps.max_lines = static_cast<std::size_t>(c.integer("cart.max_lines"));
  o.caps.max_codes = static_cast<std::size_t>(c.integer("cart.max_codes"));
  o.lifetimes.guest = std::chrono::seconds(c.integer("cart.guest_lifetime_s"));
  o.lifetimes.customer = std::chrono::seconds(c.integer("cart.customer_lifetime_s"));
  o.write_behind_interval = c.millis("cart.write_behind_ms");
  o.write_behind_batch = static_cast<std::size_t>(c.integer("cart.write_behind_batch"));
  o.expiry_interval = c.millis("cart.expiry_interval_ms");
  o.default_country = c.string("cart.default_country");
  if (!valid_country(o.default_country))
    throw ConfigError("config key cart.default_country: not an ISO 3166-1 alpha-2 code in upper case, such as US");
  o.pricing_reload = c.millis("cart.pricing_reload_ms");
  return o;
}

}  // namespace agora::cart
