#include "options.hpp"

#include <agora/core/ids.hpp>
#include <agora/core/log.hpp>

namespace agora::order {

ConfigSection config_section() {
  return {
      "order",
      {{"checkout_wait_ms", 3000,
        "how long POST /api/v1/checkout waits for the order to be placed, fail or need the buyer's action "
        "before it answers 202",
        0, 60'000},
       {"base_currency", "USD",
        "the currency orders are also counted in for reporting, at the rate locked at checkout"},
       {"guest_token_secret", "",
        "the key guests' order tokens are made with (env:NAME or file:/path); \"\" makes one per process"},
       {"return_window_days", 14, "a delivered order completes (order.completed) this many days after delivery", 0,
        365},
       {"completion_interval_ms", 60'000, "how often delivered orders past their return window are completed", 10,
        3'600'000},
       {"stuck_after_s", 3600,
        "an order pending or awaiting payment unchanged this long is cancelled by the reconciler (keep it above "
        "inventory.reservation_ttl_s)",
        60, 30 * 24 * 3600},
       {"reconcile_interval_ms", 30'000, "how often the reconciler looks for orders the saga left", 10, 3'600'000}}};
}

Options read_options(const Config& c) {
  Options o;
  o.checkout_wait = c.millis("order.checkout_wait_ms");
  o.base_currency = c.string("order.base_currency");
  if (o.base_currency.size() != 3)
    throw ConfigError("config key order.base_currency: an ISO 4217 code in upper case, such as USD");
  o.guest_token_secret = c.string("order.guest_token_secret");
  if (o.guest_token_secret.empty()) {
    log::info("order.guest_token_secret is not set: guests' order tokens last until this process stops");
    o.guest_token_secret = new_secret();
  }
  o.region = c.string("region.id");
  o.return_window = std::chrono::hours(24 * c.integer("order.return_window_days"));
  o.completion_interval = c.millis("order.completion_interval_ms");
  o.stuck_after = std::chrono::seconds(c.integer("order.stuck_after_s"));
  o.reconcile_interval = c.millis("order.reconcile_interval_ms");
  return o;
}

}  // namespace agora::order
