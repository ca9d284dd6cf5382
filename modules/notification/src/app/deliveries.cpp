#include "app/deliveries.hpp"

#include "domain/channels.hpp"
#include "store/message_store.hpp"

#include <agora/core/db.hpp>
#include <agora/core/error.hpp>
#include <agora/core/ids.hpp>

namespace agora::notification {
namespace {

Error no_message(const std::string& id) { return Error(ErrorKind::not_found, "no message " + id); }
Error bad_cursor() {
  return Error(ErrorKind::validation, "invalid cursor", {{"cursor", "is not a cursor this list gave"}});
}

// A copy of the original to send again, from the start: queued, no attempt made.
Message copy_to_resend(const Message& original, Timestamp now) {
  Message m;
  m.id = new_id();
  m.event_id = original.event_id;
  m.event_type = original.event_type;
  m.dedupe_key = "resend/" + original.id + "/" + m.id;
  m.channel = original.channel;
  m.recipient = original.recipient;
  m.user_id = original.user_id;
  m.template_name = original.template_name;
  m.category = original.category;
  m.locale = original.locale;
  m.data = original.data;
  m.next_attempt_at = now;
  m.created_at = now;
  return m;
}

}  // namespace

MessagePage Deliveries::list(const MessageFilter& filter, int limit, const std::string& cursor) {
  if (!cursor.empty() && !is_uuid(cursor)) throw bad_cursor();
  auto conn = db_.acquire();
  if (!cursor.empty() && !message_store::load(*conn, cursor)) throw bad_cursor();
  MessagePage page{
      message_store::page(*conn, filter, limit + 1, cursor.empty() ? std::nullopt : std::optional<std::string>(cursor)),
      ""};
  if (page.items.size() > static_cast<std::size_t>(limit)) {
    page.items.pop_back();
    page.next_cursor = page.items.back().id;
  }
  return page;
}

Message Deliveries::get(const std::string& id) {
  if (!is_uuid(id)) throw no_message(id);
  auto conn = db_.acquire();
  auto m = message_store::load(*conn, id);
  if (!m) throw no_message(id);
  return std::move(*m);
}

Message Deliveries::resend(const std::string& id) {
  if (!is_uuid(id)) throw no_message(id);
  return db_.transact([&](Tx& tx) {
    const auto original = message_store::load(tx.sql(), id);
    if (!original) throw no_message(id);
    if (original->channel == kInApp)
      throw Error(ErrorKind::conflict,
                  "message " + id + " is an in-app message: it stays in the user's inbox and is not sent again");
    auto copy = copy_to_resend(*original, clock_.now());
    message_store::insert(tx.sql(), copy);
    tx.after_commit([this, id = copy.id] { sender_.submit(id); });
    return copy;
  });
}

}  // namespace agora::notification
