#pragma once
// cart::Api: what other modules may ask the cart (platform.services.get<cart::Api>()): the order
// module freezes a cart at checkout and marks it checked out once the order exists.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace agora::cart {

struct SnapshotLine {
  std::string sku;
  std::string product_id;
  std::string title;
  std::int64_t quantity = 0;
  std::int64_t unit_price = 0;        // minor units of the cart's currency, now
  std::int64_t added_unit_price = 0;  // when the line was added
  bool price_converted = false;       // no price in the cart's currency: converted from the catalog's base
  std::int64_t subtotal = 0, discount = 0, shipping = 0, tax = 0, total = 0;
};

struct SnapshotAddress {
  std::string recipient, line1, line2, city, region, postal_code, country, phone;
};

// Something that stands in the way of buying a line or the cart as it is. code: price_changed, short,
// out_of_stock, not_for_sale, unknown_sku (a line: sku set); shipping_method_unavailable,
// discount_not_applied (the cart).
struct SnapshotProblem {
  std::string code;
  std::string sku;
  std::string message;
};

// A cart priced as it stands, every amount in minor units of `currency`; lines that cannot be bought
// now (not for sale, out of stock) are left out and named in `problems`.
struct CartSnapshot {
  std::string cart_id;
  std::int64_t version = 0;
  std::string customer_id;  // "" for a guest cart
  std::string currency;
  bool tax_inclusive = false;
  std::vector<SnapshotLine> lines;
  std::int64_t subtotal = 0, discount = 0, shipping = 0, tax = 0, total = 0;
  std::string shipping_method_id;           // "" when none applies
  std::vector<std::string> discount_codes;  // those that apply
  std::optional<SnapshotAddress> shipping_address, billing_address;
  std::vector<SnapshotProblem> problems;  // what changed since a line was added, what was left out
};

class Api {
 public:
  static constexpr std::string_view kModule = "cart";  // the module that provides it
  virtual ~Api() = default;
  // The active cart `cart_id` of `customer_id` ("" with the guest cart's token); nullopt when the
  // caller may not see it or it is not active.
  virtual std::optional<CartSnapshot> snapshot(std::string_view cart_id, std::string_view customer_id,
                                               std::string_view cart_token = {}) = 0;
  // The cart became order `order_id`: it stops being active (cart.checked_out). Again for the
  // same order changes nothing; Error{conflict} when it is not active for another reason.
  virtual void mark_checked_out(std::string_view cart_id, std::string_view order_id) = 0;
  // Order `order_id` ended before it was placed: the cart it checked out is active again
  // (cart.reopened), as it was. Nothing changes when the cart is not checked out by that order.
  virtual void reopen(std::string_view cart_id, std::string_view order_id) = 0;
};

}  // namespace agora::cart
