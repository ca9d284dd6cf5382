#include "app/payment_changes.hpp"

#include "store/call_store.hpp"
#include "store/payment_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/ids.hpp>
#include <agora/payment/events.hpp>

namespace agora::payment {

std::optional<Call> save(Tx& tx, const Change& change, Timestamp now, PaymentRunner& runner) {
  if (!change.start) {
    payment_store::update(tx.sql(), change.payment);
    announce(tx, change);
    return std::nullopt;
  }
  auto p = change.payment;
  p.lease_until = runner.lease_from(now);  // the call is this runner's to make once this commits
  payment_store::update(tx.sql(), p);
  auto started = started_call(p.id, *change.start, new_id(), now);
  call_store::insert(tx.sql(), started);
  tx.after_commit([&runner, id = p.id, until = *p.lease_until] { runner.submit(id, until); });
  announce(tx, change);
  return started;
}

void announce(Tx& tx, const Change& change) {
  const auto& p = change.payment;
  switch (change.announce) {
    case Announcement::none:
      return;
    case Announcement::authorized:
      tx.publish(events::Authorized{p.id, p.order_id, p.gateway, p.amount, p.currency});
      return;
    case Announcement::requires_action:
      tx.publish(events::ActionRequired{p.id, p.order_id, "redirect", p.action_url.value_or("")});
      return;
    case Announcement::failed:
      tx.publish(events::Failed{p.id, p.order_id, p.failure_code.value_or(""), p.failure_message.value_or("")});
      return;
    case Announcement::succeeded:
      tx.publish(events::Succeeded{p.id, p.order_id, p.captured, p.currency});
      return;
    case Announcement::voided:
      tx.publish(events::Voided{p.id, p.order_id});
      return;
    case Announcement::refunded:
      tx.publish(events::Refunded{p.id, p.order_id, change.refund_id, change.refund_amount, p.refunded, p.currency});
      return;
  }
}

}  // namespace agora::payment
