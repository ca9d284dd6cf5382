#pragma once
// Who an order's messages go to, as the notification module remembers it from the order's events.
#include <agora/core/clock.hpp>

#include <optional>
#include <string>

namespace agora::notification {

struct OrderContact {
  std::string order_id;
  std::optional<std::string> number;  // once placed
  std::optional<std::string> customer_id;
  std::string email;
  std::string currency;
  Timestamp created_at;
};

}  // namespace agora::notification
