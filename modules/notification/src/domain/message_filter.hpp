#pragma once
// What the admins' list of deliveries is narrowed to: each set field must match.
#include "domain/message.hpp"

#include <optional>
#include <string>

namespace agora::notification {

struct MessageFilter {
  std::optional<Status> status;
  std::optional<std::string> channel;
  std::optional<std::string> template_name;
  std::optional<std::string> recipient;
  std::optional<std::string> user_id;
};

}  // namespace agora::notification
