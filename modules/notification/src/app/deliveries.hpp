#pragma once
// The admins' view of deliveries: every message on every channel, listed newest first and filtered,
// read one by one, and resent: a new message copying the original (a new id, dedupe key
// "resend/<original id>/<new id>"), queued and handed to the sender once it commits. An in-app
// message is not resent: it is in the user's inbox already.
#include "app/message_sender.hpp"
#include "domain/message.hpp"
#include "domain/message_filter.hpp"

#include <agora/core/clock.hpp>

#include <string>
#include <vector>

namespace agora {
class Database;
}

namespace agora::notification {

struct MessagePage {
  std::vector<Message> items;
  std::string next_cursor;  // "" on the last page
};

class Deliveries {
 public:
  Deliveries(Database& db, const Clock& clock, MessageSender& sender) : db_(db), clock_(clock), sender_(sender) {}
  // Error{validation} for a cursor that is no message.
  MessagePage list(const MessageFilter& filter, int limit, const std::string& cursor);
  // Error{not_found} when there is no such message.
  Message get(const std::string& id);
  // The new message; Error{not_found} when there is no such message, Error{conflict} for an in-app one
  // (it stays in the user's inbox).
  Message resend(const std::string& id);

 private:
  Database& db_;
  const Clock& clock_;
  MessageSender& sender_;
};

}  // namespace agora::notification
