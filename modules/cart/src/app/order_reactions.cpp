#include "app/order_reactions.hpp"

#include <agora/cart/events.hpp>
#include <agora/core/error.hpp>

namespace agora::cart {
namespace {

struct Rejected {};  // unwinds the savepoint: no code of the order is counted

}  // namespace

void OrderReactions::on_created(Tx& tx, const order_events::Created& order) {
  const auto codes = order.discount_codes.value_or(std::vector<std::string>{});
  if (!codes.empty()) {
    std::vector<std::string> rejected;
    try {
      tx.savepoint([&] {
        for (const auto& code : codes) {
          bool counted = false;
          try {
            counted = rules_.redeem(tx, order.order_id, order.customer_id.value_or(""), code);
          } catch (const Error& e) {
            if (e.kind() != ErrorKind::not_found) throw;
          }
          if (!counted) rejected.push_back(code);
        }
        if (!rejected.empty()) throw Rejected{};
      });
      tx.publish(events::DiscountsRedeemed{order.order_id, codes});
    } catch (const Rejected&) {
      tx.publish(events::DiscountRejected{order.order_id, rejected});
    }
  }
  if (order.cart_id) {
    try {
      carts_.mark_checked_out(*order.cart_id, order.order_id);
    } catch (const Error& e) {
      // A cart that expired or was checked out by another order meanwhile has nothing to change.
      if (e.kind() != ErrorKind::not_found && e.kind() != ErrorKind::conflict) throw;
    }
  }
}

void OrderReactions::on_cancelled(Tx& tx, const order_events::Cancelled& order) {
  rules_.release(tx, order.order_id);
  if (order.cart_id && order.reopen_cart.value_or(false)) carts_.reopen(*order.cart_id, order.order_id);
}

}  // namespace agora::cart
