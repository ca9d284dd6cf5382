#include "app/order_reactions.hpp"

#include "app/payment_changes.hpp"
#include "domain/card_number.hpp"
#include "store/call_store.hpp"
#include "store/payment_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/ids.hpp>
#include <agora/core/money.hpp>

namespace agora::payment {
namespace {

void check(const order::events::PaymentRequested& r) {
  std::string wrong;
  if (!is_uuid(r.order_id))
    wrong = "order_id is not a uuid";
  else if (r.customer_id && !is_uuid(*r.customer_id))
    wrong = "customer_id is not a uuid";
  else if (r.amount <= 0)
    wrong = "amount is not positive";
  else if (!find_currency(r.currency))
    wrong = "currency is not ISO 4217";
  if (!wrong.empty()) throw UnreadableEvent("order.payment_requested: " + wrong);
}

Payment payment_of(const order::events::PaymentRequested& r, Timestamp now) {
  Payment p;
  p.id = new_id();
  p.order_id = r.order_id;
  p.customer_id = r.customer_id;
  p.email = r.email;
  p.gateway = r.gateway;
  p.token = r.token;
  p.return_url = r.return_url;
  p.amount = r.amount;
  p.currency = r.currency;
  p.created_at = p.updated_at = now;
  return p;
}

// A payment refused before any call: failed at once, with nothing to undo.
void refuse(Payment& p, std::string code, std::string message) {
  p.status = Status::failed;
  p.failure_code = std::move(code);
  p.failure_message = std::move(message);
}

}  // namespace

void OrderReactions::on_payment_requested(Tx& tx, const order::events::PaymentRequested& requested) {
  check(requested);
  const auto now = clock_.now();
  auto p = payment_of(requested, now);
  if (looks_like_card_number(p.token)) {
    p.token.clear();  // never stored
    refuse(p, "invalid_payment_method", "a card number was sent instead of the gateway's token");
  } else if (!gateways_.find(p.gateway)) {
    refuse(p, "gateway_unavailable", "the gateway " + p.gateway + " is not one of this shop's");
  } else {
    p.lease_until = runner_.lease_from(now);  // the authorize call is this runner's once this commits
  }
  if (!payment_store::insert(tx.sql(), p)) return;  // redelivered: the order has its payment
  if (p.status == Status::failed) return announce(tx, Change{p, std::nullopt, Announcement::failed});
  call_store::insert(tx.sql(), started_call(p.id, {CallKind::authorize, p.amount}, new_id(), now));
  tx.after_commit([this, id = p.id, until = *p.lease_until] { runner_.submit(id, until); });
}

void OrderReactions::on_placed(Tx& tx, const order::events::Placed& placed) {
  if (capture_ == CaptureMode::immediate) capture(tx, placed.order_id);
}

void OrderReactions::on_fulfillment_created(Tx& tx, const order::events::FulfillmentCreated& created) {
  if (capture_ == CaptureMode::at_fulfillment) capture(tx, created.order_id);
}

void OrderReactions::capture(Tx& tx, const std::string& order_id) {
  if (!is_uuid(order_id)) return;
  const auto p = payment_store::lock_by_order(tx.sql(), order_id);
  if (!p) return;
  const auto now = clock_.now();
  if (const auto change = start_capture(*p, now)) save(tx, *change, now, runner_);
}

void OrderReactions::on_cancelled(Tx& tx, const order::events::Cancelled& cancelled) {
  if (!is_uuid(cancelled.order_id)) return;  // no payment has such an order id
  const auto p = payment_store::lock_by_order(tx.sql(), cancelled.order_id);
  if (!p) return;  // cancelled before payment was asked for (out of stock)
  const auto now = clock_.now();
  if (const auto change = on_order_cancelled(*p, now)) save(tx, *change, now, runner_);
}

void OrderReactions::on_return_received(Tx& tx, const order::events::ReturnReceived& received) {
  if (received.refund_amount <= 0 || !is_uuid(received.order_id)) return;
  const auto p = payment_store::lock_by_order(tx.sql(), received.order_id);
  if (!p) return;
  const auto now = clock_.now();
  if (const auto change = refund_on_return(*p, received.refund_amount, now)) save(tx, *change, now, runner_);
}

}  // namespace agora::payment
