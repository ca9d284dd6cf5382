#pragma once
// The order event the catalog reacts to, in the shape it reads it (the order module publishes it
// from agora/order/events.hpp).
#include <agora/core/event_json.hpp>

namespace agora::catalog::order_events {

using agora::event_json::tag_invoke;

inline constexpr std::string_view kTopic = "order.events";

// A line of a completed order: what the catalog reads of it.
struct CompletedLine {
  std::string sku;
};
BOOST_DESCRIBE_STRUCT(CompletedLine, (), (sku))

// Records the purchases and marks the buyer's reviews of those products as verified purchases.
struct Completed {
  static constexpr EventName kName{kTopic, "order.completed", 1};
  std::string order_id;
  std::string user_id;               // a UUID; "" for a guest's order (nothing to record)
  std::vector<CompletedLine> lines;  // SKUs the catalog does not know are passed over
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(Completed, (), (order_id, user_id, lines))

}  // namespace agora::catalog::order_events
