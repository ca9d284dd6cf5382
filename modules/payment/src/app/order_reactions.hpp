#pragma once
// The payment's steps of the checkout saga, one per order event, each in the transaction that
// handles the event. A redelivered event changes nothing twice: a payment per order, and each step
// acts only on the status it moves the payment from.
#include "app/payment_runner.hpp"
#include "gateways/gateways.hpp"

#include <agora/core/clock.hpp>
#include <agora/order/events.hpp>

namespace agora {
class Tx;
}

namespace agora::payment {

enum class CaptureMode {
  immediate,       // order.placed captures at once
  at_fulfillment,  // order.placed leaves the authorization for the first fulfillment to capture
};

class OrderReactions {
 public:
  OrderReactions(const Clock& clock, const Gateways& gateways, PaymentRunner& runner, CaptureMode capture)
      : clock_(clock), gateways_(gateways), runner_(runner), capture_(capture) {}

  // Makes the order's payment and its authorize call. A gateway not configured here, or a token that
  // looks like a card number (which is not stored), fails it at once. A payload no payment can be
  // made of (no positive amount, an unknown currency) is dead-lettered.
  void on_payment_requested(Tx& tx, const order::events::PaymentRequested& requested);
  // Captures an authorized payment (capture mode immediate).
  void on_placed(Tx& tx, const order::events::Placed& placed);
  // Captures an authorized payment (capture mode at_fulfillment): the first shipment takes the whole
  // authorized amount; later ones find it captured.
  void on_fulfillment_created(Tx& tx, const order::events::FulfillmentCreated& created);
  // Voids an authorization, refunds a capture, or marks the call that is out to be undone once answered.
  void on_cancelled(Tx& tx, const order::events::Cancelled& cancelled);
  // Refunds what the received return is worth (never more than is left of the capture).
  void on_return_received(Tx& tx, const order::events::ReturnReceived& received);

 private:
  void capture(Tx& tx, const std::string& order_id);

  const Clock& clock_;
  const Gateways& gateways_;
  PaymentRunner& runner_;
  const CaptureMode capture_;
};

}  // namespace agora::payment
