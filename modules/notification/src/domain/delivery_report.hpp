#pragma once
// What a provider reports of a message after it took it (an SMS's status callback), and what that
// makes of the message: delivered, or failed with the provider's reason.
#include "domain/message.hpp"

#include <optional>
#include <string>

namespace agora::notification {

struct DeliveryReport {
  enum class Outcome { delivered, failed };
  Outcome outcome = Outcome::delivered;
  std::string error;  // when failed: the provider's code and what it says
};

// The message after a report that arrived at `now`; nullopt when the report changes nothing. Only a
// sent message moves (to delivered, with delivered_at, or to failed, with the error), so a report
// arriving again, or after another final one, leaves the message as the first left it.
std::optional<Message> after_report(Message m, const DeliveryReport& r, Timestamp now);

}  // namespace agora::notification
