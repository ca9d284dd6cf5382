#pragma once
// Checkout: a cart becomes a pending order and order.created, once per caller and Idempotency-Key.
#include "domain/order.hpp"
#include "options.hpp"

#include <agora/cart/api.hpp>
#include <agora/core/clock.hpp>
#include <agora/core/db.hpp>
#include <agora/fx/api.hpp>
#include <agora/payment/api.hpp>
#include <agora/user/api.hpp>

#include <string>

namespace agora::order {

struct CheckoutRequest {
  std::string cart_id;
  payment::PaymentMethod payment;
  std::string email;            // "" for a customer: their account's
  std::string request_hash;     // SHA-256 of the body: the same key on another body is refused
  std::string idempotency_key;  // the caller's: one order per key
};

// Who checks out: a signed-in customer, or a guest holding the cart's token.
struct Buyer {
  std::string customer_id;  // "" for a guest
  std::string cart_token;
};

struct Checkout {
  Order order;
  bool created = false;  // false: the key's order, made by an earlier request
};

class CheckoutService {
 public:
  CheckoutService(Database& db, cart::Api& carts, fx::Api& fx, payment::Api& payments, user::Api& users,
                  const Clock& clock, const Options& options);

  // The order made of the cart, or the one this key made before. Error{validation} for a bad
  // payment method, an incomplete cart, a guest without email, or the key used for another request;
  // Error{not_found} for no active cart the buyer may see; Error{conflict} naming the lines whose
  // price rose or stock fell short, or the order the cart is being checked out as.
  Checkout start(const CheckoutRequest& request, const Buyer& buyer);

 private:
  std::optional<Order> replay(const std::string& caller, const std::string& key, const std::string& request_hash);
  std::string email_of(const CheckoutRequest& request, const Buyer& buyer);
  [[noreturn]] void no_cart(const std::string& cart_id);

  Database& db_;
  cart::Api& carts_;
  fx::Api& fx_;
  payment::Api& payments_;
  user::Api& users_;
  const Clock& clock_;
  const Options& options_;
};

}  // namespace agora::order
