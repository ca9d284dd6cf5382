#include "app/order_saga.hpp"

#include "app/cancellation.hpp"
#include "app/order_events.hpp"
#include "store/order_store.hpp"

#include <agora/core/log.hpp>

namespace agora::order {

std::optional<Order> OrderSaga::load(Tx& tx, const std::string& order_id, std::string_view event) {
  auto o = order_store::lock_head(tx.sql(), order_id);
  if (!o)
    log::warn("order: an event for an order this module does not know", {{"type", event}, {"order_id", order_id}});
  return o;
}

void OrderSaga::on_reserved(Tx& tx, const inventory::events::Reserved& e) {
  if (!e.order_id) return;  // a direct reservation: not an order's
  auto o = load(tx, *e.order_id, e.kName.type);
  if (!o || o->status != OrderStatus::pending) return;
  const auto from = o->status;
  o->updated_at = clock_.now();
  if (o->total == 0) {
    o->status = OrderStatus::placed;
    o->payment_status = PaymentStatus::paid;
    o->number = order_store::next_number(tx.sql(), region_);
    o->placed_at = o->paid_at = o->updated_at;
    order_store::save(tx.sql(), *o, from, std::string(e.kName.type));
    tx.publish(placed_event(*o));
    return;
  }
  o->status = OrderStatus::awaiting_payment;
  o->payment_status = PaymentStatus::pending;
  order_store::save(tx.sql(), *o, from, std::string(e.kName.type));
  tx.publish(payment_requested_event(*o));
}

void OrderSaga::on_reservation_failed(Tx& tx, const inventory::events::ReservationFailed& e) {
  auto o = load(tx, e.order_id, e.kName.type);
  // Placed: its reservation expired just before and its units were sold meanwhile (the payment is
  // given back by the payment module, which hears order.cancelled).
  if (!o || (o->status != OrderStatus::pending && o->status != OrderStatus::placed)) return;
  for (const auto& s : e.short_lines) o->short_lines.push_back({s.sku, s.requested, s.available});
  cancel(tx, *o, "out_of_stock", std::string(e.kName.type), clock_.now());
}

void OrderSaga::on_reservation_expired(Tx& tx, const inventory::events::Expired& e) {
  if (!e.order_id) return;
  auto o = load(tx, *e.order_id, e.kName.type);
  if (!o || (o->status != OrderStatus::pending && o->status != OrderStatus::awaiting_payment)) return;
  cancel(tx, *o, "payment_timeout", std::string(e.kName.type), clock_.now());
}

void OrderSaga::on_authorized(Tx& tx, const payment::events::Authorized& e) {
  auto o = load(tx, e.order_id, e.kName.type);
  // A cancelled order's authorization is voided by the payment module, which heard order.cancelled.
  if (!o || o->status != OrderStatus::awaiting_payment) return;
  const auto from = o->status;
  o->status = OrderStatus::placed;
  o->payment_status = PaymentStatus::authorized;
  o->payment_id = e.payment_id;
  o->action_url.clear();
  o->number = order_store::next_number(tx.sql(), region_);
  o->updated_at = clock_.now();
  o->placed_at = o->updated_at;
  order_store::save(tx.sql(), *o, from, std::string(e.kName.type));
  tx.publish(placed_event(*o));
}

void OrderSaga::on_action_required(Tx& tx, const payment::events::ActionRequired& e) {
  auto o = load(tx, e.order_id, e.kName.type);
  if (!o || o->status != OrderStatus::awaiting_payment) return;
  o->payment_status = PaymentStatus::requires_action;
  o->payment_id = e.payment_id;
  o->action_url = e.url;
  o->updated_at = clock_.now();
  order_store::save(tx.sql(), *o, o->status, std::string(e.kName.type));
  tx.publish(events::ActionRequired{o->id, e.action, e.url});
}

void OrderSaga::on_payment_failed(Tx& tx, const payment::events::Failed& e) {
  auto o = load(tx, e.order_id, e.kName.type);
  if (!o) return;
  o->payment_id = e.payment_id;
  if (o->status != OrderStatus::awaiting_payment) {
    // Failed after the order ended another way (a timeout, a cancellation): the status stays.
    if (o->payment_status != PaymentStatus::failed) {
      o->payment_status = PaymentStatus::failed;
      o->updated_at = clock_.now();
      order_store::save(tx.sql(), *o, o->status, std::string(e.kName.type));
    }
    return;
  }
  o->payment_status = PaymentStatus::failed;
  cancel(tx, *o, "payment_failed", std::string(e.kName.type), clock_.now());
}

void OrderSaga::on_captured(Tx& tx, const payment::events::Succeeded& e) {
  auto o = load(tx, e.order_id, e.kName.type);
  if (!o || o->payment_status == PaymentStatus::paid) return;
  o->payment_status = PaymentStatus::paid;
  o->captured = e.amount;
  o->updated_at = clock_.now();
  o->paid_at = o->updated_at;
  order_store::save(tx.sql(), *o, o->status, std::string(e.kName.type));
}

void OrderSaga::on_voided(Tx& tx, const payment::events::Voided& e) {
  auto o = load(tx, e.order_id, e.kName.type);
  if (!o || o->payment_status == PaymentStatus::voided) return;
  o->payment_status = PaymentStatus::voided;
  o->updated_at = clock_.now();
  order_store::save(tx.sql(), *o, o->status, std::string(e.kName.type));
}

void OrderSaga::on_refunded(Tx& tx, const payment::events::Refunded& e) {
  auto o = load(tx, e.order_id, e.kName.type);
  if (!o || o->refunded >= e.refunded_total) return;
  o->refunded = e.refunded_total;
  o->payment_status = o->refunded >= o->captured ? PaymentStatus::refunded : PaymentStatus::partially_refunded;
  o->updated_at = clock_.now();
  order_store::save(tx.sql(), *o, o->status, std::string(e.kName.type));
}

}  // namespace agora::order
