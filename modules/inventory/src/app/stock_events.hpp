#pragma once
// What follows any change of stock rows inside its transaction: inventory.stock_changed per SKU,
// inventory.low_stock per new crossing, and this instance's cache forgetting the SKUs at commit.
#include "app/availability_cache.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace agora {
class Tx;
}

namespace agora::inventory {

void announce_stock_change(Tx& tx, const std::vector<std::string>& skus, std::string_view movement,
                           AvailabilityCache& cache);

}  // namespace agora::inventory
