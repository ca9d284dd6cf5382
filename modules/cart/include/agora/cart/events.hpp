#pragma once
// Events the cart publishes on topic cart.events, one struct each (see TypedEvent in
// agora/core/events.hpp), key = cart id (the order id for discount redemptions). A cart's changes
// reach PostgreSQL with its copy, written behind Redis in batches (within cart.write_behind_ms),
// each once; for analytics consumers. A field is
// only ever added to a version; a change of meaning is a new version. The README's event tables are
// made from this file by scripts/event_docs.py.
#include <agora/core/event_json.hpp>

namespace agora::cart::events {

using agora::event_json::tag_invoke;

inline constexpr std::string_view kTopic = "cart.events";

// A cart was created, by a guest (owner_id null) or a signed-in customer.
struct Created {
  static constexpr EventName kName{kTopic, "cart.created", 1};
  std::string cart_id;
  std::optional<std::string> owner_id;
  std::string currency;
  std::string key() const { return cart_id; }
};
BOOST_DESCRIBE_STRUCT(Created, (), (cart_id, owner_id, currency))

// A SKU entered the cart (added, moved back from the saved list, or merged in).
struct LineAdded {
  static constexpr EventName kName{kTopic, "cart.line_added", 1};
  std::string cart_id;
  std::string sku;
  std::int64_t quantity = 0;
  std::int64_t unit_price = 0;  // minor units of currency, when added
  std::string currency;
  std::string key() const { return cart_id; }
};
BOOST_DESCRIBE_STRUCT(LineAdded, (), (cart_id, sku, quantity, unit_price, currency))

// A line's quantity changed.
struct LineChanged {
  static constexpr EventName kName{kTopic, "cart.line_changed", 1};
  std::string cart_id;
  std::string sku;
  std::int64_t quantity = 0;
  std::int64_t previous_quantity = 0;
  std::string key() const { return cart_id; }
};
BOOST_DESCRIBE_STRUCT(LineChanged, (), (cart_id, sku, quantity, previous_quantity))

// A line left the cart (removed, or saved for later).
struct LineRemoved {
  static constexpr EventName kName{kTopic, "cart.line_removed", 1};
  std::string cart_id;
  std::string sku;
  std::int64_t quantity = 0;  // what it held
  std::string key() const { return cart_id; }
};
BOOST_DESCRIBE_STRUCT(LineRemoved, (), (cart_id, sku, quantity))

// A guest cart merged into a customer's cart at sign-in (into_cart_id equals cart_id when the
// customer had none and adopted it).
struct Merged {
  static constexpr EventName kName{kTopic, "cart.merged", 1};
  std::string cart_id;
  std::string into_cart_id;
  std::string owner_id;
  std::string key() const { return cart_id; }
};
BOOST_DESCRIBE_STRUCT(Merged, (), (cart_id, into_cart_id, owner_id))

// A cart became an order.
struct CheckedOut {
  static constexpr EventName kName{kTopic, "cart.checked_out", 1};
  std::string cart_id;
  std::string order_id;
  std::string key() const { return cart_id; }
};
BOOST_DESCRIBE_STRUCT(CheckedOut, (), (cart_id, order_id))

// An order that checked the cart out ended before it was placed: the cart is active again.
struct Reopened {
  static constexpr EventName kName{kTopic, "cart.reopened", 1};
  std::string cart_id;
  std::string order_id;
  std::string key() const { return cart_id; }
};
BOOST_DESCRIBE_STRUCT(Reopened, (), (cart_id, order_id))

// A cart unused past its lifetime was removed (from Redis and PostgreSQL).
struct Expired {
  static constexpr EventName kName{kTopic, "cart.expired", 1};
  std::string cart_id;
  std::optional<std::string> owner_id;
  std::int64_t lines = 0;  // lines it still held
  std::string key() const { return cart_id; }
};
BOOST_DESCRIBE_STRUCT(Expired, (), (cart_id, owner_id, lines))

// An order's discount codes were counted against their limits (key: the order id).
struct DiscountsRedeemed {
  static constexpr EventName kName{kTopic, "cart.discounts_redeemed", 1};
  std::string order_id;
  std::vector<std::string> codes;
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(DiscountsRedeemed, (), (order_id, codes))

// An order's codes could not all be counted: these are used up (in total or by this customer), or
// no longer exist. None of the order's codes was counted; the order should not keep the discount.
struct DiscountRejected {
  static constexpr EventName kName{kTopic, "cart.discount_rejected", 1};
  std::string order_id;
  std::vector<std::string> codes;
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(DiscountRejected, (), (order_id, codes))

}  // namespace agora::cart::events
