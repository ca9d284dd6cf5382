#pragma once
// What order and payment events make the notification module tell the buyer: the confirmation, the
// payment received or failed, each shipment with its tracking, each refund. It remembers each
// order's buyer from order.created and its number from order.placed, since the later events name
// only the order.
#include "app/message_intake.hpp"

#include <agora/core/events.hpp>
#include <agora/order/events.hpp>
#include <agora/payment/events.hpp>

#include <string>

namespace agora::notification {

class OrderReactions {
 public:
  OrderReactions(MessageIntake& intake, std::string shop_name);
  void on_created(Tx& tx, const order::events::Created& e, const Event& envelope);
  // The order confirmation, to the order's email (a customer's or a guest's) and the customer's
  // other chosen channels.
  void on_placed(Tx& tx, const order::events::Placed& e, const Event& envelope);
  void on_shipped(Tx& tx, const order::events::FulfillmentCreated& e, const Event& envelope);
  // The events below throw (and are retried) while the order's buyer is not known yet: its
  // order.created may come a moment later, being of another key.
  void on_payment_succeeded(Tx& tx, const payment::events::Succeeded& e, const Event& envelope);
  void on_payment_failed(Tx& tx, const payment::events::Failed& e, const Event& envelope);
  void on_refunded(Tx& tx, const payment::events::Refunded& e, const Event& envelope);

 private:
  MessageIntake& intake_;
  const std::string shop_name_;
};

}  // namespace agora::notification
