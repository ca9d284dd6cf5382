#pragma once
// Events the inventory publishes on topic inventory.events, one struct each (see TypedEvent in
// agora/core/events.hpp); publish with tx.publish(events::Reserved{...}). A field is only ever
// added to a version; a change of meaning is a new version. The README's event tables are made
// from this file by scripts/event_docs.py.
#include <agora/core/event_json.hpp>

namespace agora::inventory::events {

using agora::event_json::tag_invoke;

inline constexpr std::string_view kTopic = "inventory.events";

// A reservation's stock in one warehouse.
struct ReservationLine {
  std::string sku;
  std::int64_t quantity = 0;
  std::string warehouse_id;
};
BOOST_DESCRIBE_STRUCT(ReservationLine, (), (sku, quantity, warehouse_id))

// Totals of a SKU over active warehouses after a change of its stock.
struct StockChanged {
  static constexpr EventName kName{kTopic, "inventory.stock_changed", 1};
  std::string sku;
  std::int64_t on_hand = 0;
  std::int64_t reserved = 0;
  std::int64_t available = 0;  // leaves out reserved units and safety stock
  std::string movement;  // receive, adjust, return, reserve, release, commit, or settings (safety stock, threshold)
  std::string key() const { return sku; }
};
BOOST_DESCRIBE_STRUCT(StockChanged, (), (sku, on_hand, reserved, available, movement))

// Stock held for an order or a direct reservation until expires_at.
struct Reserved {
  static constexpr EventName kName{kTopic, "inventory.reserved", 1};
  std::string reservation_id;
  std::optional<std::string> order_id;  // null for a direct reservation
  Timestamp expires_at;
  std::vector<ReservationLine> lines;
  std::string key() const { return reservation_id; }
};
BOOST_DESCRIBE_STRUCT(Reserved, (), (reservation_id, order_id, expires_at, lines))

// A line of an order that the stock could not cover.
struct ShortLine {
  std::string sku;
  std::int64_t requested = 0;
  std::int64_t available = 0;
};
BOOST_DESCRIBE_STRUCT(ShortLine, (), (sku, requested, available))

// An order.created that could not be met (a direct reservation answers 409 instead).
struct ReservationFailed {
  static constexpr EventName kName{kTopic, "inventory.reservation_failed", 1};
  std::string order_id;
  std::vector<ShortLine> short_lines;
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(ReservationFailed, (), (order_id, short_lines))

// A reservation released: its stock is available again.
struct Released {
  static constexpr EventName kName{kTopic, "inventory.released", 1};
  std::string reservation_id;
  std::optional<std::string> order_id;  // null for a direct reservation
  std::string reason;                   // who released it, or the order or payment event that did
  std::vector<ReservationLine> lines;
  std::string key() const { return reservation_id; }
};
BOOST_DESCRIBE_STRUCT(Released, (), (reservation_id, order_id, reason, lines))

// A reservation released by the sweeper past its expires_at.
struct Expired {
  static constexpr EventName kName{kTopic, "inventory.expired", 1};
  std::string reservation_id;
  std::optional<std::string> order_id;  // null for a direct reservation
  std::vector<ReservationLine> lines;
  std::string key() const { return reservation_id; }
};
BOOST_DESCRIBE_STRUCT(Expired, (), (reservation_id, order_id, lines))

// A reservation committed: its stock left on hand (shipped).
struct Committed {
  static constexpr EventName kName{kTopic, "inventory.committed", 1};
  std::string reservation_id;
  std::optional<std::string> order_id;  // null for a direct reservation
  std::vector<ReservationLine> lines;
  std::string key() const { return reservation_id; }
};
BOOST_DESCRIBE_STRUCT(Committed, (), (reservation_id, order_id, lines))

// Availability fell below a low-stock threshold: once per crossing, re-armed when it is back at or above.
struct LowStock {
  static constexpr EventName kName{kTopic, "inventory.low_stock", 1};
  std::string sku;
  std::optional<std::string> warehouse_id;  // the threshold of this warehouse; null for the one over all
  std::int64_t available = 0;               // on hand less reserved
  std::int64_t threshold = 0;
  std::string key() const { return sku; }
};
BOOST_DESCRIBE_STRUCT(LowStock, (), (sku, warehouse_id, available, threshold))

}  // namespace agora::inventory::events
