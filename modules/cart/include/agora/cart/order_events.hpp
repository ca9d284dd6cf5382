#pragma once
// The order events the cart reacts to, in the shape it reads them, until the order module exists and
// publishes these from its own events.hpp. A redelivered or repeated event changes nothing twice.
#include <agora/core/event_json.hpp>

namespace agora::cart::order_events {

using agora::event_json::tag_invoke;

inline constexpr std::string_view kTopic = "order.events";

// Count the order's discount codes (cart.discounts_redeemed, or cart.discount_rejected naming the
// codes used up, with none counted) and check the cart out.
struct Created {
  static constexpr EventName kName{kTopic, "order.created", 1};
  std::string order_id;
  std::optional<std::string> cart_id;
  std::optional<std::string> customer_id;                  // null for a guest's order
  std::optional<std::vector<std::string>> discount_codes;  // null or absent: none
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(Created, (), (order_id, cart_id, customer_id, discount_codes))

// Give back the order's redemptions.
struct Cancelled {
  static constexpr EventName kName{kTopic, "order.cancelled", 1};
  std::string order_id;
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(Cancelled, (), (order_id))

}  // namespace agora::cart::order_events
