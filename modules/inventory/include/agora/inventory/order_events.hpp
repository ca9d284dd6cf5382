#pragma once
// The order events the inventory reacts to, in the shape it reads them (the order module publishes
// them from its own events.hpp, with more fields). A redelivered or
// repeated event changes nothing twice.
#include <agora/core/event_json.hpp>

namespace agora::inventory::order_events {

using agora::event_json::tag_invoke;

inline constexpr std::string_view kTopic = "order.events";

// A line of an order: what inventory reads of it.
struct OrderLine {
  std::string sku;
  std::int64_t quantity = 0;
};
BOOST_DESCRIBE_STRUCT(OrderLine, (), (sku, quantity))

// Reserve the order's lines: inventory.reserved, or inventory.reservation_failed naming the short lines.
struct Created {
  static constexpr EventName kName{kTopic, "order.created", 1};
  std::string order_id;
  std::vector<OrderLine> lines;                // 1 to 100, read by the rule of POST /api/v1/inventory/reservations
  std::optional<std::string> shipping_region;  // warehouses of this region first (inventory.allocation = region)
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(Created, (), (order_id, lines, shipping_region))
// Reads lines as a reservation request's are read (defined by the inventory module).
Created tag_invoke(boost::json::value_to_tag<Created>, const boost::json::value& payload);

// The order is placed (its payment authorized): commit the order's reservation, so that it no
// longer expires while the order waits for fulfillment. A reservation that expired before is taken
// again while its units are there; otherwise inventory.reservation_failed names the short lines.
struct Placed {
  static constexpr EventName kName{kTopic, "order.placed", 1};
  std::string order_id;
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(Placed, (), (order_id))

// Release the order's reservation.
struct Cancelled {
  static constexpr EventName kName{kTopic, "order.cancelled", 1};
  std::string order_id;
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(Cancelled, (), (order_id))

// Put returned units back on hand, in the warehouses the order's stock came from.
struct ReturnReceived {
  static constexpr EventName kName{kTopic, "order.return_received", 1};
  std::string order_id;
  std::string return_id;
  std::vector<OrderLine> lines;
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(ReturnReceived, (), (order_id, return_id, lines))

}  // namespace agora::inventory::order_events
