#pragma once
// Turns what an event asks to tell someone into messages: one per channel the recipient gets (their
// preferences for the message's category, among the channels that reach them), recorded in the
// event's transaction and handed to the sender once it commits. An in-app message is rendered and
// stored in the user's inbox in that transaction, born sent. The same notice arriving again makes
// no other message (one per dedupe key, channel and recipient).
#include "app/inbox.hpp"
#include "app/message_sender.hpp"
#include "app/template_lookup.hpp"
#include "domain/channels.hpp"

#include <agora/core/clock.hpp>
#include <agora/core/events.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace agora {
class Metrics;
class Tx;
}  // namespace agora
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
  // The channels it may go on; empty: any. A link that proves the address goes by email only.
  std::vector<std::string> only;
};

class MessageIntake {
 public:
  MessageIntake(const Clock& clock, Metrics& metrics, MessageSender& sender, const TemplateLookup& templates,
                Inbox& inbox, user::Api& users, std::string default_locale);
  // Records the notice's messages in `tx` (none when no channel reaches the recipient).
  void enqueue(Tx& tx, const Event& envelope, const Notice& notice);

 private:
  // Renders the in-app message and stores it in the inbox, sent (or failed: its template does not render).
  void deliver_in_app(Tx& tx, Message& m);

  const Clock& clock_;
  Metrics& metrics_;
  MessageSender& sender_;
  const TemplateLookup& templates_;
  Inbox& inbox_;
  user::Api& users_;
  const std::string default_locale_;
};

}  // namespace agora::notification
