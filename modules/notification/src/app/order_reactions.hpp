#pragma once
// What order events make the notification module tell the buyer.
#include "app/message_intake.hpp"

#include <agora/core/events.hpp>
#include <agora/order/events.hpp>

#include <string>

namespace agora::notification {

class OrderReactions {
 public:
  OrderReactions(MessageIntake& intake, std::string shop_name);
  // The order confirmation, to the order's email (a customer's or a guest's) and the customer's
  // other chosen channels.
  void on_placed(Tx& tx, const order::events::Placed& e, const Event& envelope);

 private:
  MessageIntake& intake_;
  const std::string shop_name_;
};

}  // namespace agora::notification
