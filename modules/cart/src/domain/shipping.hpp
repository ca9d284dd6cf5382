#pragma once
// Shipping: which methods serve a destination and what one costs for a cart.
#include "domain/pricing.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace agora::cart {

// The zone lists the destination's country (region "") or its very region.
bool zone_covers(const ShippingZone& zone, const Destination& where);

// The method's price for a parcel of `grams` whose items cost `net` after discounts: the first band
// it fits in (the flat price without bands), 0 from free_over on; nullopt when it is heavier than
// the last band.
std::optional<std::int64_t> method_price(const ShippingMethod& method, std::int64_t grams, std::int64_t net);

// The active methods in `currency` whose zone covers `where` and that can carry `grams`, priced.
std::vector<ShippingOption> shipping_options(const PricingRules& rules, const std::string& currency,
                                             const Destination& where, std::int64_t grams, std::int64_t net);

}  // namespace agora::cart
