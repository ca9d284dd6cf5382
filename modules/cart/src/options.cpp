#include "options.hpp"

namespace agora::cart {

ConfigSection config_section() {
  return {"cart",
          {{.name = "default_country",
            .default_value = "US",
            .description = "ISO 3166-1 alpha-2 country whose tax rates apply to a cart without a shipping address"},
           {"pricing_reload_ms", 5000,
            "how often the pricing rules are read again (admin changes made through another instance)", 100,
            24 * 3600 * 1000}}};
}

Options read_options(const Config& c) { return {c.string("cart.default_country"), c.millis("cart.pricing_reload_ms")}; }

}  // namespace agora::cart
