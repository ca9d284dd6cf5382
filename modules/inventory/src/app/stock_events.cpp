#include "app/stock_events.hpp"

#include <agora/core/db.hpp>
#include <agora/inventory/events.hpp>

#include <map>

namespace agora::inventory {

void shift(std::vector<StockRow>& rows, const Movement& m) {
  for (auto& r : rows)
    if (r.sku == m.sku && r.warehouse_id == m.warehouse_id) {
      r.on_hand += m.on_hand_delta;
      r.reserved += m.reserved_delta;
      r.updated_at = m.created_at;
    }
}

void publish_stock_change(Tx& tx, const std::vector<std::string>& skus, const std::vector<StockRow>& rows,
                          std::string_view movement, const std::vector<std::string>& thresholded,
                          AvailabilityCache& cache) {
  std::map<std::string, Availability> totals;
  for (const auto& sku : skus) totals[sku].sku = sku;
  for (const auto& r : rows) {
    const auto it = totals.find(r.sku);
    if (!r.active || it == totals.end()) continue;
    auto& a = it->second;
    a.on_hand += r.on_hand;
    a.reserved += r.reserved;
    a.available += r.allocatable();
  }
  for (const auto& [sku, a] : totals)
    tx.publish(events::StockChanged{sku, a.on_hand, a.reserved, a.available, std::string(movement)});
  const auto crossed = thresholded.empty() ? std::vector<LowStock>{} : stock_store::crossings(tx.sql(), thresholded);
  for (const auto& low : crossed) tx.publish(events::LowStock{low.sku, low.warehouse_id, low.available, low.threshold});
  tx.after_commit([&cache, skus] {
    for (const auto& sku : skus) cache.forget(sku);
  });
}

}  // namespace agora::inventory
