#pragma once
// Stock of a SKU in a warehouse, the ledger movements that change it, and its low-stock crossings.
#include <agora/core/clock.hpp>
#include <boost/describe/class.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

namespace agora::inventory {

// One SKU in one warehouse, with what allocation reads of the warehouse.
struct StockRow {
  std::string sku;
  std::string warehouse_id;
  std::string warehouse_code;
  std::string region;
  int priority = 0;
  bool active = true;
  std::int64_t on_hand = 0;
  std::int64_t reserved = 0;
  std::int64_t safety_stock = 0;
  std::optional<std::int64_t> low_stock_threshold;
  Timestamp updated_at;
  std::int64_t available() const { return on_hand - reserved; }
  std::int64_t allocatable() const { return active ? std::max<std::int64_t>(0, available() - safety_stock) : 0; }
};
BOOST_DESCRIBE_STRUCT(StockRow, (),
                      (sku, warehouse_id, warehouse_code, region, priority, active, on_hand, reserved, safety_stock,
                       low_stock_threshold, updated_at))

// A ledger entry: every change of on_hand or reserved is one.
struct Movement {
  std::int64_t id = 0;
  std::string sku;
  std::string warehouse_id;
  std::string kind;  // receive, adjust, return, reserve, release, commit
  std::int64_t on_hand_delta = 0;
  std::int64_t reserved_delta = 0;
  std::optional<std::string> reservation_id;
  std::string actor;
  std::string reason;
  Timestamp created_at;
};
BOOST_DESCRIBE_STRUCT(Movement, (),
                      (id, sku, warehouse_id, kind, on_hand_delta, reserved_delta, reservation_id, actor, reason,
                       created_at))

// Available stock that fell below its threshold.
struct LowStock {
  std::string sku;
  std::optional<std::string> warehouse_id;  // nullopt: over all warehouses
  std::int64_t available = 0;
  std::int64_t threshold = 0;
};
BOOST_DESCRIBE_STRUCT(LowStock, (), (sku, warehouse_id, available, threshold))

}  // namespace agora::inventory
