#pragma once
// What the inventory's low-stock events make the notification module tell the staff: every active
// account with the warehouse role gets the alert on its chosen channels.
#include "app/message_intake.hpp"

#include <agora/core/events.hpp>
#include <agora/inventory/events.hpp>

#include <string>

namespace agora::user {
class Api;
}

namespace agora::notification {

class StockReactions {
 public:
  StockReactions(MessageIntake& intake, user::Api& users, std::string shop_name);
  void on_low_stock(Tx& tx, const inventory::events::LowStock& e, const Event& envelope);

 private:
  MessageIntake& intake_;
  user::Api& users_;
  const std::string shop_name_;
};

}  // namespace agora::notification
