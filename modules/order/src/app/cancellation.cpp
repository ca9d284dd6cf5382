#include "app/cancellation.hpp"

#include "app/order_events.hpp"
#include "store/order_store.hpp"

namespace agora::order {

void cancel(Tx& tx, Order& o, const std::string& reason, const std::string& by, Timestamp now) {
  const auto from = o.status;
  require_move(from, OrderStatus::cancelled);
  o.status = OrderStatus::cancelled;
  o.cancel_reason = reason;
  o.action_url.clear();
  o.updated_at = now;
  o.cancelled_at = now;
  order_store::save(tx.sql(), o, from, by);
  tx.publish(cancelled_event(o, from == OrderStatus::pending || from == OrderStatus::awaiting_payment));
}

}  // namespace agora::order
