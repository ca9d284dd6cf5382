#pragma once
// The rules of turning a priced cart into an order: what stands in the way (a price that rose since
// the line was added, a line short of stock or not for sale) and the order the cart becomes.
#include "domain/order.hpp"

#include <agora/cart/api.hpp>
#include <agora/core/error.hpp>

#include <optional>
#include <string>
#include <vector>

namespace agora::order {

// What checkout refuses a cart for: a line named by its SKU (or "" for the cart) and why.
struct Refusal {
  std::string sku;
  std::string code;  // price_increased, short, out_of_stock, not_for_sale, unknown_sku, shipping_method_unavailable
  std::string message;
};

// Empty when the cart may be bought as it stands; a price that fell since the line was added passes.
std::vector<Refusal> refusals(const cart::CartSnapshot& cart);

// Error{validation} when the cart cannot be an order whatever the stock and prices: no lines, no
// shipping address.
void require_complete(const cart::CartSnapshot& cart);

// What the checkout knows beyond the cart.
struct CheckoutFacts {
  std::string order_id;
  std::string email;
  std::string caller, idempotency_key, request_hash;
  std::string gateway, payment_token, return_url;
  std::string base_currency;
  std::optional<std::int64_t> base_total;
  Timestamp now;
};

// The pending order the cart becomes: its lines, amounts, addresses and codes as the cart priced them.
Order order_from(const cart::CartSnapshot& cart, const CheckoutFacts& facts);

}  // namespace agora::order
