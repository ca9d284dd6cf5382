#pragma once
// What the cart does when orders are created and cancelled: discount codes are counted against
// their limits in the order's event transaction (exact under concurrent checkouts: a code's row is
// locked while it is counted), the cart is checked out, and a cancelled order gives its uses back.
#include "app/cart_service.hpp"
#include "app/pricing_rules_service.hpp"

#include <agora/cart/order_events.hpp>
#include <agora/core/db.hpp>

namespace agora::cart {

class OrderReactions {
 public:
  OrderReactions(PricingRulesService& rules, CartService& carts) : rules_(rules), carts_(carts) {}
  void on_created(Tx& tx, const order_events::Created& order);
  void on_cancelled(Tx& tx, const order_events::Cancelled& order);

 private:
  PricingRulesService& rules_;
  CartService& carts_;
};

}  // namespace agora::cart
