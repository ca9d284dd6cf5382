#pragma once
// The order events the cart reacts to, in the shape it reads them (the order module publishes them
// from agora/order/events.hpp with more fields). A redelivered or repeated event changes nothing twice.
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

// Give back the order's redemptions; reopen its cart when the order never was placed.
struct Cancelled {
  static constexpr EventName kName{kTopic, "order.cancelled", 1};
  std::string order_id;
  std::optional<std::string> cart_id;
  std::optional<bool> reopen_cart;  // null or absent: false
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(Cancelled, (), (order_id, cart_id, reopen_cart))

}  // namespace agora::cart::order_events
