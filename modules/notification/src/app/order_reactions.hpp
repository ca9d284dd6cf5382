#pragma once
// What order events make the notification module do: record the message each one causes, in the
// event's transaction, and hand it to the sender once that commits.
#include "app/message_sender.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/events.hpp>
#include <agora/order/events.hpp>

#include <string>

namespace agora {
class Tx;
}

namespace agora::notification {

class OrderReactions {
 public:
  OrderReactions(const Clock& clock, MessageSender& sender, std::string shop_name, std::string locale);
  // The order confirmation, to the order's email (a customer's or a guest's).
  void on_placed(Tx& tx, const order::events::Placed& e, const Event& envelope);

 private:
  const Clock& clock_;
  MessageSender& sender_;
  const std::string shop_name_;
  const std::string locale_;
};

}  // namespace agora::notification
