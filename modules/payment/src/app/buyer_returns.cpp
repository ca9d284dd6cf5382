#include "app/buyer_returns.hpp"

#include "app/payment_changes.hpp"
#include "store/payment_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>

namespace agora::payment {

Returned BuyerReturns::returned(const std::string& order_id, const std::optional<std::string>& caller) {
  // Someone else's payment is not told apart from none, nor is an id that names no order.
  const auto not_found = [&] { return Error(ErrorKind::not_found, "order " + order_id + " has no payment of yours"); };
  if (!is_uuid(order_id)) throw not_found();
  return db_.transact([&](Tx& tx) {
    const auto p = payment_store::lock_by_order(tx.sql(), order_id);
    if (!p) throw not_found();
    if (p->customer_id && !caller) throw Error(ErrorKind::unauthorized, "sign in as the buyer of this order");
    if (p->customer_id && *p->customer_id != *caller) throw not_found();
    const auto now = clock_.now();
    const auto change = after_buyer_action(*p, now);
    if (!change) return Returned{p->status, false};
    save(tx, *change, now, runner_);
    return Returned{change->payment.status, true};
  });
}

}  // namespace agora::payment
