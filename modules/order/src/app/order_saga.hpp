#pragma once
// The order's side of the checkout saga: each step an idempotent reaction to an inventory or payment
// event, moving the order by its status rules and publishing the next event in the same transaction.
// A redelivered event finds the order moved on already and changes nothing.
#include "domain/order.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/db.hpp>
#include <agora/inventory/events.hpp>
#include <agora/payment/events.hpp>

#include <string>

namespace agora::order {

class OrderSaga {
 public:
  OrderSaga(const Clock& clock, std::string region) : clock_(clock), region_(std::move(region)) {}

  // Stock reserved: ask for the payment (or place at once an order that costs nothing).
  void on_reserved(Tx& tx, const inventory::events::Reserved& e);
  // Stock short: cancelled for out_of_stock, the short lines kept. Pending: nothing was charged.
  // Placed (its reservation expired just before and the units were sold): the payment goes back.
  void on_reservation_failed(Tx& tx, const inventory::events::ReservationFailed& e);
  // The reservation ran out before the payment completed: cancelled for payment_timeout.
  void on_reservation_expired(Tx& tx, const inventory::events::Expired& e);

  void on_authorized(Tx& tx, const payment::events::Authorized& e);  // placed, numbered
  void on_action_required(Tx& tx, const payment::events::ActionRequired& e);
  void on_payment_failed(Tx& tx, const payment::events::Failed& e);  // cancelled for payment_failed
  void on_captured(Tx& tx, const payment::events::Succeeded& e);     // paid
  void on_voided(Tx& tx, const payment::events::Voided& e);
  void on_refunded(Tx& tx, const payment::events::Refunded& e);

 private:
  // The order locked for a change; nullopt (logged) for an order this module does not know.
  std::optional<Order> load(Tx& tx, const std::string& order_id, std::string_view event);

  const Clock& clock_;
  std::string region_;
};

}  // namespace agora::order
