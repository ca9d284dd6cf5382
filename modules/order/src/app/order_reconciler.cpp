#include "app/order_reconciler.hpp"

#include "app/cancellation.hpp"
#include "store/order_store.hpp"

#include <agora/core/log.hpp>

namespace agora::order {

std::size_t OrderReconciler::cancel_stuck(int batch) {
  return db_.transact([&](Tx& tx) {
    const auto now = clock_.now();
    auto stuck = order_store::stuck(tx.sql(), now - stuck_after_, batch);
    for (auto& o : stuck) {
      log::error(
          "order: cancelled an order the saga left unfinished",
          {{"order_id", o.id}, {"status", to_string(o.status)}, {"payment_status", to_string(o.payment_status)}});
      const auto reason = o.status == OrderStatus::pending ? "not_reserved" : "payment_timeout";
      cancel(tx, o, reason, "reconciler", now);
    }
    return stuck.size();
  });
}

}  // namespace agora::order
