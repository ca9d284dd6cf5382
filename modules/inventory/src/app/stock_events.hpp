#pragma once
// What follows any change of stock rows inside its transaction: inventory.stock_changed per SKU,
// inventory.low_stock per new crossing, and this instance's cache forgetting the SKUs at commit.
#include "app/availability_cache.hpp"
#include "store/stock_store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace agora {
class Tx;
}

namespace agora::inventory {

// rows: every stock row of these SKUs (others are left out) as it is after the change (locked, so
// nobody else moved it);
// thresholded: those of the SKUs whose low-stock flags may change (stock_store::move tells which).
void publish_stock_change(Tx& tx, const std::vector<std::string>& skus, const std::vector<StockRow>& rows,
                          std::string_view movement, const std::vector<std::string>& thresholded,
                          AvailabilityCache& cache);

// Applies a movement's deltas to the locked rows in memory, keeping them what the table holds.
void shift(std::vector<StockRow>& rows, const Movement& m);

}  // namespace agora::inventory
