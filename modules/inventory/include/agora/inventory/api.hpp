#pragma once
// inventory::Api: what other modules may ask the inventory (platform.services.get<inventory::Api>()).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora::inventory {

// One SKU's stock over every active warehouse. `available` is what can be reserved now: on hand
// minus reserved minus safety stock, summed over warehouses (never negative per warehouse).
struct Availability {
  std::string sku;
  std::int64_t on_hand = 0;
  std::int64_t reserved = 0;
  std::int64_t available = 0;
  bool in_stock() const { return available > 0; }
};

class Api {
 public:
  static constexpr std::string_view kModule = "inventory";  // the module that provides it
  virtual ~Api() = default;
  // One entry per distinct SKU asked, in the order asked; an unknown SKU has zeros. Served from
  // an in-process cache kept current by inventory.events.
  virtual std::vector<Availability> availability(const std::vector<std::string>& skus) = 0;
  // The same from memory alone, or nullopt when a SKU is not cached: for callers that must not block.
  virtual std::optional<std::vector<Availability>> cached_availability(const std::vector<std::string>& skus) = 0;
};

}  // namespace agora::inventory
