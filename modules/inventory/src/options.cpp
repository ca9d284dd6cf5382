#include "options.hpp"

namespace agora::inventory {

ConfigSection config_section() {
  return {
      "inventory",
      {{"reservation_ttl_s", 900, "a reservation is held this long unless extended, committed or released", 1,
        7 * 24 * 3600},
       {"max_reservation_ttl_s", 86400, "the longest ttl_seconds a reservation or an extension may ask for", 1,
        30 * 24 * 3600},
       {.name = "allocation",
        .default_value = "priority",
        .description = "\"priority\": warehouses by priority (lower first); \"region\": the shipping region's first",
        .one_of = {"priority", "region"}},
       {"sweep_interval_ms", 1000, "how often expired reservations are looked for and released", 0},
       {"sweep_batch", 100, "expired reservations released per sweep at most", 1, 10'000},
       {"availability_cache_skus", 100000, "SKUs whose availability is kept in memory; more clears the cache", 1,
        100'000'000},
       {"max_held_per_caller", 0,
        "units one staff member's held reservations may hold at once (409 past it); 0: no cap; orders' "
        "reservations are not counted",
        0, 1'000'000'000'000},
       {"batch_max", 64, "concurrent reservation requests of one kind run together in one transaction, up to this many",
        1, 10'000},
       {"batch_lanes", 1, "batches of different SKUs (reserves) or reservations (settles) that may run side by side", 1,
        1'000}}};
}

Options read_options(const Config& c) {
  Options o;
  auto& r = o.reservations;
  r.ttl = std::chrono::seconds(c.integer("inventory.reservation_ttl_s"));
  r.max_ttl = std::chrono::seconds(c.integer("inventory.max_reservation_ttl_s"));
  r.strategy = *parse_strategy(c.string("inventory.allocation"));  // the section allows only known names
  r.sweep_batch = static_cast<std::size_t>(c.integer("inventory.sweep_batch"));
  r.max_held_per_caller = c.integer("inventory.max_held_per_caller");
  r.batch_max = static_cast<std::size_t>(c.integer("inventory.batch_max"));
  r.batch_lanes = static_cast<std::size_t>(c.integer("inventory.batch_lanes"));
  o.sweep_interval = c.millis("inventory.sweep_interval_ms");
  o.availability_cache_skus = static_cast<std::size_t>(c.integer("inventory.availability_cache_skus"));
  return o;
}

}  // namespace agora::inventory
