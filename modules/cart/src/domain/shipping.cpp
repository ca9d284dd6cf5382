#include "domain/shipping.hpp"

#include <algorithm>

namespace agora::cart {

bool zone_covers(const ShippingZone& zone, const Destination& where) {
  return std::any_of(zone.areas.begin(), zone.areas.end(), [&](const Destination& area) {
    return area.country == where.country && (area.region.empty() || area.region == where.region);
  });
}

std::optional<std::int64_t> method_price(const ShippingMethod& method, std::int64_t grams, std::int64_t net) {
  std::int64_t price = method.flat_price;
  if (!method.bands.empty()) {
    const auto band = std::find_if(method.bands.begin(), method.bands.end(),
                                   [grams](const WeightBand& b) { return grams <= b.up_to_grams; });
    if (band == method.bands.end()) return std::nullopt;
    price = band->price;
  }
  if (method.free_over && net >= *method.free_over) return 0;
  return price;
}

std::vector<ShippingOption> shipping_options(const PricingRules& rules, const std::string& currency,
                                             const Destination& where, std::int64_t grams, std::int64_t net) {
  std::vector<ShippingOption> options;
  for (const auto& m : rules.methods) {
    if (!m.active || m.currency != currency) continue;
    const auto zone =
        std::find_if(rules.zones.begin(), rules.zones.end(), [&](const ShippingZone& z) { return z.id == m.zone_id; });
    if (zone == rules.zones.end() || !zone_covers(*zone, where)) continue;
    if (const auto price = method_price(m, grams, net)) options.push_back({m.id, m.name, *price});
  }
  return options;
}

}  // namespace agora::cart
