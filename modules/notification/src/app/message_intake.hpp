#pragma once
// Turns what an event asks to tell someone into messages: one per channel the recipient gets (their
// preferences for the message's category, among the channels that reach them), recorded in the
// event's transaction and handed to the sender once it commits. The same notice arriving again
// makes no other message (one per dedupe key, channel and recipient).
#include "app/message_sender.hpp"
#include "domain/channels.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/events.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace agora {
class Tx;
}
namespace agora::user {
class Api;
}

namespace agora::notification {

// What an event asks to tell one recipient.
struct Notice {
  std::string dedupe_key;  // the event by what it tells of ("order.placed/<order id>")
  std::string template_name;
  Category category = Category::order;
  std::optional<std::string> user_id;  // a user: their preferences, phone, locale and inbox
  std::string email;                   // the address the event gives; "" for the user's own
  boost::json::object values;          // what the template is rendered with
};

class MessageIntake {
 public:
  MessageIntake(const Clock& clock, MessageSender& sender, user::Api& users, std::string default_locale);
  // Records the notice's messages in `tx` (none when no channel reaches the recipient).
  void enqueue(Tx& tx, const Event& envelope, const Notice& notice);

 private:
  const Clock& clock_;
  MessageSender& sender_;
  user::Api& users_;
  const std::string default_locale_;
};

}  // namespace agora::notification
