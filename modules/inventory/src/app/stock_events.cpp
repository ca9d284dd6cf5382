#include "app/stock_events.hpp"

#include <agora/core/db.hpp>
#include <agora/inventory/events.hpp>
#include <boost/json.hpp>

#include <map>

namespace agora::inventory {

void shift(std::vector<stock_store::StockRow>& rows, const stock_store::Movement& m) {
  for (auto& r : rows)
    if (r.sku == m.sku && r.warehouse_id == m.warehouse_id) {
      r.on_hand += m.on_hand_delta;
      r.reserved += m.reserved_delta;
      r.updated_at = m.created_at;
    }
}

void announce_stock_change(Tx& tx, const std::vector<std::string>& skus,
                           const std::vector<stock_store::StockRow>& rows, std::string_view movement,
                           AvailabilityCache& cache) {
  std::map<std::string, Availability> totals;
  for (const auto& sku : skus) totals[sku].sku = sku;
  for (const auto& r : rows) {
    if (!r.active) continue;
    auto& a = totals[r.sku];
    a.on_hand += r.on_hand;
    a.reserved += r.reserved;
    a.available += r.allocatable();
  }
  for (const auto& [sku, a] : totals)
    tx.publish(std::string(events::kTopic), std::string(events::kStockChanged), events::kVersion, sku,
               {{"sku", sku}, {"on_hand", a.on_hand}, {"reserved", a.reserved}, {"available", a.available},
                {"movement", movement}});
  for (const auto& low : stock_store::crossings(tx.sql(), skus)) {
    boost::json::value warehouse = nullptr;
    if (low.warehouse_id) warehouse = *low.warehouse_id;
    tx.publish(std::string(events::kTopic), std::string(events::kLowStock), events::kVersion, low.sku,
               {{"sku", low.sku}, {"warehouse_id", warehouse}, {"available", low.available},
                {"threshold", low.threshold}});
  }
  tx.after_commit([&cache, skus] {
    for (const auto& sku : skus) cache.forget(sku);
  });
}

}  // namespace agora::inventory
