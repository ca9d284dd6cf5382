#pragma once
// Events the order module publishes on topic order.events, one struct each (see TypedEvent in
// agora/core/events.hpp), key = order id. Each is written in the transaction of the order change it
// tells of. A field is only ever added to a version; a change of meaning is a new version. The
// README's event tables are made from this file by scripts/event_docs.py.
#include <agora/core/event_json.hpp>

namespace agora::order::events {

using agora::event_json::tag_invoke;

inline constexpr std::string_view kTopic = "order.events";

// A line of an order as it was bought: amounts in minor units of the order's currency.
struct Line {
  std::string sku;
  std::string product_id;
  std::string title;
  std::int64_t quantity = 0;
  std::int64_t unit_price = 0;
  std::int64_t total = 0;  // after its share of discounts, with its tax and shipping share
};
BOOST_DESCRIBE_STRUCT(Line, (), (sku, product_id, title, quantity, unit_price, total))

// A checkout made an order from a cart: inventory reserves its lines, the cart counts its discount
// codes and is checked out.
struct Created {
  static constexpr EventName kName{kTopic, "order.created", 1};
  std::string order_id;
  std::optional<std::string> cart_id;
  std::optional<std::string> customer_id;  // null for a guest's order
  std::string email;
  std::string currency;
  std::int64_t total = 0;
  std::vector<Line> lines;
  std::vector<std::string> discount_codes;
  std::optional<std::string> shipping_region;  // the shipping address's country
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(Created, (),
                      (order_id, cart_id, customer_id, email, currency, total, lines, discount_codes, shipping_region))

// The order's stock is reserved: the payment module authorizes `amount` with `gateway`.
struct PaymentRequested {
  static constexpr EventName kName{kTopic, "order.payment_requested", 1};
  std::string order_id;
  std::optional<std::string> customer_id;
  std::string email;
  std::int64_t amount = 0;
  std::string currency;
  std::string gateway;     // sandbox, stripe, paypal
  std::string token;       // the gateway's token for the buyer's payment method ("" when it has none)
  std::string return_url;  // where a gateway sends the buyer back after an action ("" for none)
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(PaymentRequested, (),
                      (order_id, customer_id, email, amount, currency, gateway, token, return_url))

// The buyer must act before the payment can go on (3-D Secure, a PayPal approval): at `url`.
struct ActionRequired {
  static constexpr EventName kName{kTopic, "order.action_required", 1};
  std::string order_id;
  std::string action;  // redirect
  std::string url;
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(ActionRequired, (), (order_id, action, url))

// The payment is authorized and the stock reserved: the order is the shop's to fulfil. Inventory
// commits its reservation; the payment module captures at once or at fulfillment.
struct Placed {
  static constexpr EventName kName{kTopic, "order.placed", 1};
  std::string order_id;
  std::string number;  // human-readable, unique per region
  std::optional<std::string> customer_id;
  std::string email;
  std::string currency;
  std::int64_t total = 0;
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(Placed, (), (order_id, number, customer_id, email, currency, total))

// A line of a shipment.
struct ShippedLine {
  std::string sku;
  std::int64_t quantity = 0;
};
BOOST_DESCRIBE_STRUCT(ShippedLine, (), (sku, quantity))

// Some or all of the order's units left the warehouse with a carrier.
struct FulfillmentCreated {
  static constexpr EventName kName{kTopic, "order.fulfillment_created", 1};
  std::string order_id;
  std::string fulfillment_id;
  std::string carrier;
  std::string tracking_number;
  std::vector<ShippedLine> lines;
  bool complete = false;  // every unit of the order is shipped now
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(FulfillmentCreated, (), (order_id, fulfillment_id, carrier, tracking_number, lines, complete))

// Every shipment of the order was delivered.
struct Delivered {
  static constexpr EventName kName{kTopic, "order.delivered", 1};
  std::string order_id;
  std::optional<std::string> customer_id;
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(Delivered, (), (order_id, customer_id))

// A line of a completed order.
struct CompletedLine {
  std::string sku;
};
BOOST_DESCRIBE_STRUCT(CompletedLine, (), (sku))

// The return window of a delivered order closed: the sale is final (the catalog marks the buyer's
// reviews of these products as verified purchases).
struct Completed {
  static constexpr EventName kName{kTopic, "order.completed", 1};
  std::string order_id;
  std::string user_id;  // the customer; "" for a guest's order
  std::vector<CompletedLine> lines;
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(Completed, (), (order_id, user_id, lines))

// The buyer (or staff for them) asked to send shipped units back.
struct ReturnRequested {
  static constexpr EventName kName{kTopic, "order.return_requested", 1};
  std::string order_id;
  std::string return_id;
  std::vector<ShippedLine> lines;
  std::string reason;
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(ReturnRequested, (), (order_id, return_id, lines, reason))

// Staff received returned units: inventory puts them back on hand, the payment module refunds
// `refund_amount` (what those units cost after discounts, with their tax and shipping share).
struct ReturnReceived {
  static constexpr EventName kName{kTopic, "order.return_received", 1};
  std::string order_id;
  std::string return_id;
  std::vector<ShippedLine> lines;
  std::int64_t refund_amount = 0;  // minor units of currency
  std::string currency;
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(ReturnReceived, (), (order_id, return_id, lines, refund_amount, currency))

// The order ends without being fulfilled: inventory releases its stock, the payment module voids an
// authorization (or refunds a capture), the cart gives back its discount codes and, when the order
// never was placed (`reopen_cart`), becomes usable again.
struct Cancelled {
  static constexpr EventName kName{kTopic, "order.cancelled", 1};
  std::string order_id;
  std::string reason;  // out_of_stock, payment_failed, payment_timeout, customer, staff
  std::optional<std::string> cart_id;
  bool reopen_cart = false;
  std::optional<std::string> customer_id;
  std::string key() const { return order_id; }
};
BOOST_DESCRIBE_STRUCT(Cancelled, (), (order_id, reason, cart_id, reopen_cart, customer_id))

}  // namespace agora::order::events
