#pragma once
// An order as a value: what was bought at which prices, where it goes, and where it stands.
#include "domain/order_status.hpp"

#include <agora/core/clock.hpp>
#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace agora::order {

struct Address {
  std::string recipient, line1, line2, city, region, postal_code, country, phone;
};
BOOST_DESCRIBE_STRUCT(Address, (), (recipient, line1, line2, city, region, postal_code, country, phone))

// A line as bought; amounts in minor units of the order's currency.
struct OrderLine {
  int position = 0;
  std::string sku, product_id, title;
  std::int64_t quantity = 0;
  std::int64_t unit_price = 0;
  bool price_converted = false;  // no price in the order's currency: converted at the locked rate
  std::int64_t subtotal = 0, discount = 0, shipping = 0, tax = 0, total = 0;
};
BOOST_DESCRIBE_STRUCT(OrderLine, (),
                      (position, sku, product_id, title, quantity, unit_price, price_converted, subtotal, discount,
                       shipping, tax, total))

// A line the stock could not cover when the order was cancelled for it.
struct ShortLine {
  std::string sku;
  std::int64_t requested = 0;
  std::int64_t available = 0;
};
BOOST_DESCRIBE_STRUCT(ShortLine, (), (sku, requested, available))

// A shipment of some of the order's units.
struct FulfilledLine {
  int position = 0;  // the order line's
  std::int64_t quantity = 0;
};

struct Fulfillment {
  std::string id;
  std::string carrier;
  std::string tracking_number;
  Timestamp created_at;
  std::optional<Timestamp> delivered_at;
  std::vector<FulfilledLine> lines;
};

// Units sent back by the buyer: requested, then received by staff (refund_amount set then).
struct Return {
  std::string id;
  std::string status;  // requested, received
  std::string reason;
  std::int64_t refund_amount = 0;
  Timestamp created_at;
  std::optional<Timestamp> received_at;
  std::vector<FulfilledLine> lines;  // order line positions and units
};

struct Order {
  std::string id;
  std::string number;  // "" until placed
  OrderStatus status = OrderStatus::pending;
  PaymentStatus payment_status = PaymentStatus::not_started;
  std::string cancel_reason;
  std::string customer_id;  // "" for a guest
  std::string email;
  std::string cart_id;
  std::string caller;  // whose idempotency key: user:<id> or cart:<id>
  std::string idempotency_key;
  std::string request_hash;
  std::string currency;
  bool tax_inclusive = false;
  std::int64_t subtotal = 0, discount = 0, shipping = 0, tax = 0, total = 0;
  std::string base_currency;
  std::optional<std::int64_t> base_total;
  Timestamp rate_locked_at;
  std::string shipping_method_id;
  std::vector<std::string> discount_codes;
  Address shipping_address;
  std::optional<Address> billing_address;
  std::string payment_gateway;
  std::string payment_token;  // the gateway's token for the buyer's payment method
  std::string return_url;
  std::string payment_id;
  std::string action_url;
  std::vector<ShortLine> short_lines;
  std::int64_t captured = 0, refunded = 0;
  Timestamp created_at, updated_at;
  std::optional<Timestamp> placed_at, paid_at, cancelled_at, delivered_at, completed_at;
  std::vector<OrderLine> lines;
  std::vector<Fulfillment> fulfillments;  // read with the order by id only
  std::vector<Return> returns;            // read with the order by id only
};
BOOST_DESCRIBE_STRUCT(Order, (),
                      (id, number, status, payment_status, cancel_reason, customer_id, email, cart_id, caller,
                       idempotency_key, request_hash, currency, tax_inclusive, subtotal, discount, shipping, tax, total,
                       base_currency, base_total, rate_locked_at, shipping_method_id, discount_codes, shipping_address,
                       billing_address, payment_gateway, payment_token, return_url, payment_id, action_url, short_lines,
                       captured, refunded, created_at, updated_at, placed_at, paid_at, cancelled_at, delivered_at,
                       completed_at, lines, fulfillments, returns))

}  // namespace agora::order
